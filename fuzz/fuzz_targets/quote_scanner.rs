//! The quotation scanner over the paragraphs of any text: no panic, and
//! every quotation lies inside the text on character boundaries, its inner
//! span inside its outer span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::parse::scan_quotes;
use whosaid::text::paragraphs;

fuzz_target!(|text: &str| {
    let paras = paragraphs(text, 0);
    for p in &paras {
        assert!(text.get(p.span.start..p.span.end).is_some());
    }
    let scan = scan_quotes(text, &paras);
    for q in &scan.quotes {
        assert!(q.outer.contains(q.inner));
        assert!(text.get(q.outer.start..q.outer.end).is_some());
        assert!(text.get(q.inner.start..q.inner.end).is_some());
        for b in &q.brackets {
            assert!(q.inner.contains(*b));
            assert!(text.get(b.start..b.end).is_some());
        }
    }
    assert!(scan
        .quotes
        .windows(2)
        .all(|w| w[0].outer.start <= w[1].outer.start));
});
