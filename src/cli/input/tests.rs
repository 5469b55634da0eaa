//! Tests of reading input: records, chunks and the buffer pool.

use super::chunks::*;
use super::documents::*;
use super::records::*;
use std::io::Read;
use std::sync::Arc;

use crate::cli::InputFormat;

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
    for (i, doc) in docs.iter().enumerate().take(7).skip(5) {
        let reference = serde_json::from_str::<serde_json::Value>(data.lines().nth(i).unwrap())
            .unwrap_err()
            .to_string();
        // The id is recovered from the line; the message says where it is.
        let line = i + 1;
        let error = doc.as_ref().unwrap_err();
        assert_eq!(
            error.message,
            format!("malformed JSON: {reference} (line t:{line})")
        );
        assert_eq!(error.id, line.to_string());
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

#[test]
fn unparseable_lines_keep_the_id_found_in_them() {
    let opts = ReadOptions {
        format: InputFormat::Jsonl,
        text_field: "text".into(),
        id_field: "id".into(),
        lossy: false,
    };
    let data: &[u8] = b"{\"id\": \"doc-7\", \"text\": \"cut\n\
        {\"text\": \"a\xff\", \"id\" : 42}\n\
        {\"id\": \"a\\\"b\", \"text\": \n\
        not json at all\n";
    let docs = records(data, &opts);
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d.as_ref().unwrap_err().id.as_str())
        .collect();
    assert_eq!(ids, ["doc-7", "42", "t:3", "t:4"]);
    let message = &docs[0].as_ref().unwrap_err().message;
    assert!(message.ends_with("(line t:1)"), "{message}");
}
