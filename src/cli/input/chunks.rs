//! JSONL read in chunks of whole lines: the reading thread only reads and
//! finds the last line end; the workers split and parse the lines.

use std::io::Read;
use std::sync::Arc;

use super::documents::Pending;
use super::records::{too_large, DocError, MAX_DOCUMENT};

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

/// The records of a JSONL stream, as chunks of whole lines. A line longer
/// than [`MAX_DOCUMENT`] becomes an error record and is skipped.
pub(super) struct JsonlChunks {
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
    pub(super) read_size: usize,
    /// Longest line accepted.
    pub(super) max_line: usize,
}

impl JsonlChunks {
    pub(super) fn new(source: String, reader: Box<dyn Read>, pool: Arc<BufferPool>) -> Self {
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
