//! The frames worth trying at an anchor: those the anchor token can anchor
//! (`candidate_frames`), minus those whose anchor-wide conditions fail
//! (the cue's complements, headline and quotation sides, as bit sets) and
//! those whose literal steps next to the anchor are missing. It only turns
//! frames away; the matcher decides.

use std::borrow::Cow;

use super::cue::{admitted_complements, cue_token, CueToken};
use super::matcher::{
    headline_speaker, is_mark, match_frame, quotation_at, words_at, Content, FrameMatch,
};
use crate::grammar::{Complement, Element, Frame, Grammar, Lexeme, Step, WordClass};
use crate::parse::{SentencePhrases, Token, TokenKind};

/// [`matches_in`], with or without the cheap pre-filter that turns a frame
/// away before [`match_frame`] when a necessary condition of its match fails
/// (the test compares the two).
pub(super) fn matches_with<'g>(
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    headline: bool,
    grammar: &'g Grammar,
    prefilter: bool,
) -> Vec<FrameMatch<'g>> {
    let frames = grammar.frames();
    let toks = phrases.tokens();
    let candidates = candidate_frames(&toks[at], grammar);
    let cue = cue_token(toks, at, grammar);
    let (quote_before, quote_after) = (phrases.quotation_before(at), phrases.quotation_after(at));
    let conditions = [headline, quote_before, quote_after];
    let live = live_frames(cue.as_ref(), conditions, grammar).filter(|_| prefilter);
    let cue_len = cue
        .as_ref()
        .map_or(1, |c| 1 + usize::from(c.lemma.particle.is_some()));
    // Necessary conditions of `match_frame` read from the tokens: the
    // frame's literal anchor is at `at`, and the marks and words next to the
    // anchor on both sides are there (see `adjacent_literals`). The checks
    // are cheap and run here, out of `try_frame`, so that a frame turned
    // away costs no call.
    let plausible = |i: usize| {
        let frame = &frames[i];
        let anchor_len = match &frame.steps[frame.anchor].element {
            Element::Cue => cue_len,
            Element::Words(words) => match words_at(toks, at, words) {
                Some(n) => n,
                None => return false,
            },
            Element::Punct(c) if is_mark(&toks[at], *c) => 1,
            _ => return false,
        };
        adjacent_literals(frame, toks, at, anchor_len)
    };
    let open = |i: usize| {
        let Some(live) = live else {
            return true;
        };
        live >> i & 1 != 0 && plausible(i)
    };
    let try_frame = |i: usize| {
        let frame = &frames[i];
        if frame.headline && !headline
            || frame.quote_before && !quote_before
            || frame.quote_after && !quote_after
        {
            return None;
        }
        match_frame(frame, i, phrases, at, cue.as_ref(), grammar)
            .filter(|m| !frame.headline || headline_speaker(toks, m))
    };
    let Some((tried, first)) = candidates
        .iter()
        .enumerate()
        .filter(|&(_, &i)| open(i))
        .find_map(|(k, &i)| try_frame(i).map(|m| (k, m)))
    else {
        return Vec::new();
    };
    let side = |m: &FrameMatch| match &m.content {
        Content::Tokens(r) if r.end <= m.cue.start => Some(false),
        Content::Tokens(r) if r.start >= m.cue.end => Some(true),
        _ => None,
    };
    let other = side(&first).and_then(|first_side| {
        candidates[tried + 1..]
            .iter()
            .filter(|&&i| open(i))
            .find_map(|&i| {
                try_frame(i).filter(|m| {
                    side(m) == Some(!first_side) && m.speaker.tokens == first.speaker.tokens
                })
            })
    });
    let mut out = vec![first];
    out.extend(other);
    out
}

/// The frames whose anchor-wide conditions hold at an anchor, as a bit
/// set (`None` when the grammar has too many frames for one): the cue takes
/// the complement the frame requires (as `match_frame` asks), and the
/// headline and quotation `conditions` (headline, quotation before,
/// quotation after) hold where the frame needs them.
fn live_frames(cue: Option<&CueToken>, conditions: [bool; 3], grammar: &Grammar) -> Option<u64> {
    let m = grammar.anchored_frames().masks?;
    let mut cue_frames = 0;
    if let Some(c) = cue {
        for quoted in [false, true] {
            let bits = admitted_complements(c, quoted);
            for r in Complement::ALL {
                if bits & r.bit() != 0 {
                    cue_frames |= m.requires[r as usize][usize::from(quoted)];
                }
            }
        }
    }
    let mut live = !m.cue | cue_frames;
    for (set, holds) in [m.headline, m.quote_before, m.quote_after]
        .into_iter()
        .zip(conditions)
    {
        if !holds {
            live &= !set;
        }
    }
    Some(live)
}

/// Whether the literal steps (marks, words, `$QUOTE`, `$BE`) next to a
/// frame's anchor hold, which `match_frame` needs: on each side it matches
/// the first step at the token beside the anchor (`at + anchor_len` on the
/// right, `at` on the left), moving on past an optional step that fails
/// without moving. So of the steps up to the first required one, one must
/// hold there; a step that is no literal (a `$SPEAKER`) ends the test with
/// nothing learnt. Literal steps read no captures, so the result is theirs
/// in `match_frame` too.
#[inline(never)]
pub(super) fn adjacent_literals(
    frame: &Frame,
    toks: &[Token],
    at: usize,
    anchor_len: usize,
) -> bool {
    let right = &frame.steps[frame.anchor + 1..];
    let left = frame.steps[..frame.anchor].iter().rev();
    side_holds(right.iter(), |e| literal_right(e, toks, at + anchor_len))
        && side_holds(left, |e| literal_left(e, toks, at))
}

/// Of `steps` outward from an anchor: whether one of those up to the first
/// required step holds by `holds` (`None`: the step is no literal).
pub(super) fn side_holds<'s>(
    steps: impl Iterator<Item = &'s Step>,
    holds: impl Fn(&Element) -> Option<bool>,
) -> bool {
    for step in steps {
        match holds(&step.element) {
            None | Some(true) => return true,
            Some(false) if step.optional => {}
            Some(false) => return false,
        }
    }
    true
}

/// Whether a literal step holds at `pos` right of an anchor, as in
/// `match_right`; `None` for other steps.
pub(super) fn literal_right(element: &Element, toks: &[Token], pos: usize) -> Option<bool> {
    Some(match element {
        Element::Quote => quotation_at(toks, pos).is_some(),
        Element::Punct(c) => toks.get(pos).is_some_and(|t| is_mark(t, *c)),
        Element::Words(words) => words_at(toks, pos, words).is_some(),
        _ => return None,
    })
}

/// Whether a literal step holds ending at `pos` left of an anchor, as in
/// `match_left`; `None` for other steps.
pub(super) fn literal_left(element: &Element, toks: &[Token], pos: usize) -> Option<bool> {
    Some(match element {
        Element::Quote => pos
            .checked_sub(1)
            .is_some_and(|p| quotation_at(toks, p).is_some()),
        Element::Punct(c) => pos.checked_sub(1).is_some_and(|p| is_mark(&toks[p], *c)),
        Element::Words(words) => pos
            .checked_sub(words.len())
            .is_some_and(|start| words_at(toks, start, words).is_some()),
        Element::Be => pos
            .checked_sub(1)
            .is_some_and(|p| toks[p].is(WordClass::PassiveAuxiliary)),
        _ => return None,
    })
}

/// The frames, in priority order, whose anchor step the token `t` can
/// match: a speech verb anchors the `$CUE` frames, the first word of a
/// literal anchor (`according`) the literal frames, a mark the mark frames.
/// No other frame could match at `t`.
pub(super) fn candidate_frames<'g>(t: &Token, grammar: &'g Grammar) -> Cow<'g, [usize]> {
    let anchored = grammar.anchored_frames();
    match t.kind {
        TokenKind::Punct => Cow::Borrowed(&anchored.mark),
        TokenKind::Quote(_) => Cow::Borrowed(&[]),
        TokenKind::Word => match (t.verb().is_some(), t.lex.opens(Lexeme::ANCHOR)) {
            (true, false) => Cow::Borrowed(&anchored.cue),
            (false, true) => Cow::Borrowed(&anchored.words),
            (true, true) => {
                let mut both = [anchored.cue.as_slice(), &anchored.words].concat();
                both.sort_unstable();
                Cow::Owned(both)
            }
            (false, false) => Cow::Borrowed(&[]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::PhraseMemo;
    use crate::parse::{scan_quotes, sentences, tokenize};
    use crate::text::{paragraphs, Span};
    use bumpalo::Bump;

    /// The pre-filter only turns away frames that would not match: at every
    /// token of every sentence of the corpus texts, as headline or not, the
    /// matches are those of unfiltered matching.
    #[test]
    fn prefilter_keeps_every_match() {
        let g = Grammar::bundled();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut matched = 0;
        for entry in std::fs::read_dir(dir).expect("tests/corpus") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            let scan = scan_quotes(&text, &paragraphs(&text, 0));
            let ids: Vec<usize> = (0..scan.quotes.len())
                .filter(|&i| scan.quotes[i].depth == 0)
                .collect();
            let arena = Bump::new();
            let toks = tokenize(
                &text,
                Span::new(0, text.len()),
                &scan.quotes,
                &ids,
                &g,
                &arena,
            );
            let sents: Vec<&[Token]> = sentences(&toks, &text, &scan.quotes, &g)
                .into_iter()
                .map(|r| &toks[r])
                .collect();
            let memo = PhraseMemo::new(sents.iter().copied());
            let phrases = memo.sentences(sents.iter().copied(), &g);
            for p in &phrases {
                for at in 0..p.tokens().len() {
                    for headline in [false, true] {
                        let filtered = format!("{:?}", matches_with(p, at, headline, &g, true));
                        let all = format!("{:?}", matches_with(p, at, headline, &g, false));
                        assert_eq!(filtered, all, "at {at} of {:?}", p.tokens()[at].text);
                        matched += usize::from(all != "[]");
                    }
                }
            }
        }
        assert!(matched > 100, "{matched}");
    }
}
