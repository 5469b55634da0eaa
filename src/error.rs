//! The crate's one error type. Errors come from the files whosaid reads
//! (grammars, speaker directories, claim files, input documents) and from
//! I/O: article text never produces an `Err` (a failed parse means "no
//! match").

use std::path::PathBuf;

/// Everything that can go wrong outside of article analysis.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A grammar file is not valid YAML or does not fit the grammar schema.
    #[error("{path}:{line}:{column}: {message}")]
    GrammarSyntax {
        /// The grammar file.
        path: PathBuf,
        /// One-based line of the problem (0 when unknown).
        line: usize,
        /// One-based column of the problem (0 when unknown).
        column: usize,
        /// What the YAML parser said.
        message: String,
    },
    /// A grammar file parses but says something inconsistent.
    #[error("{path}: entry {entry}: {reason}")]
    GrammarInvalid {
        /// The grammar file.
        path: PathBuf,
        /// The offending entry, as written.
        entry: String,
        /// Why it was refused.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A speaker directory (`--speakers`) is not valid YAML or is inconsistent.
    #[error("{path}:{line}:{column}: {message}")]
    Speakers {
        /// The speaker directory file.
        path: PathBuf,
        /// One-based line of the problem (0 when unknown).
        line: usize,
        /// One-based column of the problem (0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A claim file cannot be read back.
    #[error("{path}: not a claim file: {message}")]
    ClaimFile {
        /// The claim file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// A language was asked for that no bundled pack reads.
    #[error("no grammar pack for language {language:?} (bundled: {bundled})")]
    UnknownLanguage {
        /// The code asked for.
        language: String,
        /// The bundled codes, comma-separated.
        bundled: String,
    },
    /// An input document could not be read as an article.
    #[error("{id}: {reason}")]
    BadDocument {
        /// The document id or file name.
        id: String,
        /// Why it was refused.
        reason: String,
    },
}

/// The crate's result alias.
pub type Result<T> = std::result::Result<T, Error>;
