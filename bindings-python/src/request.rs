//! The sans-IO entry points: `build_request`, `parse_response`, `operations` and the
//! `HttpRequest` class.

use kassa::http::is_sensitive_header;
use kassa::{Error, Headers, HttpResponse};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMapping, PyString, PyTuple};
use serde_json::Value;

use crate::convert::{output_to_py, to_value, Input, Output, OutputSink};
use crate::errors::to_pyerr;

/// A request built by kassa, ready to send with any HTTP client.
///
/// `repr()` shows the values of credential headers (`Authorization`, `ApiKey`, ...) as
/// `[redacted]` and the body only by its length; the attributes hold the real values.
#[pyclass(frozen, module = "kassa._kassa", name = "HttpRequest")]
pub struct PyHttpRequest {
    inner: kassa::HttpRequest,
}

impl PyHttpRequest {
    pub fn new(inner: kassa::HttpRequest) -> Self {
        PyHttpRequest { inner }
    }
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
    fn headers(&self) -> Vec<(String, String)> {
        self.inner.headers.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect()
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
        Ok(format!(
            "HttpRequest(method={}, url={}, headers=[{}], body=<{} bytes>)",
            quote(self.inner.method.as_str())?,
            quote(&self.inner.url)?,
            headers.join(", "),
            self.inner.body.len()
        ))
    }
}

/// Params as a JSON value: `None` reads as no params (`{}`).
pub fn params_value(params: Option<&Bound<'_, PyAny>>) -> Result<Value, Error> {
    match params {
        None => Ok(Value::Object(Default::default())),
        Some(p) if p.is_none() => Ok(Value::Object(Default::default())),
        Some(p) => to_value(p, Input::Params),
    }
}

/// Builds the request of `operation` from `params` and `config` without sending it.
#[pyfunction]
#[pyo3(signature = (operation, params = None, *, config))]
pub fn build_request(
    py: Python<'_>,
    operation: &str,
    params: Option<&Bound<'_, PyAny>>,
    config: &Bound<'_, PyAny>,
) -> PyResult<PyHttpRequest> {
    let build = || -> Result<PyHttpRequest, Error> {
        let config = to_value(config, Input::Config)?;
        let params = params_value(params)?;
        let prepared = kassa::build_request(operation, &params, &config)?;
        Ok(PyHttpRequest::new(prepared.request))
    };
    build().map_err(|e| to_pyerr(py, &e))
}

pub fn bad_input(field: &'static str, message: &str) -> Error {
    Error::validation("invalid_params", field, message.to_owned())
}

fn read_headers(headers: &Bound<'_, PyAny>) -> Result<Headers, Error> {
    const WHAT: &str = "expected a mapping of str to str or a sequence of (name, value) pairs of str";
    let pairs: Bound<'_, PyAny> = match headers.cast::<PyMapping>() {
        Ok(mapping) => mapping.items().map_err(|_| bad_input("headers", WHAT))?.into_any(),
        Err(_) if headers.is_instance_of::<PyString>() || headers.is_instance_of::<PyBytes>() => {
            return Err(bad_input("headers", WHAT))
        }
        Err(_) => headers.clone(),
    };
    let mut out = Headers::new();
    for pair in pairs.try_iter().map_err(|_| bad_input("headers", WHAT))? {
        let pair = pair.map_err(|_| bad_input("headers", WHAT))?;
        let is_pair = (pair.is_instance_of::<PyTuple>() || pair.is_instance_of::<PyList>())
            && pair.len().map_err(|_| bad_input("headers", WHAT))? == 2;
        if !is_pair {
            return Err(bad_input("headers", WHAT));
        }
        let text = |i: usize| -> Result<String, Error> {
            let item = pair.get_item(i).map_err(|_| bad_input("headers", WHAT))?;
            item.cast::<PyString>()
                .ok()
                .and_then(|s| s.to_cow().ok().map(|c| c.into_owned()))
                .ok_or_else(|| bad_input("headers", WHAT))
        };
        out.append(text(0)?, text(1)?);
    }
    Ok(out)
}

fn read_body(body: &Bound<'_, PyAny>) -> Result<Vec<u8>, Error> {
    if let Ok(b) = body.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = body.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = body.cast::<PyString>() {
        return s
            .to_cow()
            .map(|t| t.into_owned().into_bytes())
            .map_err(|_| bad_input("body", "text is not valid Unicode (lone surrogate)"));
    }
    Err(bad_input("body", "expected bytes or str"))
}

/// `now`: Unix seconds as a non-negative `int`, or `None`.
pub fn read_now(now: Option<&Bound<'_, PyAny>>) -> Result<Option<u64>, Error> {
    match now {
        None => Ok(None),
        Some(n) if n.is_none() => Ok(None),
        Some(n) if n.is_instance_of::<pyo3::types::PyBool>() => Err(bad_input("now", "expected Unix seconds (int)")),
        Some(n) => n.extract::<u64>().map(Some).map_err(|_| bad_input("now", "expected Unix seconds (int >= 0)")),
    }
}

/// Parses a response of `operation` into plain Python data (wire field names, exact ints), or
/// raises the matching `KassaError`. `now` (Unix seconds) is when the answer arrived, for outputs
/// that carry an expiry (Billit's `expires_at`); without it they stay `None`.
#[pyfunction]
#[pyo3(signature = (operation, status, headers, body, *, now = None))]
pub fn parse_response<'py>(
    py: Python<'py>,
    operation: &str,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let parse = || -> Result<Output, Error> {
        let now = read_now(now)?;
        if status.is_instance_of::<pyo3::types::PyBool>() {
            return Err(bad_input("status", "expected an int HTTP status"));
        }
        let status: u16 =
            status.extract().map_err(|_| bad_input("status", "expected an int HTTP status from 0 to 65535"))?;
        let response = HttpResponse::new(status, read_headers(headers)?, read_body(body)?);
        kassa::operation::parse_response_at(operation, &response, now, OutputSink)?
    };
    match parse() {
        Ok(value) => output_to_py(py, &value),
        Err(e) => Err(to_pyerr(py, &e)),
    }
}

/// Every operation kassa implements: `id`, `provider`, `method`, `path`, `retry_safe`.
#[pyfunction]
pub fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for op in kassa::operation::catalog() {
        let entry = PyDict::new(py);
        entry.set_item("id", op.id)?;
        entry.set_item("provider", op.provider)?;
        entry.set_item("method", op.method.as_str())?;
        entry.set_item("path", op.path)?;
        entry.set_item("retry_safe", op.retry_safe)?;
        list.append(entry)?;
    }
    Ok(list)
}
