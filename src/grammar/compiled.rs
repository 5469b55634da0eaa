//! Validated grammar tables and how they are loaded: bundled into the binary
//! with `include_str!`, or read from a directory whose files replace the
//! bundled file of the same name and add new ones.

use std::path::{Path, PathBuf};

// Lexicon lookups run for every token: the Fx hash is several times faster
// than SipHash on short words, and the keys come from the grammar, not from
// untrusted input.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::frame::{is_dash, Complement, Element, Frame, FrameKind, Step, DASH};
use super::raw::{
    plain_kind, Example, RawFile, RawFrame, RawHeader, RawNamedSource, RawSourceNoun, RawTitle,
    RawVerb, RawWordClass,
};

/// A grammar file, by kind.
enum Kinds {
    SpeechVerbs(RawFile<RawVerb>),
    SourceNouns(RawFile<RawSourceNoun>),
    NamedSources(RawFile<RawNamedSource>),
    Titles(RawFile<RawTitle>),
    WordClasses(RawFile<RawWordClass>),
    Frames(RawFile<RawFrame>),
    Pack(Box<RawPack>),
}
use super::pack::{Confidences, Limits, Pack, RawPack, Suffixes};
use crate::error::{Error, Result};

impl Kinds {
    /// The kind the parsed file states.
    fn kind(&self) -> &str {
        match self {
            Kinds::SpeechVerbs(f) => &f.kind,
            Kinds::SourceNouns(f) => &f.kind,
            Kinds::NamedSources(f) => &f.kind,
            Kinds::Titles(f) => &f.kind,
            Kinds::WordClasses(f) => &f.kind,
            Kinds::Frames(f) => &f.kind,
            Kinds::Pack(f) => &f.kind,
        }
    }
}

/// The English pack compiled into the binary, by file name.
const BUNDLED_EN: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../grammars/en/pack.yaml")),
    (
        "speech_verbs.yaml",
        include_str!("../../grammars/en/speech_verbs.yaml"),
    ),
    (
        "source_nouns.yaml",
        include_str!("../../grammars/en/source_nouns.yaml"),
    ),
    (
        "named_sources.yaml",
        include_str!("../../grammars/en/named_sources.yaml"),
    ),
    ("titles.yaml", include_str!("../../grammars/en/titles.yaml")),
    (
        "word_classes.yaml",
        include_str!("../../grammars/en/word_classes.yaml"),
    ),
    ("frames.yaml", include_str!("../../grammars/en/frames.yaml")),
];

/// The packs compiled into the binary, by language code; the first is the
/// default.
const BUNDLED_PACKS: &[(&str, &[(&str, &str)])] = &[
    ("en", BUNDLED_EN),
    ("de", super::bundled::BUNDLED_DE),
    ("ru", super::bundled::BUNDLED_RU),
];

/// The kind of source a speaker is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A named or described person.
    Person,
    /// A body: a government, an office, a company, a campaign.
    Organization,
    /// A news outlet.
    Outlet,
    /// A document: a statement, a report, a letter.
    Document,
    /// An unnamed person (`a White House official`).
    Anonymous,
    /// Not known.
    Unknown,
}

impl SourceType {
    /// Every kind of source, in declaration order.
    pub const ALL: [SourceType; 6] = [
        SourceType::Person,
        SourceType::Organization,
        SourceType::Outlet,
        SourceType::Document,
        SourceType::Anonymous,
        SourceType::Unknown,
    ];

    fn from_name(name: &str) -> Option<SourceType> {
        Some(match name {
            "person" => SourceType::Person,
            "organization" => SourceType::Organization,
            "outlet" => SourceType::Outlet,
            "document" => SourceType::Document,
            "anonymous" => SourceType::Anonymous,
            _ => return None,
        })
    }
}

/// A closed word class from `word_classes.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// `the`, `a`, `his`…
    Determiner,
    /// Subject pronouns of people: `he`, `she`, `I`, `we`.
    PersonPronoun,
    /// Subject pronouns of groups or things: `they`, `it`.
    GroupPronoun,
    /// Object pronouns: `him`, `her`, `them`.
    ObjectPronoun,
    /// Adverbs that may stand between a speaker and a cue (`also`, `later`).
    Adverb,
    /// Auxiliaries before a cue (`has`, `had`, `will`).
    Auxiliary,
    /// Passive auxiliaries (`was`, `were`, `been`).
    PassiveAuxiliary,
    /// Prepositions that open an adjunct (`on`, `in`, `during`).
    Preposition,
    /// Days, months and time words; never part of a name.
    TimeWord,
    /// Words that open a clause (`and`, `but`, `while`).
    ClauseOpener,
    /// Lower-case modifiers allowed in a speaker phrase (`former`, `senior`).
    SpeakerModifier,
    /// Abbreviations ending in a period (`mr.`, `u.s.`).
    Abbreviation,
    /// Abbreviations that always precede a name and never end a sentence (`mr.`, `sen.`).
    NamePrefix,
    /// Capitalised words that are never names (`However`, `Meanwhile`).
    NotAName,
    /// Words that open a modifier after a speaker (`familiar with`, `who`).
    SpeakerPostmodifier,
    /// Relative pronouns that open a clause after a description (`who`, `which`).
    RelativePronoun,
    /// Determiners that can stand for people on their own (`one said`, `said another`).
    StandaloneDeterminer,
    /// Events a statement is made at (`conference`, `rally`), never a speaker's setting.
    EventNoun,
    /// Relative pronouns that can be the subject of a cue (`…, who said`).
    SubjectRelative,
    /// Indefinite determiners, which introduce something new (`a report`).
    Indefinite,
    /// Courtesy titles that say nothing of a role (`Mr.`, `Ms`).
    Honorific,
    /// Kickers and rubrics before a headline colon, never sources (`Wow:`,
    /// `The Latest:`).
    HeadlineKicker,
    /// Words of an adverbial aside between commas (`for example`, `in turn`).
    Aside,
    /// Finite verb forms that are never nouns (`began`, `held`, `should`):
    /// they end a subject, never head it.
    FiniteVerb,
    /// Words in `-ing` that are prepositions, not participles (`including`,
    /// `during`): they open no participle clause.
    IngPreposition,
    /// The word that opens a reported clause (`that`).
    Complementizer,
    /// The marker of an infinitive (`to`): `pledged to "cancel"`, `took to Twitter to accuse`.
    InfinitiveMarker,
    /// Conjunctions that coordinate a second verb with the first (`and`, `but`).
    Coordinator,
    /// Words that open a contrasting clause after a content (`but`, `while`, `although`).
    ContrastOpener,
    /// Words that open a later attribution after a content (`according`).
    AttributionOpener,
    /// The passive auxiliary of a perfect (`been` of `has been told`).
    PerfectPassive,
    /// Prepositions that open a time adjunct by themselves (`during`).
    TimePreposition,
    /// Prepositions that open the medium of a cue before a name (`on` of `on Twitter`).
    MediumPreposition,
    /// Prepositions that open a described speaker's setting (`one source on the panel`).
    SettingPreposition,
    /// Prepositions that open a speaker's postmodifier before the cue (`one analyst at the briefing said`).
    PostmodifierPreposition,
    /// Prepositions that open an appositive of origin after a speaker (`of the Brookings Institution`).
    OriginPreposition,
    /// Prepositions that open a named person's employer (`Chris Low at FTN Financial`).
    EmployerPreposition,
    /// Prepositions that open a document adjunct after a cue (`in a statement`).
    DocumentPreposition,
    /// Verb forms of the mood of reported speech (German Konjunktiv I:
    /// `sei`, `habe`), which carry a claim's speaker into later sentences.
    ReportedMood,
}

impl WordClass {
    const NAMES: [(&'static str, WordClass); 39] = [
        ("determiner", WordClass::Determiner),
        ("person_pronoun", WordClass::PersonPronoun),
        ("group_pronoun", WordClass::GroupPronoun),
        ("object_pronoun", WordClass::ObjectPronoun),
        ("adverb", WordClass::Adverb),
        ("auxiliary", WordClass::Auxiliary),
        ("passive_auxiliary", WordClass::PassiveAuxiliary),
        ("preposition", WordClass::Preposition),
        ("time_word", WordClass::TimeWord),
        ("clause_opener", WordClass::ClauseOpener),
        ("speaker_modifier", WordClass::SpeakerModifier),
        ("abbreviation", WordClass::Abbreviation),
        ("name_prefix", WordClass::NamePrefix),
        ("not_a_name", WordClass::NotAName),
        ("speaker_postmodifier", WordClass::SpeakerPostmodifier),
        ("relative_pronoun", WordClass::RelativePronoun),
        ("standalone_determiner", WordClass::StandaloneDeterminer),
        ("event_noun", WordClass::EventNoun),
        ("subject_relative", WordClass::SubjectRelative),
        ("indefinite", WordClass::Indefinite),
        ("finite_verb", WordClass::FiniteVerb),
        ("honorific", WordClass::Honorific),
        ("headline_kicker", WordClass::HeadlineKicker),
        ("aside", WordClass::Aside),
        ("ing_preposition", WordClass::IngPreposition),
        ("complementizer", WordClass::Complementizer),
        ("infinitive_marker", WordClass::InfinitiveMarker),
        ("coordinator", WordClass::Coordinator),
        ("contrast_opener", WordClass::ContrastOpener),
        ("attribution_opener", WordClass::AttributionOpener),
        ("perfect_passive", WordClass::PerfectPassive),
        ("time_preposition", WordClass::TimePreposition),
        ("medium_preposition", WordClass::MediumPreposition),
        ("setting_preposition", WordClass::SettingPreposition),
        (
            "postmodifier_preposition",
            WordClass::PostmodifierPreposition,
        ),
        ("origin_preposition", WordClass::OriginPreposition),
        ("employer_preposition", WordClass::EmployerPreposition),
        ("document_preposition", WordClass::DocumentPreposition),
        ("reported_mood", WordClass::ReportedMood),
    ];

    fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// The set of closed classes a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClasses(u64);

impl WordClasses {
    /// Whether the set holds `class`.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & class.bit() != 0
    }
}

/// How a verb form is inflected, as far as frames care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    /// The dictionary form (`say`).
    Base,
    /// Third person present (`says`).
    Present,
    /// Past tense or past participle (`said`, `confirmed`).
    Past,
    /// Present participle (`saying`).
    Participle,
}

/// One inflected form of a speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// Index into [`Grammar::lemma`].
    pub lemma: usize,
    /// Its inflection.
    pub inflection: Inflection,
}

/// Everything the grammar knows about one lower-case word, found with a
/// single lookup when the word is tokenized, so that matchers test classes
/// and verb forms without hashing the word again. It takes 16 bytes: every
/// token carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexeme {
    classes: WordClasses,
    /// The speech-verb form's lemma, [`Lexeme::NO_VERB`] for none.
    lemma: u32,
    inflection: Inflection,
    /// Which lexicons and anchors the word can open: [`Lexeme::opens`].
    opens: u8,
}

impl Default for Lexeme {
    fn default() -> Self {
        Lexeme {
            classes: WordClasses::default(),
            lemma: Lexeme::NO_VERB,
            inflection: Inflection::Base,
            opens: 0,
        }
    }
}

impl Lexeme {
    /// The word opens a frame's literal anchor (`according`).
    pub const ANCHOR: u8 = 1;
    /// The word opens a source noun (`white` of `white house official`).
    pub const SOURCE_NOUN: u8 = 2;
    /// The word opens a named source (`the` of `the kremlin`).
    pub const NAMED_SOURCE: u8 = 4;
    /// The word opens a title (`foreign` of `foreign minister`).
    pub const TITLE: u8 = 8;

    /// The lemma of a word that is no speech verb.
    const NO_VERB: u32 = u32::MAX;

    /// Whether the word opens an entry of `what` (one of the constants above).
    pub fn opens(&self, what: u8) -> bool {
        self.opens & what != 0
    }

    /// Its closed word classes.
    pub fn classes(&self) -> WordClasses {
        self.classes
    }

    /// Its speech-verb form, if it is one.
    pub fn verb(&self) -> Option<VerbForm> {
        (self.lemma != Lexeme::NO_VERB).then_some(VerbForm {
            lemma: self.lemma as usize,
            inflection: self.inflection,
        })
    }
}

/// A speech verb.
#[derive(Debug, Clone)]
pub struct Lemma {
    /// Dictionary form.
    pub name: String,
    /// Stance (neutral, denial, belief…).
    pub stance: String,
    /// The particle that completes the verb (`out` in `point out`).
    pub particle: Option<String>,
    complements: u16,
}

impl Lemma {
    /// Whether the verb takes `c`.
    pub fn allows(&self, c: Complement) -> bool {
        self.complements & c.bit() != 0
    }

    /// Every complement the verb allows, as [`Complement::bit`]s.
    pub fn complements(&self) -> u16 {
        self.complements
    }
}

/// A noun or name that identifies a kind of source.
#[derive(Debug, Clone)]
pub struct SourceNoun {
    /// The canonical spelling.
    pub name: String,
    /// The type of source it denotes.
    pub source_type: SourceType,
}

/// Multi-word phrases keyed by their first word, longest first.
#[derive(Debug, Clone)]
struct PhraseTable<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            by_first: HashMap::default(),
        }
    }
}

impl<V: Clone> PhraseTable<V> {
    fn insert(&mut self, phrase: &str, value: V) -> bool {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            return false;
        };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(w, _)| *w == words) {
            return false;
        }
        list.push((words, value));
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        true
    }

    /// The first words of the phrases.
    fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Every word of every phrase in the table.
    fn all_words(&self) -> impl Iterator<Item = &String> {
        self.by_first
            .values()
            .flatten()
            .flat_map(|(phrase, _)| phrase.iter())
    }

    /// The longest phrase starting at `words[0]`; returns its length in words.
    fn longest<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &V)> {
        let first = words.first()?.as_ref();
        let list = self.by_first.get(first)?;
        list.iter().find_map(|(phrase, v)| {
            let fits = phrase.len() <= words.len()
                && phrase.iter().zip(words).all(|(p, w)| p == w.as_ref());
            fits.then_some((phrase.len(), v))
        })
    }
}

/// The lexemes by word. Almost every word is short: a short word is packed
/// with its length into two integers, so that a lookup hashes and compares
/// machine words instead of a string on the heap.
#[derive(Debug, Clone, Default)]
struct Lexicon {
    short: HashMap<(u64, u64), Lexeme>,
    long: HashMap<String, Lexeme>,
    /// The byte length of the longest word: longer text is no word of it.
    max_len: usize,
}

impl Lexicon {
    fn new(words: HashMap<String, Lexeme>) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (word, lexeme) in words {
            lexicon.max_len = lexicon.max_len.max(word.len());
            match Lexicon::key(&word) {
                Some(key) => lexicon.short.insert(key, lexeme),
                None => lexicon.long.insert(word, lexeme),
            };
        }
        lexicon
    }

    /// A short `word`'s key: its packed bytes, with its length in the top
    /// byte.
    fn key(word: &str) -> Option<(u64, u64)> {
        PackedWord::new(word.as_bytes()).map(PackedWord::key)
    }

    /// The lexeme of a packed word.
    fn get_packed(&self, word: PackedWord) -> Lexeme {
        self.short.get(&word.key()).copied().unwrap_or_default()
    }

    fn get(&self, word: &str) -> Lexeme {
        let found = match Lexicon::key(word) {
            Some(key) => self.short.get(&key),
            None if word.len() <= self.max_len => self.long.get(word),
            None => None,
        };
        found.copied().unwrap_or_default()
    }
}

/// A word of at most [`PackedWord::MAX`] bytes, packed little-endian and
/// zero-padded into two integers: the lexicon's key, and what the
/// tokenizer tests eight bytes at a time (case, ASCII) before looking the
/// word up with [`Grammar::lexeme_packed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedWord {
    /// Bytes 0–7.
    pub low: u64,
    /// Bytes 8–15 (the last always zero).
    pub high: u64,
    /// The word's length in bytes.
    pub len: usize,
}

impl PackedWord {
    /// The longest word packed: its length takes the key's top byte.
    pub const MAX: usize = 15;

    /// `bytes` packed, `None` when longer than [`PackedWord::MAX`]. Loaded
    /// in fixed-size pieces, without a variable-length copy (a `memcpy`
    /// call per word).
    #[inline]
    pub fn new(bytes: &[u8]) -> Option<PackedWord> {
        if bytes.len() > PackedWord::MAX {
            return None;
        }
        let (low, high) = match bytes.len().checked_sub(8) {
            Some(rest) => (load_le(&bytes[..8]), load_le(&bytes[8..8 + rest])),
            None => (load_le(bytes), 0),
        };
        Some(PackedWord {
            low,
            high,
            len: bytes.len(),
        })
    }

    /// The lexicon key: the bytes, with the length in the top byte.
    fn key(self) -> (u64, u64) {
        (self.low, self.high | (self.len as u64) << 56)
    }
}

/// Up to eight bytes as a little-endian integer, zero-padded: pieces of
/// four overlap where the length is 5 to 7, and up to three bytes are read
/// one by one (the same byte twice where fewer).
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let four = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    match b.len() {
        0 => 0,
        n @ 1..=3 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            byte(0) | byte(n / 2) | byte(n - 1)
        }
        n @ 4..=7 => four(0) | four(n - 4) << (8 * (n - 4)),
        _ => {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        }
    }
}

/// A grammar file's examples, with the file they came from.
#[derive(Debug, Clone)]
pub struct GrammarFile {
    /// File name (`speech_verbs.yaml`).
    pub name: String,
    /// Its examples.
    pub examples: Vec<Example>,
}

/// All lexicons and frames, validated and ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    verb_forms: HashMap<String, VerbForm>,
    lemmas: Vec<Lemma>,
    source_nouns: PhraseTable<SourceNoun>,
    named_sources: PhraseTable<SourceNoun>,
    titles: PhraseTable<String>,
    words: HashMap<String, u64>,
    frames: Vec<Frame>,
    /// First words of the literal anchors of frames (`according`).
    anchor_words: HashSet<String>,
    /// Marks that anchor frames without a cue or a word (`—` of a sign-off).
    anchor_marks: HashSet<char>,
    /// Every word above with all it is, for one lookup per token.
    lexicon: Lexicon,
    /// The frames by the kind of token that anchors them.
    anchored: AnchoredFrames,
    /// Whether every word of the titles, source nouns and named sources
    /// starts with a letter or digit: then no punctuation or quotation
    /// token can be part of a speaker phrase.
    phrases_of_words: bool,
    files: Vec<GrammarFile>,
    /// The pack file's facts; `None` only while loading.
    pack: Option<Pack>,
    /// The same, for the matchers' hot paths (a copy of `pack`'s).
    limits: Limits,
    suffixes: Suffixes,
}

/// Frame indices grouped by what anchors the frame, each list in priority
/// order, so that a token is tried only against the frames it can anchor.
#[derive(Debug, Clone, Default)]
pub struct AnchoredFrames {
    /// Frames anchored by `$CUE`.
    pub cue: Vec<usize>,
    /// Frames anchored by a literal word (`according to`).
    pub words: Vec<usize>,
    /// Frames anchored by a punctuation mark (`—`, `:`).
    pub mark: Vec<usize>,
    /// The frames as bit sets, when there are at most 64 of them.
    pub masks: Option<FrameMasks>,
}

/// Sets of frames by what they ask of an anchor before any pattern step is
/// matched, bit `i` standing for frame `i`, so that one anchor turns many
/// frames away at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct FrameMasks {
    /// The frames anchored by `$CUE`.
    pub cue: u64,
    /// The `$CUE` frames by the complement they require (in bit order) and
    /// by whether their content must be quoted.
    pub requires: [[u64; 2]; 8],
    /// The headline frames.
    pub headline: u64,
    /// The frames that need a quotation before the anchor.
    pub quote_before: u64,
    /// The frames that need a quotation after the anchor.
    pub quote_after: u64,
}

impl Grammar {
    /// The default language's pack compiled into the binary.
    ///
    /// # Panics
    /// Only if the bundled files are broken, which the test suite rules out.
    pub fn bundled() -> Grammar {
        Grammar::bundled_language(BUNDLED_PACKS[0].0).expect("the default pack is bundled")
    }

    /// The codes of the languages whose packs are compiled into the binary,
    /// the default first.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        BUNDLED_PACKS.iter().map(|(code, _)| *code)
    }

    /// The bundled pack of `language` (`en`), if there is one.
    ///
    /// # Panics
    /// Only if the bundled files are broken, which the test suite rules out.
    pub fn bundled_language(language: &str) -> Option<Grammar> {
        let files = Grammar::bundled_files(language)?;
        Some(
            Grammar::from_sources(files.iter().map(|(n, t)| (PathBuf::from(n), t.to_string())))
                .expect("bundled grammars are valid"),
        )
    }

    /// The bundled files of the default pack as `(file name, text)` pairs,
    /// for tools that build a grammar from a modified set (fuzzing, tests).
    pub fn bundled_sources() -> &'static [(&'static str, &'static str)] {
        BUNDLED_PACKS[0].1
    }

    /// The bundled files of `language`'s pack.
    pub fn bundled_files(language: &str) -> Option<&'static [(&'static str, &'static str)]> {
        BUNDLED_PACKS
            .iter()
            .find(|(code, _)| *code == language)
            .map(|(_, files)| *files)
    }

    /// The default pack with every `*.yaml` file of `dir` replacing the
    /// bundled file of the same name, or added when the name is new.
    pub fn bundled_with_dir(dir: &Path) -> Result<Grammar> {
        Grammar::bundled_language_with_dir(BUNDLED_PACKS[0].0, dir)
    }

    /// `language`'s bundled pack (none for a language without one) with
    /// every `*.yaml` file of `dir` replacing the bundled file of the same
    /// name, or added when the name is new. A folder holding a whole pack
    /// thus replaces every file.
    pub fn bundled_language_with_dir(language: &str, dir: &Path) -> Result<Grammar> {
        let bundled = Grammar::bundled_files(language).unwrap_or_default();
        let mut sources: Vec<(PathBuf, String)> = bundled
            .iter()
            .map(|(n, t)| (PathBuf::from(n), t.to_string()))
            .collect();
        for (path, text) in read_yaml_dir(dir)? {
            let name = path.file_name().map(|n| n.to_os_string());
            sources.retain(|(p, _)| Some(p.as_os_str().to_os_string()) != name);
            sources.push((path, text));
        }
        Grammar::from_sources(sources)
    }

    /// The pack's language, name, limits, confidences and suffixes.
    pub fn pack(&self) -> &Pack {
        self.pack.as_ref().expect("a loaded grammar has a pack")
    }

    /// The language code of the pack (`en`).
    pub fn language(&self) -> &str {
        &self.pack().language
    }

    /// How far the matchers look.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The confidences of attributions no frame makes.
    pub fn confidences(&self) -> &Confidences {
        &self.pack().confidences
    }

    /// Word endings that mark a class.
    pub fn suffixes(&self) -> &Suffixes {
        &self.suffixes
    }

    /// Only the `*.yaml` files of `dir`.
    pub fn load_dir(dir: &Path) -> Result<Grammar> {
        Grammar::from_sources(read_yaml_dir(dir)?)
    }

    /// Builds a grammar from `(path, text)` pairs.
    pub fn from_sources(sources: impl IntoIterator<Item = (PathBuf, String)>) -> Result<Grammar> {
        let mut g = Grammar::default();
        for (path, text) in sources {
            let syntax = |e: serde_yaml::Error| {
                let loc = e.location();
                Error::GrammarSyntax {
                    path: path.clone(),
                    line: loc.as_ref().map_or(0, |l| l.line()),
                    column: loc.as_ref().map_or(0, |l| l.column()),
                    message: e.to_string(),
                }
            };
            // A file that fails to parse reports what its header parse
            // reports, if that fails too: the YAML syntax error, which the
            // typed parse may meet only after a type error.
            let located = |e: serde_yaml::Error| {
                syntax(serde_yaml::from_str::<RawHeader>(&text).err().unwrap_or(e))
            };
            // Most files state their kind on a plain line; reading it there
            // saves parsing the YAML twice.
            let kind = match plain_kind(&text) {
                Some(kind) => kind.to_string(),
                None => {
                    serde_yaml::from_str::<RawHeader>(&text)
                        .map_err(syntax)?
                        .kind
                }
            };
            let file = match kind.as_str() {
                "speech_verbs" => Kinds::SpeechVerbs(serde_yaml::from_str(&text).map_err(located)?),
                "source_nouns" => Kinds::SourceNouns(serde_yaml::from_str(&text).map_err(located)?),
                "named_sources" => {
                    Kinds::NamedSources(serde_yaml::from_str(&text).map_err(located)?)
                }
                "titles" => Kinds::Titles(serde_yaml::from_str(&text).map_err(located)?),
                "word_classes" => Kinds::WordClasses(serde_yaml::from_str(&text).map_err(located)?),
                "frames" => Kinds::Frames(serde_yaml::from_str(&text).map_err(located)?),
                "pack" => Kinds::Pack(serde_yaml::from_str(&text).map_err(located)?),
                other => {
                    return Err(Error::GrammarInvalid {
                        path,
                        entry: "kind".into(),
                        reason: format!("unknown grammar kind {other:?}"),
                    })
                }
            };
            if file.kind() != kind {
                return Err(Error::GrammarInvalid {
                    path,
                    entry: "kind".into(),
                    reason: format!("the file states two kinds, {kind:?} and {:?}", file.kind()),
                });
            }
            g.add_file(&path, file)?;
        }
        if g.frames.is_empty() {
            return Err(Error::GrammarInvalid {
                path: PathBuf::from("frames.yaml"),
                entry: "-".into(),
                reason: "the grammar has no frames".into(),
            });
        }
        if g.pack.is_none() {
            return Err(Error::GrammarInvalid {
                path: PathBuf::from("pack.yaml"),
                entry: "-".into(),
                reason: "the grammar has no pack file (kind: pack)".into(),
            });
        }
        if let Some(pack) = &g.pack {
            g.limits = pack.limits.clone();
            g.suffixes = pack.suffixes.clone();
            super::morphology::check_frame_cases(&g.frames, &pack.morphology)?;
        }
        g.build_lexicon();
        g.index_frames();
        g.phrases_of_words = g
            .titles
            .all_words()
            .chain(g.source_nouns.all_words())
            .chain(g.named_sources.all_words())
            .all(|w| w.starts_with(char::is_alphanumeric));
        Ok(g)
    }

    /// Groups the frames by the kind of their anchor step.
    fn index_frames(&mut self) {
        let mut anchored = AnchoredFrames::default();
        let mut masks = FrameMasks::default();
        for (i, frame) in self.frames.iter().enumerate() {
            match &frame.steps[frame.anchor].element {
                Element::Cue => anchored.cue.push(i),
                Element::Words(_) => anchored.words.push(i),
                Element::Punct(_) => anchored.mark.push(i),
                // `compile_frame` anchors only on these three.
                _ => {}
            }
            let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)) else {
                continue;
            };
            if frame.steps[frame.anchor].element == Element::Cue {
                masks.cue |= bit;
                if let Some(r) = frame.requires {
                    masks.requires[r as usize][usize::from(frame.content_quoted)] |= bit;
                }
            }
            let flags = [frame.headline, frame.quote_before, frame.quote_after];
            for (set, flag) in [
                &mut masks.headline,
                &mut masks.quote_before,
                &mut masks.quote_after,
            ]
            .into_iter()
            .zip(flags)
            {
                if flag {
                    *set |= bit;
                }
            }
        }
        anchored.masks = (self.frames.len() <= 64).then_some(masks);
        self.anchored = anchored;
    }

    /// Gathers the word classes, verb forms, anchor words and first words
    /// of phrases into [`Grammar::lexeme`]'s table.
    fn build_lexicon(&mut self) {
        let mut lexicon: HashMap<String, Lexeme> = HashMap::default();
        for (word, &bits) in &self.words {
            lexicon.entry(word.clone()).or_default().classes = WordClasses(bits);
        }
        for (word, &form) in &self.verb_forms {
            let lexeme = lexicon.entry(word.clone()).or_default();
            lexeme.lemma = u32::try_from(form.lemma)
                .ok()
                .filter(|&l| l != Lexeme::NO_VERB)
                .expect("fewer than 2^32 - 1 lemmas");
            lexeme.inflection = form.inflection;
        }
        let opening = [
            (
                Lexeme::SOURCE_NOUN,
                self.source_nouns.first_words().collect::<Vec<_>>(),
            ),
            (
                Lexeme::NAMED_SOURCE,
                self.named_sources.first_words().collect(),
            ),
            (Lexeme::TITLE, self.titles.first_words().collect()),
            (Lexeme::ANCHOR, self.anchor_words.iter().collect()),
        ];
        for (bit, words) in opening {
            for word in words {
                lexicon.entry(word.clone()).or_default().opens |= bit;
            }
        }
        self.lexicon = Lexicon::new(lexicon);
    }

    /// Everything the grammar knows about `word` (lower case).
    pub fn lexeme(&self, word: &str) -> Lexeme {
        self.lexicon.get(word)
    }

    /// [`Grammar::lexeme`] of a packed lower-case word: the tokenizer packs
    /// each word once to test its case, and the lookup reuses that.
    pub fn lexeme_packed(&self, word: PackedWord) -> Lexeme {
        self.lexicon.get_packed(word)
    }

    fn add_file(&mut self, path: &Path, raw: Kinds) -> Result<()> {
        let invalid = |entry: &str, reason: String| Error::GrammarInvalid {
            path: path.to_path_buf(),
            entry: entry.to_string(),
            reason,
        };
        let (version, examples) = match raw {
            Kinds::SpeechVerbs(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for v in entries {
                    self.add_verb(v).map_err(|(e, r)| invalid(&e, r))?;
                }
                (version, examples)
            }
            Kinds::SourceNouns(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for n in entries {
                    add_source(
                        &mut self.source_nouns,
                        &n.noun,
                        &n.forms,
                        &n.source_type,
                        "noun",
                        &invalid,
                    )?;
                }
                (version, examples)
            }
            Kinds::NamedSources(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for n in entries {
                    add_source(
                        &mut self.named_sources,
                        &n.name,
                        &n.aliases,
                        &n.source_type,
                        "name",
                        &invalid,
                    )?;
                }
                (version, examples)
            }
            Kinds::Titles(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for t in entries {
                    for form in std::iter::once(&t.title).chain(&t.abbrev) {
                        not_blank(form, &invalid)?;
                        if !self.titles.insert(form, t.title.to_lowercase()) {
                            return Err(invalid(form, "duplicate title".into()));
                        }
                    }
                }
                (version, examples)
            }
            Kinds::WordClasses(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for c in entries {
                    let (_, class) = WordClass::NAMES
                        .iter()
                        .find(|(n, _)| *n == c.class)
                        .ok_or_else(|| invalid(&c.class, "unknown word class".into()))?;
                    if c.words.is_empty() {
                        return Err(invalid(&c.class, "the class has no words".into()));
                    }
                    for w in &c.words {
                        not_blank(w, &invalid)?;
                        let bits = self.words.entry(w.to_lowercase()).or_default();
                        if *bits & class.bit() != 0 {
                            return Err(invalid(w, format!("listed twice in {}", c.class)));
                        }
                        *bits |= class.bit();
                    }
                }
                (version, examples)
            }
            Kinds::Frames(RawFile {
                version,
                entries,
                examples,
                ..
            }) => {
                non_empty(entries.len(), &invalid)?;
                for f in entries {
                    if self.frames.iter().any(|g| g.id == f.id) {
                        return Err(invalid(&f.id, "duplicate frame id".into()));
                    }
                    let frame = compile_frame(&f).map_err(|r| invalid(&f.id, r))?;
                    match &frame.steps[frame.anchor].element {
                        Element::Words(w) => self.anchor_words.extend(w.first().cloned()),
                        Element::Punct(c) => {
                            self.anchor_marks.insert(*c);
                        }
                        _ => {}
                    }
                    self.frames.push(frame);
                }
                (version, examples)
            }
            Kinds::Pack(raw) => {
                if self.pack.is_some() {
                    return Err(invalid("kind", "a second pack file".into()));
                }
                let mut raw = *raw;
                let (version, examples) = (raw.version, std::mem::take(&mut raw.examples));
                self.pack = Some(Pack::validate(raw).map_err(|(e, r)| invalid(&e, r))?);
                (version, examples)
            }
        };
        if version != 1 {
            return Err(invalid("version", format!("unsupported version {version}")));
        }
        self.files.push(GrammarFile {
            name: path.display().to_string(),
            examples,
        });
        Ok(())
    }

    fn add_verb(&mut self, v: RawVerb) -> std::result::Result<(), (String, String)> {
        let default = ["quote", "that", "parenthetical"];
        let names: Vec<String> = match v.complements {
            Some(list) => list,
            None => default.iter().map(|s| s.to_string()).collect(),
        };
        let mut complements = 0;
        for n in &names {
            let c = Complement::from_name(n)
                .ok_or_else(|| (v.lemma.clone(), format!("unknown complement {n:?}")))?;
            complements |= c.bit();
        }
        if let Some(blank) = std::iter::once(&v.lemma)
            .chain(&v.forms)
            .find(|w| w.trim().is_empty())
        {
            return Err((blank.clone(), "empty word".into()));
        }
        let lemma = self.lemmas.len();
        let lemma_name = v.lemma.to_lowercase();
        for form in std::iter::once(&lemma_name).chain(&v.forms) {
            let form = form.to_lowercase();
            let inflection = if form == lemma_name {
                Inflection::Base
            } else if form.ends_with("ing") {
                Inflection::Participle
            } else if form.ends_with('s') && !form.ends_with("ss") {
                Inflection::Present
            } else {
                Inflection::Past
            };
            if self.verb_forms.contains_key(&form) && form != lemma_name {
                return Err((form, "verb form listed twice".into()));
            }
            self.verb_forms
                .entry(form)
                .or_insert(VerbForm { lemma, inflection });
        }
        if v.particle.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err((v.lemma, "empty particle".into()));
        }
        self.lemmas.push(Lemma {
            name: lemma_name,
            stance: v.stance,
            particle: v.particle.map(|p| p.to_lowercase()),
            complements,
        });
        Ok(())
    }

    /// The speech-verb form `word` (lower case), if it is one.
    pub fn verb(&self, word: &str) -> Option<VerbForm> {
        self.verb_forms.get(word).copied()
    }

    /// The lemma at `index`.
    pub fn lemma(&self, index: usize) -> &Lemma {
        &self.lemmas[index]
    }

    /// Every speech verb's lemma.
    #[cfg(test)]
    pub(crate) fn lemmas(&self) -> &[Lemma] {
        &self.lemmas
    }

    /// Whether `word` (lower case) belongs to `class`.
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        self.classes(word).has(class)
    }

    /// All the closed classes of `word` (lower case), for testing several
    /// classes of one word with a single lookup.
    pub fn classes(&self, word: &str) -> WordClasses {
        WordClasses(self.words.get(word).copied().unwrap_or(0))
    }

    /// The longest source noun at the start of `words` (lower case): its length and entry.
    pub fn source_noun<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &SourceNoun)> {
        self.source_nouns.longest(words)
    }

    /// The longest named source (outlet, organisation) at the start of `words`.
    pub fn named_source<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &SourceNoun)> {
        self.named_sources.longest(words)
    }

    /// The length in words of the longest title at the start of `words`.
    pub fn title<S: AsRef<str>>(&self, words: &[S]) -> Option<usize> {
        self.titles.longest(words).map(|(n, _)| n)
    }

    /// The full title a title phrase at the start of `words` stands for
    /// (`sen.` → `senator`), with its length in words.
    pub fn title_name<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &str)> {
        self.titles.longest(words).map(|(n, t)| (n, t.as_str()))
    }

    /// Whether a punctuation token anchors a frame (any dash counts as `—`).
    pub fn is_anchor_mark(&self, mark: &str) -> bool {
        let mut chars = mark.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if is_dash(c) => self.anchor_marks.contains(&DASH),
            (Some(c), None) => self.anchor_marks.contains(&c),
            _ => false,
        }
    }

    /// The frames in priority order.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// Whether speaker phrases consist of word tokens only: true unless a
    /// title, source noun or named source has a word that starts with a
    /// mark, which could match a punctuation or quotation token.
    pub fn phrases_are_words(&self) -> bool {
        self.phrases_of_words
    }

    /// The indices of [`Grammar::frames`] grouped by their anchor's kind.
    pub fn anchored_frames(&self) -> &AnchoredFrames {
        &self.anchored
    }

    /// The loaded files and their examples.
    pub fn files(&self) -> &[GrammarFile] {
        &self.files
    }
}

/// Refuses an empty or all-blank word, which no token can ever match.
fn not_blank(word: &str, invalid: &dyn Fn(&str, String) -> Error) -> Result<()> {
    if word.trim().is_empty() {
        Err(invalid(word, "empty word".into()))
    } else {
        Ok(())
    }
}

/// Adds a source noun or name and its other spellings to `table`.
fn add_source(
    table: &mut PhraseTable<SourceNoun>,
    name: &str,
    forms: &[String],
    source_type: &str,
    what: &str,
    invalid: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    let t = SourceType::from_name(source_type)
        .ok_or_else(|| invalid(name, format!("unknown type {source_type:?}")))?;
    for form in std::iter::once(name).chain(forms.iter().map(String::as_str)) {
        not_blank(form, invalid)?;
        let value = SourceNoun {
            name: name.to_string(),
            source_type: t,
        };
        if !table.insert(form, value) {
            return Err(invalid(form, format!("duplicate {what}")));
        }
    }
    Ok(())
}

fn non_empty(n: usize, invalid: &dyn Fn(&str, String) -> Error) -> Result<()> {
    if n == 0 {
        Err(invalid("entries", "the file has no entries".into()))
    } else {
        Ok(())
    }
}

fn compile_frame(f: &RawFrame) -> std::result::Result<Frame, String> {
    let steps: Vec<Step> = f
        .pattern
        .iter()
        .map(|p| Step::parse(p))
        .collect::<std::result::Result<_, _>>()?;
    let cues = steps.iter().filter(|s| s.element == Element::Cue).count();
    if cues > 1 {
        return Err("a frame has at most one $CUE".into());
    }
    let anchor = steps
        .iter()
        .position(|s| s.element == Element::Cue)
        .or_else(|| {
            steps
                .iter()
                .position(|s| matches!(s.element, Element::Words(_)) && !s.optional)
        })
        .or_else(|| {
            steps
                .iter()
                .position(|s| matches!(s.element, Element::Punct(_)) && !s.optional)
        })
        .ok_or("a frame needs a $CUE, a literal word or a mark to anchor it")?;
    for (i, s) in steps.iter().enumerate() {
        if s.element == Element::Content && i != 0 && i != steps.len() - 1 {
            return Err("$CONTENT must be the first or the last element".into());
        }
    }
    if !steps.iter().any(|s| s.element == Element::Speaker) {
        return Err("a frame needs a $SPEAKER".into());
    }
    let has_quote = steps.iter().any(|s| s.element == Element::Quote);
    let has_content = steps.iter().any(|s| s.element == Element::Content);
    if has_quote == has_content {
        return Err("a frame needs exactly one of $QUOTE and $CONTENT".into());
    }
    let requires = match (&f.requires, cues) {
        (Some(r), 1) => Some(Complement::from_name(r).ok_or(format!("unknown complement {r:?}"))?),
        (None, 0) => None,
        (None, _) => return Err("a frame with a $CUE must say which complement it requires".into()),
        (Some(_), _) => return Err("`requires` needs a $CUE in the pattern".into()),
    };
    let kind = match f.kind.as_deref() {
        Some("direct") => FrameKind::Direct,
        None | Some("content") => {
            if has_quote {
                FrameKind::Direct
            } else {
                FrameKind::Content
            }
        }
        Some(k) => return Err(format!("unknown kind {k:?}")),
    };
    if !(0.0..=1.0).contains(&f.confidence) {
        return Err("confidence must lie between 0 and 1".into());
    }
    // Which side of the anchor a quotation must stand on.
    let quoted_side = |side: &[Step]| {
        side.iter().any(|s| {
            !s.optional
                && (s.element == Element::Quote
                    || s.element == Element::Content && f.content_quoted)
        })
    };
    let (quote_before, quote_after) = (
        quoted_side(&steps[..anchor]),
        quoted_side(&steps[anchor + 1..]),
    );
    Ok(Frame {
        id: f.id.clone(),
        steps,
        anchor,
        requires,
        kind,
        confidence: f.confidence,
        content_quoted: f.content_quoted,
        headline: f.headline,
        quote_before,
        quote_after,
        speaker_case: f.speaker_case.clone(),
    })
}

fn read_yaml_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let io = |path: &Path, source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            std::fs::read_to_string(&p)
                .map(|t| (p.clone(), t))
                .map_err(|e| io(&p, e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_source_type_in_order() {
        for (i, t) in SourceType::ALL.iter().enumerate() {
            // Exhaustive: a new kind of source fails to compile here until
            // it is given its place, here and in `ALL`.
            let place = match t {
                SourceType::Person => 0,
                SourceType::Organization => 1,
                SourceType::Outlet => 2,
                SourceType::Document => 3,
                SourceType::Anonymous => 4,
                SourceType::Unknown => 5,
            };
            assert_eq!(place, i, "{t:?}");
        }
    }

    fn load(name: &str, text: &str) -> Result<Grammar> {
        let mut sources: Vec<(PathBuf, String)> = BUNDLED_EN
            .iter()
            .filter(|(n, _)| *n != name)
            .map(|(n, t)| (PathBuf::from(n), t.to_string()))
            .collect();
        sources.push((PathBuf::from(name), text.to_string()));
        Grammar::from_sources(sources)
    }

    #[test]
    fn bundled_grammar_loads() {
        let g = Grammar::bundled();
        assert!(g.verb("said").is_some());
        assert!(!g.frames().is_empty());
    }

    #[test]
    fn frames_know_which_side_needs_a_quotation() {
        let g = Grammar::bundled();
        let sides = |id: &str| {
            let f = g.frames().iter().find(|f| f.id == id).unwrap();
            (f.quote_before, f.quote_after)
        };
        assert_eq!(sides("quote_speaker_cue"), (true, false));
        assert_eq!(sides("speaker_cue_quote"), (false, true));
        assert_eq!(sides("speaker_cue_that"), (false, false));
        // Mixed content must hold a quotation, on its own side.
        assert_eq!(sides("mixed_speaker_cue"), (true, false));
        assert_eq!(sides("speaker_cue_mixed"), (false, true));
        assert_eq!(sides("quote_dash_speaker"), (true, false));
    }

    #[test]
    fn a_kind_written_otherwise_is_read_from_the_yaml_and_must_be_single() {
        let flow = load(
            "titles.yaml",
            "{kind: titles, version: 1, entries: [{title: aide}]}\n",
        );
        assert!(flow.unwrap().title(&["aide"]).is_some());
        let twice = load(
            "titles.yaml",
            "kind: frames\nversion: 1\nentries: []\nkind: titles\n",
        );
        let err = twice.unwrap_err().to_string();
        assert!(err.contains("kind"), "{err}");
        // A `kind:` line inside a multi-line quoted value is no key: the
        // plain read says titles, the YAML says frames, and the file is
        // refused rather than read as the wrong kind.
        let hidden = load(
            "titles.yaml",
            "version: 1\nentries: [{title: \"aide\nkind: titles\nx\"}]\nkind: frames\n",
        );
        let err = hidden.unwrap_err().to_string();
        assert!(err.contains("two kinds"), "{err}");
    }

    #[test]
    fn lexicon_keys_pack_bytes_and_length() {
        let reference = |w: &str| {
            let pack = |b: &[u8]| b.iter().rev().fold(0u64, |k, &x| k << 8 | u64::from(x));
            let (head, tail) = w.as_bytes().split_at(w.len().min(8));
            (pack(head), pack(tail) | (w.len() as u64) << 56)
        };
        for w in [
            "",
            "a",
            "said",
            "accuse",
            "according",
            "spokeswoman",
            "ça",
            "fifteen_bytes__",
        ] {
            assert_eq!(Lexicon::key(w), Some(reference(w)), "{w}");
        }
        // Trailing NUL bytes are told apart by the length.
        assert_ne!(Lexicon::key("a"), Lexicon::key("a\0"));
        assert_eq!(Lexicon::key("sixteen_bytes___"), None);
    }

    #[test]
    fn phrases_are_words_unless_an_entry_word_starts_with_a_mark() {
        assert!(Grammar::bundled().phrases_are_words());
        let marked = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: aide}\n  - {title: \"- chief\"}\n",
        )
        .unwrap();
        assert!(!marked.phrases_are_words());
    }

    #[test]
    fn frames_are_grouped_by_anchor_kind_in_priority_order() {
        let g = Grammar::bundled();
        let anchored = g.anchored_frames();
        let kind = |i: usize| {
            let f = &g.frames()[i];
            std::mem::discriminant(&f.steps[f.anchor].element)
        };
        for list in [&anchored.cue, &anchored.words, &anchored.mark] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|&i| kind(i) == kind(list[0])));
        }
        let mut all: Vec<usize> = [&anchored.cue[..], &anchored.words, &anchored.mark].concat();
        all.sort_unstable();
        assert_eq!(all, (0..g.frames().len()).collect::<Vec<_>>());
        assert!(g.frames()[anchored.words[0]].id.contains("according"));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: x, colour: red}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("titles.yaml:4:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn duplicates_and_empty_lists_are_refused() {
        let dup = load(
            "titles.yaml",
            "kind: titles\nversion: 1\nentries:\n  - {title: aide}\n  - {title: Aide}\n",
        );
        assert!(dup.unwrap_err().to_string().contains("duplicate title"));
        let empty = load("titles.yaml", "kind: titles\nversion: 1\nentries: []\n");
        assert!(empty.unwrap_err().to_string().contains("no entries"));
    }

    #[test]
    fn bad_frames_are_refused() {
        let text = "kind: frames\nversion: 1\nentries:\n  - {id: x, pattern: [$CONTENT, $CUE, $CONTENT], requires: that, confidence: 0.5}\n";
        let err = load("frames.yaml", text).unwrap_err().to_string();
        assert!(err.contains("frames.yaml: entry x"), "{err}");
    }
}
