//! Blocks and sentences. A block is a run of paragraphs joined by a
//! quotation that spans them; sentences never split a quotation, never cross
//! a paragraph break outside one, and know abbreviations (`U.S.`, `Mr.`),
//! initials, decimals and a quotation that ends a sentence.

use std::ops::Range;

use super::quote::Quote;
use super::token::{Token, TokenKind};
use crate::grammar::{Grammar, WordClass};
use crate::text::{Paragraph, Span};

/// Longest sentence, in tokens. A longer run (text without sentence
/// punctuation, or a run-on) is cut here, so that no claim and no scan within
/// a sentence grows with the length of the article. News sentences stay far
/// below it (the longest in the test and dev corpora has 220 tokens).
pub const MAX_SENTENCE: usize = 400;

/// Joins paragraphs that a top-level quotation runs across; returns each
/// block's span and the index of its first paragraph.
pub fn blocks(paragraphs: &[Paragraph], top_quotes: &[&Quote]) -> Vec<(Span, usize)> {
    let mut out: Vec<(Span, usize)> = Vec::new();
    let mut qi = 0;
    let mut reach = 0;
    for p in paragraphs {
        match out.last_mut() {
            Some((span, _)) if reach > p.span.start => span.end = p.span.end,
            _ => out.push((p.span, p.index)),
        }
        while qi < top_quotes.len() && top_quotes[qi].outer.start < p.span.end {
            reach = reach.max(top_quotes[qi].outer.end);
            qi += 1;
        }
    }
    out
}

/// Splits a block's tokens into sentences (token index ranges), none longer
/// than [`MAX_SENTENCE`] tokens.
pub fn sentences(
    tokens: &[Token],
    text: &str,
    quotes: &[Quote],
    grammar: &Grammar,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let Some(next) = tokens.get(i + 1) else { break };
        let boundary = is_boundary(&tokens[i], next, text, quotes)
            && !attributed_quote_ends_here(tokens, i, text, quotes, grammar);
        if i + 1 - start >= MAX_SENTENCE || boundary {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether the quotation at `tokens[i]` ends in sentence punctuation but
/// belongs with the attribution after it: `"Why now?" Sanders replied.`,
/// and, when the attribution is all that follows, `"We go." Trump said.`
fn attributed_quote_ends_here(
    tokens: &[Token],
    i: usize,
    text: &str,
    quotes: &[Quote],
    grammar: &Grammar,
) -> bool {
    let TokenKind::Quote(id) = tokens[i].kind else {
        return false;
    };
    let inner = quotes[id as usize].inner.slice(text).trim_end();
    let Some(verb) = attribution_follows(tokens, i + 1, grammar) else {
        return false;
    };
    if inner.ends_with(['?', '!']) {
        return true;
    }
    // After a full stop, only a bare attribution (`Trump said.`) rejoins the
    // quotation; `Trump said he …` opens a sentence of its own.
    inner.ends_with('.') && tokens.get(verb + 1).is_none_or(|t| t.is_punct('.'))
}

/// Whether `tokens[at..]` opens with a speaker and a speech verb; returns the
/// verb's index.
fn attribution_follows(tokens: &[Token], at: usize, grammar: &Grammar) -> Option<usize> {
    let phrase = super::speaker_phrase(tokens, at, grammar)?;
    let mut i = phrase.tokens.end;
    // A parenthesis (`(R-Pa.)`) or an appositive between commas (`Lisa
    // Monaco, Obama's adviser, said`) may stand between speaker and verb.
    if tokens.get(i).is_some_and(|t| t.is_punct('(')) {
        if let Some(close) = (i..tokens.len().min(i + grammar.limits().parenthesis))
            .find(|&k| tokens[k].is_punct(')'))
        {
            i = close + 1;
        }
    }
    if tokens.get(i).is_some_and(|t| t.is_punct(',')) {
        let limit = tokens.len().min(i + grammar.limits().short_appositive);
        // Abbreviations split off their period (`R-Pa.`) may stand inside.
        let inner = |t: &Token| t.is_word() || t.is_punct('.') || t.is_punct('-');
        match (i + 1..limit).find(|&k| tokens[k].is_punct(',') || !inner(&tokens[k])) {
            Some(k) if tokens[k].is_punct(',') => i = k + 1,
            _ => return None,
        }
    }
    while tokens.get(i).is_some_and(|t| t.is(WordClass::Adverb)) {
        i += 1;
    }
    tokens
        .get(i)
        .is_some_and(|t| t.verb().is_some())
        .then_some(i)
}

fn is_boundary(tok: &Token, next: &Token, text: &str, quotes: &[Quote]) -> bool {
    // The gap between two tokens is short, mostly none or one space: test
    // its bytes in place, and search only a gap of another kind.
    let gap = &text.as_bytes()[tok.span.end..next.span.start];
    if !matches!(gap, [] | [b' ']) && gap.contains(&b'\n') {
        return true;
    }
    match tok.kind {
        TokenKind::Punct => matches!(tok.text, "." | "!" | "?" | "…") && opens_sentence(next),
        TokenKind::Quote(id) => {
            let inner = quotes[id as usize].inner.slice(text).trim_end();
            inner.ends_with(['.', '!', '?', '…']) && (next.is_capitalized() || next.is_quote())
        }
        TokenKind::Word => {
            // An abbreviation closes a sentence only when it cannot introduce a
            // name and the next word opens one with a clause-level word.
            tok.text.ends_with('.')
                && !tok.is(WordClass::NamePrefix)
                && next.is_capitalized()
                && next.is(WordClass::NotAName)
                && !tok.text.chars().next().is_some_and(char::is_uppercase)
        }
    }
}

/// Whether `next` may open a sentence after terminal punctuation: a
/// capitalised word, a quotation, a number or an opening bracket.
fn opens_sentence(next: &Token) -> bool {
    next.is_capitalized()
        || next.is_quote()
        || next
            .text
            .starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '[')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{scan_quotes, tokenize};
    use crate::text::paragraphs;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        let g = Grammar::bundled();
        let paras = paragraphs(input, 0);
        let scan = scan_quotes(input, &paras);
        let ids: Vec<usize> = (0..scan.quotes.len())
            .filter(|&i| scan.quotes[i].depth == 0)
            .collect();
        let arena = bumpalo::Bump::new();
        let toks = tokenize(
            input,
            Span::new(0, input.len()),
            &scan.quotes,
            &ids,
            &g,
            &arena,
        );
        let got: Vec<&str> = sentences(&toks, input, &scan.quotes, &g)
            .into_iter()
            .map(|r| &input[toks[r.start].span.start..toks[r.end - 1].span.end])
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_on_terminal_punctuation_only() {
        check(
            "Mr. Smith met U.S. officials at 9 a.m. on Aug. 10. It cost 3.5 million. J. Doe left.",
            &[
                "Mr. Smith met U.S. officials at 9 a.m. on Aug. 10.",
                "It cost 3.5 million.",
                "J. Doe left.",
            ],
        );
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_sentences() {
        let g = Grammar::bundled();
        let input = "he said that ".repeat(MAX_SENTENCE);
        let arena = bumpalo::Bump::new();
        let toks = tokenize(&input, Span::new(0, input.len()), &[], &[], &g, &arena);
        let got = sentences(&toks, &input, &[], &g);
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|r| r.len() <= MAX_SENTENCE));
        assert_eq!(got.last().map(|r| r.end), Some(toks.len()));
    }

    #[test]
    fn question_quote_before_its_attribution_stays_in_the_sentence() {
        check(
            "\"Why now?\" Sanders replied. \"Stop!\" The crowd left.",
            &[
                "\"Why now?\" Sanders replied.",
                "\"Stop!\"",
                "The crowd left.",
            ],
        );
    }

    #[test]
    fn attribution_after_an_appositive_or_a_full_stop_stays_with_its_quote() {
        check(
            "\"Is it time?\" Lisa Monaco, the adviser, asked. \"We go.\" Trump said. \"Now.\" Trump said he would leave.",
            &[
                "\"Is it time?\" Lisa Monaco, the adviser, asked.",
                "\"We go.\" Trump said.",
                "\"Now.\"",
                "Trump said he would leave.",
            ],
        );
    }

    #[test]
    fn quotation_ending_a_sentence() {
        check(
            "She said \"We won. They lost.\" Then she left. \"Go,\" he said.\nNext line",
            &[
                "She said \"We won. They lost.\"",
                "Then she left.",
                "\"Go,\" he said.",
                "Next line",
            ],
        );
    }
}
