//! Tokens of a stretch of article text: words, punctuation marks, and whole
//! top-level quotations as single tokens (attribution never looks inside a
//! quotation). Abbreviations keep their period (`U.S.`, `Mr.`); possessive
//! `’s` is split off its word.

use bumpalo::Bump;
use nom::character::complete::satisfy;
use nom::multi::fold_many0;
use nom::{IResult, Offset, Parser};

use super::quote::Quote;
use crate::grammar::{Grammar, Lexeme, PackedWord, VerbForm, WordClass};
use crate::text::search::partition_point_from;
use crate::text::{swar, Span};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, number or abbreviation.
    Word,
    /// One punctuation character.
    Punct,
    /// A whole top-level quotation; the value indexes the scan's quote list
    /// (32 bits keep the token small: an article has fewer quotations).
    Quote(u32),
}

/// One token with its place in the original text. Tokens are plain data
/// (72 bytes, copied without drops): a sentence's passes walk them many
/// times, so their size is the pipeline's working set.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// The text as written.
    pub text: &'a str,
    /// The text in lower case: `text` itself when already lower case, else
    /// a copy in the document's arena.
    pub lower: &'a str,
    /// What the grammar knows about `lower`, looked up once.
    pub lex: Lexeme,
}

// The size the doc comment above promises.
const _: () = assert!(std::mem::size_of::<Token>() == 72);

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
        matches!(self.lower, "’s" | "'s")
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

/// A token reads as its lower-case text where words are looked up in the
/// grammar's phrase tables (`grammar.title(&tokens[j..])`).
impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        self.lower
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
    let (mut rest, _) = word_chars(input)?;
    // Most words end at a byte that begins no joiner, where the fold below
    // would fail at once: it runs only after a byte that may begin one.
    if rest
        .as_bytes()
        .first()
        .is_some_and(|&b| MAY_START_JOINER[usize::from(b)])
    {
        (rest, ()) = fold_many0((satisfy(is_joiner), word_chars), || (), |(), _| ()).parse(rest)?;
    }
    Ok((rest, &input[..input.offset(rest)]))
}

/// Whether `c` joins word characters into one word: `.`, `'`, `’`, `-`, `&`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '&')
}

/// The bytes that may begin a joiner: the ASCII joiners and the lead byte
/// of `’` (0xE2).
static MAY_START_JOINER: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'-' as usize] = true;
    table[b'&' as usize] = true;
    table[0xE2] = true;
    table
};

/// A run of word characters: nom's `take_while1(is_word_char)`, with ASCII
/// bytes checked through a table (this runs over every byte of the text).
fn word_chars(input: &str) -> IResult<&str, &str> {
    match run_end(input, &ASCII_WORD, is_word_char) {
        0 => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::TakeWhile1,
        ))),
        end => Ok((&input[end..], &input[..end])),
    }
}

/// The ASCII word characters: letters, digits and `_`; indexed by any byte.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The ASCII whitespace of [`is_space`]; indexed by any byte.
static ASCII_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = is_ascii_space(b as u8);
        b += 1;
    }
    table
};

/// The end of the run of characters of `s` that satisfy `pred`, from its
/// start: ASCII bytes are looked up in `ascii` (which must agree with
/// `pred` on them and hold `false` for the bytes outside ASCII), and only
/// characters outside ASCII are decoded.
#[inline]
fn run_end(s: &str, ascii: &[bool; 256], pred: fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i += bytes[i..]
            .iter()
            .take_while(|&&b| ascii[usize::from(b)])
            .count();
        // The run stops at ASCII that fails `pred`, or at a character
        // outside ASCII, which may pass it.
        let c = match bytes.get(i) {
            Some(b) if !b.is_ascii() => s[i..].chars().next(),
            _ => None,
        };
        match c {
            Some(c) if pred(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

/// Whether `c` is whitespace, including the zero-width and byte-order marks.
/// ASCII, nearly every character of news text, is decided first.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return is_ascii_space(c as u8);
    }
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
}

/// The ASCII whitespace of `char::is_whitespace`, vertical tab included.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Whitespace, including the zero-width and byte-order marks: nom's
/// `take_while(is_space)`, with ASCII bytes checked through a table (this
/// runs before every token).
fn space(input: &str) -> IResult<&str, &str> {
    let end = run_end(input, &ASCII_SPACE, is_space);
    Ok((&input[end..], &input[..end]))
}

/// Tokenizes `range` of `text`; `quotes` are the top-level quotations of the
/// article, sorted by start. Lower-case copies of words that have capitals
/// go into `arena`, one per document, freed at once with it.
pub fn tokenize<'a>(
    text: &'a str,
    range: Span,
    quotes: &[Quote],
    quote_ids: &[usize],
    grammar: &Grammar,
    arena: &'a Bump,
) -> Vec<Token<'a>> {
    // About one token per five bytes of news text.
    let mut out = Vec::with_capacity(range.len() / 5 + 1);
    let mut pos = range.start;
    // Callers pass the ids from this range's first quotation on, so the
    // search ends at once.
    let mut qi = partition_point_from(quote_ids, 0, |&i| quotes[i].outer.start < range.start);
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
                // Quotation ids fit in 32 bits for any text under 4 GiB
                // (each quotation opens with a mark of its own).
                push(
                    &mut out,
                    grammar,
                    arena,
                    pos,
                    &text[pos..end],
                    TokenKind::Quote(id as u32),
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
        // Words and marks up to the next quotation, which stays the next
        // one all the way: none of them reaches its start.
        let limit = quote_ids
            .get(qi)
            .map_or(range.end, |&id| quotes[id].outer.start.min(range.end));
        words(&mut out, &text[pos..limit], pos, grammar, arena);
        pos = limit;
    }
    out
}

/// Tokenizes `stretch`, which starts at byte `start` of the text and holds no
/// quotation. Whitespace at its end may go on past it: [`tokenize`] skips
/// the rest.
fn words<'a>(
    out: &mut Vec<Token<'a>>,
    stretch: &'a str,
    start: usize,
    grammar: &Grammar,
    arena: &'a Bump,
) {
    let at = |rest: &str| start + stretch.len() - rest.len();
    let mut rest = stretch;
    loop {
        if let Ok((after, _)) = space(rest) {
            rest = after;
        }
        if rest.is_empty() {
            return;
        }
        let Ok((after, w)) = word(rest) else {
            let c_len = rest.chars().next().map_or(1, char::len_utf8);
            let (mark, after) = rest.split_at(c_len);
            push(out, grammar, arena, at(rest), mark, TokenKind::Punct);
            rest = after;
            continue;
        };
        let len = if after.starts_with('.') && keeps_period(w, &rest[..w.len() + 1], grammar) {
            w.len() + 1
        } else {
            w.len()
        };
        let (token, after) = rest.split_at(len);
        match possessive_stem(token) {
            Some(stem) => {
                let (stem, marker) = token.split_at(stem);
                push(out, grammar, arena, at(rest), stem, TokenKind::Word);
                push(
                    out,
                    grammar,
                    arena,
                    at(rest) + stem.len(),
                    marker,
                    TokenKind::Word,
                );
            }
            None => push(out, grammar, arena, at(rest), token, TokenKind::Word),
        }
        rest = after;
    }
}

/// Appends the token `t`, which starts at byte `start` of the text.
#[inline]
fn push<'a>(
    out: &mut Vec<Token<'a>>,
    grammar: &Grammar,
    arena: &'a Bump,
    start: usize,
    t: &'a str,
    kind: TokenKind,
) {
    let span = Span::new(start, start + t.len());
    if let TokenKind::Quote(_) = kind {
        // A quotation is one opaque token: no lexicon word is a quotation,
        // and nothing reads its lower case.
        out.push(Token {
            span,
            kind,
            text: t,
            lower: t,
            lex: Lexeme::default(),
        });
        return;
    }
    let (lower, lex) = match packed(t) {
        // Short ASCII words, nearly all of them: the case test, the fold
        // and the lexicon key work on the packed bytes.
        Some(word) => {
            let folded = fold_capitals(word);
            if folded == word {
                (t, grammar.lexeme_packed(word))
            } else {
                // The same fold in the arena copy: `t` is ASCII, and folding
                // it in place spares checking the folded bytes as UTF-8.
                let lower = arena.alloc_str(t);
                lower.make_ascii_lowercase();
                (&*lower, grammar.lexeme_packed(folded))
            }
        }
        None => {
            let lower = lower_case(t, arena);
            (lower, grammar.lexeme(lower))
        }
    };
    out.push(Token {
        span,
        kind,
        text: t,
        lex,
        lower,
    });
}

/// `t` packed, when it is ASCII and no longer than [`PackedWord::MAX`].
#[inline]
fn packed(t: &str) -> Option<PackedWord> {
    PackedWord::new(t.as_bytes()).filter(|w| (w.low | w.high) & swar::HIGH == 0)
}

/// A packed ASCII word with its capitals in lower case: a capital gains
/// 0x20, its [`ascii_capitals`] bit 0x80 shifted down twice.
#[inline]
fn fold_capitals(word: PackedWord) -> PackedWord {
    let fold = |eight: u64| eight + (ascii_capitals(eight) >> 2);
    PackedWord {
        low: fold(word.low),
        high: fold(word.high),
        ..word
    }
}

/// The top bit of each byte of `word` that is an ASCII capital, for eight
/// ASCII bytes (no byte above 0x7F, so no sum below carries into the next
/// byte): a byte is `A` or above when adding 0x3F sets its top bit, and
/// `Z` or below when adding 0x25 leaves it clear.
#[inline]
fn ascii_capitals(word: u64) -> u64 {
    let from_a = word + swar::splat(0x80 - b'A');
    let past_z = word + swar::splat(0x80 - b'Z' - 1);
    from_a & !past_z & swar::HIGH
}

/// `t` in lower case: `t` itself when it has no upper-case letter, else a
/// copy in `arena`. Most tokens are lower-case ASCII: one pass over the
/// bytes stops at the first ASCII capital or non-ASCII byte, and ASCII
/// tokens are folded in place in the arena.
fn lower_case<'a>(t: &'a str, arena: &'a Bump) -> &'a str {
    let Some(i) = t.bytes().position(|b| MAY_FOLD[usize::from(b)]) else {
        return t;
    };
    // Everything before `i` is ASCII and no capital: `i` is a character
    // boundary, and any capital is in `rest`.
    let rest = &t[i..];
    if rest.is_ascii() {
        let lower = arena.alloc_str(t);
        lower.make_ascii_lowercase();
        lower
    } else if has_uppercase(rest) {
        arena.alloc_str(&to_lowercase(t))
    } else {
        t
    }
}

/// The bytes a lower-case fold may change: ASCII capitals, and all bytes
/// outside ASCII.
static MAY_FOLD: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_uppercase();
        b += 1;
    }
    table
};

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

/// Whether `w` followed by a period is an abbreviation (`Mr.`, `U.S.`, an
/// initial); `with_period` is `w` and the period after it in the text.
fn keeps_period(w: &str, with_period: &str, grammar: &Grammar) -> bool {
    let mut chars = w.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_capital || (w.contains('.') && w.chars().all(|c| c.is_alphabetic() || c == '.')) {
        return true;
    }
    // Abbreviations are short: an ASCII word and its period are packed,
    // folded and looked up as the tokenizer does its words.
    let lexeme = match packed(with_period) {
        Some(word) => grammar.lexeme_packed(fold_capitals(word)),
        None => grammar.lexeme(&with_period.to_lowercase()),
    };
    lexeme.classes().has(WordClass::Abbreviation)
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
        let arena = Bump::new();
        let toks = tokenize(input, Span::new(0, input.len()), &[], &[], &g, &arena);
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

    /// Tricky text for the byte-level fast paths: non-ASCII letters and
    /// capitals, combining marks, zero-width and other Unicode spaces,
    /// possessives, abbreviations and joiners.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "a", "Z", "x", "É", "é", "ǅ", "İ", "Σ", "ß", "ﬁ", "7", "_", "€", "日本", " ", "  ", "\t",
        "\n", "\u{0B}", "\u{A0}", "\u{2003}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}",
        "\u{0301}", "\u{20DD}", ".", "..", "'", "’", "-", "&", ",", "\"", "“", "”", "«", "»",
        "‘", "s", "’s", "'s", "Mr", "Mr.", "U.S.", "AT&T", "well-known", "O’Neil", "e.g.",
        "a.m.", "J.", "NAÏVE", "naïve", "ΟΔΟΣ", "Ça",
    ];

    /// The tokenizer as it was before it worked one stretch between
    /// quotations at a time and scanned bytes through tables, written with
    /// plain `str` and `char` methods: span, kind and lower case of each
    /// token.
    fn reference(
        text: &str,
        range: Span,
        quotes: &[Quote],
        ids: &[usize],
        g: &Grammar,
    ) -> Vec<(Span, TokenKind, String)> {
        let is_space = |c: char| {
            c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}')
        };
        let run = |s: &str| {
            s.char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(s.len(), |(i, _)| i)
        };
        let word_len = |s: &str| {
            let mut end = run(s);
            while end > 0 {
                let Some(j) = s[end..].chars().next().filter(|&c| ".'’-&".contains(c)) else {
                    break;
                };
                let after = end + j.len_utf8();
                match run(&s[after..]) {
                    0 => break,
                    n => end = after + n,
                }
            }
            end
        };
        let lower = |t: &str| match t.chars().any(char::is_uppercase) {
            true => t.to_lowercase(),
            false => t.to_string(),
        };
        let mut out = Vec::new();
        let mut pos = range.start;
        let mut qi = ids.partition_point(|&i| quotes[i].outer.start < range.start);
        while pos < range.end {
            pos += text[pos..range.end]
                .find(|c| !is_space(c))
                .unwrap_or(range.end - pos);
            if pos >= range.end {
                break;
            }
            if let Some(&id) = ids.get(qi) {
                let q = &quotes[id];
                if q.outer.start == pos {
                    let end = q.outer.end.min(range.end);
                    out.push((
                        Span::new(pos, end),
                        TokenKind::Quote(id as u32),
                        text[pos..end].into(),
                    ));
                    pos = end;
                    qi += 1;
                    continue;
                }
                if q.outer.start < pos {
                    qi += 1;
                    continue;
                }
            }
            let limit = ids
                .get(qi)
                .map_or(range.end, |&id| quotes[id].outer.start.min(range.end));
            let piece = &text[pos..limit];
            let mut spans = Vec::new();
            match word_len(piece) {
                0 => {
                    let end = pos + piece.chars().next().unwrap().len_utf8();
                    spans.push((Span::new(pos, end), TokenKind::Punct));
                }
                n => {
                    let mut end = pos + n;
                    if piece[n..].starts_with('.') && keeps_period(&piece[..n], &piece[..=n], g) {
                        end += 1;
                    }
                    let t = &text[pos..end];
                    match t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")) {
                        Some(stem) if !stem.is_empty() => {
                            let at = pos + stem.len();
                            spans.push((Span::new(pos, at), TokenKind::Word));
                            spans.push((Span::new(at, end), TokenKind::Word));
                        }
                        _ => spans.push((Span::new(pos, end), TokenKind::Word)),
                    }
                }
            }
            for (span, kind) in spans {
                out.push((span, kind, lower(span.slice(text))));
                pos = span.end;
            }
        }
        out
    }

    /// Tokenizes `text` (or `range` of it) with its top-level quotations
    /// both ways and compares every field.
    #[track_caller]
    fn agrees_with_reference(text: &str, range: Option<Span>) {
        let g = Grammar::bundled();
        let scan = crate::parse::scan_quotes(text, &crate::text::paragraphs(text, 0));
        let ids: Vec<usize> = (0..scan.quotes.len())
            .filter(|&i| scan.quotes[i].depth == 0)
            .collect();
        let range = range.unwrap_or(Span::new(0, text.len()));
        let expected = reference(text, range, &scan.quotes, &ids, &g);
        let arena = Bump::new();
        let got = tokenize(text, range, &scan.quotes, &ids, &g, &arena);
        let got_fields: Vec<(Span, TokenKind, String)> = got
            .iter()
            .map(|t| (t.span, t.kind, t.lower.to_string()))
            .collect();
        assert_eq!(got_fields, expected, "{text:?}");
        for t in &got {
            assert_eq!(t.text, t.span.slice(text));
            let changed = !t.is_quote() && t.text.chars().any(char::is_uppercase);
            assert_eq!(!std::ptr::eq(t.lower, t.text), changed, "{:?}", t.text);
            let lex = if t.is_quote() {
                Lexeme::default()
            } else {
                g.lexeme(t.lower)
            };
            assert_eq!(t.lex, lex, "{:?}", t.text);
        }
    }

    #[test]
    fn fast_paths_agree_with_the_reference_on_tricky_text() {
        for text in [
            "Mr. Smith’s U.S. plan, at 7:00 a.m. costs 3.5%.",
            "AT&T’s well-known O’Neil said \u{201C}We will ACT\u{201D} — İstanbul’s ΟΔΟΣ.",
            "ǅemal naïve NAÏVE Ça e\u{0301}te\u{0301} x\u{20DD}y Σ",
            "a\u{200B}b\u{FEFF}c\u{2060}d\u{A0}e\u{2003}f\u{0B}g\u{200D}h",
            "\u{200B}“x” ‘y’ «z» \"w\" '' rock-'n'-roll -x x- a--b &&",
            "J. Doe don't DON'T James’ James's ’s 's e.g. i.e. U.S.A. Dr.",
            "日本 ﬁne _under_score__ 3,000 x.y.z. A.",
        ] {
            agrees_with_reference(text, None);
            // A range that starts and ends inside the text.
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let (a, b) = (bounds[bounds.len() / 4], bounds[bounds.len() * 3 / 4]);
            agrees_with_reference(text, Some(Span::new(a, b)));
        }
    }

    #[test]
    fn packed_capital_test_matches_each_byte() {
        // Every ASCII byte at every place, among neighbours that could
        // carry into it ('Z' + 1, '@' + 1 and the extremes).
        for b in 0u8..0x80 {
            for place in 0..8 {
                for fill in [0u8, b'@', b'A', b'Z', b'[', 0x7F] {
                    let mut bytes = [fill; 8];
                    bytes[place] = b;
                    let mask = ascii_capitals(u64::from_le_bytes(bytes));
                    for (i, &x) in bytes.iter().enumerate() {
                        let bit = mask >> (8 * i) & 0xFF;
                        assert_eq!(bit == 0x80, x.is_ascii_uppercase(), "{bytes:?} at {i}");
                        assert!(bit == 0 || bit == 0x80, "{bytes:?}");
                    }
                }
            }
        }
        // Packing agrees with zero-padded copying at every length.
        let text = "abcdefghijklmnop";
        for len in 0..=PackedWord::MAX {
            let mut bytes = [0u8; 16];
            bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
            let eight =
                |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
            let expected = PackedWord {
                low: eight(0),
                high: eight(8),
                len,
            };
            assert_eq!(packed(&text[..len]), Some(expected), "{len}");
        }
        // Short words pack; long and non-ASCII ones do not.
        assert!(packed("Reuters").is_some());
        assert!(packed(&"a".repeat(PackedWord::MAX)).is_some());
        assert!(packed(&"a".repeat(PackedWord::MAX + 1)).is_none());
        assert!(packed("naïve").is_none());
    }

    #[test]
    fn byte_tables_agree_with_the_char_predicates() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let reference =
                c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}');
            assert_eq!(is_space(c), reference, "{c:?}");
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let expected = if is_word_char(c) { s.len() } else { 0 };
            assert_eq!(run_end(s, &ASCII_WORD, is_word_char), expected, "{c:?}");
            let expected = if reference { s.len() } else { 0 };
            assert_eq!(run_end(s, &ASCII_SPACE, is_space), expected, "{c:?}");
            if is_joiner(c) {
                assert!(MAY_START_JOINER[usize::from(s.as_bytes()[0])], "{c:?}");
            }
            let arena = Bump::new();
            assert_eq!(
                !std::ptr::eq(lower_case(s, &arena), s),
                c.is_uppercase(),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_agree_with_the_reference(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            cut in 0usize..100,
        ) {
            let text: String = pieces.concat();
            agrees_with_reference(&text, None);
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            if let Some(&a) = bounds.get(cut % (bounds.len() + 1)) {
                agrees_with_reference(&text, Some(Span::new(a, text.len())));
            }
        }
    }
}
