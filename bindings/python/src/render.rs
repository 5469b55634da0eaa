//! Runs the core on one text and hands the result to Python. The analysis
//! is written as the CLI's JSON line (`whosaid::output::write_json_line`)
//! and read back with Python's `json.loads`, so that a Python dict has
//! exactly the fields, names and values of `whosaid extract --format jsonl`
//! and no field list is kept here. The Rust half needs no interpreter and
//! runs on worker threads; only [`to_python`] needs the GIL.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use whosaid::grammar::Grammar;

/// The message of a panic in the core, as the CLI gives it per document.
pub const PANICKED: &str = "internal error: the analysis panicked (please report this document)";

/// What a call asks of each text.
pub struct Job {
    /// The grammar to analyse with.
    pub grammar: std::sync::Arc<Grammar>,
    /// Claims below this confidence are left out.
    pub min_confidence: Option<f64>,
}

/// The analysis of `text` as one line of the CLI's JSON, or [`PANICKED`]
/// when the core panicked (a bug: no text should make it panic).
pub fn analysis_json(job: &Job, text: &str) -> Result<String, &'static str> {
    contained(|| {
        let mut analysis = whosaid::analyze(text, &job.grammar);
        if let Some(min) = job.min_confidence {
            analysis.claims.retain(|c| c.confidence >= min);
        }
        whosaid::output::to_json_line(&analysis)
    })
}

/// Runs `f`, turning a panic into [`PANICKED`] so that it reaches Python
/// as an exception instead of unwinding into the interpreter.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, &'static str> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| PANICKED)
}

/// An analysis from [`analysis_json`] as a Python dict (`{"article": …,
/// "claims": […]}`), or a `RuntimeError` for a panic.
pub fn to_python(py: Python<'_>, json: Result<String, &'static str>) -> PyResult<Py<PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let json = json.map_err(PyRuntimeError::new_err)?;
    let loads = LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads
        .bind(py)
        .call1((PyString::new(py, &json),))
        .map(Bound::unbind)
}

/// The claims of an analysis dict from [`to_python`].
pub fn claims(py: Python<'_>, analysis: Py<PyAny>) -> PyResult<Py<PyAny>> {
    analysis.bind(py).get_item("claims").map(Bound::unbind)
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
