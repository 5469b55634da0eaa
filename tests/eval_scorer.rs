//! `whosaid eval` counts exactly as the shared scorer does: the library's
//! predictions on each dev corpus are written as the JSONL `score.py` reads,
//! scored by `python3 ../shared/eval/score.py --json` and by
//! [`whosaid::eval::score`] under every subset and option, and the two
//! reports must be equal figure for figure (the text tables too).
//!
//! Without python3, the script or a corpus, a test writes a `SKIPPED` line
//! straight to the terminal (it shows without `--nocapture`) and checks
//! nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use whosaid::eval::{parse_gold_jsonl, score, GoldDoc, PredDoc, ScoreOptions, Subset};
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output};

const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/score.py");

/// Says on the terminal that `test` checked nothing, and why. Written to
/// the stderr handle rather than with `eprintln!`, which the test harness
/// captures and hides for a passing test.
fn skipped(test: &str, reason: &str) {
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// Whether `python3` runs.
fn python3() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The options to compare under, as `score.py` flags and as the port's.
fn variants() -> Vec<(Vec<&'static str>, ScoreOptions)> {
    let with = |subset, strip_that, iou| ScoreOptions {
        iou,
        strip_that,
        subset,
    };
    vec![
        (vec![], ScoreOptions::default()),
        (
            vec!["--subset", "quoted"],
            with(Some(Subset::Quoted), true, 0.5),
        ),
        (
            vec!["--subset", "indirect"],
            with(Some(Subset::Indirect), true, 0.5),
        ),
        (vec!["--strict-that"], with(None, false, 0.5)),
        (
            vec!["--subset", "quoted", "--strict-that", "--iou", "0.8"],
            with(Some(Subset::Quoted), false, 0.8),
        ),
        (vec!["--iou", "0.3"], with(None, true, 0.3)),
    ]
}

/// Runs `score.py` and returns its standard output.
fn run_score_py(gold: &Path, pred: &Path, flags: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(SCORE_PY)
        .arg(gold)
        .arg(pred)
        .args(flags)
        .output()
        .expect("running score.py");
    assert!(
        out.status.success(),
        "score.py {flags:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("score.py prints UTF-8")
}

/// Parses JSON with every float turned into a string of its exact value
/// (Rust's shortest round-trip form, which differs for any two floats).
/// Both sides print shortest round-trip digits, which Rust's own parser
/// reads exactly; serde_json's default parser may be one unit in the last
/// place off, which would hide or invent a difference.
fn exact_floats(json: &str) -> Value {
    let b = json.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            out.push(c);
            if c == b'\\' {
                out.push(b[i + 1]);
                i += 1;
            }
            in_string = c != b'"';
            i += 1;
        } else if c == b'-' || c.is_ascii_digit() {
            let is_num = |x: &u8| matches!(x, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E');
            let end = b[i..]
                .iter()
                .position(|x| !is_num(x))
                .map_or(b.len(), |n| i + n);
            let token = &json[i..end];
            if token.contains(['.', 'e', 'E']) {
                let v: f64 = token.parse().expect("a JSON number");
                out.extend(format!("\"{v:?}\"").bytes());
            } else {
                out.extend(token.bytes());
            }
            i = end;
        } else {
            in_string = c == b'"';
            out.push(c);
            i += 1;
        }
    }
    serde_json::from_slice(&out).expect("JSON")
}

/// The first place where two JSON values differ, as a path and both sides.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(u), Some(v)) => first_difference(&format!("{path}.{k}"), u, v),
                (u, v) => Some(format!("{path}.{k}: {u:?} against {v:?}")),
            })
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} against {b}")),
    }
}

/// The library's predictions for `gold`, written to a JSONL file in the
/// format `whosaid eval --predictions` writes.
fn predict(corpus: &str, gold: &[GoldDoc]) -> (Vec<PredDoc>, PathBuf) {
    let grammar = Grammar::bundled();
    let preds: Vec<output::PredictionDoc> = gold
        .iter()
        .map(|d| output::predictions(&analyze_document(&d.id, &d.text, &grammar)))
        .collect();
    let mut jsonl = String::new();
    for p in &preds {
        jsonl.push_str(&serde_json::to_string(p).expect("predictions serialize"));
        jsonl.push('\n');
    }
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("eval-scorer-{corpus}.jsonl"));
    std::fs::write(&path, jsonl).expect("writing the predictions");
    (preds.into_iter().map(PredDoc::from).collect(), path)
}

/// Scores the library's predictions on `../shared/corpus/<corpus>/dev.jsonl`
/// with both scorers under every variant and requires equal reports.
fn same_figures_as_score_py(corpus: &str) {
    let test = format!("eval_scorer::{corpus}");
    let gold_path = PathBuf::from(format!(
        "{}/../shared/corpus/{corpus}/dev.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ));
    let Ok(data) = std::fs::read_to_string(&gold_path) else {
        return skipped(&test, &format!("{} is absent", gold_path.display()));
    };
    if !Path::new(SCORE_PY).is_file() || !python3() {
        return skipped(&test, "python3 or ../shared/eval/score.py is absent");
    }
    let gold = parse_gold_jsonl(&data).expect("gold corpus parses");
    let (pred, pred_path) = predict(corpus, &gold);
    for (flags, opts) in variants() {
        let report = score(&gold, &pred, &opts).expect("scoring");
        let ours = exact_floats(&serde_json::to_string(&report).expect("report serializes"));
        let json = run_score_py(&gold_path, &pred_path, &[&["--json"], &flags[..]].concat());
        let mut theirs = exact_floats(&json);
        let files = theirs.as_object_mut().expect("a JSON object");
        assert!(files.remove("gold_file").is_some() && files.remove("pred_file").is_some());
        if let Some(diff) = first_difference("", &ours, &theirs) {
            panic!("{corpus} {flags:?}: whosaid against score.py differ at {diff}");
        }
        let table = run_score_py(&gold_path, &pred_path, &flags);
        let labels = (
            gold_path.display().to_string(),
            pred_path.display().to_string(),
        );
        assert_eq!(
            report.render(&labels.0, &labels.1),
            table.trim_end_matches('\n'),
            "{corpus} {flags:?}: text tables differ"
        );
    }
    let _ = std::fs::remove_file(pred_path);
}

#[test]
fn polnear() {
    same_figures_as_score_py("polnear");
}

#[test]
fn de_spkatt() {
    same_figures_as_score_py("de_spkatt");
}

#[test]
fn adaq_ru() {
    same_figures_as_score_py("adaq_ru");
}

#[test]
fn adaq_cs() {
    same_figures_as_score_py("adaq_cs");
}
