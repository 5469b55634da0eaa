//! How names and roles are compared: their words split at spaces and
//! apostrophes, without dots, in lower case, kept end to end in one
//! string of the registry's.

use crate::grammar::Grammar;

/// A normalized word the registry keeps: its byte range in
/// `Registry::words`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Word {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Word {
    /// The word's text in `words`.
    pub(super) fn get(self, words: &str) -> &str {
        &words[self.start as usize..self.end as usize]
    }
}

/// The words of a name or role as written: split at spaces, each without
/// the pack's possessive ending (`Clinton’s` → `Clinton`), then split
/// at apostrophes (`O'Brien` → `O`, `Brien`); [`push_normal_word`]
/// normalizes each.
pub(super) fn raw_words<'s>(s: &'s str, grammar: &'s Grammar) -> impl Iterator<Item = &'s str> {
    s.split(char::is_whitespace)
        .flat_map(|w| grammar.suffixes().without_possessive(w).split(['’', '\'']))
        .filter(|w| !w.is_empty())
}

/// Appends the word `w` to `out` as compared: without dots, in lower case.
/// ASCII is lowered in place, without allocating (for ASCII,
/// [`str::to_lowercase`] changes only `A`–`Z`); other text goes through
/// [`str::to_lowercase`] itself. Nearly every word is ASCII without dots,
/// which one pass over its bytes tells.
pub(super) fn push_normal_word(out: &mut String, w: &str) {
    let start = out.len();
    if w.bytes().all(|b| b.is_ascii() && b != b'.') {
        out.push_str(w);
    } else if w.is_ascii() {
        out.extend(w.split('.'));
    } else {
        out.push_str(&w.replace('.', "").to_lowercase());
        return;
    }
    out[start..].make_ascii_lowercase();
}

/// The words of a name or role as compared: lower case, without dots.
pub(super) fn normal_words(s: &str, grammar: &Grammar) -> Vec<String> {
    raw_words(s, grammar)
        .map(|w| {
            let mut word = String::with_capacity(w.len());
            push_normal_word(&mut word, w);
            word
        })
        .collect()
}

/// What matching a name compares of its [`normal_words`]: how many there
/// are, the first (only when there are two or more, else empty) and the
/// last, both normalized into a buffer of the caller's.
pub(super) struct NameKey<'b> {
    pub(super) count: usize,
    pub(super) first: &'b str,
    pub(super) last: &'b str,
}

impl<'b> NameKey<'b> {
    /// The key of `name`, normalized into `buf`; `None` when the name has
    /// no words.
    pub(super) fn new(name: &str, buf: &'b mut String, grammar: &Grammar) -> Option<Self> {
        let mut words = raw_words(name, grammar);
        let first = words.next()?;
        let (count, last) = words.fold((1, first), |(n, _), w| (n + 1, w));
        buf.clear();
        if count >= 2 {
            push_normal_word(buf, first);
        }
        let split = buf.len();
        push_normal_word(buf, last);
        let (first, last) = buf.split_at(split);
        Some(NameKey { count, first, last })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_without_possessive_endings_or_dots() {
        let g = Grammar::bundled();
        let words = |s| normal_words(s, &g);
        assert_eq!(words("Clinton’s  aide"), ["clinton", "aide"]);
        assert_eq!(words("O'Brien's U.S. envoy"), ["o", "brien", "us", "envoy"]);
        // Only the ending is dropped: an `s` word of its own is a word.
        assert_eq!(words("Jones’ s"), ["jones", "s"]);
        let mut buf = String::new();
        let key = NameKey::new("Steven A. Witkoff’s", &mut buf, &g).expect("a name");
        assert_eq!((key.count, key.first, key.last), (3, "steven", "witkoff"));
    }
}
