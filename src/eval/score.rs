//! Scoring a whole corpus: documents in gold order, the subset restriction,
//! both matching modes, and the counts behind the report.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::model::{
    GoldDoc, GoldQuote, PredDoc, PredQuote, Role, ScoreError, ScoreOptions, Subset,
};
use super::report::{
    KindBreakdown, KindModeScores, ModeScores, Prf, Report, SpeakerTypeBreakdown,
    SpeakerTypeModeScores,
};
use super::span::{is_quote_marked, match_exact, match_overlap, norm_span};
use super::speaker::{pred_speaker_correct, speaker_type};

/// Index of exact matching in per-mode counts; overlap matching is 1.
const EXACT: usize = 0;
/// Index of overlap matching in per-mode counts.
const OVERLAP: usize = 1;

/// Counts of one bucket (a gold kind or a gold speaker type): its gold
/// quotes, and per mode its matched pairs and those with a correct speaker.
#[derive(Default)]
struct Bucket {
    n_gold: usize,
    modes: [[usize; 2]; 2],
}

impl Bucket {
    fn kind_mode(&self, m: usize) -> KindModeScores {
        let [tp, ok] = self.modes[m];
        KindModeScores {
            end_to_end_recall: ratio(ok, self.n_gold),
            recall: ratio(tp, self.n_gold),
            speaker_accuracy: ratio(ok, tp),
        }
    }

    fn speaker_type_mode(&self, m: usize) -> SpeakerTypeModeScores {
        let [tp, ok] = self.modes[m];
        SpeakerTypeModeScores {
            recall: ratio(tp, self.n_gold),
            speaker_accuracy: ratio(ok, tp),
        }
    }
}

/// The counts of a corpus, gathered document by document.
#[derive(Default)]
struct Tally {
    /// Per mode: matched pairs, and those with a correct speaker.
    totals: [[usize; 2]; 2],
    n_gold: usize,
    n_pred: usize,
    documents_without_prediction: usize,
    kinds: BTreeMap<String, Bucket>,
    speaker_types: BTreeMap<&'static str, Bucket>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

/// The kind a gold quote is counted under (`"unspecified"` when absent or
/// empty, as Python's `kind or "unspecified"`).
fn kind_of(g: &GoldQuote) -> String {
    match g.kind.as_deref() {
        None | Some("") => "unspecified".to_owned(),
        Some(k) => k.to_owned(),
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

/// Keeps the gold quotes and predictions that `subset` scores: gold by
/// kind, predictions by whether they are quote-marked in `text`.
fn restrict(text: &[char], gold: &mut Vec<&GoldQuote>, pred: &mut Vec<&PredQuote>, subset: Subset) {
    let quoted = subset == Subset::Quoted;
    gold.retain(|g| match g.kind.as_deref() {
        Some("direct" | "mixed") => quoted,
        Some("indirect") => !quoted,
        _ => false,
    });
    pred.retain(|p| is_quote_marked(text, p.start, p.end) == quoted);
}

impl Tally {
    /// Counts one gold document against its predictions (`None` when the
    /// predictions have no document of its id).
    fn add_document(
        &mut self,
        gd: &GoldDoc,
        pd: Option<&PredDoc>,
        opts: &ScoreOptions,
    ) -> Result<(), ScoreError> {
        let text: Vec<char> = gd.text.chars().collect();
        let spans = gd.quotes.iter().map(|q| (q.start, q.end));
        check_spans(spans, Role::Gold, &gd.id, text.len())?;
        let mut gq: Vec<&GoldQuote> = gd.quotes.iter().collect();
        let mut pq: Vec<&PredQuote> = match pd {
            Some(pd) => {
                let spans = pd.quotes.iter().map(|q| (q.start, q.end));
                check_spans(spans, Role::Pred, &gd.id, text.len())?;
                pd.quotes.iter().collect()
            }
            None => {
                self.documents_without_prediction += 1;
                Vec::new()
            }
        };
        if let Some(subset) = opts.subset {
            restrict(&text, &mut gq, &mut pq, subset);
        }
        let norm = |s, e| norm_span(&text, s, e, opts.strip_that);
        let gn: Vec<_> = gq.iter().map(|q| norm(q.start, q.end)).collect();
        let pn: Vec<_> = pq.iter().map(|q| norm(q.start, q.end)).collect();
        self.n_gold += gq.len();
        self.n_pred += pq.len();
        for g in &gq {
            self.bucket(g, |b| b.n_gold += 1);
        }
        let pairs = [match_exact(&gn, &pn), match_overlap(&gn, &pn, opts.iou)];
        for (mode, pairs) in pairs.into_iter().enumerate() {
            for (gi, pi) in pairs {
                let ok = usize::from(pred_speaker_correct(gq[gi], pq[pi]));
                let add = |counts: &mut [usize; 2]| {
                    counts[0] += 1;
                    counts[1] += ok;
                };
                add(&mut self.totals[mode]);
                self.bucket(gq[gi], |b| add(&mut b.modes[mode]));
            }
        }
        Ok(())
    }

    /// Applies `f` to the kind bucket and to the speaker-type bucket of `g`.
    fn bucket(&mut self, g: &GoldQuote, mut f: impl FnMut(&mut Bucket)) {
        f(self.kinds.entry(kind_of(g)).or_default());
        f(self
            .speaker_types
            .entry(speaker_type(g.speaker.as_deref()))
            .or_default());
    }

    fn mode(&self, m: usize) -> ModeScores {
        let [tp, ok] = self.totals[m];
        ModeScores {
            end_to_end: Prf::new(ok, self.n_pred, self.n_gold),
            quote: Prf::new(tp, self.n_pred, self.n_gold),
            speaker_accuracy: ratio(ok, tp),
            speaker_correct: ok,
        }
    }

    fn report(self, documents: usize, unknown: Vec<String>, opts: &ScoreOptions) -> Report {
        let by_gold_speaker_type = self.speaker_types.iter().map(|(k, b)| {
            let v = SpeakerTypeBreakdown {
                exact: b.speaker_type_mode(EXACT),
                n_gold: b.n_gold,
                overlap: b.speaker_type_mode(OVERLAP),
            };
            ((*k).to_owned(), v)
        });
        let by_kind = self.kinds.iter().map(|(k, b)| {
            let v = KindBreakdown {
                exact: b.kind_mode(EXACT),
                n_gold: b.n_gold,
                overlap: b.kind_mode(OVERLAP),
            };
            (k.clone(), v)
        });
        Report {
            by_gold_speaker_type: by_gold_speaker_type.collect(),
            by_kind: by_kind.collect(),
            documents,
            documents_without_prediction: self.documents_without_prediction,
            exact: self.mode(EXACT),
            iou_threshold: opts.iou,
            n_gold: self.n_gold,
            n_pred: self.n_pred,
            overlap: self.mode(OVERLAP),
            strip_leading_that: opts.strip_that,
            subset: opts.subset,
            unknown_pred_ids: unknown,
        }
    }
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
    let mut tally = Tally::default();
    for gd in gold {
        tally.add_document(gd, pred_docs.get(gd.id.as_str()).copied(), opts)?;
    }
    let unknown = unknown.into_iter().map(str::to_owned).collect();
    Ok(tally.report(gold.len(), unknown, opts))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::{gq, pq};
    use serde_json::Value;

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
}
