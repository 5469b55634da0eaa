//! The carried stage: quotations no frame attributed take a speaker from
//! context — a split quote's first part, a continuing paragraph, a sentence
//! that introduces them with a colon, the sentence's subject, the person
//! named last — or are kept unattributed when they read like speech. Each
//! such attribution has its confidence in the pack.

use super::coref::{Priors, ResolveContext};
use super::frame;
use super::frame_claims::FrameClaims;
use super::pipeline::{paragraph_of, Doc, Draft, Sentence};
use crate::claim::{ClaimKind, Speaker, TextSpan};
use crate::grammar::{SourceType, WordClass};
use crate::parse::{speaker_phrase, PhraseHead, Quote};
use crate::text::Span;

/// A quotation to attribute: where it sits and the claim with a speaker
/// whose content starts last before it.
struct Carried<'q, 'd> {
    quote: &'q Quote,
    /// Its sentence and token.
    si: usize,
    ti: usize,
    latest: Option<&'d Draft>,
}

/// The speaker a quotation takes, the frame id that says how, and the
/// confidence.
type Carry = (Option<Speaker>, &'static str, f64);

/// Adds a draft for every top-level quotation the frames left unclaimed
/// and that can be attributed or reads like speech.
pub(super) fn carry_quotations(doc: &Doc, claims: &mut FrameClaims) {
    // The latest claim with a speaker before each quotation is found by
    // binary search over the frame claims (by content start, then order)
    // and, for claims made here, which come in text order, by remembering
    // the last one.
    let drafts = &mut claims.drafts;
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
    for &qid in doc.top {
        if claims.claimed[qid] {
            continue;
        }
        let Some((si, ti)) = claims.quote_at.get(qid).copied().flatten() else {
            continue;
        };
        if frame::titled(doc.sents[si].tokens, ti) {
            continue;
        }
        let q = &doc.quotes[qid];
        let before = spoken.partition_point(|&(start, _)| start < q.outer.start);
        let from_frames = before.checked_sub(1).map(|i| spoken[i]);
        let from_here = last_carried.filter(|&(start, _)| start < q.outer.start);
        let latest = from_frames.max(from_here).map(|(_, i)| &drafts[i]);
        let carried = Carried {
            quote: q,
            si,
            ti,
            latest,
        };
        let Some((speaker, frame, confidence)) = carried_speaker(doc, &carried) else {
            continue;
        };
        claims.claimed[qid] = true;
        if speaker.is_some() {
            last_carried = Some((q.inner.start, drafts.len()));
        }
        drafts.push(Draft {
            kind: ClaimKind::Direct,
            content: q.inner,
            paragraph: paragraph_of(doc.paras, q.inner.start, doc.sents[si].paragraph),
            brackets: q.brackets.clone(),
            speaker,
            cue: None,
            confidence,
            frame: frame.to_string(),
            sentence: si,
        });
    }
}

/// The speaker a quotation inherits: from an earlier quotation of the same
/// sentence (a split quote), from the latest claim in its paragraph or the
/// previous one, from a sentence that introduces it with a colon, or, for a
/// quotation that reads like speech, from the fallbacks of
/// [`fallback_speaker`].
fn carried_speaker(doc: &Doc, c: &Carried) -> Option<Carry> {
    let limits = doc.grammar.limits();
    let confidences = doc.grammar.confidences();
    let inner = c.quote.inner.slice(doc.text);
    let words = inner.split_whitespace().count();
    let speech_like =
        words >= limits.min_speech_words || inner.trim_end().ends_with(['.', '!', '?', ',']);
    let toks = doc.sents[c.si].tokens;
    if let Some(d) = c.latest {
        let after_comma =
            c.ti > 0 && (toks[c.ti - 1].is_punct(',') || toks[c.ti - 1].is_punct(':'));
        if d.sentence == c.si && after_comma && d.kind == ClaimKind::Direct && speech_like {
            let confidence = d.confidence.min(confidences.continuation);
            return Some((d.speaker.clone(), "frames.split_quote", confidence));
        }
        let paragraphs_back = doc.sents[c.si].paragraph - doc.sents[d.sentence].paragraph;
        if c.ti == 0 && speech_like && paragraphs_back <= limits.continuation_paragraphs {
            let confidence = confidences.continuation.min(d.confidence);
            return Some((d.speaker.clone(), "frames.continuation", confidence));
        }
    }
    if c.ti == 0 && c.si > 0 && speech_like {
        if let Some(intro) = colon_intro(doc, &doc.sents[c.si - 1]) {
            return Some((Some(intro), "frames.colon_intro", confidences.colon_intro));
        }
    }
    fallback_speaker(doc, c)
}

/// Without any attribution, only a quotation that reads like speech is
/// kept: long enough and not a title in title case. It goes to its
/// sentence's subject, else to the person named last before it, else to
/// the speaker of the latest claim however far back, else to nobody: each
/// is right more often than a missing speaker would be, and its confidence
/// says how often.
fn fallback_speaker(doc: &Doc, c: &Carried) -> Option<Carry> {
    let limits = doc.grammar.limits();
    let confidences = doc.grammar.confidences();
    let (words, capitalized) = c
        .quote
        .inner
        .slice(doc.text)
        .split_whitespace()
        .fold((0, 0), |(n, caps), w| {
            (n + 1, caps + usize::from(w.starts_with(char::is_uppercase)))
        });
    if words < limits.min_unattributed_words || capitalized * 2 > words {
        return None;
    }
    let unattributed = match c.latest {
        Some(d) if d.speaker.is_some() => Some((
            d.speaker.clone(),
            "frames.earlier_speaker",
            confidences.earlier_speaker,
        )),
        _ => Some((None, "frames.unattributed", confidences.unattributed)),
    };
    if words < limits.min_speech_words {
        return unattributed;
    }
    // A quotation inside a sentence is most often its subject's words
    // (`The agency declined to detail the "specific focus" of …`).
    if c.ti > 0 {
        if let Some(subject) = sentence_subject(doc, &doc.sents[c.si], c.ti) {
            let confidence = confidences.sentence_subject;
            return Some((Some(subject), "frames.sentence_subject", confidence));
        }
    }
    nearest_person(doc, c).or(unattributed)
}

/// The person named last before the quotation, found in its paragraph or
/// the one before.
fn nearest_person(doc: &Doc, c: &Carried) -> Option<Carry> {
    let (name, role) = doc.registry.nearest_person(c.quote.outer.start)?;
    let para = doc.sents[c.si].paragraph;
    let near = doc
        .paras
        .get(para.saturating_sub(1))
        .map_or(0, |p| p.span.start);
    let mention_span = find_mention(doc.text, &name, near, c.quote.outer.start)?;
    let speaker = Speaker {
        name,
        mention: TextSpan::new(doc.text, mention_span, doc.cps),
        source_type: SourceType::Person,
        role,
        organization: None,
        wikidata: None,
    };
    let confidence = doc.grammar.confidences().nearest_person;
    Some((Some(speaker), "frames.nearest_person", confidence))
}

/// The subject of a sentence that ends with a colon and introduces a
/// quotation (`Trump issued the following statement:`).
fn colon_intro(doc: &Doc, prev: &Sentence) -> Option<Speaker> {
    let grammar = doc.grammar;
    let toks = &prev.tokens;
    if !toks.last()?.is_punct(':') {
        return None;
    }
    let start = toks
        .iter()
        .position(|t| t.is_punct(','))
        .filter(|&c| c < grammar.limits().subject_comma)
        .map_or(0, |c| c + 1);
    let phrase =
        speaker_phrase(toks, start, grammar).or_else(|| speaker_phrase(toks, 0, grammar))?;
    let cx = ResolveContext {
        text: doc.text,
        cps: doc.cps,
        toks,
        priors: &Priors::default(),
        grammar,
    };
    let (speaker, _) = doc.registry.resolve(&cx, &phrase, phrase.tokens.end);
    Some(speaker)
}

/// The subject of a sentence, when it is a speaker phrase that ends before
/// token `before` (after a short opening adjunct such as `In the email,`).
fn sentence_subject(doc: &Doc, sent: &Sentence, before: usize) -> Option<Speaker> {
    let grammar = doc.grammar;
    let toks = &sent.tokens[..before];
    let comma = toks
        .iter()
        .position(|t| t.is_punct(','))
        .filter(|&c| c < grammar.limits().subject_comma);
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
        && !doc
            .registry
            .knows_person(toks[phrase.tokens.start].text, grammar);
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
    let end = frame::past_parenthesis(toks, phrase.tokens.end, grammar);
    let mention_end = frame::subject_appositive_end(toks, end, grammar);
    let phrase = frame::named_in_apposition(toks, phrase, end, mention_end, grammar);
    let cx = ResolveContext {
        text: doc.text,
        cps: doc.cps,
        toks,
        priors: &Priors::default(),
        grammar,
    };
    let (speaker, _) = doc.registry.resolve(&cx, &phrase, mention_end);
    Some(speaker)
}

/// The last occurrence of the surname of `name` in `text[from..to]`.
fn find_mention(text: &str, name: &str, from: usize, to: usize) -> Option<Span> {
    let surname = name.split_whitespace().last()?;
    let hay = text.get(from..to)?;
    let at = hay.rfind(surname)?;
    Some(Span::new(from + at, from + at + surname.len()))
}
