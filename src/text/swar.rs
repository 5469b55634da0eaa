//! Byte searches eight bytes at a time in a `u64` ("SIMD within a
//! register"): the quotation scanner, the tokenizer and the JSON writer
//! each test every byte of the text for a few values, and most bytes are
//! none of them.

/// Eight copies of the byte `b`, one per byte of a `u64`.
pub const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The top bit of every byte.
pub const HIGH: u64 = splat(0x80);

/// The top bit of each byte of `v` below `limit` (at most 0x80): a lane
/// sets it on a match, or through a borrow from a lower lane that matched.
/// A lane below the first match never borrows, so the lowest bit set is
/// exact; higher ones may be false alarms. `below(v, 1)` flags zero bytes.
pub const fn below(v: u64, limit: u8) -> u64 {
    v.wrapping_sub(splat(limit)) & !v & HIGH
}

/// The top bit of each byte of `v` equal to `b`, with [`below`]'s
/// guarantee: the lowest bit set is exact.
pub const fn equal(v: u64, b: u8) -> u64 {
    below(v ^ splat(b), 1)
}

/// The index of the first byte of `bytes` that `mask` flags. `mask` gets
/// eight bytes read little-endian and must give a mask whose lowest set
/// bit is the top bit of the first byte it flags (or zero); the last few
/// bytes are padded with `pad`, which it must never flag, so that they
/// take one more step rather than a loop of their own.
#[inline]
pub fn first_flagged(bytes: &[u8], pad: u8, mask: impl Fn(u64) -> u64) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    let found = |m: u64, at: usize| (m != 0).then(|| at + m.trailing_zeros() as usize / 8);
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        if let Some(i) = found(mask(u64::from_le_bytes(eight)), at) {
            return Some(i);
        }
        at += 8;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    let mut last = [pad; 8];
    last[..rest.len()].copy_from_slice(rest);
    found(mask(u64::from_le_bytes(last)), at)
}

/// Test inputs for eight-bytes-at-a-time searches: `len` bytes of `a` with
/// every byte value at every place, alone and after a neighbour one below
/// or one above it (whose borrows could flag the wrong byte).
#[cfg(test)]
pub(crate) fn byte_cases(len: usize) -> impl Iterator<Item = Vec<u8>> {
    (0..=255u8).flat_map(move |b| {
        (0..len).flat_map(move |place| {
            [b.wrapping_sub(1), b.wrapping_add(1), b'a']
                .into_iter()
                .map(move |before| {
                    let mut bytes = vec![b'a'; len];
                    bytes[place] = b;
                    if place > 0 {
                        bytes[place - 1] = before;
                    }
                    bytes
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowest_flag_is_the_first_match() {
        for bytes in byte_cases(8) {
            let v = u64::from_le_bytes(bytes.as_slice().try_into().unwrap());
            let first = |m: u64| (m != 0).then(|| m.trailing_zeros() as usize / 8);
            for target in [0u8, b'"', 0xE2] {
                let expected = bytes.iter().position(|&x| x == target);
                assert_eq!(first(equal(v, target)), expected, "{bytes:?} = {target}");
            }
            let expected = bytes.iter().position(|&x| x < 0x20);
            assert_eq!(first(below(v, 0x20)), expected, "{bytes:?} < 0x20");
        }
    }

    #[test]
    fn first_flagged_reads_chunks_and_the_padded_rest() {
        for len in 0..20 {
            for place in 0..=len {
                let mut bytes = vec![b'a'; len];
                if place < len {
                    bytes[place] = b'"';
                }
                let expected = (place < len).then_some(place);
                assert_eq!(first_flagged(&bytes, b'a', |v| equal(v, b'"')), expected);
            }
        }
    }
}
