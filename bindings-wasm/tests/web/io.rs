//! IO tests: the `PassportReader` client, called through its JS surface
//! (`client.session.create(...)` on the wasm-bindgen class), against the local test server over
//! real `fetch` (cross-origin, with CORS preflights).

use js_sys::Uint8Array;
use kassa_wasm::PassportReader;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{bigint, bigint_digits, call, compare, get, get_str, js_string, object};

/// The server's URL, fixed when the tests are compiled.
const SERVER: &str = env!("KASSA_TEST_SERVER");
const BIG_ID: &str = "9007199254740993";

fn token() -> String {
    format!("wasm-{:x}", (js_sys::Math::random() * 1e15) as u64)
}

fn retry(pairs: &[(&str, f64)]) -> JsValue {
    object(&pairs.iter().map(|(k, v)| (*k, JsValue::from_f64(*v))).collect::<Vec<_>>())
}

/// `new PassportReader({publicKey, secret, baseUrl, retry: {initialDelay: 0.01}, ...extra})` as a
/// JS object.
fn client(base_url: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut options = vec![
        ("publicKey", JsValue::from_str("public-key-test")),
        ("secret", JsValue::from_str("secret-test")),
        ("baseUrl", JsValue::from_str(base_url)),
        ("retry", retry(&[("initialDelay", 0.01)])),
    ];
    options.extend(extra.iter().cloned());
    match PassportReader::new(object(&options)) {
        Ok(client) => client.into(),
        Err(e) => panic!("constructor threw: {}", get_str(&e, "message").unwrap_or_default()),
    }
}

async fn requests_seen(token: &str) -> u64 {
    let response = gloo_net::http::Request::get(&format!("{SERVER}/_stats/{token}")).send().await.unwrap();
    let stats: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    stats["requests"].as_u64().unwrap()
}

fn expect_err(result: Result<JsValue, JsValue>, what: &str) -> JsValue {
    match result {
        Ok(v) => panic!("{what}: expected a rejection, got {v:?}"),
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::Error>(), "{what}: not an Error: {e:?}");
            e
        }
    }
}

#[wasm_bindgen_test]
async fn session_create_state_get_happy_path() {
    let base = format!("{SERVER}/ok/{}", token());
    let c = client(&base, &[]);

    let created = call(&c, &["session", "create"], &[object(&[("reference", "r1".into())])]).await.unwrap();
    assert_eq!(bigint_digits(&get(&created, "id")).as_deref(), Some(BIG_ID), "id must be an exact bigint");
    assert_eq!(get_str(&created, "token").as_deref(), Some("tok-r1"));

    // No params at all: every create param is optional.
    let bare = call(&c, &["session", "create"], &[]).await.unwrap();
    assert_eq!(get_str(&bare, "token").as_deref(), Some("tok-none"));

    // The id goes back as the bigint it came as, exactly.
    let state = call(&c, &["session", "state"], &[object(&[("id", get(&created, "id"))])]).await.unwrap();
    compare(&state, &serde_json::json!({"state": "CREATED"}), "state").unwrap();

    // A state kassa does not know is kept as sent; a plain number id works too.
    let unknown = call(&c, &["session", "state"], &[object(&[("id", 7.into())])]).await.unwrap();
    assert_eq!(get_str(&unknown, "state").as_deref(), Some("VERIFYING_CHIP"));

    let session = call(&c, &["session", "get"], &[object(&[("id", bigint(BIG_ID))])]).await.unwrap();
    assert_eq!(bigint_digits(&get(&session, "id")).as_deref(), Some(BIG_ID));
    for (key, want) in [("state", "COMPLETED"), ("reference", "ref-1"), ("given_names", "Jane"), ("surname", "Doe")] {
        assert_eq!(get_str(&session, key).as_deref(), Some(want), "{key}");
    }

    // The generic entry point reaches the same operation.
    let generic = call(&c, &["call"], &["passportreader.session.state".into(), object(&[("id", 7.into())])])
        .await
        .unwrap();
    assert_eq!(get_str(&generic, "state").as_deref(), Some("VERIFYING_CHIP"));
}

#[wasm_bindgen_test]
async fn unknown_session_is_an_api_error() {
    let c = client(&format!("{SERVER}/ok/{}", token()), &[]);
    let err = expect_err(call(&c, &["session", "get"], &[object(&[("id", 5.into())])]).await, "get 5");
    assert_eq!(get_str(&err, "name").as_deref(), Some("ApiError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("api"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("SessionNotFound"));
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(get_str(&err, "providerCode").as_deref(), Some("SessionNotFound"));
    assert_eq!(get_str(&err, "providerMessage").as_deref(), Some("No session found with id: 5"));
    // Readable cross-origin because the server exposes it.
    assert_eq!(get_str(&err, "requestId").as_deref(), Some("req-404"));
    let body = get(&err, "body").dyn_into::<Uint8Array>().expect("body is a Uint8Array").to_vec();
    assert!(String::from_utf8_lossy(&body).contains("SessionNotFound"));
    assert!(get_str(&err, "message").unwrap().contains("SessionNotFound"));
}

#[wasm_bindgen_test]
async fn flaky_server_is_retried_by_the_core_policy() {
    let t = token();
    let c = client(&format!("{SERVER}/flaky/{t}"), &[]);
    let created = call(&c, &["session", "create"], &[object(&[("reference", "f".into())])]).await.unwrap();
    assert_eq!(get_str(&created, "token").as_deref(), Some("tok-f"));
    assert_eq!(requests_seen(&t).await, 2, "one 503, then one success");

    // Without retries the 503 is the answer.
    let t = token();
    let c = client(&format!("{SERVER}/flaky/{t}"), &[("retry", retry(&[("maxRetries", 0.0)]))]);
    let err = expect_err(call(&c, &["session", "create"], &[]).await, "flaky without retries");
    assert_eq!(get_str(&err, "code").as_deref(), Some("ServiceUnavailable"));
    assert_eq!(get(&err, "status").as_f64(), Some(503.0));
    assert_eq!(requests_seen(&t).await, 1);
}

#[wasm_bindgen_test]
async fn hanging_server_times_out_and_is_aborted() {
    let t = token();
    let c = client(
        &format!("{SERVER}/hang/{t}"),
        &[("timeout", 0.5.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    );
    let started = js_sys::Date::now();
    let err = expect_err(call(&c, &["session", "state"], &[object(&[("id", 7.into())])]).await, "hang");
    let elapsed = js_sys::Date::now() - started;
    assert_eq!(get_str(&err, "name").as_deref(), Some("TransportError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("transport"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("timeout"));
    assert!((400.0..5_000.0).contains(&elapsed), "gave up after {elapsed} ms");
    assert_eq!(requests_seen(&t).await, 1);
}

#[wasm_bindgen_test]
async fn malformed_answer_is_a_decode_error() {
    let c = client(&format!("{SERVER}/malformed/{}", token()), &[]);
    let err = expect_err(call(&c, &["session", "create"], &[]).await, "malformed");
    assert_eq!(get_str(&err, "name").as_deref(), Some("DecodeError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("decode"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("decode"));
    assert!(get(&err, "offset").as_f64().is_some(), "a truncated body has a byte offset");
}

#[wasm_bindgen_test]
async fn wrong_credentials() {
    // A bad prefix is refused by the constructor, naming the field, without the secret's value.
    let cases = [
        ("pk-live-1234", "secret-hunter2-value", "public_key"),
        ("public-key-test", "hunter2-value", "secret"),
    ];
    for (public_key, secret, field) in cases {
        let options = object(&[
            ("publicKey", public_key.into()),
            ("secret", secret.into()),
            ("baseUrl", SERVER.into()),
        ]);
        let err = match PassportReader::new(options) {
            Ok(_) => panic!("{field}: constructor accepted a bad credential"),
            Err(e) => e,
        };
        assert!(err.is_instance_of::<js_sys::Error>());
        assert_eq!(get_str(&err, "name").as_deref(), Some("ValidationError"));
        assert_eq!(get_str(&err, "code").as_deref(), Some("passportreader_credentials"));
        assert_eq!(get_str(&err, "field").as_deref(), Some(field));
        let shown = format!("{} {}", get_str(&err, "message").unwrap(), js_string(&err));
        assert!(shown.contains(field), "{shown}");
        assert!(!shown.contains("hunter2"), "the secret leaked: {shown}");
    }

    // Well-formed but wrong credentials reach the server, which refuses them.
    let options = object(&[
        ("publicKey", "public-key-test".into()),
        ("secret", "secret-hunter2".into()),
        ("baseUrl", format!("{SERVER}/ok/{}", token()).into()),
    ]);
    let c: JsValue = PassportReader::new(options).unwrap().into();
    assert!(!js_string(&c).contains("hunter2"), "client toString leaks: {}", js_string(&c));
    let json = String::from(js_sys::JSON::stringify(&c).unwrap());
    assert!(!json.contains("hunter2"), "client JSON leaks: {json}");
    let err = expect_err(call(&c, &["session", "create"], &[]).await, "401");
    assert_eq!(get_str(&err, "code").as_deref(), Some("Unauthorized"));
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    assert!(!get_str(&err, "message").unwrap().contains("hunter2"));
}

#[wasm_bindgen_test]
async fn bad_params_reject_without_a_request() {
    let t = token();
    let c = client(&format!("{SERVER}/ok/{t}"), &[]);
    let cases: [(&[&str], Vec<JsValue>, &str, &str); 5] = [
        (&["session", "get"], vec![], "invalid_params", "id"),
        (&["session", "get"], vec![object(&[("id", "5".into())])], "invalid_params", "id"),
        (&["session", "state"], vec![object(&[("id", 1.5.into())])], "invalid_params", "id"),
        (&["call"], vec!["solaris.identifications.get".into(), object(&[])], "unknown_operation", "operation"),
        (&["call"], vec![42.into()], "unknown_operation", "operation"),
    ];
    for (path, args, code, field) in cases {
        let what = format!("{path:?} {args:?}");
        let err = expect_err(call(&c, path, &args).await, &what);
        assert_eq!(get_str(&err, "name").as_deref(), Some("ValidationError"), "{what}");
        assert_eq!(get_str(&err, "code").as_deref(), Some(code), "{what}");
        assert_eq!(get_str(&err, "field").as_deref(), Some(field), "{what}");
    }
    assert_eq!(requests_seen(&t).await, 0);
}

#[wasm_bindgen_test]
async fn timeouts_abort_the_fetch_and_free_the_connection() {
    // Chromium keeps at most 6 HTTP/1.1 connections per host. Six requests that time out must be
    // aborted (not merely forgotten), or the next request to the host would queue behind the
    // hanging sockets for 30 s and time out itself.
    let t = token();
    let hanging = client(
        &format!("{SERVER}/hang/{t}"),
        &[("timeout", 0.5.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    );
    let pending: Vec<js_sys::Promise> = (0..6)
        .map(|_| {
            let state = get(&get(&hanging, "session"), "state");
            let state: js_sys::Function = state.dyn_into().unwrap();
            state.call1(&get(&hanging, "session"), &object(&[("id", 7.into())])).unwrap().dyn_into().unwrap()
        })
        .collect();
    for promise in pending {
        let err = expect_err(wasm_bindgen_futures::JsFuture::from(promise).await, "parallel hang");
        assert_eq!(get_str(&err, "code").as_deref(), Some("timeout"));
    }
    let ok = client(
        &format!("{SERVER}/ok/{}", token()),
        &[("timeout", 3.0.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    );
    let state = call(&ok, &["session", "state"], &[object(&[("id", 7.into())])]).await;
    assert!(state.is_ok(), "the host's connections are still held by timed-out requests: {state:?}");
    assert_eq!(requests_seen(&t).await, 6);
}
