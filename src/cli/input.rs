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

/// All documents of all sources, lazily, in order.
pub fn documents(sources: Vec<Source>, opts: ReadOptions) -> impl Iterator<Item = DocResult> {
    sources
        .into_iter()
        .flat_map(move |s| source_documents(s, &opts))
}

fn source_documents(source: Source, opts: &ReadOptions) -> Box<dyn Iterator<Item = DocResult>> {
    match source {
        Source::Missing(id, message) => Box::new(std::iter::once(Err(DocError { id, message }))),
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
                Box::new(JsonlDocs::new(
                    "stdin".into(),
                    Box::new(reader),
                    opts.clone(),
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
                Box::new(std::iter::once(doc))
            }
        }
        Source::File(path) => {
            let name = path.display().to_string();
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let jsonl = match opts.format {
                InputFormat::Jsonl => true,
                InputFormat::Text | InputFormat::Html => false,
                InputFormat::Auto => ext == "jsonl" || ext == "ndjson",
            };
            let html = match opts.format {
                InputFormat::Html => true,
                InputFormat::Auto => ext == "html" || ext == "htm",
                _ => false,
            };
            let file = match File::open(&path) {
                Ok(f) => f,
                Err(e) => {
                    return Box::new(std::iter::once(Err(DocError {
                        id: name,
                        message: format!("cannot open: {e}"),
                    })))
                }
            };
            if jsonl {
                return Box::new(JsonlDocs::new(
                    name,
                    Box::new(BufReader::new(file)),
                    opts.clone(),
                ));
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
            Box::new(std::iter::once(doc))
        }
    }
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
    opts: ReadOptions,
    line: usize,
    done: bool,
}

impl JsonlDocs {
    fn new(name: String, reader: Box<dyn BufRead>, opts: ReadOptions) -> Self {
        JsonlDocs {
            name,
            reader,
            opts,
            line: 0,
            done: false,
        }
    }
}

impl Iterator for JsonlDocs {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        while !self.done {
            let mut buf = Vec::new();
            self.line += 1;
            let where_ = format!("{}:{}", self.name, self.line);
            match (&mut self.reader)
                .take(MAX_DOCUMENT as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(0) => self.done = true,
                Ok(_) => {
                    if buf.len() > MAX_DOCUMENT {
                        // Skip the rest of the oversized line.
                        let mut sink = Vec::new();
                        let _ = self.reader.read_until(b'\n', &mut sink);
                        return Some(Err(DocError {
                            id: where_,
                            message: "line is too large".into(),
                        }));
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_line(&where_, &buf, &self.opts));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(DocError {
                        id: where_,
                        message: format!("cannot read: {e}"),
                    }));
                }
            }
        }
        None
    }
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
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| DocError {
        id: where_.into(),
        message: format!("malformed JSON: {e}"),
    })?;
    let id = match value.get(&opts.id_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => where_.to_string(),
    };
    match value.get(&opts.text_field) {
        Some(serde_json::Value::String(t)) => Ok(Document {
            id,
            text: t.clone(),
            html: false,
        }),
        Some(_) => Err(DocError {
            id,
            message: format!("field {:?} is not a string", opts.text_field),
        }),
        None => Err(DocError {
            id,
            message: format!("missing text field {:?}", opts.text_field),
        }),
    }
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
        let docs: Vec<DocResult> =
            JsonlDocs::new("t".into(), Box::new(data.as_bytes()), opts).collect();
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
}
