//! The Node-API host of kassa's converter ([`kassa_js::Host`]): the only place this binding calls
//! Node-API directly. Every call takes the `napi_env` of the running callback and handles valid
//! during it, and checks its status: a failure (a pending exception: a throwing getter, a `Proxy`
//! trap) is [`Thrown`], and the exception stays pending, so that it is what JavaScript sees.

use std::ptr;

use kassa_js::{Host, Shape, Thrown};
use napi::bindgen_prelude::{FromNapiValue, Object, ToNapiValue, Unknown};
use napi::sys::{self, TypedarrayType as T, ValueType as V};
use napi::{Env, JsValue};
use napi_derive::napi;

/// A value handle, valid during the current callback.
pub(crate) type Raw = sys::napi_value;

/// The environment of the running callback.
#[derive(Clone, Copy)]
pub(crate) struct Napi(pub(crate) sys::napi_env);

/// A value handed back to JavaScript as it is.
pub struct JsOut(pub(crate) Raw);

impl ToNapiValue for JsOut {
    unsafe fn to_napi_value(_: sys::napi_env, val: Self) -> napi::Result<Raw> {
        Ok(val.0)
    }
}

/// Runs one Node-API call writing its result into `out`.
fn call<O>(mut out: O, f: impl FnOnce(&mut O) -> sys::napi_status) -> Result<O, Thrown> {
    match f(&mut out) {
        sys::Status::napi_ok => Ok(out),
        _ => Err(Thrown),
    }
}

impl Napi {
    pub(crate) fn of(env: &Env) -> Self {
        Napi(env.raw())
    }

    /// The JavaScript error of a kassa error (or the pending exception, when there is one).
    pub(crate) fn throw(self, e: &kassa::Error) -> napi::Error {
        match kassa_js::error(self, e) {
            Ok(value) => napi::Error::from(unsafe { Unknown::from_raw_unchecked(self.0, value) }),
            // The exception already pending (napi-rs throws it) or no memory: still a message.
            Err(Thrown) => napi::Error::from_reason(e.to_string()),
        }
    }

    /// Throws the JavaScript error of a kassa error, unless an exception is pending already (a
    /// throwing getter's own, which is what JavaScript sees then).
    pub(crate) fn throw_raw(self, e: &kassa::Error) {
        let mut pending = false;
        unsafe { sys::napi_is_exception_pending(self.0, &mut pending) };
        if pending {
            return;
        }
        match kassa_js::error(self, e) {
            Ok(value) => unsafe { sys::napi_throw(self.0, value) },
            Err(Thrown) => {
                let message = std::ffi::CString::new(e.to_string().replace('\0', " ")).unwrap_or_default();
                unsafe { sys::napi_throw_error(self.0, ptr::null(), message.as_ptr()) }
            }
        };
    }

    /// `value` or the thrown error.
    pub(crate) fn done(self, result: kassa_js::Result<Raw>) -> napi::Result<JsOut> {
        result.map(JsOut).map_err(|e| self.throw(&e))
    }

    fn type_of(self, v: Raw) -> Result<i32, Thrown> {
        call(0, |t| unsafe { sys::napi_typeof(self.0, v, t) })
    }

    fn elements(self, v: Raw) -> Result<Vec<Raw>, Thrown> {
        let len = call(0, |n| unsafe { sys::napi_get_array_length(self.0, v, n) })?;
        (0..len).map(|i| call(ptr::null_mut(), |e| unsafe { sys::napi_get_element(self.0, v, i, e) })).collect()
    }

    fn object_shape(self, v: Raw) -> Result<Shape<Raw>, Thrown> {
        let (env, null) = (self.0, ptr::null_mut());
        if call(false, |b| unsafe { sys::napi_is_array(env, v, b) })? {
            return Ok(Shape::Seq(self.elements(v)?));
        }
        let (data, len) = if call(false, |b| unsafe { sys::napi_is_typedarray(env, v, b) })? {
            let (mut kind, mut len, mut data, mut buffer, mut offset) = (0, 0, null, ptr::null_mut(), 0);
            call((), |_| unsafe { sys::napi_get_typedarray_info(env, v, &mut kind, &mut len, &mut data, &mut buffer, &mut offset) })?;
            let size = match kind {
                T::int8_array | T::uint8_array | T::uint8_clamped_array => 1,
                T::int16_array | T::uint16_array => 2,
                T::int32_array | T::uint32_array | T::float32_array => 4,
                _ => 8,
            };
            (data, len * size)
        } else if call(false, |b| unsafe { sys::napi_is_dataview(env, v, b) })? {
            let (mut len, mut data, mut buffer, mut offset) = (0, null, ptr::null_mut(), 0);
            call((), |_| unsafe { sys::napi_get_dataview_info(env, v, &mut len, &mut data, &mut buffer, &mut offset) })?;
            (data, len)
        } else if call(false, |b| unsafe { sys::napi_is_arraybuffer(env, v, b) })? {
            let (mut data, mut len) = (null, 0);
            call((), |_| unsafe { sys::napi_get_arraybuffer_info(env, v, &mut data, &mut len) })?;
            (data, len)
        } else if call(false, |b| unsafe { sys::napi_is_date(env, v, b) })? {
            return Ok(Shape::Refused("Date"));
        } else {
            return Ok(Shape::Object);
        };
        // SAFETY: Node-API reported `len` readable bytes at `data`, alive during this callback.
        let bytes = if len == 0 || data.is_null() { Vec::new() } else { unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) }.to_vec() };
        Ok(Shape::Bytes(bytes))
    }
}

impl Host for Napi {
    type Value = Raw;

    fn shape(self, v: &Raw) -> Result<Shape<Raw>, Thrown> {
        let (env, v) = (self.0, *v);
        Ok(match self.type_of(v)? {
            V::napi_undefined => Shape::Undefined,
            V::napi_null => Shape::Null,
            V::napi_boolean => Shape::Bool(call(false, |b| unsafe { sys::napi_get_value_bool(env, v, b) })?),
            V::napi_number => Shape::Number(call(0.0, |n| unsafe { sys::napi_get_value_double(env, v, n) })?),
            V::napi_string => Shape::Str(unsafe { String::from_napi_value(env, v) }.map_err(|_| Thrown)?),
            V::napi_bigint => {
                let count = call(0, |n| unsafe { sys::napi_get_value_bigint_words(env, v, ptr::null_mut(), n, ptr::null_mut()) })?;
                let (mut sign, mut words, mut n) = (0, [0u64; 2], count.min(2));
                call((), |_| unsafe { sys::napi_get_value_bigint_words(env, v, &mut sign, &mut n, words.as_mut_ptr()) })?;
                let magnitude = i128::try_from(u128::from(words[0]) | u128::from(words[1]) << 64).ok().filter(|_| count <= 2);
                Shape::BigInt(magnitude.map(|m| if sign == 0 { m } else { -m }))
            }
            V::napi_symbol => Shape::Refused("symbol"),
            V::napi_function => Shape::Refused("function"),
            V::napi_object => self.object_shape(v)?,
            _ => Shape::Refused("handle"),
        })
    }

    fn is_undefined(self, v: &Raw) -> bool {
        self.type_of(*v) == Ok(V::napi_undefined)
    }

    fn text(self, v: &Raw) -> Option<String> {
        if self.type_of(*v) != Ok(V::napi_string) {
            return None;
        }
        unsafe { String::from_napi_value(self.0, *v) }.ok()
    }

    fn with_text<R>(self, v: &Raw, f: impl FnOnce(&str) -> R) -> Option<R> {
        if self.type_of(*v) != Ok(V::napi_string) {
            return None;
        }
        // A short text in one call into a stack buffer (room for the NUL Node-API writes; a
        // text that fills it may have been cut, and is read whole instead).
        let mut buffer = [0u8; 128];
        let len = call(0, |n| unsafe { sys::napi_get_value_string_utf8(self.0, *v, buffer.as_mut_ptr().cast(), buffer.len(), n) }).ok()?;
        if len + 1 < buffer.len() {
            return std::str::from_utf8(&buffer[..len]).ok().map(f);
        }
        unsafe { String::from_napi_value(self.0, *v) }.ok().map(|s| f(&s))
    }

    fn append_text(self, v: &Raw, out: &mut String) -> bool {
        if self.type_of(*v) != Ok(V::napi_string) {
            return false;
        }
        let Ok(len) = call(0, |n| unsafe { sys::napi_get_value_string_utf8(self.0, *v, ptr::null_mut(), 0, n) }) else { return false };
        let mut bytes = std::mem::take(out).into_bytes();
        let start = bytes.len();
        bytes.resize(start + len + 1, 0);
        let written = call(0, |n| unsafe { sys::napi_get_value_string_utf8(self.0, *v, bytes[start..].as_mut_ptr().cast(), len + 1, n) });
        bytes.truncate(start + written.unwrap_or(0));
        // Node-API writes UTF-8 (lone surrogates as U+FFFD); anything else leaves `out` as it was.
        match String::from_utf8(bytes) {
            Ok(text) if written.is_ok() => {
                *out = text;
                true
            }
            Ok(mut text) => {
                text.truncate(start);
                *out = text;
                false
            }
            Err(e) => {
                let mut bytes = e.into_bytes();
                bytes.truncate(start);
                *out = String::from_utf8(bytes).unwrap_or_default();
                false
            }
        }
    }

    fn is_null(self, v: &Raw) -> bool {
        self.type_of(*v) == Ok(V::napi_null)
    }

    fn keys(self, v: &Raw) -> Result<Vec<String>, Thrown> {
        let names = call(ptr::null_mut(), |n| unsafe {
            sys::napi_get_all_property_names(
                self.0,
                *v,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                n,
            )
        })?;
        self.elements(names)?.into_iter().map(|k| unsafe { String::from_napi_value(self.0, k) }.map_err(|_| Thrown)).collect()
    }

    fn get(self, v: &Raw, key: &str) -> Result<Raw, Thrown> {
        let key = self.string(key)?;
        call(ptr::null_mut(), |out| unsafe { sys::napi_get_property(self.0, *v, key, out) })
    }

    fn items(self, v: &Raw) -> Result<Option<Vec<Raw>>, Thrown> {
        let global = call(ptr::null_mut(), |g| unsafe { sys::napi_get_global(self.0, g) })?;
        let iterator = self.get(&self.get(&global, "Symbol")?, "iterator")?;
        let method = call(ptr::null_mut(), |m| unsafe { sys::napi_get_property(self.0, *v, iterator, m) })?;
        if self.type_of(method)? != V::napi_function {
            return Ok(None);
        }
        let array = self.get(&global, "Array")?;
        let from = self.get(&array, "from")?;
        let items = call(ptr::null_mut(), |out| unsafe { sys::napi_call_function(self.0, array, from, 1, v, out) })?;
        self.elements(items).map(Some)
    }

    fn null(self) -> Result<Raw, Thrown> {
        call(ptr::null_mut(), |out| unsafe { sys::napi_get_null(self.0, out) })
    }

    fn boolean(self, b: bool) -> Result<Raw, Thrown> {
        call(ptr::null_mut(), |out| unsafe { sys::napi_get_boolean(self.0, b, out) })
    }

    fn number(self, n: f64) -> Result<Raw, Thrown> {
        call(ptr::null_mut(), |out| unsafe { sys::napi_create_double(self.0, n, out) })
    }

    fn bigint(self, n: i128) -> Result<Raw, Thrown> {
        let m = n.unsigned_abs();
        let words = [m as u64, (m >> 64) as u64];
        call(ptr::null_mut(), |out| unsafe { sys::napi_create_bigint_words(self.0, i32::from(n < 0), 2, words.as_ptr(), out) })
    }

    fn string(self, s: &str) -> Result<Raw, Thrown> {
        call(ptr::null_mut(), |out| unsafe { sys::napi_create_string_utf8(self.0, s.as_ptr().cast(), s.len() as isize, out) })
    }

    fn bytes(self, bytes: &[u8]) -> Result<Raw, Thrown> {
        let mut data: *mut std::ffi::c_void = ptr::null_mut();
        let buffer = call(ptr::null_mut(), |b| unsafe { sys::napi_create_arraybuffer(self.0, bytes.len(), &mut data, b) })?;
        if !bytes.is_empty() && !data.is_null() {
            // SAFETY: Node-API allocated `bytes.len()` writable bytes at `data`.
            unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), data.cast::<u8>(), bytes.len()) };
        }
        call(ptr::null_mut(), |out| unsafe { sys::napi_create_typedarray(self.0, T::uint8_array, bytes.len(), buffer, 0, out) })
    }

    fn array(self, items: Vec<Raw>) -> Result<Raw, Thrown> {
        let array = call(ptr::null_mut(), |out| unsafe { sys::napi_create_array_with_length(self.0, items.len(), out) })?;
        for (i, item) in items.into_iter().enumerate() {
            call((), |_| unsafe { sys::napi_set_element(self.0, array, i as u32, item) })?;
        }
        Ok(array)
    }

    fn object(self) -> Result<Raw, Thrown> {
        call(ptr::null_mut(), |out| unsafe { sys::napi_create_object(self.0, out) })
    }

    fn set(self, object: &Raw, key: &str, value: Raw) -> Result<(), Thrown> {
        let key = self.string(key)?;
        call((), |_| unsafe { sys::napi_set_property(self.0, *object, key, value) })
    }

    fn error(self, class: &str, message: &str) -> Result<Raw, Thrown> {
        let message = self.string(message)?;
        if let Some(classes) = self.registered()? {
            let constructor = self.get(&classes, class)?;
            return call(ptr::null_mut(), |out| unsafe { sys::napi_new_instance(self.0, constructor, 1, &message, out) });
        }
        let error = call(ptr::null_mut(), |out| unsafe { sys::napi_create_error(self.0, ptr::null_mut(), message, out) })?;
        self.set(&error, "name", self.string(class)?)?;
        Ok(error)
    }

    fn protect(self, value: &Raw, secret_keys: &[&str]) -> Result<(), Thrown> {
        let Some(registered) = self.registered()? else { return Ok(()) };
        let protect = self.get(&registered, "protect")?;
        let keys = secret_keys.iter().map(|k| self.string(k)).collect::<Result<Vec<_>, _>>()?;
        let args = [*value, self.array(keys)?];
        call(ptr::null_mut(), |out| unsafe { sys::napi_call_function(self.0, registered, protect, 2, args.as_ptr(), out) }).map(|_| ())
    }
}

impl Napi {
    /// What the facade registered (the error classes and `protect`), if it did.
    fn registered(self) -> Result<Option<Raw>, Thrown> {
        match Env::from_raw(self.0).get_instance_data::<Classes>() {
            Ok(Some(Classes(classes))) => call(ptr::null_mut(), |out| unsafe { sys::napi_get_reference_value(self.0, *classes, out) }).map(Some),
            _ => Ok(None),
        }
    }
}

/// What the facade registered (`{KassaError, ValidationError, ..., protect}`), per environment
/// (a worker has its own).
struct Classes(sys::napi_ref);

/// Hands the addon the error classes it throws and the `protect` of outputs holding ids or
/// secrets; called once by the facade. Not public API.
#[napi(js_name = "registerErrorClasses", catch_unwind)]
pub fn register_error_classes(env: Env, classes: Object) -> napi::Result<()> {
    let reference = call(ptr::null_mut(), |r| unsafe { sys::napi_create_reference(env.raw(), classes.raw(), 1, r) })
        .map_err(|_| napi::Error::from_reason("registerErrorClasses: not an object"))?;
    env.set_instance_data(Classes(reference), (), |_| {})
}
