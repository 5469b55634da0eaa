//! Frame matching: tries the patterns of `frames.yaml` around an anchor (a
//! speech verb, or the first literal such as `according to`) in one sentence.
//! Elements right of the anchor are matched left to right, elements left of
//! it right to left; `$CONTENT` runs to the clause edge. The matcher only
//! reads tokens; it decides nothing about who the speaker is.

use std::borrow::Cow;
use std::ops::Range;

use crate::grammar::{
    is_dash, Complement, Element, Frame, Grammar, Inflection, Lemma, Lexeme, SourceType, Step,
    VerbForm, WordClass, DASH,
};
use crate::parse::{
    speaker_phrase, PhraseHead, PhraseMemo, SentencePhrases, SpeakerPhrase, Token, TokenKind,
};

/// Longest addressee accepted without a recognised phrase, in tokens.
const MAX_LOOSE_OBJECT: usize = 6;
/// Longest adjunct `$GAP` skips, in tokens.
const MAX_GAP: usize = 8;
/// Longest adjunct run `$TAIL` accepts, in tokens.
const MAX_TAIL: usize = 14;

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
struct Captures<'g> {
    speaker: Option<SpeakerPhrase<'g>>,
    content: Option<Content>,
    mention_end: Option<usize>,
    /// The frame has no verb (`according to`): a speaker at the clause end
    /// takes everything up to it.
    loose_mention: bool,
}

/// Longest postmodifier (`familiar with the talks`) between a speaker phrase
/// and its cue, in tokens.
const MAX_POSTMODIFIER: usize = 8;

/// Longest appositive after or inside a speaker mention, in tokens.
const MAX_APPOSITIVE: usize = 40;

/// `end`, moved past a parenthesis that follows a speaker phrase (`Sen.
/// Jack Reed (D-R.I.)`), which is part of the mention.
pub fn past_parenthesis(toks: &[Token], end: usize) -> usize {
    if !toks.get(end).is_some_and(|t| t.is_punct('(')) {
        return end;
    }
    (end..toks.len().min(end + 8))
        .find(|&i| toks[i].is_punct(')'))
        .map_or(end, |close| close + 1)
}

/// The end of a mention whose phrase ends at `end` on the right of a cue:
/// a parenthesis (`(D-Ohio)`) and an appositive running to the clause end
/// (`, a spokesman for the campaign`, `of the Brookings Institution`).
fn mention_end_right(
    toks: &[Token],
    end: usize,
    loose: bool,
    (head, source_type): (PhraseHead, SourceType),
    grammar: &Grammar,
) -> usize {
    let e = past_parenthesis(toks, end);
    let opens = match toks.get(e) {
        // `, a spokesman for …`, but not `, citing participants`.
        Some(t) if t.is_punct(',') => toks.get(e + 1).is_some_and(|n| {
            n.is_word()
                && !(n.lower.ends_with("ing") && n.text.starts_with(char::is_lowercase))
                && n.verb().is_none()
        }),
        Some(t) if matches!(t.lower, "of" | "from") => true,
        // `Chris Low at FTN Financial`: a named person's employer.
        Some(t)
            if t.lower == "at"
                && head == PhraseHead::Name
                && toks.get(e + 1).is_some_and(|n| n.is_capitalized()) =>
        {
            true
        }
        // A description's setting (`one Democratic source on the panel`, `an
        // editorial in The Des Moines Register`, `one Republican involved in
        // the planning`), but not the cue's (`in a statement`, `on Monday`,
        // `at a news conference`), nor an organisation's.
        Some(t) if t.is(WordClass::Preposition) => {
            let described = matches!(head, PhraseHead::SourceNoun | PhraseHead::Title)
                && source_type != SourceType::Organization
                || e.checked_sub(1)
                    .is_some_and(|p| toks[p].is(WordClass::SpeakerPostmodifier));
            let object = toks.get(e + 1).map(|_| &toks[e + 1..toks.len().min(e + 4)]);
            let setting = object.is_some_and(|o| {
                let words: Vec<&str> = o.iter().map(|w| w.lower).collect();
                !o.iter()
                    .any(|w| w.is(WordClass::TimeWord) || w.is(WordClass::EventNoun))
                    && !(1..words.len()).any(|k| {
                        grammar
                            .source_noun(&words[k..])
                            .is_some_and(|(_, n)| n.source_type == SourceType::Document)
                    })
            });
            loose
                || matches!(t.lower, "in" | "at" | "on" | "for" | "with")
                    && described
                    && setting
                    && !t.is(WordClass::ClauseOpener)
        }
        // After `according to`, the source runs to the clause end
        // (`according to people in attendance`, `… a copy of the letter
        // reviewed by The Post`).
        Some(t) => t.is_word() && (loose || t.is(WordClass::SpeakerPostmodifier)),
        None => false,
    };
    if !opens {
        return e;
    }
    let mut stop = toks.len();
    for i in e + 1..toks.len().min(e + MAX_APPOSITIVE) {
        let t = &toks[i];
        let next = toks.get(i + 1);
        let clause_after_comma = t.is_punct(',')
            && next.is_some_and(|n| n.is_quote() || n.lower.ends_with("ing") || n.verb().is_some());
        // `…, in a statement`, `…, on Thursday`: an adjunct of the cue, not
        // of the speaker.
        let adjunct_after_comma =
            t.is_punct(',') && !loose && next.is_some_and(|n| n.is(WordClass::Preposition));
        // `…, who added that …`, `… who said the plan …`: the speaker's
        // next claim, not a description.
        let speech_relative = t.is(WordClass::RelativePronoun)
            && next.is_some_and(|n| {
                n.verb().is_some_and(|f| {
                    let lemma = grammar.lemma(f.lemma);
                    lemma.allows(Complement::Bare)
                        || lemma.allows(Complement::That)
                            && toks.get(i + 2).is_some_and(|n| n.lower == "that")
                })
            });
        // `one Republican involved in the planning, who spoke on condition of
        // anonymity`: a described source's relative clause says how it
        // spoke, not who it is.
        let description_relative = i >= e + 2
            && head != PhraseHead::Name
            && toks[i - 1].is_punct(',')
            && t.is(WordClass::RelativePronoun);
        let dash = t.kind == TokenKind::Punct && matches!(t.text, "—" | "–" | "--");
        if t.is_quote()
            || description_relative
            || t.is_punct(';')
            || clause_after_comma
            || adjunct_after_comma
            || speech_relative
            || dash
        {
            stop = i;
            break;
        }
    }
    if stop == toks.len() && toks.len() > e + MAX_APPOSITIVE {
        return e;
    }
    // Trailing marks and a dangling conjunction (`… union and who said`) are
    // not part of the mention.
    while stop > e
        && (toks[stop - 1].kind == TokenKind::Punct && !toks[stop - 1].is_punct(')')
            || toks[stop - 1].is(WordClass::ClauseOpener))
    {
        stop -= 1;
    }
    stop.max(e)
}

/// For a speaker left of a cue and separated from it by an appositive
/// (`Jane Roe, a lawyer for the family, said`) or a parenthesis: where the
/// speaker phrase itself must end.
fn phrase_end_before_appositive(
    toks: &[Token],
    end: usize,
    phrases: &SentencePhrases,
) -> Option<usize> {
    let last = toks.get(end.checked_sub(1)?)?;
    let mut e = if last.is_punct(',') { end - 1 } else { end };
    if toks.get(e.checked_sub(1)?).is_some_and(|t| t.is_punct(')')) {
        let open = (e.saturating_sub(8)..e)
            .rev()
            .find(|&i| toks[i].is_punct('('))?;
        if !last.is_punct(',') {
            return Some(open);
        }
        e = open;
        if toks.get(e.wrapping_sub(1)).is_some_and(|t| t.is_punct(',')) {
            return Some(e);
        }
        if phrases.ending_at(e).is_some() {
            return Some(e);
        }
    }
    if !last.is_punct(',') {
        return None;
    }
    // `The head of the association, Arne Vik, said`: the name between the commas.
    if let Some(p) = phrases.ending_at(e) {
        let starts_after_comma = p.tokens.start > 0 && toks[p.tokens.start - 1].is_punct(',');
        let determined = toks[p.tokens.start].is(WordClass::Determiner);
        if p.head == PhraseHead::Name && starts_after_comma && !determined {
            return Some(e);
        }
    }
    let lowest = e.saturating_sub(MAX_APPOSITIVE);
    let comma = (lowest..e)
        .rev()
        .find(|&i| toks[i].is_punct(',') || toks[i].is_quote())?;
    if !toks[comma].is_punct(',') || comma + 1 >= e {
        return None;
    }
    // A cue inside the appositive is another claim's (`X, a critic, said Y
    // told`), except in a relative clause (`Cruz, who has proposed …, said`).
    let relative = toks[comma + 1].is(WordClass::RelativePronoun);
    let inner_cue = (comma + 1..e).any(|i| {
        toks[i]
            .verb()
            .is_some_and(|f| f.inflection != Inflection::Participle)
    });
    if inner_cue && !relative {
        return None;
    }
    let mut p = comma;
    if toks.get(p.wrapping_sub(1)).is_some_and(|t| t.is_punct(')')) {
        p = (p.saturating_sub(8)..p)
            .rev()
            .find(|&i| toks[i].is_punct('('))?;
    }
    Some(p)
}

/// Whether a token is the mark `c` of a pattern; `—` stands for any dash.
fn is_mark(tok: &Token, c: char) -> bool {
    if c == DASH {
        tok.kind == TokenKind::Punct && tok.text.chars().all(is_dash) && !tok.text.is_empty()
    } else {
        tok.is_punct(c)
    }
}

/// Every claim the frames make at anchor token `at`: the first frame that
/// matches and, when the cue interrupts its content (`The plant, the mayor
/// said, would open in May`), the first later frame giving the content on
/// the other side of the cue with the same speaker.
pub fn matches_at<'g>(
    toks: &[Token],
    at: usize,
    headline: bool,
    grammar: &'g Grammar,
) -> Vec<FrameMatch<'g>> {
    let memo = PhraseMemo::new([toks]);
    let phrases = memo.sentences([toks], grammar);
    matches_in(&phrases[0], at, headline, grammar)
}

/// [`matches_at`] in the sentence of `phrases`, whose speaker phrases are
/// parsed once for all its anchors; `headline` says whether the sentence is
/// the article's headline, where headline frames may hold.
pub fn matches_in<'g>(
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    headline: bool,
    grammar: &'g Grammar,
) -> Vec<FrameMatch<'g>> {
    matches_with(phrases, at, headline, grammar, true)
}

/// [`matches_in`], with or without the cheap pre-filter that turns a frame
/// away before [`match_frame`] when a necessary condition of its match fails
/// (the test compares the two).
fn matches_with<'g>(
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
    // The frames whose anchor-wide conditions hold here, as a bit set: the
    // cue takes the complement the frame requires (as `match_frame` asks),
    // and the headline and quotation conditions `try_frame` tests. `None`:
    // every frame is tried.
    let live = grammar
        .anchored_frames()
        .masks
        .filter(|_| prefilter)
        .map(|m| {
            let mut cue_frames = 0;
            if let Some(c) = &cue {
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
            for (set, holds) in [
                (m.headline, headline),
                (m.quote_before, quote_before),
                (m.quote_after, quote_after),
            ] {
                if !holds {
                    live &= !set;
                }
            }
            live
        });
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

/// Whether the literal steps (marks, words, `$QUOTE`, `$BE`) next to a
/// frame's anchor hold, which `match_frame` needs: on each side it matches
/// the first step at the token beside the anchor (`at + anchor_len` on the
/// right, `at` on the left), moving on past an optional step that fails
/// without moving. So of the steps up to the first required one, one must
/// hold there; a step that is no literal (a `$SPEAKER`) ends the test with
/// nothing learnt. Literal steps read no captures, so the result is theirs
/// in `match_frame` too.
#[inline(never)]
fn adjacent_literals(frame: &Frame, toks: &[Token], at: usize, anchor_len: usize) -> bool {
    let right = &frame.steps[frame.anchor + 1..];
    let left = frame.steps[..frame.anchor].iter().rev();
    side_holds(right.iter(), |e| literal_right(e, toks, at + anchor_len))
        && side_holds(left, |e| literal_left(e, toks, at))
}

/// Of `steps` outward from an anchor: whether one of those up to the first
/// required step holds by `holds` (`None`: the step is no literal).
fn side_holds<'s>(
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
fn literal_right(element: &Element, toks: &[Token], pos: usize) -> Option<bool> {
    Some(match element {
        Element::Quote => quotation_at(toks, pos).is_some(),
        Element::Punct(c) => toks.get(pos).is_some_and(|t| is_mark(t, *c)),
        Element::Words(words) => words_at(toks, pos, words).is_some(),
        _ => return None,
    })
}

/// Whether a literal step holds ending at `pos` left of an anchor, as in
/// `match_left`; `None` for other steps.
fn literal_left(element: &Element, toks: &[Token], pos: usize) -> Option<bool> {
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

/// The id of the quotation at token `i`, unless it is a title (`Fox's
/// "Hannity"`).
fn quotation_at(toks: &[Token], i: usize) -> Option<usize> {
    match toks.get(i)?.kind {
        TokenKind::Quote(id) if !titled(toks, i) => Some(id as usize),
        _ => None,
    }
}

/// The frames, in priority order, whose anchor step the token `t` can
/// match: a speech verb anchors the `$CUE` frames, the first word of a
/// literal anchor (`according`) the literal frames, a mark the mark frames.
/// No other frame could match at `t`.
fn candidate_frames<'g>(t: &Token, grammar: &'g Grammar) -> Cow<'g, [usize]> {
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

/// A headline frame's speaker opens the headline and is no kicker (`Wow:`).
fn headline_speaker(toks: &[Token], m: &FrameMatch) -> bool {
    m.speaker.tokens.start == 0
        && !toks[m.speaker.tokens.range()]
            .iter()
            .any(|t| t.is(WordClass::HeadlineKicker))
}

/// What the `$CUE` anchor of every frame asks about the token at an anchor,
/// worked out once for all the frames tried there.
struct CueToken<'g> {
    form: VerbForm,
    lemma: &'g Lemma,
    /// A finite verb coordinated with the speaker's clause (`and then
    /// tweeted`), by whether an infinitive of purpose also counts.
    coordinated: [bool; 2],
    /// A participle after a form of `be` (`was saying`).
    progressive: bool,
}

/// The cue at `at`, unless the word cannot be one there: after a
/// determiner it is a noun (`a plan`, `his claim`), and a particle verb is
/// a cue only with its particle (`pointed out`).
fn cue_token<'g>(toks: &[Token], at: usize, grammar: &'g Grammar) -> Option<CueToken<'g>> {
    if at > 0
        && toks[at - 1].is(WordClass::Determiner)
        && !toks[at - 1].is(WordClass::StandaloneDeterminer)
    {
        return None;
    }
    let form = cue_form(toks, at, grammar)?;
    Some(CueToken {
        form,
        lemma: grammar.lemma(form.lemma),
        coordinated: [false, true].map(|infinitive| coordinated_cue(toks, at, infinitive)),
        progressive: form.inflection == Inflection::Participle && progressive(toks, at),
    })
}

/// Whether `lemma` takes a complement a finite verb can carry (`that`, a
/// noun phrase, an object, a quotation): a coordinated finite verb (`… and
/// then tweeted that`) counts as a participle frame's cue only then.
fn takes_a_finite_complement(lemma: &Lemma) -> bool {
    [
        Complement::That,
        Complement::Np,
        Complement::Object,
        Complement::Quote,
    ]
    .iter()
    .any(|c| lemma.allows(*c))
}

/// The complements (as [`Complement::bit`]s) of the frames whose `$CUE`
/// the cue at an anchor can be, for frames whose content must be quoted or
/// not (`content_quoted`).
fn admitted_complements(cue: &CueToken, content_quoted: bool) -> u16 {
    let CueToken {
        form,
        lemma,
        coordinated,
        progressive,
    } = cue;
    let coordinated = coordinated[usize::from(content_quoted)];
    let participle = form.inflection == Inflection::Participle;
    let participle_bit = Complement::Participle.bit();
    // A complement the verb allows, but a participle only as a progressive
    // (`was saying`) and a passive only in the past.
    let mut bits = lemma.complements() & !participle_bit;
    if participle && !progressive {
        bits = 0;
    }
    if form.inflection != Inflection::Past {
        bits &= !Complement::Passive.bit();
    }
    // A participle frame: a participle (`…, calling it "a mistake"`), or a
    // finite verb coordinated with the speaker's clause (`… and then tweeted
    // that`).
    let finite_takes = takes_a_finite_complement(lemma);
    if (lemma.allows(Complement::Participle) || coordinated)
        && (participle || coordinated && finite_takes)
    {
        bits |= participle_bit;
    }
    bits
}

fn match_frame<'g>(
    frame: &Frame,
    index: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    at: usize,
    cue: Option<&CueToken>,
    grammar: &'g Grammar,
) -> Option<FrameMatch<'g>> {
    let toks = phrases.tokens();
    let anchor = &frame.steps[frame.anchor];
    let anchor_len = match &anchor.element {
        Element::Cue => {
            let cue = cue?;
            if admitted_complements(cue, frame.content_quoted) & frame.requires?.bit() == 0 {
                return None;
            }
            1 + usize::from(cue.lemma.particle.is_some())
        }
        Element::Words(words) => words_at(toks, at, words)?,
        Element::Punct(c) if is_mark(toks.get(at)?, *c) => 1,
        _ => return None,
    };
    let mut caps = Captures {
        loose_mention: frame.requires.is_none(),
        ..Captures::default()
    };
    // Right of the anchor.
    let mut pos = at + anchor_len;
    let right = &frame.steps[frame.anchor + 1..];
    for (k, step) in right.iter().enumerate() {
        match match_right(
            step,
            right.get(k + 1),
            toks,
            pos,
            phrases,
            grammar,
            &mut caps,
        ) {
            Some(p) => pos = p,
            None if step.optional => {}
            None => return None,
        }
    }
    // Left of the anchor.
    let mut pos = at;
    let left = &frame.steps[..frame.anchor];
    let mut clause_start = None;
    for (k, step) in left.iter().enumerate().rev() {
        let next_to_anchor = k + 1 == frame.anchor;
        let after = &frame.steps[k + 1].element;
        // A speaker right after a quotation (`"…," the narrator says`).
        let after_quote = left[..k]
            .iter()
            .rev()
            .find(|s| !matches!(s.element, Element::Punct(_)))
            .is_some_and(|s| s.element == Element::Quote);
        match match_left(
            step,
            after,
            toks,
            pos,
            next_to_anchor,
            after_quote,
            &mut clause_start,
            phrases,
            grammar,
            &mut caps,
        ) {
            Some(p) => pos = p,
            None if step.optional => {}
            None => return None,
        }
    }
    let named = caps
        .speaker
        .as_ref()
        .is_some_and(|p| p.head == PhraseHead::Name);
    // A speaker opening the frame starts a clause, unless it is a name;
    // without a cue (`Peggy Drexler, CNN: "…"`) even a name must, or it is
    // an earlier verb's object (`telling CNBC: "…"`).
    let cueless = !frame.steps.iter().any(|s| s.element == Element::Cue);
    if left.first().is_some_and(|s| s.element == Element::Speaker)
        && (!named || cueless)
        && !clause_boundary_before(toks, pos)
    {
        return None;
    }
    // `Peggy Drexler, CNN: "…"`: a cueless frame's source in apposition to
    // the name that opens the clause is that person's affiliation.
    if cueless && left.first().is_some_and(|s| s.element == Element::Speaker) {
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
    let quoted = match &caps.content {
        Some(Content::Quote(_)) => true,
        Some(Content::Tokens(r)) => r.clone().any(|i| toks[i].is_quote()),
        None => false,
    };
    if frame.content_quoted && !quoted {
        return None;
    }
    // Mixed content is reported speech around a quoted fragment: it has words
    // of its own outside the marks, and no speech verb of another claim.
    // Left of the cue a lone quotation is direct speech, which the
    // quotation frames take.
    let content_left = left.iter().any(|s| s.element == Element::Content);
    match (frame.content_quoted, &caps.content) {
        (true, Some(Content::Quote(_))) if content_left => return None,
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
            if !has_words || own_words.any(cue_word) {
                return None;
            }
        }
        _ => {}
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

fn words_at(toks: &[Token], at: usize, words: &[String]) -> Option<usize> {
    let fits = words
        .iter()
        .enumerate()
        .all(|(i, w)| toks.get(at + i).is_some_and(|t| t.lower == *w));
    fits.then_some(words.len())
}

fn match_right<'g>(
    step: &Step,
    next: Option<&Step>,
    toks: &[Token],
    pos: usize,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
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
                mention_end_right(
                    toks,
                    p.tokens.end,
                    caps.loose_mention,
                    (p.head, p.source_type),
                    grammar,
                )
            } else {
                p.tokens.end
            };
            caps.speaker = Some(p);
            caps.mention_end = Some(end);
            Some(end)
        }
        Element::Object => {
            let t = toks.get(pos)?;
            if t.is(WordClass::ObjectPronoun) {
                return Some(pos + 1);
            }
            let phrase = phrases
                .at(pos)
                .filter(|p| p.source_type != SourceType::Document)
                .map(|p| p.tokens.end);
            if phrase.is_some() || !next.is_some_and(|n| n.element == Element::Gap) {
                return phrase;
            }
            // Before `that`, any short run of words is the addressee
            // (`told conservative radio host Hugh Hewitt on Wednesday that`).
            let limit = toks.len().min(pos + MAX_LOOSE_OBJECT);
            let end = (pos..limit)
                .find(|&i| {
                    !toks[i].is_word() || toks[i].lower == "that" || toks[i].verb().is_some()
                })
                .unwrap_or(limit);
            (end > pos).then_some(end)
        }
        Element::Gap => {
            let next = next?;
            for k in 0..=MAX_GAP {
                let p = pos + k;
                let t = toks.get(p)?;
                let mut scratch = Captures::default();
                if match_right(next, None, toks, p, phrases, grammar, &mut scratch).is_some() {
                    return Some(p);
                }
                if !t.is_word() || t.verb().is_some() {
                    return None;
                }
            }
            None
        }
        Element::Tail => tail(toks, pos, phrases).then_some(pos),
        Element::Content => {
            let range = content_right(toks, pos, phrases, grammar)?;
            caps.content = Some(as_content(toks, range));
            Some(toks.len())
        }
        Element::Cue | Element::Be | Element::Skip => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn match_left<'g>(
    step: &Step,
    after: &Element,
    toks: &[Token],
    pos: usize,
    next_to_anchor: bool,
    after_quote: bool,
    clause_start: &mut Option<usize>,
    phrases: &SentencePhrases<'_, '_, 'g>,
    grammar: &'g Grammar,
    caps: &mut Captures<'g>,
) -> Option<usize> {
    match &step.element {
        Element::Quote => {
            caps.content = Some(Content::Quote(quotation_at(toks, pos.checked_sub(1)?)?));
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
        Element::Speaker => {
            if let Some(start) = clause_start.take() {
                let p = phrases.within(pos, start)?;
                let s = p.tokens.start;
                let e = past_parenthesis(&toks[..pos], p.tokens.end);
                let mention_end = subject_appositive_end(&toks[..pos], e);
                caps.mention_end = Some(mention_end);
                caps.speaker = Some(named_in_apposition(
                    &toks[..pos],
                    p,
                    e,
                    mention_end,
                    grammar,
                ));
                return Some(s);
            }
            let mut end = pos;
            if next_to_anchor {
                // Adverbs and auxiliaries may stand between speaker and cue.
                let mut skipped = 0;
                while end > 0 && skipped < 3 {
                    let t = &toks[end - 1];
                    // A capitalised word mid-sentence is a name (`"…," Will
                    // wrote`), not an auxiliary.
                    let name_like = t.is_capitalized() && end >= 2;
                    if !name_like
                        && (t.is(WordClass::Adverb)
                            || t.is(WordClass::Auxiliary)
                            || manner_adverb(t))
                    {
                        end -= 1;
                        skipped += 1;
                    } else if let Some(start) = time_adjunct_ending_at(toks, end) {
                        // `Obama on Tuesday said`, `Cruz last week called`.
                        end = start;
                        skipped += 1;
                    } else {
                        break;
                    }
                }
            }
            // `A source familiar with the ad says`, `people close to him said`,
            // `One analyst at the briefing described`: the phrase ends before
            // its postmodifier or setting, which the mention keeps.
            let postmodified = || {
                let lowest = end.saturating_sub(MAX_POSTMODIFIER);
                for k in (lowest.max(1)..end).rev() {
                    let t = &toks[k];
                    if t.kind != TokenKind::Word {
                        return None;
                    }
                    // `… voters who said`: the relative pronoun is the
                    // mention's own end, which the phrase at `end` keeps.
                    if t.is(WordClass::RelativePronoun) {
                        return None;
                    }
                    if t.is(WordClass::SpeakerPostmodifier) {
                        return phrases.ending_at(k).map(|p| (p, end));
                    }
                    if matches!(t.lower, "at" | "on" | "in" | "for" | "with" | "from") {
                        let adjunct = toks[k + 1..end]
                            .iter()
                            .any(|w| w.is(WordClass::TimeWord) || w.is(WordClass::EventNoun));
                        // At a time or an event, the phrase is the cue's
                        // adjunct and stays out of the mention.
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
            };
            let found = postmodified().or_else(|| phrases.ending_at(end).map(|p| (p, end)));
            let (p, mention_end) = match found {
                Some(found) => found,
                None => {
                    let phrase_end = phrase_end_before_appositive(toks, end, phrases)?;
                    let p = phrases.ending_at(phrase_end)?;
                    // `Mr. Trump, however, said`: an adverbial between
                    // commas is no part of the mention.
                    let aside = toks.get(phrase_end).is_some_and(|t| t.is_punct(','))
                        && adverbial_aside(toks, phrase_end + 1);
                    let mention_end = if aside {
                        phrase_end
                    } else if toks[end - 1].is_punct(',') {
                        end - 1
                    } else {
                        end
                    };
                    (p, mention_end)
                }
            };
            // An unknown noun before a bare or -s form is a compound noun
            // (`the audit report`), not a speaker.
            let unknown_head =
                p.source_type == SourceType::Unknown && p.head == PhraseHead::SourceNoun;
            let finite_past = toks
                .get(pos)
                .and_then(|t| t.verb())
                .is_some_and(|f| f.inflection == Inflection::Past);
            if unknown_head && next_to_anchor && !finite_past && !after_quote {
                return None;
            }
            let s = p.tokens.start;
            caps.mention_end = Some(mention_end);
            caps.speaker = Some(p);
            Some(s)
        }
        Element::Be => {
            let p = pos.checked_sub(1)?;
            if !toks[p].is(WordClass::PassiveAuxiliary) {
                return None;
            }
            if toks[p].lower == "been" && p > 0 && toks[p - 1].is(WordClass::Auxiliary) {
                return Some(p - 1);
            }
            Some(p)
        }
        Element::Skip => {
            // After a comma the participle belongs to the main clause; without
            // one, to the nearest clause (`… held a call informing him that`).
            let after_comma = pos > 0 && toks[pos - 1].is_punct(',');
            // A `that` right after a speech verb (and its object) opens the
            // reported clause the participle belongs to; a `that` after a noun
            // (`accusations that …`) does not.
            let takes_that = |i: usize| {
                toks[i]
                    .verb()
                    .is_some_and(|f| grammar.lemma(f.lemma).allows(Complement::That))
            };
            let reported_that = (0..pos).rev().find(|&i| {
                toks[i].lower == "that"
                    && (i >= 1 && takes_that(i - 1)
                        || i >= 2 && takes_that(i - 2) && toks[i - 1].is(WordClass::ObjectPronoun))
            });
            let start = if let Some(t) = reported_that.filter(|_| after_comma) {
                t + 1
            } else if after_comma {
                let boundary = (0..pos)
                    .rev()
                    .find(|&i| toks[i].is_punct(';') || toks[i].is_punct(':'));
                let from = boundary.map_or(0, |i| i + 1);
                // Skip a short opening adjunct (`On Tuesday,`).
                (from..pos.min(from + opening_adjunct_reach(toks, from)))
                    .find(|&i| toks[i].is_punct(','))
                    .map_or(from, |c| {
                        // `Then he cut into Bush, calling …`: the subject may
                        // follow an opening adverb.
                        (from..c)
                            .find(|&i| phrases.at(i).is_some())
                            .filter(|&i| i <= from + 1)
                            .unwrap_or(c + 1)
                    })
            } else {
                let from = (0..pos)
                    .rev()
                    .find(|&i| {
                        toks[i].lower == "that" || toks[i].is_punct(';') || toks[i].is_punct(':')
                    })
                    .map_or(0, |i| i + 1);
                // Skip a short opening adjunct (`Sunday morning,`); one that
                // holds commas of its own (`Following a swiftly called,
                // late-afternoon meeting,`) ends at the comma before a subject.
                let reach = pos.min(from + opening_adjunct_reach(toks, from));
                let mut commas = (from..reach).filter(|&i| toks[i].is_punct(','));
                let first = commas.clone().next();
                let before_subject = commas.find(|&c| phrases.at(c + 1).is_some());
                before_subject
                    .or(first)
                    .filter(|_| phrases.at(from).is_none())
                    .map_or(from, |c| c + 1)
            };
            if start >= pos {
                return None;
            }
            *clause_start = Some(start);
            Some(pos)
        }
        Element::Content => {
            let start = content_left_start(toks, pos, after == &Element::Be);
            let range = trim_range(toks, start..pos);
            if words_in(toks, &range) < 2 && !range.clone().any(|i| toks[i].is_quote()) {
                return None;
            }
            caps.content = Some(as_content(toks, range));
            Some(start)
        }
        Element::Object | Element::Gap | Element::Tail | Element::Cue => None,
    }
}

/// How far the comma closing an opening adjunct may be from the clause
/// start: a few words (`Sunday morning,`), more after a preposition or a
/// subordinator (`Following a closed-door meeting on Wednesday,`).
fn opening_adjunct_reach(toks: &[Token], from: usize) -> usize {
    let opener = toks
        .get(from)
        .is_some_and(|t| t.is(WordClass::Preposition) || t.is(WordClass::ClauseOpener));
    if opener {
        12
    } else {
        6
    }
}

/// The end of a subject's mention whose phrase ends at `end`: past an
/// appositive closed by a comma before the verb (`Huma Abedin, vice
/// chairwoman for the campaign, emailed …`), or `end` itself.
pub fn subject_appositive_end(toks: &[Token], end: usize) -> usize {
    if !toks.get(end).is_some_and(|t| t.is_punct(',')) {
        return end;
    }
    let limit = toks.len().min(end + MAX_APPOSITIVE);
    let Some(close) = (end + 1..limit).find(|&i| toks[i].is_punct(',') || toks[i].is_quote())
    else {
        return end;
    };
    let relative = toks
        .get(end + 1)
        .is_some_and(|t| t.is(WordClass::RelativePronoun));
    let inner_cue = (end + 1..close).any(|i| toks[i].verb().is_some());
    let verb_after = toks
        .get(close + 1)
        .is_some_and(|v| v.is_word() && v.text.starts_with(char::is_lowercase));
    if toks[close].is_quote() || close == end + 1 || inner_cue && !relative || !verb_after {
        return end;
    }
    close
}

/// The speaker of a subject described and then named in apposition (`The
/// opposition leader, David Osei, accused …`): the name, when the
/// appositive between `end` and `mention_end` is exactly one; else `phrase`.
pub fn named_in_apposition<'g>(
    toks: &[Token],
    phrase: SpeakerPhrase<'g>,
    end: usize,
    mention_end: usize,
    grammar: &'g Grammar,
) -> SpeakerPhrase<'g> {
    if mention_end <= end + 1 || !matches!(phrase.head, PhraseHead::Title | PhraseHead::SourceNoun)
    {
        return phrase;
    }
    match speaker_phrase(&toks[..mention_end], end + 1, grammar) {
        Some(name) if name.head == PhraseHead::Name && name.tokens.end == mention_end => {
            SpeakerPhrase {
                tokens: (phrase.tokens.start..name.tokens.end).into(),
                role: Some(phrase.name),
                ..name
            }
        }
        _ => phrase,
    }
}

/// Whether the words from `start` to the next comma are an adverbial aside
/// (`however`, `for example`, `almost unilaterally`), not an appositive.
fn adverbial_aside(toks: &[Token], start: usize) -> bool {
    let Some(close) = (start..toks.len().min(start + 4)).find(|&i| toks[i].is_punct(',')) else {
        return false;
    };
    close > start
        && toks[start..close].iter().all(|t| {
            t.is(WordClass::Adverb)
                || t.is(WordClass::ClauseOpener)
                || manner_adverb(t)
                || t.is(WordClass::Aside)
        })
}

/// Whether the quotation at token `i` is the title of something owned
/// (`ABC News's "This Week,"`, `Fox's "Hannity"`), which no one says.
pub fn titled(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i - 1].is_possessive()
}

/// Longest time adjunct between a subject and its verb, in tokens.
const MAX_TIME_ADJUNCT: usize = 5;

/// The start of a time adjunct ending at `end` (`on Tuesday`, `last week`,
/// `on Nov. 5`), if one does.
fn time_adjunct_ending_at(toks: &[Token], end: usize) -> Option<usize> {
    let lowest = end.saturating_sub(MAX_TIME_ADJUNCT);
    let mut k = end;
    let mut time_words = 0;
    while k > lowest {
        let t = &toks[k - 1];
        if t.is(WordClass::TimeWord) {
            time_words += 1;
        } else if !(t.kind == TokenKind::Word && t.text.chars().all(|c| c.is_ascii_digit())) {
            break;
        }
        k -= 1;
    }
    if time_words == 0 {
        return None;
    }
    // `on`, `last`, `in late`: the adjunct's opening words.
    while k > lowest && toks[k - 1].is(WordClass::Preposition) {
        k -= 1;
    }
    Some(k)
}

/// Where a content that ends at `pos` begins: after the last colon or
/// semicolon, and for a passive subject (`$CONTENT $BE …`) after the last
/// comma too; otherwise the sentence start.
fn content_left_start(toks: &[Token], pos: usize, passive_subject: bool) -> usize {
    // A colon or semicolon closes an earlier clause (`… kept silent for
    // years: "My husband didn't know," she said.`).
    (0..pos)
        .rev()
        .find(|&i| {
            toks[i].is_punct(';')
                || toks[i].is_punct(':')
                || passive_subject && toks[i].is_punct(',')
        })
        .map_or(0, |i| i + 1)
}

/// Content after a cue: to the end of the sentence, after a leading time
/// adjunct (`on Monday`), without the final punctuation.
fn content_right(
    toks: &[Token],
    pos: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> Option<Range<usize>> {
    let mut start = pos;
    loop {
        let t = toks.get(start)?;
        let time_adjunct = t.is(WordClass::Preposition)
            && toks
                .get(start + 1)
                .is_some_and(|n| n.is(WordClass::TimeWord));
        if time_adjunct {
            start += 2;
        } else if t.is(WordClass::TimeWord) || t.is_punct(',') {
            start += 1;
        } else {
            break;
        }
    }
    let first = toks.get(start)?;
    let after_that = pos > 0 && toks[pos - 1].lower == "that";
    // `pledged to "cancel" the accord`: an infinitive, not a preposition.
    let infinitive = first.lower == "to"
        && toks.get(start + 1).is_some_and(|n| {
            n.is_quote()
                || n.is_word()
                    && n.text.starts_with(char::is_lowercase)
                    && !n.is(WordClass::Determiner)
                    && !n.is(WordClass::ObjectPronoun)
        });
    let preposition = first.is(WordClass::Preposition) && !infinitive;
    if first.is_punct('.') || (!after_that && preposition) {
        return None;
    }
    let end = content_end(toks, start, phrases, grammar);
    let range = trim_range(toks, start..end);
    (words_in(toks, &range) >= 2 || range.clone().any(|i| toks[i].is_quote())).then_some(range)
}

/// Where reported content that starts at `start` ends: the sentence end, or
/// an earlier clause break: a semicolon, a dash, or a comma before a
/// contrasting clause (`, but she …`), a later attribution (`, according to`,
/// `, he said`).
fn content_end(
    toks: &[Token],
    start: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> usize {
    for i in start + 1..toks.len() {
        let t = &toks[i];
        if t.is_punct(';') || t.is_punct('—') || t.is_punct('–') {
            return i;
        }
        // `blasted Clinton as a "disgrace" Wednesday on …`: after a quoted
        // fragment, a time adjunct belongs to the cue, not to the content.
        let time_adjunct = t.is(WordClass::TimeWord)
            || t.lower == "during"
            || t.is(WordClass::Preposition)
                && toks.get(i + 1).is_some_and(|n| n.is(WordClass::TimeWord));
        // … and so does a setting (`"abhorrent" in a tweet Sunday`).
        let event_adjunct = t.is(WordClass::Preposition)
            && toks[i + 1..toks.len().min(i + 4)]
                .iter()
                .any(|n| n.is(WordClass::EventNoun))
            // `"kept us safe" on Twitter`, `on CNN`: the medium of the cue.
            || t.lower == "on" && toks.get(i + 1).is_some_and(|n| n.is_capitalized());
        if (time_adjunct || event_adjunct) && toks[i - 1].is_quote() {
            return i;
        }
        // `… and accused him of …`: a second cue coordinated with the first.
        if matches!(t.lower, "and" | "but") {
            let mut j = i + 1;
            while j < toks.len() && toks[j].is(WordClass::Adverb) {
                j += 1;
            }
            let finite_cue = cue_form(toks, j, grammar)
                .is_some_and(|f| matches!(f.inflection, Inflection::Past | Inflection::Present));
            if finite_cue {
                return i;
            }
        }
        // A quotation closing on a comma (`… "best experience," Trump is …`)
        // ends a clause as a comma does; the content then keeps the quotation.
        let quote_comma = match t.kind {
            TokenKind::Quote(_) => t.text.trim_end_matches(is_closing_mark).ends_with(','),
            _ => false,
        };
        if !t.is_punct(',') && !quote_comma {
            continue;
        }
        let cut = if quote_comma { i + 1 } else { i };
        let Some(next) = toks.get(i + 1) else {
            continue;
        };
        let contrast = matches!(
            next.lower,
            "but" | "while" | "although" | "though" | "whereas" | "yet" | "despite"
        );
        // `…, and several traders expected …`: a clause with its own subject.
        // `…, and Trump vowed to …`: a named speaker with a cue of its own.
        let new_subject = next.lower == "and"
            && phrases.at(i + 2).is_some_and(|p| {
                toks.get(p.tokens.end).is_some_and(|v| {
                    if p.head == PhraseHead::Name {
                        return cue_form(toks, p.tokens.end, grammar).is_some_and(|f| {
                            matches!(f.inflection, Inflection::Past | Inflection::Present)
                        });
                    }
                    v.is_word()
                        && v.text.starts_with(char::is_lowercase)
                        && !v.is(WordClass::Preposition)
                        && !v.is(WordClass::ClauseOpener)
                })
            });
        let attribution = next.lower == "according"
            || (next.lower.ends_with("ing") && cue_form(toks, i + 1, grammar).is_some())
            || phrases.at(i + 1).is_some_and(|p| {
                // `…, his campaign has argued`: past auxiliaries and adverbs.
                let mut v = p.tokens.end;
                while v < p.tokens.end + 2
                    && toks
                        .get(v)
                        .is_some_and(|t| t.is(WordClass::Auxiliary) || t.is(WordClass::Adverb))
                {
                    v += 1;
                }
                cue_form(toks, v, grammar).is_some()
            });
        // `…, leaving Cleveland nervous`, `…, meaning it only …`: a
        // participle clause after the content comments on it.
        let participle_clause = next.lower.ends_with("ing")
            && next.text.len() > 5
            && next.text.starts_with(char::is_lowercase)
            && !next.is(WordClass::IngPreposition);
        // `… was behind her tone, called her "third-rate" and …`: the
        // subject's next cue.
        let next_cue = next.text.starts_with(char::is_lowercase)
            && cue_form(toks, i + 1, grammar).is_some_and(|f| f.inflection == Inflection::Past);
        if contrast || attribution || new_subject || participle_clause || next_cue {
            return cut;
        }
    }
    toks.len()
}

/// The speech-verb form of `toks[i]` when it can be a cue there: a particle
/// verb (`went on`, `pointed out`) only with its particle.
fn cue_form(toks: &[Token], i: usize, grammar: &Grammar) -> Option<VerbForm> {
    let form = toks.get(i)?.verb()?;
    match &grammar.lemma(form.lemma).particle {
        Some(p) if toks.get(i + 1).is_none_or(|n| n.lower != *p) => None,
        _ => Some(form),
    }
}

/// Whether `c` closes a quotation.
fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '›' | '\'' | '“' | '„')
}

/// Drops punctuation (but not quotations) from both ends of a token range.
fn trim_range(toks: &[Token], mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && toks[r.start].kind == TokenKind::Punct && !toks[r.start].is_punct('(')
    {
        r.start += 1;
    }
    while r.end > r.start
        && toks[r.end - 1].kind == TokenKind::Punct
        && !toks[r.end - 1].is_punct(')')
    {
        r.end -= 1;
    }
    r
}

fn words_in(toks: &[Token], r: &Range<usize>) -> usize {
    r.clone().filter(|&i| toks[i].is_word()).count()
}

fn as_content(toks: &[Token], range: Range<usize>) -> Content {
    match toks[range.clone()].first() {
        Some(t) if range.len() == 1 => match t.kind {
            TokenKind::Quote(id) => Content::Quote(id as usize),
            _ => Content::Tokens(range),
        },
        _ => Content::Tokens(range),
    }
}

/// What may follow a parenthetical cue: the clause end, or adjuncts up to it.
fn tail(toks: &[Token], pos: usize, phrases: &SentencePhrases) -> bool {
    let Some(first) = toks.get(pos) else {
        return true;
    };
    if first.kind == TokenKind::Punct {
        return true;
    }
    let opens_adjunct = first.is(WordClass::Preposition)
        || first.is(WordClass::Adverb)
        || first.is(WordClass::ObjectPronoun)
        || first.is(WordClass::TimeWord)
        || phrases.at(pos).is_some_and(|p| {
            // An addressee (`told the paper.`), not the subject of a new clause.
            toks.get(p.tokens.end)
                .is_none_or(|t| t.kind == TokenKind::Punct)
        });
    if !opens_adjunct {
        return false;
    }
    let end = (pos..toks.len())
        .find(|&i| toks[i].kind == TokenKind::Punct && !toks[i].is_punct('-'))
        .unwrap_or(toks.len());
    end - pos <= MAX_TAIL
        && (pos..end)
            .all(|i| toks[i].lower != "that" && !toks[i].is_quote() && toks[i].verb().is_none())
}

/// A document noun in an adjunct after the cue: `in a statement`, `in its report`.
fn document_adjunct(toks: &[Token], pos: usize, grammar: &Grammar) -> Option<String> {
    let window = &toks[pos.min(toks.len())..(pos + 8).min(toks.len())];
    window.windows(3).find_map(|w| {
        if w[0].lower != "in" || !w[1].is(WordClass::Determiner) {
            return None;
        }
        let (_, noun) = grammar.source_noun(&[w[2].lower])?;
        (noun.source_type == SourceType::Document).then(|| noun.name.clone())
    })
}

/// Whether the participle at `at` follows a form of `be` (`is saying`).
fn progressive(toks: &[Token], at: usize) -> bool {
    let mut i = at;
    while i > 0 && toks[i - 1].is(WordClass::Adverb) {
        i -= 1;
    }
    i > 0 && toks[i - 1].is(WordClass::PassiveAuxiliary)
}

/// A lower-case `-ly` word that is no speech verb (`broadly`, `angrily`).
fn manner_adverb(t: &Token) -> bool {
    t.is_word()
        && t.text.len() > 4
        && t.text.ends_with("ly")
        && t.text.starts_with(char::is_lowercase)
        && t.verb().is_none()
}

/// Whether the cue at `at` is a verb coordinated with an earlier clause
/// (`and` or `but`, possibly followed by adverbs, right before it) or, when
/// `infinitive` is set, an infinitive of purpose after `to`.
fn coordinated_cue(toks: &[Token], at: usize, infinitive: bool) -> bool {
    let mut i = at;
    while i > 0 && toks[i - 1].is(WordClass::Adverb) {
        i -= 1;
    }
    if i > 1 && matches!(toks[i - 1].lower, "and" | "but") {
        return true;
    }
    // An infinitive of purpose (`took to Twitter to accuse …`), for the
    // frames that want one.
    infinitive
        && i > 1
        && toks[i - 1].lower == "to"
        && toks[at]
            .verb()
            .is_some_and(|f| f.inflection == Inflection::Base)
}

/// Whether a speaker phrase starting at `pos` opens a clause.
fn clause_boundary_before(toks: &[Token], pos: usize) -> bool {
    let Some(prev) = pos.checked_sub(1).map(|p| &toks[p]) else {
        return true;
    };
    match prev.kind {
        TokenKind::Quote(_) => true,
        TokenKind::Punct => !prev.is_punct('\'') && !prev.is_punct('’'),
        TokenKind::Word => prev.is(WordClass::ClauseOpener),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::VerbForm;
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

    /// The per-anchor complement set says of each complement what the
    /// per-frame test said before it: every lemma, inflection and context.
    #[test]
    fn admitted_complements_agree_with_the_frame_test() {
        fn reference(cue: &CueToken, required: Complement, quoted: bool) -> bool {
            let coordinated = cue.coordinated[usize::from(quoted)];
            let lemma = cue.lemma;
            if !(lemma.allows(required) || required == Complement::Participle && coordinated) {
                return false;
            }
            let participle = cue.form.inflection == Inflection::Participle;
            if required == Complement::Participle {
                let coordinated = !participle && coordinated && takes_a_finite_complement(lemma);
                if !(participle || coordinated) {
                    return false;
                }
            } else if participle && !cue.progressive {
                return false;
            }
            !(required == Complement::Passive && cue.form.inflection != Inflection::Past)
        }
        let g = Grammar::bundled();
        let inflections = [
            Inflection::Base,
            Inflection::Present,
            Inflection::Past,
            Inflection::Participle,
        ];
        for (index, lemma) in g.lemmas().iter().enumerate() {
            for inflection in inflections {
                for bits in 0..8u8 {
                    let cue = CueToken {
                        form: VerbForm {
                            lemma: index,
                            inflection,
                        },
                        lemma,
                        coordinated: [bits & 1 != 0, bits & 2 != 0],
                        progressive: bits & 4 != 0,
                    };
                    for quoted in [false, true] {
                        let set = admitted_complements(&cue, quoted);
                        for r in Complement::ALL {
                            assert_eq!(
                                set & r.bit() != 0,
                                reference(&cue, r, quoted),
                                "{} {inflection:?} {bits} {r:?}",
                                lemma.name
                            );
                        }
                    }
                }
            }
        }
    }
}
