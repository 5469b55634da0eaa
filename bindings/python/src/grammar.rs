//! Grammars for Python: the `whosaid.Grammar` class, the bundled pack of
//! each language (built once per process), and the `lang`/`grammars`
//! arguments every analysing function takes. This is the one place that
//! knows which languages exist.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use whosaid::grammar::Grammar as CoreGrammar;
use whosaid::language::Languages;

use crate::args::type_name;
use crate::render::Reader;

/// The language `lang` names: its code when a pack for it is bundled, the
/// default bundled language when `lang` is `None`. An unknown code is the
/// CLI's `--lang` error.
pub fn language(lang: Option<&str>) -> PyResult<&'static str> {
    let mut bundled = CoreGrammar::languages();
    let Some(lang) = lang else {
        return Ok(bundled.next().expect("a bundled language"));
    };
    bundled.find(|l| *l == lang).ok_or_else(|| {
        core_error(whosaid::Error::UnknownLanguage {
            language: lang.to_string(),
            bundled: CoreGrammar::languages().collect::<Vec<_>>().join(", "),
        })
    })
}

/// The bundled grammar of `lang` (a code [`language`] returned), built on
/// first use and shared after.
fn bundled(lang: &'static str) -> Arc<CoreGrammar> {
    type Packs = Vec<(&'static str, OnceLock<Arc<CoreGrammar>>)>;
    static PACKS: OnceLock<Packs> = OnceLock::new();
    let packs = PACKS.get_or_init(|| {
        CoreGrammar::languages()
            .map(|l| (l, OnceLock::new()))
            .collect()
    });
    let (_, pack) = packs
        .iter()
        .find(|(code, _)| *code == lang)
        .expect("language() returns bundled codes");
    pack.get_or_init(|| {
        Arc::new(CoreGrammar::bundled_language(lang).expect("bundled packs are valid"))
    })
    .clone()
}

/// The bundled grammar of `lang` with the `*.yaml` files of `dir` replacing
/// or extending its files, as the CLI's `--grammars DIR` gives.
fn with_dir(py: Python<'_>, lang: &'static str, dir: PathBuf) -> PyResult<CoreGrammar> {
    py.detach(|| CoreGrammar::bundled_language_with_dir(lang, &dir))
        .map_err(core_error)
}

/// A core error as the Python exception that fits it, with the message the
/// CLI prints after `whosaid: error: `.
pub fn core_error(e: whosaid::Error) -> PyErr {
    match &e {
        whosaid::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(e.to_string())
        }
        whosaid::Error::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// A grammar pack: the bundled pack of a language, or the bundled pack
/// extended by a directory of YAML grammar files. Load it once and pass it
/// to every call as `grammars=`.
#[pyclass(frozen, module = "whosaid._whosaid")]
pub struct Grammar {
    pub(crate) inner: Arc<CoreGrammar>,
    lang: &'static str,
    path: Option<PathBuf>,
}

#[pymethods]
impl Grammar {
    /// Loads the bundled grammar of `lang` with the `*.yaml` files of the
    /// directory `path` replacing the bundled files of the same name or
    /// added to them, as the command line's `--grammars DIR` does.
    ///
    /// Raises FileNotFoundError when the directory does not exist and
    /// ValueError when a file is not a valid grammar (with its path, line
    /// and column) or `lang` is unknown.
    #[staticmethod]
    #[pyo3(signature = (path, *, lang=None))]
    fn load(py: Python<'_>, path: PathBuf, lang: Option<&Bound<'_, PyAny>>) -> PyResult<Grammar> {
        let lang = language(crate::args::lang(lang)?.as_deref())?;
        let inner = Arc::new(with_dir(py, lang, path.clone())?);
        Ok(Grammar {
            inner,
            lang,
            path: Some(path),
        })
    }

    /// The bundled grammar of `lang` (English when `lang` is None).
    #[staticmethod]
    #[pyo3(signature = (lang=None))]
    fn bundled(lang: Option<&Bound<'_, PyAny>>) -> PyResult<Grammar> {
        let lang = language(crate::args::lang(lang)?.as_deref())?;
        Ok(Grammar {
            inner: bundled(lang),
            lang,
            path: None,
        })
    }

    /// The language code of the pack (`"en"`).
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang
    }

    /// The directory the pack was loaded from; None for a bundled pack.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(p) => format!(
                "Grammar.load({:?}, lang={:?})",
                p.display().to_string(),
                self.lang
            ),
            None => format!("Grammar.bundled({:?})", self.lang),
        }
    }
}

/// Every bundled pack, each text read by its detected language's; built
/// on first use.
fn detecting() -> &'static Languages {
    static LANGUAGES: OnceLock<Languages> = OnceLock::new();
    LANGUAGES.get_or_init(Languages::bundled)
}

/// What the `lang` and `grammars` arguments of a call select: with neither
/// (or `lang="auto"`), the pack of each text's detected language, as the
/// CLI's default `--lang auto`; else the bundled pack of `lang`, a
/// [`Grammar`], or the path of a directory loaded for this call only.
pub fn resolve(
    py: Python<'_>,
    lang: Option<&str>,
    grammars: Option<&Bound<'_, PyAny>>,
) -> PyResult<Reader> {
    let grammars = grammars.filter(|g| !g.is_none());
    if grammars.is_none() && matches!(lang, None | Some("auto")) {
        return Ok(Reader::Detect(detecting()));
    }
    let lang = lang.filter(|l| *l != "auto");
    resolve_pack(py, lang, grammars).map(Reader::Pack)
}

/// The one pack `lang` and `grammars` select (see [`resolve`]).
fn resolve_pack(
    py: Python<'_>,
    lang: Option<&str>,
    grammars: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<CoreGrammar>> {
    let Some(grammars) = grammars else {
        return Ok(bundled(language(lang)?));
    };
    if let Ok(grammar) = grammars.cast::<Grammar>() {
        let grammar = grammar.get();
        return match lang {
            Some(lang) if language(Some(lang))? != grammar.lang => {
                Err(PyValueError::new_err(format!(
                    "lang is {lang:?} but the grammar is a {:?} pack",
                    grammar.lang
                )))
            }
            _ => Ok(grammar.inner.clone()),
        };
    }
    let lang = language(lang)?;
    match grammars.extract::<PathBuf>() {
        Ok(dir) => Ok(Arc::new(with_dir(py, lang, dir)?)),
        Err(_) => Err(PyTypeError::new_err(format!(
            "grammars must be a whosaid.Grammar or the path of a directory, not {}",
            type_name(grammars)
        ))),
    }
}
