//! Runs the `examples` of every bundled grammar file.

use whosaid::claim::{Claim, ClaimKind};
use whosaid::grammar::{Expect, Grammar};
use whosaid::{analyze, Analysis};

fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

fn fits(c: &Claim, e: &Expect) -> bool {
    let speaker_ok = e.speaker.as_ref().is_none_or(|want| {
        c.speaker
            .as_ref()
            .is_some_and(|s| s.name == *want || s.mention.text == *want)
    });
    let cue_ok = e
        .cue
        .as_ref()
        .is_none_or(|want| c.cue.as_ref().is_some_and(|cue| cue.span.text == *want));
    let content_ok = e
        .content
        .as_ref()
        .is_none_or(|want| c.content.span.text == *want);
    let kind_ok = e.kind.as_ref().is_none_or(|want| kind_name(c.kind) == want);
    let frame_ok = e
        .frame
        .as_ref()
        .is_none_or(|want| c.frame == format!("frames.{want}"));
    speaker_ok && cue_ok && content_ok && kind_ok && frame_ok
}

fn check(file: &str, text: &str, e: &Expect, a: &Analysis) -> Result<(), String> {
    if let Some(n) = e.claims {
        if a.claims.len() != n {
            return Err(format!(
                "{file}: {text:?}: expected {n} claims, got {:#?}",
                a.claims
            ));
        }
    }
    let any_field = e.cue.is_some()
        || e.speaker.is_some()
        || e.content.is_some()
        || e.kind.is_some()
        || e.frame.is_some();
    if any_field && !a.claims.iter().any(|c| fits(c, e)) {
        return Err(format!(
            "{file}: {text:?}: no claim fits {e:?}; got {:#?}",
            a.claims
        ));
    }
    Ok(())
}

/// Runs the examples of every file of `language`'s bundled pack; returns
/// how many ran.
fn run_pack(language: &str, failures: &mut Vec<String>) -> usize {
    let grammar = Grammar::bundled_language(language).expect("a bundled pack");
    let mut ran = 0;
    for file in grammar.files() {
        for ex in &file.examples {
            ran += 1;
            let name = format!("{language}/{}", file.name);
            let analysis = analyze(&ex.text, &grammar);
            if let Err(e) = check(&name, &ex.text, &ex.expect, &analysis) {
                failures.push(e);
            }
        }
    }
    ran
}

#[test]
fn every_grammar_example_holds() {
    let mut failures = Vec::new();
    let mut ran = 0;
    let languages: Vec<&str> = Grammar::languages().collect();
    assert!(languages.len() >= 3, "bundled packs: {languages:?}");
    for language in languages {
        let n = run_pack(language, &mut failures);
        assert!(n >= 5, "only {n} examples ran for the {language} pack");
        ran += n;
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
