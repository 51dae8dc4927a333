//! The client behaviours both packages show with the same names (`bindings-js/test/clients.js`,
//! also run by the Node tests): each case is one wasm-bindgen test here, in headless Chromium,
//! through the package as a browser user imports it, against `kassa sandbox` (the IO cases), the
//! stand-in test server (the transfer tree's `transferIDx64` only) and the fault server
//! (`bindings-wasm/test.sh` starts them).

use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{get, get_str, module, object};

const SANDBOX: &str = env!("KASSA_SANDBOX");
const SERVER: &str = env!("KASSA_TEST_SERVER");
const FAULTS: &str = env!("KASSA_FAULTS_SERVER");

/// The module's `cases`, imported once from a blob URL.
async fn cases() -> JsValue {
    thread_local!(static CASES: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) });
    if let Some(cases) = CASES.with(|c| c.borrow().clone()) {
        return cases;
    }
    let load = Function::new_with_args("source", "return import(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))");
    let promise = load.call1(&JsValue::NULL, &include_str!("../../../bindings-js/test/clients.js").into()).unwrap();
    let cases = get(&JsFuture::from(promise.unchecked_into::<Promise>()).await.expect("clients.js does not load"), "cases");
    CASES.with(|c| *c.borrow_mut() = Some(cases.clone()));
    cases
}

async fn run(name: &str) {
    let case = get(&cases().await, name);
    assert!(case.is_function(), "clients.js has no case `{name}`");
    let env = object(&[("sandbox", SANDBOX.into()), ("server", SERVER.into()), ("faults", FAULTS.into()), ("browser", true.into())]);
    let result = match case.unchecked_ref::<Function>().call2(&JsValue::NULL, &module().await, &env) {
        Ok(promise) => JsFuture::from(promise.unchecked_into::<Promise>()).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        panic!("{name}: {}\n{}", get_str(&e, "message").unwrap_or_else(|| format!("{e:?}")), get_str(&e, "stack").unwrap_or_default());
    }
}

macro_rules! shared {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test]
            #[allow(non_snake_case)]
            async fn $name() {
                run(stringify!($name)).await;
            }
        )*

        /// Every case of clients.js has its test here.
        #[wasm_bindgen_test]
        async fn every_shared_case_is_run() {
            let cases = cases().await;
            let names: Vec<String> = Object::keys(cases.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
            assert_eq!(names, [$(stringify!($name)),*], "list every case of bindings-js/test/clients.js here");
        }
    };
}

shared!(
    perCallOptions,
    withOptionsAndRawResponse,
    hooks,
    abortSignal,
    jsonSafeOutputs,
    errorClasses,
    faultBodyCap,
    faultRedirect,
    faultRetryAfterDeadline,
    faultSlowTimeout,
    resendAfterReset,
    digitealOnboardingAndNetwork,
    digitealTransferTree,
    digitealWebhooks,
);
