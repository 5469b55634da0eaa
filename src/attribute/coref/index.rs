//! The registry's index of people by a normalized word (a surname, the
//! head word of a role).

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};

use super::words::Word;

/// People filed under a normalized word (a surname, the head word of a
/// role), in the order filed. A word is keyed by its hash and the lists are
/// threaded through one table, so that filing allocates nothing per person
/// or word; a lookup compares the words themselves.
#[derive(Debug, Default)]
pub(super) struct WordIndex {
    /// The first and last entry filed under each word's hash.
    ends: HashMap<u64, (u32, u32)>,
    entries: Vec<Filed>,
}

/// One person filed under one word in a [`WordIndex`].
#[derive(Debug)]
struct Filed {
    person: usize,
    word: Word,
    /// The next entry whose word has the same hash, or [`WordIndex::END`].
    next: u32,
}

impl WordIndex {
    const END: u32 = u32::MAX;

    /// An empty index with room for `n` people and words.
    pub(super) fn with_capacity(n: usize) -> Self {
        WordIndex {
            ends: HashMap::with_capacity_and_hasher(n, Default::default()),
            entries: Vec::with_capacity(n),
        }
    }

    fn key(word: &str) -> u64 {
        FxBuildHasher.hash_one(word)
    }

    /// Files `person` under `word`, kept in `words`.
    pub(super) fn file(&mut self, word: Word, words: &str, person: usize) {
        let entry = self.entries.len() as u32;
        self.entries.push(Filed {
            person,
            word,
            next: Self::END,
        });
        match self.ends.entry(Self::key(word.get(words))) {
            Entry::Occupied(mut ends) => {
                let last = &mut ends.get_mut().1;
                self.entries[*last as usize].next = entry;
                *last = entry;
            }
            Entry::Vacant(ends) => {
                ends.insert((entry, entry));
            }
        }
    }

    /// The people filed under `word`, in the order filed; `words` holds
    /// the words they are filed under.
    pub(super) fn people<'s>(
        &'s self,
        word: &'s str,
        words: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        let mut at = self
            .ends
            .get(&Self::key(word))
            .map_or(Self::END, |&(first, _)| first);
        std::iter::from_fn(move || {
            while at != Self::END {
                let entry = &self.entries[at as usize];
                at = entry.next;
                if entry.word.get(words) == word {
                    return Some(entry.person);
                }
            }
            None
        })
    }
}
