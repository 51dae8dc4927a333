//! The native executor against deliberately broken answers (`tests/server/faults.py`): an endless
//! body, a lying `Content-Length`, a reset mid-body, huge headers, a redirect, `Retry-After`
//! asking for days. Each ends in a typed error (or a value) within bounded time and memory.
//! Uses `$KASSA_FAULT_SERVER`, or starts the server itself.
#![cfg(feature = "transport")]

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use kassa::client::Client;
use kassa::exchange::CallOptions;
use kassa::transport::ReqwestExchange;
use kassa::{Error, JsonSink, Provider};
use serde_json::{json, Value};

struct Server {
    url: String,
    child: Option<Child>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn server() -> Server {
    if let Ok(url) = std::env::var("KASSA_FAULT_SERVER") {
        return Server { url, child: None };
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    static SERVERS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SERVERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let port_file = std::env::temp_dir().join(format!("kassa-core-faults-{}-{n}.port", std::process::id()));
    let _ = std::fs::remove_file(&port_file);
    let child = Command::new("python3")
        .arg(format!("{root}/tests/server/faults.py"))
        .arg("--port-file")
        .arg(&port_file)
        .spawn()
        .expect("python3 runs the fault server");
    let started = Instant::now();
    let port = loop {
        if let Ok(p) = std::fs::read_to_string(&port_file) {
            let _ = std::fs::remove_file(&port_file);
            break p;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "fault server did not start");
        std::thread::sleep(Duration::from_millis(20));
    };
    Server { url: format!("http://127.0.0.1:{}", port.trim()), child: Some(child) }
}

fn client(base: &str, extra: Value) -> Client {
    let mut config = json!({
        "public_key": "public-key-test", "secret": "secret-test", "base_url": base,
        "timeout": 10, "retry": {"max_retries": 0}
    });
    config.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    Client::new(Provider::PassportReader, config).unwrap()
}

fn state(client: &Client, options: CallOptions) -> (Result<Value, Error>, Duration) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let started = Instant::now();
    let result = rt.block_on(async {
        let exchange = ReqwestExchange::new()?;
        let call = client.call("passportreader.session.state", json!({"id": 1}))?;
        let sent = client.send_with(&exchange, &call, &options).await?;
        client.parse_response(&call, &sent.response, None, JsonSink)?
    });
    (result, started.elapsed())
}

fn code(result: &Result<Value, Error>) -> &str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn an_endless_body_stops_at_the_limit() {
    let s = server();
    let c = client(&format!("{}/endless", s.url), json!({"max_response_bytes": 2_000_000}));
    let (result, took) = state(&c, CallOptions::default());
    assert_eq!(code(&result), "body_too_large", "{result:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_huge_content_length_is_refused_before_reading() {
    let s = server();
    let (result, took) = state(&client(&format!("{}/huge-length", s.url), json!({})), CallOptions::default());
    assert_eq!(code(&result), "body_too_large", "{result:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn short_and_reset_bodies_are_transport_errors() {
    let s = server();
    for fault in ["short", "reset"] {
        let (result, _) = state(&client(&format!("{}/{fault}", s.url), json!({})), CallOptions::default());
        let Err(Error::Transport(e)) = &result else { panic!("{fault}: {result:?}") };
        assert!(matches!(e.kind.code(), "body" | "transport"), "{fault}: {e}");
    }
}

#[test]
fn huge_headers_still_parse_or_fail_typed() {
    let s = server();
    let (result, _) = state(&client(&format!("{}/huge-headers", s.url), json!({})), CallOptions::default());
    assert!(matches!(code(&result), "ok" | "transport"), "{result:?}");
}

#[test]
fn a_redirect_keeps_its_location_and_is_not_followed() {
    let s = server();
    let (result, _) = state(&client(&format!("{}/redirect", s.url), json!({})), CallOptions::default());
    let Err(Error::Api(e)) = &result else { panic!("{result:?}") };
    assert_eq!((e.status, e.location.as_deref()), (302, Some("https://elsewhere.invalid/x")));
    assert!(e.to_string().contains("elsewhere.invalid"), "{e}");
}

#[test]
fn a_deadline_bounds_retry_after_and_slow_servers() {
    let s = server();
    // Retry-After asks for 11 days; the policy caps it at 60 s; the deadline ends the call now.
    let c = client(&format!("{}/retry-after/999999", s.url), json!({"retry": {"max_retries": 4}}));
    let (result, took) = state(&c, CallOptions::default().with_deadline_ms(1_500));
    assert_eq!(code(&result), "http_503", "{result:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    let slow = client(&format!("{}/slow/5000", s.url), json!({}));
    let (result, took) = state(&slow, CallOptions::default().with_deadline_ms(500));
    assert_eq!(code(&result), "timeout", "{result:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}
