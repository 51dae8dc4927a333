//! Python values -> `serde_json::Value`, the serde data model the core's dispatch reads params
//! and config from; outputs -> Python through [`Output`] (`ciborium::Value`, which keeps the
//! core's `serialize_bytes` as bytes: Digiteal's images become Python `bytes`). Integers stay
//! integers in both directions: a Python `int` becomes an `i64`/`u64` number and back, never a
//! float. Python `bytes` params (a document to upload) become arrays of numbers 0-255, the
//! core's form of bytes.

use std::fmt::Write as _;

use kassa::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Deeper nesting is refused (it also stops self-referencing containers).
const MAX_DEPTH: usize = 64;

/// Which input is being read; decides the error code of a refusal.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    /// Operation params: `invalid_params`; `bytes` and `bytearray` are accepted (a document to
    /// upload) and become arrays of numbers 0-255, the core's form of bytes.
    Params,
    /// A provider config: `invalid_config`.
    Config,
    /// Arguments of a pure function (`kassa.epc.parse(...)`): `invalid_params`; `bytes` and
    /// `bytearray` are accepted and become arrays of numbers 0-255, the core's form of bytes.
    Args,
}

impl Input {
    fn code(self) -> &'static str {
        match self {
            Input::Params | Input::Args => "invalid_params",
            Input::Config => "invalid_config",
        }
    }
}

/// Converts a Python value (`None`, `bool`, `int`, `float`, `str`, mappings with `str` keys,
/// lists and tuples) into a JSON value. A refusal is a validation error naming the path
/// (`retry.max_retries`, `items[0]`), never showing the value itself (it may be a secret).
pub fn to_value(obj: &Bound<'_, PyAny>, input: Input) -> Result<Value, Error> {
    to_value_at(obj, input, "")
}

/// [`to_value`] for a value that sits at `path` (e.g. `args[1]`): refusals name it.
pub fn to_value_at(obj: &Bound<'_, PyAny>, input: Input, path: &str) -> Result<Value, Error> {
    let mut path = path.to_owned();
    convert(obj, input, &mut path, 0)
}

fn refuse(input: Input, path: &str, message: impl Into<String>) -> Error {
    Error::validation(input.code(), path.to_owned(), message)
}

fn convert(obj: &Bound<'_, PyAny>, input: Input, path: &mut String, depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(refuse(input, path, format!("nested deeper than {MAX_DEPTH} levels")));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(refuse(input, path, "integer out of the 64-bit range"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| refuse(input, path, "expected a finite number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Ok(Value::String(text.into_owned())),
            Err(_) => Err(refuse(input, path, "text is not valid Unicode (lone surrogate)")),
        };
    }
    let bytes_allowed = matches!(input, Input::Args | Input::Params);
    if let (true, Ok(b)) = (bytes_allowed, obj.cast::<PyBytes>()) {
        return Ok(Value::Array(b.as_bytes().iter().map(|&byte| Value::from(byte)).collect()));
    }
    if let (true, Ok(b)) = (bytes_allowed, obj.cast::<PyByteArray>()) {
        return Ok(Value::Array(b.to_vec().into_iter().map(Value::from).collect()));
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(refuse(input, path, "bytes are not accepted here; pass text (str)"));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            insert(&mut map, &key, &value, input, path, depth)?;
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        let iter = obj.try_iter().map_err(|_| refuse(input, path, "cannot iterate the sequence"))?;
        for (index, item) in iter.enumerate() {
            let item = item.map_err(|_| refuse(input, path, "cannot iterate the sequence"))?;
            let len = path.len();
            let _ = write!(path, "[{index}]");
            let value = convert(&item, input, path, depth + 1);
            path.truncate(len);
            items.push(value?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let items = mapping.items().map_err(|_| refuse(input, path, "cannot read the mapping's items"))?;
        let mut map = Map::new();
        for pair in items.iter() {
            let (key, value) = pair
                .extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
                .map_err(|_| refuse(input, path, "cannot read the mapping's items"))?;
            insert(&mut map, &key, &value, input, path, depth)?;
        }
        return Ok(Value::Object(map));
    }
    let type_name = obj
        .get_type()
        .name()
        .ok()
        .and_then(|n| n.to_cow().ok().map(|c| c.into_owned()))
        .unwrap_or_else(|| "?".to_owned());
    Err(refuse(input, path, format!("a value of type `{type_name}` is not accepted")))
}

fn insert(
    map: &mut Map<String, Value>,
    key: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
    input: Input,
    path: &mut String,
    depth: usize,
) -> Result<(), Error> {
    let Ok(key) = key.cast::<PyString>() else {
        return Err(refuse(input, path, "mapping keys must be str"));
    };
    let key =
        key.to_cow().map_err(|_| refuse(input, path, "a key is not valid Unicode (lone surrogate)"))?.into_owned();
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(&key);
    let converted = convert(value, input, path, depth + 1);
    path.truncate(len);
    map.insert(key, converted?);
    Ok(())
}

/// A parsed output on its way to Python: the serde data model with bytes kept as bytes (the core
/// serialises images with `serialize_bytes`; a `serde_json::Value` would make them numbers).
pub type Output = ciborium::Value;

/// The [`Sink`](kassa::operation::Sink) of the binding: typed outputs become an [`Output`].
#[derive(Clone, Copy, Debug, Default)]
pub struct OutputSink;

impl kassa::operation::Sink for OutputSink {
    type Ok = Result<Output, Error>;
    fn emit<T: serde::Serialize>(self, value: &T) -> Self::Ok {
        to_output(value)
    }
}

/// Serialises any output (parsed answers, the identity flow's results) into an [`Output`].
pub fn to_output<T: serde::Serialize + ?Sized>(value: &T) -> Result<Output, Error> {
    Output::serialized(value).map_err(|e| Error::decode("", e.to_string()))
}

/// Converts an [`Output`] into plain Python objects: `dict` (str keys), `list`, `str`, `bytes`
/// (the core's bytes: images), `int` (exact), `float`, `bool`, `None`.
pub fn output_to_py<'py>(py: Python<'py>, value: &Output) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Output::Null => py.None().into_bound(py),
        Output::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Output::Integer(i) => i128::from(*i).into_pyobject(py)?.into_any(),
        Output::Float(f) => PyFloat::new(py, *f).into_any(),
        Output::Text(s) => PyString::new(py, s).into_any(),
        Output::Bytes(b) => PyBytes::new(py, b).into_any(),
        Output::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(output_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Output::Map(entries) => {
            let dict = PyDict::new(py);
            for (key, item) in entries {
                // Keys are text for every struct; other keys are written as JSON would.
                let key = match key {
                    Output::Text(s) => PyString::new(py, s).into_any(),
                    Output::Integer(i) => PyString::new(py, &i128::from(*i).to_string()).into_any(),
                    Output::Bool(b) => PyString::new(py, if *b { "true" } else { "false" }).into_any(),
                    other => output_to_py(py, other)?,
                };
                dict.set_item(key, output_to_py(py, item)?)?;
            }
            dict.into_any()
        }
        Output::Tag(_, inner) => output_to_py(py, inner)?,
        _ => py.None().into_bound(py),
    })
}

/// Converts a JSON value (a parsed output) into plain Python objects: `dict`, `list`, `str`,
/// `int` (exact, any 64-bit value), `float`, `bool`, `None`.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}
