//! The native executor over real sockets: the core's retry loop, timeouts, tokens, uploads and the
//! identification flow through [`ReqwestExchange`]. The tests run on `kassa sandbox` (the stateful
//! emulator of `cli/`), each in a tenant of its own, faults forced by its control endpoints and
//! answers checked against what it holds; `$KASSA_SANDBOX`, or the workspace's `kassa` binary
//! (`cargo build -p kassa-cli`) started for the test. What a well-behaved emulator never answers
//! (a truncated body, a state kassa does not know, a second Solaris error entry, a PEPPOL BIS 4A
//! participant, `transferIDx64` reporting what the server read) comes from the stand-in,
//! `tests/server/server.py`: `$KASSA_TEST_SERVER`, or started for the test. See tests/README.md,
//! "What runs where, and why".
#![cfg(feature = "transport")]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kassa::exchange::execute;
use kassa::operation::JsonSink;
use kassa::transport::ReqwestExchange;
use kassa::{build_request, parse_response, Error};
use serde_json::{json, Value};

/// 2^53 + 1: the first PassportReader session id and KYC contract id of a sandbox tenant, an id a
/// double cannot hold.
const BIG_ID: u64 = 9_007_199_254_740_993;

/// A local server, stopped (by its PID) on drop when the test started it.
struct Server {
    url: String,
    child: Option<Child>,
    /// The sandbox's stdout, kept open: it prints its base URLs after the first line.
    _stdout: Option<BufReader<ChildStdout>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Server {
    /// The base URL of `provider` in `tenant` (`<sandbox>/<provider>/t/<tenant>`).
    fn at(&self, provider: &str, tenant: &str) -> String {
        format!("{}/{provider}/t/{tenant}", self.url)
    }
}

/// The workspace's debug `kassa` binary, built once per test process (a no-op when it is built).
fn kassa_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
        let mut build = Command::new(env!("CARGO"));
        // Without the variables cargo sets for this test's own run: build scripts that watch
        // one (ring's watches CARGO_MANIFEST_DIR) would rebuild at every switch.
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_BIN_EXE_")
                || ["CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME", "CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "CARGO_RUSTC_CURRENT_DIR"]
                    .contains(&&*name)
            {
                build.env_remove(&*name);
            }
        }
        let out = build
            .args(["build", "-q", "-p", "kassa-cli", "--bin", "kassa", "--message-format=json", "--manifest-path", manifest])
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo builds kassa-cli");
        assert!(out.status.success(), "cargo build -p kassa-cli failed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .find(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "kassa" && m["executable"].is_string())
            .map(|m| PathBuf::from(m["executable"].as_str().unwrap()))
            .expect("cargo names the kassa executable")
    })
}

/// `kassa sandbox`: `$KASSA_SANDBOX`, or the binary started with `--port 0 --strict` (only the
/// documented test credentials pass), its URL read from its first stdout line.
fn sandbox() -> Server {
    if let Ok(url) = std::env::var("KASSA_SANDBOX") {
        return Server { url: url.trim_end_matches('/').to_owned(), child: None, _stdout: None };
    }
    let mut child = Command::new(kassa_binary())
        .args(["sandbox", "--port", "0", "--strict", "--resend-seconds", "0.2"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the kassa binary runs");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    let _ = stdout.read_line(&mut first);
    let Some(url) = first.trim().strip_prefix("kassa sandbox listening on ") else {
        let _ = child.kill();
        panic!("kassa sandbox did not start: {first:?}");
    };
    Server { url: url.to_owned(), child: Some(child), _stdout: Some(stdout) }
}

/// The stand-in, `tests/server/server.py`: `$KASSA_TEST_SERVER`, or started for the test.
fn stand_in() -> Server {
    if let Ok(url) = std::env::var("KASSA_TEST_SERVER") {
        return Server { url, child: None, _stdout: None };
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    static SERVERS: AtomicU32 = AtomicU32::new(0);
    let n = SERVERS.fetch_add(1, Ordering::Relaxed);
    let port_file = std::env::temp_dir().join(format!("kassa-core-test-{}-{n}.port", std::process::id()));
    let _ = std::fs::remove_file(&port_file);
    let child = Command::new("python3")
        .arg(format!("{root}/tests/server/server.py"))
        .arg("--port-file")
        .arg(&port_file)
        .spawn()
        .expect("python3 runs the test server");
    let started = Instant::now();
    let port = loop {
        if let Ok(p) = std::fs::read_to_string(&port_file) {
            let _ = std::fs::remove_file(&port_file);
            break p;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "test server did not start");
        std::thread::sleep(Duration::from_millis(20));
    };
    Server { url: format!("http://127.0.0.1:{}", port.trim()), child: Some(child), _stdout: None }
}

/// A fresh tenant (or stand-in scenario token), unique across test processes.
fn tenant() -> String {
    static TENANTS: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
    format!("core{}x{nanos:x}x{}", std::process::id(), TENANTS.fetch_add(1, Ordering::Relaxed))
}

/// A plain HTTP client for the control endpoints (the exchange installs rustls' ring provider,
/// which reqwest needs before a client is built).
fn http() -> reqwest::Client {
    ReqwestExchange::new().expect("a client");
    reqwest::Client::new()
}

/// A control endpoint of the sandbox for `tenant` (`/_sandbox/t/<tenant><path>`): `POST` with
/// the JSON `body`, `GET` without one. Answers the parsed JSON (`null` for an empty body).
async fn control(s: &Server, tenant: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{}/_sandbox/t/{tenant}{path}", s.url);
    let http = http();
    let request = match body {
        Some(body) => http.post(url).header("Content-Type", "application/json").body(body.to_string()),
        None => http.get(url),
    };
    let answer = request.send().await.unwrap();
    assert!(answer.status().is_success(), "control {path}: {}", answer.status());
    let text = answer.text().await.unwrap();
    if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() }
}

/// Forces `fault` (`503`, `hang`...) on the tenant's next request.
async fn fault_next(s: &Server, tenant: &str, fault: &str) {
    control(s, tenant, "/faults/next", Some(json!({"fault": fault, "count": 1}))).await;
}

/// `{"requests", "token_requests"}` the sandbox counted for `tenant`.
async fn stats(s: &Server, tenant: &str) -> Value {
    let all = control(s, tenant, "/stats", None).await;
    json!({"requests": all["requests"], "token_requests": all["token_requests"]})
}

/// What the sandbox holds for `tenant` (`GET /_sandbox/t/<tenant>/state`).
async fn state(s: &Server, tenant: &str) -> Value {
    control(s, tenant, "/state", None).await
}

fn config(base_url: &str, extra: Value) -> Value {
    let mut c = json!({
        "public_key": "public-key-test", "secret": "secret-test", "base_url": base_url,
        "timeout": 5, "retry": {"initial_delay": 0.01}
    });
    c.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    c
}

async fn call(op: &str, params: Value, config: &Value) -> Result<Value, Error> {
    let prepared = build_request(op, &params, config, &kassa::Context::with_random_boundary(|| 0.5))?;
    let response = execute(&ReqwestExchange::new()?, &prepared).await?;
    parse_response(op, &response, JsonSink)?
}

// ---- PassportReader through the executor: states, errors, retries, timeouts ------------------

#[tokio::test]
async fn session_create_state_get() {
    let s = sandbox();
    let t = tenant();
    let c = config(&s.at("passportreader", &t), json!({}));
    let created = call("passportreader.session.create", json!({"reference": "r1"}), &c).await.unwrap();
    let held = control(&s, &t, "/passportreader/sessions", None).await;
    let [session] = held.as_array().unwrap().as_slice() else { panic!("one session held: {held}") };
    assert_eq!(created, json!({"id": session["id"], "token": session["token"]}));
    assert_eq!((session["reference"].as_str(), session["state"].as_str()), (Some("r1"), Some("CREATED")));
    // The id a double cannot hold, read exactly.
    assert_eq!(created["id"].as_u64(), Some(BIG_ID));
    let id = created["id"].clone();
    let state = call("passportreader.session.state", json!({"id": id}), &c).await.unwrap();
    assert_eq!(state, json!({"state": "CREATED"}));
    let read = control(&s, &t, &format!("/passportreader/sessions/{id}/complete"), Some(json!({"outcome": "approved"}))).await;
    let got = call("passportreader.session.get", json!({"id": id}), &c).await.unwrap();
    assert_eq!((got["id"].as_u64(), got["state"].as_str()), (Some(BIG_ID), Some("APPROVED")));
    for field in ["surname", "given_names", "document_number", "date_of_birth", "reference"] {
        assert_eq!(got[field], read[field], "{field} as the sandbox read the document");
    }
    assert_eq!(got["surname"], "Doe");
    assert_eq!(stats(&s, &t).await["requests"], 3);
}

#[tokio::test]
async fn an_unknown_state_is_read_as_it_is() {
    // The stand-in's session 7 is `VERIFYING_CHIP`, a state kassa does not know (the sandbox only
    // moves through the documented ones).
    let s = stand_in();
    let c = config(&format!("{}/ok/{}", s.url, tenant()), json!({}));
    let unknown = call("passportreader.session.state", json!({"id": 7}), &c).await.unwrap();
    assert_eq!(unknown, json!({"state": "VERIFYING_CHIP"}));
}

#[tokio::test]
async fn api_errors_carry_the_provider_code() {
    let s = sandbox();
    let t = tenant();
    let c = config(&s.at("passportreader", &t), json!({}));
    let Err(Error::Api(e)) = call("passportreader.session.get", json!({"id": 404}), &c).await else {
        panic!("expected an API error")
    };
    assert_eq!((e.status, e.code()), (404, "SessionNotFound"));
    assert!(e.message.as_deref().is_some_and(|m| m.contains("404")), "{:?}", e.message);
    // The sandbox's `X-Request-Id` (`req-` and 12 hex digits), read from the answer.
    let id = e.request_id.as_deref().unwrap_or_default();
    assert!(id.len() == 16 && id.starts_with("req-") && id[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{id:?}");
    // --strict: only the documented test credentials pass.
    let bad = config(&s.at("passportreader", &t), json!({"public_key": "public-key-other"}));
    let err = call("passportreader.session.create", json!({}), &bad).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "Unauthorized"));
    assert_eq!(control(&s, &t, "/passportreader/sessions", None).await, json!([]), "nothing created");
}

#[tokio::test]
async fn retries_a_503_then_succeeds() {
    let s = sandbox();
    let t = tenant();
    fault_next(&s, &t, "503").await;
    let created = call("passportreader.session.create", json!({}), &config(&s.at("passportreader", &t), json!({}))).await.unwrap();
    let held = control(&s, &t, "/passportreader/sessions", None).await;
    assert_eq!(held.as_array().map(Vec::len), Some(1), "one session made, by the retry");
    assert_eq!(created, json!({"id": held[0]["id"], "token": held[0]["token"]}));
    assert_eq!(stats(&s, &t).await["requests"], 2);
}

#[tokio::test]
async fn a_hanging_answer_times_out() {
    let s = sandbox();
    let t = tenant();
    fault_next(&s, &t, "hang").await;
    let c = config(&s.at("passportreader", &t), json!({"timeout": 0.3, "retry": {"max_retries": 0}}));
    let started = Instant::now();
    let err = call("passportreader.session.state", json!({"id": 1}), &c).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("transport", "timeout"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(stats(&s, &t).await["requests"], 1, "one attempt");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let s = stand_in();
    let base = format!("{}/malformed/{}", s.url, tenant());
    let err = call("passportreader.session.create", json!({}), &config(&base, json!({}))).await.unwrap_err();
    let Error::Decode(d) = err else { panic!("{err:?}") };
    // The body is `{"id": 1, "token": ` (19 bytes): the input ends at its last byte.
    assert_eq!(d.offset, Some(18));
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    // Bind and drop a listener to get a port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let c = config(&format!("http://127.0.0.1:{port}"), json!({"retry": {"max_retries": 2, "initial_delay": 0.001}}));
    let err = call("passportreader.session.create", json!({}), &c).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("transport", "connect"));
}

// ---- the core Client: Billit, Solaris (tokens), the identification flow --------------------

use kassa::client::Client;
use kassa::exchange::Exchange;
use kassa::identity::{StartParams, Status};

fn solaris(base: &str) -> Client {
    Client::new(
        kassa::Provider::Solaris,
        json!({"client_id": "solaris-client-test", "client_secret": "solaris-secret-test", "base_url": base,
               "retry": {"initial_delay": 0.01}}),
    )
    .unwrap()
}

async fn send(client: &Client, op: &str, params: Value) -> Result<Value, Error> {
    let exchange = ReqwestExchange::new()?;
    let call = client.call(op, &params)?;
    let response = client.send(&exchange, &call).await?;
    kassa::parse_response_at(op, &response, exchange.now_unix(), JsonSink)?
}

/// A Solaris session of person p1 (`idnow`) with one identification, completed by Solaris (the
/// control endpoint): `(session id, identification id)`.
async fn successful_identification(s: &Server, t: &str, c: &Client) -> (String, String) {
    let session = send(c, "solaris.identification_sessions.create", json!({"person_id": "p1", "identification_methods": ["idnow"]}))
        .await
        .unwrap();
    let sid = session["id"].as_str().unwrap().to_owned();
    let ident = send(c, "solaris.identifications.create", json!({"person_id": "p1", "identification_session_id": sid, "method": "idnow"}))
        .await
        .unwrap();
    let iid = ident["id"].as_str().unwrap().to_owned();
    control(s, t, &format!("/solaris/identifications/{iid}/complete"), Some(json!({"success": true}))).await;
    (sid, iid)
}

#[tokio::test]
async fn solaris_fetches_a_token_once_and_reuses_it() {
    let s = sandbox();
    let t = tenant();
    let c = solaris(&s.at("solaris", &t));
    let created = send(&c, "solaris.identification_sessions.create", json!({"person_id": "p1", "identification_methods": ["idnow"]}))
        .await
        .unwrap();
    let p = json!({"person_id": "p1", "identification_session_id": created["id"]});
    let session = send(&c, "solaris.identification_sessions.get", p.clone()).await.unwrap();
    assert_eq!(session, created);
    assert_eq!(session["status"], "created");
    let held = control(&s, &t, "/solaris/sessions", None).await;
    assert_eq!((held[0]["id"].as_str(), held[0]["url"].as_str()), (created["id"].as_str(), session["url"].as_str()));
    let conf = send(&c, "solaris.identification_sessions.configuration", p).await.unwrap();
    assert_eq!(conf["fourthline_provider"], "fourthline");
    assert_eq!(stats(&s, &t).await, json!({"requests": 3, "token_requests": 1}));
}

#[tokio::test]
async fn solaris_renews_an_expired_token_and_a_revoked_one() {
    let s = sandbox();
    // The former layout's `shortlived` scenario: the tenant's tokens last 1 s.
    let t = tenant();
    let c = solaris(&format!("{}/shortlived/{t}", s.url));
    let (sid, iid) = successful_identification(&s, &t, &c).await;
    let p = json!({"person_id": "p1", "identification_session_id": sid, "id": iid});
    for _ in 0..2 {
        let i = send(&c, "solaris.identifications.get", p.clone()).await.unwrap();
        assert_eq!(i["status"], "successful");
    }
    // expires_in 1 s is inside the 60 s renewal margin: every call needs a new token (no 401).
    assert_eq!(stats(&s, &t).await, json!({"requests": 4, "token_requests": 4}));

    let t = tenant();
    let c = solaris(&s.at("solaris", &t));
    let (sid, iid) = successful_identification(&s, &t, &c).await;
    let p = json!({"person_id": "p1", "identification_session_id": sid, "id": iid});
    assert_eq!(control(&s, &t, "/solaris/tokens/revoke", Some(json!({}))).await, json!({"tokens": 1}));
    // The revoked token gets a 401; the client renews once and succeeds.
    assert_eq!(send(&c, "solaris.identifications.get", p.clone()).await.unwrap()["id"].as_str(), Some(iid.as_str()));
    assert_eq!(stats(&s, &t).await, json!({"requests": 4, "token_requests": 2}));
    control(&s, &t, "/solaris/tokens/expire", Some(json!({}))).await;
    assert_eq!(send(&c, "solaris.identifications.get", p).await.unwrap()["status"], "successful");
    assert_eq!(stats(&s, &t).await, json!({"requests": 6, "token_requests": 3}));
}

#[tokio::test]
async fn solaris_errors_and_bad_client_credentials() {
    let s = sandbox();
    let t = tenant();
    let c = solaris(&s.at("solaris", &t));
    let err = send(&c, "solaris.identification_sessions.create", json!({"person_id": "missing", "identification_methods": ["idnow"]}))
        .await
        .unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    let body: Value = serde_json::from_slice(&e.body).unwrap();
    assert_eq!((e.status, e.code()), (404, "person_not_found"));
    assert_eq!(e.request_id.as_deref(), body["errors"][0]["id"].as_str(), "the error's id is the request id");
    assert_eq!(control(&s, &t, "/solaris/sessions", None).await, json!([]), "nothing created");
    let bad = Client::new(kassa::Provider::Solaris, json!({"client_id": "x", "client_secret": "y", "base_url": s.at("solaris", &t)})).unwrap();
    let err = send(&bad, "solaris.identifications.get", json!({"person_id": "p", "identification_session_id": "s", "id": "i"}))
        .await
        .unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "invalid_client"));
}

#[tokio::test]
async fn solaris_keeps_every_error_entry() {
    // The stand-in answers a list of two errors (Solaris, and the sandbox, answer one per failure).
    let s = stand_in();
    let c = solaris(&format!("{}/ok/{}", s.url, tenant()));
    let err = send(&c, "solaris.identification_sessions.create", json!({"person_id": "missing", "identification_methods": ["idnow"]}))
        .await
        .unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code(), e.request_id.as_deref()), (404, "person_not_found", Some("err-person_not_found")));
    assert!(String::from_utf8_lossy(&e.body).contains("second_error"), "every entry kept");
}

fn billit(base: &str) -> Client {
    Client::new(kassa::Provider::Billit, json!({"api_key": "billit-key-test", "base_url": base})).unwrap()
}

/// The identifications the sandbox holds for a Billit registration.
async fn billit_identifications(s: &Server, t: &str, registration: &str) -> Vec<Value> {
    let held = state(s, t).await;
    held["billit"]["registrations"][registration]["identifications"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn billit_start_expires_in_five_minutes_and_limits_trials() {
    let s = sandbox();
    let t = tenant();
    let c = billit(&s.at("billit", &t));
    let params = json!({"RegistrationID": "42", "RedirectURL": "https://app.test/back"});
    let now = ReqwestExchange::new().unwrap().now_unix().unwrap();
    let started = send(&c, "billit.identification.start", params.clone()).await.unwrap();
    let [held] = billit_identifications(&s, &t, "42").await.try_into().unwrap();
    assert_eq!(started["url"], format!("{}/itsme/authorize?state={}", s.at("billit", &t), held["session"].as_str().unwrap()));
    assert_eq!((held["redirect_url"].as_str(), held["status"].as_str()), (Some("https://app.test/back"), Some("pending")));
    let expires_at = started["expires_at"].as_u64().unwrap();
    assert!((now + 300..=now + 302).contains(&expires_at), "{expires_at} vs {now}");
    assert!(held["expires_at"].as_u64().unwrap().abs_diff(expires_at) <= 2, "{held}");
    for _ in 0..4 {
        send(&c, "billit.identification.start", params.clone()).await.unwrap();
    }
    let err = send(&c, "billit.identification.start", params).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "TooManyTrials"));
    assert_eq!(billit_identifications(&s, &t, "42").await.len(), 5, "the sixth start was refused");
    let alt = send(&c, "billit.identification.start", json!({"RegistrationID": "alt-1", "RedirectURL": "https://a.test/"}))
        .await
        .unwrap();
    let [held] = billit_identifications(&s, &t, "alt-1").await.try_into().unwrap();
    assert!(alt["url"].as_str().unwrap().ends_with(&format!("state={}", held["session"].as_str().unwrap())), "RedirectURL answer read: {alt}");
    let err = send(&c, "billit.identification.start", json!({"RegistrationID": "404", "RedirectURL": "https://a.test/"}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "http_404");
}

#[tokio::test]
async fn one_identification_flow_over_three_providers() {
    let s = sandbox();
    let t = tenant();
    let exchange = ReqwestExchange::new().unwrap();
    // Billit: start, then finish from the browser redirect (the user confirms in itsme).
    let c = billit(&s.at("billit", &t));
    let p = StartParams { subject: "42".into(), return_url: Some("https://app.test/back".into()), method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    assert_eq!(started.reference, "billit:42");
    let pending = c.identity_check(&exchange, &started.reference, started.expires_at).await.unwrap();
    assert_eq!(pending.status, Status::Pending);
    let back = control(&s, &t, "/billit/registrations/42/identification/complete", Some(json!({"success": true}))).await;
    let evidence = kassa::identity::Evidence { redirect_url: back["redirect_url"].as_str().map(Into::into), ..Default::default() };
    assert_eq!(evidence.redirect_url.as_deref(), Some("https://app.test/back?registrationID=42&success=true"));
    assert_eq!(kassa::identity::finish(&started.reference, &evidence, None).unwrap().status, Status::Verified);
    // Solaris: start, poll the session, Solaris completes an identification, poll again.
    let c = solaris(&s.at("solaris", &t));
    let p = StartParams { subject: "p1".into(), return_url: Some("https://app.test/hook".into()), method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    let held = control(&s, &t, "/solaris/sessions", None).await;
    let sid = held[0]["id"].as_str().unwrap();
    assert_eq!(held[0]["callback_url"], "https://app.test/hook");
    assert_eq!((started.reference.clone(), started.url.as_deref()), (format!("solaris:p1:{sid}"), held[0]["url"].as_str()));
    assert_eq!(c.identity_check(&exchange, &started.reference, None).await.unwrap().status, Status::Pending);
    let ident = send(&c, "solaris.identifications.create", json!({"person_id": "p1", "identification_session_id": sid, "method": "idnow"}))
        .await
        .unwrap();
    control(&s, &t, &format!("/solaris/identifications/{}/complete", ident["id"].as_str().unwrap()), Some(json!({"success": true}))).await;
    let done = c.identity_check(&exchange, &started.reference, None).await.unwrap();
    assert_eq!((done.status, done.provider_status.as_deref()), (Status::Verified, Some("successful")));
    // PassportReader: start, then poll the state.
    let c = Client::new(kassa::Provider::PassportReader, config(&s.at("passportreader", &t), json!({}))).unwrap();
    let p = StartParams { subject: "order-7".into(), return_url: None, method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    let held = control(&s, &t, "/passportreader/sessions", None).await;
    assert_eq!(held[0]["reference"], "order-7");
    assert_eq!(
        (started.reference.clone(), started.token.as_deref()),
        (format!("passportreader:{}", held[0]["id"].as_u64().unwrap()), held[0]["token"].as_str())
    );
    let outcome = c.identity_check(&exchange, &started.reference, None).await.unwrap();
    assert_eq!((outcome.status, outcome.provider_status.as_deref()), (Status::Pending, Some("CREATED")));
}

// ---- Digiteal: images, EPC text, header-only answers, multipart uploads --------------------

fn digiteal(base: &str) -> Client {
    Client::new(kassa::Provider::Digiteal, json!({"username": "digiteal-user-test", "password": "digiteal-pass-test", "base_url": base}))
        .unwrap()
}

fn invoice(internal_id: &str, extra: Value) -> Value {
    let mut p = json!({
        "invoiceInternalId": internal_id, "amountInCents": 1234, "iban": "BE68539007547034", "bic": "GKCCBEBB",
        "customerInternalId": "C1", "customerEmail": "jane@optin.test", "creditorReference": "+++090/9337/55493+++",
        "dueDate": "2026-12-31", "language": "EN"
    });
    p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    p
}

/// The Digiteal invoices the sandbox holds for `tenant`, by uuid.
async fn invoices(s: &Server, t: &str) -> Value {
    control(s, t, "/digiteal/invoices", None).await
}

#[tokio::test]
async fn digiteal_invoice_image_text_and_errors() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    // An SDD transfer sets up auto payment for the customer on the due date.
    let sdd = json!({"debtor": {"email": "jane@optin.test"}, "debtorIBAN": "BE36251230861781", "customerInternalId": "C1",
        "configuration": {"executionType": "DUE_DATE"}});
    send(&c, "digiteal.sdd.transfer_person", sdd).await.unwrap();
    let png = send(&c, "digiteal.invoices.create", invoice("Bill-1", json!({"format": "QR"}))).await.unwrap();
    let held = invoices(&s, &t).await;
    let uuid = png["uuid"].as_str().unwrap();
    let kept = &held[uuid];
    assert_eq!((kept["request"]["invoiceInternalId"].as_str(), kept["status"].as_str()), (Some("Bill-1"), Some("PUBLISHED")));
    assert_eq!((png["optedIn"].as_bool(), png["deliveryMethod"].as_str(), png["debtorId"].as_str()), (Some(true), Some("S2P"), Some("C1")));
    // dd/MM/yyyy on the wire, read as a date.
    let date = kept["auto_payment_date"].as_str().unwrap();
    assert_eq!(png["autoPaymentDate"].as_str(), Some(format!("{}-{}-{}", &date[6..], &date[3..5], &date[..2]).as_str()));
    assert_eq!(png["image"]["mediaType"], "image/png");
    let bytes: Vec<u64> = png["image"]["bytes"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap()).collect();
    assert_eq!(&bytes[..4], &[0x89, b'P' as u64, b'N' as u64, b'G' as u64]);
    let text = send(&c, "digiteal.invoices.create", invoice("Bill-2", json!({"format": "QR_TEXT"}))).await.unwrap();
    assert!(text["qrText"].as_str().unwrap().starts_with("BCD\n002\n1\nSCT\n"), "{text}");
    assert_eq!((text["epc"]["amount"].as_str(), text["epc"]["iban"].as_str()), (Some("12.34"), Some("BE68539007547034")), "{text}");
    assert_eq!(invoices(&s, &t).await[text["uuid"].as_str().unwrap()]["request"]["invoiceInternalId"], "Bill-2");
    // An ErrorMessage for a state the sandbox holds: Bill-1 is published already.
    let err = send(&c, "digiteal.invoices.create", invoice("Bill-1", json!({"amountInCents": 999, "correlationId": "corr-7"})))
        .await
        .unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code(), e.request_id.as_deref()), (400, "INVOICE_PUBLISHED", Some("corr-7")));
    let body: Value = serde_json::from_slice(&e.body).unwrap();
    assert_eq!((&body["errorSubjects"], &body["requestId"]), (&json!(["invoiceInternalId"]), &json!("corr-7")));
    assert_eq!(invoices(&s, &t).await[uuid]["request"]["amountInCents"], 1234, "not updated");
    // Company info: the status the sandbox holds, PROD once the pre-registration is activated.
    let info = send(&c, "digiteal.integrator.company_info", json!({"vatNumber": "BE0123456749"})).await.unwrap();
    assert_eq!(info, json!({"status": "NOT_FOUND", "vatNumber": "BE0123456749"}));
    let company = json!({"customerCompany": {"vatNumber": "BE0123456749", "companyName": "Kassa Test", "creationDate": "2012-12-31",
        "contactPerson": {"email": "ops@kassa.test"}}});
    send(&c, "digiteal.kyc.register_company", company).await.unwrap();
    control(&s, &t, "/digiteal/companies/BE0123456749/activate", Some(json!({}))).await;
    let held = state(&s, &t).await["digiteal"]["companies"]["BE0123456749"]["status"].clone();
    let info = send(&c, "digiteal.integrator.company_info", json!({"vatNumber": "BE0123456749"})).await.unwrap();
    assert_eq!((&info["status"], info["status"].as_str()), (&held, Some("PROD")));
}

#[tokio::test]
async fn digiteal_upload_gets_a_random_boundary_the_server_can_parse() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    let created = send(&c, "digiteal.invoices.create", invoice("Bill-1", json!({}))).await.unwrap();
    let uuid = created["uuid"].as_str().unwrap();
    let pdf: Vec<u8> = b"%PDF-1.4\n\x00\xff binary \r\n--not-a-boundary\r\n%%EOF".to_vec();
    let params = json!({"uuid": uuid, "name": "Bill-1.pdf", "comment": "May", "document": pdf});
    let sent = send(&c, "digiteal.invoices.send_document", params).await.unwrap();
    assert_eq!(invoices(&s, &t).await[uuid]["documents"], json!([sent["uuid"]]));
    assert_ne!(sent["uuid"], created["uuid"], "the document's own uuid");
    // The sandbox parsed the parts: the document it serves is the bytes sent, as they were.
    let served = http().get(format!("{}/document/{}", s.at("digiteal", &t), sent["uuid"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(served.headers()["content-type"], "application/pdf");
    assert_eq!(served.bytes().await.unwrap().as_ref(), pdf.as_slice());
    let by_id = json!({"billId": "Bill-1", "name": "b.pdf", "document": pdf});
    let by_id = send(&c, "digiteal.invoices.send_document_by_internal_id", by_id).await.unwrap();
    assert_eq!(invoices(&s, &t).await[uuid]["documents"], json!([sent["uuid"], by_id["uuid"]]));
    let no_doc = json!({"uuid": uuid, "name": "Bill-1.pdf"});
    let sent = stats(&s, &t).await["requests"].clone();
    let Error::Validation(e) = send(&c, "digiteal.invoices.send_document", no_doc).await.unwrap_err() else { panic!() };
    assert_eq!(&*e.field, "document");
    assert_eq!(stats(&s, &t).await["requests"], sent, "refused before sending");
}

// ---- Digiteal onboarding and network: KYC, SDD, PEPPOL, trusted payments, webhooks ----------

#[tokio::test]
async fn digiteal_kyc_pre_registration_contracts_and_documents() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    let company = json!({"customerCompany": {"vatNumber": "BE0000000097", "companyName": "Your Telecom",
        "creationDate": "2012-12-31", "contactPerson": {"email": "john.doe@gmail.com", "language": "FR"}},
        "contractApproval": {"approvalDate": "2019-11-30", "ipAddress": "203.0.113.7"}});
    let info = send(&c, "digiteal.kyc.register_company", company.clone()).await.unwrap();
    assert_eq!(info, json!({"status": "NOT_ACTIVATED", "vatNumber": "BE0000000097"}));
    assert_eq!(state(&s, &t).await["digiteal"]["companies"]["BE0000000097"]["status"], "NOT_ACTIVATED");
    let person = send(&c, "digiteal.kyc.register_person", json!({"customerPerson": {"email": "jane@known.test"}})).await.unwrap();
    let held = state(&s, &t).await["digiteal"]["persons"]["jane@known.test"]["status"].clone();
    assert_eq!(person, json!({"email": "jane@known.test", "status": held}));
    assert_eq!(held, "OK", "a known.test address finished Digiteal's KYC already");
    // The seed's own approvalDate is refused before anything is sent.
    let mut bad = company.clone();
    bad["contractApproval"]["approvalDate"] = json!("2019-11-31");
    let Error::Validation(e) = send(&c, "digiteal.kyc.register_company", bad).await.unwrap_err() else { panic!() };
    assert_eq!(&*e.field, "contractApproval.approvalDate");
    // Registered again under another name: the status held is kept, the company updated.
    let mut renamed = company;
    renamed["customerCompany"]["companyName"] = json!("Your Telecom 2");
    assert_eq!(send(&c, "digiteal.kyc.register_company", renamed).await.unwrap()["status"], "NOT_ACTIVATED");
    assert_eq!(state(&s, &t).await["digiteal"]["companies"]["BE0000000097"]["company"]["companyName"], "Your Telecom 2");
    // Contract ids are 64-bit, from 2^53 + 1 up: read exactly.
    let contracts = send(&c, "digiteal.kyc.company_contracts", json!({"language": "FR"})).await.unwrap();
    let ids: Vec<Option<u64>> = contracts.as_array().unwrap().iter().map(|k| k["id"].as_u64()).collect();
    assert_eq!(ids, [Some(BIG_ID), Some(BIG_ID + 1), Some(BIG_ID + 2)]);
    assert_eq!(contracts[0]["language"], "fr");
    let contracts = send(&c, "digiteal.kyc.person_contracts", json!({})).await.unwrap();
    assert_eq!(contracts.as_array().unwrap().len(), 2);
    // Both a PDF and an image pass the sandbox's multipart parser and are kept for the contact.
    let pdf = b"%PDF-1.4\n\x00\xff\r\n--x\r\n%%EOF".to_vec();
    let doc = json!({"document": pdf, "email": "john.doe@gmail.com", "name": "id.pdf", "requesterVAT": "BE0000000097", "type": "ID"});
    let pdf = send(&c, "digiteal.kyc.upload_document", doc).await.unwrap();
    let jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec();
    let selfie = json!({"document": jpeg, "email": "john.doe@gmail.com", "type": "SELFIE_WITH_ID"});
    let jpeg = send(&c, "digiteal.kyc.upload_document", selfie).await.unwrap();
    let documents = state(&s, &t).await["digiteal"]["documents"].clone();
    for (answer, media_type, kind) in [(&pdf, "application/pdf", "ID"), (&jpeg, "image/jpeg", "SELFIE_WITH_ID")] {
        let kept = &documents[answer["uuid"].as_str().unwrap()];
        assert_eq!((answer["mediaType"].as_str(), kept["media_type"].as_str(), kept["kind"].as_str()), (Some(media_type), Some(media_type), Some(kind)));
        assert_eq!((kept["owner"].as_str(), answer["id"].as_u64()), (Some("kyc:john.doe@gmail.com"), kept["id"].as_u64()));
        assert!(answer["id"].as_u64().unwrap() >= BIG_ID, "a 64-bit document id");
    }
    let not_an_image = json!({"document": "plain text", "email": "john.doe@gmail.com", "type": "BY_LAWS", "mediaType": "image/png"});
    let Error::Api(e) = send(&c, "digiteal.kyc.upload_document", not_an_image).await.unwrap_err() else { panic!() };
    assert_eq!((e.code(), e.status), ("UNSUPPORTED_MEDIA", 415));
    assert_eq!(state(&s, &t).await["digiteal"]["documents"].as_object().unwrap().len(), 2, "not kept");
}

#[tokio::test]
async fn digiteal_sdd_transfers() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    let person = json!({"debtor": {"email": "jane.doe@example.be"}, "debtorIBAN": "BE36251230861781",
        "configuration": {"executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": 9_007_199_254_740_993_i64}});
    let conf = send(&c, "digiteal.sdd.transfer_person", person).await.unwrap();
    assert_eq!(conf, json!({"currency": "EUR", "executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": 9_007_199_254_740_993_i64}));
    let company = json!({"debtor": {"vatNumber": "BE0000000097", "companyName": "Your Telecom", "creationDate": "2012-12-31",
        "contactPerson": {"email": "john.doe@gmail.com"}}});
    let conf = send(&c, "digiteal.sdd.transfer_company", company).await.unwrap();
    assert_eq!(conf["executionType"], "IMMEDIATE");
    assert_eq!(stats(&s, &t).await["requests"], 2);
}

const SBD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<sh:StandardBusinessDocument xmlns:sh=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\">\
<sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion>\
<sh:Sender><sh:Identifier Authority=\"iso6523-actorid-upis\">0208:0123456749</sh:Identifier></sh:Sender>\
<sh:Receiver><sh:Identifier Authority=\"iso6523-actorid-upis\">RECEIVER</sh:Identifier></sh:Receiver>\
</sh:StandardBusinessDocumentHeader><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>\
</sh:StandardBusinessDocument>";

#[tokio::test]
async fn digiteal_peppol_first_then_send_register_and_unregister() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    // PEPPOL first: the seed's BIS Billing 3.0 recipient of the sandbox's network, an unknown one.
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0630675588"})).await.unwrap();
    assert_eq!((check["canReceiveInvoice"].as_bool(), check["recommendation"].as_str()), (Some(true), Some("peppol")));
    assert_eq!((check["canReceiveCreditNote"].as_bool(), check["inPeppol"].as_bool()), (Some(true), Some(true)));
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "9925:be0897227828"})).await.unwrap();
    assert_eq!((check["inPeppol"].as_bool(), check["recommendation"].as_str()), (Some(false), Some("digiteal")));
    let err = send(&c, "digiteal.peppol.supported_document_types", json!({"identifier": "9925:be0897227828"})).await.unwrap_err();
    assert_eq!(err.code(), "http_404");
    // Send: the SBD as an XML file part, parsed by the sandbox.
    let sbd = SBD.replace("RECEIVER", "0208:0630675588");
    let sent = send(&c, "digiteal.peppol.send_document", json!({"document": sbd, "comment": "INV-1"})).await.unwrap();
    assert_eq!(sent, json!({"message": "All clear !", "status": "OK", "ok": true}));
    let unknown = SBD.replace("RECEIVER", "0208:0897227828");
    let err = send(&c, "digiteal.peppol.send_document", json!({"document": unknown})).await.unwrap_err();
    assert_eq!(err.code(), "RECIPIENT_NOT_IN_PEPPOL");
    // Register, read back, list, register again, unregister twice.
    let reg = json!({"peppolIdentifier": "0208:0897227828", "contactPerson": {"email": "john.doe@gmail.com", "language": "NL"}});
    let done = send(&c, "digiteal.peppol.register_participant", reg.clone()).await.unwrap();
    assert_eq!(done["ok"], true);
    let again = send(&c, "digiteal.peppol.register_participant", reg).await.unwrap_err();
    assert_eq!(again.code(), "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL");
    let other = send(&c, "digiteal.peppol.register_participant", json!({"peppolIdentifier": "9925:BE0999999922"})).await;
    assert_eq!(other.unwrap_err().code(), "REGISTER_ALREADY_REGISTERED_TO_OTHER_AP");
    let held = state(&s, &t).await["digiteal"]["participants"]["0208:0897227828"]["body"].clone();
    let today = control(&s, &t, "/clock", None).await["now"].as_str().unwrap()[..10].to_owned();
    let got = send(&c, "digiteal.peppol.get_participant", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!((got["registrationDate"].as_str(), got["contactPerson"]["language"].as_str()), (Some(today.as_str()), Some("NL")));
    assert_eq!(got["registrationDate"], held["registrationDate"]);
    let listed = send(&c, "digiteal.peppol.list_participants", json!({})).await.unwrap();
    let ids: Vec<&Value> = listed["participants"].as_array().unwrap().iter().map(|p| &p["peppolIdentifier"]).collect();
    assert_eq!(ids, [&json!("0208:0897227828")]);
    assert_eq!(listed["responseEntity"]["statusCodeValue"], 200);
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!(check["recommendation"], "peppol");
    let gone = send(&c, "digiteal.peppol.unregister_participant", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!(gone["status"], "OK");
    assert_eq!(state(&s, &t).await["digiteal"]["participants"], json!({}));
    let err = send(&c, "digiteal.peppol.unregister_participant", json!({"identifier": "0208:0897227828"})).await.unwrap_err();
    assert_eq!(err.code(), "NOT_REGISTERD_TO_CALLER");
    let err = send(&c, "digiteal.peppol.get_participant", json!({"identifier": "0208:0897227828"})).await.unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code()), (404, "ENTITY_NOT_REGISTERED"));
}

#[tokio::test]
async fn digiteal_peppol_recipient_on_a_retired_document_type() {
    // A participant that only receives PEPPOL BIS 4A (retired), its one type a string as in the
    // seed's example: the sandbox's network has no such participant; the stand-in's has.
    let s = stand_in();
    let c = digiteal(&format!("{}/ok/{}", s.url, tenant()));
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0123456749"})).await.unwrap();
    assert_eq!((check["inPeppol"].as_bool(), check["canReceiveInvoice"].as_bool()), (Some(true), Some(false)));
    assert_eq!(check["recommendation"], "digiteal");
    let types = send(&c, "digiteal.peppol.supported_document_types", json!({"identifier": "0208:0123456749"})).await.unwrap();
    assert_eq!(types["documentTypes"].as_array().unwrap().len(), 1, "one string read as a list of one");
}

fn payment_tree(depth: usize) -> Value {
    let mut node = json!({"amountInCents": 100, "benificiary": "leaf", "latestProposalAmountInCents": 9_007_199_254_740_993_i64});
    for level in (1..depth).rev() {
        node = json!({"amountInCents": 100 * level, "beneficiary": format!("level {level}"), "subPayments": [node, {"amountInCents": 1}]});
    }
    node
}

#[tokio::test]
async fn digiteal_trusted_payments() {
    // On the stand-in: its transferIDx64 reports what it read of the request (the sandbox answers
    // a real transfer id).
    let s = stand_in();
    let c = digiteal(&format!("{}/ok/{}", s.url, tenant()));
    let transfer = json!({"projectName": "Corvette VIN 1234567890123456", "hidePaymentDetails": true,
        "actors": [{"type": "_3RD_PARTY", "digitealIdentifier": 9_007_199_254_740_993_i64, "decide": true}],
        "transferPayments": [payment_tree(32)]});
    let created = send(&c, "digiteal.transfers.create_confirmation_based", transfer.clone()).await.unwrap();
    // The server walked the whole tree: 31 levels of two payments, the deepest one alone.
    assert_eq!(created["transferIDx64"], "payments=63;depth=32");
    assert_eq!(created["transferID"], "e529f8b4790f11e7b5a5be2e44b06b52");
    let mut update = transfer.clone();
    update["uuid"] = created["transferID"].clone();
    assert_eq!(send(&c, "digiteal.transfers.update_confirmation_based", update.clone()).await.unwrap(), Value::Null);
    update["uuid"] = json!("00000000000000000000000000000000");
    assert_eq!(send(&c, "digiteal.transfers.update_confirmation_based", update).await.unwrap_err().code(), "INVALID_PARAMETER");
    let mut too_deep = transfer;
    too_deep["transferPayments"] = json!([payment_tree(33)]);
    assert_eq!(send(&c, "digiteal.transfers.create_confirmation_based", too_deep).await.unwrap_err().kind(), "validation");
    let execute = json!({"transferID": "e529f8b4790f11e7b5a5be2e44b06b52", "validate": true, "comment": "Glad to participate !"});
    assert_eq!(send(&c, "digiteal.transfers.execute", execute).await.unwrap(), Value::Null);
    let time_based = json!({"amountInCents": 20_000_000, "minimumAmountInCents": 10_000_000, "endDate": "31/12/2027",
        "projectName": "Crowd-lending for CompanyX", "creditorPayments": [
            {"creditorIBAN": "BE36251230861781", "percentage": 33.3333},
            {"creditorIBAN": "BE68539007547034", "percentage": "33.3333"},
            {"creditorIBAN": "BE72000000001616", "percentage": 33.3334}]});
    let created = send(&c, "digiteal.transfers.create_time_based", time_based.clone()).await.unwrap();
    assert_eq!(created["transferIDx64"], "creditors=3;total=100.0000", "the server added the decimals exactly");
    let mut update = time_based;
    update["uuid"] = json!("e529f8b4-790f-11e7-b5a5-be2e44b06b52");
    assert_eq!(send(&c, "digiteal.transfers.update_time_based", update).await.unwrap(), Value::Null);
}

#[tokio::test]
async fn digiteal_webhook_configuration() {
    let s = sandbox();
    let t = tenant();
    let c = digiteal(&s.at("digiteal", &t));
    let held = || async { state(&s, &t).await["digiteal"]["webhooks"]["digiteal-user-test"].clone() };
    let set = json!({"login": "hook-user", "password": "hook-pass-42", "vatNumber": "BE0000000097", "webHooks": [
        {"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/myApp/paymentInitiated"},
        {"type": "TRANSFER_PAYMENT_RECEIVED", "url": "mailto:ops@myIntegrator.com"}]});
    assert_eq!(send(&c, "digiteal.webhooks.set_configuration", set).await.unwrap(), Value::Null);
    let upsert = json!({"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"});
    assert_eq!(send(&c, "digiteal.webhooks.upsert", upsert).await.unwrap(), Value::Null);
    let creds = json!({"login": "hook-user-2", "password": "hook-pass-43"});
    assert_eq!(send(&c, "digiteal.webhooks.set_credentials", creds).await.unwrap(), Value::Null);
    let conf = send(&c, "digiteal.webhooks.get_configuration", json!({})).await.unwrap();
    let kept = held().await;
    assert_eq!((conf["login"].as_str(), kept["login"].as_str()), (Some("hook-user-2"), Some("hook-user-2")));
    assert_eq!(conf["password"], "NotProvidedForSecurityReasons");
    assert_eq!((&conf["vatNumber"], &kept["vat_number"]), (&json!("BE0000000097"), &json!("BE0000000097")));
    // The hooks as the sandbox holds them (an upsert replaces the type's URL).
    let hooks: Vec<Value> = kept["hooks"].as_array().unwrap().iter().map(|h| json!({"type": h[0], "url": h[1]})).collect();
    assert_eq!(conf["webHooks"], json!(hooks));
    let upserted = json!({"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"});
    assert!(hooks.contains(&upserted), "{hooks:?}");
    assert_eq!(hooks.len(), 2);
    assert_eq!(send(&c, "digiteal.webhooks.delete", json!({"type": "TRANSFER_PAYMENT_RECEIVED"})).await.unwrap(), Value::Null);
    let err = send(&c, "digiteal.webhooks.delete", json!({"type": "TRANSFER_PAYMENT_RECEIVED"})).await.unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.code(), e.status), ("INVALID_PARAMETER", 404));
    let conf = send(&c, "digiteal.webhooks.get_configuration", json!({})).await.unwrap();
    assert_eq!(conf["webHooks"], json!([{"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"}]));
    assert_eq!(held().await["hooks"].as_array().unwrap().len(), 1);
    // Sending back what get_configuration answered is refused: its password is a placeholder.
    let echo = json!({"login": conf["login"], "password": conf["password"], "webHooks": []});
    let Error::Validation(e) = send(&c, "digiteal.webhooks.set_configuration", echo).await.unwrap_err() else { panic!() };
    assert_eq!(&*e.field, "password");
    assert_eq!(held().await["hooks"].as_array().unwrap().len(), 1, "refused before sending");
    // Neither the params nor the built request show the webhook password in Debug.
    let params = json!({"login": "l", "password": "hook-pass-44"});
    let call = c.call("digiteal.webhooks.set_credentials", &params).unwrap();
    let prepared = call.prepare(c.config(), &kassa::Context::default()).unwrap();
    assert!(String::from_utf8_lossy(&prepared.request.body).contains("hook-pass-44"), "the bytes sent are real");
    assert!(!format!("{call:?} {prepared:?}").contains("hook-pass-44"));
    let op: kassa::providers::digiteal::SetWebhookCredentials = serde_json::from_value(params).unwrap();
    assert!(!format!("{op:?}").contains("hook-pass-44"));
}
