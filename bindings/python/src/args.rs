//! Checks the arguments Python passes in and turns them into what the core
//! takes: article text (a `str`, never `bytes`), the claim threshold and the
//! worker count (the language is checked in [`crate::grammar`]). A bad
//! argument is a `TypeError` (wrong kind of object) or a `ValueError` (right
//! kind, wrong value); nothing here analyses text.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyString};

/// The article text `obj` holds, as UTF-8. Only a `str` is text: `bytes`
/// are refused rather than decoded with a guessed encoding, and a string
/// with a lone surrogate (which no UTF-8 can hold) is refused with its
/// position.
pub fn article_text(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = match obj.cast::<PyString>() {
        Ok(text) => text,
        Err(_) if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() => {
            return Err(PyTypeError::new_err(format!(
                "{what} must be str, not {}: decode it first (whosaid does not guess encodings)",
                type_name(obj)
            )))
        }
        Err(_) => {
            return Err(PyTypeError::new_err(format!(
                "{what} must be str, not {}",
                type_name(obj)
            )))
        }
    };
    match text.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(e) => {
            let at = e
                .value(obj.py())
                .getattr("start")
                .and_then(|s| s.extract::<usize>())
                .map_or_else(|_| String::new(), |s| format!(" at character {s}"));
            Err(PyValueError::new_err(format!(
                "{what} is not valid Unicode{at}: a lone surrogate cannot be analysed"
            )))
        }
    }
}

/// The claim threshold: None, or a number from 0 to 1.
pub fn min_confidence(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<f64>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "min_confidence must be a number, not {}",
            type_name(value)
        )));
    }
    let v: f64 = value.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "min_confidence must be a number, not {}",
            type_name(value)
        ))
    })?;
    if !(0.0..=1.0).contains(&v) {
        return Err(PyValueError::new_err(format!(
            "min_confidence must be between 0 and 1, not {v}"
        )));
    }
    Ok(Some(v))
}

/// The number of worker threads: None for every core, or at least one.
pub fn n_jobs(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let n: i64 = match value.extract() {
        Ok(n) if !value.is_instance_of::<PyBool>() => n,
        _ => {
            return Err(PyTypeError::new_err(format!(
                "n_jobs must be an int, not {}",
                type_name(value)
            )))
        }
    };
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "n_jobs must be at least 1, not {n} (None uses every core)"
        )));
    }
    Ok(Some(usize::try_from(n).unwrap_or(usize::MAX)))
}

/// The `lang` argument: None, or a language code (checked against the
/// bundled languages by [`crate::grammar::language`]).
pub fn lang(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value.filter(|v| !v.is_none()) {
        None => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_cow()?.into_owned())),
            Err(_) => Err(PyTypeError::new_err(format!(
                "lang must be a language code (str), not {}",
                type_name(v)
            ))),
        },
    }
}

/// The name of `obj`'s type, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_string(), |n| n.to_string())
}
