//! Helpers: JSON fixtures to JS values (big integers as `BigInt`), exact comparison of JS outputs
//! with expected JSON (an id must be a `bigint`, every other integer a `number`), and calls
//! through the JS surface.

use js_sys::{Array, BigInt, Function, Object, Reflect, Uint8Array};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A JSON value as a JS value; integers beyond 2^53 become `BigInt` so they stay exact.
pub fn json_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::String(s) => JsValue::from_str(s),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                if i.unsigned_abs() <= MAX_SAFE_INTEGER {
                    return JsValue::from_f64(i as f64);
                }
                return bigint(&i.to_string());
            }
            if let Some(u) = n.as_u64() {
                return bigint(&u.to_string());
            }
            JsValue::from_f64(n.as_f64().unwrap())
        }
        Value::Array(items) => items.iter().map(json_to_js).collect::<Array>().into(),
        Value::Object(map) => {
            let obj = Object::new();
            for (k, v) in map {
                Reflect::set(&obj, &JsValue::from_str(k), &json_to_js(v)).unwrap();
            }
            obj.into()
        }
    }
}

/// A `BigInt` from its decimal digits.
pub fn bigint(digits: &str) -> JsValue {
    BigInt::new(&JsValue::from_str(digits)).unwrap().into()
}

/// The decimal digits of a `bigint`, or `None` for any other type.
pub fn bigint_digits(value: &JsValue) -> Option<String> {
    value
        .is_bigint()
        .then(|| String::from(value.clone().unchecked_into::<BigInt>().to_string(10).unwrap()))
}

/// The bytes a fixture's `{"hex": "..."}` object stands for, or `None` for any other value.
pub fn hex_bytes(value: &Value) -> Option<Vec<u8>> {
    match value.as_object() {
        Some(map) if map.len() == 1 => map.get("hex").and_then(Value::as_str).map(hex_decode),
        _ => None,
    }
}

/// The output keys the core marks as 64-bit ids (`x-kassa-id` in docs/surface.json): the only
/// integers kassa gives as `bigint`.
pub fn id_keys() -> &'static std::collections::BTreeSet<String> {
    static IDS: std::sync::OnceLock<std::collections::BTreeSet<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        fn walk(v: &Value, ids: &mut std::collections::BTreeSet<String>) {
            match v {
                Value::Object(o) => {
                    for (name, p) in o.get("properties").and_then(Value::as_object).into_iter().flatten() {
                        if p.get("x-kassa-id") == Some(&Value::Bool(true)) {
                            ids.insert(name.clone());
                        }
                    }
                    o.values().for_each(|x| walk(x, ids));
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, ids)),
                _ => {}
            }
        }
        let surface: Value = serde_json::from_str(include_str!("../../../docs/surface.json")).unwrap();
        let mut ids = std::collections::BTreeSet::new();
        walk(&surface["outputs"], &mut ids);
        ids
    })
}

/// Compares a JS output with the expected JSON exactly: an integer must be a `bigint` with the
/// same digits when its key is an id ([`id_keys`]), else the same `number`; floats numbers,
/// objects have exactly the expected keys, and `{"hex": "..."}` stands for a `Uint8Array` with
/// those bytes.
pub fn compare(got: &JsValue, want: &Value, path: &str) -> Result<(), String> {
    let fail = |what: &str| Err(format!("at `{path}`: {what}; got {got:?}, want {want}"));
    if let Some(bytes) = hex_bytes(want) {
        return match got.dyn_ref::<Uint8Array>() {
            Some(array) if array.to_vec() == bytes => Ok(()),
            Some(array) => fail(&format!("bytes differ: {}", hex_encode(&array.to_vec()))),
            None => fail("bytes must be a Uint8Array"),
        };
    }
    match want {
        Value::Null => if got.is_null() { Ok(()) } else { fail("expected null") },
        Value::Bool(b) => if got.as_bool() == Some(*b) { Ok(()) } else { fail("bool differs") },
        Value::String(s) => if got.as_string().as_deref() == Some(s) { Ok(()) } else { fail("string differs") },
        Value::Number(n) if (n.is_i64() || n.is_u64()) && id_keys().contains(path.rsplit(['.', '[']).next().unwrap_or("")) => {
            match bigint_digits(got) {
                Some(digits) if digits == n.to_string() => Ok(()),
                Some(_) => fail("bigint differs"),
                None => fail("ids must be bigint"),
            }
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => match got.as_f64() {
            Some(f) if !got.is_bigint() && f == n.as_f64().unwrap_or(f64::NAN) => Ok(()),
            _ => fail("integers that are not ids must be the same number"),
        },
        Value::Number(n) => if got.as_f64() == n.as_f64() { Ok(()) } else { fail("number differs") },
        Value::Array(items) => {
            if !Array::is_array(got) {
                return fail("expected an array");
            }
            let array: &Array = got.unchecked_ref();
            if array.length() as usize != items.len() {
                return fail("length differs");
            }
            for (i, item) in items.iter().enumerate() {
                compare(&array.get(i as u32), item, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        Value::Object(map) => {
            if !got.is_object() || Array::is_array(got) || got.is_bigint() {
                return fail("expected an object");
            }
            let mut keys: Vec<String> =
                Object::keys(got.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
            keys.sort();
            let mut want_keys: Vec<String> = map.keys().cloned().collect();
            want_keys.sort();
            if keys != want_keys {
                return fail(&format!("keys differ: {keys:?} vs {want_keys:?}"));
            }
            for (k, v) in map {
                compare(&get(got, k), v, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
    }
}

/// `obj[key]` (runs getters).
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

/// `obj.a.b` for the path `"a.b"` (a nested namespace such as `digiteal.payButtons`).
pub fn get_path(obj: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(obj.clone(), |value, key| get(&value, key))
}

/// `obj[key]` as a string.
pub fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// A plain object from key/value pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &JsValue::from_str(k), v).unwrap();
    }
    obj.into()
}

/// Calls `target.a.b.method(...args)` through the JS surface, as a JS user would, and awaits the
/// result when it is a Promise.
pub async fn call(target: &JsValue, path: &[&str], args: &[JsValue]) -> Result<JsValue, JsValue> {
    let (method, parents) = path.split_last().unwrap();
    let mut this = target.clone();
    for key in parents {
        this = get(&this, key);
    }
    let function: Function = get(&this, method)
        .dyn_into()
        .unwrap_or_else(|v| panic!("`{}` is not a function: {v:?}", path.join(".")));
    let result = function.apply(&this, &args.iter().collect::<Array>())?;
    match result.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

/// `String(value)`.
pub fn js_string(value: &JsValue) -> String {
    String::from(js_sys::JsString::from(value.clone()).to_string())
}

/// The JS error class name of a core error kind.
pub fn error_name(kind: &str) -> &'static str {
    match kind {
        "validation" => "ValidationError",
        "api" => "ApiError",
        "transport" => "TransportError",
        "decode" => "DecodeError",
        "signature" => "SignatureError",
        "callback" => "CallbackError",
        other => panic!("unknown error kind {other}"),
    }
}

/// The `ApiError` subclass of a status (the core's `ApiError::category`).
pub fn api_class(status: u16) -> &'static str {
    match status {
        400 | 422 => "BadRequestError",
        401 => "AuthenticationError",
        402 | 403 => "PermissionDeniedError",
        404 | 410 => "NotFoundError",
        409 => "ConflictError",
        429 => "RateLimitError",
        500..=599 => "ServerError",
        _ => "ApiError",
    }
}

/// Checks a thrown/rejected value against an expected error of the fixtures: a real `Error`
/// with `kind`, `name` and `code`, and `field` / `status` / `message` / `request_id` when given.
pub fn check_error(name: &str, err: &JsValue, expected: &Value) -> Result<(), String> {
    if !err.is_instance_of::<js_sys::Error>() {
        return Err(format!("{name}: not an Error instance: {err:?}"));
    }
    let kind = expected.get("kind").and_then(Value::as_str).unwrap_or("validation");
    let name_for = |kind| match (kind, get(err, "status").as_f64()) {
        ("api", Some(status)) => api_class(status as u16),
        _ => error_name(kind),
    };
    let checks = [
        ("kind", get_str(err, "kind"), Some(kind.to_owned())),
        ("name", get_str(err, "name"), Some(name_for(kind).to_owned())),
        ("code", get_str(err, "code"), expected["code"].as_str().map(str::to_owned)),
    ];
    for (what, got, want) in checks {
        if got != want {
            return Err(format!("{name}: {what} is {got:?}, want {want:?} ({})", get_str(err, "message").unwrap_or_default()));
        }
    }
    if let Some(field) = expected.get("field") {
        let got = get(err, "field");
        if got.as_string().as_deref() != field.as_str() {
            return Err(format!("{name}: field is {got:?}, want {field}"));
        }
    }
    if let Some(status) = expected.get("status") {
        let got = get(err, "status").as_f64();
        if got != status.as_f64() {
            return Err(format!("{name}: status is {got:?}, want {status}"));
        }
    }
    // The fixtures' `message` of an API error is the provider's message.
    if let Some(message) = expected.get("message") {
        let got = get_str(err, "providerMessage");
        if got.as_deref() != message.as_str() {
            return Err(format!("{name}: providerMessage is {got:?}, want {message}"));
        }
    }
    if let Some(id) = expected.get("request_id") {
        let got = get_str(err, "requestId");
        if got.as_deref() != id.as_str() {
            return Err(format!("{name}: requestId is {got:?}, want {id}"));
        }
    }
    Ok(())
}

/// The kassa-web package as a JS user imports it: the generated entry (`bindings-js/web.js`) and
/// the shared facade, over the module the test runner loaded (wasm-bindgen's output for this test
/// binary, which the runner's page imports as `./wasm-bindgen-test`), imported again: the same
/// URL gives the same, already initialised module instance, so the package's exports (`epc`,
/// `Billit`, ...) run in this very wasm instance. The entry and the facade are imported from blob
/// URLs, the entry's imports pointed at them; `init()` connects the facade (registers its error
/// classes). One instance for the whole run (its error classes are the ones registered).
pub async fn module() -> JsValue {
    thread_local!(static MODULE: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) });
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return module;
    }
    let module = entry_over(include_str!("../../../bindings-js/web.js"), "'./native.js'", &native_url().await).await;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    module
}

/// A package entry (its `source`, importing the wasm-bindgen glue as `native_spec` and the shared
/// facade as `'./facade.js'`) over the module at `native_url`, imported and initialised.
pub async fn entry_over(source: &str, native_spec: &str, native_url: &str) -> JsValue {
    let load = Function::new_with_args(
        "facade, entry, spec, native",
        "const url = (s) => URL.createObjectURL(new Blob([s], { type: 'text/javascript' }));
         const source = entry.replace(spec, JSON.stringify(native)).replace(\"'./facade.js'\", JSON.stringify(url(facade)));
         return import(url(source)).then(async (m) => { await m.default(); return m; });",
    );
    let facade = include_str!("../../../bindings-js/facade.js");
    let args = Array::of4(&facade.into(), &source.into(), &native_spec.into(), &native_url.into());
    let promise = load.apply(&JsValue::NULL, &args).expect("the loader threw");
    JsFuture::from(promise.dyn_into::<js_sys::Promise>().unwrap()).await.expect("the package does not load")
}

/// The absolute URL of the wasm-bindgen module the runner loaded (checked by calling its
/// `iban__validate`: the initialised instance).
pub async fn native_url() -> String {
    let import = Function::new_with_args("url", "return import(url)");
    let mut tried = Vec::new();
    for url in ["/wasm-bindgen-test", "/wasm-bindgen-test.js"] {
        let absolute = js_sys::eval(&format!("new URL({url:?}, location.href).href")).unwrap().as_string().unwrap();
        let promise = import.call1(&JsValue::NULL, &JsValue::from_str(&absolute)).expect("import() threw");
        match JsFuture::from(promise.dyn_into::<js_sys::Promise>().unwrap()).await {
            Ok(module) if get(&module, "iban__validate").is_function() => {
                let valid = get(&module, "iban__validate").unchecked_into::<Function>().call1(&JsValue::NULL, &"BE68539007547034".into());
                match valid {
                    Ok(iban) if iban.is_string() => return absolute,
                    other => tried.push(format!("{url}: not the initialised instance ({other:?})")),
                }
            }
            Ok(_) => tried.push(format!("{url}: not kassa-web")),
            Err(e) => tried.push(format!("{url}: {e:?}")),
        }
    }
    panic!("cannot import the loaded kassa-web module: {tried:?}");
}

/// `new <class>(options)` of the package (`PassportReader`, `Billit`, ...), as a JS user makes it.
pub async fn new_client(class: &str, options: JsValue) -> Result<JsValue, JsValue> {
    construct(&get(&module().await, class), &[options])
}

/// `new Class(options)` through JS.
pub fn construct(class: &JsValue, args: &[JsValue]) -> Result<JsValue, JsValue> {
    Reflect::construct(class.unchecked_ref::<Function>(), &args.iter().collect::<Array>())
}

/// Bytes from hex digits (the fixtures' `{"hex": "..."}` arguments).
pub fn hex_decode(hex: &str) -> Vec<u8> {
    assert!(hex.len().is_multiple_of(2), "odd hex length");
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex digits")).collect()
}

/// Lower-case hex of bytes.
pub fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fixture value as a JS value: `{"hex": "..."}` (an object with only that key), anywhere in
/// it, becomes a `Uint8Array`; the rest as [`json_to_js`].
pub fn fixture_value(value: &Value) -> JsValue {
    if let Some(bytes) = hex_bytes(value) {
        return Uint8Array::from(bytes.as_slice()).into();
    }
    match value {
        Value::Array(items) => items.iter().map(fixture_value).collect::<Array>().into(),
        Value::Object(map) => {
            let obj = Object::new();
            for (k, v) in map {
                Reflect::set(&obj, &JsValue::from_str(k), &fixture_value(v)).unwrap();
            }
            obj.into()
        }
        other => json_to_js(other),
    }
}

/// `camelCase` of a `snake_case` name.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').enumerate() {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
            Some(c) => out.extend(std::iter::once(c).chain(chars)),
            None => {}
        }
    }
    out
}

/// The current Unix time in whole seconds, from the JS clock.
pub fn now_unix() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}
