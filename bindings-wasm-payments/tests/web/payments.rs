//! The payments entry as a JS user imports it (`import init, { iban } from 'kassa-web/payments'`):
//! the generated `bindings-js/payments.js` and the shared facade over the module the test runner
//! loaded (wasm-bindgen's output for this test binary, imported again from the same URL: the same,
//! initialised instance).

use std::collections::BTreeSet;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::function_cases::{apply, cases, check, wrapper_args, Case};
use crate::support::{camel_case, entry_over, get, get_path, native_url};

/// The addresses of every export of the crate: referencing them links them (and their
/// `#[wasm_bindgen]` exports) into this test module, as they are in the crate's own `.wasm`.
macro_rules! exports {
    ($($name:ident $js:tt ($($arg:ident),*) = $f:ident,)*) => {
        fn exports() -> Vec<*const ()> {
            vec![kassa_wasm_payments::register_error_classes as *const (), $(kassa_wasm_payments::$name as *const ()),*]
        }
    };
}
kassa_js::for_each_payment_function!(exports);

/// The module the runner loaded (this test binary's), imported again: the same instance.
async fn native() -> JsValue {
    assert!(std::hint::black_box(exports()).iter().all(|f| !f.is_null()));
    let import = Function::new_with_args("url", "return import(url)");
    let promise = import.call1(&JsValue::NULL, &native_url().await.into()).expect("import() threw");
    JsFuture::from(promise.dyn_into::<js_sys::Promise>().unwrap()).await.expect("the module does not import")
}

/// The payments entry over the loaded module, initialised (`await init()`); one for the run.
async fn entry() -> JsValue {
    thread_local!(static ENTRY: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) });
    if let Some(entry) = ENTRY.with(|m| m.borrow().clone()) {
        return entry;
    }
    assert!(std::hint::black_box(exports()).iter().all(|f| !f.is_null()));
    let entry = entry_over(include_str!("../../../bindings-js/payments.js"), "'./payments_native.js'", &native_url().await).await;
    ENTRY.with(|m| *m.borrow_mut() = Some(entry.clone()));
    entry
}

/// `functions.namespace.member` of a core name (`iban.validate`: `iban.validate`), or undefined.
fn member(entry: &JsValue, name: &str) -> (JsValue, String, JsValue) {
    let (ns, method) = name.rsplit_once('.').unwrap();
    let ns = ns.split('.').map(camel_case).collect::<Vec<_>>().join(".");
    let namespace = match get(entry, ns.split('.').next().unwrap()).is_undefined() {
        true => JsValue::UNDEFINED,
        false => get_path(entry, &ns),
    };
    let function = if namespace.is_undefined() { JsValue::UNDEFINED } else { get(&namespace, &camel_case(method)) };
    (namespace, format!("{ns}.{}", camel_case(method)), function)
}

#[wasm_bindgen_test]
async fn every_fixture_case_of_its_functions_through_the_payments_entry() {
    let entry = entry().await;
    // This build's core has no `clients` feature: its registry is the standalone functions.
    assert_eq!(kassa::functions::list(), kassa::functions::standalone());
    let mut failures = Vec::new();
    let (mut ran, mut skipped) = (0, 0);
    let mut covered = BTreeSet::new();
    for Case { file, case } in cases() {
        let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
        let function = case["fn"].as_str().unwrap();
        let Some(info) = kassa::functions::info(function) else {
            // A function of a provider or of the identification flow: not in this entry.
            skipped += 1;
            continue;
        };
        covered.insert(info.name);
        let (namespace, path, method) = member(&entry, info.name);
        if !method.is_function() {
            failures.push(format!("{name}: the payments entry has no `{path}`"));
            continue;
        }
        let outcome = wrapper_args(info, &case).and_then(|args| check(&format!("{name} [{path}]"), &case, apply(&method, &namespace, &args)));
        failures.extend(outcome.err());
        ran += 1;
    }
    assert!(failures.is_empty(), "{} of {ran} function cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran > 0 && skipped > 0, "ran {ran}, skipped {skipped}");
    let uncovered: Vec<&str> = kassa::functions::list().iter().map(|f| f.name).filter(|n| !covered.contains(n)).collect();
    assert!(uncovered.is_empty(), "payment functions without a fixture case: {uncovered:?}");
}

#[wasm_bindgen_test]
async fn exports_exactly_its_functions_the_errors_and_the_loader() {
    let entry = entry().await;
    let keys: BTreeSet<String> = Object::keys(entry.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    let mut expected: BTreeSet<String> = ["be", "bic", "epc", "iban", "ogm", "peppol", "rf", "default", "initSync"].map(String::from).into();
    expected.extend(
        "KassaError ValidationError ApiError BadRequestError AuthenticationError PermissionDeniedError NotFoundError ConflictError RateLimitError ServerError TransportError DecodeError SignatureError CallbackError"
            .split(' ')
            .map(String::from),
    );
    assert_eq!(keys, expected);
    // Every payment function is there, as the native entry point itself.
    for info in kassa::functions::standalone() {
        let (_, path, method) = member(&entry, info.name);
        assert!(method.is_function(), "no `{path}`");
    }
    // A refusal is the package's ValidationError, naming the field.
    let (namespace, _, validate) = member(&entry, "iban.validate");
    let err = apply(&validate, &namespace, &["BE00 0000 0000 0000".into()]).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let class: Function = get(&entry, "ValidationError").unchecked_into();
    assert!(Reflect::get(&err, &"constructor".into()).unwrap() == JsValue::from(class), "not a ValidationError: {err:?}");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("iban"));
}

#[wasm_bindgen_test]
async fn has_no_http_client_nor_provider_code() {
    let entry = entry().await;
    for name in ["Client", "Digiteal", "Billit", "Solaris", "PassportReader", "HttpRequest", "buildRequest", "parseResponse", "operations", "callFunction", "functionNames", "digiteal", "billit", "solaris", "identity"] {
        assert!(get(&entry, name).is_undefined(), "the payments entry exports `{name}`");
    }
    // Nor does the wasm module under it: no client class, no sans-IO operation, no entry point of
    // a provider or of the identification flow.
    let native = native().await;
    let names: Vec<String> = Object::keys(native.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    let client_code: Vec<&String> = names
        .iter()
        .filter(|n| {
            ["Client", "Cancel", "buildRequest", "parseResponse", "operations", "callFunction", "functionNames"].contains(&n.as_str())
                || ["digiteal__", "billit__", "solaris__", "identity__", "passportreader__"].iter().any(|p| n.starts_with(p))
        })
        .collect();
    assert!(client_code.is_empty(), "the payments module exports {client_code:?}");
    let functions: BTreeSet<&str> = names.iter().filter(|n| n.contains("__") && !n.starts_with("__")).map(String::as_str).collect();
    let expected: BTreeSet<String> = kassa::functions::standalone().iter().map(|f| f.name.replace('.', "__")).collect();
    assert_eq!(functions, expected.iter().map(String::as_str).collect(), "the module's entry points");
}
