//! The pure functions (`kassa.epc.build`, `kassa.iban.validate`, ...): one native function each,
//! declared in `generated.rs` (written by `xtask codegen` from the core's registry) through
//! [`functions!`], each a C fast-call [`entry`] over its core type ([`native`]); and the generic
//! entry point by name,
//! [`call_function`]. The core binds the arguments ([`Arguments::bind`]) and reads them with its
//! typed argument struct, so a missing, unknown, mistyped or surplus argument is the core's
//! `ValidationError` naming it. Two fast forms skip that struct for the hot calls, each answering
//! as the bound call would (core tests hold them to it): one `str` to a validator
//! ([`Function::TEXT`]), keywords only to `epc.build` ([`Function::KEYWORDS`], read in
//! [`keywords_only`] straight from CPython's argument array).

use std::borrow::Cow;
use std::ffi::CStr;

use kassa::functions::{Arguments, Function, FunctionInfo, Loose};
use kassa::{Error, Sink, ValidationCode};
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyList, PyMapping, PyModule, PyString, PyTuple};

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

/// Binds `args` and `kwargs` (a mapping) to `info`'s parameters and calls `run` with them.
pub fn bind<'py, R>(
    info: &FunctionInfo,
    args: impl IntoIterator<Item = Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyAny>>,
    run: impl FnOnce(Arguments<'_, Input<'_, 'py>>) -> Result<R, Error>,
) -> Result<R, Error> {
    bind_pairs(info, args, &keywords(kwargs)?, run)
}

/// Binds `args` and the `(name, value)` pairs `keywords` (the names borrowed from the Python
/// strings) to `info`'s parameters and calls `run` with them.
fn bind_pairs<'py, R>(
    info: &FunctionInfo,
    args: impl IntoIterator<Item = Bound<'py, PyAny>>,
    keywords: &[(Bound<'py, PyString>, Bound<'py, PyAny>)],
    run: impl FnOnce(Arguments<'_, Input<'_, 'py>>) -> Result<R, Error>,
) -> Result<R, Error> {
    let named = keywords
        .iter()
        .map(|(k, v)| Ok((Cow::Borrowed(k.to_str().map_err(|_| not_text())?), Input::new(v))))
        .collect::<Result<Vec<_>, Error>>()?;
    let args: Vec<Bound<'py, PyAny>> = args.into_iter().collect();
    run(Arguments::bind(info, args.iter().map(Input::new), named)?)
}

/// Calls the core function `F` with the positional values `args` and the keyword pairs
/// `keywords` of a Python call.
///
/// The most common call of a validator, one `str` and nothing else (`kassa.iban.validate(s)`),
/// goes straight to the core's [`Function::TEXT`] form with the text borrowed from the Python
/// string; every other call (keywords, another type, a lone surrogate, the wrong count) is
/// bound and read through the function's `Args`, which gives the same answer for that call (a
/// core test holds the two forms to it) and the errors naming the argument.
fn call<'py, F: Function>(
    py: Python<'py>,
    args: &[Bound<'py, PyAny>],
    keywords: &[(Bound<'py, PyString>, Bound<'py, PyAny>)],
) -> PyResult<Bound<'py, PyAny>> {
    if let (Some(text), [arg], []) = (F::TEXT, args, keywords) {
        if let Ok(s) = arg.cast::<PyString>() {
            if let Ok(s) = s.to_str() {
                return output(py, text(s).map(|out| PySink(py).emit(&out)));
            }
        }
    }
    output(py, bind_pairs(&F::INFO, args.iter().cloned(), keywords, |a| kassa::functions::invoke::<F, _, _>(a, PySink(py))))
}

/// The C entry point of `F` (`METH_FASTCALL | METH_KEYWORDS`): CPython hands over the positional
/// values and then the keyword values in one array, and the keyword names in a tuple, so a call
/// makes no argument tuple and no keyword dict (a `**kwargs` signature in pyo3 would make both).
/// A panic becomes `PanicException`, never an unwind into CPython.
unsafe extern "C" fn entry<F: Function>(
    _module: *mut pyo3::ffi::PyObject,
    args: *const *mut pyo3::ffi::PyObject,
    nargs: pyo3::ffi::Py_ssize_t,
    kwnames: *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject {
    // SAFETY: CPython calls a builtin's C function attached to the interpreter.
    let py = unsafe { Python::assume_attached() };
    let run = std::panic::AssertUnwindSafe(|| -> PyResult<Bound<'_, PyAny>> {
        if let (Some(form), 0, false) = (F::KEYWORDS, nargs, kwnames.is_null()) {
            // SAFETY: as below, `args` holds one value per name of the tuple `kwnames`.
            if let Some(out) = unsafe { keywords_only(py, form, args, kwnames) } {
                return out;
            }
        }
        // SAFETY: `kwnames` is NULL or a tuple of str (CPython's vectorcall protocol); `args`
        // holds `nargs` positional values and then one value per keyword name, borrowed for
        // the call.
        let names: Vec<Bound<'_, PyString>> = if kwnames.is_null() {
            Vec::new()
        } else {
            let names = unsafe { Bound::from_borrowed_ptr(py, kwnames) }.cast_into::<PyTuple>()?;
            names.iter().map(|n| n.cast_into::<PyString>().map_err(|_| to_pyerr(py, &not_text()))).collect::<PyResult<_>>()?
        };
        let total = usize::try_from(nargs).unwrap_or(0) + names.len();
        let values: Vec<Bound<'_, PyAny>> = if total == 0 || args.is_null() {
            Vec::new()
        } else {
            unsafe { std::slice::from_raw_parts(args, total) }.iter().map(|&p| unsafe { Bound::from_borrowed_ptr(py, p) }).collect()
        };
        let (positional, named) = values.split_at(total - names.len());
        let keywords: Vec<_> = names.into_iter().zip(named.iter().cloned()).collect();
        call::<F>(py, positional, &keywords)
    });
    match std::panic::catch_unwind(run) {
        Ok(Ok(out)) => out.into_ptr(),
        Ok(Err(e)) => {
            e.restore(py);
            std::ptr::null_mut()
        }
        Err(_) => {
            pyo3::panic::PanicException::new_err("kassa panicked (a bug: please report it)").restore(py);
            std::ptr::null_mut()
        }
    }
}

/// The most keywords [`keywords_only`] reads (more take the general path).
const MAX_KEYWORDS: usize = 16;

/// A call with keywords only, through the core's keyword form of the function
/// ([`Function::KEYWORDS`]): the names and values read where CPython keeps them (the text of a
/// `str` is the UTF-8 it caches, borrowed), no `Vec`, no argument struct. `None` when the call
/// takes the general path: a value other than `str`, `int` within 64 bits, `bool` or `None`, a
/// lone surrogate, more than [`MAX_KEYWORDS`], or whatever the form itself leaves to it.
///
/// # Safety
/// `kwnames` is a tuple of `n` names and `values` points to `n` values (CPython's vectorcall
/// protocol, no positional values), all borrowed for the call.
unsafe fn keywords_only<'py, T: serde::Serialize>(
    py: Python<'py>,
    form: kassa::functions::KeywordForm<T>,
    values: *const *mut pyo3::ffi::PyObject,
    kwnames: *mut pyo3::ffi::PyObject,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    use pyo3::ffi;
    let n = usize::try_from(unsafe { ffi::PyTuple_Size(kwnames) }).ok()?;
    if n > MAX_KEYWORDS || values.is_null() {
        return None;
    }
    let mut pairs: [(&str, Option<Loose<'_>>); MAX_KEYWORDS] = [("", None); MAX_KEYWORDS];
    for (i, pair) in pairs.iter_mut().enumerate().take(n) {
        // SAFETY: `i < n`: an item of the tuple and its value, borrowed.
        let (name, value) = unsafe { (ffi::PyTuple_GetItem(kwnames, i as ffi::Py_ssize_t), *values.add(i)) };
        let name = unsafe { text(name) }?;
        let value = if value == unsafe { ffi::Py_None() } {
            None
        } else if unsafe { ffi::PyBool_Check(value) } != 0 {
            Some(Loose::Bool(value == unsafe { ffi::Py_True() }))
        } else if unsafe { ffi::PyLong_Check(value) } != 0 {
            let mut overflow = 0;
            let n = unsafe { ffi::PyLong_AsLongLongAndOverflow(value, &mut overflow) };
            if overflow != 0 || (n == -1 && !unsafe { ffi::PyErr_Occurred() }.is_null()) {
                unsafe { ffi::PyErr_Clear() };
                return None;
            }
            Some(Loose::Int(n))
        } else {
            Some(Loose::Text(unsafe { text(value) }?))
        };
        *pair = (name, value);
    }
    let result = form(&pairs[..n])?;
    Some(output(py, result.map(|out| PySink(py).emit(&out))))
}

/// The UTF-8 text of a `str` (cached by CPython, alive as long as the object), or `None` for
/// another object or a lone surrogate.
///
/// # Safety
/// `obj` is a valid object, borrowed for longer than the text is used.
unsafe fn text<'a>(obj: *mut pyo3::ffi::PyObject) -> Option<&'a str> {
    use pyo3::ffi;
    if obj.is_null() || unsafe { ffi::PyUnicode_Check(obj) } == 0 {
        return None;
    }
    let mut len: ffi::Py_ssize_t = 0;
    let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(obj, &mut len) };
    if data.is_null() {
        unsafe { ffi::PyErr_Clear() };
        return None;
    }
    // SAFETY: CPython's UTF-8 buffer of `len` bytes, valid while `obj` is.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), usize::try_from(len).ok()?) };
    std::str::from_utf8(bytes).ok()
}

/// The builtin function of `F`, named `name`, with `doc` (`name(signature)\n--\n\n` and the
/// docstring: CPython reads `__text_signature__` from it, as for pyo3's own functions).
pub fn native<'py, F: Function>(m: &Bound<'py, PyModule>, name: &'static CStr, doc: &'static CStr) -> PyResult<Bound<'py, PyCFunction>> {
    // One definition per function for the life of the process (CPython keeps a pointer to it).
    let def = Box::leak(Box::new(pyo3::ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: pyo3::ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: entry::<F> },
        ml_flags: pyo3::ffi::METH_FASTCALL | pyo3::ffi::METH_KEYWORDS,
        ml_doc: doc.as_ptr(),
    }));
    let py = m.py();
    // SAFETY: `def` lives forever; a NULL self, the module's name as `__module__`.
    let function = unsafe { pyo3::ffi::PyCMethod_New(def, std::ptr::null_mut(), m.name()?.as_ptr(), std::ptr::null_mut()) };
    Ok(unsafe { Bound::from_owned_ptr_or_err(py, function) }?.cast_into::<PyCFunction>()?)
}

/// `text` with a NUL appended at compile time, as a C string.
pub const fn c_text(text: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(text.as_bytes()) {
        Ok(c) => c,
        Err(_) => panic!("a NUL inside a name or docstring"),
    }
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
/// signature)", "docstring";`: `register` adds them all to the module, each [`native`] over
/// its core type.
macro_rules! functions {
    ($($native:ident = $ty:ident, $short:literal, $signature:literal, $doc:literal;)*) => {
        /// Adds every function's native entry point to the module.
        pub fn register(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
            $(crate::functions::add(
                m,
                stringify!($native),
                <kassa::functions::$ty as kassa::functions::Function>::INFO.name,
                crate::functions::native::<kassa::functions::$ty>(
                    m,
                    const { crate::functions::c_text(concat!($short, "\0")) },
                    const { crate::functions::c_text(concat!($short, $signature, "\n--\n\n", $doc, "\0")) },
                )?,
            )?;)*
            Ok(())
        }
    };
}
pub(crate) use functions;
