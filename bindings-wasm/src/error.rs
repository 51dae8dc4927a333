//! The one place where a [`kassa::Error`] becomes a JavaScript `Error`.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsValue;

/// Turns a core error into a real JS `Error` whose `message` is the core's `Display` text, with
/// `.code`, `.kind`, `.name` and the variant's fields:
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
    let js = js_sys::Error::new(&err.to_string());
    let name = match &err {
        kassa::Error::Validation(e) => {
            set(&js, "field", JsValue::from_str(&e.field));
            "ValidationError"
        }
        kassa::Error::Api(e) => {
            set(&js, "status", JsValue::from(e.status));
            set(&js, "providerCode", opt_str(e.provider_code.as_deref()));
            set(&js, "providerMessage", opt_str(e.message.as_deref()));
            set(&js, "requestId", opt_str(e.request_id.as_deref()));
            set(&js, "body", Uint8Array::from(e.body.as_slice()).into());
            "ApiError"
        }
        kassa::Error::Transport(_) => "TransportError",
        kassa::Error::Decode(e) => {
            set(&js, "field", opt_str(e.field.as_deref()));
            // Byte offsets of a response body fit a JS number exactly.
            set(&js, "offset", e.offset.map_or(JsValue::NULL, |o| JsValue::from(o as f64)));
            "DecodeError"
        }
        kassa::Error::Signature(_) => "SignatureError",
        kassa::Error::Callback(e) => {
            set(&js, "description", opt_str(e.description.as_deref()));
            "CallbackError"
        }
        // A kind added to the core later still arrives as a KassaError with code and kind.
        _ => "KassaError",
    };
    js.set_name(name);
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
