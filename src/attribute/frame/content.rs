//! Content edges: where reported content starts and ends — after a cue to
//! the clause break (a semicolon, a dash, a contrasting or new clause, a
//! later attribution), before a cue from the last colon, and the clause a
//! participle cue belongs to.

use std::ops::Range;

use super::cue::cue_form;
use super::matcher::Content;
use crate::grammar::{Grammar, Inflection, SourceType, WordClass};
use crate::parse::{PhraseHead, SentencePhrases, Token, TokenKind};

/// Where a content that ends at `pos` begins: after the last colon or
/// semicolon, and for a passive subject (`$CONTENT $BE …`) after the last
/// comma too; otherwise the sentence start.
pub(super) fn content_left_start(toks: &[Token], pos: usize, passive_subject: bool) -> usize {
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
pub(super) fn content_right(
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
    let after_that = pos > 0 && toks[pos - 1].is(WordClass::Complementizer);
    // `pledged to "cancel" the accord`: an infinitive, not a preposition.
    let infinitive = first.is(WordClass::InfinitiveMarker)
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
/// an earlier clause break: a semicolon, a dash, an adjunct of the cue after
/// a quoted fragment, a coordinated second cue, or a comma before a clause
/// of its own (see [`clause_after_comma`]).
pub(super) fn content_end(
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
        if toks[i - 1].is_quote() && cue_adjunct_at(toks, i, grammar) {
            return i;
        }
        if coordinated_finite_cue(toks, i, grammar) {
            return i;
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
        if clause_after_comma(toks, i, phrases, grammar) {
            return if quote_comma { i + 1 } else { i };
        }
    }
    toks.len()
}

/// Whether an adjunct of the cue starts at `i`, right after a quoted
/// fragment: a time (`"a disgrace" Wednesday`, `during …`, `on Monday`), a
/// setting (`"abhorrent" in a tweet`) or a medium (`on Twitter`).
fn cue_adjunct_at(toks: &[Token], i: usize, grammar: &Grammar) -> bool {
    let t = &toks[i];
    let time_adjunct = t.is(WordClass::TimeWord)
        || t.is(WordClass::TimePreposition)
        || t.is(WordClass::Preposition)
            && toks.get(i + 1).is_some_and(|n| n.is(WordClass::TimeWord));
    let reach = toks.len().min(i + 1 + grammar.limits().event_adjunct);
    let event_adjunct = t.is(WordClass::Preposition)
        && toks[i + 1..reach]
            .iter()
            .any(|n| n.is(WordClass::EventNoun))
        || t.is(WordClass::MediumPreposition)
            && toks.get(i + 1).is_some_and(|n| n.is_capitalized());
    time_adjunct || event_adjunct
}

/// Whether a coordinator at `i` joins a second finite cue to the first
/// (`… and accused him of …`).
fn coordinated_finite_cue(toks: &[Token], i: usize, grammar: &Grammar) -> bool {
    if !toks[i].is(WordClass::Coordinator) {
        return false;
    }
    let mut j = i + 1;
    while j < toks.len() && toks[j].is(WordClass::Adverb) {
        j += 1;
    }
    cue_form(toks, j, grammar)
        .is_some_and(|f| matches!(f.inflection, Inflection::Past | Inflection::Present))
}

/// Whether the comma at `i` ends the content: it opens a contrasting clause
/// (`, but she …`), a clause with its own subject (`, and several traders
/// expected …`), a later attribution (`, according to`, `, he said`), a
/// participle clause commenting on the content (`, leaving Cleveland
/// nervous`) or the subject's next cue (`, called her "third-rate"`).
fn clause_after_comma(
    toks: &[Token],
    i: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> bool {
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    let participle = grammar.suffixes().participle(next.lower);
    let participle_clause = participle
        && next.text.len() > 5
        && next.text.starts_with(char::is_lowercase)
        && !next.is(WordClass::IngPreposition);
    let next_cue = next.text.starts_with(char::is_lowercase)
        && cue_form(toks, i + 1, grammar).is_some_and(|f| f.inflection == Inflection::Past);
    next.is(WordClass::ContrastOpener)
        || new_subject_after(toks, i, phrases, grammar)
        || next.is(WordClass::AttributionOpener)
        || participle && cue_form(toks, i + 1, grammar).is_some()
        || later_cue_after(toks, i, phrases, grammar)
        || participle_clause
        || next_cue
}

/// Whether the comma at `i` is followed by a coordinator and a clause with
/// its own subject: a description with a verb (`, and several traders
/// expected`), or a name with a cue (`, and Trump vowed to`).
fn new_subject_after(
    toks: &[Token],
    i: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> bool {
    if !toks[i + 1].is(WordClass::Coordinator) {
        return false;
    }
    phrases.at(i + 2).is_some_and(|p| {
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
    })
}

/// Whether a speaker phrase right after the comma at `i` has a cue of its
/// own, past auxiliaries and adverbs (`…, his campaign has argued`).
fn later_cue_after(toks: &[Token], i: usize, phrases: &SentencePhrases, grammar: &Grammar) -> bool {
    phrases.at(i + 1).is_some_and(|p| {
        let mut v = p.tokens.end;
        while v < p.tokens.end + 2
            && toks
                .get(v)
                .is_some_and(|t| t.is(WordClass::Auxiliary) || t.is(WordClass::Adverb))
        {
            v += 1;
        }
        cue_form(toks, v, grammar).is_some()
    })
}

/// Whether `c` closes a quotation.
pub(super) fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '›' | '\'' | '“' | '„')
}

/// Drops punctuation (but not quotations) from both ends of a token range.
pub(super) fn trim_range(toks: &[Token], mut r: Range<usize>) -> Range<usize> {
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

pub(super) fn words_in(toks: &[Token], r: &Range<usize>) -> usize {
    r.clone().filter(|&i| toks[i].is_word()).count()
}

pub(super) fn as_content(toks: &[Token], range: Range<usize>) -> Content {
    match toks[range.clone()].first() {
        Some(t) if range.len() == 1 => match t.kind {
            TokenKind::Quote(id) => Content::Quote(id as usize),
            _ => Content::Tokens(range),
        },
        _ => Content::Tokens(range),
    }
}

/// What may follow a parenthetical cue: the clause end, or adjuncts up to it.
pub(super) fn tail(
    toks: &[Token],
    pos: usize,
    phrases: &SentencePhrases,
    grammar: &Grammar,
) -> bool {
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
    end - pos <= grammar.limits().tail
        && (pos..end).all(|i| {
            !toks[i].is(WordClass::Complementizer)
                && !toks[i].is_quote()
                && toks[i].verb().is_none()
        })
}

/// A document noun in an adjunct after the cue: `in a statement`, `in its report`.
pub(super) fn document_adjunct(toks: &[Token], pos: usize, grammar: &Grammar) -> Option<String> {
    let reach = grammar.limits().document_adjunct;
    let window = &toks[pos.min(toks.len())..(pos + reach).min(toks.len())];
    window.windows(3).find_map(|w| {
        if !w[0].is(WordClass::DocumentPreposition) || !w[1].is(WordClass::Determiner) {
            return None;
        }
        let (_, noun) = grammar.source_noun(&[w[2].lower])?;
        (noun.source_type == SourceType::Document).then(|| noun.name.clone())
    })
}

/// Whether a speaker phrase starting at `pos` opens a clause.
pub(super) fn clause_boundary_before(toks: &[Token], pos: usize) -> bool {
    let Some(prev) = pos.checked_sub(1).map(|p| &toks[p]) else {
        return true;
    };
    match prev.kind {
        TokenKind::Quote(_) => true,
        TokenKind::Punct => !prev.is_punct('\'') && !prev.is_punct('’'),
        TokenKind::Word => prev.is(WordClass::ClauseOpener),
    }
}

/// How far the comma closing an opening adjunct may be from the clause
/// start: a few words (`Sunday morning,`), more after a preposition or a
/// subordinator (`Following a closed-door meeting on Wednesday,`).
pub(super) fn opening_adjunct_reach(toks: &[Token], from: usize, grammar: &Grammar) -> usize {
    let opener = toks
        .get(from)
        .is_some_and(|t| t.is(WordClass::Preposition) || t.is(WordClass::ClauseOpener));
    if opener {
        grammar.limits().opening_adjunct_after_opener
    } else {
        grammar.limits().opening_adjunct
    }
}
