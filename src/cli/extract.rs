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
use whosaid::workflow::yaml_guard::check_flow_depth;
use whosaid::{analyze_document, output, Analysis, Error};

use super::input::{
    documents, expand, is_jsonl_file, known_count, parse_line, BufferPool, DocError, DocResult,
    Document, Pending, ReadOptions, Skipped, Source, DEFAULT_EXTENSIONS, MAX_DOCUMENT,
};
use super::store::Store;
use super::{ExtractArgs, Format, InputFormat};

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
        /// How many claims it has.
        claims: usize,
        /// The document's id.
        id: String,
        /// Its warnings, when it has any.
        warnings: Vec<Warning>,
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
    /// Claims written.
    claims: usize,
    /// Ids written to standard output so far, to report duplicates.
    ids: std::collections::HashSet<String>,
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
    format: Format,
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
    let expanded = expand(&a.inputs, &extensions(a));
    let format = match output_format(a, &expanded.sources) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("whosaid: error: {message}");
            return Ok(2);
        }
    };
    let store = match &a.output_dir {
        Some(dir) => Some(Store::open(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?),
        None => None,
    };
    report_skipped(a, &expanded.skipped);
    let opts = ReadOptions {
        format: a.input_format,
        text_field: a.text_field.clone(),
        id_field: a.id_field.clone(),
        lossy: a.lossy,
    };
    let progress = if !a.quiet && std::io::stderr().is_terminal() {
        progress_bar(known_count(&expanded.sources, a.input_format))
    } else {
        ProgressBar::hidden()
    };
    let inputs = Arc::new(BufferPool::for_input());
    let docs = documents(expanded.sources, opts.clone(), inputs.clone());
    let extractor = Extractor {
        args: a,
        format,
        grammar,
        speakers,
        opts,
        inputs,
        outputs: BufferPool::new(OUTPUT_KEEP_CAPACITY),
    };
    let writer = Writer {
        args: a,
        format,
        store: store.as_ref(),
        pool: &extractor.outputs,
        progress: &progress,
        stop: AtomicBool::new(false),
    };
    let written = pipeline(&extractor, &writer, docs);
    progress.finish_and_clear();
    if let Some(source) = written.output_error {
        return Err(Error::Io {
            path: "standard output".into(),
            source,
        });
    }
    if a.verbose || (!a.quiet && std::io::stderr().is_terminal()) {
        eprintln!("whosaid: {}", summary(&written, expanded.skipped.len()));
    }
    Ok(if written.failed > 0 { 1 } else { 0 })
}

/// The extensions taken from folders, lower case, without dots.
fn extensions(a: &ExtractArgs) -> Vec<String> {
    if a.ext.is_empty() {
        return DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect();
    }
    a.ext
        .iter()
        .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
        .collect()
}

/// The output format, or why the arguments ask for something impossible:
/// `--format` other than YAML with `-o DIR` (claim files are YAML), or
/// `--format json` over more than one document (one JSON value).
fn output_format(a: &ExtractArgs, sources: &[Source]) -> Result<Format, String> {
    let format = a.format.unwrap_or(Format::Yaml);
    if a.output_dir.is_some() && format != Format::Yaml {
        return Err(
            "-o DIR writes YAML claim files; --format applies to standard output only".into(),
        );
    }
    let single = match sources {
        [Source::File { path, .. }] => !is_jsonl_file(path, a.input_format),
        [Source::Stdin] => a.input_format != InputFormat::Jsonl,
        _ => false,
    };
    if format == Format::Json && a.output_dir.is_none() && !single {
        return Err("--format json writes one document; use --format jsonl for several".into());
    }
    Ok(format)
}

/// Names skipped files: always those that deserve a warning (not regular
/// files, symlink loops), the others with `-v`.
fn report_skipped(a: &ExtractArgs, skipped: &[Skipped]) {
    for s in skipped {
        if (s.warn && !a.quiet) || a.verbose {
            let level = if s.warn { "warning: " } else { "" };
            eprintln!(
                "whosaid: {}: {level}skipped: {}",
                s.path.display(),
                s.reason
            );
        }
    }
}

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The end-of-run line: documents, claims, failures, reviews and skipped
/// files.
fn summary(w: &Written, skipped: usize) -> String {
    [
        count(w.documents, "document", "documents"),
        count(w.claims, "claim", "claims"),
        format!("{} failed", w.failed),
        count(w.reviews_kept, "review kept", "reviews kept"),
        count(w.reviews_orphaned, "review orphaned", "reviews orphaned"),
        count(skipped, "file skipped", "files skipped"),
    ]
    .join(", ")
}

/// The speaker directory named by `--speakers`, if any.
fn load_speakers(a: &ExtractArgs) -> whosaid::Result<Option<SpeakerDirectory>> {
    let Some(path) = &a.speakers else {
        return Ok(None);
    };
    let yaml = read_limited(path)?;
    if let Err(reason) = check_flow_depth(&yaml) {
        let id = path.display().to_string();
        return Err(Error::BadDocument { id, reason });
    }
    Ok(Some(SpeakerDirectory::from_yaml(path, &yaml)?))
}

/// Reads the text file `path` of at most [`MAX_DOCUMENT`] bytes.
pub fn read_limited(path: &std::path::Path) -> whosaid::Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_DOCUMENT as u64 {
        return Err(Error::BadDocument {
            id: path.display().to_string(),
            reason: format!("larger than {} MiB", MAX_DOCUMENT >> 20),
        });
    }
    std::fs::read_to_string(path).map_err(io)
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
        if self.format == Format::Jsonl && self.args.output_dir.is_none() {
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
        if let Some(note) = d.note {
            analysis.warnings.insert(
                0,
                Warning {
                    byte: 0,
                    message: note,
                },
            );
        }
        if let Some(dir) = &self.speakers {
            dir.apply(&mut analysis);
        }
        if self.args.output_dir.is_some() {
            return DocDone::ClaimFile {
                analysis: Box::new(analysis),
                text: d.text,
            };
        }
        render(self.format, &analysis, out);
        let claims = analysis.claims.len();
        DocDone::Written {
            end: out.len(),
            claims,
            id: analysis.article.id,
            warnings: analysis.warnings,
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
    format: Format,
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
        let text = batch.out.as_bytes();
        // Bytes of `text` before `from` are written (or skipped).
        let mut from = 0;
        // Where the current document's output starts.
        let mut start = 0;
        for doc in batch.docs {
            self.progress.inc(1);
            match doc {
                DocDone::Written {
                    end,
                    claims,
                    id,
                    warnings,
                } => {
                    self.warn(&id, &warnings);
                    if w.ids.contains(&id) {
                        let note = "duplicate id: an earlier document has the same id";
                        self.progress
                            .suspend(|| eprintln!("whosaid: {id}: warning: {note}"));
                    } else {
                        w.ids.insert(id);
                    }
                    if self.format == Format::Yaml && w.documents == 0 {
                        // The run's first document has no separator before it.
                        out.write_all(&text[from..start])?;
                        from = start + YAML_SEPARATOR.len();
                    }
                    w.documents += 1;
                    w.claims += claims;
                    start = end;
                }
                DocDone::Failed { error, end } => {
                    w.failed += 1;
                    self.progress
                        .suspend(|| eprintln!("whosaid: {}: error: {}", error.id, error.message));
                    start = end;
                }
                DocDone::ClaimFile { analysis, text } => self.claim_file(*analysis, &text, w),
            }
        }
        if from < text.len() {
            out.write_all(&text[from..])?;
            out.flush()?;
        }
        Ok(batch.out)
    }

    /// Prints a document's warnings, unless `--quiet`.
    fn warn(&self, id: &str, warnings: &[Warning]) {
        if self.args.quiet {
            return;
        }
        for warning in warnings {
            self.progress
                .suspend(|| eprintln!("whosaid: {id}: warning: {}", warning.message));
        }
    }

    /// Writes the claim file of one document (`-o DIR`).
    fn claim_file(&self, analysis: Analysis, text: &str, w: &mut Written) {
        let id = analysis.article.id.clone();
        self.warn(&id, &analysis.warnings);
        let Some(store) = self.store else { return };
        let claims = analysis.claims.len();
        let written = self
            .progress
            .suspend(|| write_claim_file(store, analysis, text, self.args.quiet, w));
        match written {
            Ok(()) => {
                w.documents += 1;
                w.claims += claims;
            }
            Err(e) => {
                w.failed += 1;
                self.progress
                    .suspend(|| eprintln!("whosaid: {id}: error: {e}"));
            }
        }
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
