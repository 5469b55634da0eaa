//! The finishing stage: drafts in text order, nested attributions linked
//! (`via`: a claim reported inside another's content), stable ids
//! (`crate::claim_id`), and offsets in bytes and code points.

use super::pipeline::Draft;
use crate::claim::{Claim, ClaimKind, Content, Cue, TextSpan};
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
    let mut ids = crate::claim_id::ClaimIds::with_capacity(drafts.len());
    drafts
        .into_iter()
        .zip(via)
        .map(|(d, via)| {
            let id = ids.next(
                d.content.slice(text),
                d.speaker.as_ref().map(|s| s.name.as_str()),
            );
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
