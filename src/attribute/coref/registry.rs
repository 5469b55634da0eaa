//! The registry of the people an article names: their names, roles and
//! mentions, and the lookups resolution makes in it.

use std::ops::Range;

use smallvec::SmallVec;

use super::index::WordIndex;
use super::words::{push_normal_word, raw_words, NameKey, Word};
use crate::grammar::{Grammar, SourceType};
use crate::parse::{PhraseHead, SentencePhrases, Token, TokenRange};

/// A person the article names; the name and role are the article's text.
#[derive(Debug, Clone)]
pub(super) struct Person<'t> {
    pub(super) name: &'t str,
    /// How many words the name has, as `normal_words` splits it.
    word_count: usize,
    /// The first of those words, normalized; empty for a one-word name,
    /// whose first word is never compared.
    first: Word,
    pub(super) role: Option<&'t str>,
    /// The role's words as compared: a range of [`Registry::role_words`].
    role_words: Range<usize>,
    /// Byte offsets of every mention, in text order (most people are
    /// named once or twice).
    mentions: SmallVec<[usize; 2]>,
}

impl Person<'_> {
    /// The last mention before byte `at` (a binary search: mentions are
    /// recorded in text order).
    fn latest_mention_before(&self, at: usize) -> Option<usize> {
        let n = self.mentions.partition_point(|&m| m < at);
        n.checked_sub(1).map(|i| self.mentions[i])
    }

    /// Whether the first names of this person and of `name` are compatible:
    /// equal or one a prefix of the other (`Steve`, `Steven`), when both
    /// give a first name at all; `words` holds the person's first name.
    fn first_name_fits(&self, name: &NameKey, words: &str) -> bool {
        if self.word_count < 2 || name.count < 2 {
            return true;
        }
        let (x, y) = (self.first.get(words), name.first);
        x == y || x.starts_with(y) || y.starts_with(x)
    }
}

/// Everyone the article names, built before attribution; it borrows the
/// names and roles from the article text.
#[derive(Debug, Default)]
pub(crate) struct Registry<'t> {
    people: Vec<Person<'t>>,
    /// `(byte offset, person)` of people named as the subject of a sentence,
    /// in text order.
    subjects: Vec<(usize, usize)>,
    /// Byte offset where each sentence starts, in text order.
    sentence_starts: Vec<usize>,
    /// `(byte offset, person)` of every mention, in text order.
    mentions: Vec<(usize, usize)>,
    /// The normalized words people are compared by, end to end.
    words: String,
    /// Each person's role words as compared, person after person.
    role_words: Vec<Word>,
    /// People by the last word of their name.
    by_surname: WordIndex,
    /// People by the head word of their role.
    by_role_head: WordIndex,
}

/// The text from the first to the last token of `r`.
pub(super) fn tokens_text<'t>(text: &'t str, toks: &[Token], r: TokenRange) -> &'t str {
    &text[toks[r.start].span.start..toks[r.end - 1].span.end]
}

impl<'t> Registry<'t> {
    /// Collects the named people of every sentence, over speaker phrases
    /// parsed once and shared with frame matching.
    pub(crate) fn build(
        text: &'t str,
        sentences: &[SentencePhrases],
        grammar: &Grammar,
    ) -> Registry<'t> {
        // News text (PolNeAR) names about three new people every four
        // sentences, mentions three every two and names a sentence subject
        // every four, with about eleven bytes of compared words a person:
        // room for that saves regrowing. A long text names fewer (a novel
        // or a transcript), and regrowing costs it little: its room is
        // made for its first thousand sentences only.
        let n = sentences.len().min(1024);
        let people = n * 3 / 4;
        let mut reg = Registry {
            people: Vec::with_capacity(people),
            sentence_starts: Vec::with_capacity(sentences.len()),
            mentions: Vec::with_capacity(n * 3 / 2),
            subjects: Vec::with_capacity(n / 4),
            words: String::with_capacity(people * 12),
            by_surname: WordIndex::with_capacity(people),
            ..Registry::default()
        };
        let mut scratch = String::new();
        for phrases in sentences {
            reg.add_sentence(text, phrases, grammar, &mut scratch);
        }
        reg
    }

    /// Records the people the sentence of `phrases` names, and its subject;
    /// `scratch` is [`Registry::add`]'s.
    fn add_sentence(
        &mut self,
        text: &'t str,
        phrases: &SentencePhrases,
        grammar: &Grammar,
        scratch: &mut String,
    ) {
        let toks = phrases.tokens();
        if let Some(first) = toks.first() {
            self.sentence_starts.push(first.span.start);
        }
        // The phrase at the start, parsed once for the subject test and
        // the scan below.
        let mut at_start = phrases.at(0);
        // The sentence subject: a name at the start, or a name in
        // apposition to a description at the start (`A Turkish shipping
        // executive, Kemal Aydın, was …`).
        let subject_at = match &at_start {
            Some(p) if p.head == PhraseHead::Name => Some(0),
            Some(p) if toks.get(p.tokens.end).is_some_and(|t| t.is_punct(',')) => {
                Some(p.tokens.end + 1)
            }
            _ => None,
        };
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].is_capitalized() {
                i += 1;
                continue;
            }
            let phrase = if i == 0 {
                at_start.take()
            } else {
                phrases.at(i)
            };
            match phrase {
                Some(p) if p.head == PhraseHead::Name && p.source_type == SourceType::Person => {
                    let name = tokens_text(text, toks, p.name);
                    let role = p
                        .role
                        .map(|r| (tokens_text(text, toks, r), &toks[r.range()]));
                    let at = toks[p.tokens.start].span.start;
                    let person = self.add(name, role, grammar, at, scratch);
                    if subject_at == Some(i) {
                        self.subjects.push((at, person));
                    }
                    i = p.tokens.end;
                }
                Some(p) => i = p.tokens.end.max(i + 1),
                None => i += 1,
            }
        }
    }

    /// Keeps the normalized word `w` in [`Registry::words`].
    fn keep(&mut self, w: &str) -> Word {
        let start = self.words.len() as u32;
        self.words.push_str(w);
        Word {
            start,
            end: self.words.len() as u32,
        }
    }

    /// Keeps the words of `role` as compared with role descriptions,
    /// abbreviated titles spelled out (`state Sen.` → `state senator`);
    /// returns their range of [`Registry::role_words`].
    fn keep_role_words(&mut self, role: &[Token], grammar: &Grammar) -> Range<usize> {
        let from = self.role_words.len();
        for t in role.iter().filter(|t| t.is_word()) {
            let word = match grammar.title_name(&[t.lower]) {
                Some((_, title)) => title,
                None => t.lower,
            };
            for w in raw_words(word, grammar) {
                let start = self.words.len() as u32;
                push_normal_word(&mut self.words, w);
                let end = self.words.len() as u32;
                self.role_words.push(Word { start, end });
            }
        }
        from..self.role_words.len()
    }

    /// Gives person `index` the role `role` (its text and tokens) and files
    /// the person under the role's head word.
    fn set_role(&mut self, index: usize, role: (&'t str, &[Token]), grammar: &Grammar) {
        let words = self.keep_role_words(role.1, grammar);
        if let Some(&head) = self.role_words[words.clone()].last() {
            self.by_role_head.file(head, &self.words, index);
        }
        let p = &mut self.people[index];
        p.role = Some(role.0);
        p.role_words = words;
    }

    /// Records a mention of `name` (in `role`, given as its text and
    /// tokens); returns the person's index, `usize::MAX` for a name without
    /// words. `scratch` holds the name's normalized words, reused from
    /// mention to mention.
    fn add(
        &mut self,
        name: &'t str,
        role: Option<(&'t str, &[Token])>,
        grammar: &Grammar,
        at: usize,
        scratch: &mut String,
    ) -> usize {
        let Some(key) = NameKey::new(name, scratch, grammar) else {
            return usize::MAX;
        };
        let last = key.last;
        let found = self
            .by_surname
            .people(last, &self.words)
            .find(|&i| self.people[i].first_name_fits(&key, &self.words));
        let index = match found {
            Some(index) => {
                self.people[index].mentions.push(at);
                if self.people[index].word_count < 2 && key.count >= 2 {
                    let first = self.keep(key.first);
                    let p = &mut self.people[index];
                    p.name = name;
                    p.word_count = key.count;
                    p.first = first;
                }
                if let (None, Some(role)) = (self.people[index].role, role) {
                    self.set_role(index, role, grammar);
                }
                index
            }
            None => {
                let index = self.people.len();
                let first = self.keep(key.first);
                let surname = self.keep(last);
                self.people.push(Person {
                    name,
                    word_count: key.count,
                    first,
                    role: None,
                    role_words: 0..0,
                    mentions: SmallVec::from_elem(at, 1),
                });
                if let Some(role) = role {
                    self.set_role(index, role, grammar);
                }
                self.by_surname.file(surname, &self.words, index);
                index
            }
        };
        self.mentions.push((at, index));
        index
    }

    /// Where the sentence before the one containing `at` starts.
    pub(super) fn previous_sentence_start(&self, at: usize) -> Option<usize> {
        let n = self.sentence_starts.partition_point(|&s| s <= at);
        self.sentence_starts.get(n.checked_sub(2)?).copied()
    }

    /// The person named last as a sentence subject before `at`, with where.
    pub(super) fn latest_subject_before(&self, at: usize) -> Option<(usize, &Person<'t>)> {
        let n = self.subjects.partition_point(|&(m, _)| m < at);
        let &(m, p) = self.subjects.get(n.checked_sub(1)?)?;
        self.people.get(p).map(|person| (m, person))
    }

    /// Whether the article gives a full name (two words or more) for a
    /// person called `name`.
    pub(crate) fn knows_person(&self, name: &str, grammar: &Grammar) -> bool {
        self.person_by_name(name, grammar)
            .is_some_and(|p| p.word_count >= 2)
    }

    /// The person called `name`: the first with its surname and a
    /// compatible first name.
    pub(super) fn person_by_name(&self, name: &str, grammar: &Grammar) -> Option<&Person<'t>> {
        let mut buf = String::with_capacity(name.len());
        let key = NameKey::new(name, &mut buf, grammar)?;
        let index = self
            .by_surname
            .people(key.last, &self.words)
            .find(|&i| self.people[i].first_name_fits(&key, &self.words))?;
        Some(&self.people[index])
    }

    /// The person named in a role matching `role_words` nearest before `at`
    /// (or else first after it).
    pub(super) fn person_by_role(&self, role_words: &[String], at: usize) -> Option<&Person<'t>> {
        let head = role_words.last()?;
        let fits = |p: &&Person| {
            let words = &self.role_words[p.role_words.clone()];
            role_words
                .iter()
                .all(|w| words.iter().any(|k| k.get(&self.words) == w))
        };
        let candidates = || {
            self.by_role_head
                .people(head, &self.words)
                .map(|i| &self.people[i])
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
    pub(super) fn latest_person_before(&self, at: usize) -> Option<&Person<'t>> {
        let n = self.mentions.partition_point(|&(m, _)| m < at);
        let &(_, p) = self.mentions.get(n.checked_sub(1)?)?;
        self.people.get(p)
    }

    /// A speaker for an unattributed quotation: the person mentioned last
    /// before `at`, if any.
    pub(crate) fn nearest_person(&self, at: usize) -> Option<(String, Option<String>)> {
        self.latest_person_before(at)
            .filter(|p| p.word_count >= 2 || p.role.is_some())
            .map(|p| (p.name.to_owned(), p.role.map(str::to_owned)))
    }
}
