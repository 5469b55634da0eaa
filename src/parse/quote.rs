//! The quotation scanner: pairs `"…"`, `“…”`, `«…»`, `„…“`, `‹…›`, `‘…’` and
//! the NYT-style `''…''`, nested quotes included, and joins a quotation that
//! runs over paragraphs (each new paragraph reopens it) into one span.
//! Apostrophes never open a quotation and an unbalanced mark is dropped at the
//! end of its paragraph, so it never swallows the rest of the article.
//! A pack names the families it pairs ([`MarkFamilies`]); the marks of the
//! others are text. With the reversed family (German `»…«`), a guillemet
//! closes an open quotation of the other order and otherwise opens one of
//! its own.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::value;
use nom::{IResult, Parser};

use crate::grammar::MarkFamilies;
use crate::text::{swar, Paragraph, Span};

/// A family of quotation marks: a closing mark must come from the family of
/// the opening one. The order is that of [`MarkFamilies::NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Straight,
    Twin,
    Curly,
    Low,
    Guillemet,
    SingleGuillemet,
    CurlySingle,
    ReversedGuillemet,
}

/// The number of families.
const FAMILIES: usize = 8;

impl Family {
    fn is_double(self) -> bool {
        matches!(
            self,
            Family::Straight | Family::Twin | Family::Curly | Family::Low
        )
    }
}

/// What a mark can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight marks: open or close, decided by context.
    Either,
    /// `“` closes `„` and otherwise opens.
    LeftDouble,
    /// `‘` and `’` are also apostrophes.
    LeftSingle,
    RightSingle,
}

/// One quotation found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quotation with its marks.
    pub outer: Span,
    /// The quoted text between the marks.
    pub inner: Span,
    /// 0 for a top-level quotation, 1 for a quote inside it, and so on.
    pub depth: usize,
    /// Editorial insertions in square brackets inside the quotation.
    pub brackets: Vec<Span>,
}

/// The result of scanning an article for quotations.
#[derive(Debug, Clone, Default)]
pub struct QuoteScan {
    /// All quotations, sorted by start (outer before inner).
    pub quotes: Vec<Quote>,
    /// Byte offsets of marks that found no partner.
    pub unbalanced: Vec<usize>,
}

/// The quotation mark opening `input`: its family and role. The marks'
/// first bytes tell which few alternatives can match, and no mark is a
/// prefix of another, so trying only those gives what trying all would;
/// the right single mark, which is also the apostrophe and the most
/// common, comes first among the three-byte marks.
fn mark(input: &str) -> IResult<&str, (Family, Role)> {
    match input.as_bytes().first() {
        Some(b'"') => value((Family::Straight, Role::Either), tag("\"")).parse(input),
        Some(b'\'') => value((Family::Twin, Role::Either), tag("''")).parse(input),
        Some(0xC2) => alt((
            value((Family::Guillemet, Role::Open), tag("«")),
            value((Family::Guillemet, Role::Close), tag("»")),
        ))
        .parse(input),
        _ => alt((
            value((Family::CurlySingle, Role::RightSingle), tag("’")),
            value((Family::Curly, Role::LeftDouble), tag("“")),
            value((Family::Curly, Role::Close), tag("”")),
            value((Family::CurlySingle, Role::LeftSingle), tag("‘")),
            value((Family::Low, Role::Open), tag("„")),
            value((Family::SingleGuillemet, Role::Open), tag("‹")),
            value((Family::SingleGuillemet, Role::Close), tag("›")),
        ))
        .parse(input),
    }
}

fn is_mark_start(c: char) -> bool {
    matches!(
        c,
        '\'' | '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '‘' | '’'
    )
}

/// The bytes that can begin a quotation mark: `'`, `"` and the lead bytes
/// of `«`, `»` (0xC2) and of the other marks (0xE2).
const MAY_START_MARK: [u8; 4] = [b'\'', b'"', 0xC2, 0xE2];

/// The byte offset of the first character of `s` that may start a mark
/// (`s.len()` when none): only bytes that can begin one are decoded.
fn next_mark_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = first_may_start_mark(&bytes[i..]) {
        i += off;
        match s[i..].chars().next() {
            Some(c) if is_mark_start(c) => return i,
            Some(c) => i += c.len_utf8(),
            None => break,
        }
    }
    s.len()
}

/// The first byte of `bytes` in [`MAY_START_MARK`], tested eight bytes at a
/// time: most of a text is none of the four.
fn first_may_start_mark(bytes: &[u8]) -> Option<usize> {
    swar::first_flagged(bytes, b'a', |w| {
        MAY_START_MARK
            .iter()
            .fold(0, |found, &b| found | swar::equal(w, b))
    })
}

#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    /// Byte offset of the opening mark.
    at: usize,
    /// Byte offset just after it.
    after: usize,
}

/// The open quotations, innermost last, with a count per family: asking for
/// a family that is not open then costs nothing, where a walk down the stack
/// would make deeply nested or unclosed marks quadratic.
#[derive(Debug, Default)]
struct Stack {
    opens: Vec<Open>,
    count: [usize; FAMILIES],
}

impl Stack {
    fn push(&mut self, open: Open) {
        self.count[open.family as usize] += 1;
        self.opens.push(open);
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.opens.pop()?;
        self.count[open.family as usize] -= 1;
        Some(open)
    }

    /// Removes the quotations from index `from` up; returns their mark offsets.
    fn drain_from(&mut self, from: usize) -> Vec<usize> {
        let from = from.min(self.opens.len());
        let count = &mut self.count;
        self.opens
            .drain(from..)
            .map(|o| {
                count[o.family as usize] -= 1;
                o.at
            })
            .collect()
    }

    /// The index of the innermost open quotation of `family`.
    fn position(&self, family: Family) -> Option<usize> {
        if self.count[family as usize] == 0 {
            return None;
        }
        self.opens.iter().rposition(|o| o.family == family)
    }
}

/// Finds every quotation in the paragraphs of `text`, pairing every family
/// but the reversed guillemets.
pub fn scan_quotes(text: &str, paragraphs: &[Paragraph]) -> QuoteScan {
    scan_quotes_with(text, paragraphs, MarkFamilies::usual())
}

/// The mark opening `input` if its family is one of `families`, with the
/// role the open quotations give a guillemet when both orders are read.
fn mark_of<'t>(
    input: &'t str,
    families: MarkFamilies,
    stack: &Stack,
) -> Option<(&'t str, (Family, Role))> {
    let (rest, (family, role)) = mark(input).ok()?;
    if family == Family::Guillemet && families.has(Family::ReversedGuillemet as usize) {
        let (reversed, role) = match role {
            // `«` closes an open `»…«`; `»` closes an open `«…»`.
            Role::Open if stack.position(Family::ReversedGuillemet).is_some() => {
                (true, Role::Close)
            }
            Role::Close if stack.position(Family::Guillemet).is_none() => (true, Role::Open),
            r => (false, r),
        };
        let family = if reversed {
            Family::ReversedGuillemet
        } else {
            Family::Guillemet
        };
        if families.has(family as usize) {
            return Some((rest, (family, role)));
        }
        return None;
    }
    families
        .has(family as usize)
        .then_some((rest, (family, role)))
}

/// Finds every quotation in the paragraphs of `text`, pairing the marks of
/// `families` only.
pub fn scan_quotes_with(text: &str, paragraphs: &[Paragraph], families: MarkFamilies) -> QuoteScan {
    let mut scan = QuoteScan::default();
    let mut stack = Stack::default();
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut pos = para.span.start;
        // A quotation carried over from the previous paragraph is reopened by
        // the mark that starts this one.
        if let Some(bottom) = stack.opens.first().copied() {
            let reopened = mark_of(&text[pos..para.span.end], families, &stack)
                .filter(|(_, (f, r))| opens(*r) && same_family(*f, bottom.family));
            match reopened {
                Some((rest, _)) => {
                    stack.drain_from(1);
                    pos = para.span.end - rest.len();
                }
                None => {
                    scan.unbalanced.extend(stack.drain_from(0));
                }
            }
        }
        while pos < para.span.end {
            let slice = &text[pos..para.span.end];
            let at = pos + next_mark_start(slice);
            let rest = &text[at..para.span.end];
            if rest.is_empty() {
                break;
            }
            let Some((after_rest, (family, role))) = mark_of(rest, families, &stack) else {
                // A lone straight apostrophe, or a mark the pack does not
                // pair: not a mark.
                pos = at + rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let after = para.span.end - after_rest.len();
            let prev = text[..at].chars().next_back();
            let next = text[after..].chars().next();
            handle_mark(
                text,
                &mut scan,
                &mut stack,
                Open { family, at, after },
                role,
                prev,
                next,
            );
            pos = after;
        }
        let continues = paragraphs.get(pi + 1).is_some_and(|next| {
            let bottom = stack.opens.first();
            bottom.is_some_and(|b| {
                mark_of(&text[next.span.start..next.span.end], families, &stack)
                    .is_some_and(|(_, (f, r))| opens(r) && same_family(f, b.family))
            })
        });
        if !continues {
            scan.unbalanced.extend(stack.drain_from(0));
        }
    }
    scan.quotes.sort_by(|a, b| {
        a.outer
            .start
            .cmp(&b.outer.start)
            .then(b.outer.end.cmp(&a.outer.end))
    });
    scan.unbalanced.sort_unstable();
    let index = BracketIndex::new(text);
    for q in &mut scan.quotes {
        q.brackets = index.within(q.inner);
    }
    scan
}

/// Splits each top-level quotation that its attribution interrupts inside
/// the marks (`«Q1, — пояснила она, — Q2»`, `«Q1. — сказал он. — Q2»`) into
/// two: `Q1,` ending before the first dash, and `— Q2»` starting at the
/// second, so that the attribution between them is text the frames read.
/// The interruption opens with `[,.!?…] — ` and a word `is_cue` accepts
/// (a speech verb), and closes with `, — ` or `. — ` within `max_words`
/// words; a quotation with a nested one across either cut is left whole.
/// `max_words` 0 splits nothing.
pub fn split_interrupted(
    text: &str,
    scan: &mut QuoteScan,
    max_words: usize,
    is_cue: impl Fn(&str) -> bool,
) {
    if max_words == 0 {
        return;
    }
    let mut split = Vec::new();
    for (i, q) in scan.quotes.iter().enumerate() {
        if q.depth > 0 {
            continue;
        }
        let Some((cut, resume)) = interruption(text, q.inner, max_words, &is_cue) else {
            continue;
        };
        let crossed = scan.quotes.iter().any(|n| {
            n.depth > 0
                && n.outer.start < q.outer.end
                && n.outer.end > q.outer.start
                && (n.outer.start < cut && n.outer.end > cut
                    || n.outer.start < resume && n.outer.end > resume)
        });
        if !crossed {
            split.push((i, cut, resume));
        }
    }
    for &(i, cut, resume) in split.iter().rev() {
        let q = scan.quotes[i].clone();
        let dash_len = text[resume..].chars().next().map_or(1, char::len_utf8);
        let second_inner = Span::new(resume + dash_len, q.inner.end).trim(text);
        scan.quotes[i] = Quote {
            outer: Span::new(q.outer.start, cut),
            inner: Span::new(q.inner.start, cut),
            ..q.clone()
        };
        scan.quotes.insert(
            i + 1,
            Quote {
                outer: Span::new(resume, q.outer.end),
                inner: second_inner,
                ..q
            },
        );
    }
    if !split.is_empty() {
        scan.quotes.sort_by(|a, b| {
            a.outer
                .start
                .cmp(&b.outer.start)
                .then(b.outer.end.cmp(&a.outer.end))
        });
        let index = BracketIndex::new(text);
        for q in &mut scan.quotes {
            q.brackets = index.within(q.inner);
        }
    }
}

/// Where an interruption inside `inner` starts (just after the punctuation
/// before its first dash) and where the quotation resumes (at its second
/// dash), if it has one.
fn interruption(
    text: &str,
    inner: Span,
    max_words: usize,
    is_cue: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let body = inner.slice(text);
    if body.contains('\n') {
        return None;
    }
    let is_dash = |c: char| matches!(c, '—' | '–');
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    for w in 0..chars.len().saturating_sub(4) {
        let (at, p) = chars[w];
        let opens = matches!(p, ',' | '.' | '!' | '?' | '…')
            && chars[w + 1].1 == ' '
            && is_dash(chars[w + 2].1)
            && chars[w + 3].1 == ' '
            && chars[w + 4].1.is_lowercase();
        if !opens {
            continue;
        }
        let from = chars[w + 4].0;
        let rest = &body[from..];
        let word_end = rest
            .find(|c: char| !c.is_alphabetic() && c != '-')
            .unwrap_or(rest.len());
        if !is_cue(&rest[..word_end]) {
            continue;
        }
        let mut words = 0;
        let mut prev_space = false;
        for (off, c) in rest.char_indices() {
            if c == ' ' {
                prev_space = true;
                continue;
            }
            if prev_space {
                words += 1;
                if words > max_words {
                    break;
                }
            }
            let before = rest[..off].trim_end_matches(' ');
            if prev_space && is_dash(c) && before.ends_with([',', '.']) {
                let cut = inner.start + at + p.len_utf8();
                return Some((cut, inner.start + from + off));
            }
            prev_space = false;
        }
        return None;
    }
    None
}

fn opens(role: Role) -> bool {
    matches!(
        role,
        Role::Open | Role::Either | Role::LeftDouble | Role::LeftSingle
    )
}

fn same_family(a: Family, b: Family) -> bool {
    a == b || (a.is_double() && b.is_double() && a != Family::Twin && b != Family::Twin)
}

fn handle_mark(
    text: &str,
    scan: &mut QuoteScan,
    stack: &mut Stack,
    mark: Open,
    role: Role,
    prev: Option<char>,
    next: Option<char>,
) {
    let prev_space = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let next_space = next.is_none_or(|c| c.is_whitespace());
    let next_word = next.is_some_and(|c| c.is_alphanumeric());
    let prev_word = prev.is_some_and(|c| c.is_alphanumeric());
    match role {
        Role::Open => stack.push(mark),
        Role::Close => close_or_drop(text, scan, stack, mark, true),
        Role::LeftDouble => {
            if stack.opens.last().is_some_and(|o| o.family == Family::Low) {
                close_or_drop(
                    text,
                    scan,
                    stack,
                    Open {
                        family: Family::Low,
                        ..mark
                    },
                    false,
                );
            } else if !prev_space && next_space && stack.position(Family::Curly).is_some() {
                // A sloppy “ used as a closing mark.
                close_or_drop(text, scan, stack, mark, true);
            } else {
                stack.push(mark);
            }
        }
        Role::Either => {
            let open_here = stack.position(mark.family).is_some()
                || stack
                    .opens
                    .last()
                    .is_some_and(|o| o.family.is_double() && mark.family.is_double());
            let closing = open_here && (!prev_space || next_space);
            if closing {
                close_or_drop(text, scan, stack, mark, true);
            } else if !next_space {
                stack.push(mark);
            } else {
                scan.unbalanced.push(mark.at);
            }
        }
        Role::LeftSingle => {
            if !prev_word && !next_space {
                stack.push(mark);
            }
        }
        Role::RightSingle => {
            if stack.position(Family::CurlySingle).is_some() && !next_word {
                close_or_drop(text, scan, stack, mark, false);
            }
        }
    }
}

/// Closes the nearest open quotation of the mark's family (or, for double
/// marks, of a compatible family); unclosed quotations above it are dropped.
fn close_or_drop(text: &str, scan: &mut QuoteScan, stack: &mut Stack, mark: Open, lenient: bool) {
    let idx = stack.position(mark.family).or_else(|| {
        let top = stack.opens.last()?;
        (lenient && mark.family.is_double() && top.family.is_double() && top.family != mark.family)
            .then_some(stack.opens.len() - 1)
    });
    let Some(idx) = idx else {
        if lenient {
            scan.unbalanced.push(mark.at);
        }
        return;
    };
    scan.unbalanced.extend(stack.drain_from(idx + 1));
    let Some(open) = stack.pop() else { return };
    let inner = Span::new(open.after, mark.at);
    if inner.slice(text).trim().is_empty() {
        return;
    }
    scan.quotes.push(Quote {
        outer: Span::new(open.at, mark.after),
        inner,
        depth: stack.opens.len(),
        brackets: Vec::new(),
    });
}

/// Where the square brackets of the text are, so that the insertions of
/// every quotation are found by binary search: scanning each quotation's
/// text would be quadratic for deeply nested quotations.
struct BracketIndex {
    opens: Vec<usize>,
    closes: Vec<usize>,
}

impl BracketIndex {
    fn new(text: &str) -> Self {
        let mut index = BracketIndex {
            opens: Vec::new(),
            closes: Vec::new(),
        };
        // Brackets are rare: the `memchr` crate skips to each a vector
        // register at a time (both are ASCII, so their bytes are theirs).
        index.opens = memchr::memchr_iter(b'[', text.as_bytes()).collect();
        index.closes = memchr::memchr_iter(b']', text.as_bytes()).collect();
        index
    }

    /// Square-bracketed insertions inside `inner`: each `[` with the first
    /// `]` after it, scanning on after that `]`.
    fn within(&self, inner: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let mut from = inner.start;
        loop {
            let open = self.opens[self.opens.partition_point(|&p| p < from)..].first();
            let Some(&open) = open.filter(|&&p| p < inner.end) else {
                break;
            };
            let close = self.closes[self.closes.partition_point(|&p| p < open)..].first();
            let Some(&close) = close.filter(|&&p| p < inner.end) else {
                break;
            };
            out.push(Span::new(open, close + 1));
            from = close + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_chooses_the_families_it_pairs() {
        let text = "»Wir handeln«, sagte er. «Wir auch», sagte sie. „Gut“, sagte ich.";
        let paras = crate::text::paragraphs(text, 0);
        let inner = |families: &[&str]| {
            let names: Vec<String> = families.iter().map(|f| f.to_string()).collect();
            let families = MarkFamilies::from_names(&names).unwrap();
            let scan = scan_quotes_with(text, &paras, families);
            scan.quotes
                .iter()
                .map(|q| q.inner.slice(text).to_string())
                .collect::<Vec<_>>()
        };
        // German reads both orders of guillemets.
        assert_eq!(
            inner(&["guillemet", "reversed_guillemet", "low", "curly"]),
            ["Wir handeln", "Wir auch", "Gut"]
        );
        // Without the reversed family, `»…«` pairs nothing, as before packs.
        let usual = scan_quotes(text, &paras);
        let texts: Vec<&str> = usual.quotes.iter().map(|q| q.inner.slice(text)).collect();
        assert!(!texts.contains(&"Wir handeln"), "{texts:?}");
        // A family the pack leaves out is plain text.
        assert_eq!(inner(&["low", "curly"]), ["Gut"]);
    }

    #[test]
    fn an_attribution_between_dashes_splits_its_quotation() {
        let text = "«Мы готовы, — заявил он, — к диалогу». «Да, — и нет». \
                    «Все вместе, — с дочкой, — прийти в суд».";
        let cue = |w: &str| w == "заявил";
        let mut scan = scan_quotes(text, &crate::text::paragraphs(text, 0));
        split_interrupted(text, &mut scan, 10, cue);
        let inner: Vec<&str> = scan.quotes.iter().map(|q| q.inner.slice(text)).collect();
        // The second quotation's dash is not closed by another, and the
        // third's dashes set off no speech verb: both stay whole.
        assert_eq!(
            inner,
            [
                "Мы готовы,",
                "к диалогу",
                "Да, — и нет",
                "Все вместе, — с дочкой, — прийти в суд"
            ]
        );
        let mut whole = scan_quotes(text, &crate::text::paragraphs(text, 0));
        split_interrupted(text, &mut whole, 0, cue);
        assert_eq!(whole.quotes.len(), 3);
    }
    use crate::text::paragraphs;

    #[test]
    fn every_mark_is_recognised_by_its_first_byte() {
        let marks = [
            ("''", Family::Twin, Role::Either),
            ("\"", Family::Straight, Role::Either),
            ("“", Family::Curly, Role::LeftDouble),
            ("”", Family::Curly, Role::Close),
            ("„", Family::Low, Role::Open),
            ("«", Family::Guillemet, Role::Open),
            ("»", Family::Guillemet, Role::Close),
            ("‹", Family::SingleGuillemet, Role::Open),
            ("›", Family::SingleGuillemet, Role::Close),
            ("‘", Family::CurlySingle, Role::LeftSingle),
            ("’", Family::CurlySingle, Role::RightSingle),
        ];
        for (m, family, role) in marks {
            let input = format!("{m}x");
            let (rest, got) = mark(&input).unwrap_or_else(|e| panic!("{m}: {e}"));
            assert_eq!((rest, got.0, got.1), ("x", family, role), "{m}");
        }
        // Characters sharing a first byte with a mark are none.
        for other in ["'x", "–", "…", "©", "\u{a0}", "x"] {
            assert!(mark(other).is_err(), "{other:?}");
        }
    }

    #[test]
    fn eight_byte_search_finds_the_first_mark_byte() {
        // A 20-byte run: whole chunks and a remainder.
        for bytes in crate::text::swar::byte_cases(20) {
            let expected = bytes.iter().position(|x| MAY_START_MARK.contains(x));
            assert_eq!(first_may_start_mark(&bytes), expected, "{bytes:?}");
        }
    }

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        let scan = scan_quotes(input, &paragraphs(input, 0));
        let got: Vec<&str> = scan.quotes.iter().map(|q| q.inner.slice(input)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn pairs_every_family() {
        check(r#"He said "yes," then left."#, &["yes,"]);
        check(
            "“A,” she said. «B» and „C“ and ‹D› and ‘E’.",
            &["A,", "B", "C", "D", "E"],
        );
        check("''That was bad,'' he complained.", &["That was bad,"]);
    }

    #[test]
    fn apostrophes_never_open() {
        check(
            "Russia’s view: don’t wait for the ’90s, the minister’s aides said.",
            &[],
        );
        check(
            "It is the voters' choice, \"he said,\" and theirs.",
            &["he said,"],
        );
    }

    #[test]
    fn nested_quotes_are_kept_with_depth() {
        let text = "“He told me ‘never again,’ and left,” she said.";
        let scan = scan_quotes(text, &paragraphs(text, 0));
        let got: Vec<(&str, usize)> = scan
            .quotes
            .iter()
            .map(|q| (q.inner.slice(text), q.depth))
            .collect();
        assert_eq!(
            got,
            [
                ("He told me ‘never again,’ and left,", 0),
                ("never again,", 1)
            ]
        );
    }

    #[test]
    fn multi_paragraph_quotation_is_one_span() {
        let text = "“First part.\n\n“Second part,” he said.";
        check(text, &["First part.\n\n“Second part,"]);
    }

    #[test]
    fn unbalanced_mark_stays_in_its_paragraph() {
        let text = "He said “this never closes.\n\nLater “a real quote” came.";
        let scan = scan_quotes(text, &paragraphs(text, 0));
        let got: Vec<&str> = scan.quotes.iter().map(|q| q.inner.slice(text)).collect();
        assert_eq!(got, ["a real quote"]);
        assert_eq!(scan.unbalanced, [8]);
    }

    #[test]
    fn deep_nesting_pairs_every_level() {
        let depth = 2000;
        let mut text = String::new();
        for i in 0..depth {
            text.push(if i % 2 == 0 { '“' } else { '‘' });
        }
        text.push_str("x [y] z");
        for i in (0..depth).rev() {
            text.push(if i % 2 == 0 { '”' } else { '’' });
        }
        let scan = scan_quotes(&text, &paragraphs(&text, 0));
        assert_eq!(scan.quotes.len(), depth);
        assert!(scan.unbalanced.is_empty());
        for (d, q) in scan.quotes.iter().enumerate() {
            assert_eq!(q.depth, d);
            assert_eq!(q.brackets.len(), 1);
            assert_eq!(q.brackets[0].slice(&text), "[y]");
        }
    }

    #[test]
    fn unclosed_marks_of_other_families_do_not_hide_a_pair() {
        let text = format!("{}\"a b\" c", "«“‹".repeat(500));
        let scan = scan_quotes(&text, &paragraphs(&text, 0));
        let got: Vec<&str> = scan.quotes.iter().map(|q| q.inner.slice(&text)).collect();
        assert_eq!(got, ["a b"]);
        assert_eq!(scan.unbalanced.len(), 1500);
    }

    #[test]
    fn brackets_pair_from_the_quotation_start() {
        let text = "“a] [b] ‘c [d] e’ [f”";
        let scan = scan_quotes(text, &paragraphs(text, 0));
        let got: Vec<Vec<&str>> = scan
            .quotes
            .iter()
            .map(|q| q.brackets.iter().map(|b| b.slice(text)).collect())
            .collect();
        assert_eq!(got, [vec!["[b]", "[d]"], vec!["[d]"]]);
    }

    #[test]
    fn records_editorial_brackets() {
        let text = "\"President [Emomali Rahmon] expressed gratitude,\" it said.";
        let scan = scan_quotes(text, &paragraphs(text, 0));
        assert_eq!(scan.quotes[0].brackets[0].slice(text), "[Emomali Rahmon]");
    }
}
