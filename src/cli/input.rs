//! Input documents: expands files, directories, globs and `-` into sources
//! and streams documents out of them (one per text file, one per JSONL
//! line). A bad document becomes an error record; it never stops the stream.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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

/// A document as read: decoded, or a JSONL line whose parsing is left to
/// the worker threads ([`Pending::resolve`]).
#[derive(Debug)]
pub enum Pending {
    /// A decoded document or the reason it is missing.
    Ready(DocResult),
    /// A JSONL line and where it came from (`file:line`).
    Line {
        /// `file:line`, the id when the record has none.
        at: String,
        /// The line's bytes.
        bytes: Vec<u8>,
    },
}

impl Pending {
    /// What names the document before it is parsed: its id, or where its
    /// line is (`file:line`).
    pub fn label(&self) -> String {
        match self {
            Pending::Ready(Ok(d)) => d.id.clone(),
            Pending::Ready(Err(e)) => e.id.clone(),
            Pending::Line { at, .. } => at.clone(),
        }
    }

    /// Bytes of input it holds, for chunking.
    pub fn size(&self) -> usize {
        match self {
            Pending::Ready(Ok(d)) => d.text.len(),
            Pending::Ready(Err(_)) => 0,
            Pending::Line { bytes, .. } => bytes.len(),
        }
    }

    /// The document, parsing a JSONL line with the fields of `opts`.
    pub fn resolve(self, opts: &ReadOptions) -> DocResult {
        match self {
            Pending::Ready(d) => d,
            Pending::Line { at, bytes } => parse_line(&at, &bytes, opts),
        }
    }
}

/// All documents of all sources, lazily, in order.
pub fn documents(sources: Vec<Source>, opts: ReadOptions) -> impl Iterator<Item = Pending> {
    sources
        .into_iter()
        .flat_map(move |s| source_documents(s, &opts))
}

fn source_documents(source: Source, opts: &ReadOptions) -> Box<dyn Iterator<Item = Pending>> {
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
                Box::new(JsonlDocs::new("stdin".into(), Box::new(reader)))
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
                return Box::new(JsonlDocs::new(name, Box::new(BufReader::new(file))));
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

/// Documents of a JSONL stream, one per non-empty line.
struct JsonlDocs {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
    done: bool,
}

impl JsonlDocs {
    fn new(name: String, reader: Box<dyn BufRead>) -> Self {
        JsonlDocs {
            name,
            reader,
            line: 0,
            done: false,
        }
    }
}

impl Iterator for JsonlDocs {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        while !self.done {
            let mut buf = Vec::new();
            self.line += 1;
            let where_ = format!("{}:{}", self.name, self.line);
            match read_line(&mut *self.reader, &mut buf, MAX_DOCUMENT + 1) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    if buf.len() > MAX_DOCUMENT {
                        // Skip the rest of the oversized line.
                        let mut sink = Vec::new();
                        let _ = self.reader.read_until(b'\n', &mut sink);
                        return Some(Pending::Ready(Err(DocError {
                            id: where_,
                            message: "line is too large".into(),
                        })));
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Pending::Line {
                        at: where_,
                        bytes: buf,
                    });
                }
                Err(e) => {
                    self.done = true;
                    return Some(Pending::Ready(Err(DocError {
                        id: where_,
                        message: format!("cannot read: {e}"),
                    })));
                }
            }
        }
        None
    }
}

/// Appends the bytes up to and including the next `\n` to `buf`, but no
/// more than `limit` of them, and says how many it appended (0 at the end of
/// the input). It does what `reader.take(limit).read_until(b'\n', buf)`
/// does, with the `memchr` crate's vectorised search for the line end.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<usize> {
    let mut read = 0;
    while read < limit {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let available = &available[..available.len().min(limit - read)];
        let (used, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        read += used;
        if end {
            break;
        }
    }
    Ok(read)
}

fn parse_line(where_: &str, buf: &[u8], opts: &ReadOptions) -> DocResult {
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            return Err(DocError {
                id: where_.into(),
                message: format!("input is not valid UTF-8 at byte {}", e.valid_up_to()),
            })
        }
    };
    let picked = match picked_fields(line, opts) {
        Some(p) => p,
        // Not an object, or not JSON at all: the general parser gives the message.
        None => {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| DocError {
                id: where_.into(),
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
        _ => where_.to_string(),
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
        let docs: Vec<DocResult> = JsonlDocs::new("t".into(), Box::new(data.as_bytes()))
            .map(|p| p.resolve(&opts))
            .collect();
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
        let docs: Vec<DocResult> = JsonlDocs::new("t".into(), Box::new(data.as_bytes()))
            .map(|p| p.resolve(&opts))
            .collect();
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
        let docs: Vec<DocResult> = JsonlDocs::new("t".into(), Box::new(data.as_bytes()))
            .map(|p| p.resolve(&opts("id", "text")))
            .collect();
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
        let same = JsonlDocs::new("t".into(), Box::new(&b"{\"x\":\"both\"}\n{\"x\":2}\n"[..]))
            .map(|p| p.resolve(&opts("x", "x")))
            .collect::<Vec<_>>();
        let first = same[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.text.as_str()), ("both", "both"));
        let second = same[1].as_ref().unwrap_err();
        assert_eq!(second.id, "2");
        assert!(second.message.contains("is not a string"));
    }

    #[test]
    fn lines_are_read_as_take_and_read_until_read_them() {
        let data = b"ab\n\ncdefgh\nij\r\nklmnopqrstuvwxyz";
        for limit in 1..12 {
            for capacity in 1..6 {
                let mut ours = BufReader::with_capacity(capacity, &data[..]);
                let mut std = BufReader::with_capacity(capacity, &data[..]);
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let n = read_line(&mut ours, &mut a, limit).unwrap();
                    let m = (&mut std)
                        .take(limit as u64)
                        .read_until(b'\n', &mut b)
                        .unwrap();
                    assert_eq!((n, &a), (m, &b), "limit {limit}, capacity {capacity}");
                    if n == 0 {
                        break;
                    }
                }
            }
        }
    }
}
