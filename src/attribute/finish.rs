//! The finishing stage: drafts in text order, nested attributions linked
//! (`via`: a claim reported inside another's content), stable ids, and
//! offsets in bytes and code points.

use rustc_hash::FxHashMap as HashMap;

use super::pipeline::Draft;
use crate::claim::{stable_hash, Claim, ClaimKind, Content, Cue, TextSpan};
use crate::text::CodePoints;

/// Orders the drafts, links nested attributions and assigns stable ids.
pub(super) fn finish(text: &str, cps: &CodePoints, mut drafts: Vec<Draft>) -> Vec<Claim> {
    drafts.sort_by(|a, b| {
        a.content
            .start
            .cmp(&b.content.start)
            .then(a.content.end.cmp(&b.content.end))
    });
    // A claim is nested only in claims of its own sentence (contents and
    // cues never cross a sentence), so only those are compared: `order`
    // holds the drafts' indices sentence by sentence, each sentence's in
    // the drafts' order.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| drafts[i].sentence);
    let mut via: Vec<Vec<String>> = Vec::with_capacity(drafts.len());
    via.resize_with(drafts.len(), Vec::new);
    for sentence in order.chunk_by(|&a, &b| drafts[a].sentence == drafts[b].sentence) {
        for &i in sentence {
            let d = &drafts[i];
            let anchor = d.cue.as_ref().map_or(d.content, |c| c.0);
            // A claim is reported through another when its cue, or its
            // speaker (`Bild reported that Trump called Merz, telling him …`),
            // lies inside the other's reported content.
            let mention = d.speaker.as_ref().map(|s| s.mention.span());
            // Outermost first: by content start, as the drafts are sorted.
            via[i] = sentence
                .iter()
                .filter(|&&o| o != i)
                .map(|&o| &drafts[o])
                .filter(|o| {
                    let inside = o.content.contains(anchor)
                        || mention.is_some_and(|m| o.content.contains(m));
                    o.kind != ClaimKind::Direct && inside && o.content != d.content
                })
                .filter_map(|o| o.speaker.as_ref().map(|s| s.name.clone()))
                .collect();
        }
    }
    let mut seen: HashMap<u64, usize> =
        HashMap::with_capacity_and_hasher(drafts.len(), Default::default());
    drafts
        .into_iter()
        .zip(via)
        .map(|(d, via)| {
            let content_text = d.content.slice(text);
            let mention = d.speaker.as_ref().map_or("", |s| s.mention.text.as_str());
            let h = stable_hash(&[content_text, mention]);
            let n = seen.entry(h).or_insert(0);
            *n += 1;
            let id = claim_id(h, *n);
            Claim {
                id,
                kind: d.kind,
                content: Content {
                    span: TextSpan::new(text, d.content, cps),
                    paragraph: d.paragraph,
                    brackets: d
                        .brackets
                        .iter()
                        .map(|b| TextSpan::new(text, *b, cps))
                        .collect(),
                },
                speaker: d.speaker,
                cue: d.cue.map(|(span, lemma)| Cue {
                    span: TextSpan::new(text, span, cps),
                    lemma,
                }),
                via,
                confidence: (d.confidence * 100.0).round() / 100.0,
                frame: d.frame,
            }
        })
        .collect()
}

/// The id of the `nth` claim (from 1) whose content and mention hash to
/// `hash`: `c`, the hash's top 48 bits as 12 hex digits, and `-n` from the
/// second on, written digit by digit rather than through `format!`, which
/// would run once per claim.
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
    use super::claim_id;

    #[test]
    fn claim_ids_are_the_hash_in_twelve_hex_digits() {
        for hash in [0, 1, 0xffff, 0x1_0000, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(claim_id(hash, 1), format!("c{:012x}", hash >> 16));
            assert_eq!(claim_id(hash, 2), format!("c{:012x}-2", hash >> 16));
            assert_eq!(claim_id(hash, 31), format!("c{:012x}-31", hash >> 16));
        }
    }
}
