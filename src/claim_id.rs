//! Claim ids: what makes two extractions' claims the same claim. An id is
//! the hash of the content text and the speaker's resolved name (not the
//! mention: `"No," he said` by two people are two claims), numbered in text
//! order when one speaker says the same words twice. Nothing else of the
//! article enters the id, so an edit elsewhere never changes it.

use rustc_hash::FxHashMap;

use crate::claim::stable_hash;

/// Hands out the ids of one article's claims, in text order.
#[derive(Debug, Default)]
pub(crate) struct ClaimIds {
    /// How many claims each hash has had so far.
    seen: FxHashMap<u64, usize>,
}

impl ClaimIds {
    /// Room for `n` claims.
    pub(crate) fn with_capacity(n: usize) -> ClaimIds {
        ClaimIds {
            seen: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// The id of the next claim saying `content` by the speaker named
    /// `speaker` (None when nobody is named).
    pub(crate) fn next(&mut self, content: &str, speaker: Option<&str>) -> String {
        let h = identity_hash(content, speaker);
        let n = self.seen.entry(h).or_insert(0);
        *n += 1;
        claim_id(h, *n)
    }
}

/// The hash of a claim's identity: its content and its speaker's name. An
/// unnamed speaker hashes as the empty name.
pub fn identity_hash(content: &str, speaker: Option<&str>) -> u64 {
    stable_hash(&[content, speaker.unwrap_or("")])
}

/// The id of the `nth` claim (from 1) whose identity hashes to `hash`: `c`,
/// the hash's top 48 bits as 12 hex digits, and `-n` from the second on.
/// Written by hand because `format!` costs ten times as much, once per claim.
fn claim_id(hash: u64, nth: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let top = hash >> 16;
    let mut id = String::with_capacity(16);
    id.push('c');
    for digit in (0..12).rev() {
        id.push(char::from(HEX[(top >> (4 * digit)) as usize & 0xf]));
    }
    if nth > 1 {
        use std::fmt::Write;
        let _ = write!(id, "-{nth}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_are_the_hash_in_twelve_hex_digits() {
        for hash in [0, 1, 0xffff, 0x1_0000, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(claim_id(hash, 1), format!("c{:012x}", hash >> 16));
            assert_eq!(claim_id(hash, 2), format!("c{:012x}-2", hash >> 16));
            assert_eq!(claim_id(hash, 31), format!("c{:012x}-31", hash >> 16));
        }
    }

    #[test]
    fn ids_differ_by_speaker_and_count_repeats() {
        let mut ids = ClaimIds::with_capacity(4);
        let biden = ids.next("No,", Some("Joe Biden"));
        let macron = ids.next("No,", Some("Emmanuel Macron"));
        assert_ne!(biden, macron);
        assert_eq!(ids.next("No,", Some("Joe Biden")), format!("{biden}-2"));
        let mut again = ClaimIds::default();
        assert_eq!(again.next("No,", Some("Emmanuel Macron")), macron);
        assert_ne!(again.next("No,", None), macron);
    }
}
