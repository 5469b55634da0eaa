//! Serde mirrors of the grammar files, exactly as written in YAML. Unknown
//! keys are refused so that a misspelt field is an error, not a silent no-op.

use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::space0;
use nom::combinator::{all_consuming, opt};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use serde::Deserialize;

/// The header every grammar file starts with; it decides how the rest is read.
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    /// speech_verbs, source_nouns, named_sources, titles, word_classes or frames.
    pub kind: String,
}

/// The kind of a grammar file when a top-level line states it plainly
/// (`kind: titles`, maybe with a comment), read without parsing the YAML;
/// `None` when it is written any other way, and the header is then parsed.
pub fn plain_kind(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|line| kind_line(line).ok().map(|(_, kind)| kind))
}

/// `kind: <name>` at the start of a line, then spaces and an optional comment.
fn kind_line(line: &str) -> IResult<&str, &str> {
    let name = take_while1(|c: char| c.is_ascii_lowercase() || c == '_');
    let comment = opt(preceded(tag("#"), take_while(|_| true)));
    all_consuming(delimited((tag("kind:"), space0), name, (space0, comment)))
        .parse(line.trim_end_matches('\r'))
}

/// One grammar file of entries of type `E`. Deserialised directly (not
/// through a tagged enum) so that errors keep their line and column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile<E> {
    /// The file kind (checked against the one the file was read as).
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
    /// Sentences that show what the entry does (see [`RawEntry`]).
    #[serde(default)]
    pub examples: Vec<Example>,
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
    /// Sentences that show what the entry does (see [`RawEntry`]).
    #[serde(default)]
    pub examples: Vec<Example>,
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
    /// Sentences that show what the entry does (see [`RawEntry`]).
    #[serde(default)]
    pub examples: Vec<Example>,
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
    /// Sentences that show what the entry does (see [`RawEntry`]).
    #[serde(default)]
    pub examples: Vec<Example>,
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
    /// The grammatical case the speaker stands in (`genitive` after `по
    /// словам`), whose ending rules (`pack.yaml`, `morphology`) give the
    /// speaker's name in the nominative.
    #[serde(default)]
    pub speaker_case: Option<String>,
    /// Sentences that show what the entry does (see [`RawEntry`]).
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// The examples one entry carries, under the entry's key.
#[derive(Debug, Clone)]
pub struct EntryExamples {
    /// The entry's key: a frame's id, a verb's lemma, a noun, a name or a title.
    pub entry: String,
    /// Its examples, possibly none.
    pub examples: Vec<Example>,
}

/// An entry of a grammar file, which may carry examples of its own: those
/// of a frame must be claimed by that frame, those of a speech verb by a cue
/// of that verb, unless they say the entry does not fire.
pub trait RawEntry {
    /// The entry's key (see [`EntryExamples::entry`]).
    fn key(&self) -> &str;
    /// Its examples, moved out of the entry.
    fn take_examples(&mut self) -> Vec<Example>;
}

impl<E: RawEntry> RawFile<E> {
    /// Every entry's key with its examples, in file order, moved out of the entries.
    pub fn take_entry_examples(&mut self) -> Vec<EntryExamples> {
        self.entries
            .iter_mut()
            .map(|e| EntryExamples {
                entry: e.key().to_string(),
                examples: e.take_examples(),
            })
            .collect()
    }
}

/// Implements [`RawEntry`] for an entry type keyed by `$key`, with an
/// `examples` field or (written `none`) without one.
macro_rules! raw_entry {
    ($t:ty, $key:ident) => {
        impl RawEntry for $t {
            fn key(&self) -> &str {
                &self.$key
            }
            fn take_examples(&mut self) -> Vec<Example> {
                std::mem::take(&mut self.examples)
            }
        }
    };
    ($t:ty, $key:ident, none) => {
        impl RawEntry for $t {
            fn key(&self) -> &str {
                &self.$key
            }
            fn take_examples(&mut self) -> Vec<Example> {
                Vec::new()
            }
        }
    };
}

raw_entry!(RawVerb, lemma);
raw_entry!(RawSourceNoun, noun);
raw_entry!(RawNamedSource, name);
raw_entry!(RawTitle, title);
raw_entry!(RawWordClass, class, none);
raw_entry!(RawFrame, id);

/// An example sentence a grammar file promises to handle.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The article text.
    pub text: String,
    /// What analysing it must give.
    pub expect: Expect,
}

/// The expectation of an [`Example`]. `claims` is the exact number of
/// claims; every other field given must hold for one claim, which for an
/// entry's example must come from that entry too (see [`RawEntry`]).
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
    /// Whether the entry the example belongs to makes a claim of the text;
    /// `false` says it must not, whatever other entries do. Only for the
    /// examples of an entry.
    #[serde(default)]
    pub fires: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_kind_lines_are_read_and_anything_else_is_left_to_yaml() {
        assert_eq!(plain_kind("kind: titles\nversion: 1\n"), Some("titles"));
        assert_eq!(
            plain_kind("# frames\nkind: frames  # the patterns\r\nversion: 1\n"),
            Some("frames")
        );
        for other in [
            "  kind: titles\n",
            "{kind: titles, version: 1}\n",
            "kind: 'titles'\n",
            "kinds: titles\n",
            "kind: titles extra\n",
            "version: 1\n",
        ] {
            assert_eq!(plain_kind(other), None, "{other:?}");
        }
    }
}
