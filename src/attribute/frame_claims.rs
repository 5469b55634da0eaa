//! The frame stage: every sentence's anchors (speech verbs, literal anchor
//! words, anchor marks) tried against the grammar's frames, each match made
//! a draft claim with its speaker resolved against the claims before it.

use smallvec::SmallVec;

use super::coref::{Prior, Priors, ResolveContext};
use super::frame::{matches_in, Content as MatchedContent, FrameMatch};
use super::pipeline::{paragraph_of, Doc, Draft};
use crate::claim::ClaimKind;
use crate::grammar::{FrameKind, Lexeme};
use crate::parse::{verb_inside_name, Quote, Token, TokenKind};
use crate::text::Span;

/// The frame claims of a document, and what the next stage needs to know
/// of its quotations.
pub(super) struct FrameClaims {
    /// The drafts, frame claims first in text order.
    pub drafts: Vec<Draft>,
    /// Whether each quotation, by id, is some claim's content already.
    pub claimed: Vec<bool>,
    /// Where each quotation sits, by quotation id: (sentence, token).
    pub quote_at: Vec<Option<(usize, usize)>>,
}

/// The frame claims of every sentence.
pub(super) fn frame_claims(doc: &Doc) -> FrameClaims {
    // Text makes up to about one frame claim every two sentences (news) and
    // at most one more claim for each quotation: room for that, with a
    // margin, saves regrowing.
    let frame_claims = doc.sents.len() * 3 / 4;
    let mut out = FrameClaims {
        drafts: Vec::with_capacity(frame_claims + doc.top.len()),
        claimed: vec![false; doc.quotes.len()],
        quote_at: vec![None; doc.quotes.len()],
    };
    // The resolved speaker of each frame claim, in the order of `drafts`:
    // later speakers are resolved against them, and the claims take them
    // back after the frames (moved, not copied).
    let mut priors = Priors::with_capacity(frame_claims);
    for si in 0..doc.sents.len() {
        sentence_claims(doc, si, &mut out, &mut priors);
    }
    // Every frame claim has its prior: the claims take their speakers.
    debug_assert_eq!(out.drafts.len(), priors.len());
    for (d, p) in out.drafts.iter_mut().zip(priors.into_vec()) {
        d.speaker = Some(p.speaker);
    }
    out
}

/// Whether sentence `si` is the headline: the first sentence of a short
/// first paragraph.
fn is_headline(doc: &Doc, si: usize) -> bool {
    let toks = doc.sents[si].tokens;
    si == 0
        && doc.paras.first().is_some_and(|p| {
            toks.first().is_some_and(|t| t.span.start == p.span.start)
                && p.span
                    .slice(doc.text)
                    .split_whitespace()
                    .nth(doc.grammar.limits().headline_words)
                    .is_none()
        })
}

/// The frame claims of sentence `si`, at each of its anchors.
fn sentence_claims(doc: &Doc, si: usize, out: &mut FrameClaims, priors: &mut Priors) {
    let toks = doc.sents[si].tokens;
    let headline = is_headline(doc, si);
    // Contents and cues lie within their sentence, so only this sentence's
    // drafts can nest or repeat a new one.
    let here = out.drafts.len();
    for at in 0..toks.len() {
        let t = &toks[at];
        if let TokenKind::Quote(id) = t.kind {
            out.quote_at[id as usize] = Some((si, at));
        }
        if !anchors(doc, toks, at) {
            continue;
        }
        for m in matches_in(&doc.phrases[si], at, headline, doc.grammar) {
            add_match(doc, si, m, here, out, priors);
        }
    }
}

/// Whether token `at` can anchor a frame: a speech verb that is not part
/// of a name, the first word of a literal anchor, or an anchor mark.
fn anchors(doc: &Doc, toks: &[Token], at: usize) -> bool {
    let t = &toks[at];
    if t.is_word() {
        t.verb().is_some() && !verb_inside_name(toks, at) || t.lex.opens(Lexeme::ANCHOR)
    } else {
        t.kind == TokenKind::Punct && doc.grammar.is_anchor_mark(t.text)
    }
}

/// Makes a frame match in sentence `si` a draft, unless it repeats a claim
/// of the sentence (from `here` on) or quotes what a claim has quoted.
fn add_match(
    doc: &Doc,
    si: usize,
    m: FrameMatch,
    here: usize,
    out: &mut FrameClaims,
    priors: &mut Priors,
) {
    let toks = doc.sents[si].tokens;
    let frame = &doc.grammar.frames()[m.frame];
    let (kind, content, quotes) = match_content(doc.quotes, toks, &m, frame.kind);
    let cue_at = toks[m.cue.start].span;
    let nested = out.drafts[here..]
        .iter()
        .any(|d| d.kind != ClaimKind::Direct && d.content.contains(cue_at));
    if quotes.iter().any(|&q| out.claimed[q]) && kind == ClaimKind::Direct && !nested {
        return;
    }
    if out.drafts[here..].iter().any(|d| d.content == content) {
        return;
    }
    let cx = ResolveContext {
        text: doc.text,
        cps: doc.cps,
        toks,
        priors,
        grammar: doc.grammar,
    };
    let (speaker, certainty) = doc.registry.resolve(&cx, &m.speaker, m.mention_end);
    let cue_span = Span::new(toks[m.cue.start].span.start, toks[m.cue.end - 1].span.end);
    for &q in &quotes {
        out.claimed[q] = true;
    }
    priors.push(
        Prior {
            at: speaker.mention.byte_start,
            speaker,
            document: m.document,
        },
        doc.grammar,
    );
    out.drafts.push(Draft {
        kind,
        content,
        paragraph: paragraph_of(doc.paras, content.start, doc.sents[si].paragraph),
        brackets: brackets_of(doc.quotes, &quotes, kind),
        speaker: None,
        cue: Some((cue_span, cue_lemma(doc, toks, m.cue.start, cue_span))),
        confidence: frame.confidence * certainty,
        frame: ["frames.", frame.id.as_str()].concat(),
        sentence: si,
    });
}

/// The kind of a match's claim, its content span and the quotations in it.
fn match_content(
    quotes: &[Quote],
    toks: &[Token],
    m: &FrameMatch,
    frame_kind: FrameKind,
) -> (ClaimKind, Span, SmallVec<[usize; 4]>) {
    match &m.content {
        MatchedContent::Quote(id) => (
            ClaimKind::Direct,
            quotes[*id].inner,
            SmallVec::from_elem(*id, 1),
        ),
        MatchedContent::Tokens(r) => {
            let span = Span::new(toks[r.start].span.start, toks[r.end - 1].span.end);
            let quotes: SmallVec<[usize; 4]> = toks[r.clone()]
                .iter()
                .filter_map(|t| match t.kind {
                    TokenKind::Quote(id) => Some(id as usize),
                    _ => None,
                })
                .collect();
            let kind = if quotes.is_empty() || frame_kind == FrameKind::Direct {
                ClaimKind::Indirect
            } else {
                ClaimKind::Mixed
            };
            (kind, span, quotes)
        }
    }
}

/// The cue's lemma as the claim names it: the verb's dictionary form with
/// its particle, or the anchor phrase as written, in lower case.
fn cue_lemma(doc: &Doc, toks: &[Token], at: usize, cue_span: Span) -> String {
    toks[at]
        .verb()
        .map(|f| {
            let l = doc.grammar.lemma(f.lemma);
            match &l.particle {
                Some(p) => format!("{} {p}", l.name),
                None => l.name.clone(),
            }
        })
        .unwrap_or_else(|| cue_span.slice(doc.text).to_lowercase())
}

/// The editorial brackets inside a claim's quotations (none for indirect
/// speech).
fn brackets_of(quotes: &[Quote], ids: &[usize], kind: ClaimKind) -> Vec<Span> {
    if kind == ClaimKind::Indirect {
        return Vec::new();
    }
    ids.iter()
        .flat_map(|&i| quotes[i].brackets.iter().copied())
        .collect()
}
