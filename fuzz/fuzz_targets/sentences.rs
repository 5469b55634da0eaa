//! Tokens and sentences of any text: no panic, tokens in order on character
//! boundaries, and sentences that cover every token exactly once.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::grammar::Grammar;
use whosaid::parse::{scan_quotes, sentences, tokenize};
use whosaid::text::{paragraphs, Span};

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::bundled);

fuzz_target!(|text: &str| {
    let g = &*GRAMMAR;
    let paras = paragraphs(text, 0);
    let scan = scan_quotes(text, &paras);
    let top: Vec<usize> = (0..scan.quotes.len())
        .filter(|&i| scan.quotes[i].depth == 0)
        .collect();
    let toks = tokenize(text, Span::new(0, text.len()), &scan.quotes, &top, g);
    let mut last = 0;
    for t in &toks {
        assert!(t.span.start >= last && !t.span.is_empty());
        assert_eq!(text.get(t.span.start..t.span.end), Some(t.text));
        last = t.span.end;
    }
    let mut next = 0;
    for r in sentences(&toks, text, &scan.quotes, g) {
        assert_eq!(r.start, next);
        assert!(r.end > r.start);
        next = r.end;
    }
    assert_eq!(next, toks.len());
});
