//! `whosaid extract`: streams documents through the pipeline and writes
//! results in input order. The calling thread reads the input in batches
//! (a few text files, or the whole JSONL lines one read brings) and hands
//! each batch to the rayon pool, which parses, analyses and renders it into
//! one output buffer; a writer thread puts the finished batches back in
//! order and writes each with one call. At most a fixed number of batches is
//! between the reader and the writer, so memory stays bounded whatever the
//! input size, and no worker waits for a slow document of another batch.
//! Input and output buffers go round through a [`BufferPool`]. With
//! `-o DIR` each article becomes a claim file merged with the one already
//! there, so that review blocks survive re-extraction.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use indicatif::{ProgressBar, ProgressStyle};
use whosaid::claim::Warning;
use whosaid::grammar::Grammar;
use whosaid::html::analyze_html;
use whosaid::workflow::speakers::SpeakerDirectory;
use whosaid::{analyze_document, output, Analysis, Error};

use super::input::{
    documents, expand, known_count, parse_line, BufferPool, DocError, DocResult, Document, Pending,
    ReadOptions,
};
use super::store::Store;
use super::{ExtractArgs, Format};

/// Text files analysed as one task: enough to make a task worth scheduling,
/// few enough to keep the workers evenly loaded. (JSONL lines come in
/// chunks of about [`super::input::READ_SIZE`] bytes, a task each.)
const BATCH_DOCS: usize = 16;
/// Bytes of text read into one batch at most (a larger document is a batch
/// of its own).
const BATCH_BYTES: usize = 1 << 20;
/// Batches read but not yet written, per worker thread: bounds memory.
const BATCHES_PER_THREAD: usize = 4;
/// Largest output buffer kept for the next batch. A chunk's JSON Lines take
/// about four times its bytes; a larger buffer held an outsized document.
const OUTPUT_KEEP_CAPACITY: usize = 32 * super::input::READ_SIZE;
/// Room made for a batch's output per byte of its input, so that the
/// buffer seldom grows while it is filled.
const OUTPUT_PER_INPUT: usize = 6;
/// What comes before every YAML document but the run's first.
const YAML_SEPARATOR: &str = "---\n";

/// A batch as analysed: what it prints, and how each document fared.
struct BatchDone {
    /// The standard output of all the batch's documents, in order (empty
    /// with `-o DIR`).
    out: String,
    /// The documents, in order.
    docs: Vec<DocDone>,
}

/// How one document fared.
enum DocDone {
    /// Rendered into the batch's `out`, up to byte `end` (from the end of
    /// the document before). YAML starts with [`YAML_SEPARATOR`].
    Written {
        end: usize,
        /// The document's id and warnings, when it has any.
        warnings: Option<Box<(String, Vec<Warning>)>>,
    },
    /// To be merged into its claim file (`-o DIR`) by the writer.
    ClaimFile {
        analysis: Box<Analysis>,
        text: String,
    },
    /// Not analysed: why. Its JSONL error record is in `out`, up to `end`.
    Failed { error: DocError, end: usize },
}

/// What the writer has done so far.
#[derive(Default)]
struct Written {
    /// Documents written (YAML separates them with `---`).
    documents: usize,
    /// Documents that failed.
    failed: usize,
    /// Why standard output could not be written, when it could not.
    output_error: Option<std::io::Error>,
    /// Reviews carried over to their claim.
    reviews_kept: usize,
    /// Reviews whose claim is gone (kept under `orphaned`).
    reviews_orphaned: usize,
}

/// The settings and shared parts every worker uses.
struct Extractor<'a> {
    args: &'a ExtractArgs,
    grammar: &'a Grammar,
    speakers: Option<SpeakerDirectory>,
    opts: ReadOptions,
    /// Input chunks, given back once parsed.
    inputs: Arc<BufferPool>,
    /// Batches' output, given back once written.
    outputs: BufferPool,
}

pub fn run(a: &ExtractArgs, grammar: &Grammar) -> whosaid::Result<u8> {
    let speakers = load_speakers(a)?;
    let store = match &a.output_dir {
        Some(dir) => Some(Store::open(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?),
        None => None,
    };
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
    let inputs = Arc::new(BufferPool::for_input());
    let docs = documents(sources, opts.clone(), inputs.clone());
    let extractor = Extractor {
        args: a,
        grammar,
        speakers,
        opts,
        inputs,
        outputs: BufferPool::new(OUTPUT_KEEP_CAPACITY),
    };
    let writer = Writer {
        args: a,
        store: store.as_ref(),
        pool: &extractor.outputs,
        progress: &progress,
        stop: AtomicBool::new(false),
    };
    let written = pipeline(&extractor, &writer, docs);
    progress.finish_and_clear();
    match written.output_error {
        Some(source) => Err(Error::Io {
            path: "standard output".into(),
            source,
        }),
        None => Ok(if written.failed > 0 { 1 } else { 0 }),
    }
}

/// The speaker directory named by `--speakers`, if any.
fn load_speakers(a: &ExtractArgs) -> whosaid::Result<Option<SpeakerDirectory>> {
    let Some(path) = &a.speakers else {
        return Ok(None);
    };
    let yaml = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    Ok(Some(SpeakerDirectory::from_yaml(path, &yaml)?))
}

/// Reads `docs` in batches, has the rayon pool analyse them and `writer`
/// write them in order; returns what was written.
fn pipeline(
    extractor: &Extractor,
    writer: &Writer,
    mut docs: impl Iterator<Item = Pending>,
) -> Written {
    let in_flight = rayon::current_num_threads() * BATCHES_PER_THREAD;
    // A batch takes a free slot when it is read and gives it back when it
    // is written.
    let (free_tx, free_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = free_tx.send(());
    }
    let (done_tx, done_rx) = mpsc::channel::<(usize, BatchDone)>();
    let written = std::thread::scope(|threads| {
        let handle = threads.spawn(|| writer.write_in_order(done_rx, free_tx));
        rayon::in_place_scope(|workers| {
            for seq in 0.. {
                let batch = next_batch(&mut docs);
                let stop = writer.stop.load(Ordering::Relaxed);
                if batch.is_empty() || stop || free_rx.recv().is_err() {
                    break;
                }
                let done = done_tx.clone();
                workers.spawn(move |_| {
                    // The writer is gone only when output is closed.
                    let _ = done.send((seq, extractor.batch(batch)));
                });
            }
        });
        drop(done_tx);
        handle.join()
    });
    written.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

impl Extractor<'_> {
    /// Parses, analyses and renders a batch's documents.
    fn batch(&self, batch: Vec<Pending>) -> BatchDone {
        let input: usize = batch.iter().map(Pending::size).sum();
        let room = (OUTPUT_PER_INPUT * input).min(OUTPUT_KEEP_CAPACITY);
        let mut out = String::from_utf8(self.outputs.take()).unwrap_or_default();
        if out.capacity() < room {
            // A fresh buffer: growing the spare one would copy all of it.
            out = String::with_capacity(room);
        }
        let mut done = BatchDone {
            out,
            docs: Vec::new(),
        };
        for pending in batch {
            match pending {
                Pending::Ready(d) => {
                    let label = match &d {
                        Ok(d) => d.id.clone(),
                        Err(e) => e.id.clone(),
                    };
                    self.document(&mut done, || label, || d);
                }
                Pending::Lines(chunk) => {
                    for (at, line) in chunk.lines() {
                        let read = || parse_line(at, line, &self.opts);
                        self.document(&mut done, || at.to_string(), read);
                    }
                    self.inputs.give(chunk.bytes);
                }
            }
        }
        done
    }

    /// Analyses the document `read` gives and adds it to `done`.
    fn document(
        &self,
        done: &mut BatchDone,
        label: impl FnOnce() -> String,
        read: impl FnOnce() -> DocResult,
    ) {
        let outcome = contain_panic(&mut done.out, label, |out| {
            read().map(|d| self.analyse(d, out))
        });
        let error = match outcome {
            Ok(doc) => {
                done.docs.push(doc);
                return;
            }
            Err(error) => error,
        };
        if self.args.format == Format::Jsonl && self.args.output_dir.is_none() {
            let record = serde_json::json!({"id": error.id, "error": error.message});
            done.out.push_str(&record.to_string());
            done.out.push('\n');
        }
        let end = done.out.len();
        done.docs.push(DocDone::Failed { error, end });
    }

    /// Analyses a document and renders it into `out`, or keeps the analysis
    /// for its claim file.
    fn analyse(&self, d: Document, out: &mut String) -> DocDone {
        let mut analysis = if d.html {
            analyze_html(&d.id, &d.text, self.grammar)
        } else {
            analyze_document(&d.id, &d.text, self.grammar)
        };
        if let Some(dir) = &self.speakers {
            dir.apply(&mut analysis);
        }
        if self.args.output_dir.is_some() {
            return DocDone::ClaimFile {
                analysis: Box::new(analysis),
                text: d.text,
            };
        }
        render(self.args.format, &analysis, out);
        let warnings = (!analysis.warnings.is_empty())
            .then(|| Box::new((analysis.article.id, analysis.warnings)));
        DocDone::Written {
            end: out.len(),
            warnings,
        }
    }
}

/// Runs `analyse`, which renders onto `out`, turning a panic (a bug: no
/// text should cause one) into an error for the document named by `label`,
/// so that the batch, and the writer waiting for it, go on. Whatever was
/// rendered before the panic is dropped.
fn contain_panic<T>(
    out: &mut String,
    label: impl FnOnce() -> String,
    analyse: impl FnOnce(&mut String) -> Result<T, DocError>,
) -> Result<T, DocError> {
    let start = out.len();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyse(out)));
    outcome.unwrap_or_else(|_| {
        out.truncate(start);
        Err(DocError {
            id: label(),
            message: "internal error: the analysis panicked (please report this document)".into(),
        })
    })
}

/// The next input to analyse together: up to [`BATCH_DOCS`] documents or
/// [`BATCH_BYTES`] bytes, or one chunk of JSONL lines; empty at the end of
/// the input.
fn next_batch(docs: &mut impl Iterator<Item = Pending>) -> Vec<Pending> {
    let mut batch = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0;
    while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
        let Some(d) = docs.next() else { break };
        bytes += d.size();
        let lines = matches!(d, Pending::Lines(_));
        batch.push(d);
        if lines {
            break;
        }
    }
    batch
}

/// The writer thread's settings and shared parts.
struct Writer<'a> {
    args: &'a ExtractArgs,
    /// The output folder with `-o DIR`.
    store: Option<&'a Store>,
    /// Where written output buffers go back.
    pool: &'a BufferPool,
    progress: &'a ProgressBar,
    /// Set by the writer when standard output is closed (`| head`).
    stop: AtomicBool,
}

impl Writer<'_> {
    /// Receives finished batches, in any order, and writes them in input
    /// order, freeing a batch slot for the reader after each batch. Returns
    /// early, setting `stop`, when standard output is closed or fails.
    fn write_in_order(
        &self,
        done: mpsc::Receiver<(usize, BatchDone)>,
        free: mpsc::SyncSender<()>,
    ) -> Written {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let mut w = Written::default();
        let mut waiting: BTreeMap<usize, BatchDone> = BTreeMap::new();
        let mut next = 0;
        for (seq, batch) in done {
            waiting.insert(seq, batch);
            while let Some(batch) = waiting.remove(&next) {
                let buffer = self.write_batch(&mut out, batch, &mut w);
                match buffer {
                    Ok(buffer) => self.pool.give(buffer.into_bytes()),
                    Err(e) => {
                        // A closed pipe (`| head`) ends the run quietly.
                        if e.kind() != std::io::ErrorKind::BrokenPipe {
                            w.output_error = Some(e);
                        }
                        self.stop.store(true, Ordering::Relaxed);
                        return w;
                    }
                }
                next += 1;
                let _ = free.send(());
            }
        }
        w
    }

    /// Writes one batch: its documents' output in one call (a line of JSONL is
    /// out as soon as the lines before it are), its messages on standard
    /// error, and its claim files. Gives back the output buffer for reuse;
    /// `Err` when standard output fails, which ends the run.
    fn write_batch(
        &self,
        out: &mut impl Write,
        batch: BatchDone,
        w: &mut Written,
    ) -> std::io::Result<String> {
        let (a, progress) = (self.args, self.progress);
        let text = batch.out.as_bytes();
        // Bytes of `text` before `from` are written (or skipped).
        let mut from = 0;
        // Where the current document's output starts.
        let mut start = 0;
        for doc in batch.docs {
            progress.inc(1);
            match doc {
                DocDone::Written { end, warnings } => {
                    if let (Some(notes), false) = (&warnings, a.quiet) {
                        let (id, warnings) = &**notes;
                        for warning in warnings {
                            progress.suspend(|| {
                                eprintln!("whosaid: {id}: warning: {}", warning.message)
                            });
                        }
                    }
                    if a.format == Format::Yaml && w.documents == 0 {
                        // The run's first document has no separator before it.
                        out.write_all(&text[from..start])?;
                        from = start + YAML_SEPARATOR.len();
                    }
                    w.documents += 1;
                    start = end;
                }
                DocDone::Failed { error, end } => {
                    w.failed += 1;
                    progress
                        .suspend(|| eprintln!("whosaid: {}: error: {}", error.id, error.message));
                    start = end;
                }
                DocDone::ClaimFile { analysis, text } => {
                    let id = analysis.article.id.clone();
                    if !a.quiet {
                        for warning in &analysis.warnings {
                            progress.suspend(|| {
                                eprintln!("whosaid: {id}: warning: {}", warning.message)
                            });
                        }
                    }
                    w.documents += 1;
                    if let Some(store) = self.store {
                        let written = progress
                            .suspend(|| write_claim_file(store, *analysis, &text, a.quiet, w));
                        if let Err(e) = written {
                            w.failed += 1;
                            progress.suspend(|| eprintln!("whosaid: {id}: {e}"));
                        }
                    }
                }
            }
        }
        if from < text.len() {
            out.write_all(&text[from..])?;
            out.flush()?;
        }
        Ok(batch.out)
    }
}

/// Writes the claim file of `analysis` into `store`, merged with the one
/// already there, and reports on standard error the reviews whose claim
/// is gone (with its likely successor) and, unless `quiet`, the unreviewed
/// claims that went.
fn write_claim_file(
    store: &Store,
    analysis: Analysis,
    text: &str,
    quiet: bool,
    w: &mut Written,
) -> std::io::Result<()> {
    let id = analysis.article.id.clone();
    let Some(report) = store.write(analysis, text)?.merge else {
        return Ok(());
    };
    w.reviews_kept += report.kept_by_id + report.kept_by_content;
    w.reviews_orphaned += report.orphaned.len();
    for o in &report.orphaned {
        let successor = match &o.likely_successor {
            Some(s) => {
                format!("; likely successor: {s} (re-confirm it there if it is the same claim)")
            }
            None => String::new(),
        };
        eprintln!(
            "whosaid: {id}: claim {} ({}: \u{201c}{}\u{201d}) is no longer extracted; its {} review is kept under `orphaned`{successor}",
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
    Ok(())
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

/// Renders `analysis` onto `out` in `format`.
fn render(format: Format, analysis: &Analysis, out: &mut String) {
    match format {
        Format::Yaml => {
            out.push_str(YAML_SEPARATOR);
            out.push_str(&output::to_yaml(analysis));
        }
        Format::Json => {
            out.push_str(&output::to_json_pretty(analysis));
            out.push('\n');
        }
        Format::Jsonl => {
            output::write_json_line(analysis, out);
            out.push('\n');
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_for_its_document_and_drops_its_output() {
        let mut out = String::from("{\"id\":\"before\"}\n");
        let kept = out.clone();
        let outcome: Result<(), DocError> = contain_panic(
            &mut out,
            || "in.jsonl:2".into(),
            |out| {
                out.push_str("{\"id\":\"half");
                panic!("a bug")
            },
        );
        let error = outcome.unwrap_err();
        assert_eq!(error.id, "in.jsonl:2");
        assert!(
            error.message.starts_with("internal error"),
            "{}",
            error.message
        );
        assert_eq!(out, kept, "the half-written document is dropped");

        // Without a panic, the outcome and the output are the analysis's own.
        let outcome = contain_panic(
            &mut out,
            || unreachable!("no label is needed"),
            |out| {
                out.push_str("next\n");
                Ok::<_, DocError>(7)
            },
        );
        assert_eq!(outcome.unwrap(), 7);
        assert_eq!(out, kept + "next\n");
    }
}
