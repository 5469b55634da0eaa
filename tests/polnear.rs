//! Accuracy guards on the PolNeAR dev corpus (skipped when `../shared` is
//! absent). The thresholds sit a little under the measured figures, so a
//! change that loses accuracy fails here.

use whosaid::eval::{score, GoldDoc, PredDoc, PredQuote, ScoreOptions, Subset};
use whosaid::{analyze_document, grammar::Grammar, output};

fn load() -> Option<Vec<GoldDoc>> {
    let path = "../shared/corpus/polnear/dev.jsonl";
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED: {path} is absent, so accuracy is not checked");
        return None;
    };
    Some(
        data.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

fn predict(gold: &[GoldDoc]) -> Vec<PredDoc> {
    let grammar = Grammar::bundled();
    gold.iter()
        .map(|d| {
            let p = output::predictions(&analyze_document(&d.id, &d.text, &grammar));
            PredDoc {
                id: p.id,
                quotes: p
                    .quotes
                    .into_iter()
                    .map(|q| PredQuote {
                        start: q.start,
                        end: q.end,
                        kind: Some(q.kind),
                        speaker: q.speaker,
                        speaker_mention: q.speaker_mention,
                    })
                    .collect(),
            }
        })
        .collect()
}

#[test]
fn polnear_dev_accuracy() {
    let Some(gold) = load() else { return };
    let pred = predict(&gold);
    let all = score(&gold, &pred, &ScoreOptions::default()).unwrap();
    let quoted = score(
        &gold,
        &pred,
        &ScoreOptions {
            subset: Some(Subset::Quoted),
            ..ScoreOptions::default()
        },
    )
    .unwrap();
    let direct_recall = all.by_kind["direct"].overlap.recall;
    let q_f1 = quoted.overlap.end_to_end.f1;
    let all_f1 = all.overlap.end_to_end.f1;
    eprintln!("direct recall {direct_recall:.4}, quoted e2e F1 {q_f1:.4}, all e2e F1 {all_f1:.4}");
    assert!(direct_recall >= 0.95, "direct recall {direct_recall}");
    assert!(q_f1 >= 0.65, "quoted end-to-end F1 {q_f1}");
    assert!(all_f1 >= 0.47, "all end-to-end F1 {all_f1}");
}
