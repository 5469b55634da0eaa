//! `whosaid extract`: streams documents through the pipeline and writes
//! results in input order. The calling thread reads documents in small
//! batches and hands each batch to the rayon pool; a writer thread puts the
//! finished batches back in order and writes them. At most a fixed number of
//! batches is between the reader and the writer, so memory stays bounded
//! whatever the input size, and no worker waits for a slow document of
//! another batch. With `-o DIR` each article becomes a claim file merged
//! with the one already there, so that review blocks survive re-extraction.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressStyle};
use whosaid::claim::Warning;
use whosaid::grammar::Grammar;
use whosaid::html::analyze_html;
use whosaid::review::{merge, ClaimFile};
use whosaid::speakers::SpeakerDirectory;
use whosaid::{analyze_document, output, Analysis, Error};

use super::claims::read_claim_file;
use super::input::{documents, expand, known_count, DocError, Pending, ReadOptions};
use super::write::{safe_file_stem, write_atomic};
use super::{ExtractArgs, Format};

/// Documents analysed as one task: enough to make a task worth scheduling,
/// few enough to keep the workers evenly loaded.
const BATCH_DOCS: usize = 16;
/// Bytes of text read into one batch at most (a larger document is a batch
/// of its own).
const BATCH_BYTES: usize = 1 << 20;
/// Batches read but not yet written, per worker thread: bounds memory.
const BATCHES_PER_THREAD: usize = 4;

/// One document's outcome, or why it has none.
type Outcome = Result<Done, DocError>;

/// What the writer needs of an analysed document.
enum Done {
    /// Output on standard output: the rendered analysis. The analysis itself
    /// is dropped on the worker that made it, where freeing is cheapest.
    Rendered {
        id: String,
        warnings: Vec<Warning>,
        rendered: String,
    },
    /// A claim file to merge and write (`-o DIR`): the analysis and its text.
    ClaimFile {
        analysis: Box<Analysis>,
        text: String,
    },
}

/// What the writer has done so far.
#[derive(Default)]
struct Written {
    /// Documents written (YAML separates them with `---`).
    documents: usize,
    /// Documents that failed.
    failed: usize,
}

pub fn run(a: &ExtractArgs, grammar: &Grammar) -> whosaid::Result<u8> {
    let speakers = match &a.speakers {
        Some(path) => {
            let yaml = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Some(SpeakerDirectory::from_yaml(path, &yaml)?)
        }
        None => None,
    };
    if let Some(dir) = &a.output_dir {
        std::fs::create_dir_all(dir).map_err(|source| whosaid::Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    let opts = ReadOptions {
        format: a.input_format,
        text_field: a.text_field.clone(),
        id_field: a.id_field.clone(),
        lossy: a.lossy,
    };
    let sources = expand(&a.inputs);
    let progress = if !a.quiet && std::io::stderr().is_terminal() {
        progress_bar(known_count(&sources, a.input_format))
    } else {
        ProgressBar::hidden()
    };
    let mut docs = documents(sources, opts.clone());
    // Parsing JSON, analysing and rendering all run on the workers.
    let analyse = |d: Pending| -> Outcome {
        let d = d.resolve(&opts)?;
        let mut analysis = if d.html {
            analyze_html(&d.id, &d.text, grammar)
        } else {
            analyze_document(&d.id, &d.text, grammar)
        };
        if let Some(dir) = &speakers {
            dir.apply(&mut analysis);
        }
        Ok(if a.output_dir.is_some() {
            Done::ClaimFile {
                analysis: Box::new(analysis),
                text: d.text,
            }
        } else {
            Done::Rendered {
                rendered: render(a, &analysis),
                id: analysis.article.id,
                warnings: analysis.warnings,
            }
        })
    };
    let in_flight = rayon::current_num_threads() * BATCHES_PER_THREAD;
    // A batch takes a free slot when it is read and gives it back when it
    // is written.
    let (free_tx, free_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = free_tx.send(());
    }
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Outcome>)>();
    // Set by the writer when standard output is closed (`| head`).
    let stop = AtomicBool::new(false);
    let written = std::thread::scope(|threads| {
        let writer = threads.spawn(|| write_in_order(a, done_rx, free_tx, &progress, &stop));
        rayon::in_place_scope(|pool| {
            let analyse = &analyse;
            for seq in 0.. {
                let batch = next_batch(&mut docs);
                if batch.is_empty() || stop.load(Ordering::Relaxed) || free_rx.recv().is_err() {
                    break;
                }
                let done = done_tx.clone();
                pool.spawn(move |_| {
                    let outcomes = batch.into_iter().map(contain_panic(analyse)).collect();
                    // The writer is gone only when output is closed.
                    let _ = done.send((seq, outcomes));
                });
            }
        });
        drop(done_tx);
        writer.join()
    });
    progress.finish_and_clear();
    match written {
        Ok(w) => Ok(if w.failed > 0 { 1 } else { 0 }),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// `analyse`, turning a panic (a bug: no text should cause one) into an
/// error record for that document, so that the batch, and the writer
/// waiting for it, go on.
fn contain_panic(
    analyse: &(impl Fn(Pending) -> Outcome + Sync),
) -> impl Fn(Pending) -> Outcome + '_ {
    move |d: Pending| {
        let label = d.label();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyse(d))).unwrap_or_else(|_| {
            Err(DocError {
                id: label,
                message: "internal error: the analysis panicked (please report this document)"
                    .into(),
            })
        })
    }
}

/// The next documents to analyse together: up to [`BATCH_DOCS`] documents
/// or [`BATCH_BYTES`] bytes; empty at the end of the input.
fn next_batch(docs: &mut impl Iterator<Item = Pending>) -> Vec<Pending> {
    let mut batch = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0;
    while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
        let Some(d) = docs.next() else { break };
        bytes += d.size();
        batch.push(d);
    }
    batch
}

/// Receives finished batches, in any order, and writes their documents in
/// input order, freeing a batch slot for the reader after each batch.
/// Returns early, setting `stop`, when standard output is closed.
fn write_in_order(
    a: &ExtractArgs,
    done: mpsc::Receiver<(usize, Vec<Outcome>)>,
    free: mpsc::SyncSender<()>,
    progress: &ProgressBar,
    stop: &AtomicBool,
) -> Written {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut w = Written::default();
    let mut waiting: BTreeMap<usize, Vec<Outcome>> = BTreeMap::new();
    let mut next = 0;
    for (seq, outcomes) in done {
        waiting.insert(seq, outcomes);
        while let Some(outcomes) = waiting.remove(&next) {
            for outcome in outcomes {
                if write_outcome(a, &mut out, outcome, progress, &mut w).is_err() {
                    stop.store(true, Ordering::Relaxed);
                    return w;
                }
            }
            next += 1;
            let _ = free.send(());
        }
    }
    w
}

/// Writes one document's outcome; `Err` only when standard output is
/// closed, which ends the run.
fn write_outcome(
    a: &ExtractArgs,
    out: &mut impl Write,
    outcome: Outcome,
    progress: &ProgressBar,
    w: &mut Written,
) -> Result<(), std::io::Error> {
    progress.inc(1);
    match outcome {
        Ok(done) => {
            let (id, warnings) = match &done {
                Done::Rendered { id, warnings, .. } => (id.clone(), warnings.as_slice()),
                Done::ClaimFile { analysis, .. } => {
                    (analysis.article.id.clone(), analysis.warnings.as_slice())
                }
            };
            if !a.quiet {
                for warning in warnings {
                    progress.suspend(|| eprintln!("whosaid: {id}: warning: {}", warning.message));
                }
            }
            let emitted = match done {
                Done::ClaimFile { analysis, text } => match &a.output_dir {
                    Some(dir) => {
                        progress.suspend(|| write_claim_file(dir, *analysis, &text, a.quiet))
                    }
                    None => Ok(()),
                },
                Done::Rendered { rendered, .. } => emit(a, out, &rendered, w.documents),
            };
            w.documents += 1;
            if let Err(e) = emitted {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Err(e);
                }
                w.failed += 1;
                progress.suspend(|| eprintln!("whosaid: {id}: {e}"));
            }
        }
        Err(e) => {
            w.failed += 1;
            progress.suspend(|| eprintln!("whosaid: {}: error: {}", e.id, e.message));
            if a.format == Format::Jsonl && a.output_dir.is_none() {
                let rec = serde_json::json!({"id": e.id, "error": e.message});
                let _ = writeln!(out, "{rec}");
                let _ = out.flush();
            }
        }
    }
    Ok(())
}

/// Writes the claim file of `analysis` into `dir`, merged with the claim
/// file already there: review blocks are kept, and the reviews of vanished
/// claims move to `orphaned` and are reported on standard error. An
/// existing file that cannot be read is left alone (its reviews would be
/// lost), and the document counts as failed.
fn write_claim_file(
    dir: &std::path::Path,
    analysis: Analysis,
    text: &str,
    quiet: bool,
) -> std::io::Result<()> {
    let id = analysis.article.id.clone();
    let path = dir.join(format!("{}.yaml", safe_file_stem(&id)));
    let mut file = ClaimFile::new(analysis, text);
    if path.exists() {
        let old = read_claim_file(&path).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{e}; not overwritten, so that no review is lost"),
            )
        })?;
        let (merged, report) = merge(file, &old);
        file = merged;
        for o in &report.orphaned {
            eprintln!(
                "whosaid: {id}: claim {} ({}: \u{201c}{}\u{201d}) is no longer extracted; its {} review is kept under `orphaned`",
                o.id,
                o.speaker.as_deref().unwrap_or("no speaker"),
                o.content,
                o.review.status.as_str()
            );
        }
        if !quiet && !report.dropped_unreviewed.is_empty() {
            eprintln!(
                "whosaid: {id}: {} unreviewed claims are no longer extracted: {}",
                report.dropped_unreviewed.len(),
                report.dropped_unreviewed.join(", ")
            );
        }
    }
    let yaml = serde_yaml::to_string(&file)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    write_atomic(&path, yaml.as_bytes())
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// A bar with documents per second and an ETA when the number of documents
/// is known (text files), a spinner with the rate otherwise (JSONL, stdin).
fn progress_bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{bar:30} {pos}/{len} docs ({per_sec}), ETA {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} docs ({per_sec}), {elapsed}",
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The analysis as printed on standard output, in `--format`.
fn render(a: &ExtractArgs, analysis: &Analysis) -> String {
    match a.format {
        Format::Yaml => output::to_yaml(analysis),
        Format::Json => output::to_json_pretty(analysis) + "\n",
        Format::Jsonl => output::to_json_line(analysis) + "\n",
    }
}

/// Writes the rendered analysis of the `index`th document.
fn emit(
    a: &ExtractArgs,
    out: &mut impl Write,
    rendered: &str,
    index: usize,
) -> std::io::Result<()> {
    if a.format == Format::Yaml && index > 0 {
        writeln!(out, "---")?;
    }
    out.write_all(rendered.as_bytes())?;
    if a.format == Format::Jsonl {
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_analysis_becomes_an_error_record_for_its_document() {
        let analyse = |d: Pending| -> Outcome {
            match d {
                Pending::Line { ref at, .. } if at == "in.jsonl:2" => panic!("a bug"),
                d => Err(DocError {
                    id: d.label(),
                    message: "fine".into(),
                }),
            }
        };
        let line = |at: &str| Pending::Line {
            at: at.into(),
            bytes: b"{}".to_vec(),
        };
        let outcomes: Vec<Outcome> = [line("in.jsonl:1"), line("in.jsonl:2"), line("in.jsonl:3")]
            .into_iter()
            .map(contain_panic(&analyse))
            .collect();
        let errors: Vec<(String, String)> = outcomes
            .into_iter()
            .map(|o| match o {
                Err(e) => (e.id, e.message),
                Ok(_) => panic!("no document was analysed"),
            })
            .collect();
        assert_eq!(errors[0], ("in.jsonl:1".into(), "fine".into()));
        assert_eq!(errors[1].0, "in.jsonl:2");
        assert!(errors[1].1.starts_with("internal error"), "{}", errors[1].1);
        assert_eq!(errors[2], ("in.jsonl:3".into(), "fine".into()));
    }
}
