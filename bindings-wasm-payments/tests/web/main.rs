//! Browser tests of `kassa-web/payments`, run by wasm-bindgen-test in headless Chromium: the
//! shared function fixtures of the functions it exports, through the payments entry
//! (`bindings-js/payments.js`) over this crate's module, and what it does not export (no client,
//! no operation, no provider function).
//!
//! Run with `bindings-wasm/test.sh` (sets the runner and chromedriver).

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The fixture tables (`build.rs`, kassa-wasm's).
#[allow(dead_code)]
mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}
#[path = "../../../bindings-wasm/tests/web/function_cases.rs"]
mod function_cases;
mod payments;
/// kassa-web's test helpers (only some serve here).
#[allow(dead_code)]
#[path = "../../../bindings-wasm/tests/web/support.rs"]
mod support;
