//! The scorer's input and options: gold and predicted documents as the
//! JSONL corpora give them, the subset and threshold options, and the
//! errors bad input gives.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::jsonl::de_speaker_alt;
use super::python::py_repr;

/// One annotated quote of a gold document. Unknown JSON fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldQuote {
    /// First code point of the quote span in the document text.
    pub start: usize,
    /// End of the span (exclusive), in code points.
    pub end: usize,
    /// `"direct"`, `"indirect"`, `"mixed"`, or anything else / absent
    /// (reported as `"unspecified"` when absent or empty).
    #[serde(default)]
    pub kind: Option<String>,
    /// The annotated speaker mention, or `None` when the corpus gives none.
    #[serde(default)]
    pub speaker: Option<String>,
    /// Further names accepted as correct. As in `score.py`, a null or other
    /// "falsy" JSON value means none, non-string entries are dropped, and any
    /// other non-list value is an error.
    #[serde(default, deserialize_with = "de_speaker_alt")]
    pub speaker_alt: Vec<String>,
}

/// One gold document: its text and its annotated quotes. Unknown JSON fields
/// (`source`, `meta`, ...) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Document id, unique within a gold file.
    pub id: String,
    /// Document text; quote offsets index its code points.
    pub text: String,
    /// Gold quotes (a missing `quotes` field means none).
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// One predicted quote. Unknown JSON fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PredQuote {
    /// First code point of the predicted span in the gold document text.
    pub start: usize,
    /// End of the span (exclusive), in code points.
    pub end: usize,
    /// Predicted kind; informational only, the scorer does not use it.
    #[serde(default)]
    pub kind: Option<String>,
    /// The resolved speaker name, or `None`.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The speaker as mentioned in the text; the speaker counts as correct
    /// when either this or [`PredQuote::speaker`] matches.
    #[serde(default)]
    pub speaker_mention: Option<String>,
}

/// The predictions for one document, keyed by the gold document id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PredDoc {
    /// Id of the gold document these predictions are for.
    pub id: String,
    /// Predicted quotes (a missing `quotes` field means none).
    #[serde(default)]
    pub quotes: Vec<PredQuote>,
}

/// Restriction of scoring to one family of quotes (`score.py --subset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subset {
    /// Gold `direct` and `mixed` quotes against predictions that sit inside
    /// or contain quotation marks (see [`is_quote_marked`](super::is_quote_marked)).
    Quoted,
    /// Gold `indirect` quotes against predictions without quotation marks.
    Indirect,
}

impl Subset {
    /// The name used on the command line and in the report (`"quoted"`,
    /// `"indirect"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Subset::Quoted => "quoted",
            Subset::Indirect => "indirect",
        }
    }
}

/// Scoring options; [`Default`] gives `score.py`'s defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreOptions {
    /// Minimum intersection over union for an overlap match (default 0.5).
    pub iou: f64,
    /// Ignore a leading complementizer "that " when normalising spans
    /// (default `true`; `false` is `--strict-that`).
    pub strip_that: bool,
    /// Optional restriction to quoted or indirect quotes (default none).
    pub subset: Option<Subset>,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            iou: 0.5,
            strip_that: true,
            subset: None,
        }
    }
}

/// Which input a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The gold corpus.
    Gold,
    /// The predictions.
    Pred,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Gold => "gold",
            Role::Pred => "pred",
        })
    }
}

/// Bad input, as `score.py` reports it (its exit status 2). Ids are shown
/// as Python `repr` strings, like the script does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// Two documents of the same input share an id; `index` is the position
    /// of the second one in the slice given to [`score`](super::score()).
    #[error("{role} document #{index}: duplicate id {}", py_repr(.id))]
    DuplicateId {
        /// Gold or predictions.
        role: Role,
        /// Position of the repeated document.
        index: usize,
        /// The repeated id.
        id: String,
    },
    /// A quote span is not within `0 <= start <= end <= text length`.
    #[error(
        "{role} doc {} quote #{quote}: span [{start},{end}) outside text of length {text_len}",
        py_repr(.doc_id)
    )]
    SpanOutOfRange {
        /// Gold or predictions.
        role: Role,
        /// Id of the document holding the quote.
        doc_id: String,
        /// Index of the quote within the document's `quotes`.
        quote: usize,
        /// The quote's start.
        start: usize,
        /// The quote's end.
        end: usize,
        /// Length of the gold text in code points.
        text_len: usize,
    },
    /// A JSONL line could not be turned into a document
    /// ([`parse_gold_jsonl`](super::parse_gold_jsonl), [`parse_pred_jsonl`](super::parse_pred_jsonl)); `line` is 1-based.
    #[error("line {line}: {message}")]
    Parse {
        /// Gold or predictions.
        role: Role,
        /// 1-based line number.
        line: usize,
        /// What was wrong, worded like `score.py` where it has a message.
        message: String,
    },
}
