//! `kassa-web/payments`: the pure payment functions of kassa for the browser (EPC payloads, parse,
//! SVG and PNG QR codes; IBAN, BIC, OGM, RF, Belgian enterprise and VAT numbers, Peppol ids), in
//! a wasm module of their own that compiles no provider, no client and no `fetch`: the core and
//! the converter without their `clients` features. One entry point per function of the generated
//! table `kassa_js::for_each_payment_function!` (the core's `functions::standalone`), converted
//! by the same host as `kassa-web` (`bindings-wasm/src/host.rs`, compiled into this crate too);
//! the shared facade (`bindings-js/facade.js`) makes the package entry `payments.js` of them.
//!
//! ```js
//! import init, { iban, epc } from "kassa-web/payments";
//! await init();
//! iban.validate("BE68 5390 0754 7034"); // "BE68539007547034"
//! ```

#![warn(missing_docs)]

#[macro_use]
#[path = "../../bindings-wasm/src/host.rs"]
mod host;

pub use host::register_error_classes;

kassa_js::for_each_payment_function!(entry_points);
