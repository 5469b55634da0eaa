//! Lookup tables: each word's [`Lexeme`] found with one hash of its packed
//! bytes, and multi-word phrases keyed by their first word.

// Lexicon lookups run for every token: the Fx hash suits short keys that
// come from the grammar, not from untrusted input, so SipHash's protection
// against chosen collisions buys nothing here.
use rustc_hash::FxHashMap as HashMap;

use super::types::{Inflection, VerbForm, WordClasses};

/// Everything the grammar knows about one lower-case word, found with a
/// single lookup when the word is tokenized, so that matchers test classes
/// and verb forms without hashing the word again. It takes 16 bytes: every
/// token carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexeme {
    pub(super) classes: WordClasses,
    /// The speech-verb form's lemma, [`Lexeme::NO_VERB`] for none.
    pub(super) lemma: u32,
    pub(super) inflection: Inflection,
    /// Which lexicons and anchors the word can open: [`Lexeme::opens`].
    pub(super) opens: u8,
}

impl Lexeme {
    /// The word opens a frame's literal anchor (`according`).
    pub const ANCHOR: u8 = 1;
    /// The word opens a source noun (`white` of `white house official`).
    pub const SOURCE_NOUN: u8 = 2;
    /// The word opens a named source (`the` of `the kremlin`).
    pub const NAMED_SOURCE: u8 = 4;
    /// The word opens a title (`foreign` of `foreign minister`).
    pub const TITLE: u8 = 8;

    /// The lemma of a word that is no speech verb.
    pub(super) const NO_VERB: u32 = u32::MAX;

    /// Whether the word opens an entry of `what` (one of the constants above).
    pub fn opens(&self, what: u8) -> bool {
        self.opens & what != 0
    }

    /// Its closed word classes.
    pub fn classes(&self) -> WordClasses {
        self.classes
    }

    /// Its speech-verb form, if it is one.
    pub fn verb(&self) -> Option<VerbForm> {
        (self.lemma != Lexeme::NO_VERB).then_some(VerbForm {
            lemma: self.lemma as usize,
            inflection: self.inflection,
        })
    }
}

impl Default for Lexeme {
    fn default() -> Self {
        Lexeme {
            classes: WordClasses::default(),
            lemma: Lexeme::NO_VERB,
            inflection: Inflection::Base,
            opens: 0,
        }
    }
}

/// Multi-word phrases keyed by their first word, longest first.
#[derive(Debug, Clone)]
pub(super) struct PhraseTable<V> {
    pub(super) by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V: Clone> PhraseTable<V> {
    pub(super) fn insert(&mut self, phrase: &str, value: V) -> bool {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            return false;
        };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(w, _)| *w == words) {
            return false;
        }
        list.push((words, value));
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        true
    }

    /// The first words of the phrases.
    pub(super) fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Every word of every phrase in the table.
    pub(super) fn all_words(&self) -> impl Iterator<Item = &String> {
        self.by_first
            .values()
            .flatten()
            .flat_map(|(phrase, _)| phrase.iter())
    }

    /// The longest phrase starting at `words[0]`; returns its length in words.
    pub(super) fn longest<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &V)> {
        let first = words.first()?.as_ref();
        let list = self.by_first.get(first)?;
        list.iter().find_map(|(phrase, v)| {
            let fits = phrase.len() <= words.len()
                && phrase.iter().zip(words).all(|(p, w)| p == w.as_ref());
            fits.then_some((phrase.len(), v))
        })
    }
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::default(),
        }
    }
}

/// The lexemes by word. Almost every word is short: a short word is packed
/// with its length into two integers, so that a lookup hashes and compares
/// machine words instead of a string on the heap.
#[derive(Debug, Clone, Default)]
pub(super) struct Lexicon {
    pub(super) short: HashMap<(u64, u64), Lexeme>,
    pub(super) long: HashMap<String, Lexeme>,
    /// The byte length of the longest word: longer text is no word of it.
    pub(super) max_len: usize,
}

impl Lexicon {
    pub(super) fn new(words: HashMap<String, Lexeme>) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (word, lexeme) in words {
            lexicon.max_len = lexicon.max_len.max(word.len());
            match Lexicon::key(&word) {
                Some(key) => lexicon.short.insert(key, lexeme),
                None => lexicon.long.insert(word, lexeme),
            };
        }
        lexicon
    }

    /// A short `word`'s key: its packed bytes, with its length in the top
    /// byte.
    pub(super) fn key(word: &str) -> Option<(u64, u64)> {
        PackedWord::new(word.as_bytes()).map(PackedWord::key)
    }

    /// The lexeme of a packed word.
    pub(super) fn get_packed(&self, word: PackedWord) -> Lexeme {
        self.short.get(&word.key()).copied().unwrap_or_default()
    }

    pub(super) fn get(&self, word: &str) -> Lexeme {
        let found = match Lexicon::key(word) {
            Some(key) => self.short.get(&key),
            None if word.len() <= self.max_len => self.long.get(word),
            None => None,
        };
        found.copied().unwrap_or_default()
    }
}

/// A word of at most [`PackedWord::MAX`] bytes, packed little-endian and
/// zero-padded into two integers: the lexicon's key, and what the
/// tokenizer tests eight bytes at a time (case, ASCII) before looking the
/// word up with [`Grammar::lexeme_packed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedWord {
    /// Bytes 0–7.
    pub low: u64,
    /// Bytes 8–15 (the last always zero).
    pub high: u64,
    /// The word's length in bytes.
    pub len: usize,
}

impl PackedWord {
    /// The longest word packed: its length takes the key's top byte.
    pub const MAX: usize = 15;

    /// `bytes` packed, `None` when longer than [`PackedWord::MAX`]. Loaded
    /// in fixed-size pieces, without a variable-length copy (a `memcpy`
    /// call per word).
    #[inline]
    pub fn new(bytes: &[u8]) -> Option<PackedWord> {
        if bytes.len() > PackedWord::MAX {
            return None;
        }
        let (low, high) = match bytes.len().checked_sub(8) {
            Some(rest) => (load_le(&bytes[..8]), load_le(&bytes[8..8 + rest])),
            None => (load_le(bytes), 0),
        };
        Some(PackedWord {
            low,
            high,
            len: bytes.len(),
        })
    }

    /// The lexicon key: the bytes, with the length in the top byte.
    pub(super) fn key(self) -> (u64, u64) {
        (self.low, self.high | (self.len as u64) << 56)
    }
}

/// Up to eight bytes as a little-endian integer, zero-padded: pieces of
/// four overlap where the length is 5 to 7, and up to three bytes are read
/// one by one (the same byte twice where fewer).
#[inline]
pub(super) fn load_le(b: &[u8]) -> u64 {
    let four = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    match b.len() {
        0 => 0,
        n @ 1..=3 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            byte(0) | byte(n / 2) | byte(n - 1)
        }
        n @ 4..=7 => four(0) | four(n - 4) << (8 * (n - 4)),
        _ => {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        }
    }
}
