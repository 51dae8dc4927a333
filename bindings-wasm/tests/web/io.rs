//! IO tests: the `PassportReader`, `Billit`, `Solaris` and `Digiteal` clients and the identification flow,
//! called through their JS surface (`client.session.create(...)` on the wasm-bindgen classes),
//! over real `fetch` (cross-origin, with CORS preflights) against `kassa sandbox` (sessions and
//! identifications moved through their states with its control endpoints, faults forced the same
//! way) and, for deliberately wrong answers, the stand-in tests/server/server.py (tests/README.md,
//! "what runs where").

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{bigint, bigint_digits, call, compare, construct, get, get_str, js_string, module, new_client, now_unix, object};

/// The stand-in's URL, fixed when the tests are compiled.
const SERVER: &str = env!("KASSA_TEST_SERVER");
/// `kassa sandbox`'s URL (started with `--strict`), fixed when the tests are compiled.
const SANDBOX: &str = env!("KASSA_SANDBOX");
const BIG_ID: &str = "9007199254740993";

fn token() -> String {
    format!("wasm-{:x}", (js_sys::Math::random() * 1e15) as u64)
}

/// The base URL of `provider` in the sandbox tenant `tenant`.
fn on_sandbox(provider: &str, tenant: &str) -> String {
    format!("{SANDBOX}/{provider}/t/{tenant}")
}

/// A control endpoint of the sandbox for `tenant`: POST with a JSON body, or GET without one.
/// The parsed answer (a status other than 200 fails the test).
async fn control(tenant: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
    let url = format!("{SANDBOX}/_sandbox/t/{tenant}{path}");
    let response = match body {
        None => gloo_net::http::Request::get(&url).send().await,
        Some(body) => gloo_net::http::Request::post(&url)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .unwrap()
            .send()
            .await,
    }
    .unwrap_or_else(|e| panic!("{path}: {e}"));
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The sandbox's count for `tenant`: `{"requests", "token_requests"}`.
async fn sandbox_stats(tenant: &str) -> serde_json::Value {
    control(tenant, "/stats", None).await
}

fn retry(pairs: &[(&str, f64)]) -> JsValue {
    object(&pairs.iter().map(|(k, v)| (*k, JsValue::from_f64(*v))).collect::<Vec<_>>())
}

/// `new PassportReader({publicKey, secret, baseUrl, retry: {initialDelay: 0.01}, ...extra})` as a
/// JS object.
async fn client(base_url: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut options = vec![
        ("publicKey", JsValue::from_str("public-key-test")),
        ("secret", JsValue::from_str("secret-test")),
        ("baseUrl", JsValue::from_str(base_url)),
        ("retry", retry(&[("initialDelay", 0.01)])),
    ];
    options.extend(extra.iter().cloned());
    match new_client("PassportReader", object(&options)).await {
        Ok(client) => client,
        Err(e) => panic!("constructor threw: {}", get_str(&e, "message").unwrap_or_default()),
    }
}

/// The API requests the sandbox saw for a tenant (`/_stats/<tenant>`, as the stand-in counts).
async fn requests_seen(token: &str) -> u64 {
    let response = gloo_net::http::Request::get(&format!("{SANDBOX}/_stats/{token}")).send().await.unwrap();
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

/// The sandbox's PassportReader sessions of `tenant`.
async fn sessions(tenant: &str) -> Vec<serde_json::Value> {
    control(tenant, "/passportreader/sessions", None).await.as_array().cloned().unwrap()
}

#[wasm_bindgen_test]
async fn session_create_state_get_happy_path() {
    let t = token();
    let c = client(&on_sandbox("passportreader", &t), &[]).await;

    let created = call(&c, &["session", "create"], &[object(&[("reference", "r1".into())])]).await.unwrap();
    assert_eq!(bigint_digits(&get(&created, "id")).as_deref(), Some(BIG_ID), "id must be an exact bigint");

    // No params at all: every create param is optional.
    let bare = call(&c, &["session", "create"], &[]).await.unwrap();
    assert_eq!(bigint_digits(&get(&bare, "id")).as_deref(), Some("9007199254740994"));
    // The tokens are the ones the provider holds for these sessions.
    let held = sessions(&t).await;
    assert_eq!(get_str(&created, "token").as_deref(), held[0]["token"].as_str());
    assert_eq!(get_str(&bare, "token").as_deref(), held[1]["token"].as_str());
    assert_eq!((held[0]["reference"].as_str(), &held[1]["reference"]), (Some("r1"), &serde_json::Value::Null));

    // The id goes back as the bigint it came as, exactly.
    let state = call(&c, &["session", "state"], &[object(&[("id", get(&created, "id"))])]).await.unwrap();
    compare(&state, &serde_json::json!({"state": "CREATED"}), "state").unwrap();
    let path = format!("/passportreader/sessions/{BIG_ID}/state");
    control(&t, &path, Some(serde_json::json!({"state": "INITIATED"}))).await;
    let state = call(&c, &["session", "state"], &[object(&[("id", bigint(BIG_ID))])]).await.unwrap();
    compare(&state, &serde_json::json!({"state": "INITIATED"}), "state").unwrap();
    control(&t, &path, Some(serde_json::json!({"state": "COMPLETED"}))).await;

    let session = call(&c, &["session", "get"], &[object(&[("id", bigint(BIG_ID))])]).await.unwrap();
    assert_eq!(bigint_digits(&get(&session, "id")).as_deref(), Some(BIG_ID));
    for (key, want) in [("state", "COMPLETED"), ("reference", "r1"), ("given_names", "Jane"), ("surname", "Doe")] {
        assert_eq!(get_str(&session, key).as_deref(), Some(want), "{key}");
    }
    control(&t, &path, Some(serde_json::json!({"state": "APPROVED"}))).await;

    // The generic entry point reaches the same operation.
    let generic = call(&c, &["call"], &["passportreader.session.state".into(), object(&[("id", bigint(BIG_ID))])])
        .await
        .unwrap();
    assert_eq!(get_str(&generic, "state").as_deref(), Some("APPROVED"));
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 6, "token_requests": 0}));
}

#[wasm_bindgen_test]
async fn an_unknown_state_is_kept() {
    // Stand-in only: session 7 answers VERIFYING_CHIP, a state kassa does not know; a plain number
    // id works too.
    let c = client(&format!("{SERVER}/ok/{}", token()), &[]).await;
    let unknown = call(&c, &["session", "state"], &[object(&[("id", 7.into())])]).await.unwrap();
    assert_eq!(get_str(&unknown, "state").as_deref(), Some("VERIFYING_CHIP"));
    let generic = call(&c, &["call"], &["passportreader.session.state".into(), object(&[("id", 7.into())])])
        .await
        .unwrap();
    assert_eq!(get_str(&generic, "state").as_deref(), Some("VERIFYING_CHIP"));
}

#[wasm_bindgen_test]
async fn unknown_session_is_an_api_error() {
    let c = client(&on_sandbox("passportreader", &token()), &[]).await;
    let err = expect_err(call(&c, &["session", "get"], &[object(&[("id", 5.into())])]).await, "get 5");
    assert_eq!(get_str(&err, "name").as_deref(), Some("NotFoundError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("api"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("SessionNotFound"));
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(get_str(&err, "providerCode").as_deref(), Some("SessionNotFound"));
    assert_eq!(get_str(&err, "providerMessage").as_deref(), Some("No session found with id: 5"));
    // Readable cross-origin because the sandbox exposes it.
    let id = get_str(&err, "requestId").expect("a request id");
    assert!(id.len() == 16 && id.starts_with("req-") && id[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    let body = get(&err, "body").dyn_into::<Uint8Array>().expect("body is a Uint8Array").to_vec();
    assert!(String::from_utf8_lossy(&body).contains("SessionNotFound"));
    assert!(get_str(&err, "message").unwrap().contains("SessionNotFound"));
}

/// Forces `fault` on the next `count` requests of `tenant`.
async fn fault_next(tenant: &str, fault: &str, count: u32) {
    control(tenant, "/faults/next", Some(serde_json::json!({"fault": fault, "count": count}))).await;
}

#[wasm_bindgen_test]
async fn flaky_server_is_retried_by_the_core_policy() {
    let t = token();
    let c = client(&on_sandbox("passportreader", &t), &[]).await;
    fault_next(&t, "503", 1).await;
    let created = call(&c, &["session", "create"], &[object(&[("reference", "f".into())])]).await.unwrap();
    assert_eq!(get_str(&created, "token").as_deref(), sessions(&t).await[0]["token"].as_str());
    assert_eq!(requests_seen(&t).await, 2, "one 503, then one success");

    // Without retries the 503 is the answer.
    let t = token();
    let c = client(&on_sandbox("passportreader", &t), &[("retry", retry(&[("maxRetries", 0.0)]))]).await;
    fault_next(&t, "503", 1).await;
    let err = expect_err(call(&c, &["session", "create"], &[]).await, "flaky without retries");
    assert_eq!(get_str(&err, "code").as_deref(), Some("ServiceUnavailable"));
    assert_eq!(get(&err, "status").as_f64(), Some(503.0));
    assert_eq!(requests_seen(&t).await, 1);
    assert!(sessions(&t).await.is_empty(), "nothing was processed");
}

#[wasm_bindgen_test]
async fn hanging_server_times_out_and_is_aborted() {
    let t = token();
    let c = client(
        &on_sandbox("passportreader", &t),
        &[("timeout", 0.5.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    ).await;
    fault_next(&t, "hang", 1).await;
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
    let c = client(&format!("{SERVER}/malformed/{}", token()), &[]).await;
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
        let err = match new_client("PassportReader", options).await {
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

    // Well-formed but wrong credentials reach the sandbox (--strict), which refuses them.
    let options = object(&[
        ("publicKey", "public-key-test".into()),
        ("secret", "secret-hunter2".into()),
        ("baseUrl", on_sandbox("passportreader", &token()).into()),
    ]);
    let c = new_client("PassportReader", options).await.unwrap();
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
    let c = client(&on_sandbox("passportreader", &t), &[]).await;
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
        &on_sandbox("passportreader", &t),
        &[("timeout", 0.5.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    ).await;
    fault_next(&t, "hang", 6).await;
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
        &on_sandbox("passportreader", &token()),
        &[("timeout", 3.0.into()), ("retry", retry(&[("maxRetries", 0.0)]))],
    ).await;
    let created = call(&ok, &["session", "create"], &[]).await;
    assert!(created.is_ok(), "the host's connections are still held by timed-out requests: {created:?}");
    let state = call(&ok, &["session", "state"], &[object(&[("id", bigint(BIG_ID))])]).await;
    assert!(state.is_ok(), "the host's connections are still held by timed-out requests: {state:?}");
    assert_eq!(requests_seen(&t).await, 6);
}

// -- Billit, Solaris and the identification flow ------------------------------------------------

/// A client of the loaded module's class `class` (`new m.Solaris({...})`), as a JS user makes it.
async fn js_client(class: &str, options: &[(&str, JsValue)]) -> JsValue {
    let m = module().await;
    construct(&get(&m, class), &[object(options)])
        .unwrap_or_else(|e| panic!("new {class} threw: {}", get_str(&e, "message").unwrap_or_default()))
}

async fn solaris_client(base_url: &str) -> JsValue {
    js_client(
        "Solaris",
        &[
            ("clientId", "solaris-client-test".into()),
            ("clientSecret", "solaris-secret-test".into()),
            ("baseUrl", base_url.into()),
            ("retry", retry(&[("initialDelay", 0.01)])),
        ],
    )
    .await
}

async fn billit_client(base_url: &str) -> JsValue {
    js_client("Billit", &[("apiKey", "billit-key-test".into()), ("baseUrl", base_url.into())]).await
}

fn session_params(session: &str) -> JsValue {
    object(&[("person_id", "p1".into()), ("identification_session_id", session.into())])
}

/// A new Solaris identification session of person p1 allowing `methods`: its id.
async fn solaris_session(c: &JsValue, methods: &[&str]) -> String {
    let list: js_sys::Array = methods.iter().map(|m| JsValue::from_str(m)).collect();
    let params = object(&[("person_id", "p1".into()), ("identification_methods", list.into())]);
    let session = call(c, &["identificationSessions", "create"], &[params]).await.unwrap();
    get_str(&session, "id").unwrap()
}

/// A session of person p1 with an idnow identification Solaris completed: the get params.
async fn solaris_done(c: &JsValue, tenant: &str) -> JsValue {
    let sid = solaris_session(c, &["idnow"]).await;
    let params = object(&[("person_id", "p1".into()), ("identification_session_id", sid.as_str().into()), ("method", "idnow".into())]);
    let made = call(c, &["identifications", "create"], &[params]).await.unwrap();
    let id = get_str(&made, "id").unwrap();
    control(tenant, &format!("/solaris/identifications/{id}/complete"), Some(serde_json::json!({"success": true}))).await;
    object(&[("person_id", "p1".into()), ("identification_session_id", sid.as_str().into()), ("id", id.as_str().into())])
}

#[wasm_bindgen_test]
async fn solaris_fetches_a_token_once_and_reuses_it() {
    let t = token();
    let c = solaris_client(&on_sandbox("solaris", &t)).await;
    let sid = solaris_session(&c, &["idnow", "bank_id"]).await;
    let session = call(&c, &["identificationSessions", "get"], &[session_params(&sid)]).await.unwrap();
    assert_eq!(get_str(&session, "status").as_deref(), Some("created"));
    assert_eq!(get_str(&session, "id").as_deref(), Some(sid.as_str()));
    let conf = call(&c, &["identificationSessions", "configuration"], &[session_params(&sid)]).await.unwrap();
    compare(&conf, &serde_json::json!({"terms_and_conditions_pre_accepted": true, "fourthline_provider": "fourthline"}), "conf").unwrap();
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 3, "token_requests": 1}));

    // The other namespaces reach the sandbox with the same token.
    let eligibility = call(&c, &["identification", "eligibilityChecks"], &[object(&[("person_id", "p1".into())])]).await.unwrap();
    compare(&eligibility, &serde_json::json!({"method": "bank", "eligible": true, "reasons": []}), "eligibility").unwrap();
    let params = object(&[
        ("person_id", "p1".into()),
        ("identification_session_id", sid.as_str().into()),
        ("method", "idnow".into()),
        ("language", "EN".into()),
    ]);
    let created = call(&c, &["identifications", "create"], &[params]).await.unwrap();
    assert_eq!(get_str(&created, "status").as_deref(), Some("created"));
    let id = get_str(&created, "id").unwrap();
    control(&t, &format!("/solaris/identifications/{id}/complete"), Some(serde_json::json!({"success": true}))).await;
    let got = object(&[("person_id", "p1".into()), ("identification_session_id", sid.as_str().into()), ("id", id.as_str().into())]);
    let done = call(&c, &["identifications", "get"], &[got]).await.unwrap();
    assert_eq!(get_str(&done, "status").as_deref(), Some("successful"));
    // Solaris's own integers (not ids) come back as numbers.
    assert_eq!(get(&done, "provider_status_code").as_f64(), Some(1000.0));
    let other = solaris_session(&c, &["bank_id"]).await;
    let simulated = call(&c, &["identificationSessions", "simulateBankId"], &[session_params(&other)]).await.unwrap();
    assert_eq!(get_str(&simulated, "status").as_deref(), Some("identification_data_required"));
    let generic = call(&c, &["call"], &["solaris.identification_sessions.get".into(), session_params(&sid)]).await.unwrap();
    assert_eq!(get_str(&generic, "status").as_deref(), Some("successful"));
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 9, "token_requests": 1}));

    // The token operation itself, through the client.
    let token_answer = call(&c, &["auth", "token"], &[]).await.unwrap();
    assert!(get_str(&token_answer, "access_token").unwrap().starts_with("sol-tok-"));
    assert_eq!(get(&token_answer, "expires_in").as_f64(), Some(3599.0));
}

#[wasm_bindgen_test]
async fn solaris_renews_short_lived_and_revoked_tokens() {
    // The former layout's `shortlived` scenario: this tenant's tokens last 1 s, inside the 60 s
    // renewal margin, so every call fetches a new token.
    let t = token();
    let c = solaris_client(&format!("{SANDBOX}/shortlived/{t}")).await;
    let params = solaris_done(&c, &t).await;
    for _ in 0..2 {
        let identification = call(&c, &["identifications", "get"], &[params.clone()]).await.unwrap();
        assert_eq!(get_str(&identification, "status").as_deref(), Some("successful"));
    }
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 4, "token_requests": 4}));

    // A revoked token gets 401: the client renews once and succeeds.
    let t = token();
    let c = solaris_client(&on_sandbox("solaris", &t)).await;
    let params = solaris_done(&c, &t).await;
    assert_eq!(control(&t, "/solaris/tokens/revoke", Some(serde_json::json!({}))).await, serde_json::json!({"tokens": 1}));
    let identification = call(&c, &["identifications", "get"], &[params.clone()]).await.unwrap();
    assert_eq!(get_str(&identification, "id"), get_str(&params, "id"));
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 4, "token_requests": 2}));
}

#[wasm_bindgen_test]
async fn solaris_errors_and_bad_client_credentials() {
    // Stand-in: an error list with a second entry (the sandbox answers one, as Solaris does).
    let t = token();
    let c = solaris_client(&format!("{SERVER}/ok/{t}")).await;
    let params = object(&[("person_id", "missing".into()), ("identification_methods", js_sys::Array::of1(&"idnow".into()).into())]);
    let err = expect_err(call(&c, &["identificationSessions", "create"], &[params]).await, "missing person");
    assert_eq!(get_str(&err, "name").as_deref(), Some("NotFoundError"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("person_not_found"));
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(get_str(&err, "requestId").as_deref(), Some("err-person_not_found"));
    let body = get(&err, "body").dyn_into::<Uint8Array>().unwrap().to_vec();
    assert!(String::from_utf8_lossy(&body).contains("second_error"), "every error entry is kept");

    // The sandbox (--strict) refuses a client it does not know.
    let t = token();
    let bad = js_client(
        "Solaris",
        &[("clientId", "x".into()), ("clientSecret", "hunter2".into()), ("baseUrl", on_sandbox("solaris", &t).into())],
    )
    .await;
    let params = object(&[("person_id", "p".into()), ("identification_session_id", "s".into()), ("id", "i".into())]);
    let err = expect_err(call(&bad, &["identifications", "get"], &[params]).await, "bad client");
    assert_eq!(get_str(&err, "kind").as_deref(), Some("api"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("invalid_client"));
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    assert!(!get_str(&err, "message").unwrap().contains("hunter2"));
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 0, "token_requests": 1}), "no API request without a token");
}

#[wasm_bindgen_test]
async fn billit_start_expires_in_five_minutes_and_limits_trials() {
    let t = token();
    let c = billit_client(&on_sandbox("billit", &t)).await;
    let params = || object(&[("RegistrationID", "42".into()), ("RedirectURL", "https://app.test/back".into())]);
    let before = now_unix();
    let started = call(&c, &["identification", "start"], &[params()]).await.unwrap();
    let after = now_unix();
    let url = get_str(&started, "url").unwrap();
    let held = billit_held(&t, "42").await;
    assert_eq!(url, itsme_url(&t, &held[0]));
    assert_eq!(held[0]["party_id"], "42", "PartyID defaults to the RegistrationID");
    assert_eq!(get(&started, "expires_in").as_f64(), Some(300.0));
    let expires_at = get(&started, "expires_at").as_f64().expect("expires_at is a number") as u64;
    assert!((before + 300..=after + 302).contains(&expires_at), "{expires_at} vs {before}..{after}");

    for _ in 0..4 {
        call(&c, &["identification", "start"], &[params()]).await.unwrap();
    }
    let err = expect_err(call(&c, &["identification", "start"], &[params()]).await, "6th start");
    assert_eq!(get_str(&err, "code").as_deref(), Some("TooManyTrials"));
    assert_eq!(get(&err, "status").as_f64(), Some(400.0));
    assert_eq!(get_str(&err, "providerMessage").as_deref(), Some("Too many attempts"));
    assert_eq!(requests_seen(&t).await, 6, "a refused start is not resent");
    let statuses: Vec<_> = billit_held(&t, "42").await.iter().map(|i| i["status"].clone()).collect();
    assert_eq!(statuses, ["abandoned", "abandoned", "abandoned", "abandoned", "pending"], "a new start abandons the pending one");

    let alt = call(&c, &["identification", "start"], &[object(&[("RegistrationID", "alt-1".into()), ("RedirectURL", "https://a.test/".into())])])
        .await
        .unwrap();
    let held = billit_held(&t, "alt-1").await;
    assert_eq!(get_str(&alt, "url").unwrap(), itsme_url(&t, &held[0]), "the RedirectURL answer is read");

    let err = call(&c, &["identification", "start"], &[object(&[("RegistrationID", "404".into()), ("RedirectURL", "https://a.test/".into())])]).await;
    let err = expect_err(err, "404");
    assert_eq!(get_str(&err, "name").as_deref(), Some("NotFoundError"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("http_404"));
    assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    assert_eq!(get(&err, "providerCode"), JsValue::NULL);

    // An OAuth bearer token instead of the API key, and a fixed PartyID.
    let t = token();
    let oauth = js_client(
        "Billit",
        &[("accessToken", "billit-token-test".into()), ("partyId", "master-1".into()), ("baseUrl", on_sandbox("billit", &t).into())],
    )
    .await;
    let started = call(&oauth, &["identification", "start"], &[params()]).await.unwrap();
    let held = billit_held(&t, "42").await;
    assert_eq!(get_str(&started, "url").unwrap(), itsme_url(&t, &held[0]));
    assert_eq!(held[0]["party_id"], "master-1");
}

/// The sandbox's identifications of a Billit registration (`session` is the itsme URL's `state`).
async fn billit_held(tenant: &str, registration: &str) -> Vec<serde_json::Value> {
    control(tenant, "/state", None).await["billit"]["registrations"][registration]["identifications"].as_array().cloned().unwrap()
}

/// The itsme URL of an identification the sandbox holds.
fn itsme_url(tenant: &str, held: &serde_json::Value) -> String {
    format!("{}/itsme/authorize?state={}", on_sandbox("billit", tenant), held["session"].as_str().unwrap())
}

#[wasm_bindgen_test]
async fn one_identification_flow_over_three_providers() {
    let m = module().await;
    let start = |subject: &str, return_url: Option<&str>| {
        let mut pairs = vec![("subject", JsValue::from_str(subject))];
        if let Some(url) = return_url {
            pairs.push(("returnUrl", url.into()));
        }
        object(&pairs)
    };

    // Billit: start, then finish from the browser redirect (sans-IO) or check (no status call).
    let t = token();
    let c = billit_client(&on_sandbox("billit", &t)).await;
    let before = now_unix();
    let started = call(&c, &["identity", "start"], &[start("42", Some("https://app.test/back"))]).await.unwrap();
    assert_eq!(get_str(&started, "provider").as_deref(), Some("billit"));
    assert_eq!(get_str(&started, "reference").as_deref(), Some("billit:42"));
    assert_eq!(get_str(&started, "url").unwrap(), itsme_url(&t, &billit_held(&t, "42").await[0]));
    assert_eq!(get(&started, "token"), JsValue::NULL);
    let expires_at = get(&started, "expires_at");
    let at = expires_at.as_f64().expect("expires_at is a number") as u64;
    assert!((before + 300..=now_unix() + 302).contains(&at));
    // The user confirms in itsme; the browser comes back to the return URL.
    let back = control(&t, "/billit/registrations/42/identification/complete", Some(serde_json::json!({"success": true}))).await;
    assert_eq!(back["redirect_url"], "https://app.test/back?registrationID=42&success=true");
    let evidence = object(&[("redirectUrl", back["redirect_url"].as_str().unwrap().into())]);
    let outcome = call(&m, &["identity", "finish"], &["billit:42".into(), evidence]).await.unwrap();
    compare(&outcome, &serde_json::json!({"status": "verified", "reason": null, "provider_status": "success=true", "reference": "billit:42"}), "billit").unwrap();
    let pending = call(&c, &["identity", "check"], &["billit:42".into(), object(&[("expiresAt", expires_at)])]).await.unwrap();
    assert_eq!(get_str(&pending, "status").as_deref(), Some("pending"));

    // Solaris: start a session, then poll it; Solaris completes the identification.
    let t = token();
    let c = solaris_client(&on_sandbox("solaris", &t)).await;
    let started = call(&c, &["identity", "start"], &[start("p1", Some("https://app.test/hook"))]).await.unwrap();
    let session = control(&t, "/solaris/sessions", None).await[0].clone();
    assert_eq!(session["callback_url"], "https://app.test/hook");
    let sid = session["id"].as_str().unwrap().to_owned();
    let reference = format!("solaris:p1:{sid}");
    compare(
        &started,
        &serde_json::json!({"provider": "solaris", "url": session["url"], "token": null,
            "expires_at": null, "reference": reference}),
        "solaris started",
    )
    .unwrap();
    let pending = call(&c, &["identity", "check"], &[reference.as_str().into()]).await.unwrap();
    compare(&pending, &serde_json::json!({"status": "pending", "reason": null, "provider_status": "created", "reference": reference}), "pending").unwrap();
    let params = object(&[("person_id", "p1".into()), ("identification_session_id", sid.as_str().into()), ("method", "idnow".into())]);
    let made = call(&c, &["identifications", "create"], &[params]).await.unwrap();
    let id = get_str(&made, "id").unwrap();
    control(&t, &format!("/solaris/identifications/{id}/complete"), Some(serde_json::json!({"success": true}))).await;
    let verified = call(&c, &["identity", "check"], &[reference.as_str().into()]).await.unwrap();
    assert_eq!(get_str(&verified, "status").as_deref(), Some("verified"));
    assert_eq!(sandbox_stats(&t).await, serde_json::json!({"requests": 4, "token_requests": 1}));

    // PassportReader: start, then poll the state until the provider approves.
    let t = token();
    let c = client(&on_sandbox("passportreader", &t), &[]).await;
    let started = call(&c, &["identity", "start"], &[start("order-7", None)]).await.unwrap();
    assert_eq!(get_str(&started, "reference").as_deref(), Some("passportreader:9007199254740993"));
    assert_eq!(get_str(&started, "token").as_deref(), sessions(&t).await[0]["token"].as_str());
    assert_eq!(get(&started, "url"), JsValue::NULL);
    let reference = get(&started, "reference");
    let outcome = call(&c, &["identity", "check"], &[reference, JsValue::NULL]).await.unwrap();
    compare(
        &outcome,
        &serde_json::json!({"status": "pending", "reason": null, "provider_status": "CREATED",
            "reference": "passportreader:9007199254740993"}),
        "passportreader",
    )
    .unwrap();
    control(&t, &format!("/passportreader/sessions/{BIG_ID}/complete"), Some(serde_json::json!({"outcome": "approved"}))).await;
    let outcome = call(&c, &["identity", "check"], &["passportreader:9007199254740993".into(), JsValue::NULL]).await.unwrap();
    compare(
        &outcome,
        &serde_json::json!({"status": "verified", "reason": null, "provider_status": "APPROVED",
            "reference": "passportreader:9007199254740993"}),
        "passportreader approved",
    )
    .unwrap();

    // The provider's errors come through the flow as they are.
    let err = expect_err(call(&c, &["identity", "check"], &["passportreader:5".into()]).await, "unknown session");
    assert_eq!(get_str(&err, "code").as_deref(), Some("SessionNotFound"));
}

// -- Digiteal -----------------------------------------------------------------------------------

async fn digiteal_client(base_url: &str) -> JsValue {
    js_client(
        "Digiteal",
        &[
            ("username", "digiteal-user-test".into()),
            ("password", "digiteal-pass-test".into()),
            ("baseUrl", base_url.into()),
        ],
    )
    .await
}

fn invoice(internal_id: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![
        ("invoiceInternalId", JsValue::from_str(internal_id)),
        ("customerInternalId", "C-1".into()),
        ("creditorReference", "000600232562".into()),
        ("amountInCents", 1234.into()),
        ("iban", "BE68539007547034".into()),
    ];
    pairs.extend(extra.iter().cloned());
    object(&pairs)
}

/// `output.image` is `{mediaType: "image/png", bytes: Uint8Array}` holding a PNG.
fn assert_png_image(output: &JsValue, what: &str) {
    let image = get(output, "image");
    assert_eq!(get_str(&image, "mediaType").as_deref(), Some("image/png"), "{what}");
    let bytes = get(&image, "bytes").dyn_into::<Uint8Array>().unwrap_or_else(|v| panic!("{what}: bytes are not a Uint8Array: {v:?}"));
    assert!(bytes.to_vec().starts_with(b"\x89PNG\r\n\x1a\n"), "{what}: not a PNG");
}

/// The invoice the sandbox keeps under `uuid` (32 hex digits it made).
async fn held_invoice(tenant: &str, uuid: &str) -> serde_json::Value {
    assert!(uuid.len() == 32 && uuid.bytes().all(|b| b.is_ascii_hexdigit()), "{uuid}");
    control(tenant, "/digiteal/invoices", None).await[uuid].clone()
}

#[wasm_bindgen_test]
async fn digiteal_invoice_answers_an_image_or_the_epc_text() {
    let t = token();
    let c = digiteal_client(&on_sandbox("digiteal", &t)).await;

    // An SDD transfer set up auto payment on the due date for the customer.
    let sdd = object(&[
        ("debtor", object(&[("email", "jane@optin.test".into())])),
        ("debtorIBAN", "BE36251230861781".into()),
        ("customerInternalId", "C-1".into()),
        ("configuration", object(&[("executionType", "DUE_DATE".into())])),
    ]);
    call(&c, &["sdd", "transferPerson"], &[sdd]).await.unwrap();
    // Opted-in customer: the image, and every header as a field.
    let opted = invoice("Bill-1", &[("customerEmail", "jane@optin.test".into()), ("dueDate", "2030-01-31".into())]);
    let created = call(&c, &["invoices", "create"], &[opted]).await.unwrap();
    assert_png_image(&created, "invoice");
    let uuid = get_str(&created, "uuid").unwrap();
    let held = held_invoice(&t, &uuid).await;
    assert_eq!(held["request"]["invoiceInternalId"], "Bill-1");
    assert_eq!(held["auto_payment_date"], "31/01/2030", "dd/MM/yyyy on the wire");
    for (key, want) in [("deliveryMethod", "S2P"), ("autoPaymentDate", "2030-01-31"), ("debtorId", "C-1")] {
        assert_eq!(get_str(&created, key).as_deref(), Some(want), "{key}");
    }
    assert_eq!(get(&created, "optedIn").as_bool(), Some(true));
    assert_eq!(get(&created, "qrText"), JsValue::NULL);

    // Not opted in: `deliveryMethod` and `autoPaymentDate` "null" are none.
    let plain = invoice("Bill-2", &[("customerInternalId", "C-2".into()), ("customerEmail", "john@example.test".into())]);
    let plain = call(&c, &["invoices", "create"], &[plain]).await.unwrap();
    assert_eq!(get(&plain, "optedIn").as_bool(), Some(false));
    assert_eq!(get(&plain, "deliveryMethod"), JsValue::NULL);
    assert_eq!(get(&plain, "autoPaymentDate"), JsValue::NULL);

    // format QR_TEXT: the EPC payload as text, read back with kassa's parser.
    let text = call(&c, &["invoices", "create"], &[invoice("Bill-3", &[("format", "QR_TEXT".into())])]).await.unwrap();
    assert_eq!(get(&text, "image"), JsValue::NULL);
    let qr_text = get_str(&text, "qrText").expect("qrText");
    assert!(qr_text.starts_with("BCD\n002\n1\nSCT\n"), "{qr_text}");
    let epc = get(&text, "epc");
    assert_eq!(get_str(&epc, "iban").as_deref(), Some("BE68539007547034"));
    assert_eq!(get_str(&epc, "amount").as_deref(), Some("12.34"));
    assert_eq!(get(&epc, "amount_cents").as_f64(), Some(1234.0), "integers (not ids) are numbers");
    assert_eq!(get_str(&epc, "name").as_deref(), Some("Kassa Sandbox"), "the creditor the sandbox writes");
    assert_eq!(get(&text, "epcError"), JsValue::NULL);
    assert_eq!(held_invoice(&t, &get_str(&text, "uuid").unwrap()).await["request"]["invoiceInternalId"], "Bill-3");
    assert_eq!(requests_seen(&t).await, 4);
}

#[wasm_bindgen_test]
async fn digiteal_a_delivery_method_kassa_does_not_know_is_kept() {
    // Stand-in only: `deliveryMethod` EMAIL (the sandbox answers S2P or null).
    let c = digiteal_client(&format!("{SERVER}/ok/{}", token())).await;
    let plain = call(&c, &["invoices", "create"], &[invoice("Bill-2", &[("customerEmail", "john@example.test".into())])]).await.unwrap();
    assert_eq!(get(&plain, "optedIn").as_bool(), Some(false));
    assert_eq!(get_str(&plain, "deliveryMethod").as_deref(), Some("EMAIL"));
    assert_eq!(get(&plain, "autoPaymentDate"), JsValue::NULL);
}

#[wasm_bindgen_test]
async fn digiteal_payment_request_answers_an_image_and_urls() {
    let t = token();
    let c = digiteal_client(&on_sandbox("digiteal", &t)).await;
    let params = object(&[
        ("amountInCents", 2500.into()),
        ("iban", "BE68539007547034".into()),
        ("remittanceInfo", "Order 7".into()),
        ("confirmationURL", "https://shop.test/ok".into()),
        ("errorURL", "https://shop.test/ko".into()),
    ]);
    let payment = call(&c, &["payments", "create"], &[params]).await.unwrap();
    assert_png_image(&payment, "payment");
    let uuid = get_str(&payment, "uuid").unwrap();
    assert!(control(&t, "/state", None).await["digiteal"]["payment_requests"].get(&uuid).is_some(), "{uuid}");
    let page = format!("{}/pay/{uuid}", on_sandbox("digiteal", &t));
    assert_eq!(get_str(&payment, "paymentUrlIntent"), Some(format!("{page}?intent=true")));
    assert_eq!(get_str(&payment, "paymentWebUrl"), Some(page));
}

/// What the sandbox answers an upload with, besides the document's uuid (Spring's `ResponseEntity`).
fn upload_answer(uuid: &str) -> serde_json::Value {
    serde_json::json!({"uuid": uuid, "status": "0", "responseEntity": {"body": null, "statusCode": "OK", "statusCodeValue": 200}})
}

#[wasm_bindgen_test]
async fn digiteal_multipart_upload_is_kept_by_the_sandbox() {
    let t = token();
    let base = on_sandbox("digiteal", &t);
    let c = digiteal_client(&base).await;
    let created = call(&c, &["invoices", "create"], &[invoice("Bill-1", &[])]).await.unwrap();
    let uuid = get_str(&created, "uuid").unwrap();
    let pdf_bytes = &b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF"[..];
    let pdf: JsValue = Uint8Array::from(pdf_bytes).into();
    // No boundary given: the client draws one; the sandbox parses the parts and keeps the document.
    let uploaded = call(
        &c,
        &["invoices", "sendDocument"],
        &[object(&[("uuid", uuid.as_str().into()), ("document", pdf.clone()), ("name", "Bill-1.pdf".into())])],
    )
    .await
    .unwrap();
    let documents = held_invoice(&t, &uuid).await["documents"].clone();
    let document = documents[0].as_str().expect("a document held on the invoice").to_owned();
    assert_ne!(document, uuid);
    compare(&uploaded, &upload_answer(&document), "upload").unwrap();
    // The bytes it serves back are the bytes sent.
    let served = gloo_net::http::Request::get(&format!("{base}/document/{document}")).send().await.unwrap();
    assert_eq!(served.headers().get("content-type").as_deref(), Some("application/pdf"));
    assert_eq!(served.binary().await.unwrap(), pdf_bytes);
    // A credit note on the invoice, its document sent by the issuer's id.
    let note = object(&[("invoiceUUID", uuid.as_str().into()), ("creditNoteInternalId", "CN-9".into()), ("amountInCents", 234.into())]);
    let note = get_str(&call(&c, &["creditNotes", "create"], &[note]).await.unwrap(), "uuid").unwrap();
    let by_id = call(
        &c,
        &["creditNotes", "sendDocumentByInternalId"],
        &[object(&[("creditNoteId", "CN-9".into()), ("document", pdf), ("comment", "credit".into())])],
    )
    .await
    .unwrap();
    let held_note = control(&t, "/state", None).await["digiteal"]["credit_notes"][&note]["documents"].clone();
    compare(&by_id, &upload_answer(held_note[0].as_str().expect("a document held on the credit note")), "by id").unwrap();
    // A document the sandbox does not take (not a PDF or an image) is its error, not a crash.
    let text_doc = object(&[("uuid", uuid.as_str().into()), ("document", "plain text".into()), ("name", "a.txt".into())]);
    let err = expect_err(call(&c, &["invoices", "sendDocument"], &[text_doc]).await, "text document");
    assert_eq!((get_str(&err, "code").as_deref(), get(&err, "status").as_f64()), (Some("UNSUPPORTED_MEDIA"), Some(415.0)));
    assert_eq!(held_invoice(&t, &uuid).await["documents"], documents, "nothing more held");
    // An empty document is refused before any request.
    let empty = object(&[("uuid", "u".into()), ("document", Uint8Array::new_with_length(0).into())]);
    let err = expect_err(call(&c, &["invoices", "sendDocument"], &[empty]).await, "empty document");
    assert_eq!((get_str(&err, "name").as_deref(), get_str(&err, "field").as_deref()), (Some("ValidationError"), Some("document")));
    assert_eq!(requests_seen(&t).await, 6, "five calls and the document fetched");
}

#[wasm_bindgen_test]
async fn digiteal_errors_carry_the_code_and_request_id() {
    // The sandbox's ErrorMessage for a state it holds: an invoiceInternalId already PUBLISHED.
    let t = token();
    let c = digiteal_client(&on_sandbox("digiteal", &t)).await;
    let first = get_str(&call(&c, &["invoices", "create"], &[invoice("Bill-1", &[])]).await.unwrap(), "uuid").unwrap();
    let err = expect_err(call(&c, &["invoices", "create"], &[invoice("Bill-1", &[("amountInCents", 999.into())])]).await, "published");
    assert_eq!(get_str(&err, "name").as_deref(), Some("BadRequestError"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("INVOICE_PUBLISHED"));
    assert_eq!(get(&err, "status").as_f64(), Some(400.0));
    // Without a correlation id: the request id the sandbox wrote in its ErrorMessage.
    let body = get(&err, "body").dyn_into::<Uint8Array>().expect("body is a Uint8Array").to_vec();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((&body["errorCode"], &body["errorSubjects"]), (&serde_json::json!("INVOICE_PUBLISHED"), &serde_json::json!(["invoiceInternalId"])));
    let written = body["requestId"].as_str().expect("a requestId in the body");
    assert_eq!(get_str(&err, "requestId").as_deref(), Some(written));
    // The correlation id sent is the error's request id (read cross-origin: the sandbox echoes it).
    let params = invoice("Bill-1", &[("correlationId", "corr-42".into())]);
    let err = expect_err(call(&c, &["invoices", "create"], &[params]).await, "with correlation id");
    assert_eq!(get_str(&err, "requestId").as_deref(), Some("corr-42"));
    assert_ne!(written, "corr-42");
    assert_eq!(get_str(&err, "code").as_deref(), Some("INVOICE_PUBLISHED"));
    let held = control(&t, "/digiteal/invoices", None).await;
    assert_eq!(held.as_object().unwrap().keys().collect::<Vec<_>>(), [&first]);
    assert_eq!(held[&first]["request"]["amountInCents"], 1234, "not updated");

    // Wrong password: Digiteal's 401 (the sandbox runs --strict), the password never shown.
    let bad = js_client(
        "Digiteal",
        &[("username", "digiteal-user-test".into()), ("password", "hunter2".into()), ("baseUrl", on_sandbox("digiteal", &token()).into())],
    )
    .await;
    assert!(!js_string(&bad).contains("hunter2"));
    let err = expect_err(call(&bad, &["integrator", "companyInfo"], &[object(&[("vatNumber", "BE0897227828".into())])]).await, "401");
    assert_eq!(get(&err, "status").as_f64(), Some(401.0));
    assert_eq!(get_str(&err, "code").as_deref(), Some("UNAUTHORIZED_ACCES"));
    assert!(!get_str(&err, "message").unwrap().contains("hunter2"));
}

#[wasm_bindgen_test]
async fn digiteal_company_info_is_the_status_held() {
    let t = token();
    let c = digiteal_client(&on_sandbox("digiteal", &t)).await;
    let vat = || object(&[("vatNumber", "BE0897227828".into())]);
    let info = call(&c, &["integrator", "companyInfo"], &[vat()]).await.unwrap();
    compare(&info, &serde_json::json!({"status": "NOT_FOUND", "vatNumber": "BE0897227828"}), "unknown company").unwrap();
    let company = object(&[
        ("vatNumber", "BE0897227828".into()),
        ("companyName", "Kassa Test".into()),
        ("creationDate", "2012-12-31".into()),
        ("contactPerson", object(&[("email", "ops@kassa.test".into())])),
    ]);
    let registered = call(&c, &["kyc", "registerCompany"], &[object(&[("customerCompany", company)])]).await.unwrap();
    assert_eq!(get_str(&registered, "status").as_deref(), Some("NOT_ACTIVATED"));
    // The generic entry point reaches it too.
    let generic = call(&c, &["call"], &["digiteal.integrator.company_info".into(), vat()]).await.unwrap();
    compare(&generic, &serde_json::json!({"status": "NOT_ACTIVATED", "vatNumber": "BE0897227828"}), "registered").unwrap();
    control(&t, "/digiteal/companies/BE0897227828/activate", Some(serde_json::json!({}))).await;
    let held = control(&t, "/state", None).await["digiteal"]["companies"]["BE0897227828"]["status"].clone();
    assert_eq!(held, "PROD");
    let info = call(&c, &["integrator", "companyInfo"], &[vat()]).await.unwrap();
    compare(&info, &serde_json::json!({"status": held, "vatNumber": "BE0897227828"}), "activated").unwrap();
    // A missing VAT number is refused before sending.
    let err = expect_err(call(&c, &["integrator", "companyInfo"], &[object(&[])]).await, "no vat");
    assert_eq!(get_str(&err, "field").as_deref(), Some("vatNumber"));
    assert_eq!(requests_seen(&t).await, 4);
}
