//! Grammar loading from arbitrary YAML text: `Ok` or `Err`, never a panic.
//! The input replaces one bundled file (chosen by its first byte), so that
//! a loaded grammar is complete and is then run on a few sentences.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use whosaid::grammar::Grammar;

const FILES: [(&str, &str); 6] = [
    (
        "speech_verbs.yaml",
        include_str!("../../grammars/speech_verbs.yaml"),
    ),
    (
        "source_nouns.yaml",
        include_str!("../../grammars/source_nouns.yaml"),
    ),
    (
        "named_sources.yaml",
        include_str!("../../grammars/named_sources.yaml"),
    ),
    ("titles.yaml", include_str!("../../grammars/titles.yaml")),
    (
        "word_classes.yaml",
        include_str!("../../grammars/word_classes.yaml"),
    ),
    ("frames.yaml", include_str!("../../grammars/frames.yaml")),
];

const TEXT: &str = "\"We will act,\" the minister said. According to Mr. Smith, \
prices rose. She told reporters that “it was over.” It was denied by the Kremlin.";

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(yaml) = std::str::from_utf8(rest) else {
        return;
    };
    let replaced = FILES[usize::from(which) % FILES.len()].0;
    let sources = FILES.iter().map(|(name, text)| {
        let text = if *name == replaced { yaml } else { text };
        (PathBuf::from(name), text.to_string())
    });
    if let Ok(g) = Grammar::from_sources(sources) {
        let a = whosaid::analyze(TEXT, &g);
        for c in &a.claims {
            assert_eq!(
                TEXT.get(c.content.span.byte_start..c.content.span.byte_end),
                Some(c.content.span.text.as_str())
            );
        }
    }
});
