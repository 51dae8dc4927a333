//! The JS surface without a server: the catalog, generated clients and `.d.ts` covering every
//! operation, `HttpRequest` redaction, error objects, input shapes, and bad input that must give a
//! typed error instead of a crash.

use std::collections::BTreeSet;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use kassa_wasm::{PassportReader, CLIENTS_TS, CLIENT_METHODS, COMMON_TS};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{bigint, bigint_digits, call, compare, get, get_str, js_string, json_to_js, object};

const CREDENTIAL: &str = "cHVibGljLWtleS10ZXN0OnNlY3JldC10ZXN0"; // base64("public-key-test:secret-test")

fn config() -> JsValue {
    object(&[("publicKey", "public-key-test".into()), ("secret", "secret-test".into())])
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').enumerate() {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
            Some(c) => out.extend(std::iter::once(c).chain(chars)),
            None => {}
        }
    }
    out
}

/// A constructed client of `provider`'s generated class, as a JS object.
fn client_for(provider: &str) -> JsValue {
    match provider {
        "passportreader" => PassportReader::new(config()).unwrap().into(),
        other => panic!("no client class (or no test config) for provider `{other}`: add it to the client table"),
    }
}

#[wasm_bindgen_test]
fn operations_lists_the_catalog() {
    let ops = kassa_wasm::operations().unwrap();
    let catalog = kassa::operation::catalog();
    assert_eq!(ops.length() as usize, catalog.len());
    for (js, op) in ops.iter().zip(catalog) {
        let want = json!({
            "id": op.id, "provider": op.provider, "method": op.method.as_str(),
            "path": op.path, "retrySafe": op.retry_safe,
        });
        compare(&js, &want, op.id).unwrap();
    }
}

#[wasm_bindgen_test]
fn every_catalog_operation_has_a_client_method_and_typings() {
    let table: BTreeSet<&str> = CLIENT_METHODS.iter().map(|m| m.id).collect();
    let catalog: BTreeSet<&str> = kassa::operation::catalog().iter().map(|op| op.id).collect();
    assert_eq!(table, catalog, "the client table and the core catalog differ");
    for m in CLIENT_METHODS {
        let segments: Vec<&str> = m.id.split('.').collect();
        assert_eq!(segments.len(), 3, "{}", m.id);
        assert_eq!(m.provider, segments[0], "{}", m.id);
        assert_eq!(m.namespace, segments[1], "{}: namespace", m.id);
        assert_eq!(m.method, camel_case(segments[2]), "{}: method name", m.id);
        assert_eq!(m.params_optional, (m.accepts_empty_params)(), "{}: optional params in the .d.ts", m.id);
        // The real JS object has the namespace getter and the method.
        let client = client_for(m.provider);
        assert_eq!(get(&client, "constructor").dyn_into::<js_sys::Function>().unwrap().name(), m.class);
        let namespace = get(&client, m.namespace);
        assert!(get(&namespace, m.method).is_function(), "{}: client.{}.{} is not a function", m.id, m.namespace, m.method);
        // The .d.ts declares it: the Operations map entry and the method.
        assert!(CLIENTS_TS.contains(&format!("\"{}\": {{ params: ", m.id)), "{}: not in Operations", m.id);
        let opt = if m.params_optional { "?" } else { "" };
        let decl = format!("{}(params{opt}: OperationParams<\"{}\">)", m.method, m.id);
        assert!(CLIENTS_TS.contains(&decl), "{}: missing `{decl}`", m.id);
    }
    assert!(COMMON_TS.contains("export function buildRequest<Op extends OperationId>"));
}

#[wasm_bindgen_test]
fn http_request_getters_are_real_and_printing_redacts() {
    let params = object(&[("id", bigint("9007199254740993"))]);
    let request: JsValue = kassa_wasm::build_request("passportreader.session.get".into(), params, config()).unwrap().into();
    assert_eq!(get_str(&request, "method").as_deref(), Some("POST"));
    assert_eq!(get_str(&request, "url").as_deref(), Some("https://passportreader.app/api/v1/session.get"));
    let headers: Vec<(String, String)> = Array::from(&get(&request, "headers"))
        .iter()
        .map(|p| (Array::from(&p).get(0).as_string().unwrap(), Array::from(&p).get(1).as_string().unwrap()))
        .collect();
    assert!(headers.contains(&("Authorization".into(), format!("Basic {CREDENTIAL}"))), "{headers:?}");
    let body = get(&request, "body").dyn_into::<Uint8Array>().unwrap().to_vec();
    assert_eq!(body, br#"{"id":9007199254740993}"#, "the bigint id is sent exactly");

    let printed = js_string(&request);
    let json = String::from(js_sys::JSON::stringify(&request).unwrap());
    for shown in [&printed, &json] {
        assert!(!shown.contains(CREDENTIAL), "credential shown: {shown}");
        assert!(shown.contains("[redacted]") && shown.contains("application/json"), "{shown}");
    }
    // toString() is the core's Debug: the body as its length only; toJSON() keeps the body text.
    assert!(printed.contains("<23 bytes>"), "{printed}");
    assert!(json.contains("9007199254740993"), "{json}");
    let parsed = js_sys::JSON::parse(&json).unwrap();
    assert_eq!(get_str(&parsed, "url").as_deref(), Some("https://passportreader.app/api/v1/session.get"));
}

#[wasm_bindgen_test]
fn parse_response_accepts_every_documented_shape() {
    let body = r#"{"id": 9007199254740993, "token": "t"}"#;
    let buffer = ArrayBuffer::new(body.len() as u32);
    Uint8Array::new(&buffer).copy_from(body.as_bytes());
    let headers = web_sys_headers();
    let shapes: Vec<(JsValue, JsValue)> = vec![
        (Array::of1(&Array::of2(&"x-request-id".into(), &"r1".into())).into(), body.into()),
        (object(&[("x-request-id", "r1".into())]), Uint8Array::from(body.as_bytes()).into()),
        (headers, buffer.into()),
        (JsValue::UNDEFINED, body.into()),
    ];
    for (headers, body) in shapes {
        let response = object(&[("status", 200.into()), ("headers", headers.clone()), ("body", body.clone())]);
        let out = kassa_wasm::parse_response("passportreader.session.create".into(), response).unwrap();
        compare(&out, &json!({"id": 9007199254740993u64, "token": "t"}), "out").unwrap();
    }
    // A bigint status is accepted too.
    let response = object(&[("status", bigint("200")), ("body", body.into())]);
    assert!(kassa_wasm::parse_response("passportreader.session.create".into(), response).is_ok());
}

/// A fetch `Headers` object, built through JS (web-sys is not a test dependency).
fn web_sys_headers() -> JsValue {
    let ctor = Reflect::get(&js_sys::global(), &"Headers".into()).unwrap();
    let headers = Reflect::construct(ctor.unchecked_ref::<js_sys::Function>(), &Array::new()).unwrap();
    call_sync(&headers, "append", &["x-request-id".into(), "r1".into()]);
    headers
}

fn call_sync(target: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    get(target, method)
        .dyn_into::<js_sys::Function>()
        .unwrap()
        .apply(target, &args.iter().collect::<Array>())
        .unwrap()
}

fn assert_validation(result: Result<impl std::fmt::Debug, JsValue>, code: &str, field: &str, what: &str) {
    let err = match result {
        Ok(v) => panic!("{what}: expected an error, got {v:?}"),
        Err(e) => e,
    };
    assert!(err.is_instance_of::<js_sys::Error>(), "{what}: not an Error");
    assert_eq!(get_str(&err, "name").as_deref(), Some("ValidationError"), "{what}");
    assert_eq!(get_str(&err, "kind").as_deref(), Some("validation"), "{what}");
    assert_eq!(get_str(&err, "code").as_deref(), Some(code), "{what}: {}", get_str(&err, "message").unwrap_or_default());
    assert_eq!(get_str(&err, "field").as_deref(), Some(field), "{what}");
}

#[wasm_bindgen_test]
fn bad_input_is_a_typed_error_never_a_crash() {
    let build = |op: JsValue, params: JsValue, config: JsValue| kassa_wasm::build_request(op, params, config).map(|_| ());
    let get_op: JsValue = "passportreader.session.get".into();
    let id = |v: JsValue| object(&[("id", v)]);

    assert_validation(build(42.into(), JsValue::NULL, config()), "unknown_operation", "operation", "numeric op");
    assert_validation(build("nope.x.y".into(), JsValue::NULL, config()), "unknown_operation", "operation", "unknown op");
    assert_validation(build(get_op.clone(), 42.into(), config()), "invalid_params", "", "numeric params");
    assert_validation(build(get_op.clone(), id("1".into()), config()), "invalid_params", "id", "string id");
    assert_validation(build(get_op.clone(), id(1.5.into()), config()), "invalid_params", "id", "fractional id");
    // 2^53 + 1 as a number has already lost precision: it must be a bigint to be accepted.
    assert_validation(build(get_op.clone(), id(9007199254740994.0.into()), config()), "invalid_params", "id", "unsafe number");
    assert_validation(build(get_op.clone(), id(bigint("18446744073709551616")), config()), "invalid_params", "id", "bigint > u64");
    assert_validation(build(get_op.clone(), id(f64::NAN.into()), config()), "invalid_params", "id", "NaN");
    assert_validation(build(get_op.clone(), id(js_sys::Symbol::for_("x").into()), config()), "invalid_params", "id", "symbol");
    assert_validation(build(get_op.clone(), id(Uint8Array::new_with_length(2).into()), config()), "invalid_params", "id", "bytes");
    assert_validation(
        build(get_op.clone(), object(&[("id", 1.into()), ("session_id", 1.into())]), config()),
        "invalid_params",
        "session_id",
        "unknown key",
    );
    // A cyclic object is refused, not followed forever.
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let err = kassa_wasm::build_request(get_op.clone(), cyclic.into(), config()).map(|_| ()).unwrap_err();
    assert_eq!(get_str(&err, "code").as_deref(), Some("invalid_params"));
    assert!(get_str(&err, "field").unwrap().starts_with("self.self."));

    assert_validation(build(get_op.clone(), id(1.into()), JsValue::UNDEFINED), "invalid_config", "", "no config");
    assert_validation(build(get_op.clone(), id(1.into()), "secret-x".into()), "invalid_config", "", "string config");
    assert_validation(
        build(get_op.clone(), id(1.into()), object(&[("publicKey", "public-key-a".into())])),
        "invalid_config",
        "secret",
        "missing secret",
    );
    assert_validation(
        build(get_op.clone(), id(1.into()), object(&[("publicKey", "public-key-a".into()), ("secret", "secret-b".into()), ("baseUrl", "http://10.0.0.1".into())])),
        "insecure_base_url",
        "base_url",
        "plain http",
    );

    let parse = |response: JsValue| kassa_wasm::parse_response("passportreader.session.state".into(), response);
    assert_validation(parse(JsValue::UNDEFINED), "invalid_response", "", "no response");
    assert_validation(parse(object(&[("status", 42.into())])), "invalid_response", "status", "status 42");
    assert_validation(parse(object(&[("status", "200".into())])), "invalid_response", "status", "string status");
    assert_validation(
        parse(object(&[("status", 200.into()), ("headers", Array::of1(&"x".into()).into())])),
        "invalid_response",
        "headers[0]",
        "bad header pair",
    );
    assert_validation(
        parse(object(&[("status", 200.into()), ("headers", object(&[("x", 1.into())]))])),
        "invalid_response",
        "headers.x",
        "non-string header",
    );
    assert_validation(parse(object(&[("status", 200.into()), ("body", 5.into())])), "invalid_response", "body", "numeric body");
    assert_validation(
        kassa_wasm::parse_response(JsValue::NULL, object(&[("status", 200.into())])),
        "unknown_operation",
        "operation",
        "null op",
    );

    // Client constructor: not an object, unknown option, bad retry.
    assert_validation(PassportReader::new(JsValue::UNDEFINED).map(|_| ()), "invalid_config", "", "no options");
    let typo = object(&[("publicKey", "public-key-a".into()), ("secret", "secret-b".into()), ("baseUrI", "x".into())]);
    assert_validation(PassportReader::new(typo).map(|_| ()), "invalid_config", "baseUrI", "typo");
    let negative = object(&[("publicKey", "public-key-a".into()), ("secret", "secret-b".into()), ("timeout", (-1).into())]);
    assert_validation(PassportReader::new(negative).map(|_| ()), "invalid_config", "timeout", "negative timeout");
}

#[wasm_bindgen_test]
fn api_and_decode_errors_carry_their_fields() {
    let response = object(&[
        ("status", 404.into()),
        ("headers", object(&[("X-Request-Id", "req-9".into())])),
        ("body", r#"{"error_message": "No session found with id: 9", "error_name": "SessionNotFound"}"#.into()),
    ]);
    let err = kassa_wasm::parse_response("passportreader.session.get".into(), response).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let expect = json!({"name": "ApiError", "kind": "api", "code": "SessionNotFound", "status": 404.0,
        "providerCode": "SessionNotFound", "providerMessage": "No session found with id: 9", "requestId": "req-9"});
    for (key, want) in expect.as_object().unwrap() {
        let got = get(&err, key);
        assert_eq!(got.as_string().map(|s| json!(s)).or(got.as_f64().map(|f| json!(f))), Some(want.clone()), "{key}");
    }
    assert!(get(&err, "body").is_instance_of::<Uint8Array>());
    assert_eq!(
        get_str(&err, "message").as_deref(),
        Some("HTTP 404 SessionNotFound: No session found with id: 9 (request id req-9)"),
        "message is the core's Display"
    );

    let response = object(&[("status", 200.into()), ("body", r#"{"id": "x", "token": "t"}"#.into())]);
    let err = kassa_wasm::parse_response("passportreader.session.create".into(), response).unwrap_err();
    assert_eq!(get_str(&err, "name").as_deref(), Some("DecodeError"));
    assert_eq!(get_str(&err, "field").as_deref(), Some("id"));
    assert_eq!(get(&err, "offset").as_f64(), Some(9.0));
    assert!(js_string(&err).starts_with("DecodeError: cannot decode the response at `id`"), "{}", js_string(&err));
}

#[wasm_bindgen_test]
async fn client_methods_reject_bad_input_as_promises() {
    let client: JsValue = PassportReader::new(config()).unwrap().into();
    // The namespace object is a fresh wrapper each time but works the same.
    let session = get(&client, "session");
    assert!(get(&session, "create").is_function());
    // Bad input gives a rejected Promise, not a synchronous throw.
    let state: js_sys::Function = get(&session, "state").dyn_into().unwrap();
    let returned = state.call1(&session, &JsValue::from(42)).expect("must not throw synchronously");
    let promise: js_sys::Promise = returned.dyn_into().expect("methods return Promises");
    let err = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_err();
    assert_eq!(get_str(&err, "code").as_deref(), Some("invalid_params"));
    let err = call(&client, &["session", "state"], &[json_to_js(&json!({"id": "seven"}))]).await.unwrap_err();
    assert_eq!(get_str(&err, "code").as_deref(), Some("invalid_params"));
    assert_eq!(get_str(&err, "field").as_deref(), Some("id"));
    // Integers given as number or bigint build the same request.
    for id in [JsValue::from(7), bigint("7")] {
        let request: JsValue =
            kassa_wasm::build_request("passportreader.session.state".into(), object(&[("id", id)]), config()).unwrap().into();
        assert_eq!(get(&request, "body").dyn_into::<Uint8Array>().unwrap().to_vec(), br#"{"id":7}"#);
    }
    assert_eq!(bigint_digits(&bigint("7")).as_deref(), Some("7"));
}
