//! Small safe wrappers over the Node-API calls the conversions need. Every function takes the
//! `napi_env` of the callback that is running and handles that are valid during that callback;
//! each call checks its status, so a failure becomes a `napi::Error`, never undefined behaviour.

use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, ToNapiValue};
use napi::{check_status, sys, Error, Result, Status, ValueType};

/// A JavaScript value handle, valid during the current callback.
pub(crate) type Raw = sys::napi_value;

/// A 64-bit integer read from a bigint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Int64 {
    /// From `i64::MIN` to `i64::MAX`.
    Signed(i64),
    /// Above `i64::MAX`, up to `u64::MAX`.
    Unsigned(u64),
}

/// The environment of the running callback.
#[derive(Clone, Copy)]
pub(crate) struct Js(pub(crate) sys::napi_env);

/// A value handed back to JavaScript as it is (the result of one of our conversions).
pub struct JsOut(pub(crate) Raw);

impl ToNapiValue for JsOut {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        Ok(val.0)
    }
}

impl Js {
    // ---- reading ------------------------------------------------------------------------

    /// `typeof value`, as napi reports it.
    pub(crate) fn type_of(self, value: Raw) -> Result<ValueType> {
        let mut t = 0;
        check_status!(unsafe { sys::napi_typeof(self.0, value, &mut t) })?;
        Ok(ValueType::from(t))
    }

    /// `Array.isArray(value)`.
    pub(crate) fn is_array(self, value: Raw) -> Result<bool> {
        let mut yes = false;
        check_status!(unsafe { sys::napi_is_array(self.0, value, &mut yes) })?;
        Ok(yes)
    }

    /// `value instanceof Date`.
    pub(crate) fn is_date(self, value: Raw) -> Result<bool> {
        let mut yes = false;
        check_status!(unsafe { sys::napi_is_date(self.0, value, &mut yes) })?;
        Ok(yes)
    }

    /// A boolean's value.
    pub(crate) fn boolean_value(self, value: Raw) -> Result<bool> {
        let mut b = false;
        check_status!(unsafe { sys::napi_get_value_bool(self.0, value, &mut b) })?;
        Ok(b)
    }

    /// A number's value.
    pub(crate) fn number_value(self, value: Raw) -> Result<f64> {
        let mut n = 0.0;
        check_status!(unsafe { sys::napi_get_value_double(self.0, value, &mut n) })?;
        Ok(n)
    }

    /// A string's value (lone UTF-16 surrogates become U+FFFD).
    pub(crate) fn string_value(self, value: Raw) -> Result<String> {
        unsafe { String::from_napi_value(self.0, value) }
    }

    /// A bigint's value when it fits in 64 bits (`None` when it does not).
    pub(crate) fn bigint_value(self, value: Raw) -> Result<Option<Int64>> {
        let mut count = 0usize;
        check_status!(unsafe {
            sys::napi_get_value_bigint_words(self.0, value, ptr::null_mut(), &mut count, ptr::null_mut())
        })?;
        if count > 1 {
            return Ok(None);
        }
        let mut sign = 0;
        let mut word = 0u64;
        let mut one = 1usize;
        if count == 1 {
            check_status!(unsafe { sys::napi_get_value_bigint_words(self.0, value, &mut sign, &mut one, &mut word) })?;
        }
        Ok(match (sign != 0, i64::try_from(word)) {
            (false, Ok(v)) => Some(Int64::Signed(v)),
            (false, Err(_)) => Some(Int64::Unsigned(word)),
            (true, _) if word <= i64::MIN.unsigned_abs() => Some(Int64::Signed((-(i128::from(word))) as i64)),
            (true, _) => None,
        })
    }

    /// `value.length` of an array.
    pub(crate) fn array_length(self, value: Raw) -> Result<u32> {
        let mut len = 0;
        check_status!(unsafe { sys::napi_get_array_length(self.0, value, &mut len) })?;
        Ok(len)
    }

    /// `value[index]`.
    pub(crate) fn element(self, value: Raw, index: u32) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_element(self.0, value, index, &mut out) })?;
        Ok(out)
    }

    /// `value[key]`.
    pub(crate) fn property(self, value: Raw, key: &str) -> Result<Raw> {
        let key = self.string(key)?;
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_property(self.0, value, key, &mut out) })?;
        Ok(out)
    }

    /// The object's own enumerable string keys (`Object.keys`).
    pub(crate) fn own_keys(self, value: Raw) -> Result<Vec<String>> {
        let mut names = ptr::null_mut();
        check_status!(unsafe {
            sys::napi_get_all_property_names(
                self.0,
                value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut names,
            )
        })?;
        let len = self.array_length(names)?;
        (0..len).map(|i| self.string_value(self.element(names, i)?)).collect()
    }

    /// The bytes of a `Uint8Array` (a `Buffer` is one), `Uint8ClampedArray` or `ArrayBuffer`,
    /// copied; `None` for any other value.
    pub(crate) fn bytes_value(self, value: Raw) -> Result<Option<Vec<u8>>> {
        let mut yes = false;
        check_status!(unsafe { sys::napi_is_typedarray(self.0, value, &mut yes) })?;
        if yes {
            let mut kind = 0;
            let mut len = 0usize;
            let mut data = ptr::null_mut();
            let mut buffer = ptr::null_mut();
            let mut offset = 0usize;
            check_status!(unsafe {
                sys::napi_get_typedarray_info(self.0, value, &mut kind, &mut len, &mut data, &mut buffer, &mut offset)
            })?;
            if kind != sys::TypedarrayType::uint8_array && kind != sys::TypedarrayType::uint8_clamped_array {
                return Ok(None);
            }
            return Ok(Some(copy(data.cast::<u8>(), len)));
        }
        check_status!(unsafe { sys::napi_is_arraybuffer(self.0, value, &mut yes) })?;
        if yes {
            let mut len = 0usize;
            let mut data = ptr::null_mut();
            check_status!(unsafe { sys::napi_get_arraybuffer_info(self.0, value, &mut data, &mut len) })?;
            return Ok(Some(copy(data.cast::<u8>(), len)));
        }
        Ok(None)
    }

    // ---- creating -----------------------------------------------------------------------

    /// `null`.
    pub(crate) fn null(self) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_null(self.0, &mut out) })?;
        Ok(out)
    }

    /// A boolean.
    pub(crate) fn boolean(self, b: bool) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_boolean(self.0, b, &mut out) })?;
        Ok(out)
    }

    /// A number.
    pub(crate) fn number(self, n: f64) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_double(self.0, n, &mut out) })?;
        Ok(out)
    }

    /// A string.
    pub(crate) fn string(self, s: &str) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_string_utf8(self.0, s.as_ptr().cast(), s.len() as isize, &mut out) })?;
        Ok(out)
    }

    /// A string, or `null`.
    pub(crate) fn string_or_null(self, s: Option<&str>) -> Result<Raw> {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// A bigint of any 128-bit value (every integer kassa outputs is one).
    pub(crate) fn bigint(self, v: i128) -> Result<Raw> {
        let mut out = ptr::null_mut();
        if let Ok(v) = i64::try_from(v) {
            check_status!(unsafe { sys::napi_create_bigint_int64(self.0, v, &mut out) })?;
        } else if let Ok(v) = u64::try_from(v) {
            check_status!(unsafe { sys::napi_create_bigint_uint64(self.0, v, &mut out) })?;
        } else {
            let magnitude = v.unsigned_abs();
            let words = [magnitude as u64, (magnitude >> 64) as u64];
            check_status!(unsafe {
                sys::napi_create_bigint_words(self.0, i32::from(v < 0), 2, words.as_ptr(), &mut out)
            })?;
        }
        Ok(out)
    }

    /// A bigint of a `u128` (above `i128::MAX` too).
    pub(crate) fn bigint_u128(self, v: u128) -> Result<Raw> {
        match i128::try_from(v) {
            Ok(v) => self.bigint(v),
            Err(_) => {
                let mut out = ptr::null_mut();
                let words = [v as u64, (v >> 64) as u64];
                check_status!(unsafe { sys::napi_create_bigint_words(self.0, 0, 2, words.as_ptr(), &mut out) })?;
                Ok(out)
            }
        }
    }

    /// A fresh `Uint8Array` holding a copy of `bytes`.
    pub(crate) fn uint8_array(self, bytes: &[u8]) -> Result<Raw> {
        let mut data: *mut std::ffi::c_void = ptr::null_mut();
        let mut buffer = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_arraybuffer(self.0, bytes.len(), &mut data, &mut buffer) })?;
        if !bytes.is_empty() {
            if data.is_null() {
                return Err(Error::new(Status::GenericFailure, "ArrayBuffer allocation failed"));
            }
            // SAFETY: napi allocated `bytes.len()` writable bytes at `data`.
            unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), data.cast::<u8>(), bytes.len()) };
        }
        let mut out = ptr::null_mut();
        check_status!(unsafe {
            sys::napi_create_typedarray(self.0, sys::TypedarrayType::uint8_array, bytes.len(), buffer, 0, &mut out)
        })?;
        Ok(out)
    }

    /// `{}`.
    pub(crate) fn object(self) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_object(self.0, &mut out) })?;
        Ok(out)
    }

    /// An array of `len` holes, to fill with [`Js::set_element`].
    pub(crate) fn array(self, len: usize) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_array_with_length(self.0, len, &mut out) })?;
        Ok(out)
    }

    /// `object[key] = value`.
    pub(crate) fn set(self, object: Raw, key: &str, value: Raw) -> Result<()> {
        let key = self.string(key)?;
        check_status!(unsafe { sys::napi_set_property(self.0, object, key, value) })
    }

    /// `array[index] = value`.
    pub(crate) fn set_element(self, array: Raw, index: u32, value: Raw) -> Result<()> {
        check_status!(unsafe { sys::napi_set_element(self.0, array, index, value) })
    }

    /// `new Error(message)`.
    pub(crate) fn error(self, message: &str) -> Result<Raw> {
        let message = self.string(message)?;
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_error(self.0, ptr::null_mut(), message, &mut out) })?;
        Ok(out)
    }

    /// `new constructor(...args)`.
    pub(crate) fn construct(self, constructor: Raw, args: &[Raw]) -> Result<Raw> {
        let mut out = ptr::null_mut();
        check_status!(unsafe { sys::napi_new_instance(self.0, constructor, args.len(), args.as_ptr(), &mut out) })?;
        Ok(out)
    }
}

/// Copies `len` bytes from memory napi handed out (null when empty).
fn copy(data: *const u8, len: usize) -> Vec<u8> {
    if len == 0 || data.is_null() {
        return Vec::new();
    }
    // SAFETY: napi reported `len` readable bytes at `data`, alive during this callback.
    unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
}
