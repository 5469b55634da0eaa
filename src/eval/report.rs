//! The scorer's report: the figures `score.py --json` prints, and the text
//! table it prints without `--json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Subset;
use super::python::py_repr;

/// Precision, recall and F1 with their counts (`score.py`'s `prf`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Number of gold quotes.
    pub n_gold: usize,
    /// Number of predicted quotes.
    pub n_pred: usize,
    /// `tp / n_pred` (0 when there are no predictions).
    pub precision: f64,
    /// `tp / n_gold` (0 when there is no gold).
    pub recall: f64,
    /// True positives.
    pub tp: usize,
}

impl Prf {
    pub(super) fn new(tp: usize, n_pred: usize, n_gold: usize) -> Self {
        let p = if n_pred > 0 {
            tp as f64 / n_pred as f64
        } else {
            0.0
        };
        let r = if n_gold > 0 {
            tp as f64 / n_gold as f64
        } else {
            0.0
        };
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            f1,
            n_gold,
            n_pred,
            precision: p,
            recall: r,
            tp,
        }
    }
}

/// Scores of one matching mode (exact or overlap).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct ModeScores {
    /// Quotes that match and whose speaker is correct.
    pub end_to_end: Prf,
    /// Quote matching alone.
    pub quote: Prf,
    /// Share of matched pairs whose speaker is correct (0 with no match).
    pub speaker_accuracy: f64,
    /// Number of matched pairs whose speaker is correct.
    pub speaker_correct: usize,
}

/// Per-mode figures of one gold kind.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct KindModeScores {
    /// Matched with a correct speaker, over the gold quotes of the kind.
    pub end_to_end_recall: f64,
    /// Matched gold quotes of the kind, over all gold quotes of the kind.
    pub recall: f64,
    /// Correct speakers over matched pairs of the kind.
    pub speaker_accuracy: f64,
}

/// Breakdown for one gold kind (`by_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct KindBreakdown {
    /// Figures under exact matching.
    pub exact: KindModeScores,
    /// Number of gold quotes of this kind.
    pub n_gold: usize,
    /// Figures under overlap matching.
    pub overlap: KindModeScores,
}

/// Per-mode figures of one gold speaker type.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SpeakerTypeModeScores {
    /// Matched gold quotes of the type, over all gold quotes of the type.
    pub recall: f64,
    /// Correct speakers over matched pairs of the type.
    pub speaker_accuracy: f64,
}

/// Breakdown for one gold speaker type (`by_gold_speaker_type`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SpeakerTypeBreakdown {
    /// Figures under exact matching.
    pub exact: SpeakerTypeModeScores,
    /// Number of gold quotes whose speaker is of this type.
    pub n_gold: usize,
    /// Figures under overlap matching.
    pub overlap: SpeakerTypeModeScores,
}

/// The result of [`score`](super::score()). Serialized with `serde_json` it has the keys
/// and nesting of `score.py --json` (fields are declared in the same sorted
/// order), minus `gold_file` / `pred_file`, which [`Report::render`] takes as
/// labels instead.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// Gold quotes by speaker type (`"name"`, `"null"`, `"pronoun"`; see
    /// [`speaker_type`](super::speaker_type)).
    pub by_gold_speaker_type: BTreeMap<String, SpeakerTypeBreakdown>,
    /// Gold quotes by kind (`"unspecified"` when absent or empty).
    pub by_kind: BTreeMap<String, KindBreakdown>,
    /// Number of gold documents.
    pub documents: usize,
    /// Gold documents with no prediction document.
    pub documents_without_prediction: usize,
    /// Scores under exact matching.
    pub exact: ModeScores,
    /// The overlap threshold used.
    pub iou_threshold: f64,
    /// Number of gold quotes scored (after any subset restriction).
    pub n_gold: usize,
    /// Number of predicted quotes scored (after any subset restriction).
    pub n_pred: usize,
    /// Scores under overlap matching.
    pub overlap: ModeScores,
    /// Whether a leading "that " was ignored.
    pub strip_leading_that: bool,
    /// The subset scored, if any.
    pub subset: Option<Subset>,
    /// Prediction ids absent from gold (ignored), sorted.
    pub unknown_pred_ids: Vec<String>,
}

impl Report {
    /// The text table `score.py` prints without `--json`, with `gold_label`
    /// and `pred_label` standing for the file names. No trailing newline.
    pub fn render(&self, gold_label: &str, pred_label: &str) -> String {
        let mut out = vec![format!(
            "gold {gold_label}: {} docs, {} quotes | pred {pred_label}: {} quotes ({} gold docs without prediction)",
            self.documents, self.n_gold, self.n_pred, self.documents_without_prediction
        )];
        if let Some(first) = self.unknown_pred_ids.first() {
            out.push(format!(
                "warning: {} pred ids not in gold (ignored), e.g. {}",
                self.unknown_pred_ids.len(),
                py_repr(first)
            ));
        }
        out.push(String::new());
        out.push(format!(
            "{:<8} {:<11} {:>7} {:>7} {:>7} {:>7}",
            "match", "measure", "P", "R", "F1", "TP"
        ));
        for (m, r) in [("exact", &self.exact), ("overlap", &self.overlap)] {
            let (q, e) = (&r.quote, &r.end_to_end);
            out.push(format!(
                "{m:<8} {:<11} {:7.4} {:7.4} {:7.4} {:7}",
                "quote", q.precision, q.recall, q.f1, q.tp
            ));
            out.push(format!(
                "{m:<8} {:<11} {:>7} {:>7} {:7.4} {:7}",
                "spk-acc", "", "", r.speaker_accuracy, r.speaker_correct
            ));
            out.push(format!(
                "{m:<8} {:<11} {:7.4} {:7.4} {:7.4} {:7}",
                "end2end", e.precision, e.recall, e.f1, e.tp
            ));
        }
        out.push(String::new());
        out.push("by gold kind        n_gold  R(exact) R(ovl)  spk(ovl) e2eR(ovl)".to_owned());
        for (k, v) in &self.by_kind {
            out.push(format!(
                "  {k:<16} {:7}  {:7.4} {:7.4}  {:7.4}  {:7.4}",
                v.n_gold,
                v.exact.recall,
                v.overlap.recall,
                v.overlap.speaker_accuracy,
                v.overlap.end_to_end_recall
            ));
        }
        out.push("by gold speaker     n_gold  R(exact) R(ovl)  spk(ovl)".to_owned());
        for (k, v) in &self.by_gold_speaker_type {
            out.push(format!(
                "  {k:<16} {:7}  {:7.4} {:7.4}  {:7.4}",
                v.n_gold, v.exact.recall, v.overlap.recall, v.overlap.speaker_accuracy
            ));
        }
        out.join("\n")
    }
}
