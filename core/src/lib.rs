//! # kassa
//!
//! The sans-IO core of kassa, one SDK for European e-invoicing, payments and identity
//! verification (Digiteal, Billit, Solaris, PassportReader).
//!
//! The core builds every request ([`HttpRequest`]) and parses every response ([`HttpResponse`]);
//! it opens no socket, reads no clock and draws no random number: the caller passes time and
//! randomness in. Each operation id of `endpoints.tsv` is a typed params struct implementing
//! [`Operation`], each pure function a type implementing [`functions::Function`]; the
//! [`catalog`] registers them once, and every binding's surface is derived from it. The retry
//! loop ([`exchange::execute`]) is generic over how bytes move; the `transport` feature adds the
//! native reqwest executor the Python and Node bindings share.
//!
//! # Features
//!
//! `clients` is on by default; docs.rs documents every feature (`all-features`).
//!
//! - `clients` (default): the providers ([`providers`]), the [`catalog`] of their operations,
//!   the [`client`] with its retry loop ([`exchange`]), the identification flow ([`identity`])
//!   and the functions that belong to a provider. Without it the crate is the pure payment
//!   functions only (EPC, IBAN/BIC, OGM, RF, Belgian numbers, Peppol ids; see
//!   [`functions::standalone`]), as the `kassa-web/payments` browser entry compiles it.
//! - `transport`: [`transport::ReqwestExchange`], the native HTTP executor (reqwest, tokio,
//!   rustls with ring) that [`client::Client`] sends through. Never for wasm.
//! - `schema`: the JSON schemas of every params, output and config type ([`catalog::describe`]),
//!   from which `xtask codegen` writes the bindings' typed surfaces.
//!
//! Examples (`core/examples/`): `sans_io` (build, send with any client, parse; `cargo run -p
//! kassa --example sans_io`) and `transport` (the built-in client; `cargo run -p kassa
//! --features transport --example transport -- <base URL>`).
//!
//! ```
//! use kassa::providers::passportreader::{CreateSession, PassportReaderConfig};
//! use kassa::{config::Secret, HttpResponse, Operation};
//!
//! let config = PassportReaderConfig::new("public-key-abc", Secret::new("secret-xyz"))?;
//! let request = CreateSession { reference: Some("order-1".into()), ..Default::default() }.build(&config)?;
//! assert_eq!(request.url, "https://passportreader.app/api/v1/session.create");
//! // ... send it with any HTTP client, then:
//! let response = HttpResponse::new(200, Default::default(), r#"{"id": 123, "token": "t"}"#);
//! assert_eq!(CreateSession::parse(&response)?.id, 123);
//! # Ok::<(), kassa::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs (`--cfg docsrs`, package.metadata.docs.rs) marks what a feature adds.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "clients")]
pub mod catalog;
#[cfg(feature = "clients")]
pub mod client;
pub mod config;
pub mod epc;
pub mod error;
#[cfg(feature = "clients")]
pub mod exchange;
pub mod functions;
#[cfg(feature = "clients")]
#[doc(hidden)]
pub mod fuzz;
pub mod http;
#[cfg(feature = "clients")]
pub mod identity;
pub mod ident;
pub mod input;
pub mod operation;
#[cfg(feature = "clients")]
pub mod providers;
pub mod retry;
mod uri;
#[cfg(feature = "schema")]
pub mod schema;
pub mod webhook;
#[cfg(feature = "transport")]
pub mod transport;
pub mod wire;

#[cfg(feature = "clients")]
pub use catalog::{build_request, parse_response, parse_response_at, AnyConfig, Call};
pub use error::{
    ApiCategory, ApiError, CallbackError, DecodeError, Error, SignatureError, TransportError, TransportKind, ValidationCode,
    ValidationError,
};
pub use http::{Headers, HttpRequest, HttpResponse, Method, ResponseInput};
pub use operation::{Context, JsonSink, Kind, Operation, OperationInfo, Prepared, Provider, Sink};
pub use retry::{Decision, Outcome, RetryPolicy};

/// The crate README's code blocks, run as doctests so that the README cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The repository README's Rust block (its other blocks are Python, JavaScript and shell, run by
/// the bindings' tests), run as a doctest. Only under `cfg(doctest)`: the packaged crate, which
/// does not hold that file, never reads it.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct RepositoryReadmeDoctests;
