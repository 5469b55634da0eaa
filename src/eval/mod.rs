//! Scoring of quote extraction and speaker attribution against a gold corpus.
//!
//! This module owns the evaluation semantics of the project: it is a faithful
//! port of `shared/eval/score.py` (span normalisation, exact and overlap
//! matching, speaker comparison, the `--subset` and `--strict-that` variants,
//! the JSON report and the text table). It does no I/O: callers read the
//! JSONL files themselves and hand the text to [`parse_gold_jsonl`] /
//! [`parse_pred_jsonl`] (or deserialize [`GoldDoc`] / [`PredDoc`] directly),
//! then call [`score`] and print [`Report::render`] or the report serialized
//! with `serde_json`. All offsets are Unicode code-point offsets, end
//! exclusive, as in the corpus format.
//!
//! Character classes follow Python's definitions (`str.isspace`, general
//! category `P*`, `re`'s Unicode `\w`), computed from the Unicode tables of
//! the dependencies; characters assigned after Unicode 14 (Python 3.11's
//! version) may therefore classify differently from the Python script.

mod score;

pub use score::{
    iou, is_quote_marked, match_exact, match_overlap, norm_span, parse_gold_jsonl,
    parse_pred_jsonl, pred_speaker_correct, score, speaker_correct, speaker_tokens, speaker_type,
    GoldDoc, GoldQuote, KindBreakdown, KindModeScores, ModeScores, PredDoc, PredQuote, Prf, Report,
    Role, ScoreError, ScoreOptions, SpeakerTypeBreakdown, SpeakerTypeModeScores, Subset, PRONOUNS,
    QUOTE_MARKS,
};
