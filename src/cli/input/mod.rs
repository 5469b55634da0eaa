//! Input documents: expands files, directories, globs and `-` into
//! sources ([`sources`]), streams documents out of them ([`documents`]: one
//! per text file, one per JSONL line, read in chunks by [`chunks`]) and
//! decodes each record ([`records`]). A bad document becomes an error
//! record; it never stops the stream.

mod chunks;
mod documents;
mod records;
mod sources;
#[cfg(test)]
mod tests;

pub use chunks::{BufferPool, READ_SIZE};
pub use documents::{documents, is_jsonl_file, known_count, Pending, ReadOptions};
pub use records::{parse_line, DocError, DocResult, Document, MAX_DOCUMENT};
pub use sources::{expand, Skipped, Source, DEFAULT_EXTENSIONS};
