//! Grammar loading from arbitrary YAML text: `Ok` or `Err`, never a panic.
//! The input replaces one bundled file (chosen by its first byte), so that
//! a loaded grammar is complete and is then run on a few sentences.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use whosaid::grammar::Grammar;

const TEXT: &str = "\"We will act,\" the minister said. According to Mr. Smith, \
prices rose. She told reporters that “it was over.” It was denied by the Kremlin.";

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(yaml) = std::str::from_utf8(rest) else {
        return;
    };
    let files = Grammar::bundled_sources();
    let replaced = files[usize::from(which) % files.len()].0;
    let sources = files.iter().map(|(name, text)| {
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
