//! The second step of parsing a speaker phrase: from the units the scan
//! read (`units`), the phrase they make and its parts. Glue that joins
//! nothing is dropped, the phrase ends on its last head, takes a
//! prepositional affiliation where the grammar allows one, and is split
//! into role, name and organization by what its head is.

use std::ops::Range;

use super::speaker::{phrase_at, MAX_PHRASE};
use super::units::{determined, Unit, UnitAt, Units};
use super::{PhraseHead, SpeakerPhrase, TokenRange};
use crate::grammar::{Grammar, SourceType, WordClass};
use crate::parse::Token;

/// A phrase being assembled from the units of its scan.
pub(super) struct Assembly<'s, 'a, 'g> {
    pub(super) tokens: &'s [Token<'a>],
    /// The phrase's first token.
    pub(super) start: usize,
    pub(super) units: Units<'g>,
}

impl<'g> Assembly<'_, '_, 'g> {
    /// Drops glue that joins nothing. Glue must be followed by a name, or
    /// by a role after a possessive (`Clinton's communications director`);
    /// otherwise the phrase ends before it.
    pub(super) fn end_glue(&mut self) {
        let units = &self.units;
        let Some(g) = units.iter().position(|u| u.unit == Unit::Glue) else {
            return;
        };
        let named_after = units[g + 1..].iter().any(|u| u.unit == Unit::Name);
        let possessed_role = units[..g].iter().any(|u| u.unit == Unit::Possessive)
            && units
                .last()
                .is_some_and(|u| matches!(u.unit, Unit::Title | Unit::Noun(_)));
        let name_last = units.last().is_some_and(|u| u.unit == Unit::Name);
        if !(named_after && name_last || possessed_role) {
            self.units.truncate(g);
        }
    }

    /// Makes a last unknown word the head. A determined phrase may end on
    /// an unknown noun (`the Gawker intern`), and then a capitalised word
    /// before it is an adjective (`a Turkish shipping executive`), not a
    /// name.
    pub(super) fn unknown_head(&mut self) {
        let determined = determined(&self.units);
        let name_before = self.units.iter().any(|u| u.unit == Unit::Name);
        let tokens = self.tokens;
        if let Some(last) = self.units.last_mut() {
            let modifier_end = last.unit == Unit::Modifier && determined && name_before;
            let unknown_noun = last.unit == Unit::Lenient
                && !tokens[last.tokens.start].is(WordClass::SpeakerModifier);
            if unknown_noun || modifier_end {
                last.unit = Unit::Noun(SourceType::Unknown);
            }
        }
    }

    /// A determiner standing alone for people (`one said`, `said another`).
    pub(super) fn standalone_determiner(&self) -> Option<SpeakerPhrase<'g>> {
        let [UnitAt {
            unit: Unit::Det,
            tokens: r,
            ..
        }] = self.units.as_slice()
        else {
            return None;
        };
        self.tokens[r.start]
            .is(WordClass::StandaloneDeterminer)
            .then(|| SpeakerPhrase {
                tokens: r.clone().into(),
                head: PhraseHead::SourceNoun,
                source_type: SourceType::Person,
                role: None,
                name: r.clone().into(),
                organization: None,
                canonical: None,
            })
    }

    /// The phrase, ending on its last head-like unit; `allow_pp` lets it
    /// take a prepositional affiliation.
    pub(super) fn phrase(
        mut self,
        grammar: &'g Grammar,
        allow_pp: bool,
    ) -> Option<SpeakerPhrase<'g>> {
        while self.units.last().is_some_and(|u| !u.unit.is_head()) {
            self.units.pop();
        }
        let last = self.units.last().cloned()?;
        // `a spokesman for the campaign`, `an analyst at BTIG`: the body a
        // described source speaks for.
        let affiliation = (allow_pp && matches!(last.unit, Unit::Noun(_) | Unit::Title))
            .then(|| affiliation(self.tokens, last.tokens.end, grammar))
            .flatten();
        let end = affiliation.map_or(last.tokens.end, |pp| pp.end);
        let body_start = match self.units.first() {
            Some(UnitAt {
                unit: Unit::Det,
                tokens: r,
                ..
            }) => r.end,
            _ => self.start,
        };
        if body_start >= end {
            return None;
        }
        let mut phrase = SpeakerPhrase {
            tokens: (self.start..end).into(),
            head: PhraseHead::Name,
            source_type: SourceType::Person,
            role: None,
            name: (body_start..last.tokens.end).into(),
            organization: None,
            canonical: None,
        };
        let of_at = self.units.iter().position(|u| u.unit == Unit::Of);
        if let (Some(of), Unit::Name) = (of_at, last.unit) {
            // `the Ministry of Mining`, `Bank of America`: the whole phrase is the name.
            if let Some(Unit::Noun(t)) = of.checked_sub(1).map(|i| self.units[i].unit) {
                phrase.source_type = t;
                phrase.head = PhraseHead::SourceNoun;
            }
            return Some(phrase);
        }
        self.parts(&mut phrase, &last, body_start)?;
        if let Some(pp) = affiliation {
            phrase.organization = Some(pp);
        }
        if phrase.organization.is_some_and(|r| r.is_empty()) {
            phrase.organization = None;
        }
        Some(phrase)
    }

    /// Fills in the head, type, role, name and organization of `phrase` by
    /// its `last` unit, the description starting at `body_start`; `None`
    /// when that unit heads no phrase.
    fn parts(
        &self,
        phrase: &mut SpeakerPhrase<'g>,
        last: &UnitAt<'g>,
        body_start: usize,
    ) -> Option<()> {
        // The phrase's end: past the affiliation of a title, whose role
        // reaches that far (`the ambassador to Ukraine`).
        let end = phrase.tokens.end;
        match last.unit {
            Unit::Name => self.name_parts(phrase, body_start, end),
            Unit::Title => {
                phrase.head = PhraseHead::Title;
                phrase.role = Some((body_start..end).into());
            }
            Unit::Noun(t) => {
                phrase.head = PhraseHead::SourceNoun;
                phrase.source_type = t;
                let noun_start = last.tokens.start;
                if noun_start > body_start {
                    let org_end = trim_possessive(self.tokens, body_start, noun_start);
                    if org_end > body_start && (t == SourceType::Anonymous || org_end < noun_start)
                    {
                        phrase.organization = Some((body_start..org_end).into());
                    }
                }
            }
            Unit::Named(t) => {
                phrase.head = PhraseHead::Named;
                phrase.source_type = t;
                phrase.name = last.tokens.clone().into();
                phrase.canonical = last.canonical;
                if last.tokens.start > body_start {
                    let org_end = trim_possessive(self.tokens, body_start, last.tokens.start);
                    phrase.organization = Some((body_start..org_end).into());
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// The name of a phrase ending on a name at `end`: the name's words,
    /// with the titles before them as its role (`Russian Presidential Aide
    /// Yury Ushakov`) or else the words before them as its organization.
    fn name_parts(&self, phrase: &mut SpeakerPhrase<'g>, body_start: usize, end: usize) {
        let units = &self.units;
        let name_start = units
            .iter()
            .rposition(|u| u.unit != Unit::Name)
            .map_or(body_start, |i| units[i].tokens.end);
        phrase.name = (name_start..end).into();
        let before = &units[..units
            .iter()
            .position(|u| u.tokens.start >= name_start)
            .unwrap_or(0)];
        if let Some(i) = before.iter().rposition(|u| u.unit == Unit::Title) {
            let role: Range<usize> = body_start..before[i].tokens.end;
            let honorific = role.len() == 1 && self.tokens[role.start].is(WordClass::Honorific);
            if !honorific {
                phrase.role = Some(role.into());
            }
        } else if name_start > body_start {
            let org_end = trim_possessive(self.tokens, body_start, name_start);
            phrase.organization = Some((body_start..org_end).into());
        }
    }
}

/// The body a described source ending at token `end` speaks for: a speaker
/// phrase, itself without one, after an affiliation preposition (`a
/// spokesman for the campaign`).
fn affiliation(tokens: &[Token], end: usize, grammar: &Grammar) -> Option<TokenRange> {
    let prep = tokens.get(end)?;
    if !prep.is(WordClass::AffiliationPreposition) || tokens.len() <= end + 1 {
        return None;
    }
    let inner = &tokens[..tokens.len().min(end + 1 + MAX_PHRASE)];
    phrase_at(inner, end + 1, grammar, false).map(|pp| pp.tokens)
}

/// `end`, moved left past a possessive marker.
fn trim_possessive(tokens: &[Token], start: usize, end: usize) -> usize {
    if end > start && tokens[end - 1].is_possessive() {
        end - 1
    } else {
        end
    }
}
