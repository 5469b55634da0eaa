//! Resolving a speaker phrase to a [`Speaker`]: names to the full name the
//! article gives, roles to the person named in them, pronouns to their
//! antecedent, documents to their issuer.

use std::borrow::Cow;

use super::registry::{tokens_text, Registry};
use super::words::{normal_words, push_normal_word, raw_words};
use super::Priors;
use crate::claim::{Speaker, TextSpan};
use crate::grammar::{Grammar, SourceType, WordClass};
use crate::parse::{speaker_ending_at, PhraseHead, SpeakerPhrase, Token};
use crate::text::{CodePoints, Span};

/// A speaker being resolved: what resolution has found so far, borrowed
/// from the article or an earlier speaker until the [`Speaker`] is made.
struct Resolution<'a> {
    /// The resolved name; the phrase's own text when `None`.
    name: Option<String>,
    source_type: SourceType,
    role: Option<Cow<'a, str>>,
    organization: Option<Cow<'a, str>>,
}

impl<'a> Resolution<'a> {
    /// Takes the name and type of the earlier speaker `from`, and its role
    /// and organization where it has them.
    fn adopt(&mut self, from: &'a Speaker) {
        self.name = Some(from.name.clone());
        self.source_type = from.source_type;
        if let Some(role) = &from.role {
            self.role = Some(Cow::Borrowed(role));
        }
        if let Some(organization) = &from.organization {
            self.organization = Some(Cow::Borrowed(organization));
        }
    }

    /// [`Resolution::adopt`] of a speaker resolved for the purpose, whose
    /// strings are moved instead of copied.
    fn adopt_owned(&mut self, from: Speaker) {
        self.name = Some(from.name);
        self.source_type = from.source_type;
        if let Some(role) = from.role {
            self.role = Some(Cow::Owned(role));
        }
        if let Some(organization) = from.organization {
            self.organization = Some(Cow::Owned(organization));
        }
    }
}

/// The sentence a speaker phrase is resolved in, and what resolution
/// consults besides the registry.
pub(crate) struct ResolveContext<'c, 'a> {
    /// The article.
    pub(crate) text: &'c str,
    /// The article's code point offsets, for the mention's span.
    pub(crate) cps: &'c CodePoints,
    /// The sentence's tokens.
    pub(crate) toks: &'c [Token<'a>],
    /// The speakers of the claims made so far.
    pub(crate) priors: &'c Priors,
    pub(crate) grammar: &'c Grammar,
}

impl Registry<'_> {
    /// Resolves `phrase`, a speaker phrase of the sentence of `cx` whose
    /// mention reaches to token `mention_end`, to a [`Speaker`] and how
    /// certain the resolution is.
    pub(crate) fn resolve(
        &self,
        cx: &ResolveContext,
        phrase: &SpeakerPhrase,
        mention_end: usize,
    ) -> (Speaker, f64) {
        let toks = cx.toks;
        let last = mention_end.max(phrase.tokens.end).min(toks.len()) - 1;
        let span = Span::new(toks[phrase.tokens.start].span.start, toks[last].span.end);
        let at = span.start;
        let name_text = tokens_text(cx.text, toks, phrase.name);
        // The name is filled in last: the phrase's own text unless
        // resolution gives another (`name`), so that text is copied only
        // when kept; so are the role and organization, which resolution
        // often replaces.
        let mut found = Resolution {
            name: None,
            source_type: phrase.source_type,
            role: phrase.role.map(|r| tokens_text(cx.text, toks, r).into()),
            organization: phrase
                .organization
                .map(|r| tokens_text(cx.text, toks, r).into()),
        };
        let first = &toks[phrase.tokens.start];
        let certainty = match phrase.head {
            PhraseHead::Pronoun if first.is(WordClass::SubjectRelative) => {
                self.relative(cx, phrase, &mut found)
            }
            PhraseHead::Pronoun => self.pronoun(cx, phrase, at, &mut found),
            PhraseHead::Name => self.name(name_text, cx.grammar, &mut found),
            PhraseHead::Title => self.title(name_text, at, cx.grammar, &mut found),
            // `the statement said`: the document of an earlier claim; `a
            // report` is a new one and keeps its own name.
            PhraseHead::SourceNoun
                if phrase.source_type == SourceType::Document
                    && phrase.name.len() == 1
                    && !first.is(WordClass::Indefinite) =>
            {
                issuer(cx, name_text, &mut found)
            }
            PhraseHead::Named => {
                if let Some(c) = phrase.canonical {
                    found.name = Some(c.to_owned());
                }
                1.0
            }
            PhraseHead::SourceNoun => 1.0,
        };
        let speaker = Speaker {
            name: found.name.unwrap_or_else(|| name_text.to_owned()),
            mention: TextSpan::new(cx.text, span, cx.cps),
            source_type: found.source_type,
            role: found.role.map(Cow::into_owned),
            organization: found.organization.map(Cow::into_owned),
            wikidata: None,
        };
        (speaker, certainty)
    }

    /// `said Weaver, who said …`: the relative pronoun that starts `phrase`
    /// stands for the phrase it follows, which keeps `who` as the mention.
    fn relative(&self, cx: &ResolveContext, phrase: &SpeakerPhrase, found: &mut Resolution) -> f64 {
        let toks = cx.toks;
        let s = phrase.tokens.start;
        let mut end = s;
        // `a report, "Foreign Influence …," which cited`: a title in
        // apposition stands between the antecedent and the pronoun.
        if end > 0 && toks[end - 1].is_quote() {
            end -= 1;
        }
        if end > 0 && toks[end - 1].is_punct(',') {
            end -= 1;
        }
        // `…, who leads the union and who said`: a relative after a
        // conjunction shares the antecedent of the one before it.
        let shared = (s > 0 && toks[s - 1].is(WordClass::RelativeConjunction))
            .then(|| {
                (1..s.saturating_sub(1))
                    .rev()
                    .find(|&k| toks[k].lower == toks[s].lower && toks[k - 1].is_punct(','))
            })
            .flatten()
            .map(|k| k - 1);
        let end = shared.unwrap_or(end);
        let antecedent = speaker_ending_at(toks, end, cx.grammar)
            .filter(|a| a.head != PhraseHead::Pronoun || a.tokens.start < s);
        match antecedent {
            Some(a) => {
                let (antecedent, c) = self.resolve(cx, &a, a.tokens.end);
                found.adopt_owned(antecedent);
                cx.grammar.confidences().relative_pronoun * c
            }
            None => cx.grammar.confidences().relative_unresolved,
        }
    }

    /// A personal pronoun: the latest speaker it can stand for, unless a
    /// person named as a sentence subject is the better antecedent.
    fn pronoun<'r>(
        &'r self,
        cx: &ResolveContext<'r, '_>,
        phrase: &SpeakerPhrase,
        at: usize,
        found: &mut Resolution<'r>,
    ) -> f64 {
        let pronoun = &cx.toks[phrase.tokens.start];
        let wanted_person = pronoun.is(WordClass::PersonAnaphor);
        let wanted_group = pronoun.is(WordClass::GroupPronoun);
        let prior = cx
            .priors
            .antecedent(wanted_person, wanted_group, cx.grammar);
        // A person named as a sentence subject after the latest speaker is
        // the better antecedent (`Kemal Aydın was more cautious. «…», he
        // told a conference.`). So is the subject of the sentence before
        // when a pronoun opens a sentence (`Reyes said …, and Whitlock
        // promised to attend. He later called …`).
        let previous_sentence = self
            .previous_sentence_start(at)
            .filter(|&start| phrase.tokens.start == 0 && prior.is_some_and(|p| p.at >= start));
        let subject = self.latest_subject_before(at).filter(|(m, _)| {
            wanted_person
                && (prior.is_none_or(|p| *m > p.at)
                    || previous_sentence.is_some_and(|start| *m >= start))
        });
        if let Some((_, person)) = subject {
            found.name = Some(person.name.to_owned());
            found.source_type = SourceType::Person;
            found.role = person.role.map(Cow::Borrowed);
        } else if let Some(p) = prior {
            found.adopt(&p.speaker);
        } else if let Some(person) = wanted_person
            .then(|| self.latest_person_before(at))
            .flatten()
        {
            found.name = Some(person.name.to_owned());
            found.role = person.role.map(Cow::Borrowed);
        } else {
            return cx.grammar.confidences().pronoun_unresolved;
        }
        cx.grammar.confidences().pronoun
    }

    /// A name: the full name the article gives the person, and the role
    /// it gives when the phrase has none.
    fn name<'r>(&'r self, name_text: &str, grammar: &Grammar, found: &mut Resolution<'r>) -> f64 {
        if let Some(person) = self.person_by_name(name_text, grammar) {
            found.name = Some(person.name.to_owned());
            if found.role.is_none() {
                found.role = person.role.map(Cow::Borrowed);
            }
        }
        1.0
    }

    /// A title without a name (`the US president`): the person the
    /// article names in that role.
    fn title<'r>(
        &'r self,
        name_text: &str,
        at: usize,
        grammar: &Grammar,
        found: &mut Resolution<'r>,
    ) -> f64 {
        let role_words = normal_words(found.role.as_deref().unwrap_or(name_text), grammar);
        match self.person_by_role(&role_words, at) {
            Some(person) => {
                found.name = Some(person.name.to_owned());
                if let Some(role) = person.role {
                    found.role = Some(Cow::Borrowed(role));
                }
                1.0
            }
            None => grammar.confidences().role_unresolved,
        }
    }
}

/// The issuer of the document `name_text` (`the statement`): the speaker
/// of the latest claim naming that document, else the latest organization
/// or outlet.
fn issuer<'r>(cx: &ResolveContext<'r, '_>, name_text: &str, found: &mut Resolution<'r>) -> f64 {
    let mut noun = String::new();
    if let Some(w) = raw_words(name_text, cx.grammar).last() {
        push_normal_word(&mut noun, w);
    }
    match cx.priors.issuer_of(&noun) {
        Some(p) => {
            found.adopt(&p.speaker);
            1.0
        }
        None => cx.grammar.confidences().document_unresolved,
    }
}
