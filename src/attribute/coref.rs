//! Speaker resolution within one article: surnames and name variants to the
//! full name (`Ushakov` → `Yury Ushakov`, `Steve`/`Steven Witkoff`), role
//! descriptions to the person the article names in that role (`the US
//! president` → `Donald Trump`), pronouns to the latest compatible speaker,
//! and documents (`the statement`) to the body that issued them.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;
use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use smallvec::SmallVec;

use crate::claim::{Speaker, TextSpan};
use crate::grammar::{Grammar, SourceType, WordClass};
use crate::parse::{
    speaker_ending_at, PhraseHead, PhraseMemo, SentencePhrases, SpeakerPhrase, Token, TokenRange,
};
use crate::text::{CodePoints, Span};

/// A normalized word the registry keeps: its byte range in
/// [`Registry::words`].
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    start: u32,
    end: u32,
}

impl Word {
    /// The word's text in `words`.
    fn get(self, words: &str) -> &str {
        &words[self.start as usize..self.end as usize]
    }
}

/// A person the article names; the name and role are the article's text.
#[derive(Debug, Clone)]
struct Person<'t> {
    name: &'t str,
    /// How many words the name has, as [`normal_words`] splits it.
    word_count: usize,
    /// The first of those words, normalized; empty for a one-word name,
    /// whose first word is never compared.
    first: Word,
    role: Option<&'t str>,
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

/// People filed under a normalized word (a surname, the head word of a
/// role), in the order filed. A word is keyed by its hash and the lists are
/// threaded through one table, so that filing allocates nothing per person
/// or word; a lookup compares the words themselves.
#[derive(Debug, Default)]
struct WordIndex {
    /// The first and last entry filed under each word's hash.
    ends: HashMap<u64, (u32, u32)>,
    entries: Vec<Filed>,
}

/// One person filed under one word in a [`WordIndex`].
#[derive(Debug)]
struct Filed {
    person: usize,
    word: Word,
    /// The next entry whose word has the same hash, or [`WordIndex::END`].
    next: u32,
}

impl WordIndex {
    const END: u32 = u32::MAX;

    /// An empty index with room for `n` people and words.
    fn with_capacity(n: usize) -> Self {
        WordIndex {
            ends: HashMap::with_capacity_and_hasher(n, Default::default()),
            entries: Vec::with_capacity(n),
        }
    }

    fn key(word: &str) -> u64 {
        FxBuildHasher.hash_one(word)
    }

    /// Files `person` under `word`, kept in `words`.
    fn file(&mut self, word: Word, words: &str, person: usize) {
        let entry = self.entries.len() as u32;
        self.entries.push(Filed {
            person,
            word,
            next: Self::END,
        });
        match self.ends.entry(Self::key(word.get(words))) {
            Entry::Occupied(mut ends) => {
                let last = &mut ends.get_mut().1;
                self.entries[*last as usize].next = entry;
                *last = entry;
            }
            Entry::Vacant(ends) => {
                ends.insert((entry, entry));
            }
        }
    }

    /// The people filed under `word`, in the order filed; `words` holds
    /// the words they are filed under.
    fn people<'s>(&'s self, word: &'s str, words: &'s str) -> impl Iterator<Item = usize> + 's {
        let mut at = self
            .ends
            .get(&Self::key(word))
            .map_or(Self::END, |&(first, _)| first);
        std::iter::from_fn(move || {
            while at != Self::END {
                let entry = &self.entries[at as usize];
                at = entry.next;
                if entry.word.get(words) == word {
                    return Some(entry.person);
                }
            }
            None
        })
    }
}

/// Everyone the article names, built before attribution; it borrows the
/// names and roles from the article text.
#[derive(Debug, Default)]
pub struct Registry<'t> {
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

/// The speakers of the claims made so far, in order, with the answers to
/// [`Registry::resolve`]'s backward searches kept up to date as they are
/// added: the latest speaker a pronoun of each kind can stand for, the
/// latest claim naming each document, the latest organization or outlet.
/// Each search is a lookup, where a walk back over every earlier claim made
/// long texts quadratic (a pronoun with no fitting antecedent walked them
/// all).
#[derive(Debug, Default)]
pub struct Priors {
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

    /// Adds the speaker of the next claim.
    pub fn push(&mut self, prior: Prior) {
        let i = self.list.len();
        let t = prior.speaker.source_type;
        if t == SourceType::Person
            || (t == SourceType::Anonymous && !prior.speaker.name.ends_with('s'))
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

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The priors, in the order they were added.
    pub fn into_vec(self) -> Vec<Prior> {
        self.list
    }

    /// The latest prior a pronoun can stand for: a person for `he`/`she`
    /// (`wanted_person`), a group for `they`/`it` (`wanted_group`); never
    /// a speaker that is itself a pronoun.
    fn antecedent(
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
    fn issuer_of(&self, noun: &str) -> Option<&Prior> {
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

/// The words of a name or role as written, split at spaces and apostrophes
/// and without a possessive `s`; [`push_normal_word`] normalizes each.
fn raw_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '’' || c == '\'')
        .filter(|w| !w.is_empty() && *w != "s")
}

/// Appends the word `w` to `out` as compared: without dots, in lower case.
/// ASCII is lowered in place, without allocating (for ASCII,
/// [`str::to_lowercase`] changes only `A`–`Z`); other text goes through
/// [`str::to_lowercase`] itself. Nearly every word is ASCII without dots,
/// which one pass over its bytes tells.
fn push_normal_word(out: &mut String, w: &str) {
    let start = out.len();
    if w.bytes().all(|b| b.is_ascii() && b != b'.') {
        out.push_str(w);
    } else if w.is_ascii() {
        out.extend(w.split('.'));
    } else {
        out.push_str(&w.replace('.', "").to_lowercase());
        return;
    }
    out[start..].make_ascii_lowercase();
}

/// The words of a name or role as compared: lower case, without dots.
fn normal_words(s: &str) -> Vec<String> {
    raw_words(s)
        .map(|w| {
            let mut word = String::with_capacity(w.len());
            push_normal_word(&mut word, w);
            word
        })
        .collect()
}

/// What matching a name compares of its [`normal_words`]: how many there
/// are, the first (only when there are two or more, else empty) and the
/// last, both normalized into a buffer of the caller's.
struct NameKey<'b> {
    count: usize,
    first: &'b str,
    last: &'b str,
}

impl<'b> NameKey<'b> {
    /// The key of `name`, normalized into `buf`; `None` when the name has
    /// no words.
    fn new(name: &str, buf: &'b mut String) -> Option<Self> {
        let mut words = raw_words(name);
        let first = words.next()?;
        let (count, last) = words.fold((1, first), |(n, _), w| (n + 1, w));
        buf.clear();
        if count >= 2 {
            push_normal_word(buf, first);
        }
        let split = buf.len();
        push_normal_word(buf, last);
        let (first, last) = buf.split_at(split);
        Some(NameKey { count, first, last })
    }
}

/// The text from the first to the last token of `r`.
fn tokens_text<'t>(text: &'t str, toks: &[Token], r: TokenRange) -> &'t str {
    &text[toks[r.start].span.start..toks[r.end - 1].span.end]
}

impl<'t> Registry<'t> {
    /// Collects the named people of every sentence.
    pub fn build<'s, 'a: 's>(
        text: &'t str,
        sentences: impl IntoIterator<Item = &'s [Token<'a>]>,
        grammar: &Grammar,
    ) -> Registry<'t> {
        let sentences: Vec<&[Token]> = sentences.into_iter().collect();
        let memo = PhraseMemo::new(sentences.iter().copied());
        let phrases = memo.sentences(sentences.iter().copied(), grammar);
        Registry::build_with(text, &phrases, grammar)
    }

    /// [`Registry::build`] over sentences whose speaker phrases are parsed
    /// once and shared with frame matching.
    pub(crate) fn build_with(
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
            let toks = phrases.tokens();
            if let Some(first) = toks.first() {
                reg.sentence_starts.push(first.span.start);
            }
            let mut i = 0;
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
                    Some(p)
                        if p.head == PhraseHead::Name && p.source_type == SourceType::Person =>
                    {
                        let name = tokens_text(text, toks, p.name);
                        let role = p
                            .role
                            .map(|r| (tokens_text(text, toks, r), &toks[r.range()]));
                        let at = toks[p.tokens.start].span.start;
                        let person = reg.add(name, role, grammar, at, &mut scratch);
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
            for w in raw_words(word) {
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
        let Some(key) = NameKey::new(name, scratch) else {
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
    fn previous_sentence_start(&self, at: usize) -> Option<usize> {
        let n = self.sentence_starts.partition_point(|&s| s <= at);
        self.sentence_starts.get(n.checked_sub(2)?).copied()
    }

    /// The person named last as a sentence subject before `at`, with where.
    fn latest_subject_before(&self, at: usize) -> Option<(usize, &Person<'t>)> {
        let n = self.subjects.partition_point(|&(m, _)| m < at);
        let &(m, p) = self.subjects.get(n.checked_sub(1)?)?;
        self.people.get(p).map(|person| (m, person))
    }

    /// Whether the article gives a full name (two words or more) for a
    /// person called `name`.
    pub fn knows_person(&self, name: &str) -> bool {
        self.person_by_name(name).is_some_and(|p| p.word_count >= 2)
    }

    /// The person called `name`: the first with its surname and a
    /// compatible first name.
    fn person_by_name(&self, name: &str) -> Option<&Person<'t>> {
        let mut buf = String::with_capacity(name.len());
        let key = NameKey::new(name, &mut buf)?;
        let index = self
            .by_surname
            .people(key.last, &self.words)
            .find(|&i| self.people[i].first_name_fits(&key, &self.words))?;
        Some(&self.people[index])
    }

    /// The person named in a role matching `role_words` nearest before `at`
    /// (or else first after it).
    fn person_by_role(&self, role_words: &[String], at: usize) -> Option<&Person<'t>> {
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
    fn latest_person_before(&self, at: usize) -> Option<&Person<'t>> {
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
        priors: &Priors,
        grammar: &Grammar,
    ) -> (Speaker, f64) {
        let last = mention_end.max(phrase.tokens.end).min(toks.len()) - 1;
        let span = Span::new(toks[phrase.tokens.start].span.start, toks[last].span.end);
        let at = span.start;
        let mention = TextSpan::new(text, span, cps);
        let name_text = tokens_text(text, toks, phrase.name);
        // The name is filled in last: the phrase's own text unless
        // resolution gives another (`name`), so that text is copied only
        // when kept; so are the role and organization, which resolution
        // often replaces.
        let mut found = Resolution {
            name: None,
            source_type: phrase.source_type,
            role: phrase.role.map(|r| tokens_text(text, toks, r).into()),
            organization: phrase
                .organization
                .map(|r| tokens_text(text, toks, r).into()),
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
                        let (antecedent, c) =
                            self.resolve(text, cps, toks, &a, a.tokens.end, priors, grammar);
                        found.adopt_owned(antecedent);
                        certainty = 0.9 * c;
                    }
                    None => certainty = 0.5,
                }
            }
            PhraseHead::Pronoun => {
                let lower = toks[phrase.tokens.start].lower;
                let wanted_person = matches!(lower, "he" | "she");
                let wanted_group = matches!(lower, "they" | "it");
                let prior = priors.antecedent(wanted_person, wanted_group, grammar);
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
                    found.name = Some(person.name.to_owned());
                    found.source_type = SourceType::Person;
                    found.role = person.role.map(Cow::Borrowed);
                } else if let Some(p) = prior {
                    found.adopt(&p.speaker);
                } else if wanted_person {
                    if let Some(person) = self.latest_person_before(at) {
                        found.name = Some(person.name.to_owned());
                        found.role = person.role.map(Cow::Borrowed);
                    } else {
                        certainty = 0.7;
                    }
                } else {
                    certainty = 0.7;
                }
            }
            PhraseHead::Name => {
                if let Some(person) = self.person_by_name(name_text) {
                    found.name = Some(person.name.to_owned());
                    if found.role.is_none() {
                        found.role = person.role.map(Cow::Borrowed);
                    }
                }
            }
            PhraseHead::Title => {
                let role_words = normal_words(found.role.as_deref().unwrap_or(name_text));
                match self.person_by_role(&role_words, at) {
                    Some(person) => {
                        found.name = Some(person.name.to_owned());
                        if let Some(role) = person.role {
                            found.role = Some(Cow::Borrowed(role));
                        }
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
                let mut noun = String::new();
                if let Some(w) = raw_words(name_text).last() {
                    push_normal_word(&mut noun, w);
                }
                let issuer = priors.issuer_of(&noun);
                match issuer {
                    Some(p) => found.adopt(&p.speaker),
                    None => certainty = 0.85,
                }
            }
            PhraseHead::Named => {
                if let Some(c) = phrase.canonical {
                    found.name = Some(c.to_owned());
                }
            }
            PhraseHead::SourceNoun => {}
        }
        let speaker = Speaker {
            name: found.name.unwrap_or_else(|| name_text.to_owned()),
            mention,
            source_type: found.source_type,
            role: found.role.map(Cow::into_owned),
            organization: found.organization.map(Cow::into_owned),
            wikidata: None,
        };
        (speaker, certainty)
    }

    /// A speaker for an unattributed quotation: the person mentioned last
    /// before `at`, if any.
    pub fn nearest_person(&self, at: usize) -> Option<(String, Option<String>)> {
        self.latest_person_before(at)
            .filter(|p| p.word_count >= 2 || p.role.is_some())
            .map(|p| (p.name.to_owned(), p.role.map(str::to_owned)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    || (t == SourceType::Anonymous && !p.speaker.name.ends_with('s'))))
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
            priors.push(prior.clone());
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
