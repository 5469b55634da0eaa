//! Runs the `examples` of every bundled grammar file and of every entry in
//! it. An entry's example must be claimed by that entry: a frame's by the
//! frame, a speech verb's by a cue of the verb; a negative example
//! (`fires: false`, or `claims: 0`) must not be.

use whosaid::claim::{Claim, ClaimKind};
use whosaid::grammar::{Example, Expect, Grammar, GrammarFile};
use whosaid::{analyze, Analysis};

fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Direct => "direct",
        ClaimKind::Indirect => "indirect",
        ClaimKind::Mixed => "mixed",
    }
}

/// The entry an example belongs to, as far as a claim can show it.
#[derive(Clone, Copy)]
enum Origin<'a> {
    /// An example of the file as a whole.
    File,
    /// A frame's example: the claim's `frame` is `frames.<id>`.
    Frame(&'a str),
    /// A speech verb's example: the claim's cue has this lemma (and the
    /// verb's particle, if it has one).
    Verb(&'a str),
    /// Another entry's example (a title, a source): the claim shows no
    /// entry, so only the expectations as written are checked.
    Entry,
}

impl Origin<'_> {
    /// Whether the claim comes from the entry (`None`: the claim cannot tell).
    fn made(self, c: &Claim) -> Option<bool> {
        match self {
            Origin::File | Origin::Entry => None,
            Origin::Frame(id) => Some(c.frame == format!("frames.{id}")),
            // A particle verb's cue is reported with its particle
            // (`point out` for the entry `point`).
            Origin::Verb(lemma) => Some(c.cue.as_ref().is_some_and(|cue| {
                let lemma = lemma.to_lowercase();
                cue.lemma == lemma
                    || cue
                        .lemma
                        .strip_prefix(&lemma)
                        .is_some_and(|particle| particle.starts_with(' '))
            })),
        }
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

/// Whether an example shows its entry firing: it neither says `fires:
/// false` nor expects no claim at all.
fn positive(e: &Expect) -> bool {
    e.fires != Some(false) && e.claims != Some(0)
}

fn check(origin: Origin, e: &Expect, a: &Analysis) -> Result<(), String> {
    if let Some(n) = e.claims {
        if a.claims.len() != n {
            return Err(format!("expected {n} claims, got {:#?}", a.claims));
        }
    }
    let from_entry = |c: &Claim| origin.made(c);
    if e.fires.is_some() && matches!(origin, Origin::File | Origin::Entry) {
        return Err("`fires` belongs to the examples of a frame or a speech verb".into());
    }
    if let (Origin::Frame(id), true, Some(want)) = (origin, positive(e), &e.frame) {
        if want != id {
            return Err(format!("a positive example of {id} names frame {want}"));
        }
    }
    if e.fires == Some(false) {
        if let Some(c) = a.claims.iter().find(|c| from_entry(c) == Some(true)) {
            return Err(format!("the entry must not fire, but made {c:#?}"));
        }
    }
    let any_field = e.cue.is_some()
        || e.speaker.is_some()
        || e.content.is_some()
        || e.kind.is_some()
        || e.frame.is_some();
    let own = positive(e) && !matches!(origin, Origin::File | Origin::Entry);
    let wanted = |c: &Claim| fits(c, e) && (!own || from_entry(c) == Some(true));
    if (any_field || own) && !a.claims.iter().any(wanted) {
        return Err(format!("no claim fits {e:?}; got {:#?}", a.claims));
    }
    Ok(())
}

/// Every example of a file, file-wide ones first, with the entry each belongs to.
fn examples(file: &GrammarFile) -> impl Iterator<Item = (Origin<'_>, &Example)> {
    let whole = file.examples.iter().map(|ex| (Origin::File, ex));
    let entries = file.entries.iter().flat_map(move |entry| {
        let origin = match file.kind.as_str() {
            "frames" => Origin::Frame(&entry.entry),
            "speech_verbs" => Origin::Verb(&entry.entry),
            _ => Origin::Entry,
        };
        entry.examples.iter().map(move |ex| (origin, ex))
    });
    whole.chain(entries)
}

/// Runs the examples of every file of `language`'s bundled pack; returns
/// how many ran.
fn run_pack(language: &str, failures: &mut Vec<String>) -> usize {
    let grammar = Grammar::bundled_language(language).expect("a bundled pack");
    let mut ran = 0;
    for file in grammar.files() {
        for (origin, ex) in examples(file) {
            ran += 1;
            let analysis = analyze(&ex.text, &grammar);
            if let Err(e) = check(origin, &ex.expect, &analysis) {
                let entry = match origin {
                    Origin::Frame(key) | Origin::Verb(key) => format!(" {key}"),
                    Origin::File | Origin::Entry => String::new(),
                };
                failures.push(format!(
                    "{language}/{}{entry}: {:?}: {e}",
                    file.name, ex.text
                ));
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
    assert!(ran >= 60, "only {ran} grammar examples ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_frame_has_a_positive_example() {
    let grammar = Grammar::bundled();
    let frames = grammar
        .files()
        .iter()
        .find(|f| f.kind == "frames")
        .expect("a frames file");
    assert!(frames.entries.len() >= 20, "{}", frames.entries.len());
    let bare: Vec<&str> = frames
        .entries
        .iter()
        .filter(|e| !e.examples.iter().any(|ex| positive(&ex.expect)))
        .map(|e| e.entry.as_str())
        .collect();
    assert!(
        bare.is_empty(),
        "frames without a positive example: {bare:?}"
    );
}

#[test]
fn an_entry_example_must_come_from_its_entry() {
    let grammar = Grammar::bundled();
    let a = analyze(r#""We will act," the minister said."#, &grammar);
    let any = Expect::default();
    let not_fired = Expect {
        fires: Some(false),
        ..Expect::default()
    };
    assert!(check(Origin::Frame("quote_speaker_cue"), &any, &a).is_ok());
    assert!(check(Origin::Verb("say"), &any, &a).is_ok());
    assert!(check(Origin::Frame("quote_cue_speaker"), &any, &a).is_err());
    assert!(check(Origin::Verb("tell"), &any, &a).is_err());
    assert!(check(Origin::Verb("sa"), &any, &a).is_err());
    let particle = analyze(
        "The senator pointed out that the bill had passed.",
        &grammar,
    );
    assert!(check(Origin::Verb("point"), &any, &particle).is_ok());
    assert!(check(Origin::Frame("quote_cue_speaker"), &not_fired, &a).is_ok());
    assert!(check(Origin::Frame("quote_speaker_cue"), &not_fired, &a).is_err());
    assert!(check(Origin::File, &not_fired, &a).is_err());
    let other_frame = Expect {
        frame: Some("quote_cue_speaker".into()),
        ..Expect::default()
    };
    assert!(check(Origin::Frame("quote_speaker_cue"), &other_frame, &a).is_err());
}
