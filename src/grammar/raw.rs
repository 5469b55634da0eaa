//! Serde mirrors of the grammar files, exactly as written in YAML. Unknown
//! keys are refused so that a misspelt field is an error, not a silent no-op.

use serde::Deserialize;

/// One grammar file: a `kind` header, a version, entries and examples.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RawFile {
    /// Speech and attribution verbs.
    SpeechVerbs {
        /// Schema version (1).
        version: u32,
        /// The verbs.
        entries: Vec<RawVerb>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
    /// Nouns that name a source: documents, offices, anonymous people.
    SourceNouns {
        /// Schema version (1).
        version: u32,
        /// The nouns.
        entries: Vec<RawSourceNoun>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
    /// Named bodies: news outlets and organisations.
    NamedSources {
        /// Schema version (1).
        version: u32,
        /// The names.
        entries: Vec<RawNamedSource>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
    /// Titles and roles that precede a name.
    Titles {
        /// Schema version (1).
        version: u32,
        /// The titles.
        entries: Vec<RawTitle>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
    /// Closed word classes (determiners, pronouns, adverbs, abbreviations…).
    WordClasses {
        /// Schema version (1).
        version: u32,
        /// One entry per class.
        entries: Vec<RawWordClass>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
    /// Attribution frames.
    Frames {
        /// Schema version (1).
        version: u32,
        /// The frames, in priority order.
        entries: Vec<RawFrame>,
        /// Examples the grammar tests run.
        #[serde(default)]
        examples: Vec<Example>,
    },
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
