//! `whosaid eval`: analyses every document of a gold corpus, scores the
//! claims exactly as `eval/score.py` does, and can write the predictions.

use std::io::{BufRead, BufReader};

use rayon::prelude::*;
use whosaid::eval::{score, GoldDoc, PredDoc, ScoreOptions, Subset};
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output, Error};

use super::write::{to_stdout, write_atomic};
use super::{EvalArgs, SubsetArg};

pub fn run(a: &EvalArgs, grammar: &Grammar) -> whosaid::Result<u8> {
    let io = |source| Error::Io {
        path: a.gold.clone(),
        source,
    };
    let file = std::fs::File::open(&a.gold).map_err(io)?;
    let mut gold: Vec<GoldDoc> = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(&line).map_err(|e| Error::BadDocument {
            id: format!("{}:{}", a.gold.display(), n + 1),
            reason: format!("malformed gold line: {e}"),
        })?;
        gold.push(doc);
    }
    let preds: Vec<output::PredictionDoc> = gold
        .par_iter()
        .map(|d| output::predictions(&analyze_document(&d.id, &d.text, grammar)))
        .collect();
    if let Some(path) = &a.predictions {
        let mut buf = Vec::new();
        for p in &preds {
            serde_json::to_writer(&mut buf, p).map_err(|e| Error::BadDocument {
                id: p.id.clone(),
                reason: e.to_string(),
            })?;
            buf.push(b'\n');
        }
        write_atomic(path, &buf).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    let pred_docs: Vec<PredDoc> = preds.into_iter().map(PredDoc::from).collect();
    let opts = ScoreOptions {
        iou: a.iou,
        strip_that: !a.strict_that,
        subset: a.subset.map(|s| match s {
            SubsetArg::Quoted => Subset::Quoted,
            SubsetArg::Indirect => Subset::Indirect,
        }),
    };
    let report = score(&gold, &pred_docs, &opts).map_err(|e| Error::BadDocument {
        id: a.gold.display().to_string(),
        reason: e.to_string(),
    })?;
    let pred_label = a
        .predictions
        .as_ref()
        .map_or("(whosaid)".to_string(), |p| p.display().to_string());
    let text = if a.json {
        serde_json::to_string_pretty(&report).unwrap_or_default()
    } else {
        report.render(&a.gold.display().to_string(), &pred_label)
    };
    to_stdout(format!("{text}\n").as_bytes())?;
    Ok(0)
}
