//! The validated grammar of one language pack and its lookups: verb forms,
//! word classes, source nouns, titles, frames by anchor, and the pack's
//! limits, confidences and suffixes. Loading lives in `load`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::frame::{is_dash, Frame, DASH};
use super::lexicon::{Lexeme, Lexicon, PackedWord, PhraseTable};
use super::pack::{Confidences, Limits, Pack, Suffixes};
use super::raw::{EntryExamples, Example};
use super::types::{Lemma, SourceNoun, VerbForm, WordClass, WordClasses};

/// A grammar file's examples, with the file they came from.
#[derive(Debug, Clone)]
pub struct GrammarFile {
    /// File name (`speech_verbs.yaml`).
    pub name: String,
    /// The kind the file states (`frames`).
    pub kind: String,
    /// The examples of the file as a whole.
    pub examples: Vec<Example>,
    /// Every entry's key with the examples it carries, in file order.
    pub entries: Vec<EntryExamples>,
}

/// All lexicons and frames, validated and ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    pub(super) verb_forms: HashMap<String, VerbForm>,
    pub(super) lemmas: Vec<Lemma>,
    pub(super) source_nouns: PhraseTable<SourceNoun>,
    pub(super) named_sources: PhraseTable<SourceNoun>,
    pub(super) titles: PhraseTable<String>,
    pub(super) words: HashMap<String, u64>,
    pub(super) frames: Vec<Frame>,
    /// First words of the literal anchors of frames (`according`).
    pub(super) anchor_words: HashSet<String>,
    /// Marks that anchor frames without a cue or a word (`—` of a sign-off).
    pub(super) anchor_marks: HashSet<char>,
    /// Every word above with all it is, for one lookup per token.
    pub(super) lexicon: Lexicon,
    /// The frames by the kind of token that anchors them.
    pub(super) anchored: AnchoredFrames,
    /// Whether every word of the titles, source nouns and named sources
    /// starts with a letter or digit: then no punctuation or quotation
    /// token can be part of a speaker phrase.
    pub(super) phrases_of_words: bool,
    pub(super) files: Vec<GrammarFile>,
    /// The pack file's facts; `None` only while loading.
    pub(super) pack: Option<Pack>,
    /// The same, for the matchers' hot paths (a copy of `pack`'s).
    pub(super) limits: Limits,
    pub(super) suffixes: Suffixes,
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

    /// Everything the grammar knows about `word` (lower case).
    pub fn lexeme(&self, word: &str) -> Lexeme {
        self.lexicon.get(word)
    }

    /// [`Grammar::lexeme`] of a packed lower-case word: the tokenizer packs
    /// each word once to test its case, and the lookup reuses that.
    pub(crate) fn lexeme_packed(&self, word: PackedWord) -> Lexeme {
        self.lexicon.get_packed(word)
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
    pub(crate) fn anchored_frames(&self) -> &AnchoredFrames {
        &self.anchored
    }

    /// The loaded files and their examples.
    pub fn files(&self) -> &[GrammarFile] {
        &self.files
    }
}
