//! Tokens of a stretch of article text: words, punctuation marks, and whole
//! top-level quotations as single tokens (attribution never looks inside a
//! quotation). Abbreviations keep their period (`U.S.`, `Mr.`); possessive
//! `’s` is split off its word.

use std::borrow::Cow;

use nom::bytes::complete::take_while;
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::multi::fold_many0;
use nom::{IResult, Parser};

use super::quote::Quote;
use crate::grammar::{Grammar, Lexeme, VerbForm, WordClass};
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
    /// What the grammar knows about `lower`, looked up once.
    pub lex: Lexeme,
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

    /// Whether this is the possessive marker split off a word (`’s`).
    pub fn is_possessive(&self) -> bool {
        matches!(self.lower.as_ref(), "’s" | "'s")
    }

    /// Whether the lower-case text belongs to the closed word class `class`.
    pub fn is(&self, class: WordClass) -> bool {
        self.lex.classes().has(class)
    }

    /// The speech-verb form of the lower-case text, if it is one.
    pub fn verb(&self) -> Option<VerbForm> {
        self.lex.verb()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A word: word characters, joined by `.`, `'`, `’`, `-` or `&` when word
/// characters follow (`U.S`, `O’Neil`, `AT&T`, `well-known`).
fn word(input: &str) -> IResult<&str, &str> {
    recognize((
        word_chars,
        fold_many0((satisfy(is_joiner), word_chars), || (), |(), _| ()),
    ))
    .parse(input)
}

/// Whether `c` joins word characters into one word: `.`, `'`, `’`, `-`, `&`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '&')
}

/// A run of word characters: nom's `take_while1(is_word_char)`, with ASCII
/// bytes checked through a table (this runs over every byte of the text).
fn word_chars(input: &str) -> IResult<&str, &str> {
    match word_chars_end(input, 0) {
        0 => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::TakeWhile1,
        ))),
        end => Ok((&input[end..], &input[..end])),
    }
}

/// The ASCII word characters: letters, digits and `_`.
static ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The end of the run of word characters of `s` that starts at byte `from`.
fn word_chars_end(s: &str, from: usize) -> usize {
    let bytes = s.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !ASCII_WORD[b as usize] {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Whether `c` is whitespace, including the zero-width and byte-order marks.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
}

/// Whitespace, including the zero-width and byte-order marks.
fn space(input: &str) -> IResult<&str, &str> {
    take_while(is_space).parse(input)
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
    // About one token per five bytes of news text.
    let mut out = Vec::with_capacity(range.len() / 5 + 1);
    let mut pos = range.start;
    let mut qi = quote_ids.partition_point(|&i| quotes[i].outer.start < range.start);
    while pos < range.end {
        if let Ok((_, gap)) = space(&text[pos..range.end]) {
            pos += gap.len();
        }
        if pos >= range.end {
            break;
        }
        if let Some(&id) = quote_ids.get(qi) {
            let q = &quotes[id];
            if q.outer.start == pos {
                let end = q.outer.end.min(range.end);
                push(
                    &mut out,
                    text,
                    grammar,
                    Span::new(pos, end),
                    TokenKind::Quote(id),
                );
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
        match word(piece).map_or(0, |(_, w)| w.len()) {
            0 => {
                let c_len = piece.chars().next().map_or(1, char::len_utf8);
                push(
                    &mut out,
                    text,
                    grammar,
                    Span::new(pos, pos + c_len),
                    TokenKind::Punct,
                );
                pos += c_len;
            }
            n => {
                let w = &piece[..n];
                let mut end = pos + n;
                if piece[n..].starts_with('.') && keeps_period(w, grammar) {
                    end += 1;
                }
                let token_text = &text[pos..end];
                if let Some(stem) = possessive_stem(token_text) {
                    push(
                        &mut out,
                        text,
                        grammar,
                        Span::new(pos, pos + stem),
                        TokenKind::Word,
                    );
                    push(
                        &mut out,
                        text,
                        grammar,
                        Span::new(pos + stem, end),
                        TokenKind::Word,
                    );
                } else {
                    push(
                        &mut out,
                        text,
                        grammar,
                        Span::new(pos, end),
                        TokenKind::Word,
                    );
                }
                pos = end;
            }
        }
    }
    out
}

fn push<'a>(
    out: &mut Vec<Token<'a>>,
    text: &'a str,
    grammar: &Grammar,
    span: Span,
    kind: TokenKind,
) {
    let t = span.slice(text);
    if let TokenKind::Quote(_) = kind {
        // A quotation is one opaque token: no lexicon word is a quotation,
        // and nothing reads its lower case.
        out.push(Token {
            span,
            kind,
            text: t,
            lower: Cow::Borrowed(t),
            lex: Lexeme::default(),
        });
        return;
    }
    // Most tokens are ASCII: test and fold them byte by byte.
    let lower = if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    } else if has_uppercase(t) {
        Cow::Owned(to_lowercase(t))
    } else {
        Cow::Borrowed(t)
    };
    out.push(Token {
        span,
        kind,
        text: t,
        lex: grammar.lexeme(&lower),
        lower,
    });
}

/// Whether any character of `t` is upper case; ASCII letters are tested
/// byte by byte first.
fn has_uppercase(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_uppercase())
        || t.chars().any(|c| !c.is_ascii() && c.is_uppercase())
}

/// `t.to_lowercase()`, folding runs of ASCII in bulk: a quotation token is
/// mostly ASCII between non-ASCII marks, where the standard library goes
/// character by character. A capital sigma, whose lower case depends on
/// its neighbours, is left to the standard library.
fn to_lowercase(t: &str) -> String {
    if t.contains('Σ') {
        return t.to_lowercase();
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let at = out.len();
        out.push_str(&rest[..ascii]);
        out[at..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
    out
}

/// Whether `w` followed by a period is an abbreviation (`Mr.`, `U.S.`, an initial).
fn keeps_period(w: &str, grammar: &Grammar) -> bool {
    let mut chars = w.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_capital || (w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.')) {
        return true;
    }
    // Abbreviations are short: fold an ASCII word on the stack.
    let mut buf = [0u8; 16];
    if w.is_ascii() && w.len() < buf.len() {
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[w.len()] = b'.';
        let lower = &mut buf[..=w.len()];
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|l| grammar.is(l, WordClass::Abbreviation));
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
    fn case_folding_matches_the_standard_library() {
        for t in [
            "“We Will ACT,” she said",
            "«Ça va» — ÉTÉ ǅ",
            "ΟΔΟΣ Σ",
            "\u{0130}stanbul’s",
            "plain",
        ] {
            assert_eq!(to_lowercase(t), t.to_lowercase(), "{t}");
            assert_eq!(has_uppercase(t), t.chars().any(char::is_uppercase), "{t}");
        }
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

    #[test]
    fn joiners_join_only_word_characters() {
        check(
            "AT&T’s well-known O'Neil U.S. a--b x& -y",
            &[
                "AT&T",
                "’s",
                "well-known",
                "O'Neil",
                "U.S.",
                "a",
                "-",
                "-",
                "b",
                "x",
                "&",
                "-",
                "y",
            ],
        );
    }
}
