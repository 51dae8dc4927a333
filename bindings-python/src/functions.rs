//! The pure functions (`kassa.epc.build`, `kassa.iban.validate`, ...): one native function each,
//! declared in `generated.rs` (written by `xtask codegen` from the core's registry) through
//! [`functions!`], each calling [`call`] with its core type; and the generic entry point by name,
//! [`call_function`]. The core binds the arguments ([`Arguments::bind`]) and reads them with its
//! typed argument struct, so a missing, unknown, mistyped or surplus argument is the core's
//! `ValidationError` naming it.

use std::borrow::Cow;

use kassa::functions::{Arguments, Function, FunctionInfo};
use kassa::{Error, Sink, ValidationCode};
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyList, PyMapping, PyString, PyTuple};

use crate::errors::to_pyerr;
use crate::input::Input;

/// The [`Sink`] of the binding: a typed output becomes Python objects (pythonize: `bytes` stay
/// bytes, integers exact, structs `dict`s with the wire names).
#[derive(Clone, Copy)]
pub struct PySink<'py>(pub Python<'py>);

impl<'py> Sink for PySink<'py> {
    type Ok = PyResult<Bound<'py, PyAny>>;
    fn emit<T: serde::Serialize + ?Sized>(self, value: &T) -> Self::Ok {
        Ok(pythonize::pythonize(self.0, value)?)
    }
}

/// An output, or the exception of a core error.
pub fn output<'py>(py: Python<'py>, result: Result<PyResult<Bound<'py, PyAny>>, Error>) -> PyResult<Bound<'py, PyAny>> {
    result.map_err(|e| to_pyerr(py, &e))?
}

fn refuse(field: &'static str, message: &str) -> Error {
    Error::validation(ValidationCode::InvalidParams, field, message.to_owned())
}

/// The keyword arguments as `(name, value)` pairs; names must be text.
fn keywords<'py>(kwargs: Option<&Bound<'py, PyAny>>) -> Result<Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)>, Error> {
    let Some(kwargs) = kwargs.filter(|k| !k.is_none()) else { return Ok(Vec::new()) };
    let unreadable = || refuse("kwargs", "keyword arguments are a mapping of str to values");
    let pairs: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = match kwargs.cast::<PyDict>() {
        Ok(dict) => dict.iter().collect(),
        Err(_) => {
            let items = kwargs.cast::<PyMapping>().ok().and_then(|m| m.items().ok()).ok_or_else(unreadable)?;
            items.iter().map(|pair| pair.extract().map_err(|_| unreadable())).collect::<Result<_, _>>()?
        }
    };
    pairs.into_iter().map(|(key, value)| Ok((key.cast_into::<PyString>().map_err(|_| not_text())?, value))).collect()
}

fn not_text() -> Error {
    refuse("kwargs", "keyword argument names must be str")
}

/// Binds `args` and `kwargs` to `info`'s parameters and calls `run` with them (the names are
/// borrowed from the Python strings).
pub fn bind<'py, R>(
    info: &FunctionInfo,
    args: impl IntoIterator<Item = Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyAny>>,
    run: impl FnOnce(Arguments<'_, Input<'_, 'py>>) -> Result<R, Error>,
) -> Result<R, Error> {
    let keywords = keywords(kwargs)?;
    let named = keywords
        .iter()
        .map(|(k, v)| Ok((Cow::Borrowed(k.to_str().map_err(|_| not_text())?), Input::new(v))))
        .collect::<Result<Vec<_>, Error>>()?;
    let args: Vec<Bound<'py, PyAny>> = args.into_iter().collect();
    run(Arguments::bind(info, args.iter().map(Input::new), named)?)
}

/// Calls the core function `F` with the positional `args` and keyword `kwargs` of a Python call.
///
/// The most common call of a validator, one `str` and nothing else (`kassa.iban.validate(s)`),
/// goes straight to the core's [`Function::TEXT`] form with the text borrowed from the Python
/// string; every other call (keywords, another type, a lone surrogate, the wrong count) is
/// bound and read through the function's `Args`, which gives the same answer for that call (a
/// core test holds the two forms to it) and the errors naming the argument.
pub fn call<'py, F: Function>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    if let (Some(text), None, 1) = (F::TEXT, kwargs, args.len()) {
        let arg = args.get_borrowed_item(0)?;
        if let Ok(s) = arg.cast::<PyString>() {
            if let Ok(s) = s.to_str() {
                return output(py, text(s).map(|out| PySink(py).emit(&out)));
            }
        }
    }
    output(py, bind(&F::INFO, args.iter(), kwargs.map(|k| k.as_any()), |a| kassa::functions::invoke::<F, _, _>(a, PySink(py))))
}

/// Calls the kassa function `name` (`"epc.build"`, see [`function_names`]) with positional `args`
/// (a tuple or list) and keyword `kwargs` (a mapping): the generic entry point by name.
#[pyfunction]
#[pyo3(signature = (name, args = None, kwargs = None))]
pub fn call_function<'py>(
    py: Python<'py>,
    name: &Bound<'py, PyAny>,
    args: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let name: String = match crate::input::read(ValidationCode::UnknownFunction, "name", name) {
        Ok(name) => name,
        Err(e) => return Err(to_pyerr(py, &e)),
    };
    let positional: Result<Vec<_>, Error> = match args.filter(|a| !a.is_none()) {
        None => Ok(Vec::new()),
        Some(a) if a.is_instance_of::<PyTuple>() || a.is_instance_of::<PyList>() => {
            a.try_iter().and_then(|items| items.collect::<PyResult<Vec<_>>>()).map_err(|_| refuse("args", "cannot iterate the arguments"))
        }
        Some(_) => Err(refuse("args", "positional arguments are a tuple or list")),
    };
    // An unknown name: the core's `unknown_function`, whatever the arguments.
    const UNKNOWN: FunctionInfo = FunctionInfo { name: "", provider: None, positional: &[] };
    let (info, args, kwargs) = match kassa::functions::info(&name) {
        Some(info) => (info, positional, kwargs),
        None => (&UNKNOWN, Ok(Vec::new()), None),
    };
    let called = args.and_then(|args| bind(info, args, kwargs, |a| kassa::functions::call(&name, a, PySink(py))));
    output(py, called)
}

/// Every function [`call_function`] knows, `namespace.function`.
#[pyfunction]
pub fn function_names(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, kassa::functions::list().iter().map(|f| f.name))
}

/// Adds the native function of the core function `name` to `m` as `native` (`epc__build`),
/// presented as `kassa.<namespace>.<function>` (its `__module__`; `__name__` is the function's).
pub fn add(m: &Bound<'_, PyModule>, native: &str, name: &str, function: Bound<'_, PyCFunction>) -> PyResult<()> {
    let namespace = name.rsplit_once('.').map_or("", |(ns, _)| ns);
    function.setattr("__module__", format!("kassa.{namespace}"))?;
    m.add(native, function)
}

/// Declares the native function of each core function, `native = Type, "short name", "(text
/// signature)", "docstring";`, and `register`, which adds them all to the module.
macro_rules! functions {
    ($($native:ident = $ty:ident, $short:literal, $signature:literal, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            #[pyo3::pyfunction]
            #[pyo3(name = $short, signature = (*args, **kwargs), text_signature = $signature)]
            fn $native<'py>(
                py: pyo3::Python<'py>,
                args: &pyo3::Bound<'py, pyo3::types::PyTuple>,
                kwargs: Option<&pyo3::Bound<'py, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::functions::call::<kassa::functions::$ty>(py, args, kwargs)
            }
        )*

        /// Adds every function's native entry point to the module.
        pub fn register(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
            $(crate::functions::add(
                m,
                stringify!($native),
                <kassa::functions::$ty as kassa::functions::Function>::INFO.name,
                pyo3::wrap_pyfunction!($native, m)?,
            )?;)*
            Ok(())
        }
    };
}
pub(crate) use functions;
