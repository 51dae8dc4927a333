//! The sans-IO use of kassa: the core builds the request, any HTTP client sends it, the core
//! parses the answer. Here the "HTTP client" is a function that answers like PassportReader, so
//! the example runs without a network: replace `send` with your client (ureq, hyper, curl, ...).
//!
//! ```text
//! cargo run -p kassa --example sans_io
//! ```

use kassa::providers::passportreader::{CreateSession, GetSessionState, PassportReaderConfig};
use kassa::{config::Secret, Headers, HttpRequest, HttpResponse, Operation};

/// Stands in for any HTTP client: takes the request the core built, returns the answer.
fn send(request: &HttpRequest) -> HttpResponse {
    println!("-> {} {} ({} body bytes)", request.method, request.url, request.body.len());
    // `Debug` of a request never shows credentials: the Authorization value prints [redacted].
    println!("   {:?}", request.headers);
    let body = if request.url.ends_with("session.create") {
        r#"{"id": 9007199254740993, "token": "t-abc"}"#
    } else {
        r#"{"state": "CREATED"}"#
    };
    HttpResponse::new(200, Headers::new(), body)
}

fn main() -> Result<(), kassa::Error> {
    let config = PassportReaderConfig::new("public-key-example", Secret::new("secret-example"))?;

    // Build, send with anything, parse.
    let create = CreateSession { reference: Some("order-42".into()), ..Default::default() };
    let created = CreateSession::parse(&send(&create.build(&config)?))?;
    println!("<- session {} (64-bit ids stay exact), token {}", created.id, created.token);

    let state = GetSessionState { id: created.id };
    let answer = GetSessionState::parse(&send(&state.build(&config)?))?;
    println!("<- state {}", answer.state.as_str());

    // By operation id, with params and config as any serde value (what the bindings do).
    let prepared = kassa::build_request(
        "passportreader.session.state",
        serde_json::json!({"id": created.id}),
        serde_json::json!({"public_key": "public-key-example", "secret": "secret-example"}),
        &kassa::Context::default(),
    )?;
    println!("built by id: {} {}", prepared.request.method, prepared.request.url);

    // Bad input is a typed error naming the field, before anything is sent.
    let err = PassportReaderConfig::new("secret-swapped", Secret::new("public-key-swapped")).unwrap_err();
    println!("refused: {} ({})", err, err.code());
    Ok(())
}
