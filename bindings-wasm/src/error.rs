//! The one place where a [`kassa::Error`] becomes a JavaScript `Error`.
//!
//! The error classes (`KassaError` and its subclasses `ValidationError`, `ApiError`,
//! `TransportError`, `DecodeError`, `SignatureError`, `CallbackError`) are defined in
//! `js/errors.js` and re-exported by the package, so `err instanceof ApiError` works.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

// The classes are re-exported as the JS values they are (imports named like functions, never
// called from Rust: wasm-bindgen re-exports an import as is, and only function imports can skip
// the generated `unknown` typing, which `typescript.rs` replaces with the class declarations).
#[wasm_bindgen(module = "/js/errors.js")]
#[allow(dead_code)]
extern "C" {
    #[wasm_bindgen(js_name = KassaError, reexport, skip_typescript)]
    fn kassa_error_class();
    #[wasm_bindgen(js_name = ValidationError, reexport, skip_typescript)]
    fn validation_error_class();
    #[wasm_bindgen(js_name = ApiError, reexport, skip_typescript)]
    fn api_error_class();
    #[wasm_bindgen(js_name = TransportError, reexport, skip_typescript)]
    fn transport_error_class();
    #[wasm_bindgen(js_name = DecodeError, reexport, skip_typescript)]
    fn decode_error_class();
    #[wasm_bindgen(js_name = SignatureError, reexport, skip_typescript)]
    fn signature_error_class();
    #[wasm_bindgen(js_name = CallbackError, reexport, skip_typescript)]
    fn callback_error_class();

    /// `new <name>(message)` of the classes above.
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, message: &str) -> js_sys::Error;
}

/// Turns a core error into an instance of its JS error class (an `Error` subclass, `.name` the
/// class name) whose `message` is the core's `Display` text, with `.code`, `.kind` and the
/// variant's fields:
///
/// | kind | name | extra fields |
/// |---|---|---|
/// | `validation` | `ValidationError` | `field: string` |
/// | `api` | `ApiError` | `status: number`, `providerCode: string \| null`, `providerMessage: string \| null`, `requestId: string \| null`, `body: Uint8Array` |
/// | `transport` | `TransportError` | none |
/// | `decode` | `DecodeError` | `field: string \| null`, `offset: number \| null` |
/// | `signature` | `SignatureError` | none |
/// | `callback` | `CallbackError` | `description: string \| null` |
///
/// Nothing here formats a secret: the core's messages never contain one.
pub fn to_js_error(err: kassa::Error) -> JsValue {
    let name = match &err {
        kassa::Error::Validation(_) => "ValidationError",
        kassa::Error::Api(_) => "ApiError",
        kassa::Error::Transport(_) => "TransportError",
        kassa::Error::Decode(_) => "DecodeError",
        kassa::Error::Signature(_) => "SignatureError",
        kassa::Error::Callback(_) => "CallbackError",
        // A kind added to the core later still arrives as a KassaError with code and kind.
        _ => "KassaError",
    };
    let js = create_error(name, &err.to_string());
    match &err {
        kassa::Error::Validation(e) => set(&js, "field", JsValue::from_str(&e.field)),
        kassa::Error::Api(e) => {
            set(&js, "status", JsValue::from(e.status));
            set(&js, "providerCode", opt_str(e.provider_code.as_deref()));
            set(&js, "providerMessage", opt_str(e.message.as_deref()));
            set(&js, "requestId", opt_str(e.request_id.as_deref()));
            set(&js, "body", Uint8Array::from(e.body.as_slice()).into());
        }
        kassa::Error::Decode(e) => {
            set(&js, "field", opt_str(e.field.as_deref()));
            // Byte offsets of a response body fit a JS number exactly.
            set(&js, "offset", e.offset.map_or(JsValue::NULL, |o| JsValue::from(o as f64)));
        }
        kassa::Error::Callback(e) => set(&js, "description", opt_str(e.description.as_deref())),
        _ => {}
    }
    set(&js, "code", JsValue::from_str(err.code()));
    set(&js, "kind", JsValue::from_str(err.kind()));
    js.into()
}

fn opt_str(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn set(target: &js_sys::Error, key: &str, value: JsValue) {
    // Setting a data property on a fresh Error object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}
