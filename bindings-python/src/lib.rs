//! kassa for Python: the native module `kassa._kassa`.
//!
//! Thin by design: Python values are read by the core's own serde types ([`input`]), outputs are
//! written with pythonize ([`functions::PySink`]), the core builds, sends (through
//! [`kassa::client::Client`] over [`kassa::transport::ReqwestExchange`]) and parses, and core
//! errors become Python exceptions in one function ([`errors::to_pyerr`]). Every pure function
//! has its own native entry point, declared in [`generated`] (written by `xtask codegen` from the
//! core's registry); the package `kassa` (its typed modules and clients generated too) sits on top.

mod client;
mod errors;
mod functions;
mod generated;
mod input;
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
    generated::register(m)
}
