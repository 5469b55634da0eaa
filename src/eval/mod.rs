//! Scoring of quote extraction and speaker attribution against a gold corpus.
//!
//! This module owns the evaluation semantics of the project: it is a faithful
//! port of `shared/eval/score.py` (span normalisation, exact and overlap
//! matching, quotation marks and typewriter mark pairs for `--subset`,
//! speaker comparison with honorifics dropped, the `--strict-that` variant,
//! the JSON report and the text table). `tests/eval_scorer.rs` holds it to
//! the script's figures. It does no I/O: callers read the JSONL files
//! themselves and hand the text to [`parse_gold_jsonl`] /
//! [`parse_pred_jsonl`] (or deserialize [`GoldDoc`] / [`PredDoc`] directly),
//! then call [`score`] and print [`Report::render`] or the report serialized
//! with `serde_json`. All offsets are Unicode code-point offsets, end
//! exclusive, as in the corpus format.
//!
//! The scorer's word lists ([`PRONOUNS`], [`HONORIFICS`]) and marks
//! ([`QUOTE_MARKS`], [`QUOTE_PAIRS`]) are the script's, for every language:
//! they define how figures are counted, not how text is analysed, so they
//! do not come from the grammar packs.
//!
//! Character classes follow Python's definitions (`str.isspace`, general
//! category `P*`, `re`'s Unicode `\w`), computed from the Unicode tables of
//! the dependencies; characters assigned after Unicode 14 (Python 3.11's
//! version) may therefore classify differently from the Python script.

#[cfg(test)]
mod fixtures;
mod jsonl;
mod model;
mod python;
mod report;
mod score;
mod span;
mod speaker;

pub use jsonl::{parse_gold_jsonl, parse_pred_jsonl};
pub use model::{GoldDoc, GoldQuote, PredDoc, PredQuote, Role, ScoreError, ScoreOptions, Subset};
pub use report::{
    KindBreakdown, KindModeScores, ModeScores, Prf, Report, SpeakerTypeBreakdown,
    SpeakerTypeModeScores,
};
pub use score::score;
pub use span::{
    iou, is_quote_marked, match_exact, match_overlap, norm_span, QUOTE_MARKS, QUOTE_PAIRS,
};
pub use speaker::{
    pred_speaker_correct, speaker_correct, speaker_tokens, speaker_type, HONORIFICS, PRONOUNS,
};
