//! The output model: an analysed article and its attributed claims, as they
//! are written to YAML and JSON. Every span carries its text, code-point
//! offsets (`start`/`end`) and byte offsets (`byte_start`/`byte_end`).

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::grammar::SourceType;
use crate::text::{CodePoints, Span};

/// A piece of the article: its text and both kinds of offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The text exactly as in the article.
    pub text: String,
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset one past the last character.
    pub end: usize,
    /// Byte offset of the first character.
    pub byte_start: usize,
    /// Byte offset one past the last character.
    pub byte_end: usize,
}

impl TextSpan {
    /// The span `span` of `text`, with offsets from `cps`.
    pub fn new(text: &str, span: Span, cps: &CodePoints) -> TextSpan {
        TextSpan {
            text: span.slice(text).to_string(),
            start: cps.of(span.start),
            end: cps.of(span.end),
            byte_start: span.start,
            byte_end: span.end,
        }
    }

    /// The byte span.
    pub fn span(&self) -> Span {
        Span::new(self.byte_start, self.byte_end)
    }
}

/// Whether a claim is quoted, reported, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// The content is a quotation.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech containing a quoted fragment.
    Mixed,
}

/// The claim's content.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Content {
    /// The content as written (for direct claims, inside the marks).
    #[serde(flatten)]
    pub span: TextSpan,
    /// Zero-based index of the paragraph where it starts.
    pub paragraph: usize,
    /// Editorial insertions in square brackets, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brackets: Vec<TextSpan>,
}

// `Content`, `Cue` and `DatelineInfo` write their span's fields in place,
// as `#[serde(flatten)]` does, but as plain struct fields: flattening goes
// through a map serializer, which is slower. The output is the same.

impl TextSpan {
    /// The number of fields [`TextSpan::serialize_fields`] writes.
    const FIELDS: usize = 5;

    /// Writes the span's fields into the struct `s` being serialised.
    fn serialize_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("text", &self.text)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("byte_start", &self.byte_start)?;
        s.serialize_field("byte_end", &self.byte_end)
    }
}

impl Serialize for Content {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let brackets = !self.brackets.is_empty();
        let fields = TextSpan::FIELDS + 1 + usize::from(brackets);
        let mut s = serializer.serialize_struct("Content", fields)?;
        self.span.serialize_fields(&mut s)?;
        s.serialize_field("paragraph", &self.paragraph)?;
        if brackets {
            s.serialize_field("brackets", &self.brackets)?;
        } else {
            s.skip_field("brackets")?;
        }
        s.end()
    }
}

impl Serialize for Cue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Cue", TextSpan::FIELDS + 1)?;
        self.span.serialize_fields(&mut s)?;
        s.serialize_field("lemma", &self.lemma)?;
        s.end()
    }
}

impl Serialize for DatelineInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = TextSpan::FIELDS + 1 + usize::from(self.date.is_some());
        let mut s = serializer.serialize_struct("DatelineInfo", fields)?;
        self.span.serialize_fields(&mut s)?;
        s.serialize_field("place", &self.place)?;
        match &self.date {
            Some(date) => s.serialize_field("date", date)?,
            None => s.skip_field("date")?,
        }
        s.end()
    }
}

/// Who the claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The resolved name (`Yury Ushakov`), or the description when no name is known.
    pub name: String,
    /// The mention as written where the claim is attributed (`Ushakov`, `he`).
    pub mention: TextSpan,
    /// The kind of source.
    #[serde(rename = "type")]
    pub source_type: SourceType,
    /// The role or title (`Russian Presidential Aide`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The body the speaker belongs to (`White House`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The speaker's Wikidata item (`Q7747`), set only from a `--speakers` directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// The cue that signals the attribution.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Cue {
    /// The cue as written.
    #[serde(flatten)]
    pub span: TextSpan,
    /// Its dictionary form (`say`, `according to`).
    pub lemma: String,
}

/// One attributed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: the same content said by the same speaker (by resolved
    /// name) gives the same id; see [`crate::claim_id`].
    pub id: String,
    /// direct, indirect or mixed.
    pub kind: ClaimKind,
    /// What was said.
    pub content: Content,
    /// Who said it; absent when nobody can be named.
    pub speaker: Option<Speaker>,
    /// The cue, absent for continuations of an earlier quotation.
    pub cue: Option<Cue>,
    /// Sources the claim is reported through, outermost first (`[Bild]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// How likely the attribution is right, from 0 to 1.
    pub confidence: f64,
    /// The rule that produced it (`frames.according_to`).
    pub frame: String,
}

/// The article's header facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// The document id (file stem or corpus id).
    pub id: String,
    /// The `date YYYY-MM-DD` header value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The wire dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<DatelineInfo>,
    /// The outlet named in the dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The page title (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The author line (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The publication time as the page states it (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The site name (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The page's canonical URL, when it states one (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The analysed text, which every offset points into. Present for HTML
    /// input (where it is the extracted article text) and in claim files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A wire dateline, as written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DatelineInfo {
    /// The whole dateline.
    #[serde(flatten)]
    pub span: TextSpan,
    /// The place (`DUSHANBE`).
    pub place: String,
    /// The date as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A problem found in the article that did not stop the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Byte offset where it was found.
    pub byte: usize,
    /// What it is.
    pub message: String,
}

/// One analysed document: the two top-level keys of the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The article's header facts.
    pub article: ArticleInfo,
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Problems found on the way (not serialized).
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

/// A 64-bit FNV-1a hash, stable across platforms and releases.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
