//! Attribution: runs the grammar's frames over every sentence, resolves the
//! speakers, carries speakers over to continuing quotations, links nested
//! attributions (`via`) and turns the result into claims. It reads the parse
//! layer's tokens and never touches the filesystem.

mod coref;
mod frame;

use std::ops::Range;

use bumpalo::Bump;
use smallvec::SmallVec;

use crate::claim::{Claim, ClaimKind, Content, Cue, Speaker, TextSpan, Warning};
use crate::grammar::{FrameKind, Grammar, Lexeme, SourceType, WordClass};
use crate::parse::{
    blocks, scan_quotes, sentences, speaker_phrase, tokenize, verb_inside_name, PhraseHead,
    PhraseMemo, Quote, Token, TokenKind,
};
use crate::text::search::partition_point_from;
use crate::text::{paragraphs, CodePoints, Paragraph, Span};

pub use coref::{Prior, Priors, Registry};
pub use frame::{matches_at, matches_in, Content as MatchedContent, FrameMatch};

/// Confidence of a quotation attributed by continuation.
const CONTINUATION: f64 = 0.9;
/// How many paragraphs back a continuing quotation may find its speaker.
const CONTINUATION_PARAGRAPHS: usize = 1;
/// Confidence of a quotation introduced by a sentence ending in a colon.
const COLON_INTRO: f64 = 0.65;
/// Confidence of a quotation attributed to the nearest named person.
const NEAREST_PERSON: f64 = 0.35;
/// Confidence of a quotation nobody could be found for: it is kept so that
/// no quotation is lost, and marked as barely attributed.
const UNATTRIBUTED: f64 = 0.05;
/// Confidence of a quotation inside a sentence given to the sentence's subject.
const SENTENCE_SUBJECT: f64 = 0.45;
/// Confidence of a quotation given the speaker of the latest earlier claim.
const EARLIER_SPEAKER: f64 = 0.3;
/// A quotation with fewer words than this and no attribution is taken for a
/// scare quote or a title and gives no claim.
const MIN_SPEECH_WORDS: usize = 4;
/// Fewest words of a quotation kept without any attribution (tuned on the
/// PolNeAR dev half: fewer lets scare quotes in, more loses speech).
const MIN_UNATTRIBUTED_WORDS: usize = 6;

/// One sentence: its tokens (borrowed from its block) and paragraph.
struct Sentence<'t, 'a> {
    tokens: &'t [Token<'a>],
    paragraph: usize,
}

/// The tokens of a block, and the token range and paragraph of each of its
/// sentences.
struct Block<'a> {
    tokens: Vec<Token<'a>>,
    sentences: Vec<(Range<usize>, usize)>,
}

/// A claim before ids and nesting are settled.
struct Draft {
    kind: ClaimKind,
    content: Span,
    paragraph: usize,
    brackets: Vec<Span>,
    speaker: Option<Speaker>,
    cue: Option<(Span, String)>,
    confidence: f64,
    frame: String,
    /// The sentence of the cue (or of the quotation, for carried speakers).
    sentence: usize,
}

/// Longest first paragraph taken for a headline, in words.
const MAX_HEADLINE_WORDS: usize = 30;

/// Finds and attributes the claims of the article body starting at
/// `body_start`; a `dateline` inside the body (under a headline) is not prose.
pub fn attribute(
    text: &str,
    body_start: usize,
    dateline: Option<Span>,
    grammar: &Grammar,
) -> (Vec<Claim>, Vec<Warning>) {
    attribute_with_offsets(text, &CodePoints::new(text), body_start, dateline, grammar)
}

/// [`attribute`] with the code-point map of `text` already built.
pub(crate) fn attribute_with_offsets(
    text: &str,
    cps: &CodePoints,
    body_start: usize,
    dateline: Option<Span>,
    grammar: &Grammar,
) -> (Vec<Claim>, Vec<Warning>) {
    let mut paras = paragraphs(text, body_start);
    if let Some(d) = dateline {
        for p in paras.iter_mut().filter(|p| p.span.start == d.start) {
            p.span = Span::new(d.end, p.span.end).trim(text);
        }
        paras.retain(|p| !p.span.is_empty());
    }
    let scan = scan_quotes(text, &paras);
    let warnings: Vec<Warning> = scan
        .unbalanced
        .iter()
        .map(|&b| Warning {
            byte: b,
            message: format!("unbalanced quotation mark at byte {b}"),
        })
        .collect();
    let mut top: Vec<usize> = Vec::with_capacity(scan.quotes.len());
    top.extend((0..scan.quotes.len()).filter(|&i| scan.quotes[i].depth == 0));
    let top_refs: Vec<&Quote> = top.iter().map(|&i| &scan.quotes[i]).collect();
    // The lower-case copies of the document's capitalised words.
    let arena = Bump::new();
    let blocks = split_blocks(text, &paras, &scan.quotes, &top, &top_refs, grammar, &arena);
    let mut sents: Vec<Sentence> =
        Vec::with_capacity(blocks.iter().map(|b| b.sentences.len()).sum());
    sents.extend(blocks.iter().flat_map(|b| {
        b.sentences.iter().map(|(r, paragraph)| Sentence {
            tokens: &b.tokens[r.clone()],
            paragraph: *paragraph,
        })
    }));
    // Each sentence's speaker phrases, parsed once for the registry and
    // all the frames.
    let memo = PhraseMemo::new(sents.iter().map(|s| s.tokens));
    let phrases = memo.sentences(sents.iter().map(|s| s.tokens), grammar);
    let registry = Registry::build_with(text, &phrases, grammar);

    // Text makes up to about one frame claim every two sentences (news) and
    // at most one more claim for each quotation: room for that, with a
    // margin, saves regrowing.
    let frame_claims = sents.len() * 3 / 4;
    let mut drafts: Vec<Draft> = Vec::with_capacity(frame_claims + top.len());
    // The resolved speaker of each frame claim, in the order of `drafts`:
    // later speakers are resolved against them, and the claims take them
    // back after the frames (moved, not copied).
    let mut priors = Priors::with_capacity(frame_claims);
    // Whether each quotation, by id, is some claim's content already.
    let mut claimed = vec![false; scan.quotes.len()];
    // Where each quotation sits, by quotation id: (sentence, token); filled
    // in the same walk over the tokens as the frames.
    let mut quote_at: Vec<Option<(usize, usize)>> = vec![None; scan.quotes.len()];
    // Pass 1: frames.
    for (si, s) in sents.iter().enumerate() {
        let toks = s.tokens;
        // The first sentence of a short first paragraph is a headline.
        let headline = si == 0
            && paras.first().is_some_and(|p| {
                toks.first().is_some_and(|t| t.span.start == p.span.start)
                    && p.span
                        .slice(text)
                        .split_whitespace()
                        .nth(MAX_HEADLINE_WORDS)
                        .is_none()
            });
        // Contents and cues lie within their sentence, so only this
        // sentence's drafts can nest or repeat a new one.
        let here = drafts.len();
        for at in 0..toks.len() {
            let t = &toks[at];
            if let TokenKind::Quote(id) = t.kind {
                quote_at[id as usize] = Some((si, at));
            }
            let anchors = if t.is_word() {
                t.verb().is_some() && !verb_inside_name(toks, at) || t.lex.opens(Lexeme::ANCHOR)
            } else {
                t.kind == TokenKind::Punct && grammar.is_anchor_mark(t.text)
            };
            if !anchors {
                continue;
            }
            for m in matches_in(&phrases[si], at, headline, grammar) {
                let frame = &grammar.frames()[m.frame];
                let (kind, content, quotes) = match &m.content {
                    MatchedContent::Quote(id) => (
                        ClaimKind::Direct,
                        scan.quotes[*id].inner,
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
                        let kind = if quotes.is_empty() || frame.kind == FrameKind::Direct {
                            ClaimKind::Indirect
                        } else {
                            ClaimKind::Mixed
                        };
                        (kind, span, quotes)
                    }
                };
                let cue_at = toks[m.cue.start].span;
                let nested = drafts[here..]
                    .iter()
                    .any(|d| d.kind != ClaimKind::Direct && d.content.contains(cue_at));
                if quotes.iter().any(|&q| claimed[q]) && kind == ClaimKind::Direct && !nested {
                    continue;
                }
                if drafts[here..].iter().any(|d| d.content == content) {
                    continue;
                }
                let (speaker, certainty) =
                    registry.resolve(text, cps, toks, &m.speaker, m.mention_end, &priors, grammar);
                let cue_span =
                    Span::new(toks[m.cue.start].span.start, toks[m.cue.end - 1].span.end);
                let lemma = toks[m.cue.start]
                    .verb()
                    .map(|f| {
                        let l = grammar.lemma(f.lemma);
                        match &l.particle {
                            Some(p) => format!("{} {p}", l.name),
                            None => l.name.clone(),
                        }
                    })
                    .unwrap_or_else(|| cue_span.slice(text).to_lowercase());
                for &q in &quotes {
                    claimed[q] = true;
                }
                priors.push(Prior {
                    at: speaker.mention.byte_start,
                    speaker,
                    document: m.document,
                });
                drafts.push(Draft {
                    kind,
                    content,
                    paragraph: paragraph_of(&paras, content.start, s.paragraph),
                    brackets: brackets_of(&scan.quotes, &quotes, kind),
                    speaker: None,
                    cue: Some((cue_span, lemma)),
                    confidence: frame.confidence * certainty,
                    frame: ["frames.", frame.id.as_str()].concat(),
                    sentence: si,
                });
            }
        }
    }
    // Every frame claim has its prior: the claims take their speakers.
    debug_assert_eq!(drafts.len(), priors.len());
    for (d, p) in drafts.iter_mut().zip(priors.into_vec()) {
        d.speaker = Some(p.speaker);
    }
    // Pass 2: quotations the frames left unattributed. The latest claim with
    // a speaker before each is found by binary search over the frame claims
    // (by content start, then order) and, for claims made here, which come
    // in text order, by remembering the last one.
    let mut spoken: Vec<(usize, usize)> = Vec::with_capacity(drafts.len());
    spoken.extend(
        drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.speaker.is_some())
            .map(|(i, d)| (d.content.start, i)),
    );
    spoken.sort_unstable();
    let mut last_carried: Option<(usize, usize)> = None;
    for &qid in &top {
        if claimed[qid] {
            continue;
        }
        let Some((si, ti)) = quote_at.get(qid).copied().flatten() else {
            continue;
        };
        if frame::titled(sents[si].tokens, ti) {
            continue;
        }
        let q = &scan.quotes[qid];
        let before = spoken.partition_point(|&(start, _)| start < q.outer.start);
        let from_frames = before.checked_sub(1).map(|i| spoken[i]);
        let from_here = last_carried.filter(|&(start, _)| start < q.outer.start);
        let latest = from_frames.max(from_here).map(|(_, i)| &drafts[i]);
        if let Some((speaker, frame, confidence)) = carried_speaker(
            text, &sents, latest, si, ti, q, &registry, cps, &paras, grammar,
        ) {
            claimed[qid] = true;
            if speaker.is_some() {
                last_carried = Some((q.inner.start, drafts.len()));
            }
            drafts.push(Draft {
                kind: ClaimKind::Direct,
                content: q.inner,
                paragraph: paragraph_of(&paras, q.inner.start, sents[si].paragraph),
                brackets: q.brackets.clone(),
                speaker,
                cue: None,
                confidence,
                frame: frame.to_string(),
                sentence: si,
            });
        }
    }
    (finish(text, cps, drafts), warnings)
}

/// The paragraph holding `byte`, searched from paragraph `near`.
fn paragraph_of(paras: &[Paragraph], byte: usize, near: usize) -> usize {
    partition_point_from(paras, near, |p| p.span.end <= byte).min(paras.len().saturating_sub(1))
}

fn brackets_of(quotes: &[Quote], ids: &[usize], kind: ClaimKind) -> Vec<Span> {
    if kind == ClaimKind::Indirect {
        return Vec::new();
    }
    ids.iter()
        .flat_map(|&i| quotes[i].brackets.iter().copied())
        .collect()
}

fn split_blocks<'a>(
    text: &'a str,
    paras: &[Paragraph],
    quotes: &[Quote],
    top: &[usize],
    top_refs: &[&Quote],
    grammar: &Grammar,
    arena: &'a Bump,
) -> Vec<Block<'a>> {
    // Blocks come in text order: the first quotation of each, and the
    // paragraph of each sentence, are found from those of the one before.
    let mut first_quote = 0;
    let mut paragraph = 0;
    blocks(paras, top_refs)
        .into_iter()
        .map(|(span, _)| {
            first_quote =
                partition_point_from(top, first_quote, |&i| quotes[i].outer.start < span.start);
            let tokens = tokenize(text, span, quotes, &top[first_quote..], grammar, arena);
            let sentences = sentences(&tokens, text, quotes, grammar)
                .into_iter()
                .map(|r| {
                    let first = tokens[r.clone()].first();
                    let start = first.map_or(span.start, |t| t.span.start);
                    paragraph = paragraph_of(paras, start, paragraph);
                    (r, paragraph)
                })
                .collect();
            Block { tokens, sentences }
        })
        .collect()
}

/// The speaker a quotation inherits: from an earlier quotation of the same
/// sentence (a split quote), from a sentence that introduces it with a colon,
/// from the latest claim in its paragraph or the previous one (`latest`: the
/// claim with a speaker whose content starts last before the quotation), or,
/// for a quotation long enough to be speech, the person mentioned last, then
/// the speaker of the latest claim however far back (each measured on the
/// PolNeAR dev half to beat leaving the speaker empty).
#[allow(clippy::too_many_arguments)]
fn carried_speaker(
    text: &str,
    sents: &[Sentence],
    latest: Option<&Draft>,
    si: usize,
    ti: usize,
    q: &Quote,
    registry: &Registry,
    cps: &CodePoints,
    paras: &[Paragraph],
    grammar: &Grammar,
) -> Option<(Option<Speaker>, &'static str, f64)> {
    let para = sents[si].paragraph;
    let toks = &sents[si].tokens;
    // The quotation's words, and how many of them are capitalised, in one
    // pass.
    let (words, capitalized) = q
        .inner
        .slice(text)
        .split_whitespace()
        .fold((0, 0), |(n, caps), w| {
            (n + 1, caps + usize::from(w.starts_with(char::is_uppercase)))
        });
    let speech_like = words >= MIN_SPEECH_WORDS
        || q.inner
            .slice(text)
            .trim_end()
            .ends_with(['.', '!', '?', ',']);
    if let Some(d) = latest {
        let dsi = d.sentence;
        let after_comma = ti > 0 && (toks[ti - 1].is_punct(',') || toks[ti - 1].is_punct(':'));
        if dsi == si && after_comma && d.kind == ClaimKind::Direct && speech_like {
            return Some((
                d.speaker.clone(),
                "frames.split_quote",
                d.confidence.min(0.9),
            ));
        }
        let prev_para = sents[dsi].paragraph;
        let opens_sentence = ti == 0;
        if opens_sentence && speech_like && para - prev_para <= CONTINUATION_PARAGRAPHS {
            return Some((
                d.speaker.clone(),
                "frames.continuation",
                CONTINUATION.min(d.confidence),
            ));
        }
    }
    if ti == 0 && si > 0 && speech_like {
        if let Some(intro) = colon_intro(&sents[si - 1], registry, text, cps, grammar) {
            return Some((Some(intro), "frames.colon_intro", COLON_INTRO));
        }
    }
    // Without any attribution, only a quotation that reads like speech is
    // kept: long enough and not a title in title case.
    if words < MIN_UNATTRIBUTED_WORDS || capitalized * 2 > words {
        return None;
    }
    let unattributed = match latest {
        // Failing all else, the speaker of the latest claim before it.
        Some(d) if d.speaker.is_some() => {
            Some((d.speaker.clone(), "frames.earlier_speaker", EARLIER_SPEAKER))
        }
        _ => Some((None, "frames.unattributed", UNATTRIBUTED)),
    };
    if words < MIN_SPEECH_WORDS {
        return unattributed;
    }
    // A quotation inside a sentence is most often its subject's words
    // (`The agency declined to detail the "specific focus" of …`).
    if ti > 0 {
        if let Some(subject) = sentence_subject(&sents[si], ti, registry, text, cps, grammar) {
            return Some((Some(subject), "frames.sentence_subject", SENTENCE_SUBJECT));
        }
    }
    let Some((name, role)) = registry.nearest_person(q.outer.start) else {
        return unattributed;
    };
    let near = paras
        .get(para.saturating_sub(1))
        .map_or(0, |p| p.span.start);
    let Some(mention_span) = find_mention(text, &name, near, q.outer.start) else {
        return unattributed;
    };
    Some((
        Some(Speaker {
            name,
            mention: TextSpan::new(text, mention_span, cps),
            source_type: SourceType::Person,
            role,
            organization: None,
            wikidata: None,
        }),
        "frames.nearest_person",
        NEAREST_PERSON,
    ))
}

/// The subject of a sentence that ends with a colon and introduces a
/// quotation (`Trump issued the following statement:`).
fn colon_intro(
    prev: &Sentence,
    registry: &Registry,
    text: &str,
    cps: &CodePoints,
    grammar: &Grammar,
) -> Option<Speaker> {
    let toks = &prev.tokens;
    if !toks.last()?.is_punct(':') {
        return None;
    }
    let start = toks
        .iter()
        .position(|t| t.is_punct(','))
        .filter(|&c| c < 6)
        .map_or(0, |c| c + 1);
    let phrase =
        speaker_phrase(toks, start, grammar).or_else(|| speaker_phrase(toks, 0, grammar))?;
    let (speaker, _) = registry.resolve(
        text,
        cps,
        toks,
        &phrase,
        phrase.tokens.end,
        &Priors::default(),
        grammar,
    );
    Some(speaker)
}

/// The subject of a sentence, when it is a speaker phrase that ends before
/// token `before` (after a short opening adjunct such as `In the email,`).
fn sentence_subject(
    sent: &Sentence,
    before: usize,
    registry: &Registry,
    text: &str,
    cps: &CodePoints,
    grammar: &Grammar,
) -> Option<Speaker> {
    let toks = &sent.tokens[..before];
    let comma = toks.iter().position(|t| t.is_punct(',')).filter(|&c| c < 6);
    // `Filippo Grandi, the UN refugee chief, reacted …`: a phrase that ends
    // at the first comma is the subject before its appositive; otherwise
    // the comma closes an opening adjunct (`On Tuesday, …`).
    let at_start = speaker_phrase(toks, 0, grammar);
    let opening =
        at_start.filter(|p| comma.is_some_and(|c| p.tokens.end == c) && p.head == PhraseHead::Name);
    let start = comma.map_or(0, |c| c + 1);
    // `As Mitchell tried to …, Sanders responded …`: after a subordinate
    // or prepositional opening, the subject follows the comma that ends it.
    let subordinate = toks
        .first()
        .is_some_and(|t| t.is(WordClass::ClauseOpener) || t.is(WordClass::Preposition));
    let after_opening = || {
        (0..toks.len())
            .filter(|&c| toks[c].is_punct(','))
            .find_map(|c| {
                speaker_phrase(toks, c + 1, grammar).filter(|p| {
                    toks.get(p.tokens.end)
                        .is_some_and(|v| v.is_word() && v.text.starts_with(char::is_lowercase))
                })
            })
    };
    let phrase = match opening {
        Some(p) => p,
        None if subordinate && comma.is_none() => after_opening()?,
        None if start == 0 => at_start?,
        None => speaker_phrase(toks, start, grammar).or(at_start)?,
    };
    // A lone capitalised word the article never names as a person is an
    // opening word (`Soon`, `Signs`), not a subject.
    let lone_word = phrase.tokens.len() == 1
        && matches!(phrase.head, PhraseHead::Name)
        && !registry.knows_person(toks[phrase.tokens.start].text);
    if lone_word {
        return None;
    }
    // A headline in capitals is no speaker.
    let shouted = toks[phrase.tokens.range()]
        .iter()
        .any(|t| t.text.chars().count() > 1 && !t.text.chars().any(char::is_lowercase));
    if shouted {
        return None;
    }
    let end = frame::past_parenthesis(toks, phrase.tokens.end);
    let mention_end = frame::subject_appositive_end(toks, end);
    let phrase = frame::named_in_apposition(toks, phrase, end, mention_end, grammar);
    let (speaker, _) = registry.resolve(
        text,
        cps,
        toks,
        &phrase,
        mention_end,
        &Priors::default(),
        grammar,
    );
    Some(speaker)
}

/// The last occurrence of the surname of `name` in `text[from..to]`.
fn find_mention(text: &str, name: &str, from: usize, to: usize) -> Option<Span> {
    let surname = name.split_whitespace().last()?;
    let hay = text.get(from..to)?;
    let at = hay.rfind(surname)?;
    Some(Span::new(from + at, from + at + surname.len()))
}

/// Orders the drafts, links nested attributions and assigns stable ids.
fn finish(text: &str, cps: &CodePoints, mut drafts: Vec<Draft>) -> Vec<Claim> {
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
