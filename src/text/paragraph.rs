//! Paragraphs: every non-blank line is one (wire copy separates paragraphs
//! by blank lines or by single newlines; CRLF counts as a newline).

use super::Span;

/// One paragraph of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Zero-based paragraph number.
    pub index: usize,
    /// The paragraph's text, trimmed of surrounding whitespace.
    pub span: Span,
}

/// Splits `text[from..]` into paragraphs.
pub fn paragraphs(text: &str, from: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut line_start = from.min(text.len());
    loop {
        // The `memchr` crate searches a vector register at a time.
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |n| line_start + n);
        let span = Span::new(line_start, line_end).trim(text);
        if !span.is_empty() {
            out.push(Paragraph {
                index: out.len(),
                span,
            });
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_single_and_blank_lines_and_crlf() {
        let text = "One.\r\n\r\nTwo.\nThree.\r\n  \n";
        let got: Vec<&str> = paragraphs(text, 0)
            .iter()
            .map(|p| p.span.slice(text))
            .collect();
        assert_eq!(got, ["One.", "Two.", "Three."]);
    }
}
