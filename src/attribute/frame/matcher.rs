//! The pattern matcher: one frame's steps, right of the anchor left to
//! right, then left of it right to left, capturing the speaker phrase and
//! the content. Where a mention or a content ends is decided in `mention`
//! and `content`; the matcher only walks the steps.

use std::ops::Range;

use super::content::{
    as_content, clause_boundary_before, content_left_start, content_right, document_adjunct,
    opening_adjunct_reach, tail, trim_range, words_in,
};
use super::cue::{admitted_complements, cue_form, CueToken};
use super::mention::{
    adverbial_aside, manner_adverb, mention_end_right, named_in_apposition, past_parenthesis,
    phrase_end_before_appositive, subject_appositive_end, time_adjunct_ending_at, titled,
};
use super::prefilter::matches_with;
use crate::grammar::{
    is_dash, Complement, Element, Frame, Grammar, Inflection, SourceType, Step, WordClass, DASH,
};
use crate::parse::{PhraseHead, SentencePhrases, SpeakerPhrase, Token, TokenKind};

/// The content a frame matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A quotation token.
    Quote(usize),
    /// A run of tokens (sentence-local indices).
    Tokens(Range<usize>),
}

/// A successful frame match; token indices are local to the sentence.
#[derive(Debug, Clone)]
pub struct FrameMatch<'g> {
    /// Index of the frame in the grammar.
    pub frame: usize,
    /// The cue (verb or anchor phrase).
    pub cue: Range<usize>,
    /// The speaker phrase.
    pub speaker: SpeakerPhrase<'g>,
    /// The content.
    pub content: Content,
    /// A document noun named after the cue (`in a statement` → `statement`).
    pub document: Option<String>,
    /// End of the mention as written, appositive included (`Rich Greenfield, an analyst at BTIG`).
    pub mention_end: usize,
}

#[derive(Default)]
pub(super) struct Captures<'g> {
    speaker: Option<SpeakerPhrase<'g>>,
    content: Option<Content>,
    mention_end: Option<usize>,
    /// The frame has no verb (`according to`): a speaker at the clause end
    /// takes everything up to it.
    loose_mention: bool,
}

/// Every claim the frames make at anchor token `at`: the first frame that
/// matches and, when the cue interrupts its content (`The plant, the mayor
/// said, would open in May`), the first later frame giving the content on
/// the other side of the cue with the same speaker. The sentence is that of
/// `phrases`, whose speaker phrases are parsed once for all its anchors;
/// `headline` says whether the sentence is the article's headline, where
/// headline frames may hold.
pub fn matches_in<'g>(
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    headline: bool,
    grammar: &'g Grammar,
) -> Vec<FrameMatch<'g>> {
    matches_with(phrases, at, headline, grammar, true)
}

/// One frame matched at anchor token `at`: the anchor, the steps right of
/// it, the steps left of it, then the conditions on the whole match (a
/// speaker that opens a clause, quoted content where the frame wants it).
pub(super) fn match_frame<'g>(
    frame: &Frame,
    index: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    cue: Option<&CueToken>,
    grammar: &'g Grammar,
) -> Option<FrameMatch<'g>> {
    let toks = phrases.tokens();
    let anchor_len = anchor_len(frame, toks, at, cue)?;
    let mut caps = Captures {
        loose_mention: frame.requires.is_none(),
        ..Captures::default()
    };
    let right = &frame.steps[frame.anchor + 1..];
    let mut pos = at + anchor_len;
    for (k, step) in right.iter().enumerate() {
        let next = right.get(k + 1);
        match match_right(step, next, pos, phrases, grammar, &mut caps) {
            Some(p) => pos = p,
            None if step.optional => {}
            None => return None,
        }
    }
    let clause_start = match_left_steps(frame, phrases, at, grammar, &mut caps)?;
    opening_speaker(frame, phrases, clause_start, &mut caps)?;
    if !content_fits(frame, toks, &caps, grammar) {
        return None;
    }
    let document = document_adjunct(toks, at + anchor_len, grammar);
    Some(FrameMatch {
        frame: index,
        cue: at..at + anchor_len,
        speaker: caps.speaker?,
        content: caps.content?,
        document,
        mention_end: caps.mention_end.unwrap_or(0),
    })
}

/// How many tokens the frame's anchor takes at `at`: the cue (with its
/// particle) when the cue admits the complement the frame requires, the
/// literal words, or the mark.
fn anchor_len(frame: &Frame, toks: &[Token], at: usize, cue: Option<&CueToken>) -> Option<usize> {
    match &frame.steps[frame.anchor].element {
        Element::Cue => {
            let cue = cue?;
            if admitted_complements(cue, frame.content_quoted) & frame.requires?.bit() == 0 {
                return None;
            }
            Some(1 + usize::from(cue.lemma.particle.is_some()))
        }
        Element::Words(words) => words_at(toks, at, words),
        Element::Punct(c) if is_mark(toks.get(at)?, *c) => Some(1),
        _ => None,
    }
}

/// Matches the steps left of the anchor, right to left; the token where
/// the leftmost matched step starts.
fn match_left_steps<'g>(
    frame: &Frame,
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
    let left = &frame.steps[..frame.anchor];
    let mut state = LeftState {
        caps,
        clause_start: None,
    };
    let mut pos = at;
    for (k, step) in left.iter().enumerate().rev() {
        // A speaker right after a quotation (`"…," the narrator says`).
        let after_quote = left[..k]
            .iter()
            .rev()
            .find(|s| !matches!(s.element, Element::Punct(_)))
            .is_some_and(|s| s.element == Element::Quote);
        let step = LeftStep {
            step,
            after: &frame.steps[k + 1].element,
            next_to_anchor: k + 1 == frame.anchor,
            after_quote,
        };
        match match_left(&step, pos, phrases, grammar, &mut state) {
            Some(p) => pos = p,
            None if step.step.optional => {}
            None => return None,
        }
    }
    Some(pos)
}

/// The conditions on a speaker that opens the frame at `pos`: it starts a
/// clause, unless it is a name; without a cue (`Peggy Drexler, CNN: "…"`)
/// even a name must, or it is an earlier verb's object (`telling CNBC:
/// "…"`), and a source in apposition to a name opening the clause is that
/// person's affiliation, the name being the speaker.
fn opening_speaker<'g>(
    frame: &Frame,
    phrases: &SentencePhrases<'_, '_, 'g>,
    pos: usize,
    caps: &mut Captures<'g>,
) -> Option<()> {
    let toks = phrases.tokens();
    if frame
        .steps
        .first()
        .is_none_or(|s| s.element != Element::Speaker)
    {
        return Some(());
    }
    let named = caps
        .speaker
        .as_ref()
        .is_some_and(|p| p.head == PhraseHead::Name);
    let cueless = !frame.steps.iter().any(|s| s.element == Element::Cue);
    if (!named || cueless) && !clause_boundary_before(toks, pos) {
        return None;
    }
    if cueless {
        let named_before = pos
            .checked_sub(1)
            .filter(|&c| toks[c].is_punct(','))
            .and_then(|c| phrases.ending_at(c))
            .filter(|p| {
                p.head == PhraseHead::Name
                    && !matches!(p.source_type, SourceType::Organization | SourceType::Outlet)
                    && clause_boundary_before(toks, p.tokens.start)
            });
        if let Some(p) = named_before {
            caps.speaker = Some(p);
        }
    }
    Some(())
}

/// Whether the captured content is what the frame asks for: quoted where
/// the frame wants quoted content, and mixed content is reported speech
/// around a quoted fragment, with words of its own outside the marks and no
/// speech verb of another claim. Left of the cue a lone quotation is direct
/// speech, which the quotation frames take.
fn content_fits(frame: &Frame, toks: &[Token], caps: &Captures, grammar: &Grammar) -> bool {
    let quoted = match &caps.content {
        Some(Content::Quote(_)) => true,
        Some(Content::Tokens(r)) => r.clone().any(|i| toks[i].is_quote()),
        None => false,
    };
    if frame.content_quoted && !quoted {
        return false;
    }
    let left = &frame.steps[..frame.anchor];
    let content_left = left.iter().any(|s| s.element == Element::Content);
    match (frame.content_quoted, &caps.content) {
        (true, Some(Content::Quote(_))) => !content_left,
        (true, Some(Content::Tokens(r))) => {
            let mut own_words = r.clone().filter(|&i| toks[i].is_word());
            let has_words = own_words.clone().next().is_some();
            // After a determiner the word is a noun (`in a tweet`).
            let cue_word = |i: usize| {
                toks[i].text.starts_with(char::is_lowercase)
                    && cue_form(toks, i, grammar).is_some()
                    && !(i > 0
                        && (toks[i - 1].is(WordClass::Determiner) || toks[i - 1].is_possessive()))
            };
            has_words && !own_words.any(cue_word)
        }
        _ => true,
    }
}

pub(super) fn words_at(toks: &[Token], at: usize, words: &[String]) -> Option<usize> {
    let fits = words
        .iter()
        .enumerate()
        .all(|(i, w)| toks.get(at + i).is_some_and(|t| t.lower == *w));
    fits.then_some(words.len())
}

/// Matches one step right of the anchor at `pos`; the position after it.
pub(super) fn match_right<'g>(
    step: &Step,
    next: Option<&Step>,
    pos: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
    let toks = phrases.tokens();
    match &step.element {
        Element::Quote => {
            caps.content = Some(Content::Quote(quotation_at(toks, pos)?));
            Some(pos + 1)
        }
        Element::Punct(c) => toks.get(pos).filter(|t| is_mark(t, *c)).map(|_| pos + 1),
        Element::Words(words) => words_at(toks, pos, words).map(|n| pos + n),
        Element::Speaker => {
            let p = phrases.at(pos)?;
            let last = next.is_none_or(|n| n.element == Element::Tail);
            let end = if last {
                let phrase = (p.head, p.source_type);
                mention_end_right(toks, p.tokens.end, caps.loose_mention, phrase, grammar)
            } else {
                p.tokens.end
            };
            caps.speaker = Some(p);
            caps.mention_end = Some(end);
            Some(end)
        }
        Element::Object => object_end(next, pos, phrases, grammar),
        Element::Gap => gap_end(next?, pos, phrases, grammar),
        Element::Tail => tail(toks, pos, phrases, grammar).then_some(pos),
        Element::Content => {
            let range = content_right(toks, pos, phrases, grammar)?;
            caps.content = Some(as_content(toks, range));
            Some(toks.len())
        }
        Element::Cue | Element::Be | Element::Skip => None,
    }
}

/// The end of an addressee (`$OBJECT`) at `pos`: an object pronoun, a
/// speaker phrase that is no document, or before a `$GAP` any short run of
/// words (`told conservative radio host Hugh Hewitt on Wednesday that`).
fn object_end(
    next: Option<&Step>,
    pos: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> Option<usize> {
    let toks = phrases.tokens();
    if toks.get(pos)?.is(WordClass::ObjectPronoun) {
        return Some(pos + 1);
    }
    let phrase = phrases
        .at(pos)
        .filter(|p| p.source_type != SourceType::Document)
        .map(|p| p.tokens.end);
    if phrase.is_some() || !next.is_some_and(|n| n.element == Element::Gap) {
        return phrase;
    }
    let limit = toks.len().min(pos + grammar.limits().loose_object);
    let end = (pos..limit)
        .find(|&i| {
            let t = &toks[i];
            !t.is_word() || t.is(WordClass::Complementizer) || t.verb().is_some()
        })
        .unwrap_or(limit);
    (end > pos).then_some(end)
}

/// Where the step after a `$GAP` starts: the gap skips up to the pack's
/// `gap` words, none of them a verb, before `next` matches.
fn gap_end<'g>(
    next: &Step,
    pos: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
) -> Option<usize> {
    let toks = phrases.tokens();
    for p in pos..=pos + grammar.limits().gap {
        let t = toks.get(p)?;
        let mut scratch = Captures::default();
        if match_right(next, None, p, phrases, grammar, &mut scratch).is_some() {
            return Some(p);
        }
        if !t.is_word() || t.verb().is_some() {
            return None;
        }
    }
    None
}

/// A step left of the anchor, with what its place in the frame tells.
pub(super) struct LeftStep<'f> {
    step: &'f Step,
    /// The element right after it.
    after: &'f Element,
    /// It stands right before the anchor.
    next_to_anchor: bool,
    /// A quotation comes before it (`"…," the narrator says`).
    after_quote: bool,
}

/// What the left steps capture as they go: the claim's parts, and the
/// clause a `$SKIP` found for the speaker before it.
pub(super) struct LeftState<'c, 'g> {
    caps: &'c mut Captures<'g>,
    clause_start: Option<usize>,
}

/// Matches one step ending at `pos` left of the anchor; where it starts.
fn match_left<'g>(
    step: &LeftStep,
    pos: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    state: &mut LeftState<'_, 'g>,
) -> Option<usize> {
    let toks = phrases.tokens();
    match &step.step.element {
        Element::Quote => {
            let id = quotation_at(toks, pos.checked_sub(1)?)?;
            state.caps.content = Some(Content::Quote(id));
            Some(pos - 1)
        }
        Element::Punct(c) => toks
            .get(pos.checked_sub(1)?)
            .filter(|t| is_mark(t, *c))
            .map(|_| pos - 1),
        Element::Words(words) => {
            let start = pos.checked_sub(words.len())?;
            words_at(toks, start, words).map(|_| start)
        }
        Element::Speaker => match state.clause_start.take() {
            Some(start) => Some(clause_subject(pos, start, phrases, grammar, state.caps)?),
            None => left_speaker(step, pos, phrases, grammar, state.caps),
        },
        Element::Be => {
            let p = pos.checked_sub(1)?;
            if !toks[p].is(WordClass::PassiveAuxiliary) {
                return None;
            }
            let perfect = toks[p].is(WordClass::PerfectPassive)
                && p > 0
                && toks[p - 1].is(WordClass::Auxiliary);
            Some(if perfect { p - 1 } else { p })
        }
        Element::Skip => {
            let start = participle_clause_start(toks, pos, phrases, grammar);
            if start >= pos {
                return None;
            }
            state.clause_start = Some(start);
            Some(pos)
        }
        Element::Content => {
            let start = content_left_start(toks, pos, step.after == &Element::Be);
            let range = trim_range(toks, start..pos);
            if words_in(toks, &range) < 2 && !range.clone().any(|i| toks[i].is_quote()) {
                return None;
            }
            state.caps.content = Some(as_content(toks, range));
            Some(start)
        }
        Element::Object | Element::Gap | Element::Tail | Element::Cue => None,
    }
}

/// The subject of the clause a `$SKIP` found (`start` to `pos`), with its
/// appositive: the speaker of a participle cue.
fn clause_subject<'g>(
    pos: usize,
    start: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
    let toks = &phrases.tokens()[..pos];
    let p = phrases.within(pos, start)?;
    let s = p.tokens.start;
    let e = past_parenthesis(toks, p.tokens.end, grammar);
    let mention_end = subject_appositive_end(toks, e, grammar);
    caps.mention_end = Some(mention_end);
    caps.speaker = Some(named_in_apposition(toks, p, e, mention_end, grammar));
    Some(s)
}

/// The speaker phrase ending at `pos` (or before the adverbs, auxiliaries,
/// postmodifier or appositive that separate it from the cue); where it
/// starts.
fn left_speaker<'g>(
    step: &LeftStep,
    pos: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
    let toks = phrases.tokens();
    let end = if step.next_to_anchor {
        before_cue_adverbs(toks, pos, grammar)
    } else {
        pos
    };
    let found = postmodified_speaker(toks, end, phrases, grammar)
        .or_else(|| phrases.ending_at(end).map(|p| (p, end)));
    let (p, mention_end) = match found {
        Some(found) => found,
        None => appositive_speaker(toks, end, phrases, grammar)?,
    };
    // An unknown noun before a bare or -s form is a compound noun (`the
    // audit report`), not a speaker.
    let unknown_head = p.source_type == SourceType::Unknown && p.head == PhraseHead::SourceNoun;
    let finite_past = toks
        .get(pos)
        .and_then(|t| t.verb())
        .is_some_and(|f| f.inflection == Inflection::Past);
    if unknown_head && step.next_to_anchor && !finite_past && !step.after_quote {
        return None;
    }
    let s = p.tokens.start;
    caps.mention_end = Some(mention_end);
    caps.speaker = Some(p);
    Some(s)
}

/// `end`, moved left past the adverbs, auxiliaries and time adjuncts that
/// may stand between a speaker and its cue (`has also said`, `Obama on
/// Tuesday said`), up to the pack's `cue_adverbs` of them.
fn before_cue_adverbs(toks: &[Token], mut end: usize, grammar: &Grammar) -> usize {
    let mut skipped = 0;
    while end > 0 && skipped < grammar.limits().cue_adverbs {
        let t = &toks[end - 1];
        // A capitalised word mid-sentence is a name (`"…," Will wrote`),
        // not an auxiliary.
        let name_like = t.is_capitalized() && end >= 2;
        let adverb =
            t.is(WordClass::Adverb) || t.is(WordClass::Auxiliary) || manner_adverb(t, grammar);
        if !name_like && adverb {
            end -= 1;
            skipped += 1;
        } else if let Some(start) = time_adjunct_ending_at(toks, end, grammar) {
            end = start;
            skipped += 1;
        } else {
            break;
        }
    }
    end
}

/// A speaker whose postmodifier or setting ends at `end` (`A source
/// familiar with the ad says`, `people close to him said`, `One analyst at
/// the briefing described`): the phrase before it, and the mention's end —
/// `end`, or the preposition when it opens a time or an event, which is
/// the cue's adjunct.
fn postmodified_speaker<'g>(
    toks: &[Token],
    end: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &Grammar,
) -> Option<(SpeakerPhrase<'g>, usize)> {
    let lowest = end.saturating_sub(grammar.limits().postmodifier);
    for k in (lowest.max(1)..end).rev() {
        let t = &toks[k];
        // `… voters who said`: the relative pronoun is the mention's own
        // end, which the phrase at `end` keeps.
        if t.kind != TokenKind::Word || t.is(WordClass::RelativePronoun) {
            return None;
        }
        if t.is(WordClass::SpeakerPostmodifier) {
            return phrases.ending_at(k).map(|p| (p, end));
        }
        if t.is(WordClass::PostmodifierPreposition) {
            let adjunct = toks[k + 1..end]
                .iter()
                .any(|w| w.is(WordClass::TimeWord) || w.is(WordClass::EventNoun));
            let described = phrases.ending_at(k).filter(|p| {
                matches!(p.head, PhraseHead::SourceNoun | PhraseHead::Title)
                    && p.source_type != SourceType::Organization
            });
            if let Some(p) = described {
                return Some((p, if adjunct { k } else { end }));
            }
        }
    }
    None
}

/// A speaker separated from the cue at `end` by an appositive or a
/// parenthesis (`Jane Roe, a lawyer for the family, said`), and the
/// mention's end, which leaves out an adverbial aside between commas
/// (`Mr. Trump, however, said`).
fn appositive_speaker<'g>(
    toks: &[Token],
    end: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &Grammar,
) -> Option<(SpeakerPhrase<'g>, usize)> {
    let phrase_end = phrase_end_before_appositive(toks, end, phrases, grammar)?;
    let p = phrases.ending_at(phrase_end)?;
    let aside = toks.get(phrase_end).is_some_and(|t| t.is_punct(','))
        && adverbial_aside(toks, phrase_end + 1, grammar);
    let mention_end = if aside {
        phrase_end
    } else if toks[end - 1].is_punct(',') {
        end - 1
    } else {
        end
    };
    Some((p, mention_end))
}

/// Where the clause a participle cue at `pos` belongs to starts. After a
/// comma the participle belongs to the main clause (after a reported `that`
/// when there is one, else past a short opening adjunct); without a comma,
/// to the nearest clause (`… held a call informing him that`).
fn participle_clause_start(
    toks: &[Token],
    pos: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> usize {
    let after_comma = pos > 0 && toks[pos - 1].is_punct(',');
    if !after_comma {
        return nearest_clause_start(toks, pos, phrases, grammar);
    }
    if let Some(t) = reported_that_before(toks, pos, grammar) {
        return t + 1;
    }
    let boundary = (0..pos)
        .rev()
        .find(|&i| toks[i].is_punct(';') || toks[i].is_punct(':'));
    let from = boundary.map_or(0, |i| i + 1);
    // Skip a short opening adjunct (`On Tuesday,`).
    (from..pos.min(from + opening_adjunct_reach(toks, from, grammar)))
        .find(|&i| toks[i].is_punct(','))
        .map_or(from, |c| {
            // `Then he cut into Bush, calling …`: the subject may follow an
            // opening adverb.
            (from..c)
                .find(|&i| phrases.at(i).is_some())
                .filter(|&i| i <= from + 1)
                .unwrap_or(c + 1)
        })
}

/// The last `that` before `pos` right after a speech verb taking a `that`
/// clause (and its object): it opens the reported clause a participle
/// belongs to. A `that` after a noun (`accusations that …`) does not.
fn reported_that_before(toks: &[Token], pos: usize, grammar: &Grammar) -> Option<usize> {
    let takes_that = |i: usize| {
        toks[i]
            .verb()
            .is_some_and(|f| grammar.lemma(f.lemma).allows(Complement::That))
    };
    (0..pos).rev().find(|&i| {
        toks[i].is(WordClass::Complementizer)
            && (i >= 1 && takes_that(i - 1)
                || i >= 2 && takes_that(i - 2) && toks[i - 1].is(WordClass::ObjectPronoun))
    })
}

/// The start of the nearest clause before `pos`: after the last `that`,
/// semicolon or colon, past a short opening adjunct (`Sunday morning,`); an
/// adjunct that holds commas of its own (`Following a swiftly called,
/// late-afternoon meeting,`) ends at the comma before a subject.
fn nearest_clause_start(
    toks: &[Token],
    pos: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> usize {
    let from = (0..pos)
        .rev()
        .find(|&i| {
            toks[i].is(WordClass::Complementizer) || toks[i].is_punct(';') || toks[i].is_punct(':')
        })
        .map_or(0, |i| i + 1);
    let reach = pos.min(from + opening_adjunct_reach(toks, from, grammar));
    let mut commas = (from..reach).filter(|&i| toks[i].is_punct(','));
    let first = commas.clone().next();
    let before_subject = commas.find(|&c| phrases.at(c + 1).is_some());
    before_subject
        .or(first)
        .filter(|_| phrases.at(from).is_none())
        .map_or(from, |c| c + 1)
}

/// Whether a token is the mark `c` of a pattern; `—` stands for any dash.
pub(super) fn is_mark(tok: &Token, c: char) -> bool {
    if c == DASH {
        tok.kind == TokenKind::Punct && tok.text.chars().all(is_dash) && !tok.text.is_empty()
    } else {
        tok.is_punct(c)
    }
}

/// The id of the quotation at token `i`, unless it is a title (`Fox's
/// "Hannity"`).
pub(super) fn quotation_at(toks: &[Token], i: usize) -> Option<usize> {
    match toks.get(i)?.kind {
        TokenKind::Quote(id) if !titled(toks, i) => Some(id as usize),
        _ => None,
    }
}

/// A headline frame's speaker opens the headline and is no kicker (`Wow:`).
pub(super) fn headline_speaker(toks: &[Token], m: &FrameMatch) -> bool {
    m.speaker.tokens.start == 0
        && !toks[m.speaker.tokens.range()]
            .iter()
            .any(|t| t.is(WordClass::HeadlineKicker))
}
