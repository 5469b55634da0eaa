//! Parsing a speaker phrase at a token, in two steps: the units from its
//! start (`units`), then the phrase they make (`assemble`). A pronoun is a
//! phrase of its own. Also the search for the phrase that ends at a token,
//! which tries only the starts a cheap test of the first token allows.

use super::assemble::Assembly;
use super::units::Scan;
use super::{PhraseHead, SpeakerPhrase};
use crate::grammar::{Grammar, Lexeme, SourceType, WordClass};
use crate::parse::Token;

/// Longest speaker phrase, in tokens.
pub(super) const MAX_PHRASE: usize = 12;

/// Parses the longest speaker phrase that starts at `tokens[start]`.
pub fn speaker_phrase<'g>(
    tokens: &[Token],
    start: usize,
    grammar: &'g Grammar,
) -> Option<SpeakerPhrase<'g>> {
    phrase_at(tokens, start, grammar, true)
}

/// The speaker phrase at `tokens[start]`; `allow_pp` lets it take a
/// prepositional affiliation, which the object of one does not.
pub(super) fn phrase_at<'g>(
    tokens: &[Token],
    start: usize,
    grammar: &'g Grammar,
    allow_pp: bool,
) -> Option<SpeakerPhrase<'g>> {
    let first = tokens.get(start).filter(|t| t.is_word())?;
    if let Some(pronoun) = pronoun_phrase(first, start) {
        return Some(pronoun);
    }
    let mut assembly = Assembly {
        tokens,
        start,
        units: Scan::units(tokens, start, grammar),
    };
    assembly.end_glue();
    assembly.unknown_head();
    if let Some(alone) = assembly.standalone_determiner() {
        return Some(alone);
    }
    assembly.phrase(grammar, allow_pp)
}

/// The phrase of a pronoun `first` at token `start`: a personal pronoun,
/// or a subject relative pronoun, which stands for its antecedent (`…, who
/// said`).
fn pronoun_phrase(first: &Token, start: usize) -> Option<SpeakerPhrase<'static>> {
    let classes = first.lex.classes();
    let source_type = if classes.has(WordClass::SubjectRelative) {
        if classes.has(WordClass::PersonPronoun) {
            SourceType::Person
        } else {
            SourceType::Unknown
        }
    } else if classes.has(WordClass::PersonPronoun) {
        SourceType::Person
    } else if classes.has(WordClass::GroupPronoun) {
        SourceType::Organization
    } else {
        return None;
    };
    Some(SpeakerPhrase {
        tokens: (start..start + 1).into(),
        head: PhraseHead::Pronoun,
        source_type,
        role: None,
        name: (start..start + 1).into(),
        organization: None,
        canonical: None,
    })
}

/// Whether a speaker phrase can start at `tokens[start]`: a cheap test of
/// the first token's lexeme that [`phrase_at`] would reach the same way,
/// so that a search over many starts (`speaker_ending_at`) parses only
/// where a phrase may be. Callers that ask at capitalised words only gain
/// nothing from it.
///
/// It is false only where [`phrase_at`] returns `None`. The parser returns
/// `None` for a missing or non-word first token. Otherwise its first step,
/// with no unit yet, adds a unit only for a pronoun or relative pronoun
/// (returned at once), a determiner or number (`Det`), a word opening a named source,
/// title or source noun (the table lookup needs the lexeme's `opens` bit),
/// a capitalised word (`Name`) or a speaker modifier (`Modifier`); for any
/// other word it stops, with no unit and hence no phrase, unless a title or
/// source noun follows (`head_at`, which again needs the next token's
/// `opens` bit). Each test here is implied by the parser's, never stricter.
#[inline]
pub(super) fn may_start_phrase(tokens: &[Token], start: usize) -> bool {
    const OPENS_UNIT: u8 = Lexeme::NAMED_SOURCE | Lexeme::TITLE | Lexeme::SOURCE_NOUN;
    const OPENS_HEAD: u8 = Lexeme::TITLE | Lexeme::SOURCE_NOUN;
    let Some(first) = tokens.get(start).filter(|t| t.is_word()) else {
        return false;
    };
    let classes = first.lex.classes();
    // Cheapest first: bit tests of the lexeme, then the text. A possessive
    // (no phrase either) is left to the parser: it is rare, and testing
    // for it would cost every other token.
    [
        WordClass::SubjectRelative,
        WordClass::PersonPronoun,
        WordClass::GroupPronoun,
        WordClass::Determiner,
        WordClass::SpeakerModifier,
    ]
    .into_iter()
    .any(|c| classes.has(c))
        || first.lex.opens(OPENS_UNIT)
        || first.is_capitalized()
        // A number's first character is one of its own (`is_number` of `units`).
        || first
            .text
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'/'))
        || tokens
            .get(start + 1)
            .is_some_and(|n| n.lex.opens(OPENS_HEAD))
}

/// The longest speaker phrase that ends exactly at token `end`.
pub fn speaker_ending_at<'g>(
    tokens: &[Token],
    end: usize,
    grammar: &'g Grammar,
) -> Option<SpeakerPhrase<'g>> {
    let mut lowest = end.saturating_sub(MAX_PHRASE);
    if grammar.phrases_are_words() {
        // A phrase is a run of words: none ends after a mark or a
        // quotation, and none starts before the last one.
        lowest = match tokens[lowest..end].iter().rposition(|t| !t.is_word()) {
            Some(mark) => lowest + mark + 1,
            None => lowest,
        };
    }
    let tokens = &tokens[..end];
    (lowest..end)
        .filter(|&start| may_start_phrase(tokens, start))
        .find_map(|start| speaker_phrase(tokens, start, grammar).filter(|p| p.tokens.end == end))
}
