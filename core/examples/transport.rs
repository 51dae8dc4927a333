//! kassa with its own HTTP client (feature `transport`: reqwest, tokio, rustls): a
//! [`kassa::client::Client`] holds the checked config (and Solaris's token), sends through the
//! core's retry loop and parses the answer.
//!
//! ```text
//! kassa sandbox --port 8300                  # in another terminal (cargo run -p kassa-cli -- sandbox ...)
//! cargo run -p kassa --features transport --example transport -- http://127.0.0.1:8300/passportreader
//! ```
//!
//! The base URL is the first argument (or `KASSA_BASE_URL`); without one it talks to
//! `https://passportreader.app` with the credentials of `KASSA_PASSPORTREADER_PUBLIC_KEY` /
//! `KASSA_PASSPORTREADER_SECRET`.

use kassa::client::Client;
use kassa::exchange::CallOptions;
use kassa::transport::ReqwestExchange;
use kassa::{JsonSink, Provider};
use serde_json::json;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), kassa::Error> {
    let env = |k: &str, default: &str| std::env::var(k).unwrap_or_else(|_| default.to_owned());
    let mut config = json!({
        "public_key": env("KASSA_PASSPORTREADER_PUBLIC_KEY", "public-key-test"),
        "secret": env("KASSA_PASSPORTREADER_SECRET", "secret-test"),
    });
    if let Some(base) = std::env::args().nth(1).or_else(|| std::env::var("KASSA_BASE_URL").ok()) {
        config["base_url"] = json!(base);
    }
    let client = Client::new(Provider::PassportReader, config)?;
    let exchange = ReqwestExchange::new()?;

    let call = client.call("passportreader.session.create", json!({"reference": "order-42"}))?;
    // A deadline across every attempt: the call never takes longer, whatever the server does.
    let sent = client.send_with(&exchange, &call, &CallOptions::default().with_deadline_ms(10_000)).await?;
    let created = client.parse_response(&call, &sent.response, None, JsonSink)??;
    println!("created {created} in {} attempt(s)", sent.attempts);

    let call = client.call("passportreader.session.state", json!({"id": created["id"]}))?;
    let response = client.send(&exchange, &call).await?;
    println!("state {}", client.parse_response(&call, &response, None, JsonSink)??);
    Ok(())
}
