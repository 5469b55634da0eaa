//! The speakers of the claims made so far, which pronouns and documents
//! are resolved against.

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;

use crate::claim::Speaker;
use crate::grammar::{Grammar, SourceType, WordClass};

/// What resolution needs to know about claims made so far.
#[derive(Debug, Clone)]
pub(crate) struct Prior {
    /// Byte offset of the speaker mention.
    pub at: usize,
    /// The resolved speaker.
    pub speaker: Speaker,
    /// A document named with the cue (`in a statement`).
    pub document: Option<String>,
}

/// The speakers of the claims made so far, in order, with the answers to
/// `Registry::resolve`'s backward searches kept up to date as they are
/// added: the latest speaker a pronoun of each kind can stand for, the
/// latest claim naming each document, the latest organization or outlet.
/// Each search is a lookup, where a walk back over every earlier claim made
/// long texts quadratic (a pronoun with no fitting antecedent walked them
/// all).
#[derive(Debug, Default)]
pub(crate) struct Priors {
    list: Vec<Prior>,
    /// The priors `he` or `she` may stand for, by type, oldest first; those
    /// found to be pronouns themselves are dropped from the top as lookups
    /// meet them, so that each is tested once at most.
    person_antecedents: RefCell<Vec<usize>>,
    /// The same for `they` and `it`.
    group_antecedents: RefCell<Vec<usize>>,
    /// The latest organization or outlet: a document's issuer when no
    /// claim names the document.
    issuer: Option<usize>,
    /// The latest prior naming each document.
    documents: HashMap<String, usize>,
}

impl Priors {
    /// No priors, with room for `n`.
    pub fn with_capacity(n: usize) -> Self {
        Priors {
            list: Vec::with_capacity(n),
            ..Priors::default()
        }
    }

    /// Adds the speaker of the next claim; `grammar` tells a plural
    /// anonymous source (`officials`), which no person anaphor stands for.
    pub fn push(&mut self, prior: Prior, grammar: &Grammar) {
        let i = self.list.len();
        let t = prior.speaker.source_type;
        if t == SourceType::Person
            || (t == SourceType::Anonymous && !grammar.suffixes().plural(&prior.speaker.name))
        {
            self.person_antecedents.get_mut().push(i);
        }
        if t != SourceType::Person && t != SourceType::Unknown {
            self.group_antecedents.get_mut().push(i);
        }
        if matches!(t, SourceType::Organization | SourceType::Outlet) {
            self.issuer = Some(i);
        }
        if let Some(document) = &prior.document {
            self.documents.insert(document.clone(), i);
        }
        self.list.push(prior);
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The priors, in the order they were added.
    pub fn into_vec(self) -> Vec<Prior> {
        self.list
    }

    /// The latest prior a pronoun can stand for: a person for `he`/`she`
    /// (`wanted_person`), a group for `they`/`it` (`wanted_group`); never
    /// a speaker that is itself a pronoun.
    pub(super) fn antecedent(
        &self,
        wanted_person: bool,
        wanted_group: bool,
        grammar: &Grammar,
    ) -> Option<&Prior> {
        let candidates = match (wanted_person, wanted_group) {
            (true, _) => &self.person_antecedents,
            (false, true) => &self.group_antecedents,
            (false, false) => return None,
        };
        let mut candidates = candidates.borrow_mut();
        while let Some(&i) = candidates.last() {
            if !is_pronoun(&self.list[i].speaker.name, grammar) {
                return Some(&self.list[i]);
            }
            // A pronoun stands for nobody, now or later.
            candidates.pop();
        }
        None
    }

    /// The speaker behind `the <noun>` (`the statement said`): the latest
    /// claim naming that document, else the latest organization or outlet.
    pub(super) fn issuer_of(&self, noun: &str) -> Option<&Prior> {
        self.documents
            .get(noun)
            .or(self.issuer.as_ref())
            .map(|&i| &self.list[i])
    }
}

/// Whether `name` is a pronoun (`he`, `they`) rather than a name.
fn is_pronoun(name: &str, grammar: &Grammar) -> bool {
    let classes = grammar.classes(&name.to_lowercase());
    classes.has(WordClass::PersonPronoun) || classes.has(WordClass::GroupPronoun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::TextSpan;
    use crate::text::{CodePoints, Span};

    /// The walks [`Priors`] replaces: back over every prior for the latest
    /// that fits.
    fn walked_antecedent<'p>(
        priors: &'p [Prior],
        wanted_person: bool,
        wanted_group: bool,
        grammar: &Grammar,
    ) -> Option<&'p Prior> {
        priors.iter().rev().find(|p| {
            let t = p.speaker.source_type;
            let compatible = (wanted_person
                && (t == SourceType::Person
                    || (t == SourceType::Anonymous
                        && !grammar.suffixes().plural(&p.speaker.name))))
                || (wanted_group && t != SourceType::Person && t != SourceType::Unknown);
            compatible && !is_pronoun(&p.speaker.name, grammar)
        })
    }

    fn walked_issuer<'p>(priors: &'p [Prior], noun: &str) -> Option<&'p Prior> {
        priors
            .iter()
            .rev()
            .find(|p| p.document.as_deref() == Some(noun))
            .or_else(|| {
                priors.iter().rev().find(|p| {
                    matches!(
                        p.speaker.source_type,
                        SourceType::Organization | SourceType::Outlet
                    )
                })
            })
    }

    #[test]
    fn priors_answer_as_the_walks_back_over_every_claim_did() {
        let grammar = Grammar::bundled();
        let text = "x";
        let cps = CodePoints::new(text);
        let types = SourceType::ALL;
        let names = [
            "Maria Lopez",
            "officials",
            "an official",
            "it",
            "They",
            "he",
            "Reuters",
        ];
        let documents = [None, Some("statement"), Some("report")];
        let mut priors = Priors::default();
        let mut walked: Vec<Prior> = Vec::new();
        // Every combination, in an order that mixes them.
        let mut k = 0usize;
        for _ in 0..types.len() * names.len() * documents.len() {
            k = (k + 17) % (types.len() * names.len() * documents.len());
            let prior = Prior {
                at: walked.len(),
                speaker: Speaker {
                    name: names[k % names.len()].into(),
                    mention: TextSpan::new(text, Span::new(0, 1), &cps),
                    source_type: types[k / names.len() % types.len()],
                    role: None,
                    organization: None,
                    wikidata: None,
                },
                document: documents[k / (names.len() * types.len())].map(String::from),
            };
            priors.push(prior.clone(), &grammar);
            walked.push(prior);
            let at = |p: Option<&Prior>| p.map(|p| p.at);
            for (person, group) in [(true, false), (false, true), (false, false)] {
                assert_eq!(
                    at(priors.antecedent(person, group, &grammar)),
                    at(walked_antecedent(&walked, person, group, &grammar)),
                    "pronoun wanting a person: {person}, a group: {group}, after {} priors",
                    walked.len()
                );
            }
            for noun in ["statement", "report", "letter"] {
                assert_eq!(
                    at(priors.issuer_of(noun)),
                    at(walked_issuer(&walked, noun)),
                    "the {noun}, after {} priors",
                    walked.len()
                );
            }
        }
        assert_eq!(priors.len(), walked.len());
    }
}
