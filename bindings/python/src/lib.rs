//! The native half of the `whosaid` Python package (`whosaid._whosaid`):
//! thin PyO3 wrappers around the core library, which stays free of Python.
//! [`args`] checks arguments, [`grammar`] owns grammars and languages,
//! [`render`] turns analyses into Python objects with the core's serde, and
//! [`stream`] runs `extract_many` on the rayon pool. The pure-Python half
//! (`python/whosaid/`) re-exports these and adds `to_records`.

mod args;
mod grammar;
mod render;
mod stream;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyTuple};

use grammar::{resolve, Grammar};
use render::{to_python, Job, Part};
use stream::ClaimStream;

/// Rust allocations (spans, strings, the JSON lines) go through mimalloc,
/// as in the CLI, so that both run the core at the same speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The settings every analysing call shares, from its keyword arguments.
fn job(
    py: Python<'_>,
    lang: Option<&Bound<'_, PyAny>>,
    grammars: Option<&Bound<'_, PyAny>>,
    min_confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Job> {
    let lang = args::lang(lang)?;
    Ok(Job {
        min_confidence: args::min_confidence(min_confidence)?,
        reader: resolve(py, lang.as_deref(), grammars)?,
    })
}

/// `part` of the analysis of one text, without the GIL while the core runs.
fn analysis(py: Python<'_>, text: &Bound<'_, PyAny>, job: Job, part: Part) -> PyResult<Py<PyAny>> {
    let text = args::article_text("text", text)?;
    let analysis = py.detach(|| render::analysis(&job, &text));
    to_python(py, analysis, part)
}

/// The attributed claims of one article, in text order: a list of dicts
/// with the fields of a claim in `whosaid extract --format jsonl`.
///
/// `text` must be a str (bytes raise TypeError: decode them first). `lang`
/// picks a bundled grammar pack (see `LANGUAGES`); by default each text is
/// read with the pack of its detected language; `grammars` is a
/// `Grammar` or a directory of grammar files loaded for this call; claims
/// below `min_confidence` (0 to 1) are left out. Offsets `start`/`end`
/// count code points, so `text[start:end]` is the span's text. Bad
/// arguments raise TypeError or ValueError; a bug in the engine raises
/// RuntimeError.
#[pyfunction]
#[pyo3(signature = (text, *, lang=None, grammars=None, min_confidence=None))]
fn extract(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
    grammars: Option<&Bound<'_, PyAny>>,
    min_confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let job = job(py, lang, grammars, min_confidence)?;
    analysis(py, text, job, Part::Claims)
}

/// The whole analysis of one article, `{"article": {...}, "claims": [...]}`,
/// as a line of `whosaid extract --format jsonl` (the article's id is
/// "article"). Arguments as for `extract`.
#[pyfunction]
#[pyo3(signature = (text, *, lang=None, grammars=None, min_confidence=None))]
fn analyze(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
    grammars: Option<&Bound<'_, PyAny>>,
    min_confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let job = job(py, lang, grammars, min_confidence)?;
    analysis(py, text, job, Part::Whole)
}

/// The claims of many articles, yielded in input order.
///
/// `texts` is any iterable of strings or of `(id, text)` pairs: a string
/// yields its list of claims, a pair yields `(id, claims)` with `id`
/// untouched. The texts are analysed on `n_jobs` threads (None: every core)
/// without the GIL, a few batches ahead of the consumer, so that memory
/// stays bounded however long the iterable is. A bad item, or an exception
/// from the iterable, is raised when the iteration reaches it, after the
/// claims of every item before it. Other arguments as for `extract`.
#[pyfunction]
#[pyo3(signature = (texts, *, n_jobs=None, lang=None, grammars=None, min_confidence=None))]
fn extract_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    n_jobs: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
    grammars: Option<&Bound<'_, PyAny>>,
    min_confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<ClaimStream> {
    if texts.is_instance_of::<PyString>()
        || texts.is_instance_of::<PyBytes>()
        || texts.is_instance_of::<PyByteArray>()
    {
        return Err(PyTypeError::new_err(format!(
            "extract_many takes an iterable of texts, not one {}: use extract() for one text",
            args::type_name(texts)
        )));
    }
    let pool = stream::pool(args::n_jobs(n_jobs)?)?;
    let job = job(py, lang, grammars, min_confidence)?;
    let source = texts.try_iter()?.unbind();
    Ok(ClaimStream::new(source, pool, job))
}

/// The native module; `whosaid/__init__.py` re-exports it.
#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_class::<Grammar>()?;
    m.add_class::<ClaimStream>()?;
    let languages: Vec<&str> = whosaid::grammar::Grammar::languages().collect();
    m.add("LANGUAGES", PyTuple::new(m.py(), languages)?)?;
    let columns = whosaid::workflow::export::CSV_HEADER;
    m.add("CSV_COLUMNS", PyTuple::new(m.py(), columns)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
