//! Records: one document decoded from a text file's bytes or from a JSONL
//! line, or the reason it cannot be.

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::chunks::LineAt;
use super::documents::ReadOptions;

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
    /// Something worth a warning about how it was read.
    pub note: Option<String>,
}

impl Document {
    /// A document of plain text.
    pub fn text(id: String, text: String) -> Document {
        let note = text
            .trim()
            .is_empty()
            .then(|| "empty document: no text to analyse".to_string());
        Document {
            id,
            text,
            html: false,
            note,
        }
    }

    /// Reads the document as HTML when `html` is set, or when it is plain
    /// text that starts like a web page (with a note saying so).
    pub fn html_if(mut self, html: bool, sniff: bool) -> Document {
        if html {
            self.html = true;
        } else if sniff && starts_like_html(&self.text) {
            self.html = true;
            self.note = Some("looks like HTML; read as a web page".into());
        }
        self
    }
}

/// Whether `text` begins, after white space and a byte order mark, with a
/// doctype or `<html>`.
fn starts_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head = head.get(..14).unwrap_or(head).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
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

/// Checks and decodes one text document.
pub fn text_document(id: String, bytes: Vec<u8>, lossy: bool) -> DocResult {
    let refuse = |id, message: String| Err(DocError { id, message });
    if bytes.len() > MAX_DOCUMENT {
        let limit = MAX_DOCUMENT >> 20;
        return refuse(id, format!("document is larger than {limit} MiB"));
    }
    if let Some(kind) = known_binary(&bytes) {
        return refuse(id, kind.into());
    }
    if looks_binary(&bytes) {
        return refuse(id, "looks like a binary file, not article text".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Document::text(id, text)),
        Err(e) if lossy => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok(Document::text(id, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let message =
                format!("input is not valid UTF-8 at byte {at} (use --lossy to replace it)");
            refuse(id, message)
        }
    }
}

/// What a file is, by its first bytes, when it is a kind of document that
/// is not text.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 8] = [
        (b"%PDF-", "looks like a PDF (convert it to text first)"),
        (
            b"PK\x03\x04",
            "looks like a ZIP archive or a DOCX/ODT document (convert it to text first)",
        ),
        (
            b"\xd0\xcf\x11\xe0",
            "looks like an old Word or Excel document (convert it to text first)",
        ),
        (
            b"{\\rtf",
            "looks like an RTF document (convert it to text first)",
        ),
        (
            b"\x1f\x8b",
            "looks like a gzip archive (decompress it first)",
        ),
        (b"\x89PNG", "looks like an image, not article text"),
        (b"\xff\xd8\xff", "looks like an image, not article text"),
        (b"GIF8", "looks like an image, not article text"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
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

/// The document of one JSONL line, read with the fields of `opts`.
pub fn parse_line(at: LineAt, buf: &[u8], opts: &ReadOptions) -> DocResult {
    if buf.len() > MAX_DOCUMENT {
        // The reader drops such a line before it is whole, unless it came
        // in one read with its line end.
        return Err(too_large(at.to_string()));
    }
    // A line that cannot be read still names its document when an id
    // field can be found in it.
    // The message then says where the line is.
    let unread = |message: String| match lenient_id(buf, &opts.id_field) {
        Some(id) => DocError {
            id,
            message: format!("{message} (line {at})"),
        },
        None => DocError {
            id: at.to_string(),
            message,
        },
    };
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            let byte = e.valid_up_to();
            return Err(unread(format!("input is not valid UTF-8 at byte {byte}")));
        }
    };
    let picked = match picked_fields(line, opts) {
        Some(p) => p,
        // Not an object, or not JSON at all: the general parser gives the message.
        None => {
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| unread(format!("malformed JSON: {e}")))?;
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
        Some(Text::String(text)) => Ok(Document::text(id, text)),
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

/// The first `"<field>": "<string>"` (or number) in a line that does not
/// parse as JSON, found by a scan that stops at the first quote or
/// backslash inside the value: the best name an error record can get.
fn lenient_id(line: &[u8], field: &str) -> Option<String> {
    let key = format!("\"{field}\"");
    let at = memchr::memmem::find(line, key.as_bytes())?;
    let rest = &line[at + key.len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b":")?
        .trim_ascii_start();
    let value = match rest.strip_prefix(b"\"") {
        Some(quoted) => {
            let end = quoted.iter().position(|&b| b == b'"' || b == b'\\')?;
            (quoted.get(end) == Some(&b'"')).then_some(&quoted[..end])?
        }
        None => {
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_digit() || b"-+.eE".contains(b)))
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    let id = String::from_utf8_lossy(value).into_owned();
    (!id.is_empty()).then_some(id)
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
    let mut de = serde_json::Deserializer::from_str(line);
    let picked = Fields(opts).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(picked)
}

/// Reads a record's id and text fields (see [`picked_fields`]).
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

/// The error record of a line longer than [`MAX_DOCUMENT`].
pub(super) fn too_large(id: String) -> DocError {
    DocError {
        id,
        message: "line is too large".into(),
    }
}
