//! `kassa sandbox` driven end to end through kassa's own client (`kassa::client::Client` with
//! `ReqwestExchange`): every provider's state machine, webhooks delivered to a local receiver and
//! checked with kassa's verifiers, seeded faults, strict credentials, the former test server's
//! layout, and every operation of `endpoints.tsv` routed.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use kassa::client::Client;
use kassa::exchange::{CallOptions, Exchange, Limits};
use kassa::http::{Headers, HttpRequest, HttpResponse, Method};
use kassa::providers::digiteal::webhooks::events::{self as webhook_events, Credentials, EventData, Family};
use kassa::transport::ReqwestExchange;
use kassa::{JsonSink, Provider};
use kassa_cli::sandbox::{self, faults::Spec, Options, Running};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async fn start(options: Options) -> Running {
    sandbox::start(options).await.expect("the sandbox starts")
}

fn fast() -> Options {
    Options { resend_interval: Duration::from_millis(50), hang_ms: 300, ..Options::default() }
}

thread_local! {
    // One client per test thread: making one loads the system's root certificates.
    static EXCHANGE: ReqwestExchange = ReqwestExchange::new().unwrap();
}

fn exchange() -> ReqwestExchange {
    EXCHANGE.with(Clone::clone)
}

fn base(sb: &Running, provider: &str, tenant: &str) -> String {
    format!("{}/{provider}/t/{tenant}", sb.url())
}

fn control(sb: &Running, tenant: &str, path: &str) -> String {
    format!("{}/_sandbox/t/{tenant}{path}", sb.url())
}

async fn raw(method: Method, url: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let mut h = Headers::new();
    for (k, v) in headers {
        h.append(*k, *v);
    }
    let request = HttpRequest { method, url: url.to_owned(), headers: h, body: body.to_vec() };
    exchange()
        .send(&request, &Limits { timeout_ms: 10_000, max_body_bytes: 1 << 22 })
        .await
        .expect("the sandbox answers")
}

async fn post_json(url: &str, body: Value) -> Value {
    let r = raw(Method::Post, url, &[("Content-Type", "application/json")], body.to_string().as_bytes()).await;
    assert!(r.is_success(), "{url}: {} {}", r.status, String::from_utf8_lossy(&r.body));
    serde_json::from_slice(&r.body).unwrap_or(Value::Null)
}

async fn get_json(url: &str) -> Value {
    let r = raw(Method::Get, url, &[], b"").await;
    serde_json::from_slice(&r.body).unwrap()
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

async fn call(client: &Client, id: &str, params: Value) -> Result<Value, kassa::Error> {
    let ex = exchange();
    let call = client.call(id, params)?;
    let response = client.send(&ex, &call).await?;
    client.parse_response(&call, &response, ex.now_unix(), JsonSink)?
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// A local webhook receiver: records every call, answers the queued statuses (then 200).
#[derive(Clone)]
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
    statuses: Arc<Mutex<VecDeque<u16>>>,
}

#[derive(Clone, Debug)]
struct Received {
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

async fn receiver() -> Receiver {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let r = Receiver { url, got: Arc::default(), statuses: Arc::default() };
    let handle = r.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let r = handle.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let r = r.clone();
                    async move {
                        let path = req.uri().path().to_owned();
                        let headers = req
                            .headers()
                            .iter()
                            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
                            .collect();
                        let body = req.into_body().collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
                        r.got.lock().unwrap().push(Received { path, headers, body });
                        let status = r.statuses.lock().unwrap().pop_front().unwrap_or(200);
                        Ok::<_, std::convert::Infallible>(
                            hyper::Response::builder()
                                .status(status)
                                .body(Full::new(Bytes::from_static(b"ok")))
                                .unwrap(),
                        )
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    r
}

impl Receiver {
    async fn wait(&self, n: usize) -> Vec<Received> {
        for _ in 0..200 {
            if self.got.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let got = self.got.lock().unwrap().clone();
        assert!(got.len() >= n, "expected {n} webhooks, got {}: {got:?}", got.len());
        got
    }
}

// ---------------------------------------------------------------------------------------------
// Digiteal
// ---------------------------------------------------------------------------------------------

fn digiteal(sb: &Running, tenant: &str) -> Client {
    Client::new(
        Provider::Digiteal,
        json!({"username": "digiteal-user-test", "password": "digiteal-pass-test", "base_url": base(sb, "digiteal", tenant)}),
    )
    .unwrap()
}

#[tokio::test]
async fn digiteal_invoice_paid_webhooks_are_delivered_resent_and_verified() {
    let sb = start(fast()).await;
    let hooks = receiver().await;
    // The first call of the payment webhook fails: the sandbox resends it until a 200.
    hooks.statuses.lock().unwrap().push_back(500);
    // Configured through kassa itself, which wants https:// webhook URLs: the sandbox calls a
    // loopback https:// URL over plain HTTP.
    let client = digiteal(&sb, "hooks");
    let https = hooks.url.replace("http://", "https://");
    let config = json!({
        "login": "hook-user", "password": "hook-pass-1", "vatNumber": "BE0000000097",
        "webHooks": [{"type": "PAYMENT_INITIATED", "url": format!("{https}/payment")},
                     {"type": "INVOICE_PAID", "url": format!("{https}/invoice")}],
    });
    call(&client, "digiteal.webhooks.set_configuration", config).await.unwrap();
    let shown = call(&client, "digiteal.webhooks.get_configuration", json!({})).await.unwrap();
    assert_eq!(shown["login"].as_str(), Some("hook-user"), "{shown}");
    assert_eq!(shown["webHooks"].as_array().unwrap().len(), 2, "{shown}");
    let created = call(
        &client,
        "digiteal.invoices.create",
        json!({"customerInternalId": "C-1", "invoiceInternalId": "Bill-1", "amountInCents": 1234, "remittanceInfo": "Invoice 1", "dueDate": "2026-12-31"}),
    )
    .await
    .unwrap();
    let uuid = created["uuid"].as_str().unwrap().to_owned();
    assert_eq!(created["image"]["mediaType"], "image/png");
    let paid = post_json(&control(&sb, "hooks", &format!("/digiteal/invoices/{uuid}/pay")), json!({})).await;
    assert_eq!(paid["status"], "PAID");

    let got = hooks.wait(3).await;
    let credentials = [Credentials { login: "hook-user".into(), password: "hook-pass-1".into() }];
    let payments: Vec<&Received> = got.iter().filter(|r| r.path == "/payment").collect();
    assert_eq!(payments.len(), 2, "the failed attempt and its resend");
    assert_eq!(payments[0].body, payments[1].body, "a resend is the same body");
    for r in &got {
        let kind = if r.path == "/payment" { "PAYMENT_INITIATED" } else { "INVOICE_PAID" };
        let event = webhook_events::verify(
            &r.body,
            r.headers.get("authorization").map(String::as_str),
            &credentials,
            Some(kind),
        )
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(event.known);
        match (&event.data, kind) {
            (EventData::Payment(p), "PAYMENT_INITIATED") => {
                let info = p.payment_request_information.as_ref().unwrap();
                assert_eq!((info.amount_in_cents, info.currency.as_deref()), (Some(1234), Some("EUR")));
                assert_eq!(p.payment_status.as_deref(), Some("INITIATED"));
                assert!(p.execution_timestamp.is_some() && p.bank_transaction_id.is_some());
            }
            (EventData::Other(o), "INVOICE_PAID") => {
                assert_eq!(event.family, Family::Invoice);
                assert_eq!(o["invoiceUUID"], uuid.as_str());
                assert_eq!(o["invoiceInternalId"], "Bill-1");
            }
            other => panic!("{other:?}"),
        }
        // A wrong password is refused by the same verifier.
        let wrong = [Credentials { login: "hook-user".into(), password: "other".into() }];
        let e = webhook_events::verify(&r.body, r.headers.get("authorization").map(String::as_str), &wrong, Some(kind))
            .unwrap_err();
        assert_eq!(e.code(), "credentials_mismatch");
    }
    let deliveries = get_json(&control(&sb, "hooks", "/webhooks")).await;
    let payment = deliveries.as_array().unwrap().iter().find(|d| d["type"] == "PAYMENT_INITIATED").unwrap();
    assert_eq!((payment["status"].as_str(), payment["attempts"].as_array().unwrap().len()), (Some("delivered"), 2));
    let again = raw(Method::Post, &control(&sb, "hooks", &format!("/digiteal/invoices/{uuid}/pay")), &[], b"").await;
    assert_eq!(again.status, 409, "an invoice is paid once");
    sb.stop();
}

#[tokio::test]
async fn digiteal_invoices_drafts_documents_and_errors() {
    let sb = start(fast()).await;
    let client = digiteal(&sb, "invoices");
    let params = json!({"customerInternalId": "C-1", "invoiceInternalId": "Bill-2", "amountInCents": 2500,
                        "creditorReference": "+++090/9337/55493+++", "format": "QR_TEXT", "publicationStatus": "DRAFT"});
    let draft = call(&client, "digiteal.invoices.create", params.clone()).await.unwrap();
    assert_eq!(draft["epc"]["amount_cents"], 2500);
    assert_eq!(draft["epc"]["reference"], "090933755493");
    assert_eq!(draft["deliveryMethod"], Value::Null);
    // A DRAFT is updated in place; once PUBLISHED, a resend is refused.
    let mut update = params.clone();
    update["amountInCents"] = json!(3000);
    update["publicationStatus"] = json!("PUBLISHED");
    let published = call(&client, "digiteal.invoices.create", update.clone()).await.unwrap();
    assert_eq!(
        (published["uuid"].clone(), published["epc"]["amount_cents"].clone()),
        (draft["uuid"].clone(), json!(3000))
    );
    let err = call(&client, "digiteal.invoices.create", update).await.unwrap_err();
    assert_eq!(err.code(), "INVOICE_PUBLISHED");
    let kassa::Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status, 400);

    // Opt-in: forced, then the next invoice of that customer is delivered in Digiteal.
    let forced = call(
        &client,
        "digiteal.optin.force",
        json!({"requestorVAT": "BE0000000097", "clientInternalId": "C-9", "clientEmail": "c9@example.com"}),
    )
    .await;
    assert!(forced.is_ok(), "{forced:?}");
    let s2p = call(
        &client,
        "digiteal.invoices.create",
        json!({"customerInternalId": "C-9", "amountInCents": 100, "remittanceInfo": "x"}),
    )
    .await
    .unwrap();
    assert_eq!(
        (s2p["deliveryMethod"].as_str(), s2p["optedIn"].as_bool(), s2p["debtorId"].as_str()),
        (Some("S2P"), Some(true), Some("C-9"))
    );

    // Documents: attached by uuid and by the issuer's id, listed, refused when unknown or not a PDF.
    let uuid = published["uuid"].as_str().unwrap();
    let up = call(
        &client,
        "digiteal.invoices.send_document",
        json!({"uuid": uuid, "document": "%PDF-1.4 sandbox", "name": "bill.pdf", "comment": "May"}),
    )
    .await
    .unwrap();
    assert!(up["uuid"].as_str().is_some_and(|u| u.len() == 32), "{up}");
    call(
        &client,
        "digiteal.invoices.send_document_by_internal_id",
        json!({"billId": "Bill-2", "document": "%PDF-1.4 again", "name": "b2.pdf"}),
    )
    .await
    .unwrap();
    let docs = call(&client, "digiteal.invoices.list_documents", json!({"billId": "Bill-2"})).await.unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 2);
    assert_eq!(docs[0]["mediaType"], "application/pdf");
    let fetched = raw(Method::Get, docs[0]["url"].as_str().unwrap(), &[], b"").await;
    assert_eq!(fetched.body, b"%PDF-1.4 sandbox");
    let missing =
        call(&client, "digiteal.invoices.send_document", json!({"uuid": "nope", "document": "%PDF", "name": "a.pdf"}))
            .await
            .unwrap_err();
    assert_eq!(missing.code(), "INVALID_PARAMETER");
    let kassa::Error::Api(api) = &missing else { panic!() };
    assert_eq!(api.status, 404);
    let not_pdf =
        call(&client, "digiteal.invoices.send_document", json!({"uuid": uuid, "document": "hello", "name": "a.txt"}))
            .await
            .unwrap_err();
    assert_eq!(not_pdf.code(), "UNSUPPORTED_MEDIA");

    // Credit notes, payment requests, required fields, correlation ids.
    let cn = call(
        &client,
        "digiteal.credit_notes.create",
        json!({"invoiceUUID": uuid, "amountInCents": 500, "creditNoteInternalId": "CN-1"}),
    )
    .await
    .unwrap();
    assert!(cn["image"].is_object(), "{cn}");
    call(
        &client,
        "digiteal.credit_notes.send_document_by_internal_id",
        json!({"creditNoteId": "CN-1", "document": "%PDF", "name": "cn.pdf"}),
    )
    .await
    .unwrap();
    let pay = call(&client, "digiteal.payments.create", json!({"amountInCents": 999, "remittanceInfo": "Order 7", "confirmationURL": "https://shop.test/ok", "errorURL": "https://shop.test/ko", "paymentInternalId": "P-7"})).await.unwrap();
    let web = pay["paymentWebUrl"].as_str().unwrap();
    assert!(web.starts_with(&base(&sb, "digiteal", "invoices")), "{web}");
    let page = raw(Method::Get, web, &[], b"").await;
    assert!(String::from_utf8_lossy(&page.body).contains("EUR 9.99"));
    let paid = post_json(
        &control(&sb, "invoices", &format!("/digiteal/payment-requests/{}/pay", pay["uuid"].as_str().unwrap())),
        json!({}),
    )
    .await;
    assert_eq!(paid["confirmationURL"], "https://shop.test/ok");
    // What the core would refuse itself reaches the sandbox raw: a missing communication.
    let auth = basic("digiteal-user-test", "digiteal-pass-test");
    let url = format!("{}/api/v1/invoice-request", base(&sb, "digiteal", "invoices"));
    let headers =
        [("Authorization", auth.as_str()), ("Content-Type", "application/json"), ("correlation-id", "corr-42")];
    let missing_info = raw(Method::Post, &url, &headers, br#"{"customerInternalId": "C-1", "amountInCents": 5}"#).await;
    let body: Value = serde_json::from_slice(&missing_info.body).unwrap();
    assert_eq!((missing_info.status, body["errorCode"].as_str()), (400, Some("INVOICE_INFORMATION_MISSING")));
    assert_eq!(
        (body["requestId"].as_str(), missing_info.headers.get("correlation-id")),
        (Some("corr-42"), Some("corr-42"))
    );
    let url = format!("{}/api/v1/integrator/company-info?vatNumber=BE0000000097", base(&sb, "digiteal", "invoices"));
    let anonymous = raw(Method::Get, &url, &[], b"").await;
    let body: Value = serde_json::from_slice(&anonymous.body).unwrap();
    assert_eq!((anonymous.status, body["errorCode"].as_str()), (401, Some("UNAUTHORIZED_ACCES")));
    sb.stop();
}

#[tokio::test]
async fn digiteal_onboarding_and_network_operations_keep_state() {
    let sb = start(fast()).await;
    let hooks = receiver().await;
    let tenant = "onboarding";
    let api = |path: &str| format!("{}/api/v1{path}", base(&sb, "digiteal", tenant));
    let auth = basic("issuer-a", "pw");
    let send = |method: Method, path: String, body: Value| {
        let auth = auth.clone();
        async move {
            let text = if body.is_null() { String::new() } else { body.to_string() };
            raw(method, &path, &[("Authorization", &auth), ("Content-Type", "application/json")], text.as_bytes()).await
        }
    };
    // Webhooks: upsert, set credentials, delete.
    for kind in [
        "COMPANY_CREATED",
        "COMPANY_VALIDATED",
        "AUTOPAY_CREATE",
        "TRANSFER_PAYMENT_COMPLETED",
        "PEPPOL_INVOICE_RECEIVED",
    ] {
        let r =
            send(Method::Post, api("/webhook"), json!({"type": kind, "url": format!("{}/{kind}", hooks.url)})).await;
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    }
    assert_eq!(
        send(Method::Put, api("/webhook/configuration"), json!({"login": "l", "password": "p"})).await.status,
        200
    );
    assert_eq!(
        send(Method::Post, api("/webhook"), json!({"type": "NOT_A_TYPE", "url": "http://127.0.0.1:1/"})).await.status,
        400
    );
    assert_eq!(send(Method::Delete, api("/webhook/PEPPOL_INVOICE_RECEIVED"), Value::Null).await.status, 200);
    assert_eq!(send(Method::Delete, api("/webhook/PEPPOL_INVOICE_RECEIVED"), Value::Null).await.status, 404);

    // KYC: a company is pre-registered, NOT_ACTIVATED until the control endpoint validates it.
    let company = json!({"customerCompany": {"vatNumber": "BE0123456749", "companyName": "Acme", "creationDate": "2012-12-31",
                                              "contactPerson": {"email": "boss@acme.test", "firstName": "Ann"}}});
    let r = send(Method::Post, api("/kyc/company"), company).await;
    assert_eq!(serde_json::from_slice::<Value>(&r.body).unwrap()["status"], "NOT_ACTIVATED");
    let missing =
        send(Method::Post, api("/kyc/company"), json!({"customerCompany": {"vatNumber": "BE0123456749"}})).await;
    assert_eq!(
        (missing.status, serde_json::from_slice::<Value>(&missing.body).unwrap()["errorCode"].clone()),
        (400, json!("MISSING_INPUT_FIELDS"))
    );
    post_json(&control(&sb, tenant, "/digiteal/companies/BE0123456749/activate"), json!({})).await;
    let info = send(Method::Get, api("/integrator/company-info?vatNumber=BE0123.456.749"), Value::Null).await;
    assert_eq!(serde_json::from_slice::<Value>(&info.body).unwrap()["status"], "PROD");
    let person = send(Method::Get, api("/integrator/person-info?email=boss@acme.test"), Value::Null).await;
    assert_eq!(serde_json::from_slice::<Value>(&person.body).unwrap()["status"], "COMPANY");
    let contracts = send(Method::Get, api("/kyc/contractsForCompany?language=FR"), Value::Null).await;
    assert_eq!(serde_json::from_slice::<Value>(&contracts.body).unwrap().as_array().unwrap().len(), 3);

    // KYC documents go to a pre-registered contact (multipart), typed ID, SELFIE_WITH_ID or BY_LAWS.
    let boundary = "kyc-boundary";
    let form = |email: &str, kind: &str| {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n{email}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n{kind}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"id.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 id\r\n\
             --{boundary}--\r\n"
        )
    };
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let upload = |body: String| {
        let (auth, content_type, url) = (auth.clone(), content_type.clone(), api("/kyc/document"));
        async move {
            raw(Method::Post, &url, &[("Authorization", &auth), ("Content-Type", &content_type)], body.as_bytes()).await
        }
    };
    let doc = upload(form("boss@acme.test", "ID")).await;
    let doc: Value = serde_json::from_slice(&doc.body).unwrap();
    assert_eq!(
        (doc["fileName"].as_str(), doc["mediaType"].as_str()),
        (Some("id.pdf"), Some("application/pdf")),
        "{doc}"
    );
    assert_eq!(upload(form("boss@acme.test", "PASSPORT")).await.status, 400);
    assert_eq!(upload(form("nobody@acme.test", "ID")).await.status, 404);

    // SDD transfer: the autopay configuration is used by the next invoice and auto payment.
    let sdd = json!({"configuration": {"currency": "EUR", "executionType": "DUE_DATE", "periodicity": "MONTH", "thresholdInCents": 100000},
                     "customerInternalId": "C-5", "debtorIBAN": "BE68539007547034", "creditorVatNumber": "BE0123456749",
                     "debtor": {"email": "dee@example.com", "firstName": "Dee"}});
    let r = send(Method::Post, api("/sdd/transferPerson"), sdd).await;
    assert_eq!(serde_json::from_slice::<Value>(&r.body).unwrap()["executionType"], "DUE_DATE");
    let inv = send(
        Method::Post,
        api("/invoice-request"),
        json!({"customerInternalId": "C-5", "amountInCents": 4200, "remittanceInfo": "x", "dueDate": "2030-01-31"}),
    )
    .await;
    assert_eq!(inv.headers.get("autoPaymentDate"), Some("31/01/2030"));
    let auto = send(
        Method::Post,
        api("/autopay-request"),
        json!({"customerInternalId": "C-5", "amountInCents": 200000, "remittanceInfo": "x"}),
    )
    .await;
    assert_eq!(serde_json::from_slice::<Value>(&auto.body).unwrap()["status"], "THRESHOLD_EXCEEDED");

    // PEPPOL: register, get, list, send to yourself (a webhook), unregister.
    let reg = send(
        Method::Post,
        api("/peppol/registered-participants"),
        json!({"peppolIdentifier": "0208:0123456749", "contactPerson": {"email": "a@b.c"}}),
    )
    .await;
    assert_eq!(serde_json::from_slice::<Value>(&reg.body).unwrap()["status"], "OK");
    let twice =
        send(Method::Post, api("/peppol/registered-participants"), json!({"peppolIdentifier": "0208:0123456749"}))
            .await;
    assert_eq!(
        serde_json::from_slice::<Value>(&twice.body).unwrap()["status"],
        "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL"
    );
    let got = send(Method::Get, api("/peppol/registered-participants/0208:0123456749"), Value::Null).await;
    assert_eq!(serde_json::from_slice::<Value>(&got.body).unwrap()["peppolIdentifier"], "0208:0123456749");
    let list = send(Method::Get, api("/peppol/registered-participants"), Value::Null).await;
    assert_eq!(serde_json::from_slice::<Value>(&list.body).unwrap()["body"].as_array().unwrap().len(), 1);
    let types =
        send(Method::Get, api("/peppol/remote-participants/9925:be0123456749/supported-document-types"), Value::Null)
            .await;
    assert_eq!(types.status, 404, "not in the sandbox's PEPPOL network");
    // PEPPOL first, through the core: a registered participant is reached by PEPPOL, another is not.
    let client = Client::new(
        Provider::Digiteal,
        json!({"username": "issuer-a", "password": "pw", "base_url": base(&sb, "digiteal", tenant)}),
    )
    .unwrap();
    let check =
        call(&client, "digiteal.peppol.check_recipient", json!({"identifier": "0208:0123456749"})).await.unwrap();
    assert_eq!(
        (check["inPeppol"].as_bool(), check["canReceiveInvoice"].as_bool(), check["recommendation"].as_str()),
        (Some(true), Some(true), Some("peppol")),
        "{check}"
    );
    let check =
        call(&client, "digiteal.peppol.check_recipient", json!({"identifier": "9925:be0123456749"})).await.unwrap();
    assert_eq!(
        (check["inPeppol"].as_bool(), check["recommendation"].as_str()),
        (Some(false), Some("digiteal")),
        "{check}"
    );
    let sbd = "<StandardBusinessDocument><StandardBusinessDocumentHeader><Receiver><Identifier Authority=\"iso6523-actorid-upis\">0208:0123456749</Identifier></Receiver></StandardBusinessDocumentHeader><Invoice/></StandardBusinessDocument>";
    let boundary = "kassa-test-boundary";
    let multipart = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"sbd.xml\"\r\nContent-Type: application/xml\r\n\r\n{sbd}\r\n--{boundary}--\r\n");
    let sent = raw(
        Method::Post,
        &api("/peppol/outbound-documents"),
        &[("Authorization", &auth), ("Content-Type", &format!("multipart/form-data; boundary={boundary}"))],
        multipart.as_bytes(),
    )
    .await;
    assert_eq!(
        (sent.status, serde_json::from_slice::<Value>(&sent.body).unwrap()["status"].clone()),
        (200, json!("OK"))
    );
    assert_eq!(
        send(Method::Delete, api("/peppol/registered-participants/0208:0123456749"), Value::Null).await.status,
        200
    );
    assert_eq!(
        send(Method::Get, api("/peppol/registered-participants/0208:0123456749"), Value::Null).await.status,
        404
    );

    // Trusted payments: time based, paid through the control endpoint until executed.
    let created = send(Method::Post, api("/transfers/time-based"), json!({"amountInCents": 1000, "creditorPayments": [{"communication": "c", "creditorIBAN": "BE68539007547034", "percentage": 100}], "endDate": "2030-12-31", "projectName": "p"})).await;
    let transfer: Value = serde_json::from_slice(&created.body).unwrap();
    let id = transfer["transferID"].as_str().unwrap();
    assert!(transfer["creditorReference"].as_str().is_some_and(|r| r.len() == 12));
    let done =
        post_json(&control(&sb, tenant, &format!("/digiteal/transfers/{id}/payments")), json!({"amountInCents": 1000}))
            .await;
    assert_eq!(done["status"], "EXECUTED");
    let update = send(
        Method::Post,
        api(&format!("/transfers/time-based/{id}")),
        json!({"amountInCents": 5, "creditorPayments": [{"percentage": 100}], "endDate": "2030-12-31"}),
    )
    .await;
    assert_eq!(update.status, 400, "an executed trusted payment is not updated");
    let confirm = send(
        Method::Post,
        api("/transfers/confirmation-based"),
        json!({"transferPayments": [{"amountInCents": 10, "subPayments": [{"amountInCents": 5}]}]}),
    )
    .await;
    let cid = serde_json::from_slice::<Value>(&confirm.body).unwrap()["transferID"].as_str().unwrap().to_owned();
    let updated = json!({"projectName": "p2", "transferPayments": [{"amountInCents": 20}]});
    assert_eq!(
        send(Method::Post, api(&format!("/transfers/confirmation-based/{cid}")), updated.clone()).await.status,
        200
    );
    assert_eq!(send(Method::Post, api("/transfers/confirmation-based/nope"), updated).await.status, 404);
    let negative = json!({"transferPayments": [{"amountInCents": -1}]});
    assert_eq!(send(Method::Post, api("/transfers/confirmation-based"), negative).await.status, 400);
    assert_eq!(
        send(Method::Post, api("/transfers/execute"), json!({"transferID": cid, "validate": true})).await.status,
        200
    );
    assert_eq!(
        send(Method::Post, api("/transfers/execute"), json!({"transferID": cid, "validate": true})).await.status,
        400
    );

    let got = hooks.wait(5).await;
    let kinds: Vec<&str> = got.iter().map(|r| r.path.trim_start_matches('/')).collect();
    for kind in ["COMPANY_CREATED", "COMPANY_VALIDATED", "AUTOPAY_CREATE", "TRANSFER_PAYMENT_COMPLETED"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    for r in &got {
        let event = webhook_events::verify(
            &r.body,
            r.headers.get("authorization").map(String::as_str),
            &[Credentials { login: "l".into(), password: "p".into() }],
            Some(r.path.trim_start_matches('/')),
        )
        .unwrap();
        assert!(event.known);
    }
    sb.stop();
}

// ---------------------------------------------------------------------------------------------
// Billit
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn billit_five_attempts_expiry_redirect_and_signed_webhook() {
    let sb = start(fast()).await;
    let hooks = receiver().await;
    let tenant = "billit";
    post_json(
        &control(&sb, tenant, "/webhooks/config"),
        json!({"billit_url": format!("{}/billit", hooks.url), "billit_secret": "whsec_test"}),
    )
    .await;
    let client = Client::new(
        Provider::Billit,
        json!({"api_key": "any-key", "party_id": "p-1", "base_url": base(&sb, "billit", tenant)}),
    )
    .unwrap();
    let start = json!({"RegistrationID": "42", "RedirectURL": "https://app.test/after-id-check"});
    let first = call(&client, "billit.identification.start", start.clone()).await.unwrap();
    assert_eq!(first["expires_in"], 300);
    // The itsme page of the URL is served by the sandbox.
    let page = raw(Method::Get, first["url"].as_str().unwrap(), &[], b"").await;
    assert_eq!(page.status, 200);
    for _ in 1..5 {
        call(&client, "billit.identification.start", start.clone()).await.unwrap();
    }
    let err = call(&client, "billit.identification.start", start.clone()).await.unwrap_err();
    assert_eq!(err.code(), "TooManyTrials");

    let done =
        post_json(&control(&sb, tenant, "/billit/registrations/42/identification/complete"), json!({"success": true}))
            .await;
    let redirect = done["redirect_url"].as_str().unwrap();
    assert_eq!(redirect, "https://app.test/after-id-check?registrationID=42&success=true");
    let parsed =
        kassa::functions::call_json("billit.parse_callback", &[Value::from(redirect)], &Default::default()).unwrap();
    assert_eq!((parsed["registration_id"].as_str(), parsed["success"].as_bool()), (Some("42"), Some(true)));
    let twice =
        raw(Method::Post, &control(&sb, tenant, "/billit/registrations/42/identification/complete"), &[], b"").await;
    assert_eq!(twice.status, 404, "nothing pending any more");

    // Five minutes: past them, the identification ends as a failure.
    call(
        &client,
        "billit.identification.start",
        json!({"RegistrationID": "43", "RedirectURL": "https://app.test/back"}),
    )
    .await
    .unwrap();
    post_json(&control(&sb, tenant, "/clock"), json!({"advance": 301})).await;
    let late =
        post_json(&control(&sb, tenant, "/billit/registrations/43/identification/complete"), json!({"success": true}))
            .await;
    assert_eq!((late["success"].as_bool(), late["expired"].as_bool()), (Some(false), Some(true)));
    assert!(late["redirect_url"].as_str().unwrap().ends_with("success=false"));

    let got = hooks.wait(2).await;
    let mut outcomes = Vec::new();
    for r in &got {
        let sig = r.headers.get("billit-signature").unwrap();
        let body = kassa::providers::billit::verify_webhook(&r.body, sig, b"whsec_test", now(), 300).unwrap();
        assert_eq!(body["EventType"], "Identification");
        outcomes.push((body["RegistrationID"].as_str().unwrap().to_owned(), body["Success"].as_bool().unwrap()));
        let forged = kassa::providers::billit::verify_webhook(&r.body, sig, b"other", now(), 300).unwrap_err();
        assert_eq!(forged.code(), "signature_mismatch");
    }
    outcomes.sort();
    assert_eq!(outcomes, [("42".to_owned(), true), ("43".to_owned(), false)]);

    // The browser's way: the itsme page's Confirm link ends on the redirect back.
    let started = call(
        &client,
        "billit.identification.start",
        json!({"RegistrationID": "44", "RedirectURL": "https://app.test/back?x=1"}),
    )
    .await
    .unwrap();
    let page = String::from_utf8(raw(Method::Get, started["url"].as_str().unwrap(), &[], b"").await.body).unwrap();
    let href = page
        .split("href=\"")
        .find(|h| h.contains("success=true"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let back = raw(Method::Get, &href, &[], b"").await;
    assert_eq!(
        (back.status, back.headers.get("location")),
        (302, Some("https://app.test/back?x=1&registrationID=44&success=true"))
    );
    // The seed's other answer (`RedirectURL`), and registrations that are not active.
    let alt = call(
        &client,
        "billit.identification.start",
        json!({"RegistrationID": "alt-1", "RedirectURL": "https://app.test/"}),
    )
    .await
    .unwrap();
    assert!(alt["url"].as_str().unwrap().contains("/itsme/authorize?state="));
    let gone = call(
        &client,
        "billit.identification.start",
        json!({"RegistrationID": "404", "RedirectURL": "https://app.test/"}),
    )
    .await
    .unwrap_err();
    assert_eq!(gone.code(), "http_404");
    // No credentials, no PartyID.
    let r = raw(
        Method::Post,
        &format!("{}/v1/einvoices/registrations/9/identification", base(&sb, "billit", tenant)),
        &[("Content-Type", "application/json")],
        start.to_string().as_bytes(),
    )
    .await;
    assert_eq!(r.status, 401);
    let r = raw(
        Method::Post,
        &format!("{}/v1/einvoices/registrations/9/identification", base(&sb, "billit", tenant)),
        &[("ApiKey", "k")],
        b"{}",
    )
    .await;
    assert_eq!(serde_json::from_slice::<Value>(&r.body).unwrap()["Code"], "MissingPartyID");
    sb.stop();
}

// ---------------------------------------------------------------------------------------------
// Solaris
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn solaris_tokens_are_reused_renewed_and_identifications_move_through_statuses() {
    let sb = start(fast()).await;
    let hooks = receiver().await;
    let tenant = "solaris";
    let client = Client::new(
        Provider::Solaris,
        json!({"client_id": "cid", "client_secret": "cs", "base_url": base(&sb, "solaris", tenant)}),
    )
    .unwrap();
    let person = "cper-1";
    let eligible =
        call(&client, "solaris.identification.eligibility_checks", json!({"person_id": person, "method": "bank"}))
            .await
            .unwrap();
    assert_eq!(eligible["eligible"], true);
    let session = call(&client, "solaris.identification_sessions.create", json!({"person_id": person, "callback_url": format!("{}/solaris", hooks.url), "identification_methods": ["idnow", "bank_id"]})).await.unwrap();
    let sid = session["id"].as_str().unwrap().to_owned();
    assert!(sid.ends_with("ises"));
    assert_eq!(session["status"], "created");
    let stats = get_json(&control(&sb, tenant, "/stats")).await;
    assert_eq!(stats["token_requests"], 1, "one token for both calls");

    // The token expires (the control endpoint): the client gets a 401, renews once, goes on.
    post_json(&control(&sb, tenant, "/solaris/tokens/expire"), json!({})).await;
    let config = call(
        &client,
        "solaris.identification_sessions.configuration",
        json!({"person_id": person, "identification_session_id": sid}),
    )
    .await
    .unwrap();
    assert_eq!(config["terms_and_conditions_pre_accepted"], true);
    assert_eq!(get_json(&control(&sb, tenant, "/stats")).await["token_requests"], 2);

    let ident = call(
        &client,
        "solaris.identifications.create",
        json!({"person_id": person, "identification_session_id": sid, "method": "idnow", "language": "EN"}),
    )
    .await
    .unwrap();
    let id = ident["id"].as_str().unwrap().to_owned();
    assert_eq!(ident["status"], "created");
    assert_eq!(
        call(
            &client,
            "solaris.identification_sessions.get",
            json!({"person_id": person, "identification_session_id": sid})
        )
        .await
        .unwrap()["status"],
        "pending"
    );
    post_json(
        &control(&sb, tenant, &format!("/solaris/identifications/{id}/status")),
        json!({"status": "pending_successful"}),
    )
    .await;
    post_json(&control(&sb, tenant, &format!("/solaris/identifications/{id}/complete")), json!({"success": true}))
        .await;
    let got = call(
        &client,
        "solaris.identifications.get",
        json!({"person_id": person, "identification_session_id": sid, "id": id}),
    )
    .await
    .unwrap();
    assert_eq!(got["status"], "successful");
    assert!(got["completed_at"].is_string());
    assert_eq!(
        call(
            &client,
            "solaris.identification_sessions.get",
            json!({"person_id": person, "identification_session_id": sid})
        )
        .await
        .unwrap()["status"],
        "successful"
    );
    let sim = call(
        &client,
        "solaris.identification_sessions.simulate_bank_id",
        json!({"person_id": person, "identification_session_id": sid}),
    )
    .await
    .unwrap();
    assert_eq!(
        (sim["status"].as_str(), sim["method"].as_str()),
        (Some("identification_data_required"), Some("bank_id"))
    );

    let webhooks = hooks.wait(2).await;
    let last = webhooks.last().unwrap();
    let sig = last.headers.get("solaris-webhook-signature").unwrap();
    match kassa::providers::solaris::verify_webhook(&last.body, sig, b"solaris-webhook-secret-test").unwrap() {
        kassa::providers::solaris::WebhookEvent::Identification(i) => {
            assert_eq!((i.id.as_str(), i.person_id.as_deref()), (id.as_str(), Some(person)));
        }
        other => panic!("{other:?}"),
    }

    // Errors in Solaris's shape; ineligible and missing persons.
    let e = call(
        &client,
        "solaris.identifications.get",
        json!({"person_id": person, "identification_session_id": sid, "id": "nope"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "not_found");
    let e = call(
        &client,
        "solaris.identification_sessions.get",
        json!({"person_id": "missing-1", "identification_session_id": sid}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "person_not_found");
    post_json(&control(&sb, tenant, "/solaris/persons/cper-2"), json!({"eligible": false})).await;
    let e = call(&client, "solaris.identification.eligibility_checks", json!({"person_id": "cper-2"})).await.unwrap();
    assert_eq!(e["eligible"], false);
    let bad =
        Client::new(Provider::Solaris, json!({"access_token": "made-up", "base_url": base(&sb, "solaris", tenant)}))
            .unwrap();
    let e = call(
        &bad,
        "solaris.identification_sessions.get",
        json!({"person_id": person, "identification_session_id": sid}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "unauthorized");
    sb.stop();
}

// ---------------------------------------------------------------------------------------------
// PassportReader
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn passportreader_session_to_approved() {
    let sb = start(fast()).await;
    let hooks = receiver().await;
    let tenant = "pr";
    let client = Client::new(
        Provider::PassportReader,
        json!({"public_key": "public-key-x", "secret": "secret-y", "base_url": base(&sb, "passportreader", tenant)}),
    )
    .unwrap();
    let created = call(
        &client,
        "passportreader.session.create",
        json!({"reference": "order-1", "callback_url": format!("{}/pr", hooks.url)}),
    )
    .await
    .unwrap();
    let id = created["id"].as_i64().unwrap();
    assert!(id > 1 << 53, "64-bit ids: {id}");
    assert_eq!(call(&client, "passportreader.session.state", json!({"id": id})).await.unwrap()["state"], "CREATED");
    // The control listing shows the provider's side: the token the app got, the callback URL.
    let listed = get_json(&control(&sb, tenant, "/passportreader/sessions")).await;
    assert_eq!(listed[0]["id"].as_i64(), Some(id));
    assert_eq!(listed[0]["token"], created["token"]);
    assert_eq!(listed[0]["callback_url"].as_str(), Some(format!("{}/pr", hooks.url).as_str()));
    assert_eq!((listed[0]["state"].as_str(), listed[0]["reference"].as_str()), (Some("CREATED"), Some("order-1")));
    let page = raw(
        Method::Get,
        &format!("{}/session/{}", base(&sb, "passportreader", tenant), created["token"].as_str().unwrap()),
        &[],
        b"",
    )
    .await;
    assert_eq!(page.status, 200);
    assert_eq!(call(&client, "passportreader.session.state", json!({"id": id})).await.unwrap()["state"], "INITIATED");
    let bad = raw(
        Method::Post,
        &control(&sb, tenant, &format!("/passportreader/sessions/{id}/state")),
        &[("Content-Type", "application/json")],
        br#"{"state": "APPROVED"}"#,
    )
    .await;
    assert_eq!(bad.status, 409, "INITIATED cannot jump to APPROVED");
    post_json(
        &control(&sb, tenant, &format!("/passportreader/sessions/{id}/complete")),
        json!({"outcome": "approved", "person": {"given_names": "Ann"}}),
    )
    .await;
    let session = call(&client, "passportreader.session.get", json!({"id": id})).await.unwrap();
    assert_eq!(
        (session["state"].as_str(), session["given_names"].as_str(), session["reference"].as_str()),
        (Some("APPROVED"), Some("Ann"), Some("order-1"))
    );
    let e = call(&client, "passportreader.session.get", json!({"id": 7})).await.unwrap_err();
    assert_eq!(e.code(), "SessionNotFound");
    let got = hooks.wait(3).await;
    let states: Vec<String> = got
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["INITIATED", "COMPLETED", "APPROVED"]);
    sb.stop();
}

// ---------------------------------------------------------------------------------------------
// Faults, strict mode, the former layout, every operation
// ---------------------------------------------------------------------------------------------

fn pr_client(url: &str, retries: u32) -> Client {
    Client::new(
        Provider::PassportReader,
        json!({"public_key": "public-key-test", "secret": "secret-test", "base_url": url, "timeout": 2.0,
               "retry": {"max_retries": retries, "initial_delay": 0.01, "max_delay": 0.02}}),
    )
    .unwrap()
}

#[tokio::test]
async fn forced_faults_are_retried_or_surface_as_transport_errors() {
    let sb = start(fast()).await;
    let tenant = "faults";
    let client = pr_client(&base(&sb, "passportreader", tenant), 3);
    post_json(&control(&sb, tenant, "/faults/next"), json!({"fault": "503", "count": 2, "provider": "passportreader"}))
        .await;
    let ex = exchange();
    let c = client.call("passportreader.session.create", json!({})).unwrap();
    let sent = client.send_with(&ex, &c, &CallOptions::default()).await.unwrap();
    assert_eq!((sent.response.status, sent.attempts), (200, 3));
    let no_retry = pr_client(&base(&sb, "passportreader", tenant), 0);
    for (fault, kinds) in [
        ("reset", &["connect", "body", "transport"][..]),
        ("truncate", &["body", "transport"][..]),
        ("hang", &["timeout", "body", "transport"][..]),
    ] {
        post_json(&control(&sb, tenant, "/faults/next"), json!({"fault": fault, "path": "/api/v1/session.*"})).await;
        let e = call(&no_retry, "passportreader.session.create", json!({})).await.unwrap_err();
        assert!(e.kind() == "transport" && kinds.contains(&e.code()), "{fault}: {e:?}");
    }
    // reset_after: the session was created although the client saw no answer.
    let before = get_json(&control(&sb, tenant, "/passportreader/sessions")).await.as_array().unwrap().len();
    post_json(&control(&sb, tenant, "/faults/next"), json!({"fault": "reset_after"})).await;
    assert!(call(&no_retry, "passportreader.session.create", json!({})).await.is_err());
    let after = get_json(&control(&sb, tenant, "/passportreader/sessions")).await.as_array().unwrap().len();
    assert_eq!(after, before + 1);
    sb.stop();
}

async fn statuses(sb: &Running, tenant: &str, n: usize) -> Vec<u16> {
    let url = format!("{}/api/v1/session.create", base(sb, "passportreader", tenant));
    let auth = basic("public-key-test", "secret-test");
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(raw(Method::Post, &url, &[("Authorization", &auth)], b"{}").await.status);
    }
    out
}

#[tokio::test]
async fn seeded_faults_are_reproducible() {
    let spec = Spec::parse("passportreader:5xx=0.3,path=/api/v1/session.get:503=1,digiteal:latency=1").unwrap();
    let sb = start(Options { seed: 42, faults: spec.clone(), ..fast() }).await;
    let first = statuses(&sb, "seeded", 40).await;
    let failed = first.iter().filter(|s| **s >= 500).count();
    assert!((4..=24).contains(&failed), "about 30% of 40: {first:?}");
    raw(Method::Post, &control(&sb, "seeded", "/reset"), &[], b"").await;
    assert_eq!(statuses(&sb, "seeded", 40).await, first, "same seed, same tenant, same requests: same faults");
    let other = start(Options { seed: 43, faults: spec, ..fast() }).await;
    assert_ne!(statuses(&other, "seeded", 40).await, first, "another seed");
    // Per-tenant override through the control endpoint.
    post_json(&control(&sb, "quiet", "/faults"), json!({"spec": ""})).await;
    assert!(statuses(&sb, "quiet", 10).await.iter().all(|s| *s == 200));
    sb.stop();
    other.stop();
}

#[tokio::test]
async fn strict_mode_requires_the_test_credentials() {
    let sb = start(Options { strict: true, ..fast() }).await;
    let url = base(&sb, "passportreader", "strict");
    let good = pr_client(&url, 0);
    assert!(call(&good, "passportreader.session.create", json!({})).await.is_ok());
    let bad = Client::new(
        Provider::PassportReader,
        json!({"public_key": "public-key-x", "secret": "secret-y", "base_url": url}),
    )
    .unwrap();
    assert_eq!(call(&bad, "passportreader.session.create", json!({})).await.unwrap_err().code(), "Unauthorized");
    let solaris = Client::new(Provider::Solaris, json!({"client_id": "solaris-client-test", "client_secret": "solaris-secret-test", "base_url": base(&sb, "solaris", "strict")})).unwrap();
    assert!(call(&solaris, "solaris.identification.eligibility_checks", json!({"person_id": "p"})).await.is_ok());
    let wrong = Client::new(
        Provider::Solaris,
        json!({"client_id": "x", "client_secret": "y", "base_url": base(&sb, "solaris", "strict")}),
    )
    .unwrap();
    assert_eq!(
        call(&wrong, "solaris.identification.eligibility_checks", json!({"person_id": "p"})).await.unwrap_err().code(),
        "invalid_client"
    );
    let billit = Client::new(
        Provider::Billit,
        json!({"api_key": "nope", "party_id": "p", "base_url": base(&sb, "billit", "strict")}),
    )
    .unwrap();
    assert_eq!(
        call(&billit, "billit.identification.start", json!({"RegistrationID": "1", "RedirectURL": "https://a.test/"}))
            .await
            .unwrap_err()
            .code(),
        "http_401"
    );
    let digiteal = Client::new(
        Provider::Digiteal,
        json!({"username": "u", "password": "p", "base_url": base(&sb, "digiteal", "strict")}),
    )
    .unwrap();
    assert_eq!(
        call(&digiteal, "digiteal.integrator.person_info", json!({"email": "a@b.c"})).await.unwrap_err().code(),
        "UNAUTHORIZED_ACCES"
    );
    sb.stop();
}

#[tokio::test]
async fn the_former_test_server_layout_still_works() {
    let sb = start(fast()).await;
    let flaky = pr_client(&format!("{}/flaky/tok-1", sb.url()), 2);
    let ex = exchange();
    let c = flaky.call("passportreader.session.create", json!({"reference": "r"})).unwrap();
    let sent = flaky.send_with(&ex, &c, &CallOptions::default()).await.unwrap();
    assert_eq!((sent.response.status, sent.attempts), (200, 2));
    let stats = get_json(&format!("{}/_stats/tok-1", sb.url())).await;
    assert_eq!(stats["requests"], 2);
    // The same tenant in the new layout.
    let same = pr_client(&base(&sb, "passportreader", "tok-1"), 0);
    let id = serde_json::from_slice::<Value>(&sent.response.body).unwrap()["id"].as_i64().unwrap();
    assert_eq!(call(&same, "passportreader.session.state", json!({"id": id})).await.unwrap()["state"], "CREATED");
    let shortlived = Client::new(
        Provider::Solaris,
        json!({"client_id": "c", "client_secret": "s", "base_url": format!("{}/shortlived/tok-2", sb.url())}),
    )
    .unwrap();
    for _ in 0..2 {
        call(&shortlived, "solaris.identification.eligibility_checks", json!({"person_id": "p"})).await.unwrap();
    }
    assert_eq!(
        get_json(&format!("{}/_stats/tok-2", sb.url())).await["token_requests"],
        2,
        "a 1-second token is renewed every call"
    );
    // resetonce: the first request is processed, its answer lost; a resend with the same
    // invoiceInternalId is safe (the stats count two creates, one invoice).
    let digiteal = Client::new(Provider::Digiteal, json!({"username": "u", "password": "p", "base_url": format!("{}/resetonce/tok-3", sb.url()), "retry": {"initial_delay": 0.01}})).unwrap();
    let result = call(
        &digiteal,
        "digiteal.invoices.create",
        json!({"customerInternalId": "C", "invoiceInternalId": "B-9", "amountInCents": 5, "remittanceInfo": "x"}),
    )
    .await;
    let stats = get_json(&format!("{}/_stats/tok-3", sb.url())).await;
    assert_eq!(
        (stats["invoice_creates"].as_u64(), stats["invoices"].as_u64()),
        (Some(2), Some(1)),
        "{stats} after {result:?}"
    );
    let recorded = get_json(&format!("{}/_requests/tok-3", sb.url())).await;
    let first = &recorded[0];
    assert_eq!(
        (first["method"].as_str(), first["path"].as_str()),
        (Some("POST"), Some("/resetonce/tok-3/api/v1/invoice-request"))
    );
    let auth = first["headers"].as_array().unwrap().iter().find(|h| h[0] == "authorization").unwrap();
    assert_eq!(auth[1], "Basic [redacted]", "credentials are never kept");
    assert!(first["body"].as_str().unwrap().contains("B-9"));
    let health = raw(Method::Get, &format!("{}/_health", sb.url()), &[], b"").await;
    assert_eq!(health.headers.get("access-control-allow-origin"), Some("*"));
    sb.stop();
}

/// Every operation of `endpoints.tsv` that is a request (method, path), with its path parameters.
const OPERATIONS: &[(&str, &str, &str)] = &[
    ("digiteal", "POST", "/api/v1/autopay-request"),
    ("digiteal", "POST", "/api/v1/credit-note"),
    ("digiteal", "GET", "/api/v1/integrator/company-info"),
    ("digiteal", "GET", "/api/v1/integrator/person-info"),
    ("digiteal", "POST", "/api/v1/creditNote-sendDoc"),
    ("digiteal", "POST", "/api/v1/creditNote-sendDocWithBillerId"),
    ("digiteal", "GET", "/api/v1/invoice-getDocumentList"),
    ("digiteal", "POST", "/api/v1/invoice-sendDoc"),
    ("digiteal", "POST", "/api/v1/invoice-sendDocWithBillerId"),
    ("digiteal", "POST", "/api/v1/invoice-request"),
    ("digiteal", "POST", "/api/v1/kyc/company"),
    ("digiteal", "GET", "/api/v1/kyc/contractsForCompany"),
    ("digiteal", "GET", "/api/v1/kyc/contractsForPerson"),
    ("digiteal", "POST", "/api/v1/kyc/document"),
    ("digiteal", "POST", "/api/v1/kyc/person"),
    ("digiteal", "POST", "/api/v1/optin/force/BE0000000097/C1/c1@example.com"),
    ("digiteal", "POST", "/api/v1/peppol/outbound-documents"),
    ("digiteal", "GET", "/api/v1/peppol/registered-participants"),
    ("digiteal", "POST", "/api/v1/peppol/registered-participants"),
    ("digiteal", "GET", "/api/v1/peppol/registered-participants/0208:0123456749"),
    ("digiteal", "DELETE", "/api/v1/peppol/registered-participants/0208:0123456749"),
    ("digiteal", "GET", "/api/v1/peppol/remote-participants/0208:0123456749/supported-document-types"),
    ("digiteal", "GET", "/api/v1/payment-request/b2b-pay-button/execute"),
    ("digiteal", "GET", "/api/v1/payment-request/pay-button/execute"),
    ("digiteal", "GET", "/api/v1/payment-request/b2b-pay-button"),
    ("digiteal", "GET", "/api/v1/payment-request/pay-button"),
    ("digiteal", "POST", "/api/v1/payment-request"),
    ("digiteal", "POST", "/api/v1/payment-request/invoice"),
    ("digiteal", "GET", "/api/v1/image-request/slip-image-anonymous"),
    ("digiteal", "GET", "/api/v1/image-request/slip-image-anonymous-inline"),
    ("digiteal", "POST", "/api/v1/sdd/transferCompany"),
    ("digiteal", "POST", "/api/v1/sdd/transferPerson"),
    ("digiteal", "POST", "/api/v1/transfers/confirmation-based"),
    ("digiteal", "POST", "/api/v1/transfers/confirmation-based/0123456789abcdef0123456789abcdef"),
    ("digiteal", "POST", "/api/v1/transfers/execute"),
    ("digiteal", "POST", "/api/v1/transfers/time-based"),
    ("digiteal", "POST", "/api/v1/transfers/time-based/0123456789abcdef0123456789abcdef"),
    ("digiteal", "GET", "/api/v1/webhook"),
    ("digiteal", "POST", "/api/v1/webhook"),
    ("digiteal", "POST", "/api/v1/webhook/configuration"),
    ("digiteal", "PUT", "/api/v1/webhook/configuration"),
    ("digiteal", "DELETE", "/api/v1/webhook/PAYMENT_INITIATED"),
    ("billit", "POST", "/v1/einvoices/registrations/42/identification"),
    ("solaris", "POST", "/oauth2/token"),
    ("solaris", "POST", "/v1/persons/p1/identification_eligibility_checks"),
    ("solaris", "POST", "/v1/persons/p1/identification_sessions"),
    ("solaris", "GET", "/v1/persons/p1/identification_sessions/s1"),
    ("solaris", "GET", "/v1/persons/p1/identification_sessions/s1/configuration"),
    ("solaris", "POST", "/v1/persons/p1/identification_sessions/s1/identifications"),
    ("solaris", "GET", "/v1/persons/p1/identification_sessions/s1/identifications/i1"),
    (
        "solaris",
        "POST",
        "/v1/persons/p1/identification_sessions/s1/simulate_bank_id_until_identification_data_required",
    ),
    ("passportreader", "POST", "/api/v1/session.create"),
    ("passportreader", "POST", "/api/v1/session.get"),
    ("passportreader", "POST", "/api/v1/session.state"),
];

#[tokio::test]
async fn every_operation_is_routed() {
    let sb = start(fast()).await;
    let token = {
        let r = raw(
            Method::Post,
            &format!("{}/oauth2/token", base(&sb, "solaris", "all")),
            &[("Authorization", &basic("c", "s"))],
            b"grant_type=client_credentials",
        )
        .await;
        serde_json::from_slice::<Value>(&r.body).unwrap()["access_token"].as_str().unwrap().to_owned()
    };
    assert_eq!(OPERATIONS.len() + 4, 57 + 1, "the 53 requests of endpoints.tsv and solaris.auth.token; with its 3 link builders and 1 redirect parser, 57 + 1");
    for (provider, method, path) in OPERATIONS {
        let method = match *method {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            _ => Method::Delete,
        };
        let auth = match *provider {
            "solaris" if !path.starts_with("/oauth2") => format!("Bearer {token}"),
            _ => basic("u", "p"),
        };
        let r = raw(
            method,
            &format!("{}{path}", base(&sb, provider, "all")),
            &[("Authorization", &auth), ("ApiKey", "k"), ("Content-Type", "application/json")],
            b"{}",
        )
        .await;
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("no route") && !body.contains("UNSUPPORTED_REQUEST_METHOD"),
            "{provider} {path}: {} {body}",
            r.status
        );
        assert!(r.status < 500, "{provider} {path}: {} {body}", r.status);
    }
    sb.stop();
}

#[tokio::test]
async fn digiteal_links_images_and_anonymous_calls_parse_in_the_core() {
    let sb = start(fast()).await;
    let client = digiteal(&sb, "links");
    let invoice = call(
        &client,
        "digiteal.invoices.create",
        json!({"customerInternalId": "C-1", "amountInCents": 4000, "remittanceInfo": "Urgency fund"}),
    )
    .await
    .unwrap();
    let uuid = invoice["uuid"].as_str().unwrap();
    let button = json!({"requesterVAT": "BE0406729809", "invoiceUUID": uuid, "type": "SVG"});
    let image = call(&client, "digiteal.pay_buttons.image_url", button.clone()).await.unwrap();
    assert_eq!((image["status"].as_u64(), image["mediaType"].as_str()), (Some(200), Some("image/svg+xml")), "{image}");
    let svg = |v: &Value| v["bytes"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect::<Vec<u8>>();
    assert!(String::from_utf8_lossy(&svg(&image)).contains("Pay EUR 40.00"));
    let execute = call(&client, "digiteal.pay_buttons.execute_url", button.clone()).await.unwrap();
    let page = execute["location"].as_str().unwrap();
    assert_eq!(execute["status"], 302);
    // The payer pays on the payment page; the button then reads "Paid".
    let paid = raw(Method::Post, page, &[], b"").await;
    assert_eq!(paid.status, 200);
    assert!(String::from_utf8_lossy(&paid.body).contains("Paid"));
    let image = call(&client, "digiteal.pay_buttons.image_url", button).await.unwrap();
    assert!(String::from_utf8_lossy(&svg(&image)).contains("Paid"));
    let png = call(
        &client,
        "digiteal.pay_buttons.b2b_image_url",
        json!({"creditorIBAN": "BE68539007547034", "creditorName": "B", "amountInCents": 100, "remittanceInfo": "r"}),
    )
    .await;
    assert_eq!(png.unwrap()["mediaType"], "image/png");
    let b2b = call(&client, "digiteal.pay_buttons.b2b_execute_url", json!({"creditorIBAN": "BE68539007547034", "creditorName": "B", "amountInCents": 100, "remittanceInfo": "r", "confirmationURL": "https://shop.test/ok"})).await;
    let location = b2b.unwrap()["location"].as_str().unwrap().to_owned();
    let done = raw(Method::Post, &location, &[], b"").await;
    assert_eq!((done.status, done.headers.get("location")), (303, Some("https://shop.test/ok")));

    let slip = call(&client, "digiteal.qr.slip_image", json!({"iban": "BE72000000001616", "billerName": "Red Cross", "amount": 100, "remittanceInfo": "Urgency fund", "format": "QR"})).await.unwrap();
    assert_eq!((slip["ok"].as_bool(), slip["image"]["mediaType"].as_str()), (Some(true), Some("image/png")), "{slip}");
    let inline =
        call(&client, "digiteal.qr.slip_image_inline", json!({"iban": "BE72000000001616", "remittanceInfo": "x"}))
            .await
            .unwrap();
    assert!(inline["content"].as_str().unwrap().starts_with("data:image/png;base64,"));
    let no_iban = call(&client, "digiteal.qr.slip_image", json!({"remittanceInfo": "x"})).await;
    match no_iban {
        // The core may refuse it before sending; the sandbox refuses it otherwise.
        Err(e) => assert!(matches!(e.code(), "BANK_ACCOUNT_NOT_PROVIDED" | "invalid_params"), "{e}"),
        Ok(v) => panic!("{v}"),
    }
    let company =
        call(&client, "digiteal.integrator.company_info", json!({"vatNumber": "BE0000000097"})).await.unwrap();
    assert_eq!(company["status"], "NOT_FOUND");
    let auto = call(
        &client,
        "digiteal.autopay.request",
        json!({"customerInternalId": "C-1", "amountInCents": 100, "remittanceInfo": "x"}),
    )
    .await
    .unwrap();
    assert_eq!(auto["status"], "NA");
    let paid_twice = call(&client, "digiteal.payments.create_for_invoice", json!({"uuid": uuid})).await.unwrap_err();
    assert_eq!(paid_twice.code(), "INVALID_PARAMETER");
    sb.stop();
}

#[tokio::test]
async fn latency_hangs_and_the_loopback_only_rule() {
    let sb = start(Options { latency_ms: 120, ..fast() }).await;
    let client = pr_client(&base(&sb, "passportreader", "slow"), 0);
    let t0 = std::time::Instant::now();
    call(&client, "passportreader.session.create", json!({})).await.unwrap();
    assert!(t0.elapsed() >= Duration::from_millis(120), "{:?}", t0.elapsed());
    // The former layout's `hang`: answers after --hang-ms, so a short timeout fires first.
    let hanging = Client::new(
        Provider::PassportReader,
        json!({"public_key": "public-key-k", "secret": "secret-s", "base_url": format!("{}/hang/tok-h", sb.url()), "timeout": 0.1, "retry": {"max_retries": 0}}),
    )
    .unwrap();
    assert_eq!(call(&hanging, "passportreader.session.create", json!({})).await.unwrap_err().code(), "timeout");

    // A webhook URL that is not on this machine is never called: the delivery is `refused`.
    let auth = basic("issuer", "pw");
    let hook = json!({"type": "INVOICE_PUBLISHED", "url": "https://example.com/hooks"});
    let url = format!("{}/api/v1/webhook", base(&sb, "digiteal", "far"));
    assert_eq!(
        raw(
            Method::Post,
            &url,
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            hook.to_string().as_bytes()
        )
        .await
        .status,
        200
    );
    let invoice = json!({"customerInternalId": "C", "amountInCents": 1, "remittanceInfo": "x"});
    let url = format!("{}/api/v1/invoice-request", base(&sb, "digiteal", "far"));
    raw(
        Method::Post,
        &url,
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        invoice.to_string().as_bytes(),
    )
    .await;
    let deliveries = get_json(&control(&sb, "far", "/webhooks")).await;
    assert_eq!(
        (deliveries[0]["status"].as_str(), deliveries[0]["attempts"].as_array().map(Vec::len)),
        (Some("refused"), Some(0))
    );
    let refused = raw(
        Method::Post,
        &control(&sb, "far", "/webhooks/config"),
        &[("Content-Type", "application/json")],
        br#"{"billit_url": "http://10.0.0.1/x"}"#,
    )
    .await;
    assert_eq!(refused.status, 400);
    sb.stop();
}

/// Every request case of the shared operation fixtures (`tests/fixtures/<provider>.json`, the
/// build cases that succeed), sent through kassa's client to the sandbox: the answer must be one
/// the core reads — a typed output or a provider error, never a decode error.
#[tokio::test]
async fn every_fixture_request_is_answered_in_a_shape_the_core_reads() {
    let sb = start(fast()).await;
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let (mut ok, mut api, mut failures) = (0, Vec::new(), Vec::new());
    for (file, provider) in [
        ("digiteal", Provider::Digiteal),
        ("billit", Provider::Billit),
        ("solaris", Provider::Solaris),
        ("passportreader", Provider::PassportReader),
    ] {
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{file}.json"))).unwrap()).unwrap();
        for case in fixture["build"].as_array().unwrap().iter().filter(|c| c.get("error").is_none()) {
            let name = format!("{file}: {}", case["name"].as_str().unwrap_or_default());
            let mut config = case.get("config").unwrap_or(&fixture["config"]).clone();
            let c = config.as_object_mut().unwrap();
            c.remove("environment");
            c.insert("base_url".into(), Value::from(base(&sb, file, "fixtures")));
            if provider == Provider::Solaris {
                c.remove("access_token");
                c.insert("client_id".into(), "c".into());
                c.insert("client_secret".into(), "s".into());
                c.remove("auth_url");
            }
            if provider == Provider::Billit && !c.contains_key("party_id") {
                c.insert("party_id".into(), "p-1".into());
            }
            let client = match Client::new(provider, &config) {
                Ok(client) => client,
                Err(e) => {
                    failures.push(format!("{name}: config: {e}"));
                    continue;
                }
            };
            match call(&client, case["operation"].as_str().unwrap(), bytes_of_hex(&case["params"])).await {
                Ok(_) => ok += 1,
                Err(kassa::Error::Api(e)) => api.push(format!("{name}: {}", e.code())),
                Err(e) => failures.push(format!("{name}: {} {e}", e.kind())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures ({ok} ok):\n{}\napi errors:\n{}",
        failures.len(),
        failures.join("\n"),
        api.join("\n")
    );
    eprintln!("{ok} answered, {} provider errors:\n{}", api.len(), api.join("\n"));
    assert!(ok >= 50, "{ok}");
    sb.stop();
}

/// `{"hex": "..."}` stands for bytes in the fixtures; the core reads bytes as an array of numbers.
fn bytes_of_hex(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 && m.get("hex").is_some_and(Value::is_string) => {
            let hex = m["hex"].as_str().unwrap_or_default();
            Value::Array(
                (0..hex.len())
                    .step_by(2)
                    .map(|i| Value::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()))
                    .collect(),
            )
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), bytes_of_hex(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(bytes_of_hex).collect()),
        other => other.clone(),
    }
}

/// The binary itself, as a script starts it: the first line, then a payment and its webhook.
#[tokio::test]
async fn the_binary_serves_and_delivers_webhooks() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(["sandbox", "--port", "0", "--resend-seconds", "0.05", "--strict"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let url = first.strip_prefix("kassa sandbox listening on ").unwrap().to_owned();
    let hooks = receiver().await;
    let client = Client::new(
        Provider::Digiteal,
        json!({"username": "digiteal-user-test", "password": "digiteal-pass-test", "base_url": format!("{url}/digiteal")}),
    )
    .unwrap();
    let hook = json!({"type": "INVOICE_PAID", "url": format!("{}/paid", hooks.url.replace("http://", "https://"))});
    call(&client, "digiteal.webhooks.upsert", hook).await.unwrap();
    call(&client, "digiteal.webhooks.set_credentials", json!({"login": "l", "password": "p"})).await.unwrap();
    let invoice = call(
        &client,
        "digiteal.invoices.create",
        json!({"customerInternalId": "C", "amountInCents": 700, "remittanceInfo": "x"}),
    )
    .await
    .unwrap();
    let pay = format!("{url}/_sandbox/digiteal/invoices/{}/pay", invoice["uuid"].as_str().unwrap());
    assert_eq!(raw(Method::Post, &pay, &[], b"").await.status, 200);
    let got = hooks.wait(1).await;
    let credentials = [Credentials { login: "l".into(), password: "p".into() }];
    let auth = got[0].headers.get("authorization").map(String::as_str);
    assert!(webhook_events::verify(&got[0].body, auth, &credentials, Some("INVOICE_PAID")).is_ok());
    let _ = child.kill().await;
}

/// One raw HTTP/1.1 exchange over a fresh connection (for methods the core's client does not
/// send, such as a browser's `OPTIONS` preflight): the status line and the lower-cased headers.
async fn raw_http(sb: &Running, request: String) -> (String, HashMap<String, String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = sb.url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers)
}

#[tokio::test]
async fn browsers_may_call_every_provider_and_the_control_endpoints() {
    // The browser tests (bindings-wasm/tests/web/io.rs) call the sandbox cross-origin: each POST
    // with Authorization or a JSON body is preflighted, and the page reads X-Request-Id.
    let sb = start(Options { strict: true, ..fast() }).await;
    let asked = "authorization,content-type,apikey,partyid,correlation-id,x-flow";
    for path in [
        "/passportreader/t/c/api/v1/session.create",
        "/billit/t/c/v1/einvoices/registrations/42/identification",
        "/solaris/t/c/oauth2/token",
        "/digiteal/t/c/api/v1/invoice-request",
        "/_sandbox/t/c/faults/next",
    ] {
        let (status, headers) = raw_http(
            &sb,
            format!("OPTIONS {path} HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:9\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: {asked}\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert!(status.starts_with("HTTP/1.1 204"), "{path}: {status}");
        assert_eq!(headers.get("access-control-allow-origin").map(String::as_str), Some("*"), "{path}");
        assert_eq!(headers.get("access-control-allow-headers").map(String::as_str), Some(asked), "{path}");
        assert!(headers["access-control-allow-methods"].contains("POST"), "{path}");
    }
    // The answers themselves: allowed to the page, every header readable (X-Request-Id).
    let body = "{}";
    let (status, headers) = raw_http(
        &sb,
        format!("POST /passportreader/t/c/api/v1/session.create HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:9\r\nAuthorization: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", basic("public-key-test", "secret-test"), body.len()),
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert_eq!(headers.get("access-control-allow-origin").map(String::as_str), Some("*"));
    assert_eq!(headers.get("access-control-expose-headers").map(String::as_str), Some("*"));
    assert!(headers["x-request-id"].starts_with("req-"));
    let (status, headers) =
        raw_http(&sb, "GET /_sandbox/t/c/passportreader/sessions HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:9\r\nConnection: close\r\n\r\n".to_owned()).await;
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert_eq!(headers.get("access-control-allow-origin").map(String::as_str), Some("*"));
}

#[tokio::test]
async fn a_solaris_token_is_good_through_its_last_second() {
    // The clock counts whole seconds: a token used in the second it expires in is still good (a
    // client with `expires_in: 1` renewing before each call must never see a 401), one second
    // later it is expired; the control endpoint expires tokens at once.
    let sb = start(Options { solaris_token_ttl: 10, ..fast() }).await;
    let tenant = "ttl";
    let token_url = format!("{}/oauth2/token", base(&sb, "solaris", tenant));
    let auth = basic("cid", "cs");
    let form = [("Authorization", auth.as_str()), ("Content-Type", "application/x-www-form-urlencoded")];
    let eligibility = format!("{}/v1/persons/p1/identification_eligibility_checks", base(&sb, "solaris", tenant));
    let clock = control(&sb, tenant, "/clock");
    let now = || async { get_json(&clock).await["now_unix"].as_u64().unwrap() };
    let status = |bearer: String| {
        let url = eligibility.clone();
        async move {
            raw(Method::Post, &url, &[("Authorization", bearer.as_str()), ("Content-Type", "application/json")], b"{}")
                .await
                .status
        }
    };
    // The tenant's clock in whole seconds (the real clock plus an offset): a try whose second
    // ticked between two readings is made again.
    let mut checked = None;
    for _ in 0..5 {
        let before = now().await;
        let answer = raw(Method::Post, &token_url, &form, b"grant_type=client_credentials").await;
        let body: Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(body["expires_in"], 10);
        let bearer = format!("Bearer {}", body["access_token"].as_str().unwrap());
        if now().await != before {
            continue;
        }
        let expires_at = before + 10;
        post_json(&clock, json!({"advance": expires_at - now().await})).await;
        let got = status(bearer.clone()).await;
        if now().await == expires_at {
            checked = Some((got, bearer));
            break;
        }
    }
    let (got, bearer) = checked.expect("five tries without a tick between two readings");
    assert_eq!(got, 201, "the second it expires in");
    post_json(&clock, json!({"advance": 1})).await;
    assert_eq!(status(bearer).await, 401, "a second later");
    let answer = raw(Method::Post, &token_url, &form, b"grant_type=client_credentials").await;
    let body: Value = serde_json::from_slice(&answer.body).unwrap();
    let fresh = format!("Bearer {}", body["access_token"].as_str().unwrap());
    assert_eq!(status(fresh.clone()).await, 201);
    post_json(&control(&sb, tenant, "/solaris/tokens/expire"), json!({})).await;
    assert_eq!(status(fresh).await, 401, "expired by the control endpoint: at once");
    sb.stop();
}
