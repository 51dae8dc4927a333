//! The JS surface without a server: the catalog, the clients (derived by the facade) and the
//! shared `.d.ts` covering every request, the function entry points covering every core function,
//! `HttpRequest` redaction, error objects, input shapes, and bad input that must give a typed
//! error instead of a crash.

use std::collections::BTreeSet;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    bigint, bigint_digits, call, camel_case, compare, construct, get, get_path, get_str, js_string, json_to_js, module,
    new_client, object,
};

/// The shared declarations both packages ship.
const DTS: &str = include_str!("../../../bindings-js/kassa.d.ts");

const CREDENTIAL: &str = "cHVibGljLWtleS10ZXN0OnNlY3JldC10ZXN0"; // base64("public-key-test:secret-test")

fn config() -> JsValue {
    object(&[("publicKey", "public-key-test".into()), ("secret", "secret-test".into())])
}

/// A client of `provider`, constructed through the package, as a JS user does.
async fn client_for(provider: &str) -> JsValue {
    let (class, options) = match provider {
        "passportreader" => ("PassportReader", config()),
        "billit" => ("Billit", object(&[("apiKey", "billit-key-test".into())])),
        "solaris" => ("Solaris", object(&[("clientId", "c".into()), ("clientSecret", "s".into())])),
        "digiteal" => ("Digiteal", object(&[("username", "u".into()), ("password", "p".into())])),
        other => panic!("no client class (or no test config) for provider `{other}`"),
    };
    new_client(class, options).await.unwrap()
}

#[wasm_bindgen_test]
fn operations_lists_every_catalog_entry() {
    let ops: Array = kassa_wasm::operations().unwrap().unchecked_into();
    let entries = kassa::catalog::entries();
    assert_eq!(ops.length() as usize, entries.len());
    for (js, e) in ops.iter().zip(entries) {
        let mut want = json!({
            "id": e.id, "kind": e.kind.as_str(), "provider": e.provider.map(|p| p.as_str()),
            "method": e.method.map(|m| m.as_str()), "path": e.path, "retrySafe": e.retry_safe,
            "params": e.params, "output": e.output,
        });
        if matches!(e.kind, kassa::Kind::Function | kassa::Kind::Callback) {
            want["positional"] = json!(e.positional);
        }
        compare(&js, &want, e.id).unwrap();
    }
}

#[wasm_bindgen_test]
async fn every_request_has_a_client_method_and_typings() {
    let requests = kassa::catalog::entries().iter().filter(|e| e.kind == kassa::Kind::Request);
    for e in requests {
        let provider = e.provider.unwrap().as_str();
        let segments: Vec<&str> = e.id.split('.').collect();
        assert_eq!(segments.len(), 3, "{}", e.id);
        let (namespace, method) = (camel_case(segments[1]), camel_case(segments[2]));
        // The real JS object has the namespace and the method.
        let client = client_for(provider).await;
        assert!(get(&get(&client, &namespace), &method).is_function(), "{}: client.{namespace}.{method} is not a function", e.id);
        // The shared .d.ts declares it: the Operations map entry and the method.
        assert!(DTS.contains(&format!("  '{}': {{ kind: 'request'", e.id)), "{}: not in Operations", e.id);
        assert!(DTS.contains(&format!("readonly {method}: (params")), "{}: no method `{method}`", e.id);
        // Every client of a provider with an identification flow has it; Digiteal has none.
        let identity = get(&client, "identity");
        if provider == "digiteal" {
            assert!(identity.is_undefined(), "Digiteal has no identification flow");
        } else {
            for method in ["start", "check"] {
                assert!(get(&identity, method).is_function(), "{provider}: client.identity.{method}");
            }
        }
    }
    assert!(DTS.contains("export declare function buildRequest<Op extends OperationId>"));
}

#[wasm_bindgen_test]
async fn http_request_getters_are_real_and_printing_redacts() {
    let params = object(&[("id", bigint("9007199254740993"))]);
    let m = module().await;
    let request = call(&m, &["buildRequest"], &["passportreader.session.get".into(), params, config()]).await.unwrap();
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
        let out = kassa_wasm::parse_response("passportreader.session.create".into(), response, JsValue::UNDEFINED).unwrap();
        compare(&out, &json!({"id": 9007199254740993u64, "token": "t"}), "out").unwrap();
    }
    // A bigint status is accepted too.
    let response = object(&[("status", bigint("200")), ("body", body.into())]);
    assert!(kassa_wasm::parse_response("passportreader.session.create".into(), response, JsValue::UNDEFINED).is_ok());
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
async fn bad_input_is_a_typed_error_never_a_crash() {
    let build = |op: JsValue, params: JsValue, config: JsValue| kassa_wasm::build_request(op, params, config).map(|_| ());
    let get_op: JsValue = "passportreader.session.get".into();
    let id = |v: JsValue| object(&[("id", v)]);

    assert_validation(build(42.into(), JsValue::NULL, config()), "unknown_operation", "operation", "numeric op");
    assert_validation(build("nope.x.y".into(), JsValue::NULL, config()), "unknown_operation", "operation", "unknown op");
    assert_validation(build(get_op.clone(), 42.into(), config()), "invalid_params", "params", "numeric params");
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
    // A cyclic object is refused, not followed forever: where nothing reads it (an unknown key),
    // and where a free-form value is read (64 levels at most).
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert_validation(build(get_op.clone(), cyclic.clone().into(), config()), "invalid_params", "self", "cycle");
    let m = module().await;
    let evidence = object(&[("identification", cyclic.into())]);
    let err = call(&m, &["identity", "finish"], &["passportreader:1".into(), evidence]).await.unwrap_err();
    assert_eq!(get_str(&err, "code").as_deref(), Some("invalid_params"));
    assert!(get_str(&err, "field").unwrap().starts_with("evidence.identification.self.self."));

    // No config reads as `{}`: what the provider requires is missing.
    assert_validation(build(get_op.clone(), id(1.into()), JsValue::UNDEFINED), "invalid_config", "public_key", "no config");
    assert_validation(build(get_op.clone(), id(1.into()), "secret-x".into()), "invalid_config", "config", "string config");
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

    let parse = |response: JsValue| kassa_wasm::parse_response("passportreader.session.state".into(), response, JsValue::UNDEFINED);
    assert_validation(parse(JsValue::UNDEFINED), "invalid_response", "response", "no response");
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
        kassa_wasm::parse_response(JsValue::NULL, object(&[("status", 200.into())]), JsValue::UNDEFINED),
        "unknown_operation",
        "operation",
        "null op",
    );

    // Client constructor: no options, unknown option, bad retry.
    assert_validation(new_client("PassportReader", JsValue::UNDEFINED).await, "invalid_config", "public_key", "no options");
    let typo = object(&[("publicKey", "public-key-a".into()), ("secret", "secret-b".into()), ("baseUrI", "x".into())]);
    assert_validation(new_client("PassportReader", typo).await, "invalid_config", "baseUrI", "typo");
    let negative = object(&[("publicKey", "public-key-a".into()), ("secret", "secret-b".into()), ("timeout", (-1).into())]);
    assert_validation(new_client("PassportReader", negative).await, "invalid_config", "timeout", "negative timeout");
}

#[wasm_bindgen_test]
fn api_and_decode_errors_carry_their_fields() {
    let response = object(&[
        ("status", 404.into()),
        ("headers", object(&[("X-Request-Id", "req-9".into())])),
        ("body", r#"{"error_message": "No session found with id: 9", "error_name": "SessionNotFound"}"#.into()),
    ]);
    let err = kassa_wasm::parse_response("passportreader.session.get".into(), response, JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let expect = json!({"name": "NotFoundError", "kind": "api", "code": "SessionNotFound", "status": 404.0,
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
    let err = kassa_wasm::parse_response("passportreader.session.create".into(), response, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get_str(&err, "name").as_deref(), Some("DecodeError"));
    assert_eq!(get_str(&err, "field").as_deref(), Some("id"));
    assert_eq!(get(&err, "offset").as_f64(), Some(9.0));
    assert!(js_string(&err).starts_with("DecodeError: cannot decode the response at `id`"), "{}", js_string(&err));
}

#[wasm_bindgen_test]
async fn client_methods_reject_bad_input_as_promises() {
    let client = new_client("PassportReader", config()).await.unwrap();
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
            kassa_wasm::build_request("passportreader.session.state".into(), object(&[("id", id)]), config()).unwrap();
        assert_eq!(get(&request, "body").dyn_into::<Uint8Array>().unwrap().to_vec(), br#"{"id":7}"#);
    }
    assert_eq!(bigint_digits(&bigint("7")).as_deref(), Some("7"));
}

fn expect_validation(result: Result<JsValue, JsValue>, code: &str, field: &str, what: &str) {
    assert_validation(result, code, field, what);
}

#[wasm_bindgen_test]
async fn every_core_function_has_its_native_entry_point() {
    let list = kassa::functions::list();
    let listed: Vec<String> = js_sys::Array::from(&kassa_wasm::function_names().unwrap()).iter().map(|n| n.as_string().unwrap()).collect();
    assert_eq!(listed, list.iter().map(|f| f.name.to_owned()).collect::<Vec<_>>());
    let m = module().await;
    let mut expected: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for f in list {
        // `iban.validate` -> `iban` + `validate`; `digiteal.pay_buttons.image_url` ->
        // `digiteal.payButtons` + `imageUrl`.
        let (ns, last) = f.name.rsplit_once('.').unwrap();
        let ns = ns.split('.').map(camel_case).collect::<Vec<_>>().join(".");
        expected.entry(ns.clone()).or_default().insert(camel_case(last));
        let function = get(&get_path(&m, &ns), &camel_case(last));
        let function: &js_sys::Function = function.dyn_ref().unwrap_or_else(|| panic!("{}: not a function", f.name));
        // The native entry point itself, `(positional..., options)`, or the facade's wrapper of
        // it (the `*.check` functions), named as it.
        assert_eq!(function.name(), f.name.replace('.', "__"), "{}: not the native entry point", f.name);
        assert_eq!(function.length() as usize, f.positional.len() + 1, "{}: arity", f.name);
        assert!(DTS.contains(&format!("  '{}': {{ args: ", f.name)), "{}: not in the Functions map", f.name);
    }
    for (ns, methods) in expected {
        // The namespace object has exactly the core's functions.
        let object = get_path(&m, &ns);
        let keys: BTreeSet<String> = Object::keys(object.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
        assert_eq!(keys, methods, "methods of `{ns}`");
    }
}

const PAYLOAD: &str = "BCD\n002\n1\nSCT\n\nJan Peeters\nBE68539007547034\nEUR12.30";
// The Billit webhook vector of tests/fixtures/functions/identity.json.
const BILLIT_BODY: &str = r#"{"EventType":"Identification","RegistrationID":"42","Success":true}"#;
const BILLIT_SIGNATURE: &str = "t=1763900000,s=88a1e1cc2638a3c45cb8af196cc2f527316268f0c58284e4f4393b691b3e2949";

#[wasm_bindgen_test]
async fn functions_convert_arguments_and_results() {
    let m = module().await;
    let transfer = |amount: (&str, JsValue)| {
        object(&[("name", "Jan Peeters".into()), ("iban", "BE68539007547034".into()), amount])
    };
    // A float reaches the core as a float (refused), a bigint or safe number as an integer.
    let err = call(&m, &["epc", "build"], &[transfer(("amount", 12.3.into()))]).await;
    expect_validation(err, "epc_amount_type", "amount", "float amount");
    let err = call(&m, &["epc", "build"], &[transfer(("amountCents", 1230.5.into()))]).await;
    expect_validation(err, "epc_amount_type", "amount_cents", "fractional cents");
    for cents in [JsValue::from(1230), bigint("1230")] {
        let payload = call(&m, &["epc", "build"], &[transfer(("amountCents", cents))]).await.unwrap();
        assert_eq!(payload.as_string().as_deref(), Some(PAYLOAD));
    }
    let via_string = call(&m, &["epc", "build"], &[transfer(("amount", "12.30".into()))]).await.unwrap();
    assert_eq!(via_string.as_string().as_deref(), Some(PAYLOAD));

    // Bytes out: a PNG as a Uint8Array, its size following modulePx.
    let png = call(&m, &["epc", "png"], &[PAYLOAD.into()]).await.unwrap();
    let png = png.dyn_into::<Uint8Array>().expect("epc.png returns a Uint8Array").to_vec();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let big = call(&m, &["epc", "png"], &[PAYLOAD.into(), object(&[("modulePx", 8.into())])]).await.unwrap();
    assert!(big.dyn_into::<Uint8Array>().unwrap().length() as usize > png.len(), "modulePx reaches the core");

    // Bytes in: a webhook body as text, Uint8Array or ArrayBuffer verifies the same; `now` as bigint.
    let buffer = ArrayBuffer::new(BILLIT_BODY.len() as u32);
    Uint8Array::new(&buffer).copy_from(BILLIT_BODY.as_bytes());
    let bodies: [JsValue; 3] = [BILLIT_BODY.into(), Uint8Array::from(BILLIT_BODY.as_bytes()).into(), buffer.into()];
    for body in bodies {
        let options = object(&[("now", bigint("1763900010"))]);
        let event = call(&m, &["billit", "verifyWebhook"], &[body, BILLIT_SIGNATURE.into(), "whsec_test".into(), options])
            .await
            .unwrap();
        compare(&event, &json!({"EventType": "Identification", "RegistrationID": "42", "Success": true}), "event").unwrap();
    }
    let secret_bytes: JsValue = Uint8Array::from(&b"whsec_test"[..]).into();
    let options = object(&[("now", 1763900010.into())]);
    assert!(call(&m, &["billit", "verifyWebhook"], &[BILLIT_BODY.into(), BILLIT_SIGNATURE.into(), secret_bytes, options]).await.is_ok());

    // Bad arguments: typed errors naming the argument.
    expect_validation(call(&m, &["iban", "validate"], &[]).await, "invalid_params", "s", "missing s");
    expect_validation(call(&m, &["iban", "validate"], &[js_sys::Symbol::for_("x").into()]).await, "invalid_params", "s", "symbol");
    expect_validation(call(&m, &["iban", "validate"], &[42.into()]).await, "invalid_params", "s", "number");
    expect_validation(call(&m, &["epc", "parse"], &[PAYLOAD.into(), object(&[("strikt", true.into())])]).await, "invalid_params", "strikt", "typo");
    expect_validation(call(&m, &["epc", "parse"], &[PAYLOAD.into(), "strict".into()]).await, "invalid_params", "options", "options not an object");
    let missing_now = call(&m, &["billit", "verifyWebhook"], &[BILLIT_BODY.into(), BILLIT_SIGNATURE.into(), "whsec_test".into()]).await;
    expect_validation(missing_now, "invalid_params", "now", "now is required");
    expect_validation(call(&m, &["callFunction"], &["nope.x".into()]).await, "unknown_function", "fn", "unknown name");
    expect_validation(call(&m, &["callFunction"], &[42.into()]).await, "unknown_function", "fn", "numeric name");
    expect_validation(call(&m, &["callFunction"], &["iban.validate".into(), "x".into()]).await, "invalid_params", "args", "args not an array");
    let args: JsValue = Array::of1(&"BE68539007547034".into()).into();
    expect_validation(call(&m, &["callFunction"], &["iban.validate".into(), args.clone(), 5.into()]).await, "invalid_params", "options", "kwargs");
    let ok = call(&m, &["callFunction"], &["iban.format".into(), args]).await.unwrap();
    assert_eq!(ok.as_string().as_deref(), Some("BE68 5390 0754 7034"));
}

#[wasm_bindgen_test]
async fn signature_and_callback_errors_are_typed() {
    let m = module().await;
    let err = call(&m, &["billit", "parseCallback"], &["https://oidc.itsme.test/oops.html?error=access_denied&error_description=User%20cancelled".into()])
        .await
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get_str(&err, "name").as_deref(), Some("CallbackError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("callback"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("access_denied"));
    assert_eq!(get_str(&err, "description").as_deref(), Some("User cancelled"));

    let options = object(&[("now", 1763900010.into())]);
    let err = call(&m, &["billit", "verifyWebhook"], &[BILLIT_BODY.into(), BILLIT_SIGNATURE.into(), "wrong".into(), options])
        .await
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get_str(&err, "name").as_deref(), Some("SignatureError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("signature"));
    assert_eq!(get_str(&err, "code").as_deref(), Some("signature_mismatch"));
    assert!(!get_str(&err, "message").unwrap().contains("wrong"), "the secret is not shown");
    let err = call(&m, &["solaris", "verifyWebhook"], &["{}".into(), "md5=00".into(), "k".into()]).await.unwrap_err();
    assert_eq!((get_str(&err, "name").as_deref(), get_str(&err, "code").as_deref()), (Some("SignatureError"), Some("malformed_signature")));
}

#[wasm_bindgen_test]
fn parse_response_takes_the_arrival_time() {
    let parse = |now: JsValue| {
        let response = object(&[("status", 200.into()), ("body", r#"{"URL": "https://itsme.test/go"}"#.into())]);
        kassa_wasm::parse_response("billit.identification.start".into(), response, now)
    };
    let want = json!({"url": "https://itsme.test/go", "expires_in": 300, "expires_at": 1300});
    for now in [JsValue::from(1000), bigint("1000")] {
        compare(&parse(object(&[("now", now)])).unwrap(), &want, "with now").unwrap();
    }
    let without = json!({"url": "https://itsme.test/go", "expires_in": 300, "expires_at": null});
    for none in [JsValue::UNDEFINED, JsValue::NULL, object(&[]), object(&[("now", JsValue::NULL)])] {
        compare(&parse(none).unwrap(), &without, "without now").unwrap();
    }
    for bad in [(-1).into(), "1000".into(), 1.5.into()] {
        assert_validation(parse(object(&[("now", bad)])), "invalid_params", "now", "bad now");
    }
    assert_validation(parse(object(&[("nw", 1.into())])), "invalid_params", "nw", "unknown option");
    assert_validation(parse(5.into()), "invalid_params", "options", "options not an object");
}

#[wasm_bindgen_test]
async fn billit_and_solaris_options_are_checked_and_never_shown() {
    let billit = |pairs: &[(&str, JsValue)]| {
        let options = object(pairs);
        async move { new_client("Billit", options).await }
    };
    assert_validation(billit(&[]).await, "billit_credentials", "api_key", "no credentials");
    assert_validation(
        billit(&[("apiKey", "k".into()), ("accessToken", "t".into())]).await,
        "billit_credentials",
        "api_key",
        "both credentials",
    );
    assert_validation(billit(&[("apiKey", "k".into()), ("partyID", "1".into())]).await, "invalid_config", "partyID", "typo");
    assert_validation(
        billit(&[("apiKey", "k".into()), ("environment", "staging".into())]).await,
        "unknown_environment",
        "environment",
        "unknown environment",
    );
    assert_validation(new_client("Solaris", object(&[])).await, "solaris_credentials", "client_id", "no credentials");
    assert_validation(new_client("Solaris", object(&[("clientId", "c".into())])).await, "solaris_credentials", "client_secret", "no secret");

    // Constructed through JS, as a user does; the credentials never print.
    let m = module().await;
    let b = construct(&get(&m, "Billit"), &[object(&[("apiKey", "billit-key-hunter2".into()), ("partyId", "p1".into())])]).unwrap();
    let s = construct(&get(&m, "Solaris"), &[object(&[("clientId", "c".into()), ("clientSecret", "sol-hunter2".into())])]).unwrap();
    for (client, class) in [(&b, "Billit"), (&s, "Solaris")] {
        let shown = format!("{} {}", js_string(client), String::from(js_sys::JSON::stringify(client).unwrap()));
        assert!(shown.contains(&class.to_ascii_lowercase()), "{shown}");
        assert!(!shown.contains("hunter2"), "{class} shows a credential: {shown}");
    }
    let err = construct(&get(&m, "Solaris"), &[object(&[("accessToken", "".into())])]).unwrap_err();
    assert_eq!(get_str(&err, "code").as_deref(), Some("solaris_credentials"));
}

#[wasm_bindgen_test]
async fn identity_input_is_checked_before_any_request() {
    // Unroutable base URLs: a request would fail with a transport error, not a validation error.
    let billit = new_client("Billit", object(&[("apiKey", "k".into()), ("baseUrl", "http://127.0.0.1:9".into())])).await.unwrap();
    let pr = new_client("PassportReader", object(&[
        ("publicKey", "public-key-a".into()),
        ("secret", "secret-b".into()),
        ("baseUrl", "http://127.0.0.1:9".into()),
    ]))
    .await
    .unwrap();
    let start = |client: &JsValue, params: JsValue| {
        let client = client.clone();
        async move { call(&client, &["identity", "start"], &[params]).await }
    };
    expect_validation(start(&pr, object(&[])).await, "invalid_params", "subject", "no subject");
    expect_validation(start(&pr, "x".into()).await, "invalid_params", "params", "params not an object");
    expect_validation(start(&pr, object(&[("subject", "x".into()), ("retrunUrl", "y".into())])).await, "invalid_params", "retrunUrl", "typo");
    expect_validation(start(&pr, object(&[("subject", 5.into())])).await, "invalid_params", "subject", "numeric subject");
    expect_validation(start(&billit, object(&[("subject", "42".into())])).await, "invalid_params", "return_url", "billit needs a return URL");
    expect_validation(start(&pr, object(&[("subject", " ".into())])).await, "invalid_params", "subject", "blank subject");

    let check = |client: &JsValue, args: Vec<JsValue>| {
        let client = client.clone();
        async move { call(&client, &["identity", "check"], &args).await }
    };
    expect_validation(check(&pr, vec![42.into()]).await, "invalid_params", "reference", "numeric reference");
    expect_validation(check(&pr, vec!["paypal:1".into()]).await, "invalid_reference", "reference", "unknown reference");
    expect_validation(
        check(&billit, vec!["billit:42".into(), object(&[("expiresAt", "soon".into())])]).await,
        "invalid_params",
        "expiresAt",
        "expiresAt not a number",
    );
    // Billit has no status call: pending until expiresAt, then expired; no request either way.
    let expired = check(&billit, vec!["billit:42".into(), object(&[("expiresAt", 1.into())])]).await.unwrap();
    compare(&expired, &json!({"status": "expired", "reason": null, "provider_status": null, "reference": "billit:42"}), "expired").unwrap();
    let far = bigint("99999999999");
    let pending = check(&billit, vec!["billit:42".into(), object(&[("expires_at", far)])]).await.unwrap();
    assert_eq!(get_str(&pending, "status").as_deref(), Some("pending"));
    let pending = check(&billit, vec!["billit:42".into()]).await.unwrap();
    assert_eq!(get_str(&pending, "status").as_deref(), Some("pending"));
}

#[wasm_bindgen_test]
async fn error_classes_are_exported_and_every_error_is_an_instance() {
    let m = module().await;
    let class = |name: &str| get(&m, name).dyn_into::<js_sys::Function>().unwrap_or_else(|_| panic!("`{name}` is not exported"));
    let base = class("KassaError");
    let is = |value: &JsValue, class: &js_sys::Function| {
        js_sys::Reflect::get(class, &"prototype".into()).ok().and_then(|p| p.dyn_into::<Object>().ok()).is_some_and(|p| p.is_prototype_of(value))
    };
    let error_class: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"Error".into()).unwrap().dyn_into().unwrap();
    assert!(is(&js_sys::Reflect::get(&base, &"prototype".into()).unwrap(), &error_class), "KassaError extends Error");

    let bad_build = kassa_wasm::build_request("passportreader.session.get".into(), object(&[("id", "x".into())]), config()).map(JsValue::from);
    let api = kassa_wasm::parse_response(
        "passportreader.session.get".into(),
        object(&[("status", 404.into()), ("body", r#"{"error_name": "SessionNotFound"}"#.into())]),
        JsValue::UNDEFINED,
    );
    let decode = kassa_wasm::parse_response("passportreader.session.get".into(), object(&[("status", 200.into()), ("body", "{".into())]), JsValue::UNDEFINED);
    let signature = call(&m, &["solaris", "verifyWebhook"], &["{}".into(), "sha256=00".into(), "k".into()]).await;
    let callback = call(&m, &["billit", "parseCallback"], &["https://x.test/oops.html?error=access_denied".into()]).await;
    let unreachable = new_client("PassportReader", object(&[
        ("publicKey", "public-key-a".into()),
        ("secret", "secret-b".into()),
        ("baseUrl", "http://127.0.0.1:9".into()),
        ("retry", object(&[("maxRetries", 0.into())])),
    ]))
    .await
    .unwrap();
    let transport = call(&unreachable, &["session", "create"], &[]).await;
    let cases = [
        ("ValidationError", bad_build),
        ("NotFoundError", api),
        ("DecodeError", decode),
        ("SignatureError", signature),
        ("CallbackError", callback),
        ("TransportError", transport),
    ];
    for (name, result) in cases {
        let err = result.expect_err(name);
        assert!(is(&err, &class(name)), "{name}: not an instance of its class: {err:?}");
        assert!(is(&err, &base), "{name}: not a KassaError");
        assert!(err.is_instance_of::<js_sys::Error>(), "{name}: not an Error");
        assert_eq!(get_str(&err, "name").as_deref(), Some(name));
        assert!(js_string(&err).starts_with(&format!("{name}: ")), "{}", js_string(&err));
        // The class is the error's own, not a sibling's.
        for (other, _) in [("ValidationError", ()), ("NotFoundError", ()), ("SignatureError", ())] {
            if other != name {
                assert!(!is(&err, &class(other)), "{name} is also a {other}");
            }
        }
    }
}

/// The web build before `init()`: every call of the package throws an Error saying to call
/// `init()` first (naming what was called), not the glue's TypeError on its missing instance.
/// A fresh, never initialised instance of the module: its glue imported again from a blob URL,
/// under the generated entry and the facade.
#[wasm_bindgen_test]
async fn before_init_every_call_says_to_call_init() {
    let load = js_sys::Function::new_with_args(
        "facade, entry, url",
        "const blob = (s) => URL.createObjectURL(new Blob([s], { type: 'text/javascript' }));
         return fetch(url).then((r) => r.text()).then((glue) => {
           const source = entry.replace(\"'./native.js'\", JSON.stringify(blob(glue))).replace(\"'./facade.js'\", JSON.stringify(blob(facade)));
           return import(blob(source));
         });",
    );
    let (facade, entry) = (include_str!("../../../bindings-js/facade.js"), include_str!("../../../bindings-js/web.js"));
    let promise = load.call3(&JsValue::NULL, &facade.into(), &entry.into(), &crate::support::native_url().await.into()).expect("the loader threw");
    let fresh = wasm_bindgen_futures::JsFuture::from(promise.unchecked_into::<js_sys::Promise>()).await.expect("the fresh entry does not load");
    let calls = [
        ("iban.validate", "m.iban.validate('BE68539007547034')"),
        ("epc.build", "m.epc.build({ name: 'A', iban: 'BE68539007547034' })"),
        ("digiteal.payButtons.imageUrl", "m.digiteal.payButtons.imageUrl({})"),
        ("new Billit()", "new m.Billit({ apiKey: 'k', partyId: 1 })"),
        ("buildRequest", "m.buildRequest('passportreader.session.create', {}, {})"),
        ("parseResponse", "m.parseResponse('passportreader.session.create', { status: 200, body: '{}' })"),
        ("operations", "m.operations()"),
        ("callFunction", "m.callFunction('iban.validate', ['BE68539007547034'])"),
    ];
    for (what, call) in calls {
        let err = js_sys::Function::new_with_args("m", &format!("return {call};")).call1(&JsValue::NULL, &fresh).unwrap_err();
        assert!(err.is_instance_of::<js_sys::Error>(), "{what}: {err:?}");
        let message = get_str(&err, "message").unwrap_or_default();
        assert!(message.contains("call (and await) `init()`") && message.contains(&format!("`{what}`")), "{what}: {message}");
    }
    // The already initialised instance is unaffected: its namespace members are the native
    // functions, frozen.
    let m = module().await;
    let iban = get(&m, "iban");
    assert!(Object::is_frozen(iban.unchecked_ref::<Object>()));
    assert_eq!(call(&iban, &["validate"], &["BE68 5390 0754 7034".into()]).await.unwrap().as_string().as_deref(), Some("BE68539007547034"));
}
