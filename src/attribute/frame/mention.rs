//! Mention edges: where a speaker's mention starts and ends around its
//! phrase — parentheses (`(D-Ohio)`), appositives (`, a lawyer for the
//! family`), postmodifiers (`familiar with the talks`), time adjuncts and
//! adverbs between a speaker and its cue, asides between commas.

use crate::grammar::{Complement, Grammar, Inflection, SourceType, WordClass};
use crate::parse::{speaker_phrase, PhraseHead, SentencePhrases, SpeakerPhrase, Token, TokenKind};

/// `end`, moved past a parenthesis that follows a speaker phrase (`Sen.
/// Jack Reed (D-R.I.)`), which is part of the mention.
pub fn past_parenthesis(toks: &[Token], end: usize, grammar: &Grammar) -> usize {
    if !toks.get(end).is_some_and(|t| t.is_punct('(')) {
        return end;
    }
    (end..toks.len().min(end + grammar.limits().parenthesis))
        .find(|&i| toks[i].is_punct(')'))
        .map_or(end, |close| close + 1)
}

/// The end of a mention whose phrase ends at `end` on the right of a cue:
/// a parenthesis (`(D-Ohio)`) and an appositive running to the clause end
/// (`, a spokesman for the campaign`, `of the Brookings Institution`).
pub(super) fn mention_end_right(
    toks: &[Token],
    end: usize,
    loose: bool,
    phrase: (PhraseHead, SourceType),
    grammar: &Grammar,
) -> usize {
    let e = past_parenthesis(toks, end, grammar);
    if !appositive_opens(toks, e, loose, phrase, grammar) {
        return e;
    }
    let reach = grammar.limits().appositive;
    let stop = (e + 1..toks.len().min(e + reach))
        .find(|&i| appositive_stops(toks, e, i, loose, phrase.0, grammar))
        .unwrap_or(toks.len());
    if stop == toks.len() && toks.len() > e + reach {
        return e;
    }
    // Trailing marks and a dangling conjunction (`… union and who said`) are
    // not part of the mention.
    let mut stop = stop;
    while stop > e
        && (toks[stop - 1].kind == TokenKind::Punct && !toks[stop - 1].is_punct(')')
            || toks[stop - 1].is(WordClass::ClauseOpener))
    {
        stop -= 1;
    }
    stop.max(e)
}

/// Whether the token at `e`, right after a speaker phrase, opens an
/// appositive of the mention.
fn appositive_opens(
    toks: &[Token],
    e: usize,
    loose: bool,
    (head, source_type): (PhraseHead, SourceType),
    grammar: &Grammar,
) -> bool {
    match toks.get(e) {
        // `, a spokesman for …`, but not `, citing participants`.
        Some(t) if t.is_punct(',') => toks.get(e + 1).is_some_and(|n| {
            let participle = grammar.suffixes().participle(n.lower);
            n.is_word()
                && !(participle && n.text.starts_with(char::is_lowercase))
                && n.verb().is_none()
        }),
        Some(t) if t.is(WordClass::OriginPreposition) => true,
        // `Chris Low at FTN Financial`: a named person's employer.
        Some(t)
            if t.is(WordClass::EmployerPreposition)
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
            loose
                || t.is(WordClass::SettingPreposition)
                    && described
                    && describes_a_setting(toks, e, grammar)
                    && !t.is(WordClass::ClauseOpener)
        }
        // After `according to`, the source runs to the clause end
        // (`according to people in attendance`, `… a copy of the letter
        // reviewed by The Post`).
        Some(t) => t.is_word() && (loose || t.is(WordClass::SpeakerPostmodifier)),
        None => false,
    }
}

/// Whether the words after the preposition at `e` name a place or body,
/// not a time, an event or a document (which are the cue's adjuncts).
fn describes_a_setting(toks: &[Token], e: usize, grammar: &Grammar) -> bool {
    let reach = grammar.limits().event_adjunct;
    let object = toks
        .get(e + 1)
        .map(|_| &toks[e + 1..toks.len().min(e + 1 + reach)]);
    object.is_some_and(|o| {
        let words: Vec<&str> = o.iter().map(|w| w.lower).collect();
        !o.iter()
            .any(|w| w.is(WordClass::TimeWord) || w.is(WordClass::EventNoun))
            && !(1..words.len()).any(|k| {
                grammar
                    .source_noun(&words[k..])
                    .is_some_and(|(_, n)| n.source_type == SourceType::Document)
            })
    })
}

/// Whether an appositive that opened at `e` stops at token `i`: at a
/// quotation, a semicolon, a dash, a clause after a comma, an adjunct of
/// the cue, or a relative clause that is a claim or says how the source
/// spoke.
fn appositive_stops(
    toks: &[Token],
    e: usize,
    i: usize,
    loose: bool,
    head: PhraseHead,
    grammar: &Grammar,
) -> bool {
    let t = &toks[i];
    let next = toks.get(i + 1);
    let clause_after_comma = t.is_punct(',')
        && next.is_some_and(|n| {
            n.is_quote() || grammar.suffixes().participle(n.lower) || n.verb().is_some()
        });
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
                        && toks
                            .get(i + 2)
                            .is_some_and(|n| n.is(WordClass::Complementizer))
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
    t.is_quote()
        || description_relative
        || t.is_punct(';')
        || clause_after_comma
        || adjunct_after_comma
        || speech_relative
        || dash
}

/// For a speaker left of a cue and separated from it by an appositive
/// (`Jane Roe, a lawyer for the family, said`) or a parenthesis: where the
/// speaker phrase itself must end.
pub(super) fn phrase_end_before_appositive(
    toks: &[Token],
    end: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> Option<usize> {
    let parenthesis = grammar.limits().parenthesis;
    let last = toks.get(end.checked_sub(1)?)?;
    let mut e = if last.is_punct(',') { end - 1 } else { end };
    if toks.get(e.checked_sub(1)?).is_some_and(|t| t.is_punct(')')) {
        let open = (e.saturating_sub(parenthesis)..e)
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
    let lowest = e.saturating_sub(grammar.limits().appositive);
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
        p = (p.saturating_sub(parenthesis)..p)
            .rev()
            .find(|&i| toks[i].is_punct('('))?;
    }
    Some(p)
}

/// The end of a subject's mention whose phrase ends at `end`: past an
/// appositive closed by a comma before the verb (`Huma Abedin, vice
/// chairwoman for the campaign, emailed …`), or `end` itself.
pub fn subject_appositive_end(toks: &[Token], end: usize, grammar: &Grammar) -> usize {
    if !toks.get(end).is_some_and(|t| t.is_punct(',')) {
        return end;
    }
    let limit = toks.len().min(end + grammar.limits().appositive);
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
pub(super) fn adverbial_aside(toks: &[Token], start: usize, grammar: &Grammar) -> bool {
    let reach = toks.len().min(start + grammar.limits().aside + 1);
    let Some(close) = (start..reach).find(|&i| toks[i].is_punct(',')) else {
        return false;
    };
    close > start
        && toks[start..close].iter().all(|t| {
            t.is(WordClass::Adverb)
                || t.is(WordClass::ClauseOpener)
                || manner_adverb(t, grammar)
                || t.is(WordClass::Aside)
        })
}

/// Whether the quotation at token `i` is the title of something owned
/// (`ABC News's "This Week,"`, `Fox's "Hannity"`), which no one says.
pub fn titled(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i - 1].is_possessive()
}

/// The start of a time adjunct ending at `end` (`on Tuesday`, `last week`,
/// `on Nov. 5`), if one does.
pub(super) fn time_adjunct_ending_at(
    toks: &[Token],
    end: usize,
    grammar: &Grammar,
) -> Option<usize> {
    let lowest = end.saturating_sub(grammar.limits().time_adjunct);
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

/// A lower-case word ending like a manner adverb that is no speech verb
/// (`broadly`, `angrily`).
pub(super) fn manner_adverb(t: &Token, grammar: &Grammar) -> bool {
    t.is_word()
        && t.text.len() > 4
        && grammar.suffixes().manner_adverb(t.text)
        && t.text.starts_with(char::is_lowercase)
        && t.verb().is_none()
}
