//! The pure functions (`kassa.epc.build`, `kassa.iban.validate`, `kassa.identity.finish`, ...):
//! ONE native entry point, [`call_function`], over the core's dispatcher
//! [`kassa::functions::call`]. The core binds positional and keyword arguments, checks their
//! types and computes; this module only converts values. The Python modules `kassa.epc`, ... are
//! generated from [`function_names`] by `kassa/_functions.py`.

use kassa::functions::Output;
use kassa::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Value};

use crate::convert::{to_py, to_value_at, Input};
use crate::errors::to_pyerr;

fn refuse(field: &'static str, message: &str) -> Error {
    Error::validation("invalid_params", field, message.to_owned())
}

/// Positional arguments: a tuple or list (`None`: none).
fn read_args(args: Option<&Bound<'_, PyAny>>) -> Result<Vec<Value>, Error> {
    let Some(args) = args.filter(|a| !a.is_none()) else { return Ok(Vec::new()) };
    if !(args.is_instance_of::<PyTuple>() || args.is_instance_of::<PyList>()) {
        return Err(refuse("args", "positional arguments are a tuple or list"));
    }
    let mut out = Vec::new();
    for (index, item) in args.try_iter().map_err(|_| refuse("args", "cannot iterate the arguments"))?.enumerate() {
        let item = item.map_err(|_| refuse("args", "cannot iterate the arguments"))?;
        out.push(to_value_at(&item, Input::Args, &format!("args[{index}]"))?);
    }
    Ok(out)
}

/// Keyword arguments: a mapping with `str` keys (`None`: none).
fn read_kwargs(kwargs: Option<&Bound<'_, PyAny>>) -> Result<Map<String, Value>, Error> {
    let Some(kwargs) = kwargs.filter(|k| !k.is_none()) else { return Ok(Map::new()) };
    if !(kwargs.is_instance_of::<PyDict>() || kwargs.cast::<PyMapping>().is_ok()) {
        return Err(refuse("kwargs", "keyword arguments are a mapping of str to values"));
    }
    match to_value_at(kwargs, Input::Args, "")? {
        Value::Object(map) => Ok(map),
        _ => Err(refuse("kwargs", "keyword arguments are a mapping of str to values")),
    }
}

/// Calls the kassa function `name` (`"epc.build"`, see [`function_names`]) with positional `args`
/// and keyword `kwargs`. `bytes` arguments are passed as bytes; results are plain Python data
/// (`str`, `dict`, `list`, exact `int`), or `bytes` for `epc.png`. The GIL is released while the
/// core computes.
#[pyfunction]
#[pyo3(signature = (name, args = None, kwargs = None))]
pub fn call_function<'py>(
    py: Python<'py>,
    name: &str,
    args: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let inputs = read_args(args).and_then(|a| Ok((a, read_kwargs(kwargs)?)));
    let (args, kwargs) = inputs.map_err(|e| to_pyerr(py, &e))?;
    match py.detach(|| kassa::functions::call(name, &args, &kwargs)) {
        Ok(Output::Bytes(bytes)) => Ok(PyBytes::new(py, &bytes).into_any()),
        Ok(output) => to_py(py, &output.into_json()),
        Err(e) => Err(to_pyerr(py, &e)),
    }
}

/// Every function name [`call_function`] knows, `namespace.function` (`kassa::functions::NAMES`).
#[pyfunction]
pub fn function_names(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, kassa::functions::NAMES.iter().map(|n| PyString::new(py, n)))
}
