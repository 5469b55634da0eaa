//! Speaker resolution within one article: surnames and name variants to the
//! full name (`Ushakov` → `Yury Ushakov`, `Steve`/`Steven Witkoff`), role
//! descriptions to the person the article names in that role (`the US
//! president` → `Donald Trump`), pronouns to the latest compatible speaker,
//! and documents (`the statement`) to the body that issued them.

use rustc_hash::FxHashMap as HashMap;

use crate::claim::{Speaker, TextSpan};
use crate::grammar::{Grammar, SourceType, WordClass};
use crate::parse::{speaker_ending_at, PhraseHead, SentencePhrases, SpeakerPhrase, Token};
use crate::text::{CodePoints, Span};

/// A person the article names.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    words: Vec<String>,
    role: Option<String>,
    role_words: Vec<String>,
    /// Byte offsets of every mention, in text order.
    mentions: Vec<usize>,
}

impl Person {
    /// The last mention before byte `at` (a binary search: mentions are
    /// recorded in text order).
    fn latest_mention_before(&self, at: usize) -> Option<usize> {
        let n = self.mentions.partition_point(|&m| m < at);
        n.checked_sub(1).map(|i| self.mentions[i])
    }
}

/// Everyone the article names, built before attribution.
#[derive(Debug, Default)]
pub struct Registry {
    people: Vec<Person>,
    /// `(byte offset, person)` of people named as the subject of a sentence,
    /// in text order.
    subjects: Vec<(usize, usize)>,
    /// Byte offset where each sentence starts, in text order.
    sentence_starts: Vec<usize>,
    /// `(byte offset, person)` of every mention, in text order.
    mentions: Vec<(usize, usize)>,
    /// People by the last word of their name.
    by_surname: HashMap<String, Vec<usize>>,
    /// People by the head word of their role.
    by_role_head: HashMap<String, Vec<usize>>,
}

/// What resolution needs to know about claims made so far.
#[derive(Debug, Clone)]
pub struct Prior {
    /// Byte offset of the speaker mention.
    pub at: usize,
    /// The resolved speaker.
    pub speaker: Speaker,
    /// A document named with the cue (`in a statement`).
    pub document: Option<String>,
}

fn normal_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '’' || c == '\'')
        .filter(|w| !w.is_empty() && *w != "s")
        .map(|w| {
            if w.contains('.') {
                w.replace('.', "").to_lowercase()
            } else {
                w.to_lowercase()
            }
        })
        .collect()
}

/// The words of a role as compared with role descriptions, abbreviated
/// titles spelled out (`state Sen.` → `state senator`).
fn title_words(role: &[Token], grammar: &Grammar) -> Vec<String> {
    role.iter()
        .filter(|t| t.is_word())
        .flat_map(|t| {
            let word = match grammar.title_name(&[t.lower.as_ref()]) {
                Some((_, title)) => title.to_string(),
                None => t.lower.to_string(),
            };
            normal_words(&word)
        })
        .collect()
}

fn tokens_text(text: &str, toks: &[Token], r: &std::ops::Range<usize>) -> String {
    text[toks[r.start].span.start..toks[r.end - 1].span.end].to_string()
}

fn compatible_first_names(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        _ if a.len() < 2 || b.len() < 2 => true,
        (Some(x), Some(y)) => x == y || x.starts_with(y.as_str()) || y.starts_with(x.as_str()),
        _ => true,
    }
}

impl Registry {
    /// Collects the named people of every sentence.
    pub fn build<'t, 'a: 't>(
        text: &str,
        sentences: impl IntoIterator<Item = &'t [Token<'a>]>,
        grammar: &Grammar,
    ) -> Registry {
        let phrases: Vec<SentencePhrases> = sentences
            .into_iter()
            .map(|toks| SentencePhrases::new(toks, grammar))
            .collect();
        Registry::build_with(text, &phrases, grammar)
    }

    /// [`Registry::build`] over sentences whose speaker phrases are parsed
    /// once and shared with frame matching.
    pub(crate) fn build_with(
        text: &str,
        sentences: &[SentencePhrases],
        grammar: &Grammar,
    ) -> Registry {
        let mut reg = Registry::default();
        for phrases in sentences {
            let toks = phrases.tokens();
            if let Some(first) = toks.first() {
                reg.sentence_starts.push(first.span.start);
            }
            let mut i = 0;
            // The sentence subject: a name at the start, or a name in
            // apposition to a description at the start (`A Turkish shipping
            // executive, Kemal Aydın, was …`).
            let subject_at = match phrases.at(0) {
                Some(p) if p.head == PhraseHead::Name => Some(0),
                Some(p) if toks.get(p.tokens.end).is_some_and(|t| t.is_punct(',')) => {
                    Some(p.tokens.end + 1)
                }
                _ => None,
            };
            while i < toks.len() {
                if !toks[i].is_capitalized() {
                    i += 1;
                    continue;
                }
                match phrases.at(i) {
                    Some(p)
                        if p.head == PhraseHead::Name && p.source_type == SourceType::Person =>
                    {
                        let name = tokens_text(text, toks, &p.name);
                        let role = p.role.as_ref().map(|r| tokens_text(text, toks, r));
                        let role_words = p
                            .role
                            .as_ref()
                            .map(|r| title_words(&toks[r.clone()], grammar))
                            .unwrap_or_default();
                        let at = toks[p.tokens.start].span.start;
                        let person = reg.add(name, role, role_words, at);
                        if subject_at == Some(i) {
                            reg.subjects.push((at, person));
                        }
                        i = p.tokens.end;
                    }
                    Some(p) => i = p.tokens.end.max(i + 1),
                    None => i += 1,
                }
            }
        }
        reg
    }

    /// Records a mention; returns the person's index.
    fn add(
        &mut self,
        name: String,
        role: Option<String>,
        role_words: Vec<String>,
        at: usize,
    ) -> usize {
        let words = normal_words(&name);
        let Some(last) = words.last().cloned() else {
            return usize::MAX;
        };
        let found = self.by_surname.get(&last).and_then(|list| {
            list.iter()
                .copied()
                .find(|&i| compatible_first_names(&self.people[i].words, &words))
        });
        let index = match found {
            Some(index) => {
                let p = &mut self.people[index];
                p.mentions.push(at);
                if p.words.len() < 2 && words.len() >= 2 {
                    p.name = name;
                    p.words = words;
                }
                if p.role.is_none() && role.is_some() {
                    p.role_words = role_words;
                    p.role = role;
                    if let Some(head) = p.role_words.last() {
                        self.by_role_head
                            .entry(head.clone())
                            .or_default()
                            .push(index);
                    }
                }
                index
            }
            None => {
                let index = self.people.len();
                if let Some(head) = role_words.last() {
                    self.by_role_head
                        .entry(head.clone())
                        .or_default()
                        .push(index);
                }
                self.by_surname.entry(last).or_default().push(index);
                self.people.push(Person {
                    role_words,
                    name,
                    words,
                    role,
                    mentions: vec![at],
                });
                index
            }
        };
        self.mentions.push((at, index));
        index
    }

    /// Where the sentence before the one containing `at` starts.
    fn previous_sentence_start(&self, at: usize) -> Option<usize> {
        let n = self.sentence_starts.partition_point(|&s| s <= at);
        self.sentence_starts.get(n.checked_sub(2)?).copied()
    }

    /// The person named last as a sentence subject before `at`, with where.
    fn latest_subject_before(&self, at: usize) -> Option<(usize, &Person)> {
        let n = self.subjects.partition_point(|&(m, _)| m < at);
        let &(m, p) = self.subjects.get(n.checked_sub(1)?)?;
        self.people.get(p).map(|person| (m, person))
    }

    /// Whether the article gives a full name (two words or more) for a
    /// person called `name`.
    pub fn knows_person(&self, name: &str) -> bool {
        self.person_by_name(&normal_words(name))
            .is_some_and(|p| p.words.len() >= 2)
    }

    fn person_by_name(&self, words: &[String]) -> Option<&Person> {
        let list = self.by_surname.get(words.last()?)?;
        list.iter()
            .map(|&i| &self.people[i])
            .find(|p| compatible_first_names(&p.words, words))
    }

    /// The person named in a role matching `role_words` nearest before `at`
    /// (or else first after it).
    fn person_by_role(&self, role_words: &[String], at: usize) -> Option<&Person> {
        let head = role_words.last()?;
        let fits = |p: &&Person| role_words.iter().all(|w| p.role_words.contains(w));
        let candidates = || {
            self.by_role_head
                .get(head)
                .into_iter()
                .flatten()
                .map(|&i| &self.people[i])
        };
        let before = candidates()
            .filter(fits)
            .filter_map(|p| p.latest_mention_before(at).map(|m| (m, p)))
            .max_by_key(|(m, _)| *m)
            .map(|(_, p)| p);
        before.or_else(|| {
            candidates()
                .filter(fits)
                .min_by_key(|p| p.mentions.first().copied().unwrap_or(usize::MAX))
        })
    }

    /// The person mentioned last before `at`.
    fn latest_person_before(&self, at: usize) -> Option<&Person> {
        let n = self.mentions.partition_point(|&(m, _)| m < at);
        let &(_, p) = self.mentions.get(n.checked_sub(1)?)?;
        self.people.get(p)
    }

    /// Resolves a speaker phrase of sentence `toks` to a [`Speaker`].
    #[allow(clippy::too_many_arguments)]
    pub fn resolve(
        &self,
        text: &str,
        cps: &CodePoints,
        toks: &[Token],
        phrase: &SpeakerPhrase,
        mention_end: usize,
        priors: &[Prior],
        grammar: &Grammar,
    ) -> (Speaker, f64) {
        let last = mention_end.max(phrase.tokens.end).min(toks.len()) - 1;
        let span = Span::new(toks[phrase.tokens.start].span.start, toks[last].span.end);
        let at = span.start;
        let mention = TextSpan::new(text, span, cps);
        let name_text = tokens_text(text, toks, &phrase.name);
        let role = phrase.role.as_ref().map(|r| tokens_text(text, toks, r));
        let organization = phrase
            .organization
            .as_ref()
            .map(|r| tokens_text(text, toks, r));
        let mut speaker = Speaker {
            name: name_text.clone(),
            mention,
            source_type: phrase.source_type,
            role,
            organization,
            wikidata: None,
        };
        let adopt = |speaker: &mut Speaker, from: &Speaker| {
            speaker.name = from.name.clone();
            speaker.source_type = from.source_type;
            speaker.role = from.role.clone().or(speaker.role.take());
            speaker.organization = from.organization.clone().or(speaker.organization.take());
        };
        let mut certainty = 1.0;
        match phrase.head {
            PhraseHead::Pronoun if toks[phrase.tokens.start].is(WordClass::SubjectRelative) => {
                // `said Weaver, who said …`: the relative pronoun stands for
                // the phrase it follows, which keeps `who` as the mention.
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
                let shared = (s > 0 && toks[s - 1].lower == "and")
                    .then(|| {
                        (1..s.saturating_sub(1))
                            .rev()
                            .find(|&k| toks[k].lower == toks[s].lower && toks[k - 1].is_punct(','))
                    })
                    .flatten()
                    .map(|k| k - 1);
                let end = shared.unwrap_or(end);
                let antecedent = speaker_ending_at(toks, end, grammar)
                    .filter(|a| a.head != PhraseHead::Pronoun || a.tokens.start < s);
                match antecedent {
                    Some(a) => {
                        let (found, c) =
                            self.resolve(text, cps, toks, &a, a.tokens.end, priors, grammar);
                        adopt(&mut speaker, &found);
                        certainty = 0.9 * c;
                    }
                    None => certainty = 0.5,
                }
            }
            PhraseHead::Pronoun => {
                let lower = toks[phrase.tokens.start].lower.as_ref();
                let wanted_person = matches!(lower, "he" | "she");
                let wanted_group = matches!(lower, "they" | "it");
                // The type test comes first: it is cheap, and it fails for
                // every prior of a pronoun that wants neither (`I`, `we`).
                let prior = priors.iter().rev().find(|p| {
                    let t = p.speaker.source_type;
                    let compatible = (wanted_person
                        && (t == SourceType::Person
                            || (t == SourceType::Anonymous && !p.speaker.name.ends_with('s'))))
                        || (wanted_group && t != SourceType::Person && t != SourceType::Unknown);
                    compatible && {
                        let name = p.speaker.name.to_lowercase();
                        let classes = grammar.classes(&name);
                        !(classes.has(WordClass::PersonPronoun)
                            || classes.has(WordClass::GroupPronoun))
                    }
                });
                certainty = 0.9;
                // A person named as a sentence subject after the latest
                // speaker is the better antecedent (`Kemal Aydın was more
                // cautious. «…», he told a conference.`).
                // So is the subject of the sentence before when a pronoun
                // opens a sentence (`Reyes said …, and Whitlock promised to
                // attend. He later called …`).
                let previous_sentence = self.previous_sentence_start(at).filter(|&start| {
                    phrase.tokens.start == 0 && prior.is_some_and(|p| p.at >= start)
                });
                let subject = self.latest_subject_before(at).filter(|(m, _)| {
                    wanted_person
                        && (prior.is_none_or(|p| *m > p.at)
                            || previous_sentence.is_some_and(|start| *m >= start))
                });
                if let Some((_, person)) = subject {
                    speaker.name = person.name.clone();
                    speaker.source_type = SourceType::Person;
                    speaker.role = person.role.clone();
                } else if let Some(p) = prior {
                    adopt(&mut speaker, &p.speaker);
                } else if wanted_person {
                    if let Some(person) = self.latest_person_before(at) {
                        speaker.name = person.name.clone();
                        speaker.role = person.role.clone();
                    } else {
                        certainty = 0.7;
                    }
                } else {
                    certainty = 0.7;
                }
            }
            PhraseHead::Name => {
                if let Some(person) = self.person_by_name(&normal_words(&name_text)) {
                    speaker.name = person.name.clone();
                    if speaker.role.is_none() {
                        speaker.role = person.role.clone();
                    }
                }
            }
            PhraseHead::Title => {
                let role_words = normal_words(speaker.role.as_deref().unwrap_or(&name_text));
                match self.person_by_role(&role_words, at) {
                    Some(person) => {
                        speaker.name = person.name.clone();
                        speaker.role = person.role.clone().or(speaker.role.take());
                    }
                    None => certainty = 0.85,
                }
            }
            // `the statement said`: the document of an earlier claim; `a
            // report` is a new one and keeps its own name.
            PhraseHead::SourceNoun
                if phrase.source_type == SourceType::Document
                    && phrase.name.len() == 1
                    && !toks[phrase.tokens.start].is(WordClass::Indefinite) =>
            {
                let noun = normal_words(&name_text).last().cloned().unwrap_or_default();
                let issuer = priors
                    .iter()
                    .rev()
                    .find(|p| p.document.as_deref() == Some(noun.as_str()))
                    .or_else(|| {
                        priors.iter().rev().find(|p| {
                            matches!(
                                p.speaker.source_type,
                                SourceType::Organization | SourceType::Outlet
                            )
                        })
                    });
                match issuer {
                    Some(p) => adopt(&mut speaker, &p.speaker),
                    None => certainty = 0.85,
                }
            }
            PhraseHead::Named => {
                if let Some(c) = &phrase.canonical {
                    speaker.name = c.clone();
                }
            }
            PhraseHead::SourceNoun => {}
        }
        (speaker, certainty)
    }

    /// A speaker for an unattributed quotation: the person mentioned last
    /// before `at`, if any.
    pub fn nearest_person(&self, at: usize) -> Option<(String, Option<String>)> {
        self.latest_person_before(at)
            .filter(|p| p.words.len() >= 2 || p.role.is_some())
            .map(|p| (p.name.clone(), p.role.clone()))
    }
}
