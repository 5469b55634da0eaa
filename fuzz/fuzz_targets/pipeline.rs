//! The whole pipeline on any text: no panic, every span slices to its text,
//! claims sorted with distinct ids, and the YAML output parses back.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::claim::TextSpan;
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output};

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::bundled);

fn check(text: &str, s: &TextSpan) {
    assert_eq!(text.get(s.byte_start..s.byte_end), Some(s.text.as_str()));
    let by_cps: String = text.chars().skip(s.start).take(s.end - s.start).collect();
    assert_eq!(by_cps, s.text);
}

fuzz_target!(|text: &str| {
    let a = analyze_document("fuzz", text, &GRAMMAR);
    for c in &a.claims {
        check(text, &c.content.span);
        c.content.brackets.iter().for_each(|b| check(text, b));
        if let Some(s) = &c.speaker {
            check(text, &s.mention);
        }
        if let Some(cue) = &c.cue {
            check(text, &cue.span);
        }
    }
    assert!(a
        .claims
        .windows(2)
        .all(|w| w[0].content.span.byte_start <= w[1].content.span.byte_start));
    let mut ids: Vec<&str> = a.claims.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.claims.len());
    let yaml = output::to_yaml(&a);
    let back: whosaid::Analysis = serde_yaml::from_str(&yaml).expect("the YAML parses back");
    assert_eq!(back.claims, a.claims);
});
