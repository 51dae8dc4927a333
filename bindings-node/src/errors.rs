//! The one place where a [`kassa::Error`] becomes a JavaScript `Error`.
//!
//! The error classes are defined in `index.js` (`KassaError` and its four subclasses) and handed
//! to the addon once with `registerErrorClasses`, so `err instanceof ApiError` works; without
//! them (the addon used on its own) a plain `Error` with the same properties is thrown.
//!
//! Every error carries `name`, `kind` (`validation|api|transport|decode|signature|callback`),
//! `code` (the core's stable code) and `message` (the core's `Display`, which never contains a
//! secret), plus
//! - validation: `field`;
//! - api: `status` (number), `providerCode`, `providerMessage`, `requestId` (string or null), `body` (Uint8Array);
//! - decode: `field` (string or null), `offset` (number or null);
//! - callback: `description` (string or null), the provider's description of its failure.

use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, Result, ValueType};
use napi_derive::napi;

use crate::js::{Js, Raw};

/// Why a call failed: a kassa error (mapped by [`js_error`]) or a JavaScript exception raised
/// while reading the caller's values (a throwing getter), which is passed on unchanged.
pub(crate) enum Fail {
    /// An error of the core, or of our conversions phrased as one.
    Kassa(kassa::Error),
    /// A Node-API failure or a pending JavaScript exception.
    Js(napi::Error),
}

impl From<kassa::Error> for Fail {
    fn from(e: kassa::Error) -> Self {
        Fail::Kassa(e)
    }
}

impl From<napi::Error> for Fail {
    fn from(e: napi::Error) -> Self {
        Fail::Js(e)
    }
}

impl Fail {
    /// The error to throw (or reject with) in the environment `js`.
    pub(crate) fn into_napi(self, js: Js) -> napi::Error {
        match self {
            Fail::Kassa(e) => js_error(js, &e),
            Fail::Js(e) => e,
        }
    }
}

/// The class names, by kind; the fallback `KassaError` is used for kinds a newer core adds.
const CLASSES: [(&str, &str); 7] = [
    ("validation", "ValidationError"),
    ("api", "ApiError"),
    ("transport", "TransportError"),
    ("decode", "DecodeError"),
    ("signature", "SignatureError"),
    ("callback", "CallbackError"),
    ("", "KassaError"),
];

/// The registered error classes of one environment (a worker has its own).
struct ErrorClasses(Vec<(&'static str, napi::UnknownRef<false>)>);

/// Hands the addon the JavaScript error classes it throws: an object with the constructors
/// `KassaError`, `ValidationError`, `ApiError`, `TransportError`, `DecodeError`,
/// `SignatureError` and `CallbackError`. Called once by `index.js`; not part of the public API.
#[napi(js_name = "registerErrorClasses", catch_unwind)]
pub fn register_error_classes(env: Env, classes: Object) -> Result<()> {
    let js = Js(env.raw());
    let mut found = Vec::with_capacity(CLASSES.len());
    for (_, name) in CLASSES {
        let class = js.property(classes.raw(), name)?;
        if js.type_of(class)? != ValueType::Function {
            return Err(napi::Error::from_reason(format!("registerErrorClasses: `{name}` is not a class")));
        }
        found.push((name, unsafe { Unknown::from_raw_unchecked(env.raw(), class) }.create_ref_unchecked()?));
    }
    env.set_instance_data(ErrorClasses(found), (), |_| {})
}

/// Extension to make a non-leak-checked reference (kept for the environment's lifetime).
trait CreateRef {
    fn create_ref_unchecked(&self) -> Result<napi::UnknownRef<false>>;
}

impl CreateRef for Unknown<'_> {
    fn create_ref_unchecked(&self) -> Result<napi::UnknownRef<false>> {
        use napi::bindgen_prelude::FromNapiValue;
        unsafe { napi::UnknownRef::<false>::from_napi_value(self.value().env, self.raw()) }
    }
}

/// Maps a kassa error to the JavaScript error to throw: THE one mapping of this binding.
pub(crate) fn js_error(js: Js, error: &kassa::Error) -> napi::Error {
    match build(js, error) {
        Ok(value) => napi::Error::from(unsafe { Unknown::from_raw_unchecked(js.0, value) }),
        // Creating the object failed (out of memory, a pending exception): still a message.
        Err(_) => napi::Error::from_reason(error.to_string()),
    }
}

fn build(js: Js, error: &kassa::Error) -> Result<Raw> {
    let kind = error.kind();
    let name = CLASSES.iter().find(|(k, _)| *k == kind).map_or("KassaError", |(_, n)| n);
    let message = error.to_string();
    let object = match class(js, name)? {
        Some(class) => js.construct(class, &[js.string(&message)?])?,
        None => {
            let object = js.error(&message)?;
            js.set(object, "name", js.string(name)?)?;
            object
        }
    };
    js.set(object, "kind", js.string(kind)?)?;
    js.set(object, "code", js.string(error.code())?)?;
    match error {
        kassa::Error::Validation(e) => {
            js.set(object, "field", js.string(&e.field)?)?;
        }
        kassa::Error::Api(e) => {
            js.set(object, "status", js.number(f64::from(e.status))?)?;
            js.set(object, "providerCode", js.string_or_null(e.provider_code.as_deref())?)?;
            js.set(object, "providerMessage", js.string_or_null(e.message.as_deref())?)?;
            js.set(object, "requestId", js.string_or_null(e.request_id.as_deref())?)?;
            js.set(object, "body", js.uint8_array(&e.body)?)?;
        }
        kassa::Error::Decode(e) => {
            js.set(object, "field", js.string_or_null(e.field.as_deref())?)?;
            let offset = match e.offset {
                Some(o) => js.number(o as f64)?,
                None => js.null()?,
            };
            js.set(object, "offset", offset)?;
        }
        kassa::Error::Callback(e) => {
            js.set(object, "description", js.string_or_null(e.description.as_deref())?)?;
        }
        _ => {}
    }
    Ok(object)
}

/// The registered class called `name`, if `registerErrorClasses` ran in this environment.
fn class(js: Js, name: &str) -> Result<Option<Raw>> {
    let env = Env::from_raw(js.0);
    let Some(classes) = env.get_instance_data::<ErrorClasses>()? else {
        return Ok(None);
    };
    match classes.0.iter().find(|(n, _)| *n == name) {
        Some((_, class)) => Ok(Some(class.get_value(&env)?.raw())),
        None => Ok(None),
    }
}
