//! Serialisation of analyses: YAML (one document), JSON and JSON Lines, and
//! the prediction records that `eval/score.py` reads.

mod json_line;

use serde::Serialize;

use crate::claim::{Analysis, ClaimKind};

/// The analysis as a YAML document.
pub fn to_yaml(analysis: &Analysis) -> String {
    serde_yaml::to_string(analysis).unwrap_or_else(|e| format!("# serialization failed: {e}\n"))
}

/// The analysis as one line of JSON (no trailing newline).
///
/// Written by hand (see `json_line`), which saves serde's per-field calls on
/// claim-dense output; the bytes are the same as `serde_json::to_string`
/// gives (checked by the property tests).
pub fn to_json_line(analysis: &Analysis) -> String {
    let mut out = String::new();
    write_json_line(analysis, &mut out);
    out
}

/// [`to_json_line`] appended to `out`, which saves a string per document
/// when many are written together.
pub fn write_json_line(analysis: &Analysis, out: &mut String) {
    // Room for a typical claim, so that the buffer seldom grows.
    out.reserve(512 + 768 * analysis.claims.len());
    json_line::write_analysis(out, analysis);
}

/// The analysis as indented JSON.
pub fn to_json_pretty(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(analysis)
        .unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// One predicted quotation in the scorer's format (code-point offsets).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Prediction {
    /// Code-point start of the content.
    pub start: usize,
    /// Code-point end of the content.
    pub end: usize,
    /// direct, indirect or mixed.
    pub kind: String,
    /// The resolved speaker name.
    pub speaker: Option<String>,
    /// The speaker mention as written.
    pub speaker_mention: Option<String>,
    /// The claim's confidence (ignored by the scorer).
    pub confidence: f64,
    /// The frame that produced it (ignored by the scorer).
    pub frame: String,
}

/// A document's predictions in the scorer's format.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct PredictionDoc {
    /// The document id.
    pub id: String,
    /// Its predicted quotations.
    pub quotes: Vec<Prediction>,
}

impl From<PredictionDoc> for crate::eval::PredDoc {
    fn from(p: PredictionDoc) -> Self {
        crate::eval::PredDoc {
            id: p.id,
            quotes: p
                .quotes
                .into_iter()
                .map(|q| crate::eval::PredQuote {
                    start: q.start,
                    end: q.end,
                    kind: Some(q.kind),
                    speaker: q.speaker,
                    speaker_mention: q.speaker_mention,
                })
                .collect(),
        }
    }
}

/// The scorer's view of an analysis.
pub fn predictions(analysis: &Analysis) -> PredictionDoc {
    PredictionDoc {
        id: analysis.article.id.clone(),
        quotes: analysis
            .claims
            .iter()
            .map(|c| Prediction {
                start: c.content.span.start,
                end: c.content.span.end,
                kind: match c.kind {
                    ClaimKind::Direct => "direct",
                    ClaimKind::Indirect => "indirect",
                    ClaimKind::Mixed => "mixed",
                }
                .to_string(),
                speaker: c.speaker.as_ref().map(|s| s.name.clone()),
                speaker_mention: c.speaker.as_ref().map(|s| s.mention.text.clone()),
                confidence: c.confidence,
                frame: c.frame.clone(),
            })
            .collect(),
    }
}
