//! Serde mirrors of the grammar files, exactly as written in YAML. Unknown
//! keys are refused so that a misspelt field is an error, not a silent no-op.

use serde::Deserialize;

/// The header every grammar file starts with; it decides how the rest is read.
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    /// speech_verbs, source_nouns, named_sources, titles, word_classes or frames.
    pub kind: String,
}

/// One grammar file of entries of type `E`. Deserialised directly (not
/// through a tagged enum) so that errors keep their line and column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile<E> {
    /// The file kind (already checked through [`RawHeader`]).
    #[allow(dead_code)]
    pub kind: String,
    /// Schema version (1).
    pub version: u32,
    /// The entries.
    pub entries: Vec<E>,
    /// Examples the grammar tests run.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// A speech verb entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVerb {
    /// Dictionary form.
    pub lemma: String,
    /// Inflected forms (the lemma itself is always included).
    pub forms: Vec<String>,
    /// What the verb says about the content (neutral, denial, belief…).
    #[serde(default = "neutral")]
    pub stance: String,
    /// Complement patterns the verb takes; see `Complement`.
    #[serde(default)]
    pub complements: Option<Vec<String>>,
    /// A particle that must follow the verb for it to be a cue (`point out`).
    #[serde(default)]
    pub particle: Option<String>,
}

fn neutral() -> String {
    "neutral".to_string()
}

/// A source noun entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSourceNoun {
    /// The noun, possibly several words (`press office`).
    pub noun: String,
    /// Other spellings and the plural.
    #[serde(default)]
    pub forms: Vec<String>,
    /// person, organization, outlet, document or anonymous.
    #[serde(rename = "type")]
    pub source_type: String,
}

/// A named outlet or organisation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNamedSource {
    /// The name as usually written.
    pub name: String,
    /// Other names for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// outlet or organization.
    #[serde(rename = "type")]
    pub source_type: String,
}

/// A title entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTitle {
    /// The title, possibly several words (`special envoy`).
    pub title: String,
    /// Abbreviated spellings (`sen.`).
    #[serde(default)]
    pub abbrev: Vec<String>,
}

/// A closed word class.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWordClass {
    /// The class name (see `WordClass`).
    pub class: String,
    /// Its members, lower case.
    pub words: Vec<String>,
}

/// An attribution frame.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrame {
    /// Stable id, reported as `frames.<id>`.
    pub id: String,
    /// Elements in text order.
    pub pattern: Vec<String>,
    /// The complement the cue must allow (omitted for frames without a verb).
    #[serde(default)]
    pub requires: Option<String>,
    /// direct, indirect, or content (decided by the content's quotation marks).
    #[serde(default)]
    pub kind: Option<String>,
    /// Confidence of a claim this frame produces.
    pub confidence: f64,
    /// The content must contain a quotation (a frame for mixed claims).
    #[serde(default)]
    pub content_quoted: bool,
    /// The frame only holds for a headline: the article's first paragraph,
    /// a short one, from its first word.
    #[serde(default)]
    pub headline: bool,
}

/// An example sentence a grammar file promises to handle.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The article text.
    pub text: String,
    /// What analysing it must give.
    pub expect: Expect,
}

/// The expectation of an [`Example`]. Every field given must hold for one claim.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The cue as written.
    #[serde(default)]
    pub cue: Option<String>,
    /// The speaker's resolved name or mention.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The content as written.
    #[serde(default)]
    pub content: Option<String>,
    /// direct, indirect or mixed.
    #[serde(default)]
    pub kind: Option<String>,
    /// The frame id, without the `frames.` prefix.
    #[serde(default)]
    pub frame: Option<String>,
    /// The exact number of claims in the text.
    #[serde(default)]
    pub claims: Option<usize>,
}
