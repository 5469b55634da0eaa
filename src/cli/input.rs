//! Input documents: expands files, directories, globs and `-` into sources
//! and streams documents out of them (one per text file, one per JSONL
//! line). A bad document becomes an error record; it never stops the stream.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::InputFormat;

/// Largest document accepted, in bytes.
pub const MAX_DOCUMENT: usize = 64 << 20;

/// One article to analyse.
#[derive(Debug)]
pub struct Document {
    /// Its id: the file stem, or the JSONL id field.
    pub id: String,
    /// Its text, or its HTML when `html` is set.
    pub text: String,
    /// Whether `text` is an HTML page to extract the article from.
    pub html: bool,
}

/// A document that could not be read.
#[derive(Debug)]
pub struct DocError {
    /// The id, or where it came from.
    pub id: String,
    /// What went wrong.
    pub message: String,
}

/// A document or the reason it is missing.
pub type DocResult = Result<Document, DocError>;

/// Where documents come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// An argument that named nothing readable.
    Missing(String, String),
}

/// Expands the command-line inputs, in order; directories are walked in
/// sorted order.
pub fn expand(inputs: &[String]) -> Vec<Source> {
    let mut out = Vec::new();
    for arg in inputs {
        if arg == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.exists() {
            walk(path, &mut out);
            continue;
        }
        if arg.contains(['*', '?', '[']) {
            match glob::glob(arg) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
                    found.sort();
                    if found.is_empty() {
                        out.push(Source::Missing(
                            arg.clone(),
                            "no file matches this pattern".into(),
                        ));
                    }
                    for p in found {
                        walk(&p, &mut out);
                    }
                }
                Err(e) => out.push(Source::Missing(
                    arg.clone(),
                    format!("bad glob pattern: {e}"),
                )),
            }
            continue;
        }
        out.push(Source::Missing(
            arg.clone(),
            "no such file or directory".into(),
        ));
    }
    out
}

fn walk(path: &Path, out: &mut Vec<Source>) {
    if !path.is_dir() {
        out.push(Source::File(path.to_path_buf()));
        return;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            for c in children {
                let hidden = c
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden {
                    walk(&c, out);
                }
            }
        }
        Err(e) => out.push(Source::Missing(
            path.display().to_string(),
            format!("cannot read directory: {e}"),
        )),
    }
}

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

fn source_documents(
    source: Source,
    opts: &ReadOptions,
    pool: &Arc<BufferPool>,
) -> Box<dyn Iterator<Item = Pending>> {
    let once = |d: DocResult| -> Box<dyn Iterator<Item = Pending>> {
        Box::new(std::iter::once(Pending::Ready(d)))
    };
    match source {
        Source::Missing(id, message) => once(Err(DocError { id, message })),
        Source::Stdin => {
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
                Box::new(JsonlChunks::new(
                    "stdin".into(),
                    Box::new(reader),
                    pool.clone(),
                ))
            } else {
                let mut bytes = Vec::new();
                let doc = match reader.take(MAX_DOCUMENT as u64 + 1).read_to_end(&mut bytes) {
                    Ok(_) => text_document("stdin".into(), bytes, opts.lossy).map(|d| Document {
                        html: opts.format == InputFormat::Html,
                        ..d
                    }),
                    Err(e) => Err(DocError {
                        id: "stdin".into(),
                        message: format!("cannot read: {e}"),
                    }),
                };
                once(doc)
            }
        }
        Source::File(path) => {
            let name = path.display().to_string();
            let jsonl = is_jsonl_file(&path, opts.format);
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let html = match opts.format {
                InputFormat::Html => true,
                InputFormat::Auto => ext == "html" || ext == "htm",
                _ => false,
            };
            let file = match File::open(&path) {
                Ok(f) => f,
                Err(e) => {
                    return once(Err(DocError {
                        id: name,
                        message: format!("cannot open: {e}"),
                    }))
                }
            };
            if jsonl {
                // Read in large pieces straight into the chunks, past any buffer.
                return Box::new(JsonlChunks::new(name, Box::new(file), pool.clone()));
            }
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or(name.clone());
            let mut bytes = Vec::new();
            let doc = match file.take(MAX_DOCUMENT as u64 + 1).read_to_end(&mut bytes) {
                Ok(_) => text_document(id, bytes, opts.lossy).map(|d| Document { html, ..d }),
                Err(e) => Err(DocError {
                    id: name,
                    message: format!("cannot read: {e}"),
                }),
            };
            once(doc)
        }
    }
}

/// Whether the file at `path` is read as JSON Lines.
fn is_jsonl_file(path: &Path, format: InputFormat) -> bool {
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
        Source::File(path) => !is_jsonl_file(path, format),
        Source::Missing(..) => true,
        Source::Stdin => false,
    });
    known.then_some(sources.len() as u64)
}

/// Checks and decodes one text document.
pub fn text_document(id: String, bytes: Vec<u8>, lossy: bool) -> DocResult {
    if bytes.len() > MAX_DOCUMENT {
        return Err(DocError {
            id,
            message: format!("document is larger than {MAX_DOCUMENT} bytes"),
        });
    }
    if looks_binary(&bytes) {
        return Err(DocError {
            id,
            message: "looks like a binary file, not article text".into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Document {
            id,
            text,
            html: false,
        }),
        Err(e) if lossy => Ok(Document {
            id,
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            html: false,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(DocError {
                id,
                message: format!(
                    "input is not valid UTF-8 at byte {at} (use --lossy to replace it)"
                ),
            })
        }
    }
}

/// A file is binary when its first 8 KiB hold many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    control * 10 > head.len()
}

/// Bytes asked of the input by one read of JSONL: about a batch's worth of
/// lines for the workers, and few enough that a slow producer's lines are
/// passed on as they come.
pub const READ_SIZE: usize = 128 << 10;

/// Complete JSONL lines read together, handed to a worker thread as they
/// are: the worker splits and parses them ([`LineChunk::lines`]), so that
/// the reading thread does no more than read and find the last line end.
#[derive(Debug)]
pub struct LineChunk {
    /// The input's name (`stdin` for standard input), for `file:line`.
    pub source: Arc<str>,
    /// The number of the chunk's first line, from 1.
    pub first_line: usize,
    /// Whole lines, each with its `\n` but for the input's last line.
    pub bytes: Vec<u8>,
}

/// Where a JSONL line is: displayed as `file:line`, which is the id of a
/// record without one and names the line in error messages.
#[derive(Debug, Clone, Copy)]
pub struct LineAt<'c> {
    /// The input's name.
    pub source: &'c str,
    /// The line number, from 1.
    pub line: usize,
}

impl std::fmt::Display for LineAt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

impl LineChunk {
    /// The chunk's records: each line that is not blank, without its line
    /// end, and where it is.
    pub fn lines(&self) -> impl Iterator<Item = (LineAt<'_>, &[u8])> {
        let source = &*self.source;
        let bytes = &self.bytes[..];
        let mut ends = memchr::memchr_iter(b'\n', bytes);
        let mut start = 0;
        let mut line = self.first_line;
        std::iter::from_fn(move || {
            while start < bytes.len() {
                let end = ends.next().unwrap_or(bytes.len());
                let record = &bytes[start..end];
                let at = LineAt { source, line };
                start = end + 1;
                line += 1;
                // A huge blank line is an error, as the reader reports it
                // when it drops one before its end.
                if record.len() > MAX_DOCUMENT || !record.iter().all(u8::is_ascii_whitespace) {
                    return Some((at, record));
                }
            }
            None
        })
    }
}

/// Spare byte buffers of one use (input chunks, or batches' output),
/// handed back by the thread that is done with them (a worker with its
/// input lines, the writer with a batch's output) and taken again, so that
/// a long run reads and writes through the same few buffers instead of
/// fresh memory, which costs page clearing and regrowing.
#[derive(Debug)]
pub struct BufferPool {
    spare: std::sync::Mutex<Vec<Vec<u8>>>,
    /// A buffer grown larger than this (by a huge line or document) is
    /// freed, not kept.
    keep_capacity: usize,
}

impl BufferPool {
    /// Buffers kept at most; more are freed.
    const KEEP: usize = 32;

    /// A pool keeping buffers of up to `keep_capacity` bytes.
    pub fn new(keep_capacity: usize) -> Self {
        BufferPool {
            spare: std::sync::Mutex::new(Vec::new()),
            keep_capacity,
        }
    }

    /// A pool for input chunks, which are about [`READ_SIZE`] bytes.
    pub fn for_input() -> Self {
        Self::new(4 * READ_SIZE)
    }

    /// An empty buffer, with room from an earlier use when one is spare.
    pub fn take(&self) -> Vec<u8> {
        self.spare
            .lock()
            .ok()
            .and_then(|mut spare| spare.pop())
            .unwrap_or_default()
    }

    /// Gives a buffer back for reuse.
    pub fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() == 0 || buf.capacity() > self.keep_capacity {
            return;
        }
        buf.clear();
        if let Ok(mut spare) = self.spare.lock() {
            if spare.len() < Self::KEEP {
                spare.push(buf);
            }
        }
    }
}

/// The error record of a line longer than [`MAX_DOCUMENT`].
fn too_large(id: String) -> DocError {
    DocError {
        id,
        message: "line is too large".into(),
    }
}

/// The records of a JSONL stream, as chunks of whole lines. A line longer
/// than [`MAX_DOCUMENT`] becomes an error record and is skipped.
struct JsonlChunks {
    source: Arc<str>,
    reader: Box<dyn Read>,
    pool: Arc<BufferPool>,
    /// Bytes read but not yet passed on: the start of a line.
    pending: Vec<u8>,
    /// Lines passed on so far.
    lines: usize,
    /// Skipping the rest of an oversized line.
    skipping: bool,
    /// The input is at its end (or failed).
    done: bool,
    /// Bytes asked for per read.
    read_size: usize,
    /// Longest line accepted.
    max_line: usize,
}

impl JsonlChunks {
    fn new(source: String, reader: Box<dyn Read>, pool: Arc<BufferPool>) -> Self {
        JsonlChunks {
            source: source.into(),
            reader,
            pending: pool.take(),
            pool,
            lines: 0,
            skipping: false,
            done: false,
            read_size: READ_SIZE,
            max_line: MAX_DOCUMENT,
        }
    }

    /// The label of the next line not yet passed on.
    fn next_line_at(&self) -> String {
        format!("{}:{}", self.source, self.lines + 1)
    }

    /// Passes on `pending` up to and including byte `end`, keeping the rest
    /// (the start of the next line) for later.
    fn chunk_through(&mut self, end: usize) -> LineChunk {
        let mut rest = self.pool.take();
        rest.extend_from_slice(&self.pending[end..]);
        let mut bytes = std::mem::replace(&mut self.pending, rest);
        bytes.truncate(end);
        let first_line = self.lines + 1;
        self.lines += memchr::memchr_iter(b'\n', &bytes).count();
        LineChunk {
            source: self.source.clone(),
            first_line,
            bytes,
        }
    }

    /// Reads once more into `pending`; `Err` with an error record when the
    /// input fails.
    fn read_more(&mut self) -> Result<(), Pending> {
        let len = self.pending.len();
        // A line longer than a read is read in larger and larger steps.
        let want = self.read_size.max(len).min(self.max_line + 1);
        self.pending.resize(len + want, 0);
        let read = loop {
            match self.reader.read(&mut self.pending[len..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        match read {
            Ok(n) => {
                self.pending.truncate(len + n);
                self.done = n == 0;
                Ok(())
            }
            Err(e) => {
                // `pending` holds only the start of a line (whole lines
                // were passed on before reading): the error record stands
                // for it.
                self.pending.clear();
                self.done = true;
                Err(Pending::Ready(Err(DocError {
                    id: self.next_line_at(),
                    message: format!("cannot read: {e}"),
                })))
            }
        }
    }
}

impl Iterator for JsonlChunks {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            if self.skipping {
                // The line was reported when it grew too long; drop the rest.
                match memchr::memchr(b'\n', &self.pending) {
                    Some(end) => {
                        self.pending.drain(..=end);
                        self.skipping = false;
                    }
                    None => self.pending.clear(),
                }
            }
            if !self.skipping {
                if let Some(last) = memchr::memrchr(b'\n', &self.pending) {
                    return Some(Pending::Lines(self.chunk_through(last + 1)));
                }
                if self.pending.len() > self.max_line {
                    let at = self.next_line_at();
                    self.lines += 1;
                    self.skipping = true;
                    self.pending.clear();
                    return Some(Pending::Ready(Err(too_large(at))));
                }
            }
            if self.done {
                // The last line, without a line end.
                if self.pending.is_empty() || self.skipping {
                    return None;
                }
                let end = self.pending.len();
                return Some(Pending::Lines(self.chunk_through(end)));
            }
            if let Err(error) = self.read_more() {
                return Some(error);
            }
        }
    }
}

/// The document of one JSONL line, read with the fields of `opts`.
pub fn parse_line(at: LineAt, buf: &[u8], opts: &ReadOptions) -> DocResult {
    if buf.len() > MAX_DOCUMENT {
        // The reader drops such a line before it is whole, unless it came
        // in one read with its line end.
        return Err(too_large(at.to_string()));
    }
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            return Err(DocError {
                id: at.to_string(),
                message: format!("input is not valid UTF-8 at byte {}", e.valid_up_to()),
            })
        }
    };
    let picked = match picked_fields(line, opts) {
        Some(p) => p,
        // Not an object, or not JSON at all: the general parser gives the message.
        None => {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| DocError {
                id: at.to_string(),
                message: format!("malformed JSON: {e}"),
            })?;
            Picked {
                id: value.get(&opts.id_field).cloned(),
                text: value.get(&opts.text_field).map(Text::of_value),
            }
        }
    };
    let id = match picked.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => at.to_string(),
    };
    match picked.text {
        Some(Text::String(text)) => Ok(Document {
            id,
            text,
            html: false,
        }),
        Some(Text::Other) => Err(DocError {
            id,
            message: format!("field {:?} is not a string", opts.text_field),
        }),
        None => Err(DocError {
            id,
            message: format!("missing text field {:?}", opts.text_field),
        }),
    }
}

/// The id and text fields of a JSONL record.
#[derive(Default)]
struct Picked {
    id: Option<serde_json::Value>,
    text: Option<Text>,
}

/// The value of a record's text field: only a string is of use, so nothing
/// else is kept.
enum Text {
    /// The field holds this string.
    String(String),
    /// The field holds a number, a boolean, null, an array or an object.
    Other,
}

impl Text {
    /// The text field's value, from an already parsed record.
    fn of_value(value: &serde_json::Value) -> Text {
        match value {
            serde_json::Value::String(s) => Text::String(s.clone()),
            _ => Text::Other,
        }
    }
}

/// Reads only the id and text fields of a JSON object, skipping the others
/// without building them (gold corpora carry large annotation fields), and
/// reading the text straight into a `String` rather than through a
/// `serde_json::Value`; `None` when the line is not one well-formed JSON
/// object.
fn picked_fields(line: &str, opts: &ReadOptions) -> Option<Picked> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    struct Fields<'o>(&'o ReadOptions);

    impl<'de> Visitor<'de> for Fields<'_> {
        type Value = Picked;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Picked, A::Error> {
            let mut picked = Picked::default();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                let (is_id, is_text) = (key == self.0.id_field, key == self.0.text_field);
                if is_id {
                    // Ids are short; a `Value` keeps numbers' own spelling.
                    let value: serde_json::Value = map.next_value()?;
                    if is_text {
                        picked.text = Some(Text::of_value(&value));
                    }
                    picked.id = Some(value);
                } else if is_text {
                    picked.text = Some(map.next_value_seed(TextField)?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(picked)
        }
    }

    impl<'de> DeserializeSeed<'de> for Fields<'_> {
        type Value = Picked;

        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Picked, D::Error> {
            d.deserialize_map(self)
        }
    }

    /// Reads the text field's value: a string is kept, anything else is
    /// checked as a `Value` would be (`deserialize_any`) and dropped.
    struct TextField;

    impl<'de> Visitor<'de> for TextField {
        type Value = Text;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_str<E>(self, v: &str) -> Result<Text, E> {
            Ok(Text::String(v.to_owned()))
        }

        fn visit_string<E>(self, v: String) -> Result<Text, E> {
            Ok(Text::String(v))
        }

        fn visit_bool<E>(self, _: bool) -> Result<Text, E> {
            Ok(Text::Other)
        }

        fn visit_i64<E>(self, _: i64) -> Result<Text, E> {
            Ok(Text::Other)
        }

        fn visit_u64<E>(self, _: u64) -> Result<Text, E> {
            Ok(Text::Other)
        }

        fn visit_f64<E>(self, _: f64) -> Result<Text, E> {
            Ok(Text::Other)
        }

        fn visit_unit<E>(self) -> Result<Text, E> {
            Ok(Text::Other)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
            IgnoredAny.visit_seq(seq).map(|_| Text::Other)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
            IgnoredAny.visit_map(map).map(|_| Text::Other)
        }
    }

    impl<'de> DeserializeSeed<'de> for TextField {
        type Value = Text;

        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
            d.deserialize_any(self)
        }
    }

    let mut de = serde_json::Deserializer::from_str(line);
    let picked = Fields(opts).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of `data` read as JSONL with `opts`, chunk by chunk.
    fn records(data: &[u8], opts: &ReadOptions) -> Vec<DocResult> {
        let pool = Arc::new(BufferPool::for_input());
        let reader = std::io::Cursor::new(data.to_vec());
        JsonlChunks::new("t".into(), Box::new(reader), pool)
            .flat_map(|p| match p {
                Pending::Ready(d) => vec![d],
                Pending::Lines(c) => c
                    .lines()
                    .map(|(at, line)| parse_line(at, line, opts))
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let err = text_document("x".into(), b"ab\xffcd".to_vec(), false).unwrap_err();
        assert!(
            err.message
                .starts_with("input is not valid UTF-8 at byte 2"),
            "{}",
            err.message
        );
        let ok = text_document("x".into(), b"ab\xffcd".to_vec(), true).unwrap();
        assert_eq!(ok.text, "ab\u{fffd}cd");
    }

    #[test]
    fn binary_files_are_refused() {
        let err = text_document("x".into(), vec![0u8; 100], false).unwrap_err();
        assert!(err.message.contains("binary"));
    }

    #[test]
    fn jsonl_lines_with_problems_become_errors() {
        let opts = ReadOptions {
            format: InputFormat::Jsonl,
            text_field: "body".into(),
            id_field: "url".into(),
            lossy: false,
        };
        let data = "{\"url\":\"a\",\"body\":\"Hi.\"}\nnot json\n\n{\"url\":\"c\"}\n";
        let docs: Vec<DocResult> = records(data.as_bytes(), &opts);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(docs[1]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("malformed JSON"));
        assert_eq!(docs[1].as_ref().unwrap_err().id, "t:2");
        assert!(docs[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("missing text field"));
    }

    #[test]
    fn only_the_named_fields_are_read() {
        let opts = ReadOptions {
            format: InputFormat::Jsonl,
            text_field: "text".into(),
            id_field: "id".into(),
            lossy: false,
        };
        let data = concat!(
            "{\"quotes\":[{\"a\":[1,{\"b\":null}]}],\"text\":\"T\\u00e9\",\"id\":7}\n",
            "[1,2]\n",
            "{\"id\":\"x\",\"text\":\"a\"} trailing\n",
            "{\"id\":\"y\",\"text\":1}\n",
        );
        let docs: Vec<DocResult> = records(data.as_bytes(), &opts);
        let first = docs[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.text.as_str()), ("7", "Té"));
        let err = |i: usize| docs[i].as_ref().unwrap_err().message.clone();
        assert!(err(1).contains("missing text field"), "{}", err(1));
        assert!(err(2).starts_with("malformed JSON"), "{}", err(2));
        assert!(err(3).contains("is not a string"), "{}", err(3));
    }

    #[test]
    fn the_text_field_is_read_as_a_value_would_read_it() {
        let opts = |id: &str, text: &str| ReadOptions {
            format: InputFormat::Jsonl,
            text_field: text.into(),
            id_field: id.into(),
            lossy: false,
        };
        let data = concat!(
            "{\"id\":1,\"text\":\"a\\\"b\\\\c\\n\\u2028\\ud83d\\ude00\"}\n",
            "{\"id\":2,\"text\":\"old\",\"text\":\"new\"}\n",
            "{\"id\":3,\"text\":{\"a\":[1,\"b\",null]}}\n",
            "{\"id\":4,\"text\":[true,-1.5e3]}\n",
            "{\"id\":5,\"text\":null}\n",
            "{\"id\":6,\"text\":1e400}\n",
            "{\"id\":7,\"text\":\"\\ud800\"}\n",
            "{\"id\":8.50,\"text\":\"\"}\n",
        );
        let docs: Vec<DocResult> = records(data.as_bytes(), &opts("id", "text"));
        let ok = |i: usize| docs[i].as_ref().map(|d| (d.id.as_str(), d.text.as_str()));
        let err = |i: usize| docs[i].as_ref().unwrap_err().message.clone();
        assert_eq!(ok(0).unwrap(), ("1", "a\"b\\c\n\u{2028}\u{1F600}"));
        assert_eq!(ok(1).unwrap(), ("2", "new"));
        for i in 2..5 {
            assert_eq!(err(i), "field \"text\" is not a string", "line {}", i + 1);
        }
        for i in 5..7 {
            let reference = serde_json::from_str::<serde_json::Value>(data.lines().nth(i).unwrap())
                .unwrap_err()
                .to_string();
            assert_eq!(err(i), format!("malformed JSON: {reference}"));
        }
        assert_eq!(ok(7).unwrap(), ("8.5", ""));

        // One field can be both the id and the text.
        let same = records(b"{\"x\":\"both\"}\n{\"x\":2}\n", &opts("x", "x"));
        let first = same[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.text.as_str()), ("both", "both"));
        let second = same[1].as_ref().unwrap_err();
        assert_eq!(second.id, "2");
        assert!(second.message.contains("is not a string"));
    }

    /// A reader that gives at most `step` bytes a read, as a pipe may.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.step).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// What the chunks of `data` hold, line by line: `(label, Ok(line))`
    /// or `(label, Err(message))`; a passed-on line longer than `max_line`
    /// is reported as the worker reports it.
    fn chunked(
        data: &[u8],
        step: usize,
        read_size: usize,
        max_line: usize,
    ) -> Vec<(String, Result<Vec<u8>, String>)> {
        let pool = Arc::new(BufferPool::for_input());
        let reader = Trickle {
            data: data.to_vec(),
            at: 0,
            step,
        };
        let mut chunks = JsonlChunks::new("t".into(), Box::new(reader), pool.clone());
        chunks.read_size = read_size;
        chunks.max_line = max_line;
        let mut out = Vec::new();
        for p in chunks {
            match p {
                Pending::Ready(d) => {
                    let e = d.unwrap_err();
                    out.push((e.id, Err(e.message)));
                }
                Pending::Lines(chunk) => {
                    assert!(
                        chunk.bytes.is_empty()
                            || chunk.bytes.ends_with(b"\n")
                            || !data.ends_with(b"\n")
                    );
                    for (at, line) in chunk.lines() {
                        let item = if line.len() > max_line {
                            Err(too_large(String::new()).message)
                        } else {
                            Ok(line.to_vec())
                        };
                        out.push((at.to_string(), item));
                    }
                    pool.give(chunk.bytes);
                }
            }
        }
        out
    }

    /// The same, worked out line by line from the whole input.
    fn expected(data: &[u8], max_line: usize) -> Vec<(String, Result<Vec<u8>, String>)> {
        let data = data.strip_suffix(b"\n").unwrap_or(data);
        if data.is_empty() {
            return Vec::new();
        }
        data.split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, line)| line.len() > max_line || !line.iter().all(u8::is_ascii_whitespace))
            .map(|(i, line)| {
                let item = if line.len() > max_line {
                    Err(too_large(String::new()).message)
                } else {
                    Ok(line.to_vec())
                };
                (format!("t:{}", i + 1), item)
            })
            .collect()
    }

    #[test]
    fn chunks_give_every_line_once_in_order_whatever_the_reads() {
        let inputs: [&[u8]; 7] = [
            b"",
            b"\n\n  \n",
            b"{\"a\":1}",
            b"ab\n\ncdefgh\nij\r\nklmnopqrstuvwxyz",
            b"0123456789abcdef\nxy\n0123456789abcdefgh\n\n",
            b"short\n0123456789abcdefghijklmnopqrstuvwxyz0123456789\nend\n",
            b" \t\nlast line without an end",
        ];
        for data in inputs {
            for step in 1..9 {
                for read_size in [1, 2, 5, 64] {
                    for max_line in [4, 12, 100] {
                        assert_eq!(
                            chunked(data, step, read_size, max_line),
                            expected(data, max_line),
                            "{:?}, reads of {step} (asked {read_size}), lines up to {max_line}",
                            String::from_utf8_lossy(data)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_chunk_is_what_one_read_brings_in_whole_lines() {
        let data = b"{\"id\":1}\n{\"id\":2}\n{\"id\":3";
        let pool = Arc::new(BufferPool::for_input());
        let reader = Trickle {
            data: data.to_vec(),
            at: 0,
            step: 12,
        };
        let sizes: Vec<(usize, usize)> = JsonlChunks::new("t".into(), Box::new(reader), pool)
            .map(|p| match p {
                Pending::Lines(c) => (c.first_line, c.lines().count()),
                Pending::Ready(_) => panic!("no errors here"),
            })
            .collect();
        // 12 bytes hold line 1; the next read completes line 2; the rest
        // is the last line, without a line end.
        assert_eq!(sizes, vec![(1, 1), (2, 1), (3, 1)]);
    }

    /// A reader that gives `data`, then fails.
    struct Failing {
        data: Option<Vec<u8>>,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.data.take() {
                Some(data) => {
                    buf[..data.len()].copy_from_slice(&data);
                    Ok(data.len())
                }
                None => Err(std::io::Error::other("the disk went away")),
            }
        }
    }

    #[test]
    fn a_failed_read_is_one_error_record_for_the_line_it_cut() {
        let reader = Failing {
            data: Some(b"{\"id\":1}\n{\"id\":".to_vec()),
        };
        let pool = Arc::new(BufferPool::for_input());
        let items: Vec<(String, String)> = JsonlChunks::new("t".into(), Box::new(reader), pool)
            .flat_map(|p| match p {
                Pending::Lines(c) => c
                    .lines()
                    .map(|(at, line)| (at.to_string(), String::from_utf8_lossy(line).into()))
                    .collect::<Vec<_>>(),
                Pending::Ready(d) => {
                    let e = d.unwrap_err();
                    vec![(e.id, e.message)]
                }
            })
            .collect();
        assert_eq!(
            items,
            vec![
                ("t:1".to_string(), "{\"id\":1}".to_string()),
                (
                    "t:2".to_string(),
                    "cannot read: the disk went away".to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_pool_keeps_buffers_for_reuse_but_not_huge_ones() {
        let pool = BufferPool::new(4096);
        let mut buf = pool.take();
        buf.extend_from_slice(&[1; 1000]);
        let room = buf.capacity();
        pool.give(buf);
        let again = pool.take();
        assert!(again.is_empty());
        assert_eq!(again.capacity(), room);
        pool.give(Vec::with_capacity(4097));
        assert_eq!(pool.take().capacity(), 0, "a huge buffer is not kept");
    }
}
