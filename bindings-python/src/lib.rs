//! kassa for Python: the native module `kassa._kassa`.
//!
//! Thin by design: Python values are converted to the serde data model ([`convert`]), the core
//! builds, retries ([`kassa::exchange::execute`] over [`kassa::transport::ReqwestExchange`]) and
//! parses, and core errors become Python exceptions in one function ([`errors::to_pyerr`]). The
//! pure functions go through one entry point ([`functions::call_function`]) to the core's
//! `kassa::functions::call`. The pure-Python package `kassa` adds the typed clients and the
//! function modules (`kassa.epc`, ...) on top.

mod client;
mod convert;
mod errors;
mod functions;
mod request;

use pyo3::prelude::*;

/// The native module. Use it through the `kassa` package.
#[pymodule]
fn _kassa(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(request::build_request, m)?)?;
    m.add_function(wrap_pyfunction!(request::parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(request::operations, m)?)?;
    m.add_function(wrap_pyfunction!(functions::call_function, m)?)?;
    m.add_function(wrap_pyfunction!(functions::function_names, m)?)?;
    m.add_class::<request::PyHttpRequest>()?;
    m.add_class::<client::Client>()?;
    Ok(())
}
