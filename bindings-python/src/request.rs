//! The sans-IO entry points: `build_request`, `parse_response`, `operations` and the
//! `HttpRequest` class.

use kassa::functions::FunctionInfo;
use kassa::http::is_sensitive_header;
use kassa::{Context, ResponseInput, ValidationCode};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::errors::to_pyerr;
use crate::functions::{bind, output, PySink};
use crate::input::{read, Input};

/// A request built by kassa, ready to send with any HTTP client.
///
/// `repr()` shows the values of credential headers (`Authorization`, `ApiKey`, ...) as
/// `[redacted]` and the body only by its length; the attributes hold the real values.
#[pyclass(frozen, module = "kassa._kassa", name = "HttpRequest")]
pub struct PyHttpRequest {
    inner: kassa::HttpRequest,
}

#[pymethods]
impl PyHttpRequest {
    /// The HTTP method, e.g. `"POST"`.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The absolute URL (never carries credentials).
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// The headers as `(name, value)` pairs, credentials included.
    #[getter]
    fn headers(&self) -> Vec<(&str, &str)> {
        self.inner.headers.iter().collect()
    }

    /// The body bytes (empty when there is none).
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let quote = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned()) };
        let mut headers = Vec::with_capacity(self.inner.headers.len());
        for (name, value) in self.inner.headers.iter() {
            let shown = if is_sensitive_header(name) { "[redacted]" } else { value };
            headers.push(format!("({}, {})", quote(name)?, quote(shown)?));
        }
        let (method, url, body) = (quote(self.inner.method.as_str())?, quote(&self.inner.url)?, self.inner.body.len());
        Ok(format!("HttpRequest(method={method}, url={url}, headers=[{}], body=<{body} bytes>)", headers.join(", ")))
    }
}

/// A random number in `[0, 1)` for multipart boundaries: a freshly keyed std hasher (the same
/// source as the transport's), no extra crate.
fn random() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    (RandomState::new().hash_one(std::time::SystemTime::now()) >> 11) as f64 / (1u64 << 53) as f64
}

/// Builds the request of `operation` from `params` and `config` without sending it. An upload
/// whose params give no `boundary` gets a random one.
#[pyfunction]
#[pyo3(signature = (operation, params = None, *, config))]
pub fn build_request(
    py: Python<'_>,
    operation: &Bound<'_, PyAny>,
    params: Option<&Bound<'_, PyAny>>,
    config: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    let empty = PyDict::new(py);
    let params = params.filter(|p| !p.is_none()).unwrap_or(empty.as_any());
    let context = Context::with_random_boundary(random);
    read::<String>(ValidationCode::InvalidParams, "operation", operation)
        .and_then(|id| kassa::catalog::build_request(&id, Input::new(params), Input::new(config), &context))
        .map(|prepared| PyHttpRequest { inner: prepared.request })
        .map_err(|e| to_pyerr(py, &e))
}

/// `status`, `headers` and `body`, bound by name for the core's one reader of responses.
const RESPONSE: FunctionInfo = FunctionInfo { name: "parse_response", provider: None, positional: &["status", "headers", "body"] };

/// Parses a response of `operation` into plain Python data (wire field names, exact ints), or
/// raises the matching `KassaError`. `now` (Unix seconds) is when the answer arrived, for outputs
/// that carry an expiry (Billit's `expires_at`); without it they stay `None`.
#[pyfunction]
#[pyo3(signature = (operation, status, headers, body, *, now = None))]
pub fn parse_response<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyAny>,
    status: Bound<'py, PyAny>,
    headers: Bound<'py, PyAny>,
    body: Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let parse = || {
        let operation: String = read(ValidationCode::InvalidParams, "operation", operation)?;
        let now: Option<u64> = now.map_or(Ok(None), |n| read(ValidationCode::InvalidParams, "now", n))?;
        let response = bind(&RESPONSE, [status.clone(), headers.clone(), body.clone()], None, |a| ResponseInput::read(a))?;
        kassa::catalog::parse_response_at(&operation, &response, now, PySink(py))
    };
    output(py, parse())
}

/// Everything the catalog holds (`kassa::catalog::entries`): requests, links, callbacks and
/// functions, each `{id, kind, provider, method, path, retry_safe, params, output}` (and
/// `positional` for callbacks and functions).
#[pyfunction]
pub fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for entry in kassa::catalog::entries() {
        let dict = PyDict::new(py);
        dict.set_item("id", entry.id)?;
        dict.set_item("kind", entry.kind.as_str())?;
        dict.set_item("provider", entry.provider.map(|p| p.as_str()))?;
        dict.set_item("method", entry.method.map(|m| m.as_str()))?;
        dict.set_item("path", entry.path)?;
        dict.set_item("retry_safe", entry.retry_safe)?;
        dict.set_item("params", &entry.params)?;
        dict.set_item("output", &entry.output)?;
        if matches!(entry.kind, kassa::Kind::Function | kassa::Kind::Callback) {
            dict.set_item("positional", entry.positional)?;
        }
        list.append(dict)?;
    }
    Ok(list)
}
