//! The stream of documents: each source read lazily, in order, as decoded
//! documents or chunks of JSONL lines left to the workers to parse.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use super::chunks::{BufferPool, JsonlChunks, LineChunk};
use super::records::{text_document, DocError, DocResult, MAX_DOCUMENT};
use super::sources::Source;
use crate::cli::InputFormat;

/// Settings for reading documents.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Text or JSONL.
    pub format: InputFormat,
    /// JSONL text field.
    pub text_field: String,
    /// JSONL id field.
    pub id_field: String,
    /// Replace invalid UTF-8 instead of refusing.
    pub lossy: bool,
}

/// Input as read: a decoded document, or JSONL lines whose parsing is left
/// to the worker threads ([`parse_line`]).
#[derive(Debug)]
pub enum Pending {
    /// A decoded document or the reason it is missing.
    Ready(DocResult),
    /// Whole JSONL lines, one record each (blank lines aside).
    Lines(LineChunk),
}

impl Pending {
    /// Bytes of input it holds, for batching.
    pub fn size(&self) -> usize {
        match self {
            Pending::Ready(Ok(d)) => d.text.len(),
            Pending::Ready(Err(_)) => 0,
            Pending::Lines(chunk) => chunk.bytes.len(),
        }
    }
}

/// All documents of all sources, lazily, in order; JSONL is read through
/// the buffers of `pool`.
pub fn documents(
    sources: Vec<Source>,
    opts: ReadOptions,
    pool: Arc<BufferPool>,
) -> impl Iterator<Item = Pending> {
    sources
        .into_iter()
        .flat_map(move |s| source_documents(s, &opts, &pool))
}

type Stream = Box<dyn Iterator<Item = Pending>>;

fn once(d: DocResult) -> Stream {
    Box::new(std::iter::once(Pending::Ready(d)))
}

fn source_documents(source: Source, opts: &ReadOptions, pool: &Arc<BufferPool>) -> Stream {
    match source {
        Source::Missing(id, message) => once(Err(DocError { id, message })),
        Source::Stdin => stdin_documents(opts, pool),
        Source::File { path, id } => file_documents(&path, id, opts, pool),
    }
}

/// Standard input: JSONL when asked for, or (auto) when it starts with
/// `{`; one document otherwise.
fn stdin_documents(opts: &ReadOptions, pool: &Arc<BufferPool>) -> Stream {
    let mut reader = BufReader::new(std::io::stdin());
    let jsonl = match opts.format {
        InputFormat::Jsonl => true,
        InputFormat::Text | InputFormat::Html => false,
        InputFormat::Auto => reader
            .fill_buf()
            .map(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'))
            .unwrap_or(false),
    };
    if jsonl {
        return Box::new(JsonlChunks::new(
            "stdin".into(),
            Box::new(reader),
            pool.clone(),
        ));
    }
    once(read_document(reader, "stdin".into(), "stdin", opts, false))
}

/// A file: chunks of JSONL lines, or one document.
fn file_documents(path: &Path, id: String, opts: &ReadOptions, pool: &Arc<BufferPool>) -> Stream {
    let name = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            let message = format!("cannot open: {e}");
            return once(Err(DocError { id: name, message }));
        }
    };
    if is_jsonl_file(path, opts.format) {
        // Read in large pieces straight into the chunks, past any buffer.
        return Box::new(JsonlChunks::new(name, Box::new(file), pool.clone()));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let html = opts.format == InputFormat::Auto && (ext == "html" || ext == "htm");
    once(read_document(file, id, &name, opts, html))
}

/// Reads one document of at most [`MAX_DOCUMENT`] bytes from `reader`; it
/// is HTML when `html` is set, `--input-format html` is given, or (auto) it
/// starts like a web page.
fn read_document(
    reader: impl Read,
    id: String,
    name: &str,
    opts: &ReadOptions,
    html: bool,
) -> DocResult {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_DOCUMENT as u64 + 1).read_to_end(&mut bytes) {
        let message = format!("cannot read: {e}");
        return Err(DocError {
            id: name.into(),
            message,
        });
    }
    let html = html || opts.format == InputFormat::Html;
    let sniff = opts.format == InputFormat::Auto;
    let doc = text_document(id, bytes, opts.lossy)?.html_if(html, sniff);
    if doc.html && whosaid::html::too_deep(&doc.text) {
        let limit = whosaid::html::MAX_HTML_DEPTH;
        return Err(DocError {
            id: doc.id,
            message: format!("HTML nested deeper than {limit} elements; not read"),
        });
    }
    Ok(doc)
}

/// Whether the file at `path` is read as JSON Lines.
pub fn is_jsonl_file(path: &Path, format: InputFormat) -> bool {
    match format {
        InputFormat::Jsonl => true,
        InputFormat::Text | InputFormat::Html => false,
        InputFormat::Auto => path
            .extension()
            .is_some_and(|e| e == "jsonl" || e == "ndjson"),
    }
}

/// How many documents `sources` hold, when that is known before reading
/// them: every source is a text file (or a missing one, which gives one
/// error record). Standard input and JSONL files give `None`.
pub fn known_count(sources: &[Source], format: InputFormat) -> Option<u64> {
    let known = sources.iter().all(|s| match s {
        Source::File { path, .. } => !is_jsonl_file(path, format),
        Source::Missing(..) => true,
        Source::Stdin => false,
    });
    known.then_some(sources.len() as u64)
}
