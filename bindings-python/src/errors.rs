//! The ONE place where a `kassa::Error` becomes a Python exception. The exception classes live in
//! `kassa/_errors.py` (so `ValidationError` can also be a `ValueError`); this module fills their
//! attributes from the error's variant. `str(exc)` is the core's `Display`, which never carries a
//! secret.

use kassa::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict};

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// Maps a core error to the matching `kassa` exception:
/// `validation` -> `ValidationError` (`.field`), `api` -> the `ApiError` subclass of its status
/// category (`NotFoundError`, ...; `.status`, `.category`, `.provider_code`, `.provider_message`,
/// `.request_id`, `.retry_after`, `.location`, `.body`), `transport` -> `TransportError`,
/// `decode` -> `DecodeError` (`.field`, `.offset`), `signature` -> `SignatureError`, `callback` ->
/// `CallbackError` (`.description`); each with `.code`, `.kind` and `.message`.
pub fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    match build(py, err) {
        Ok(e) => e,
        // Only when the exception classes themselves cannot be loaded.
        Err(cause) => {
            let e = PyRuntimeError::new_err(format!("kassa error {} ({}): {err}", err.code(), err.kind()));
            e.set_cause(py, Some(cause));
            e
        }
    }
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let module = ERRORS_MODULE.get_or_try_init(py, || py.import("kassa._errors").map(Bound::unbind))?.bind(py);
    let text = err.to_string();
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", err.code())?;
    kwargs.set_item("kind", err.kind())?;
    let class = match err {
        Error::Validation(e) => {
            kwargs.set_item("field", &*e.field)?;
            kwargs.set_item("message", &e.message)?;
            "ValidationError"
        }
        Error::Api(e) => {
            kwargs.set_item("message", e.message.as_deref().unwrap_or(&text))?;
            kwargs.set_item("status", e.status)?;
            kwargs.set_item("provider_code", e.provider_code.as_deref())?;
            kwargs.set_item("provider_message", e.message.as_deref())?;
            kwargs.set_item("request_id", e.request_id.as_deref())?;
            kwargs.set_item("retry_after", e.retry_after)?;
            kwargs.set_item("location", e.location.as_deref())?;
            kwargs.set_item("category", e.category().as_str())?;
            kwargs.set_item("body", PyBytes::new(py, &e.body))?;
            e.category().error_class()
        }
        Error::Transport(e) => {
            kwargs.set_item("message", &e.message)?;
            "TransportError"
        }
        Error::Decode(e) => {
            kwargs.set_item("message", &e.message)?;
            kwargs.set_item("field", e.field.as_deref())?;
            kwargs.set_item("offset", e.offset)?;
            "DecodeError"
        }
        Error::Signature(e) => {
            kwargs.set_item("message", &e.message)?;
            "SignatureError"
        }
        Error::Callback(e) => {
            kwargs.set_item("message", e.description.as_deref().unwrap_or(&text))?;
            kwargs.set_item("description", e.description.as_deref())?;
            "CallbackError"
        }
        // A kind added to the core later: still a KassaError with its code and kind.
        _ => {
            kwargs.set_item("message", &text)?;
            "KassaError"
        }
    };
    let instance = module.getattr(class)?.call((text,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}
