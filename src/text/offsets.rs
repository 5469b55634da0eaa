//! Conversion from byte offsets (what Rust slices) to Unicode code-point
//! offsets (what W3C selectors, Python and the evaluation corpora use).

use std::cell::Cell;

use super::search::partition_point_from;

/// A byte → code-point offset map for one text.
///
/// It records only the multi-byte characters, so pure ASCII costs nothing and
/// a lookup is a search of the marks that starts where the last one ended
/// (lookups come mostly in text order).
#[derive(Debug, Clone)]
pub struct CodePoints {
    /// `(byte offset just after a multi-byte char, extra bytes so far)`.
    marks: Vec<(usize, usize)>,
    len: usize,
    /// Where in `marks` the last lookup ended.
    last: Cell<usize>,
}

impl CodePoints {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut extra = 0;
        // ASCII text, checked a word at a time, has no marks.
        if text.is_ascii() {
            return CodePoints {
                marks,
                len: text.len(),
                last: Cell::new(0),
            };
        }
        // A multi-byte character starts with a byte of the form 11xxxxxx,
        // whose leading ones count its bytes; continuation bytes are skipped.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b >= 0xC0 {
                let n = b.leading_ones() as usize;
                extra += n - 1;
                marks.push((i + n, extra));
            }
        }
        CodePoints {
            marks,
            len: text.len(),
            last: Cell::new(0),
        }
    }

    /// The code-point offset of the character boundary at byte `byte`.
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let idx = partition_point_from(&self.marks, self.last.get(), |&(b, _)| b <= byte);
        self.last.set(idx);
        if idx == 0 {
            byte
        } else {
            byte - self.marks[idx - 1].1
        }
    }

    /// The byte offset of code point number `cp` (the inverse of [`CodePoints::of`]).
    pub fn byte_of(&self, cp: usize) -> usize {
        let idx = self.marks.partition_point(|&(b, extra)| b - extra <= cp);
        let byte = if idx == 0 {
            cp
        } else {
            cp + self.marks[idx - 1].1
        };
        byte.min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_boundary() {
        let text = "a’b «c» — d\u{1F600}e";
        let map = CodePoints::new(text);
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(map.of(byte), cp, "byte {byte}");
            assert_eq!(map.byte_of(cp), byte, "cp {cp}");
        }
        assert_eq!(map.of(text.len()), text.chars().count());
    }
}
