//! Reading gold and prediction JSONL with the checks and messages of
//! `score.py`'s loader.

use std::collections::HashSet;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::model::{GoldDoc, PredDoc, Role, ScoreError};
use super::python::{py_isspace, py_repr};

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

pub(super) fn de_speaker_alt<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::python::py_repr;

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
}
