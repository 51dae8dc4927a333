//! Browser tests of kassa-web, run by wasm-bindgen-test in headless Chromium:
//! the shared operation and function fixtures, the IO tests against the local test server, the
//! client behaviours shared with the Node tests (`shared`), and the JS surface.
//!
//! Run with `bindings-wasm/test.sh` (sets the runner, chromedriver and `KASSA_TEST_SERVER`).

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod fixtures;
mod function_cases;
mod functions;
mod io;
mod shared;
mod support;
mod surface;
