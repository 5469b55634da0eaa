//! The pack file (`pack.yaml`, kind `pack`): what a language pack states
//! besides its word lists — its language, the matchers' reach, the
//! confidences of attributions no frame makes, and word endings that mark a
//! class. The engine has no defaults for any of these: a pack states them
//! all, so that no language's habits hide in code.

use serde::Deserialize;

pub use super::morphology::{Ending, Morphology};
use super::raw::Example;

/// `pack.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    /// `pack`.
    pub kind: String,
    /// Schema version (1).
    pub version: u32,
    /// The language's ISO 639-1 code (`en`).
    pub language: String,
    /// The language's name in English (`English`).
    pub name: String,
    /// See [`Limits`].
    pub limits: Limits,
    /// See [`Confidences`].
    pub confidences: Confidences,
    /// See [`Suffixes`].
    pub suffixes: Suffixes,
    /// The quotation-mark families the scanner pairs (see
    /// [`MarkFamilies::NAMES`]).
    pub quotation_marks: Vec<String>,
    /// See [`Morphology`].
    #[serde(default)]
    pub morphology: Morphology,
    /// Examples the grammar tests run.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// How far the matchers look, in tokens unless a name says words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Words `$GAP` skips.
    pub gap: usize,
    /// Adjunct tokens `$TAIL` accepts.
    pub tail: usize,
    /// An addressee before `that` without a speaker phrase.
    pub loose_object: usize,
    /// A postmodifier between a speaker and its cue.
    pub postmodifier: usize,
    /// An appositive after or inside a speaker mention.
    pub appositive: usize,
    /// An appositive between a speaker and the verb that attributes a
    /// quotation ending in `?` or `!` (which then ends no sentence).
    pub short_appositive: usize,
    /// A time adjunct between a subject and its verb.
    pub time_adjunct: usize,
    /// A parenthesis after a name.
    pub parenthesis: usize,
    /// Adverbs and auxiliaries between a speaker and its cue.
    pub cue_adverbs: usize,
    /// Words of an adverbial aside between commas.
    pub aside: usize,
    /// Tokens after a cue searched for a document noun.
    pub document_adjunct: usize,
    /// Tokens after a preposition searched for an event noun.
    pub event_adjunct: usize,
    /// Reach of the comma that closes an opening adjunct.
    pub opening_adjunct: usize,
    /// The same, when the adjunct opens with a preposition or subordinator.
    pub opening_adjunct_after_opener: usize,
    /// Fewest words of a quotation that reads as speech.
    pub min_speech_words: usize,
    /// Fewest words of a quotation kept with no attribution.
    pub min_unattributed_words: usize,
    /// Paragraphs back a continuing quotation may find its speaker.
    pub continuation_paragraphs: usize,
    /// Longest first paragraph taken for a headline, in words.
    pub headline_words: usize,
    /// A comma closer than this to a sentence start closes an opening adjunct.
    pub subject_comma: usize,
    /// Most words of an attribution inside a quotation's marks between two
    /// dashes (`«…, — сказал он, — …»`); 0 for a language that writes none.
    pub interruption: usize,
}

/// Confidences of the attributions no frame makes (a frame's own is in
/// `frames.yaml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidences {
    /// A quotation continuing the latest claim's.
    pub continuation: f64,
    /// A quotation introduced by a sentence ending in a colon.
    pub colon_intro: f64,
    /// A quotation given to the nearest named person.
    pub nearest_person: f64,
    /// A quotation nobody could be found for.
    pub unattributed: f64,
    /// A quotation given to its sentence's subject.
    pub sentence_subject: f64,
    /// A quotation given to the speaker of the latest earlier claim.
    pub earlier_speaker: f64,
    /// A relative pronoun (`…, who said`) resolved to its antecedent: a
    /// factor on the antecedent's own certainty.
    pub relative_pronoun: f64,
    /// A relative pronoun with no antecedent found.
    pub relative_unresolved: f64,
    /// A personal pronoun resolved to an earlier speaker or person.
    pub pronoun: f64,
    /// A personal pronoun nobody could be found for.
    pub pronoun_unresolved: f64,
    /// A role without a name (`the president`) the article names no one in.
    pub role_unresolved: f64,
    /// A document (`the statement`) whose issuer could not be found.
    pub document_unresolved: f64,
    /// A sentence in the mood of reported speech given to the speaker of
    /// the claim before it.
    pub reported_mood: f64,
}

/// Word endings that put a word in a class whatever the lexicons say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suffixes {
    /// Endings of participles and gerunds (`-ing`).
    pub participle: Vec<String>,
    /// Endings of manner adverbs (`-ly`).
    pub manner_adverb: Vec<String>,
    /// Endings of past tenses (`-ed`).
    pub past_tense: Vec<String>,
    /// Endings of plural nouns (`-s`).
    pub plural: Vec<String>,
    /// Possessive endings (`’s`).
    pub possessive: Vec<String>,
}

impl Suffixes {
    /// Whether `word` ends like a participle.
    pub fn participle(&self, word: &str) -> bool {
        ends_with_any(word, &self.participle)
    }

    /// Whether `word` ends like a manner adverb.
    pub fn manner_adverb(&self, word: &str) -> bool {
        ends_with_any(word, &self.manner_adverb)
    }

    /// Whether `word` ends like a past tense.
    pub fn past_tense(&self, word: &str) -> bool {
        ends_with_any(word, &self.past_tense)
    }

    /// Whether `word` ends like a plural noun.
    pub fn plural(&self, word: &str) -> bool {
        ends_with_any(word, &self.plural)
    }

    /// `word` without the first possessive ending it ends with, if any.
    pub fn without_possessive<'w>(&self, word: &'w str) -> &'w str {
        self.possessive
            .iter()
            .find_map(|e| word.strip_suffix(e.as_str()))
            .unwrap_or(word)
    }
}

fn ends_with_any(word: &str, endings: &[String]) -> bool {
    endings.iter().any(|e| word.ends_with(e.as_str()))
}

/// A validated pack file.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    /// The language's code (`en`).
    pub language: String,
    /// The language's name (`English`).
    pub name: String,
    /// See [`Limits`].
    pub limits: Limits,
    /// See [`Confidences`].
    pub confidences: Confidences,
    /// See [`Suffixes`].
    pub suffixes: Suffixes,
    /// The quotation-mark families the scanner pairs.
    pub quotation_marks: MarkFamilies,
    /// See [`Morphology`].
    pub morphology: Morphology,
}

impl Pack {
    /// Checks a pack as read: a language code of two or three lower-case
    /// letters, confidences between 0 and 1, suffixes without blanks.
    /// Errors name the offending entry.
    pub fn validate(mut raw: RawPack) -> Result<Pack, (String, String)> {
        let code_ok = (2..=3).contains(&raw.language.len())
            && raw.language.chars().all(|c| c.is_ascii_lowercase());
        if !code_ok {
            let reason = "a language code is two or three lower-case letters".to_string();
            return Err(("language".into(), reason));
        }
        let c = &raw.confidences;
        let named = [
            ("continuation", c.continuation),
            ("colon_intro", c.colon_intro),
            ("nearest_person", c.nearest_person),
            ("unattributed", c.unattributed),
            ("sentence_subject", c.sentence_subject),
            ("earlier_speaker", c.earlier_speaker),
            ("relative_pronoun", c.relative_pronoun),
            ("relative_unresolved", c.relative_unresolved),
            ("pronoun", c.pronoun),
            ("pronoun_unresolved", c.pronoun_unresolved),
            ("role_unresolved", c.role_unresolved),
            ("document_unresolved", c.document_unresolved),
            ("reported_mood", c.reported_mood),
        ];
        if let Some((name, value)) = named.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
            return Err((
                name.to_string(),
                format!("confidence {value} is not in 0..1"),
            ));
        }
        let s = &raw.suffixes;
        if s.participle
            .iter()
            .chain(&s.manner_adverb)
            .chain(&s.past_tense)
            .chain(&s.plural)
            .chain(&s.possessive)
            .any(|e| e.trim().is_empty())
        {
            return Err(("suffixes".into(), "empty suffix".into()));
        }
        let quotation_marks = MarkFamilies::from_names(&raw.quotation_marks)
            .map_err(|r| ("quotation_marks".to_string(), r))?;
        raw.morphology.validate()?;
        Ok(Pack {
            language: raw.language,
            name: raw.name,
            limits: raw.limits,
            confidences: raw.confidences,
            suffixes: raw.suffixes,
            quotation_marks,
            morphology: raw.morphology,
        })
    }
}

/// A set of quotation-mark families, by their place in
/// [`MarkFamilies::NAMES`]. The scanner pairs the marks of the families a
/// pack names and ignores the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkFamilies(u16);

impl MarkFamilies {
    /// The families, in the scanner's order: `"…"`, `''…''`, `“…”`, `„…“`,
    /// `«…»`, `‹…›`, `‘…’`, and `»…«` (the German order of guillemets).
    pub const NAMES: [&'static str; 8] = [
        "straight",
        "twin",
        "curly",
        "low",
        "guillemet",
        "single_guillemet",
        "curly_single",
        "reversed_guillemet",
    ];

    /// Whether the set holds the family at `index` of [`MarkFamilies::NAMES`].
    pub fn has(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    /// Every family but `reversed_guillemet`, whose marks the others read
    /// the other way round.
    pub fn usual() -> MarkFamilies {
        MarkFamilies(0b0111_1111)
    }

    /// The set of the named families; an unknown or repeated name, or none
    /// at all, is an error.
    pub fn from_names(names: &[String]) -> Result<MarkFamilies, String> {
        let mut bits = 0u16;
        for name in names {
            let i = MarkFamilies::NAMES
                .iter()
                .position(|n| n == name)
                .ok_or_else(|| format!("unknown quotation-mark family {name:?}"))?;
            if bits & (1 << i) != 0 {
                return Err(format!("family {name:?} listed twice"));
            }
            bits |= 1 << i;
        }
        if bits == 0 {
            return Err("a pack pairs at least one family of marks".into());
        }
        Ok(MarkFamilies(bits))
    }
}
