//! Tokens of a stretch of article text: words, punctuation marks, and whole
//! top-level quotations as single tokens (attribution never looks inside a
//! quotation). Abbreviations keep their period (`U.S.`, `Mr.`); possessive
//! `’s` is split off its word.

use std::borrow::Cow;

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::one_of;
use nom::combinator::{recognize, verify};
use nom::multi::many0;
use nom::{IResult, Parser};

use super::quote::Quote;
use crate::grammar::{Grammar, WordClass};
use crate::text::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, number or abbreviation.
    Word,
    /// One punctuation character.
    Punct,
    /// A whole top-level quotation; the value indexes the scan's quote list.
    Quote(usize),
}

/// One token with its place in the original text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// The text as written.
    pub text: &'a str,
    /// The text in lower case (borrowed when already lower case).
    pub lower: Cow<'a, str>,
}

impl Token<'_> {
    /// Whether this is a word starting with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether this is the punctuation mark `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }

    /// Whether this is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether this is a quotation.
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::Quote(_))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A word: word characters joined by inner `.`, `'`, `’`, `-` or `&`.
fn word(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while1(is_word_char),
        many0((one_of(".'’-&"), take_while1(is_word_char))),
    ))
    .parse(input)
}

/// Whitespace, including the zero-width and byte-order marks.
fn space(input: &str) -> IResult<&str, &str> {
    take_while(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
    })
    .parse(input)
}

fn trailing_period(input: &str) -> IResult<&str, char> {
    verify(nom::character::complete::anychar, |c| *c == '.').parse(input)
}

/// Tokenizes `range` of `text`; `quotes` are the top-level quotations of the
/// article, sorted by start.
pub fn tokenize<'a>(
    text: &'a str,
    range: Span,
    quotes: &[Quote],
    quote_ids: &[usize],
    grammar: &Grammar,
) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut pos = range.start;
    let mut qi = quote_ids.partition_point(|&i| quotes[i].outer.start < range.start);
    while pos < range.end {
        let rest = &text[pos..range.end];
        let Ok((rest, _)) = space(rest) else { break };
        pos = range.end - rest.len();
        if rest.is_empty() {
            break;
        }
        if let Some(&id) = quote_ids.get(qi) {
            let q = &quotes[id];
            if q.outer.start == pos {
                let end = q.outer.end.min(range.end);
                push(&mut out, text, Span::new(pos, end), TokenKind::Quote(id));
                pos = end;
                qi += 1;
                continue;
            }
            if q.outer.start < pos {
                qi += 1;
                continue;
            }
        }
        let limit = quote_ids
            .get(qi)
            .map_or(range.end, |&id| quotes[id].outer.start.min(range.end));
        let piece = &text[pos..limit];
        match word(piece) {
            Ok((after, w)) => {
                let mut end = pos + w.len();
                if let Ok((_, '.')) = trailing_period(after) {
                    if keeps_period(w, grammar) {
                        end += 1;
                    }
                }
                let token_text = &text[pos..end];
                if let Some(stem) = possessive_stem(token_text) {
                    push(&mut out, text, Span::new(pos, pos + stem), TokenKind::Word);
                    push(&mut out, text, Span::new(pos + stem, end), TokenKind::Word);
                } else {
                    push(&mut out, text, Span::new(pos, end), TokenKind::Word);
                }
                pos = end;
            }
            Err(_) => {
                let c_len = piece.chars().next().map_or(1, char::len_utf8);
                push(
                    &mut out,
                    text,
                    Span::new(pos, pos + c_len),
                    TokenKind::Punct,
                );
                pos += c_len;
            }
        }
    }
    out
}

fn push<'a>(out: &mut Vec<Token<'a>>, text: &'a str, span: Span, kind: TokenKind) {
    let t = span.slice(text);
    // Most tokens are ASCII: test and fold them byte by byte.
    let lower = if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    } else if t.chars().any(char::is_uppercase) {
        Cow::Owned(t.to_lowercase())
    } else {
        Cow::Borrowed(t)
    };
    out.push(Token {
        span,
        kind,
        text: t,
        lower,
    });
}

/// Whether `w` followed by a period is an abbreviation (`Mr.`, `U.S.`, an initial).
fn keeps_period(w: &str, grammar: &Grammar) -> bool {
    let mut chars = w.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_capital || (w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.')) {
        return true;
    }
    let mut lower = w.to_lowercase();
    lower.push('.');
    grammar.is(&lower, WordClass::Abbreviation)
}

/// The byte length of the stem when `w` ends in a possessive `’s`/`'s`.
fn possessive_stem(w: &str) -> Option<usize> {
    let stem = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s"))?;
    (!stem.is_empty()).then_some(stem.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        let g = Grammar::bundled();
        let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g);
        let got: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn words_abbreviations_and_possessives() {
        check(
            "Mr. Smith’s U.S. plan, at 7:00 a.m. costs 3.5%.",
            &[
                "Mr.", "Smith", "’s", "U.S.", "plan", ",", "at", "7", ":", "00", "a.m.", "costs",
                "3.5", "%", ".",
            ],
        );
        check("J. Doe don't", &["J.", "Doe", "don't"]);
    }
}
