//! Quote spans: normalisation for comparison, exact and overlap matching,
//! and whether a span is marked as a quotation.

use std::collections::{HashMap, VecDeque};

use super::python::{is_trim, py_isspace};

/// Characters treated as quotation marks by [`is_quote_marked`] (and thus by
/// [`Subset`](super::Subset)): straight and curly double quotes, low-9 and reversed marks,
/// guillemets (double and single) and CJK corner brackets.
pub const QUOTE_MARKS: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}', '\u{2039}',
    '\u{203a}', '\u{300c}', '\u{300d}', '\u{300e}', '\u{300f}',
];

/// Typewriter pairs that stand for one quotation mark in [`is_quote_marked`]:
/// two apostrophes (NYT copy opens and closes quotations with them) and two
/// grave accents (LaTeX-style text).
pub const QUOTE_PAIRS: &[[char; 2]] = &[['\'', '\''], ['`', '`']];

/// Normalises the span `[start, end)` of `text` (code points) for
/// comparison: trims whitespace and punctuation (category `P*`) at both ends
/// and, when `strip_that` is set and the trimmed span is longer than 5 code
/// points and starts with "that" (any case) plus a whitespace character,
/// drops that word and trims again at the front. An empty result is
/// `(s, s)`. Panics if the span reaches past `text` (like Python indexing).
pub fn norm_span(text: &[char], start: usize, end: usize, strip_that: bool) -> (usize, usize) {
    let (mut s, mut e) = (start, end);
    while s < e && is_trim(text[s]) {
        s += 1;
    }
    while e > s && is_trim(text[e - 1]) {
        e -= 1;
    }
    if strip_that && e > s + 5 && starts_with_that(&text[s..e]) {
        s += 4;
        while s < e && is_trim(text[s]) {
            s += 1;
        }
    }
    (s, e)
}

/// `re.compile(r"that\s", re.IGNORECASE).match` at the start of `span`.
fn starts_with_that(span: &[char]) -> bool {
    span.len() >= 5
        && span[..4]
            .iter()
            .zip("that".chars())
            .all(|(c, t)| c.to_ascii_lowercase() == t)
        && py_isspace(span[4])
}

/// Intersection over union of two half-open spans `(start, end)`; 0 when
/// they do not overlap.
pub fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let (a0, a1, b0, b1) = (a.0 as i128, a.1 as i128, b.0 as i128, b.1 as i128);
    let inter = a1.min(b1) - a0.max(b0);
    if inter <= 0 {
        return 0.0;
    }
    let union = (a1 - a0) + (b1 - b0) - inter;
    if union > 0 {
        inter as f64 / union as f64
    } else {
        0.0
    }
}

/// One-to-one exact matching of normalised spans: each prediction in order
/// takes the first still-unmatched gold span (in gold order) that is equal to
/// it; empty predicted spans never match. Returns `(gold index, pred index)`
/// pairs in prediction order.
pub fn match_exact(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut free: HashMap<(usize, usize), VecDeque<usize>> = HashMap::new();
    for (gi, g) in gold.iter().enumerate() {
        free.entry(*g).or_default().push_back(gi);
    }
    let mut pairs = Vec::new();
    for (pi, p) in pred.iter().enumerate() {
        if p.0 >= p.1 {
            continue;
        }
        if let Some(gi) = free.get_mut(p).and_then(VecDeque::pop_front) {
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// One-to-one greedy overlap matching of normalised spans: candidate pairs
/// with [`iou`] `>= threshold` (and `> 0`) are taken best first, ties broken
/// by gold index then prediction index, skipping pairs whose gold or
/// prediction is already matched. Returns `(gold index, pred index)` pairs in
/// the order taken.
pub fn match_overlap(
    gold: &[(usize, usize)],
    pred: &[(usize, usize)],
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let v = iou(*g, *p);
            if v >= threshold && v > 0.0 {
                cands.push((v, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

/// True when the span `[start, end)` of `text` (code points) sits inside
/// quotation marks or contains one. Inside means a mark before and a mark
/// after: one of [`QUOTE_MARKS`] within two characters of the span, or one
/// of [`QUOTE_PAIRS`] within three (so that `,''` after a span counts).
pub fn is_quote_marked(text: &[char], start: usize, end: usize) -> bool {
    let n = text.len();
    let slice = |a: usize, b: usize| &text[a.min(n)..b.clamp(a.min(n), n)];
    let marked = |single: &[char], paired: &[char]| {
        single.iter().any(|c| QUOTE_MARKS.contains(c))
            || paired
                .windows(2)
                .any(|w| QUOTE_PAIRS.iter().any(|p| p[..] == *w))
    };
    let before = marked(
        slice(start.saturating_sub(2), start),
        slice(start.saturating_sub(3), start),
    );
    let after = marked(slice(end, end + 2), slice(end, end + 3));
    let inside = slice(start, end);
    (before && after) || marked(inside, inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Normalises `[s, e)` of `text` and compares the resulting substring.
    #[track_caller]
    fn check_norm(text: &str, s: usize, e: usize, strip_that: bool, want: &str) {
        let t = chars(text);
        let (a, b) = norm_span(&t, s, e, strip_that);
        assert_eq!(
            t[a..b].iter().collect::<String>(),
            want,
            "{text:?}[{s},{e})"
        );
    }

    #[test]
    fn norm_span_trims_and_strips_that() {
        check_norm("  \"Hello, world.\" ", 0, 18, true, "Hello, world");
        check_norm("that we go", 0, 10, true, "we go");
        check_norm("That\u{a0}, we go", 0, 12, true, "we go");
        check_norm("that we go", 0, 10, false, "that we go");
        check_norm("that x", 0, 6, true, "x");
        check_norm(" that. ", 0, 7, true, "that");
        check_norm("thatcher said", 0, 13, true, "thatcher said");
        check_norm("...", 0, 3, true, "");
        // Symbols (category S*) are not trimmed, \x1c is whitespace for Python.
        check_norm("$5\u{1c}", 0, 3, true, "$5");
    }

    #[test]
    fn iou_and_matching() {
        assert_eq!(iou((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(iou((0, 5), (5, 10)), 0.0);
        assert_eq!(iou((3, 3), (3, 3)), 0.0);
        // Exact: first free gold in gold order, empty predictions skipped.
        let gold = [(0, 5), (0, 5), (7, 7)];
        assert_eq!(
            match_exact(&gold, &[(0, 5), (7, 7), (0, 5), (0, 5)]),
            vec![(0, 0), (1, 2)]
        );
        // Overlap: best IoU first, ties by gold index then prediction index.
        let gold = [(0, 10), (0, 10)];
        let pred = [(0, 8), (0, 8), (0, 10)];
        assert_eq!(match_overlap(&gold, &pred, 0.5), vec![(0, 2), (1, 0)]);
        assert_eq!(match_overlap(&gold, &pred, 0.9), vec![(0, 2)]);
    }

    #[test]
    fn quote_marks() {
        let t = chars("He said \u{201c}go now\u{201d} and 'left'.");
        assert!(is_quote_marked(&t, 9, 15));
        assert!(is_quote_marked(&t, 0, 10));
        assert!(!is_quote_marked(&t, 21, 25));
        assert!(!is_quote_marked(&t, 30, 30));
        // Typewriter pairs: two apostrophes or two grave accents count as
        // one mark, within three characters of the span (`,''`).
        let t = chars("He said ''go now,'' and ``left''. It's Bob's.");
        assert!(is_quote_marked(&t, 10, 16));
        assert!(is_quote_marked(&t, 26, 30));
        assert!(is_quote_marked(&t, 0, 12));
        // Between two quotations, a pair is within reach on both sides.
        assert!(is_quote_marked(&t, 20, 23));
        assert!(!is_quote_marked(&t, 35, 42));
        // One apostrophe on each side is not a pair.
        let t = chars("x 'go' y");
        assert!(!is_quote_marked(&t, 3, 5));
    }
}
