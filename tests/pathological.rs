//! Pathological inputs, one test each: the pipeline must not panic and must
//! give sane output (exact spans, sorted claims, distinct ids). Nothing here
//! is timed; `benches/scaling.rs` measures how the same inputs scale.

mod common;

use common::{check_analysis, inputs};
use whosaid::{analyze_document, grammar::Grammar, Analysis};

const MB: usize = 1 << 20;

/// Analyses `text`, checks the invariants, and checks that the output stays
/// proportional to the input: no claim content grows with the article (a
/// sentence is at most `MAX_SENTENCE` tokens, so a run-on with a cue every
/// few words gives a bounded multiple of its length, about 16x at worst
/// here, where it used to give thousands of times the input).
fn run(text: &str) -> Analysis {
    let a = analyze_document("x", text, &Grammar::bundled());
    check_analysis(text, &a);
    let total: usize = a.claims.iter().map(|c| c.content.span.text.len()).sum();
    assert!(
        total <= 32 * text.len() + 4096,
        "{total} bytes of content for {} bytes of text",
        text.len()
    );
    a
}

#[test]
fn ten_megabytes_in_one_paragraph() {
    let text = inputs::one_paragraph(10 * MB);
    assert!(text.len() >= 10 * MB && !text.contains('\n'));
    let seed = inputs::one_paragraph(1);
    let copies = text.len() / seed.len();
    let a = run(&text);
    // Every copy of the seed holds several attributed quotations.
    let small = run(&seed);
    assert!(small.claims.len() >= 3, "{:?}", small.claims);
    assert!(
        a.claims.len() >= copies * small.claims.len() / 2,
        "{} claims for {copies} copies",
        a.claims.len()
    );
    assert!(a.claims.iter().all(|c| c.content.paragraph == 0));
}

#[test]
fn a_megabyte_of_quotation_marks() {
    let text = inputs::quote_marks(MB);
    let a = run(&text);
    // Empty quotations give no claims, and there is nothing else to quote.
    assert!(a.claims.is_empty(), "{:?}", a.claims.first());
}

#[test]
fn a_megabyte_of_opening_marks() {
    let text = inputs::opening_marks(MB);
    let a = run(&text);
    assert!(a.claims.is_empty());
    assert!(!a.warnings.is_empty(), "unbalanced marks are reported");
}

#[test]
fn a_hundred_thousand_nested_quotes() {
    let text = inputs::nested_quotes(100_000);
    let a = run(&text);
    // The outermost quotation is one claim, attributed by the frame after it.
    let outer = a
        .claims
        .iter()
        .find(|c| c.content.span.byte_start == "“".len())
        .expect("the outer quotation is a claim");
    assert!(outer.content.span.text.contains("We will act now"));
    assert_eq!(
        outer.speaker.as_ref().map(|s| s.name.as_str()),
        Some("minister")
    );
    assert_eq!(outer.content.brackets.len(), 1);
}

#[test]
fn a_hundred_thousand_unclosed_nested_quotes() {
    let text = inputs::nested_unclosed(100_000);
    let a = run(&text);
    assert!(a.claims.is_empty());
}

#[test]
fn no_spaces_at_all() {
    let text = inputs::no_spaces(MB);
    assert!(!text.contains(' '));
    run(&text);
}

#[test]
fn combining_marks() {
    let text = inputs::combining_marks(MB);
    let a = run(&text);
    assert!(
        a.claims
            .iter()
            .any(|c| c.content.span.text == "a\u{301}ll is we\u{300}ll,"),
        "a quotation with combining marks is found"
    );
}

#[test]
fn rtl_and_zero_width_characters() {
    let text = inputs::rtl_zero_width(MB);
    let a = run(&text);
    assert!(!a.claims.is_empty());
}

#[test]
fn crlf_line_ends() {
    let text = inputs::crlf(MB);
    let a = run(&text);
    let lf = inputs::BASE;
    let crlf_one = lf.replace('\n', "\r\n");
    // CRLF gives the same claims as LF, at shifted offsets.
    let texts = |t: &str| -> Vec<String> {
        analyze_document("x", t, &Grammar::bundled())
            .claims
            .into_iter()
            .map(|c| c.content.span.text)
            .collect()
    };
    assert_eq!(texts(lf), texts(&crlf_one));
    assert!(a
        .claims
        .iter()
        .all(|c| !c.content.span.text.ends_with('\r')));
}

#[test]
fn byte_order_marks() {
    let text = inputs::bom(MB);
    let a = run(&text);
    // The header is read through the leading BOM.
    assert_eq!(a.article.date.as_deref(), Some("2025-03-03"));
    assert_eq!(a.article.outlet.as_deref(), Some("Wire"));
    assert!(!a.claims.is_empty());
    assert!(a
        .claims
        .iter()
        .all(|c| !c.content.span.text.starts_with('\u{FEFF}')));
}

#[test]
fn nul_bytes() {
    let text = inputs::nul_bytes(MB);
    let a = run(&text);
    assert!(!a.claims.is_empty());
}

#[test]
fn empty_and_whitespace_only_inputs() {
    for text in [
        "", " ", "\n", "\r\n\r\n", "\u{FEFF}", "\0", "\u{200B}", "“", "”",
    ] {
        let a = run(text);
        assert!(a.claims.is_empty(), "{text:?}");
    }
}

#[test]
fn references_with_nothing_to_refer_to() {
    let text = inputs::unresolvable_references(MB);
    let seed = inputs::unresolvable_references(1);
    let copies = text.len() / seed.len();
    let a = run(&text);
    assert_eq!(a.claims.len(), 4 * copies, "one claim per quotation");
    // `it` and `they` never stand for the person quoted before them.
    for c in &a.claims {
        let speaker = c.speaker.as_ref().map(|s| s.name.as_str());
        assert_ne!(
            (c.content.span.text.starts_with("Nothing"), speaker),
            (true, Some("Maria Lopez")),
        );
        assert_ne!(
            (c.content.span.text.starts_with("Every"), speaker),
            (true, Some("Maria Lopez")),
        );
    }
}
