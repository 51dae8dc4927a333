//! The wasm-bindgen host of kassa's converter ([`kassa_js::Host`]). Every call that may run
//! JavaScript is a `catch` binding: an exception (a throwing getter, a `Proxy` trap) is kept in
//! [`THROWN`] and is what the binding throws, instead of unwinding through the wasm.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use kassa_js::{Host, Shape, Thrown};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The exception a host call caught, until the binding throws it.
    static THROWN: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// What the facade registered (`{KassaError, ValidationError, ..., protect}`).
    static CLASSES: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
}

/// The browser (or any JavaScript engine running the wasm).
#[derive(Clone, Copy)]
pub(crate) struct Web;

fn caught<T>(result: Result<T, JsValue>) -> Result<T, Thrown> {
    result.map_err(|e| {
        THROWN.with(|t| *t.borrow_mut() = Some(e));
        Thrown
    })
}

/// The JavaScript error of a kassa error, or the exception a host call caught.
pub(crate) fn fail(e: kassa::Error) -> JsValue {
    THROWN
        .with(|t| t.borrow_mut().take())
        .or_else(|| kassa_js::error(Web, &e).ok())
        .unwrap_or_else(|| js_sys::Error::new(&e.to_string()).into())
}

/// `value`, or the thrown error.
pub(crate) fn done(result: kassa_js::Result<JsValue>) -> Result<JsValue, JsValue> {
    result.map_err(fail)
}

/// Hands the module the error classes it throws (`{KassaError, ValidationError, ...}`) and the
/// `protect` of outputs holding ids or secrets; called once by the facade. Not public API.
#[wasm_bindgen(js_name = registerErrorClasses)]
pub fn register_error_classes(classes: JsValue) {
    CLASSES.with(|c| *c.borrow_mut() = Some(classes));
}

impl Host for Web {
    type Value = JsValue;

    fn shape(self, v: &JsValue) -> Result<Shape<JsValue>, Thrown> {
        Ok(if v.is_undefined() {
            Shape::Undefined
        } else if v.is_null() {
            Shape::Null
        } else if let Some(b) = v.as_bool() {
            Shape::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Shape::Number(n)
        } else if v.is_bigint() {
            Shape::BigInt(i128::try_from(v.clone()).ok())
        } else if let Some(s) = v.as_string() {
            Shape::Str(s)
        } else if v.is_symbol() {
            Shape::Refused("symbol")
        } else if v.is_function() {
            Shape::Refused("function")
        } else if Array::is_array(v) {
            // Through `Array.from` (caught): a Proxy of an array may throw from its traps.
            Shape::Seq(caught(array_from(v))?.to_vec())
        } else if let Some(buffer) = v.dyn_ref::<ArrayBuffer>() {
            Shape::Bytes(Uint8Array::new(buffer).to_vec())
        } else if ArrayBuffer::is_view(v) {
            let get = |key: &str| caught(Reflect::get(v, &JsValue::from_str(key)));
            let (offset, length) = (get("byteOffset")?.as_f64().unwrap_or(0.0), get("byteLength")?.as_f64().unwrap_or(0.0));
            Shape::Bytes(Uint8Array::new_with_byte_offset_and_length(&get("buffer")?, offset as u32, length as u32).to_vec())
        } else if v.is_instance_of::<js_sys::Date>() {
            Shape::Refused("Date")
        } else {
            Shape::Object
        })
    }

    fn is_undefined(self, v: &JsValue) -> bool {
        v.is_undefined()
    }

    fn text(self, v: &JsValue) -> Option<String> {
        v.as_string()
    }

    fn is_null(self, v: &JsValue) -> bool {
        v.is_null()
    }

    fn keys(self, v: &JsValue) -> Result<Vec<String>, Thrown> {
        Ok(caught(object_keys(v))?.iter().filter_map(|k| k.as_string()).collect())
    }

    fn get(self, v: &JsValue, key: &str) -> Result<JsValue, Thrown> {
        caught(Reflect::get(v, &JsValue::from_str(key)))
    }

    fn items(self, v: &JsValue) -> Result<Option<Vec<JsValue>>, Thrown> {
        let iterator = caught(Reflect::get(v, &js_sys::Symbol::iterator()))?;
        match iterator.is_function() {
            true => Ok(Some(caught(array_from(v))?.to_vec())),
            false => Ok(None),
        }
    }

    fn null(self) -> Result<JsValue, Thrown> {
        Ok(JsValue::NULL)
    }

    fn boolean(self, b: bool) -> Result<JsValue, Thrown> {
        Ok(JsValue::from_bool(b))
    }

    fn number(self, n: f64) -> Result<JsValue, Thrown> {
        Ok(JsValue::from_f64(n))
    }

    fn bigint(self, n: i128) -> Result<JsValue, Thrown> {
        Ok(JsValue::from(n))
    }

    fn string(self, s: &str) -> Result<JsValue, Thrown> {
        Ok(JsValue::from_str(s))
    }

    fn bytes(self, bytes: &[u8]) -> Result<JsValue, Thrown> {
        Ok(Uint8Array::from(bytes).into())
    }

    fn array(self, items: Vec<JsValue>) -> Result<JsValue, Thrown> {
        Ok(items.into_iter().collect::<Array>().into())
    }

    fn object(self) -> Result<JsValue, Thrown> {
        Ok(js_sys::Object::new().into())
    }

    fn set(self, object: &JsValue, key: &str, value: JsValue) -> Result<(), Thrown> {
        caught(Reflect::set(object, &JsValue::from_str(key), &value)).map(|_| ())
    }

    fn protect(self, value: &JsValue, secret_keys: &[&str]) -> Result<(), Thrown> {
        let Some(registered) = CLASSES.with(|c| c.borrow().clone()) else { return Ok(()) };
        let protect: js_sys::Function = caught(Reflect::get(&registered, &JsValue::from_str("protect")))?.unchecked_into();
        let keys: Array = secret_keys.iter().map(|k| JsValue::from_str(k)).collect();
        caught(protect.call2(&registered, value, &keys)).map(|_| ())
    }

    fn error(self, class: &str, message: &str) -> Result<JsValue, Thrown> {
        let args = Array::of1(&JsValue::from_str(message));
        match CLASSES.with(|c| c.borrow().clone()) {
            Some(classes) => {
                let class: js_sys::Function = caught(Reflect::get(&classes, &JsValue::from_str(class)))?.unchecked_into();
                caught(Reflect::construct(&class, &args))
            }
            None => {
                let error: JsValue = js_sys::Error::new(message).into();
                self.set(&error, "name", JsValue::from_str(class))?;
                Ok(error)
            }
        }
    }
}

/// One export per kassa function of a generated table (`kassa_js::for_each_function!`, or
/// `for_each_payment_function!` in the payments module, which compiles this file too):
/// `(positional..., options)`.
macro_rules! entry_points {
    ($($name:ident $js:tt ($($arg:ident),*) = $f:ident,)*) => {$(
        #[doc = concat!("`", $js, "`: `kassa::functions::", stringify!($f), "`.")]
        #[allow(non_snake_case)]
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn $name($($arg: wasm_bindgen::JsValue,)* options: wasm_bindgen::JsValue) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
            $crate::host::done(kassa_js::invoke::<kassa::functions::$f, _>($crate::host::Web, &[$($arg),*], &options))
        }
    )*};
}
