//! Port of `shared/eval/score.py`: data types, matching, speaker comparison,
//! the report and its text rendering.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use unicode_general_category::{get_general_category, GeneralCategory};
use unicode_normalization::UnicodeNormalization;

/// Speaker strings that make a gold quote count as having a `"pronoun"`
/// speaker in [`Report::by_gold_speaker_type`] (compared after
/// [`speaker_tokens`], and only when the name is a single token).
pub const PRONOUNS: &[&str] = &[
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "his", "its",
    "their", "our", "my", "your", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "one", "some", "others", "many",
];

/// Characters treated as quotation marks by [`is_quote_marked`] (and thus by
/// [`Subset`]): straight and curly double quotes, low-9 and reversed marks,
/// guillemets (double and single) and CJK corner brackets.
pub const QUOTE_MARKS: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}', '\u{2039}',
    '\u{203a}', '\u{300c}', '\u{300d}', '\u{300e}', '\u{300f}',
];

// ---------------------------------------------------------------- data types

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
    /// or contain quotation marks (see [`is_quote_marked`]).
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
    /// of the second one in the slice given to [`score`].
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
    /// ([`parse_gold_jsonl`], [`parse_pred_jsonl`]); `line` is 1-based.
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

// ---------------------------------------------------------------- report

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
    fn new(tp: usize, n_pred: usize, n_gold: usize) -> Self {
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

/// The result of [`score`]. Serialized with `serde_json` it has the keys
/// and nesting of `score.py --json` (fields are declared in the same sorted
/// order), minus `gold_file` / `pred_file`, which [`Report::render`] takes as
/// labels instead.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// Gold quotes by speaker type (`"name"`, `"null"`, `"pronoun"`; see
    /// [`speaker_type`]).
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

// ---------------------------------------------------------------- parsing

/// Parses a gold JSONL file's contents, one document per line, checking
/// what `score.py`'s loader checks (JSON object, string `id`, no duplicate
/// id, `quotes` a list, string `text`). Blank lines are skipped; lines end at
/// `\n`, `\r\n` or `\r` as in Python's text mode.
pub fn parse_gold_jsonl(input: &str) -> Result<Vec<GoldDoc>, ScoreError> {
    parse_jsonl(input, Role::Gold)
}

/// Parses a prediction JSONL file's contents, with the same checks as
/// [`parse_gold_jsonl`] except that no `text` is needed.
pub fn parse_pred_jsonl(input: &str) -> Result<Vec<PredDoc>, ScoreError> {
    parse_jsonl(input, Role::Pred)
}

fn parse_jsonl<T: DeserializeOwned>(input: &str, role: Role) -> Result<Vec<T>, ScoreError> {
    let mut seen = HashSet::new();
    let mut docs = Vec::new();
    for (i, line) in py_lines(input).enumerate() {
        if line.chars().all(py_isspace) {
            continue;
        }
        let err = |message: String| ScoreError::Parse {
            role,
            line: i + 1,
            message,
        };
        let value: Value = serde_json::from_str(line)
            .map_err(|e| err(format!("malformed JSON in {role} file: {e}")))?;
        let Some(obj) = value.as_object() else {
            return Err(err(format!(
                "expected a JSON object, got {}",
                py_type_name(&value)
            )));
        };
        let Some(id) = obj.get("id").and_then(Value::as_str) else {
            return Err(err("missing or non-string \"id\"".to_owned()));
        };
        if !seen.insert(id.to_owned()) {
            return Err(err(format!("duplicate id {}", py_repr(id))));
        }
        if obj.get("quotes").is_some_and(|q| !q.is_array()) {
            return Err(err("\"quotes\" must be a list".to_owned()));
        }
        if role == Role::Gold && !obj.get("text").is_some_and(Value::is_string) {
            return Err(err(format!(
                "gold document {} lacks a string \"text\"",
                py_repr(id)
            )));
        }
        let doc = T::deserialize(&value)
            .map_err(|e| err(format!("{role} document {}: {e}", py_repr(id))))?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Lines as Python's universal-newline text mode yields them.
fn py_lines(input: &str) -> impl Iterator<Item = &str> {
    let mut rest = input;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line;
        match rest.find(['\r', '\n']) {
            None => {
                line = rest;
                rest = "";
            }
            Some(i) => {
                line = &rest[..i];
                let sep = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + sep..];
            }
        }
        Some(line)
    })
}

fn py_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn py_falsy(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

fn de_speaker_alt<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Array(items) => Ok(items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect()),
        v if py_falsy(&v) => Ok(Vec::new()),
        _ => Err(D::Error::custom("speaker_alt must be a list")),
    }
}

// ---------------------------------------------------------------- characters

/// Python's `str.isspace` for one character.
fn py_isspace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whitespace or a punctuation character (general category `P*`).
fn is_trim(c: char) -> bool {
    py_isspace(c) || get_general_category(c).abbreviation().starts_with('P')
}

/// Python `re`'s Unicode `\w`: letters, numbers (`L*`, `N*`) and `_`.
fn is_word(c: char) -> bool {
    use GeneralCategory as G;
    c == '_'
        || matches!(
            get_general_category(c),
            G::UppercaseLetter
                | G::LowercaseLetter
                | G::TitlecaseLetter
                | G::ModifierLetter
                | G::OtherLetter
                | G::DecimalNumber
                | G::LetterNumber
                | G::OtherNumber
        )
}

/// Python's `repr()` of a string (quote choice and escapes).
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_ascii() || py_isprintable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for a non-ASCII character.
fn py_isprintable(c: char) -> bool {
    use GeneralCategory as G;
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

// ---------------------------------------------------------------- spans

/// Normalises the span `[start, end)` of `text` (code points) for
/// comparison: trims whitespace and punctuation (category `P*`) at both ends
/// and, when `strip_that` is set and the trimmed span is longer than 5 code
/// points and starts with "that" (any case) plus a whitespace character,
/// drops that word and trims again at the front. An empty result is
/// `(s, s)`. Panics if the span reaches past `text` (like Python indexing).
pub fn norm_span(text: &[char], start: usize, end: usize, strip_that: bool) -> (usize, usize) {
    let (mut s, mut e) = (start, end);
    while s < e && is_trim(text[s]) {
        s += 1;
    }
    while e > s && is_trim(text[e - 1]) {
        e -= 1;
    }
    if strip_that && e > s + 5 && starts_with_that(&text[s..e]) {
        s += 4;
        while s < e && is_trim(text[s]) {
            s += 1;
        }
    }
    (s, e)
}

/// `re.compile(r"that\s", re.IGNORECASE).match` at the start of `span`.
fn starts_with_that(span: &[char]) -> bool {
    span.len() >= 5
        && span[..4]
            .iter()
            .zip("that".chars())
            .all(|(c, t)| c.to_ascii_lowercase() == t)
        && py_isspace(span[4])
}

/// Intersection over union of two half-open spans `(start, end)`; 0 when
/// they do not overlap.
pub fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let (a0, a1, b0, b1) = (a.0 as i128, a.1 as i128, b.0 as i128, b.1 as i128);
    let inter = a1.min(b1) - a0.max(b0);
    if inter <= 0 {
        return 0.0;
    }
    let union = (a1 - a0) + (b1 - b0) - inter;
    if union > 0 {
        inter as f64 / union as f64
    } else {
        0.0
    }
}

/// One-to-one exact matching of normalised spans: each prediction in order
/// takes the first still-unmatched gold span (in gold order) that is equal to
/// it; empty predicted spans never match. Returns `(gold index, pred index)`
/// pairs in prediction order.
pub fn match_exact(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut free: HashMap<(usize, usize), VecDeque<usize>> = HashMap::new();
    for (gi, g) in gold.iter().enumerate() {
        free.entry(*g).or_default().push_back(gi);
    }
    let mut pairs = Vec::new();
    for (pi, p) in pred.iter().enumerate() {
        if p.0 >= p.1 {
            continue;
        }
        if let Some(gi) = free.get_mut(p).and_then(VecDeque::pop_front) {
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// One-to-one greedy overlap matching of normalised spans: candidate pairs
/// with [`iou`] `>= threshold` (and `> 0`) are taken best first, ties broken
/// by gold index then prediction index, skipping pairs whose gold or
/// prediction is already matched. Returns `(gold index, pred index)` pairs in
/// the order taken.
pub fn match_overlap(
    gold: &[(usize, usize)],
    pred: &[(usize, usize)],
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let v = iou(*g, *p);
            if v >= threshold && v > 0.0 {
                cands.push((v, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

/// True when the span `[start, end)` of `text` (code points) sits inside
/// quotation marks (one of [`QUOTE_MARKS`] within the two characters before
/// and within the two after) or contains one.
pub fn is_quote_marked(text: &[char], start: usize, end: usize) -> bool {
    let n = text.len();
    let slice = |a: usize, b: usize| &text[a.min(n)..b.clamp(a.min(n), n)];
    let has_mark = |cs: &[char]| cs.iter().any(|c| QUOTE_MARKS.contains(c));
    (has_mark(slice(start.saturating_sub(2), start)) && has_mark(slice(end, end + 2)))
        || has_mark(slice(start, end))
}

// ---------------------------------------------------------------- speakers

/// Tokens a speaker name is compared by: NFKC, lowercased, a possessive
/// `'s` / `’s` replaced by a space, split into runs of word characters
/// (Python `re`'s `\w`), and leading articles "the", "a", "an" dropped.
/// `None` when nothing is left.
pub fn speaker_tokens(name: &str) -> Option<Vec<String>> {
    let lowered = name.nfkc().collect::<String>().to_lowercase();
    let chars: Vec<char> = lowered.chars().collect();
    let mut s = String::with_capacity(lowered.len());
    let mut i = 0;
    while i < chars.len() {
        let possessive = matches!(chars[i], '\'' | '\u{2019}')
            && chars.get(i + 1) == Some(&'s')
            && chars.get(i + 2).is_none_or(|c| !is_word(*c));
        if possessive {
            s.push(' ');
            i += 2;
        } else {
            s.push(chars[i]);
            i += 1;
        }
    }
    let toks: Vec<&str> = s
        .split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .collect();
    let skip = toks
        .iter()
        .take_while(|t| matches!(**t, "the" | "a" | "an"))
        .count();
    let toks: Vec<String> = toks[skip..].iter().map(|t| (*t).to_owned()).collect();
    (!toks.is_empty()).then_some(toks)
}

/// Whether `short` is a (not necessarily contiguous) subsequence of `long`.
fn is_subseq(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|tok| it.any(|t| t == tok))
}

fn name_matches(gold: Option<&str>, pred: &Option<Vec<String>>) -> bool {
    let g = gold.and_then(speaker_tokens);
    match (&g, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => {
            g == p || ((is_subseq(g, p) || is_subseq(p, g)) && g.last() == p.last())
        }
        _ => false,
    }
}

/// Whether `pred_speaker` is a correct speaker for the gold quote: it is
/// compared with the gold speaker and each of its `speaker_alt` names by
/// [`speaker_tokens`]; a name matches when both are absent, the token lists
/// are equal, or one is a subsequence of the other and both end on the same
/// token ("Ushakov" ~ "Presidential Aide Yury Ushakov", but not "president"
/// ~ "Russian President Vladimir Putin").
pub fn speaker_correct(gold: &GoldQuote, pred_speaker: Option<&str>) -> bool {
    let p = pred_speaker.and_then(speaker_tokens);
    std::iter::once(gold.speaker.as_deref())
        .chain(gold.speaker_alt.iter().map(|a| Some(a.as_str())))
        .any(|name| name_matches(name, &p))
}

/// Whether a prediction's speaker is correct for the gold quote: either its
/// resolved [`PredQuote::speaker`] or, when given, its
/// [`PredQuote::speaker_mention`] passes [`speaker_correct`].
pub fn pred_speaker_correct(gold: &GoldQuote, pred: &PredQuote) -> bool {
    speaker_correct(gold, pred.speaker.as_deref())
        || pred
            .speaker_mention
            .as_deref()
            .is_some_and(|m| speaker_correct(gold, Some(m)))
}

/// Type of a gold speaker for the report's breakdown: `"null"` (absent or no
/// tokens), `"pronoun"` (a single token from [`PRONOUNS`]) or `"name"`.
pub fn speaker_type(name: Option<&str>) -> &'static str {
    match name.and_then(speaker_tokens) {
        None => "null",
        Some(t) if t.len() == 1 && PRONOUNS.contains(&t[0].as_str()) => "pronoun",
        Some(_) => "name",
    }
}

// ---------------------------------------------------------------- scoring

/// Per-bucket counts: gold quotes, and per mode (matched, speaker correct).
#[derive(Default)]
struct Bucket {
    n_gold: usize,
    modes: [[usize; 2]; 2],
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, role: Role) -> Result<(), ScoreError> {
    let mut seen = HashSet::new();
    for (index, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(ScoreError::DuplicateId {
                role,
                index,
                id: id.to_owned(),
            });
        }
    }
    Ok(())
}

fn check_spans(
    spans: impl Iterator<Item = (usize, usize)>,
    role: Role,
    doc_id: &str,
    text_len: usize,
) -> Result<(), ScoreError> {
    for (quote, (start, end)) in spans.enumerate() {
        if !(start <= end && end <= text_len) {
            return Err(ScoreError::SpanOutOfRange {
                role,
                doc_id: doc_id.to_owned(),
                quote,
                start,
                end,
                text_len,
            });
        }
    }
    Ok(())
}

/// Scores predictions against gold exactly as `score.py` does. Documents are
/// taken in gold order; gold documents without a prediction document count
/// as predicting nothing, and prediction ids unknown to gold are listed in
/// [`Report::unknown_pred_ids`] and otherwise ignored. Fails on a duplicate
/// id in either input, or on a span outside its gold text (checked document
/// by document, gold quotes before that document's predictions).
pub fn score(
    gold: &[GoldDoc],
    pred: &[PredDoc],
    opts: &ScoreOptions,
) -> Result<Report, ScoreError> {
    check_unique(gold.iter().map(|d| d.id.as_str()), Role::Gold)?;
    check_unique(pred.iter().map(|d| d.id.as_str()), Role::Pred)?;
    let gold_ids: HashSet<&str> = gold.iter().map(|d| d.id.as_str()).collect();
    let pred_docs: HashMap<&str, &PredDoc> = pred.iter().map(|d| (d.id.as_str(), d)).collect();
    let unknown: BTreeSet<&str> = pred_docs
        .keys()
        .copied()
        .filter(|id| !gold_ids.contains(id))
        .collect();

    let mut tot = [[0usize; 2]; 2];
    let (mut n_gold, mut n_pred, mut missing) = (0, 0, 0);
    let mut kinds: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut stypes: BTreeMap<&'static str, Bucket> = BTreeMap::new();
    let kind_of = |g: &GoldQuote| match g.kind.as_deref() {
        None | Some("") => "unspecified".to_owned(),
        Some(k) => k.to_owned(),
    };

    for gd in gold {
        let text: Vec<char> = gd.text.chars().collect();
        let spans = gd.quotes.iter().map(|q| (q.start, q.end));
        check_spans(spans, Role::Gold, &gd.id, text.len())?;
        let mut gq: Vec<&GoldQuote> = gd.quotes.iter().collect();
        let mut pq: Vec<&PredQuote> = match pred_docs.get(gd.id.as_str()) {
            Some(pd) => {
                let spans = pd.quotes.iter().map(|q| (q.start, q.end));
                check_spans(spans, Role::Pred, &gd.id, text.len())?;
                pd.quotes.iter().collect()
            }
            None => {
                missing += 1;
                Vec::new()
            }
        };
        match opts.subset {
            Some(Subset::Quoted) => {
                gq.retain(|g| matches!(g.kind.as_deref(), Some("direct" | "mixed")));
                pq.retain(|p| is_quote_marked(&text, p.start, p.end));
            }
            Some(Subset::Indirect) => {
                gq.retain(|g| g.kind.as_deref() == Some("indirect"));
                pq.retain(|p| !is_quote_marked(&text, p.start, p.end));
            }
            None => {}
        }
        let norm = |s, e| norm_span(&text, s, e, opts.strip_that);
        let gn: Vec<_> = gq.iter().map(|q| norm(q.start, q.end)).collect();
        let pn: Vec<_> = pq.iter().map(|q| norm(q.start, q.end)).collect();
        n_gold += gq.len();
        n_pred += pq.len();
        for g in &gq {
            kinds.entry(kind_of(g)).or_default().n_gold += 1;
            stypes
                .entry(speaker_type(g.speaker.as_deref()))
                .or_default()
                .n_gold += 1;
        }
        for (m, pairs) in [match_exact(&gn, &pn), match_overlap(&gn, &pn, opts.iou)]
            .into_iter()
            .enumerate()
        {
            for (gi, pi) in pairs {
                let ok = usize::from(pred_speaker_correct(gq[gi], pq[pi]));
                tot[m][0] += 1;
                tot[m][1] += ok;
                for counts in [
                    &mut kinds.get_mut(&kind_of(gq[gi])).expect("kind counted").modes[m],
                    &mut stypes
                        .get_mut(speaker_type(gq[gi].speaker.as_deref()))
                        .expect("speaker type counted")
                        .modes[m],
                ] {
                    counts[0] += 1;
                    counts[1] += ok;
                }
            }
        }
    }

    let mode = |[tp, ok]: [usize; 2]| ModeScores {
        end_to_end: Prf::new(ok, n_pred, n_gold),
        quote: Prf::new(tp, n_pred, n_gold),
        speaker_accuracy: ratio(ok, tp),
        speaker_correct: ok,
    };
    let kind_mode = |b: &Bucket, m: usize| KindModeScores {
        end_to_end_recall: ratio(b.modes[m][1], b.n_gold),
        recall: ratio(b.modes[m][0], b.n_gold),
        speaker_accuracy: ratio(b.modes[m][1], b.modes[m][0]),
    };
    let stype_mode = |b: &Bucket, m: usize| SpeakerTypeModeScores {
        recall: ratio(b.modes[m][0], b.n_gold),
        speaker_accuracy: ratio(b.modes[m][1], b.modes[m][0]),
    };
    Ok(Report {
        by_gold_speaker_type: stypes
            .iter()
            .map(|(k, b)| {
                let v = SpeakerTypeBreakdown {
                    exact: stype_mode(b, 0),
                    n_gold: b.n_gold,
                    overlap: stype_mode(b, 1),
                };
                ((*k).to_owned(), v)
            })
            .collect(),
        by_kind: kinds
            .iter()
            .map(|(k, b)| {
                let v = KindBreakdown {
                    exact: kind_mode(b, 0),
                    n_gold: b.n_gold,
                    overlap: kind_mode(b, 1),
                };
                (k.clone(), v)
            })
            .collect(),
        documents: gold.len(),
        documents_without_prediction: missing,
        exact: mode(tot[0]),
        iou_threshold: opts.iou,
        n_gold,
        n_pred,
        overlap: mode(tot[1]),
        strip_leading_that: opts.strip_that,
        subset: opts.subset,
        unknown_pred_ids: unknown.into_iter().map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Normalises `[s, e)` of `text` and compares the resulting substring.
    #[track_caller]
    fn check_norm(text: &str, s: usize, e: usize, strip_that: bool, want: &str) {
        let t = chars(text);
        let (a, b) = norm_span(&t, s, e, strip_that);
        assert_eq!(
            t[a..b].iter().collect::<String>(),
            want,
            "{text:?}[{s},{e})"
        );
    }

    /// Compares a predicted speaker against a gold speaker (plus alternatives).
    #[track_caller]
    fn check_speaker(gold: Option<&str>, alts: &[&str], pred: Option<&str>, want: bool) {
        let g = GoldQuote {
            speaker: gold.map(str::to_owned),
            speaker_alt: alts.iter().map(|a| (*a).to_owned()).collect(),
            ..GoldQuote::default()
        };
        assert_eq!(
            speaker_correct(&g, pred),
            want,
            "{gold:?}/{alts:?} vs {pred:?}"
        );
    }

    fn gq(start: usize, end: usize, kind: &str, speaker: Option<&str>) -> GoldQuote {
        GoldQuote {
            start,
            end,
            kind: Some(kind.to_owned()),
            speaker: speaker.map(str::to_owned),
            speaker_alt: Vec::new(),
        }
    }

    fn pq(start: usize, end: usize, speaker: Option<&str>) -> PredQuote {
        PredQuote {
            start,
            end,
            speaker: speaker.map(str::to_owned),
            ..PredQuote::default()
        }
    }

    #[test]
    fn norm_span_trims_and_strips_that() {
        check_norm("  \"Hello, world.\" ", 0, 18, true, "Hello, world");
        check_norm("that we go", 0, 10, true, "we go");
        check_norm("That\u{a0}, we go", 0, 12, true, "we go");
        check_norm("that we go", 0, 10, false, "that we go");
        check_norm("that x", 0, 6, true, "x");
        check_norm(" that. ", 0, 7, true, "that");
        check_norm("thatcher said", 0, 13, true, "thatcher said");
        check_norm("...", 0, 3, true, "");
        // Symbols (category S*) are not trimmed, \x1c is whitespace for Python.
        check_norm("$5\u{1c}", 0, 3, true, "$5");
    }

    #[test]
    fn speaker_tokens_follow_python() {
        let toks = |s: &str| speaker_tokens(s).map(|t| t.join(" "));
        assert_eq!(toks("The Mayor's Office").as_deref(), Some("mayor office"));
        assert_eq!(toks("O'Sullivan").as_deref(), Some("o sullivan"));
        assert_eq!(toks("Trump\u{2019}s").as_deref(), Some("trump"));
        assert_eq!(toks("'s").as_deref(), None);
        assert_eq!(toks("the an a").as_deref(), None);
        assert_eq!(toks("\u{ff21}nn Lee").as_deref(), Some("ann lee"));
        assert_eq!(toks("snake_case 42").as_deref(), Some("snake_case 42"));
        // İ lowercases to i + U+0307, a combining mark that splits the word.
        assert_eq!(toks("\u{130}stanbul").as_deref(), Some("i stanbul"));
    }

    #[test]
    fn speaker_comparison() {
        check_speaker(
            Some("Presidential Aide Yury Ushakov"),
            &[],
            Some("Ushakov"),
            true,
        );
        check_speaker(Some("Ushakov"), &[], Some("Yury Ushakov"), true);
        check_speaker(
            Some("Russian President Vladimir Putin"),
            &[],
            Some("president"),
            false,
        );
        check_speaker(Some("the Mayor"), &[], Some("MAYOR'S"), true);
        check_speaker(None, &[], None, true);
        check_speaker(Some("--"), &[], None, true);
        check_speaker(None, &[], Some("he"), false);
        check_speaker(Some("he"), &["Michael Flynn"], Some("Flynn"), true);
        check_speaker(Some("Ann Lee"), &[], Some("Lee Ann"), false);
        let g = gq(0, 1, "direct", Some("Ann Lee"));
        let mut p = pq(0, 1, Some("Bob"));
        assert!(!pred_speaker_correct(&g, &p));
        p.speaker_mention = Some("Lee".to_owned());
        assert!(pred_speaker_correct(&g, &p));
    }

    #[test]
    fn speaker_types() {
        assert_eq!(speaker_type(None), "null");
        assert_eq!(speaker_type(Some("The")), "null");
        assert_eq!(speaker_type(Some("He")), "pronoun");
        assert_eq!(speaker_type(Some("the others")), "pronoun");
        assert_eq!(speaker_type(Some("his aide")), "name");
    }

    #[test]
    fn iou_and_matching() {
        assert_eq!(iou((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(iou((0, 5), (5, 10)), 0.0);
        assert_eq!(iou((3, 3), (3, 3)), 0.0);
        // Exact: first free gold in gold order, empty predictions skipped.
        let gold = [(0, 5), (0, 5), (7, 7)];
        assert_eq!(
            match_exact(&gold, &[(0, 5), (7, 7), (0, 5), (0, 5)]),
            vec![(0, 0), (1, 2)]
        );
        // Overlap: best IoU first, ties by gold index then prediction index.
        let gold = [(0, 10), (0, 10)];
        let pred = [(0, 8), (0, 8), (0, 10)];
        assert_eq!(match_overlap(&gold, &pred, 0.5), vec![(0, 2), (1, 0)]);
        assert_eq!(match_overlap(&gold, &pred, 0.9), vec![(0, 2)]);
    }

    #[test]
    fn quote_marks() {
        let t = chars("He said \u{201c}go now\u{201d} and 'left'.");
        assert!(is_quote_marked(&t, 9, 15));
        assert!(is_quote_marked(&t, 0, 10));
        assert!(!is_quote_marked(&t, 21, 25));
        assert!(!is_quote_marked(&t, 30, 30));
    }

    fn doc(id: &str, text: &str, quotes: Vec<GoldQuote>) -> GoldDoc {
        GoldDoc {
            id: id.to_owned(),
            text: text.to_owned(),
            quotes,
        }
    }

    fn pdoc(id: &str, quotes: Vec<PredQuote>) -> PredDoc {
        PredDoc {
            id: id.to_owned(),
            quotes,
        }
    }

    fn sample() -> (Vec<GoldDoc>, Vec<PredDoc>) {
        // Code-point offsets: "é" and the curly quotes are one each.
        let text = "\u{201c}Caf\u{e9} now,\u{201d} Ann Lee said. He added that it was late.";
        let gold = vec![
            doc(
                "d1",
                text,
                vec![
                    gq(1, 10, "direct", Some("Ann Lee")),
                    gq(35, 52, "indirect", Some("He")),
                ],
            ),
            doc("d2", "Nothing here.", vec![]),
        ];
        let pred = vec![
            pdoc("d1", vec![pq(0, 11, Some("Lee")), pq(40, 51, Some("Bob"))]),
            pdoc("zz", vec![pq(0, 1, None)]),
        ];
        (gold, pred)
    }

    #[test]
    fn score_small_corpus() {
        let (gold, pred) = sample();
        let r = score(&gold, &pred, &ScoreOptions::default()).unwrap();
        assert_eq!((r.documents, r.documents_without_prediction), (2, 1));
        assert_eq!(r.unknown_pred_ids, vec!["zz".to_owned()]);
        assert_eq!((r.n_gold, r.n_pred), (2, 2));
        assert_eq!((r.exact.quote.tp, r.exact.speaker_correct), (2, 1));
        assert_eq!(r.overlap.end_to_end.recall, 0.5);
        assert_eq!(r.by_kind["indirect"].exact.speaker_accuracy, 0.0);
        assert_eq!(r.by_gold_speaker_type["pronoun"].n_gold, 1);

        let strict = ScoreOptions {
            strip_that: false,
            ..ScoreOptions::default()
        };
        let r = score(&gold, &pred, &strict).unwrap();
        assert_eq!((r.exact.quote.tp, r.overlap.quote.tp), (1, 2));

        let quoted = ScoreOptions {
            subset: Some(Subset::Quoted),
            ..ScoreOptions::default()
        };
        let r = score(&gold, &pred, &quoted).unwrap();
        assert_eq!((r.n_gold, r.n_pred, r.exact.end_to_end.tp), (1, 1, 1));
        assert_eq!(r.by_kind.keys().collect::<Vec<_>>(), ["direct"]);
    }

    #[test]
    fn report_json_and_render() {
        let (gold, pred) = sample();
        let r = score(&gold, &pred, &ScoreOptions::default()).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 12);
        assert_eq!(v["subset"], Value::Null);
        assert_eq!(v["exact"]["quote"]["precision"], 1.0);
        assert_eq!(v["by_kind"]["direct"]["overlap"]["end_to_end_recall"], 1.0);
        let want = "\
gold G: 2 docs, 2 quotes | pred P: 2 quotes (1 gold docs without prediction)
warning: 1 pred ids not in gold (ignored), e.g. 'zz'

match    measure           P       R      F1      TP
exact    quote        1.0000  1.0000  1.0000       2
exact    spk-acc                      0.5000       1
exact    end2end      0.5000  0.5000  0.5000       1
overlap  quote        1.0000  1.0000  1.0000       2
overlap  spk-acc                      0.5000       1
overlap  end2end      0.5000  0.5000  0.5000       1

by gold kind        n_gold  R(exact) R(ovl)  spk(ovl) e2eR(ovl)
  direct                 1   1.0000  1.0000   1.0000   1.0000
  indirect               1   1.0000  1.0000   0.0000   0.0000
by gold speaker     n_gold  R(exact) R(ovl)  spk(ovl)
  name                   1   1.0000  1.0000   1.0000
  pronoun                1   1.0000  1.0000   0.0000";
        assert_eq!(r.render("G", "P"), want);
    }

    #[test]
    fn bad_input_is_reported() {
        let (gold, mut pred) = sample();
        pred[0].quotes.push(pq(3, 99, None));
        let err = score(&gold, &pred, &ScoreOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "pred doc 'd1' quote #2: span [3,99) outside text of length 52"
        );
        pred[1].id = "d1".to_owned();
        let err = score(&gold, &pred, &ScoreOptions::default()).unwrap_err();
        assert!(
            matches!(err, ScoreError::DuplicateId { index: 1, .. }),
            "{err}"
        );
    }

    #[test]
    fn jsonl_parsing() {
        let gold = "{\"id\": \"a\", \"text\": \"xy\", \"quotes\": [{\"start\": 0, \"end\": 1, \
                    \"speaker_alt\": [\"A\", 3]}, {\"start\": 1, \"end\": 2, \"speaker_alt\": null}], \
                    \"meta\": {}}\r\n\x0c\n{\"id\": \"b\", \"text\": \"\"}";
        let docs = parse_gold_jsonl(gold).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].quotes[0].speaker_alt, vec!["A".to_owned()]);
        assert!(docs[0].quotes[1].speaker_alt.is_empty());
        assert!(docs[1].quotes.is_empty());

        let err = |input: &str| parse_gold_jsonl(input).unwrap_err().to_string();
        assert_eq!(err("\n[1]"), "line 2: expected a JSON object, got list");
        assert_eq!(err("{\"id\": 1}"), "line 1: missing or non-string \"id\"");
        assert_eq!(
            err("{\"id\": \"a\"}"),
            "line 1: gold document 'a' lacks a string \"text\""
        );
        assert_eq!(
            err("{\"id\": \"a\", \"text\": \"\"}\r{\"id\": \"a\", \"text\": \"\"}"),
            "line 2: duplicate id 'a'"
        );
        assert!(err(
            "{\"id\": \"a\", \"text\": \"\", \"quotes\": [{\"start\": 0, \"end\": 0, \
                     \"speaker_alt\": \"x\"}]}"
        )
        .contains("speaker_alt must be a list"));
        let preds = parse_pred_jsonl(
            "{\"id\": \"it's\", \"quotes\": [{\"start\": 1, \"end\": 2, \
                                      \"speaker_mention\": \"he\", \"conf\": 0.5}]}",
        )
        .unwrap();
        assert_eq!(preds[0].quotes[0].speaker_mention.as_deref(), Some("he"));
        assert_eq!(py_repr(&preds[0].id), "\"it's\"");
    }

    #[test]
    fn python_repr() {
        assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(
            py_repr("\u{e9}\n\u{7f}\u{a0}\u{200b}\u{1f600}"),
            "'\u{e9}\\n\\x7f\\xa0\\u200b\u{1f600}'"
        );
    }
}
