//! The native executor against the local test server (`tests/server/server.py`): the core's retry
//! loop and timeout over real sockets. Uses `$KASSA_TEST_SERVER`, or starts the server itself.
#![cfg(feature = "transport")]

use std::process::{Child, Command};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use kassa::exchange::execute;
use kassa::operation::JsonSink;
use kassa::transport::ReqwestExchange;
use kassa::{build_request, parse_response, Error};
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
    if let Ok(url) = std::env::var("KASSA_TEST_SERVER") {
        return Server { url, child: None };
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
    Server { url: format!("http://127.0.0.1:{}", port.trim()), child: Some(child) }
}

static TOKENS: AtomicU32 = AtomicU32::new(0);

fn scenario(server: &Server, name: &str) -> (String, String) {
    let token = format!("core-{}-{}", std::process::id(), TOKENS.fetch_add(1, Ordering::Relaxed));
    (format!("{}/{name}/{token}", server.url), token)
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

async fn requests(server: &Server, token: &str) -> u64 {
    let stats = reqwest::get(format!("{}/_stats/{token}", server.url)).await.unwrap().text().await.unwrap();
    serde_json::from_str::<Value>(&stats).unwrap()["requests"].as_u64().unwrap()
}

#[tokio::test]
async fn session_create_state_get() {
    let s = server();
    let c = config(&scenario(&s, "ok").0, json!({}));
    let created = call("passportreader.session.create", json!({"reference": "r1"}), &c).await.unwrap();
    assert_eq!(created, json!({"id": 9007199254740993_u64, "token": "tok-r1"}));
    let id = created["id"].clone();
    let state = call("passportreader.session.state", json!({"id": id}), &c).await.unwrap();
    assert_eq!(state, json!({"state": "CREATED"}));
    let unknown = call("passportreader.session.state", json!({"id": 7}), &c).await.unwrap();
    assert_eq!(unknown, json!({"state": "VERIFYING_CHIP"}));
    let session = call("passportreader.session.get", json!({"id": id}), &c).await.unwrap();
    assert_eq!((session["id"].as_u64(), &session["surname"]), (Some(9007199254740993), &json!("Doe")));
}

#[tokio::test]
async fn api_errors_carry_the_provider_code() {
    let s = server();
    let c = config(&s.url, json!({}));
    let Err(Error::Api(e)) = call("passportreader.session.get", json!({"id": 404}), &c).await else {
        panic!("expected an API error")
    };
    assert_eq!((e.status, e.code(), e.request_id.as_deref()), (404, "SessionNotFound", Some("req-404")));
    let bad = config(&s.url, json!({"public_key": "public-key-other"}));
    let err = call("passportreader.session.create", json!({}), &bad).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "Unauthorized"));
}

#[tokio::test]
async fn retries_a_503_then_succeeds() {
    let s = server();
    let (base, token) = scenario(&s, "flaky");
    let created = call("passportreader.session.create", json!({}), &config(&base, json!({}))).await.unwrap();
    assert_eq!(created["token"], "tok-none");
    assert_eq!(requests(&s, &token).await, 2);
}

#[tokio::test]
async fn a_hanging_answer_times_out() {
    let s = server();
    let c = config(&scenario(&s, "hang").0, json!({"timeout": 0.3, "retry": {"max_retries": 0}}));
    let started = Instant::now();
    let err = call("passportreader.session.state", json!({"id": 1}), &c).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("transport", "timeout"));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let s = server();
    let err = call("passportreader.session.create", json!({}), &config(&scenario(&s, "malformed").0, json!({})))
        .await
        .unwrap_err();
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

async fn stats(server: &Server, token: &str) -> Value {
    let text = reqwest::get(format!("{}/_stats/{token}", server.url)).await.unwrap().text().await.unwrap();
    serde_json::from_str(&text).unwrap()
}

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

#[tokio::test]
async fn solaris_fetches_a_token_once_and_reuses_it() {
    let s = server();
    let (base, token) = scenario(&s, "ok");
    let c = solaris(&base);
    let p = json!({"person_id": "p1", "identification_session_id": "ises-1"});
    let session = send(&c, "solaris.identification_sessions.get", p.clone()).await.unwrap();
    assert_eq!(session["status"], "created");
    let conf = send(&c, "solaris.identification_sessions.configuration", p).await.unwrap();
    assert_eq!(conf["fourthline_provider"], "fourthline");
    assert_eq!(stats(&s, &token).await, json!({"requests": 2, "token_requests": 1}));
}

#[tokio::test]
async fn solaris_renews_an_expired_token_and_a_revoked_one() {
    let s = server();
    let (base, token) = scenario(&s, "shortlived");
    let c = solaris(&base);
    let p = json!({"person_id": "p1", "identification_session_id": "ises-1", "id": "cidt-9"});
    for _ in 0..2 {
        let i = send(&c, "solaris.identifications.get", p.clone()).await.unwrap();
        assert_eq!(i["status"], "successful");
    }
    // expires_in 1 s is inside the 60 s renewal margin: every call needs a new token.
    assert_eq!(stats(&s, &token).await["token_requests"], 2);

    let (base, token) = scenario(&s, "revoke");
    let c = solaris(&base);
    send(&c, "solaris.identifications.get", p.clone()).await.unwrap();
    // The token allows one request; the next gets 401, the client renews once and succeeds.
    send(&c, "solaris.identifications.get", p).await.unwrap();
    assert_eq!(stats(&s, &token).await, json!({"requests": 3, "token_requests": 2}));
}

#[tokio::test]
async fn solaris_errors_and_bad_client_credentials() {
    let s = server();
    let c = solaris(&scenario(&s, "ok").0);
    let err = send(&c, "solaris.identification_sessions.create", json!({"person_id": "missing", "identification_methods": ["idnow"]}))
        .await
        .unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code(), e.request_id.as_deref()), (404, "person_not_found", Some("err-person_not_found")));
    assert!(String::from_utf8_lossy(&e.body).contains("second_error"), "every entry kept");
    let bad = Client::new(kassa::Provider::Solaris, json!({"client_id": "x", "client_secret": "y", "base_url": s.url})).unwrap();
    let err = send(&bad, "solaris.identifications.get", json!({"person_id": "p", "identification_session_id": "s", "id": "i"}))
        .await
        .unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "invalid_client"));
}

fn billit(base: &str) -> Client {
    Client::new(kassa::Provider::Billit, json!({"api_key": "billit-key-test", "base_url": base})).unwrap()
}

#[tokio::test]
async fn billit_start_expires_in_five_minutes_and_limits_trials() {
    let s = server();
    let (base, _) = scenario(&s, "ok");
    let c = billit(&base);
    let params = json!({"RegistrationID": "42", "RedirectURL": "https://app.test/back"});
    let now = ReqwestExchange::new().unwrap().now_unix().unwrap();
    let started = send(&c, "billit.identification.start", params.clone()).await.unwrap();
    assert!(started["url"].as_str().unwrap().starts_with("https://oidc.itsme.test/"));
    let expires_at = started["expires_at"].as_u64().unwrap();
    assert!((now + 300..=now + 302).contains(&expires_at), "{expires_at} vs {now}");
    for _ in 0..4 {
        send(&c, "billit.identification.start", params.clone()).await.unwrap();
    }
    let err = send(&c, "billit.identification.start", params).await.unwrap_err();
    assert_eq!((err.kind(), err.code()), ("api", "TooManyTrials"));
    let alt = send(&c, "billit.identification.start", json!({"RegistrationID": "alt-1", "RedirectURL": "https://a.test/"}))
        .await
        .unwrap();
    assert!(alt["url"].as_str().unwrap().contains("state=alt-1"), "RedirectURL answer read");
    let err = send(&c, "billit.identification.start", json!({"RegistrationID": "404", "RedirectURL": "https://a.test/"}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "http_404");
}

#[tokio::test]
async fn one_identification_flow_over_three_providers() {
    let s = server();
    let exchange = ReqwestExchange::new().unwrap();
    // Billit: start, then finish from the browser redirect.
    let c = billit(&scenario(&s, "ok").0);
    let p = StartParams { subject: "42".into(), return_url: Some("https://app.test/back".into()), method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    assert_eq!(started.reference, "billit:42");
    let evidence = kassa::identity::Evidence {
        redirect_url: Some("https://app.test/back?registrationID=42&success=true".into()),
        ..Default::default()
    };
    assert_eq!(kassa::identity::finish(&started.reference, &evidence, None).unwrap().status, Status::Verified);
    let pending = c.identity_check(&exchange, &started.reference, started.expires_at).await.unwrap();
    assert_eq!(pending.status, Status::Pending);
    // Solaris: start, then poll the session.
    let c = solaris(&scenario(&s, "ok").0);
    let p = StartParams { subject: "p1".into(), return_url: Some("https://app.test/hook".into()), method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    assert_eq!((started.reference.as_str(), started.url.as_deref()), ("solaris:p1:ises-1", Some("https://person-onboarding.test/ises-1")));
    assert_eq!(c.identity_check(&exchange, &started.reference, None).await.unwrap().status, Status::Pending);
    assert_eq!(c.identity_check(&exchange, "solaris:p1:ises-done", None).await.unwrap().status, Status::Verified);
    // PassportReader: start, then poll the state.
    let c = Client::new(kassa::Provider::PassportReader, config(&scenario(&s, "ok").0, json!({}))).unwrap();
    let p = StartParams { subject: "order-7".into(), return_url: None, method: None };
    let started = c.identity_start(&exchange, &p).await.unwrap();
    assert_eq!((started.reference.as_str(), started.token.as_deref()), ("passportreader:9007199254740993", Some("tok-order-7")));
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

#[tokio::test]
async fn digiteal_invoice_image_text_and_errors() {
    let s = server();
    let c = digiteal(&s.url);
    let png = send(&c, "digiteal.invoices.create", invoice("Bill-1", json!({"format": "QR"}))).await.unwrap();
    assert_eq!((png["uuid"].as_str(), png["optedIn"].as_bool()), (Some("inv-Bill-1"), Some(true)));
    assert_eq!(png["autoPaymentDate"], "2019-12-31");
    assert_eq!(png["image"]["mediaType"], "image/png");
    let bytes: Vec<u64> = png["image"]["bytes"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap()).collect();
    assert_eq!(&bytes[..4], &[0x89, b'P' as u64, b'N' as u64, b'G' as u64]);
    let text = send(&c, "digiteal.invoices.create", invoice("Bill-2", json!({"format": "QR_TEXT"}))).await.unwrap();
    assert!(text["qrText"].as_str().unwrap().starts_with("BCD\n002\n1\nSCT\n"), "{text}");
    assert_eq!(text["epc"]["amount"], "12.34", "{text}");
    let err = send(&c, "digiteal.invoices.create", invoice("missing-info", json!({"correlationId": "corr-7"})))
        .await
        .unwrap_err();
    let Error::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.code(), e.request_id.as_deref()), ("INVOICE_INFORMATION_MISSING", Some("corr-7")));
    let info = send(&c, "digiteal.integrator.company_info", json!({"vatNumber": "BE0123456749"})).await.unwrap();
    assert_eq!((info["status"].as_str(), info["vatNumber"].as_str()), (Some("PROD"), Some("BE0123456749")));
}

#[tokio::test]
async fn digiteal_upload_gets_a_random_boundary_the_server_can_parse() {
    let s = server();
    let c = digiteal(&s.url);
    let pdf: Vec<u8> = b"%PDF-1.4\n\x00\xff binary \r\n--not-a-boundary\r\n%%EOF".to_vec();
    let params = json!({"uuid": "inv-Bill-1", "name": "Bill-1.pdf", "comment": "May", "document": pdf});
    let sent = send(&c, "digiteal.invoices.send_document", params.clone()).await.unwrap();
    assert_eq!(sent["uuid"], "inv-Bill-1");
    let by_id = json!({"billId": "Bill-1", "name": "b.pdf", "document": pdf});
    let sent = send(&c, "digiteal.invoices.send_document_by_internal_id", by_id).await.unwrap();
    assert_eq!(sent["uuid"], "doc-Bill-1");
    let no_doc = json!({"uuid": "inv-Bill-1", "name": "Bill-1.pdf"});
    assert!(send(&c, "digiteal.invoices.send_document", no_doc).await.is_err());
}

// ---- Digiteal onboarding and network: KYC, SDD, PEPPOL, trusted payments, webhooks ----------

/// A Digiteal client on its own scenario (the server keeps PEPPOL registrations and webhook
/// configurations per scenario token).
fn digiteal_scenario(s: &Server) -> (Client, String) {
    let (base, token) = scenario(s, "ok");
    (digiteal(&base), token)
}

#[tokio::test]
async fn digiteal_kyc_pre_registration_contracts_and_documents() {
    let s = server();
    let c = digiteal(&s.url);
    let company = json!({"customerCompany": {"vatNumber": "BE0000000097", "companyName": "Your Telecom",
        "creationDate": "2012-12-31", "contactPerson": {"email": "john.doe@gmail.com", "language": "FR"}},
        "contractApproval": {"approvalDate": "2019-11-30", "ipAddress": "203.0.113.7"}});
    let info = send(&c, "digiteal.kyc.register_company", company.clone()).await.unwrap();
    assert_eq!(info, json!({"status": "NOT_ACTIVATED", "vatNumber": "BE0000000097"}));
    let person = send(&c, "digiteal.kyc.register_person", json!({"customerPerson": {"email": "jane@known.test"}})).await.unwrap();
    assert_eq!(person, json!({"email": "jane@known.test", "status": "OK"}));
    // The seed's own approvalDate is refused before anything is sent.
    let mut bad = company.clone();
    bad["contractApproval"]["approvalDate"] = json!("2019-11-31");
    let Error::Validation(e) = send(&c, "digiteal.kyc.register_company", bad).await.unwrap_err() else { panic!() };
    assert_eq!(&*e.field, "contractApproval.approvalDate");
    let mut dup = company;
    dup["customerCompany"]["companyName"] = json!("duplicate");
    assert_eq!(send(&c, "digiteal.kyc.register_company", dup).await.unwrap_err().code(), "BAD_REQUEST");
    let contracts = send(&c, "digiteal.kyc.company_contracts", json!({"language": "FR"})).await.unwrap();
    assert_eq!((contracts[0]["id"].as_i64(), contracts[0]["language"].as_str()), (Some(9_007_199_254_740_993), Some("fr")));
    let contracts = send(&c, "digiteal.kyc.person_contracts", json!({})).await.unwrap();
    assert_eq!(contracts.as_array().unwrap().len(), 2);
    // Both a PDF and an image pass the server's multipart parser.
    let pdf = b"%PDF-1.4\n\x00\xff\r\n--x\r\n%%EOF".to_vec();
    let doc = json!({"document": pdf, "email": "john.doe@gmail.com", "name": "id.pdf", "requesterVAT": "BE0000000097", "type": "ID"});
    assert_eq!(send(&c, "digiteal.kyc.upload_document", doc).await.unwrap(), Value::Null);
    let jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec();
    let selfie = json!({"document": jpeg, "email": "john.doe@gmail.com", "type": "SELFIE_WITH_ID"});
    assert_eq!(send(&c, "digiteal.kyc.upload_document", selfie).await.unwrap(), Value::Null);
    let not_an_image = json!({"document": "plain text", "email": "john.doe@gmail.com", "type": "BY_LAWS", "mediaType": "image/png"});
    assert_eq!(send(&c, "digiteal.kyc.upload_document", not_an_image).await.unwrap_err().code(), "UNSUPPORTED_MEDIA");
}

#[tokio::test]
async fn digiteal_sdd_transfers() {
    let s = server();
    let c = digiteal(&s.url);
    let person = json!({"debtor": {"email": "jane.doe@example.be"}, "debtorIBAN": "BE36251230861781",
        "configuration": {"executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": 9_007_199_254_740_993_i64}});
    let conf = send(&c, "digiteal.sdd.transfer_person", person).await.unwrap();
    assert_eq!(conf, json!({"currency": "EUR", "executionType": "DUE_DATE", "periodicity": "YEAR", "thresholdInCents": 9_007_199_254_740_993_i64}));
    let company = json!({"debtor": {"vatNumber": "BE0000000097", "companyName": "Your Telecom", "creationDate": "2012-12-31",
        "contactPerson": {"email": "john.doe@gmail.com"}}});
    let conf = send(&c, "digiteal.sdd.transfer_company", company).await.unwrap();
    assert_eq!(conf["executionType"], "IMMEDIATE");
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
    let s = server();
    let (c, _) = digiteal_scenario(&s);
    // PEPPOL first: a BIS Billing 3.0 recipient, a BIS 4A-only one, an unknown one.
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0630675588"})).await.unwrap();
    assert_eq!((check["canReceiveInvoice"].as_bool(), check["recommendation"].as_str()), (Some(true), Some("peppol")));
    assert_eq!(check["canReceiveCreditNote"], true);
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0123456749"})).await.unwrap();
    assert_eq!((check["inPeppol"].as_bool(), check["recommendation"].as_str()), (Some(true), Some("digiteal")));
    let types = send(&c, "digiteal.peppol.supported_document_types", json!({"identifier": "0208:0123456749"})).await.unwrap();
    assert_eq!(types["documentTypes"].as_array().unwrap().len(), 1, "one string read as a list of one");
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "9925:be0897227828"})).await.unwrap();
    assert_eq!((check["inPeppol"].as_bool(), check["recommendation"].as_str()), (Some(false), Some("digiteal")));
    let err = send(&c, "digiteal.peppol.supported_document_types", json!({"identifier": "9925:be0897227828"})).await.unwrap_err();
    assert_eq!(err.code(), "http_404");
    // Send: the SBD as an XML file part, parsed by the server.
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
    let got = send(&c, "digiteal.peppol.get_participant", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!((got["registrationDate"].as_str(), got["contactPerson"]["language"].as_str()), (Some("2026-12-01"), Some("NL")));
    let listed = send(&c, "digiteal.peppol.list_participants", json!({})).await.unwrap();
    assert_eq!(listed["participants"][0]["peppolIdentifier"], "0208:0897227828");
    assert_eq!(listed["responseEntity"]["statusCodeValue"], 200);
    let check = send(&c, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!(check["recommendation"], "peppol");
    let gone = send(&c, "digiteal.peppol.unregister_participant", json!({"identifier": "0208:0897227828"})).await.unwrap();
    assert_eq!(gone["status"], "OK");
    let err = send(&c, "digiteal.peppol.unregister_participant", json!({"identifier": "0208:0897227828"})).await.unwrap_err();
    assert_eq!(err.code(), "NOT_REGISTERD_TO_CALLER");
    assert_eq!(send(&c, "digiteal.peppol.get_participant", json!({"identifier": "0208:0897227828"})).await.unwrap_err().code(), "http_404");
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
    let s = server();
    let c = digiteal(&s.url);
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
    let s = server();
    let (c, _) = digiteal_scenario(&s);
    let set = json!({"login": "hook-user", "password": "hook-pass-42", "vatNumber": "BE0000000097", "webHooks": [
        {"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/myApp/paymentInitiated"},
        {"type": "TRANSFER_PAYMENT_RECEIVED", "url": "mailto:ops@myIntegrator.com"}]});
    assert_eq!(send(&c, "digiteal.webhooks.set_configuration", set).await.unwrap(), Value::Null);
    let upsert = json!({"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"});
    assert_eq!(send(&c, "digiteal.webhooks.upsert", upsert).await.unwrap(), Value::Null);
    let creds = json!({"login": "hook-user-2", "password": "hook-pass-43"});
    assert_eq!(send(&c, "digiteal.webhooks.set_credentials", creds).await.unwrap(), Value::Null);
    let conf = send(&c, "digiteal.webhooks.get_configuration", json!({})).await.unwrap();
    assert_eq!((conf["login"].as_str(), conf["password"].as_str()), (Some("hook-user-2"), Some("NotProvidedForSecurityReasons")));
    assert_eq!(conf["webHooks"][0], json!({"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/v2/paymentInitiated"}));
    assert_eq!(send(&c, "digiteal.webhooks.delete", json!({"type": "TRANSFER_PAYMENT_RECEIVED"})).await.unwrap(), Value::Null);
    let err = send(&c, "digiteal.webhooks.delete", json!({"type": "TRANSFER_PAYMENT_RECEIVED"})).await.unwrap_err();
    assert_eq!((err.code(), err.kind()), ("INVALID_PARAMETER", "api"));
    let conf = send(&c, "digiteal.webhooks.get_configuration", json!({})).await.unwrap();
    assert_eq!(conf["webHooks"].as_array().unwrap().len(), 1);
    // Sending back what get_configuration answered is refused: its password is a placeholder.
    let echo = json!({"login": conf["login"], "password": conf["password"], "webHooks": []});
    let Error::Validation(e) = send(&c, "digiteal.webhooks.set_configuration", echo).await.unwrap_err() else { panic!() };
    assert_eq!(&*e.field, "password");
    // Neither the params nor the built request show the webhook password in Debug.
    let params = json!({"login": "l", "password": "hook-pass-44"});
    let call = c.call("digiteal.webhooks.set_credentials", &params).unwrap();
    let prepared = call.prepare(c.config(), &kassa::Context::default()).unwrap();
    assert!(String::from_utf8_lossy(&prepared.request.body).contains("hook-pass-44"), "the bytes sent are real");
    assert!(!format!("{call:?} {prepared:?}").contains("hook-pass-44"));
    let op: kassa::providers::digiteal::SetWebhookCredentials = serde_json::from_value(params).unwrap();
    assert!(!format!("{op:?}").contains("hook-pass-44"));
}
