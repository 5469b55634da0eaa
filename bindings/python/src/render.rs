//! Runs the core on one text and hands the result to Python. The analysis
//! becomes Python dicts and lists through the core's own `Serialize`
//! implementations (with `pythonize`), the ones `whosaid extract --format
//! jsonl` follows: a dict has exactly the fields, names and values of the
//! CLI's JSON, and no field list is kept here. The Rust half needs no
//! interpreter and runs on worker threads; only the conversion needs the
//! GIL.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::language::Languages;
use whosaid::Analysis;

/// The message of a panic in the core, as the CLI gives it per document.
pub const PANICKED: &str = "internal error: the analysis panicked (please report this document)";

/// What reads each text: the pack of its detected language (as the CLI's
/// `--lang auto`), or one pack.
pub enum Reader {
    /// Every bundled pack, chosen per text by detection.
    Detect(&'static Languages),
    /// This pack, for every text.
    Pack(Arc<Grammar>),
}

/// What a call asks of each text.
pub struct Job {
    /// What reads the texts.
    pub reader: Reader,
    /// Claims below this confidence are left out.
    pub min_confidence: Option<f64>,
}

/// The analysis of `text`, or [`PANICKED`] when the core panicked (a bug:
/// no text should make it panic).
pub fn analysis(job: &Job, text: &str) -> Result<Analysis, &'static str> {
    contained(|| {
        let mut analysis = match &job.reader {
            Reader::Detect(languages) => languages.analyze_document("article", text),
            Reader::Pack(grammar) => whosaid::analyze(text, grammar),
        };
        if let Some(min) = job.min_confidence {
            analysis.claims.retain(|c| c.confidence >= min);
        }
        analysis
    })
}

/// Runs `f`, turning a panic into [`PANICKED`] so that it reaches Python
/// as an exception instead of unwinding into the interpreter.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, &'static str> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| PANICKED)
}

/// What Python gets of an analysis: the whole of it (`{"article": …,
/// "claims": […]}`) or its claims only.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The analysis, as a line of `--format jsonl`.
    Whole,
    /// The list of claims.
    Claims,
}

/// An analysis from [`analysis`] as Python objects, or a `RuntimeError`
/// for a panic.
pub fn to_python(
    py: Python<'_>,
    analysis: Result<Analysis, &'static str>,
    part: Part,
) -> PyResult<Py<PyAny>> {
    let analysis = analysis.map_err(PyRuntimeError::new_err)?;
    let object = match part {
        Part::Whole => pythonize::pythonize(py, &analysis)?,
        Part::Claims => pythonize::pythonize(py, &analysis.claims)?,
    };
    Ok(object.unbind())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_cli_message_and_a_result_passes_through() {
        let silent = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let panicked: Result<(), _> = contained(|| panic!("a bug"));
        std::panic::set_hook(silent);
        assert_eq!(panicked, Err(PANICKED));
        assert_eq!(contained(|| 7), Ok(7));
    }
}
