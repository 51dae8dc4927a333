//! Digiteal (seeds 001 and 004): every operation of `endpoints.tsv`, with state. HTTP Basic
//! (the login is the issuer: invoices, webhook configurations, PEPPOL registrations are per
//! login), `ErrorMessage` errors whose `requestId` is the `correlation-id` sent, EPC QR images
//! rendered by the core, Spring `ResponseEntity` bodies where the reference shows them, and
//! webhooks to the configured URLs with the configured login and password.

use std::collections::BTreeMap;

use base64::Engine as _;
use kassa::epc::{Amount, EpcBuilder, RenderOptions, Version};
use kassa::providers::digiteal::webhooks::events as webhook_events;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::credentials::{DIGITEAL_PASSWORD, DIGITEAL_USERNAME};
use super::http::{date, dmy, esc, parse_date, timestamp, Req, Resp};
use super::webhooks::{Auth, Outgoing};
use super::{Ctx, Provider};

/// The creditor every sandbox issuer collects for, unless a request names an IBAN.
pub const DEFAULT_IBAN: &str = "BE68539007547034";
/// The creditor name on the sandbox's QR codes.
pub const CREDITOR_NAME: &str = "Kassa Sandbox";
const FORMATS: &[&str] = &[
    "PAYMENT_SLIP",
    "PAYMENT_SLIP_WITH_QR",
    "QR",
    "QR_BE",
    "QR_EXPLAINED",
    "PAYMENT_SLIP_WITH_BANNER",
    "BANNER",
    "QR_TEXT",
    "NONE",
];
const LANGUAGES: &[&str] = &["EN", "FR", "NL", "DE"];
/// The first document and contract id: 2^53 + 1, so that every client meets a 64-bit id that a
/// double cannot hold.
const FIRST_ID: i64 = 9_007_199_254_740_993;

/// Digiteal's state in a tenant.
#[derive(Default, Serialize)]
pub struct State {
    /// Invoices by uuid.
    pub invoices: BTreeMap<String, Invoice>,
    /// Credit notes by uuid.
    pub credit_notes: BTreeMap<String, CreditNote>,
    /// Documents attached (to invoices, credit notes, KYC files) by uuid.
    pub documents: BTreeMap<String, Document>,
    /// Payment requests by uuid.
    pub payment_requests: BTreeMap<String, PaymentRequest>,
    /// Payments made (through the control endpoints or the pay pages) by paymentID.
    pub payments: BTreeMap<String, Payment>,
    /// Forced opt-ins.
    pub optins: Vec<Value>,
    /// Pre-registered companies by VAT number.
    pub companies: BTreeMap<String, Value>,
    /// Pre-registered persons by email.
    pub persons: BTreeMap<String, Value>,
    /// Auto payment configurations by `issuer/customerInternalId`.
    pub autopay: BTreeMap<String, Value>,
    /// PEPPOL participants registered through the sandbox, by identifier.
    pub participants: BTreeMap<String, Participant>,
    /// Trusted payments by transferID.
    pub transfers: BTreeMap<String, Transfer>,
    /// Webhook configurations by issuer (login).
    pub webhooks: BTreeMap<String, WebhookConfig>,
    /// `invoice-request` calls received (a resend counts again).
    pub invoice_creates: u64,
    #[serde(skip)]
    counter: i64,
}

/// An invoice.
#[derive(Clone, Serialize)]
pub struct Invoice {
    /// Digiteal's id.
    pub uuid: String,
    /// The login that created it.
    pub issuer: String,
    /// `DRAFT` or `PUBLISHED`.
    pub status: String,
    /// Paid (through the control endpoint, a pay page or a payment request).
    pub paid: bool,
    /// The request as last sent.
    pub request: Value,
    /// The opt-in channel: `S2P` or null.
    pub delivery_method: Option<String>,
    /// `dd/MM/yyyy` when an auto payment is scheduled.
    pub auto_payment_date: Option<String>,
    /// Attached documents' uuids.
    pub documents: Vec<String>,
    /// Payments of it.
    pub payments: Vec<String>,
}

/// A credit note.
#[derive(Clone, Serialize)]
pub struct CreditNote {
    /// Digiteal's id.
    pub uuid: String,
    /// The login that created it.
    pub issuer: String,
    /// The request as sent.
    pub request: Value,
    /// Attached documents' uuids.
    pub documents: Vec<String>,
}

/// An uploaded document.
#[derive(Clone, Serialize)]
pub struct Document {
    /// Its uuid.
    pub uuid: String,
    /// Its number.
    pub id: i64,
    /// The file name of the part.
    pub file_name: String,
    /// The media type read from its bytes.
    pub media_type: String,
    /// The `comment` field.
    pub comment: Option<String>,
    /// The `name` field.
    pub name: Option<String>,
    /// What it is attached to (an invoice or credit note uuid, or `kyc:<email>`).
    pub owner: String,
    /// The KYC document type (ID, SELFIE_WITH_ID, BY_LAWS).
    pub kind: Option<String>,
    /// The bytes.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// A payment request (or the payment of a pay button).
#[derive(Clone, Serialize)]
pub struct PaymentRequest {
    /// Digiteal's id.
    pub uuid: String,
    /// The login that created it (empty for anonymous pay buttons).
    pub issuer: String,
    /// The invoice it pays, if any.
    pub invoice: Option<String>,
    /// Amount in cents (none: the payer chooses).
    pub amount_in_cents: Option<i64>,
    /// The creditor account.
    pub iban: String,
    /// The structured reference.
    pub creditor_reference: Option<String>,
    /// The communication.
    pub remittance_info: Option<String>,
    /// Currency.
    pub currency: String,
    /// Where the payer goes after paying.
    pub confirmation_url: Option<String>,
    /// Where the payer goes after an error.
    pub error_url: Option<String>,
    /// Several payments allowed.
    pub multiple: bool,
    /// The caller's id of it.
    pub payment_internal_id: Option<String>,
    /// Payments made.
    pub payments: Vec<String>,
}

/// A payment.
#[derive(Clone, Serialize)]
pub struct Payment {
    /// The paymentID.
    pub payment_id: String,
    /// The login whose webhooks hear of it.
    pub issuer: String,
    /// The invoice paid, if any.
    pub invoice: Option<String>,
    /// The payment request paid, if any.
    pub payment_request: Option<String>,
    /// The latest status (INITIATED, WITHDRAWAL_SUCCESS, TRANSFERRED, ...).
    pub status: String,
    /// The notification body of the latest status.
    pub notification: Value,
}

/// A PEPPOL participant registered to receive documents through the sandbox.
#[derive(Clone, Serialize)]
pub struct Participant {
    /// The login that registered it.
    pub issuer: String,
    /// `PeppolRegisteredParticipant`.
    pub body: Value,
}

/// A trusted payment.
#[derive(Clone, Serialize)]
pub struct Transfer {
    /// `confirmation-based` or `time-based`.
    pub kind: String,
    /// The login that created it.
    pub issuer: String,
    /// `CREATED`, `EXECUTED`, `REIMBURSED`.
    pub status: String,
    /// The request as last sent.
    pub request: Value,
    /// `TransferCreationResult`.
    pub result: Value,
    /// Amount received so far (control endpoint).
    pub received_in_cents: i64,
}

/// A webhook configuration (`WebHookConfigurationInfo`).
#[derive(Clone, Default, Serialize)]
pub struct WebhookConfig {
    /// The login presented to the webhooks.
    pub login: Option<String>,
    /// The password presented (never shown).
    #[serde(skip)]
    pub password: Option<String>,
    /// The company's VAT number.
    pub vat_number: Option<String>,
    /// `(type, url)` pairs.
    pub hooks: Vec<(String, String)>,
}

/// An `ErrorMessage` answer; `requestId` is the `correlation-id` sent.
pub fn error(req: &Req, status: u16, code: &str, message: &str, subjects: &[&str]) -> Resp {
    let request_id = req.header("correlation-id").unwrap_or("dig-req-sandbox");
    Resp::json(
        status,
        &json!({"errorCode": code, "errorMessage": message, "errorSubjects": subjects, "requestId": request_id}),
    )
}

fn not_found(req: &Req, what: &str, field: &str) -> Resp {
    error(req, 404, "INVALID_PARAMETER", &format!("{what} not found"), &[field])
}

fn response_entity() -> Value {
    json!({"body": null, "statusCode": "OK", "statusCodeValue": 200})
}

fn issuer(ctx: &Ctx<'_>, req: &Req) -> Result<String, Resp> {
    match req.basic() {
        Some((user, password)) if !user.is_empty() && !password.is_empty() => {
            if ctx.opts.strict && (user != DIGITEAL_USERNAME || password != DIGITEAL_PASSWORD) {
                Err(error(req, 401, "UNAUTHORIZED_ACCES", "Bad credentials", &[]))
            } else {
                Ok(user)
            }
        }
        _ => Err(error(req, 401, "UNAUTHORIZED_ACCES", "there were no or incorrect credentials provided", &[])),
    }
}

fn json_body(req: &Req) -> Result<Map<String, Value>, Resp> {
    let content_type = req.header("content-type").unwrap_or("").to_ascii_lowercase();
    if !content_type.is_empty() && !content_type.contains("json") {
        return Err(error(req, 415, "UNSUPPORTED_MEDIA", "POST only consumes application/json", &[]));
    }
    match req.json() {
        Ok(None) => Err(error(req, 400, "CONTENT_MISSING", "There was no input present in the request", &[])),
        Ok(Some(Value::Object(m))) => Ok(m),
        Ok(Some(_)) => Err(error(req, 400, "INCORRECT_CONTENT", "a JSON object is expected", &[])),
        Err(e) => Err(error(req, 400, "INCORRECT_CONTENT", &format!("only correct json is supported: {e}"), &[])),
    }
}

/// A text field (a number is read as its digits).
fn text(m: &Map<String, Value>, k: &str) -> Option<String> {
    match m.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer field (a string of digits is accepted: the reference types some of them `string`).
fn int(req: &Req, m: &Map<String, Value>, k: &str) -> Result<Option<i64>, Resp> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
        Some(Value::String(s)) if s.trim().parse::<i64>().is_ok() => Ok(s.trim().parse().ok()),
        Some(_) => Err(error(req, 400, "INVALID_PARAMETER", &format!("{k} must be a whole number of cents"), &[k])),
    }
}

fn boolean(m: &Map<String, Value>, k: &str) -> bool {
    matches!(m.get(k), Some(Value::Bool(true))) || m.get(k).and_then(Value::as_str) == Some("true")
}

fn q_int(req: &Req, k: &str) -> Result<Option<i64>, Resp> {
    match req.q(k) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| error(req, 400, "INVALID_PARAMETER", &format!("{k} must be a whole number"), &[k])),
    }
}

fn check_iban(req: &Req, iban: Option<String>, field: &str) -> Result<String, Resp> {
    match iban {
        None => Ok(DEFAULT_IBAN.to_owned()),
        Some(i) => kassa::ident::iban::validate(&i).map_err(|e| {
            error(
                req,
                400,
                "BANK_ACCOUNT_NOT_FOUND",
                &format!("provided information does not match any of your bank accounts: {e}"),
                &[field],
            )
        }),
    }
}

fn check_common(req: &Req, m: &Map<String, Value>) -> Result<(), Resp> {
    if let Some(f) = text(m, "format") {
        if !FORMATS.contains(&f.as_str()) {
            return Err(error(
                req,
                400,
                "INVALID_FORMAT",
                &format!("The specified format `{f}` is incorrect"),
                &["format"],
            ));
        }
    }
    if let Some(p) = text(m, "purpose") {
        if p.len() != 4 || !p.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(error(req, 400, "INVALID_PURPOSE", "The purpose is not ISO compliant", &["purpose"]));
        }
    }
    for k in ["language", "secondaryLanguage"] {
        if let Some(l) = text(m, k) {
            if !LANGUAGES.contains(&l.to_ascii_uppercase().as_str()) {
                return Err(error(req, 400, "INVALID_PARAMETER", &format!("{k}: EN, FR, NL or DE"), &[k]));
            }
        }
    }
    for k in ["creationDate", "dueDate"] {
        if let Some(d) = text(m, k) {
            if parse_date(&d).is_none() {
                return Err(error(req, 400, "INVALID_PARAMETER", &format!("{k}: expected YYYY-MM-DD"), &[k]));
            }
        }
    }
    Ok(())
}

/// The EPC payload of a payment to `iban`.
fn epc(
    iban: &str,
    bic: Option<String>,
    cents: Option<i64>,
    reference: Option<String>,
    remittance: Option<String>,
) -> Result<String, kassa::Error> {
    let amount = cents.filter(|c| *c > 0).map(Amount::from_cents).transpose()?;
    // A Belgian structured communication written as 12 bare digits is an OGM.
    let reference = reference.map(|r| {
        let digits: String = r.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 12 && !r.to_ascii_uppercase().starts_with("RF") {
            format!("+++{}/{}/{}+++", &digits[..3], &digits[3..7], &digits[7..])
        } else {
            r
        }
    });
    let mut builder = EpcBuilder::new(CREDITOR_NAME, iban);
    builder.amount = amount;
    builder.bic = bic;
    builder.text = if reference.is_none() { remittance.map(|t| t.chars().take(140).collect()) } else { None };
    builder.reference = reference;
    builder.version = Version::V002;
    builder.allow_no_amount = amount.is_none();
    builder.build()
}

fn png(payload: &str, size: Option<i64>) -> Result<Vec<u8>, kassa::Error> {
    let module_px = size.map_or(4, |s| (s / 57).clamp(1, 40) as u32);
    kassa::epc::png(payload, &RenderOptions::new(module_px, 4))
}

fn epc_error(req: &Req, e: &kassa::Error) -> Resp {
    let field = match e {
        kassa::Error::Validation(v) => match &*v.field {
            "reference" => "creditorReference",
            "text" => "remittanceInfo",
            "iban" => "iban",
            "amount" | "amount_cents" => "amountInCents",
            "bic" => "bic",
            other => {
                let _ = other;
                "request"
            }
        },
        _ => "request",
    };
    error(req, 400, "INVALID_PARAMETER", &format!("cannot make the payment's QR code: {e}"), &[field])
}

/// The answer of an invoice or credit note: the QR image, or the EPC text for QR_TEXT / NONE.
fn image_answer(req: &Req, m: &Map<String, Value>, payload: &str) -> Resp {
    let format = text(m, "format").unwrap_or_else(|| "QR".to_owned());
    if format == "QR_TEXT" || format == "NONE" {
        return Resp::bytes(200, "text/plain;charset=UTF-8", payload.as_bytes().to_vec());
    }
    let size = m.get("size").and_then(Value::as_i64);
    match png(payload, size) {
        Ok(bytes) => Resp::bytes(200, "image/png", bytes),
        Err(e) => epc_error(req, &e),
    }
}

impl Ctx<'_> {
    fn uuid(&mut self) -> String {
        self.hex(32)
    }

    /// Sends `kind` to every URL `issuer` configured for it.
    fn notify(&mut self, issuer: &str, kind: &str, body: &Value) {
        let Some(config) = self.tenant.digiteal.webhooks.get(issuer) else {
            return;
        };
        let auth = match (&config.login, &config.password) {
            (Some(l), Some(p)) => Auth::Basic(l.clone(), p.clone()),
            _ => Auth::None,
        };
        let urls: Vec<String> = config
            .hooks
            .iter()
            .filter(|(k, u)| k == kind && !u.starts_with("mailto:"))
            .map(|(_, u)| u.clone())
            .collect();
        for url in urls {
            self.out.push(Outgoing {
                provider: Provider::Digiteal,
                kind: kind.to_owned(),
                url,
                auth: auth.clone(),
                body: serde_json::to_vec(body).unwrap_or_default(),
            });
        }
    }
}

fn invoice_notification(inv: &Invoice, status: &str, now: u64) -> Value {
    let r = &inv.request;
    json!({
        "invoiceUUID": inv.uuid, "invoiceInternalId": r.get("invoiceInternalId"), "customerInternalId": r.get("customerInternalId"),
        "customerEmail": r.get("customerEmail"), "amountInCents": r.get("amountInCents"), "currency": r.get("currency").cloned().unwrap_or_else(|| "EUR".into()),
        "status": status, "timestamp": timestamp(now),
    })
}

/// Answers a Digiteal request (API and the sandbox's web pages).
pub fn handle(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let resp = route(ctx, req);
    match req.header("correlation-id") {
        Some(id) => resp.header("correlation-id", id),
        None => resp,
    }
}

fn route(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    use hyper::Method as M;
    let segs = req.segs();
    let api: Vec<&str> = match segs.as_slice() {
        ["api", "v1", rest @ ..] => rest.to_vec(),
        [] if req.method == M::GET => return home(ctx),
        ["pay", uuid] if req.method == M::GET => return pay_page(ctx, uuid, None),
        ["pay", uuid] if req.method == M::POST => return pay_from_page(ctx, uuid),
        ["document", uuid] if req.method == M::GET => {
            return match ctx.tenant.digiteal.documents.get(*uuid) {
                Some(d) => Resp::bytes(200, &d.media_type.clone(), d.bytes.clone()),
                None => not_found(req, "document", "uuid"),
            };
        }
        _ => {
            return error(
                req,
                404,
                "UNSUPPORTED_REQUEST_METHOD",
                &format!("no route {} {}", req.method, req.path_str()),
                &[],
            )
        }
    };
    // Anonymous: the QR images and the pay buttons a browser loads.
    match (&req.method, api.as_slice()) {
        (&M::GET, ["image-request", "slip-image-anonymous"]) => return slip(ctx, req, false),
        (&M::GET, ["image-request", "slip-image-anonymous-inline"]) => return slip(ctx, req, true),
        (&M::GET, ["payment-request", kind @ ("pay-button" | "b2b-pay-button")]) => {
            return button_image(ctx, req, kind == &"b2b-pay-button")
        }
        (&M::GET, ["payment-request", kind @ ("pay-button" | "b2b-pay-button"), "execute"]) => {
            return button_execute(ctx, req, kind == &"b2b-pay-button")
        }
        _ => {}
    }
    let who = match issuer(ctx, req) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let result = match (&req.method, api.as_slice()) {
        (&M::POST, ["invoice-request"]) => create_invoice(ctx, req, &who),
        (&M::POST, ["credit-note"]) => create_credit_note(ctx, req, &who),
        (
            &M::POST,
            [op @ ("invoice-sendDoc"
            | "invoice-sendDocWithBillerId"
            | "creditNote-sendDoc"
            | "creditNote-sendDocWithBillerId")],
        ) => upload(ctx, req, &who, op),
        (&M::GET, ["invoice-getDocumentList"]) => list_documents(ctx, req, &who),
        (&M::POST, ["payment-request"]) => create_payment(ctx, req, &who),
        (&M::POST, ["payment-request", "invoice"]) => create_invoice_payment(ctx, req, &who),
        (&M::POST, ["autopay-request"]) => autopay(ctx, req, &who),
        (&M::GET, ["integrator", "company-info"]) => company_info(ctx, req),
        (&M::GET, ["integrator", "person-info"]) => person_info(ctx, req),
        (&M::POST, ["kyc", "company"]) => kyc_company(ctx, req, &who),
        (&M::POST, ["kyc", "person"]) => kyc_person(ctx, req, &who),
        (&M::GET, ["kyc", kind @ ("contractsForCompany" | "contractsForPerson")]) => {
            contracts(req, kind == &"contractsForCompany")
        }
        (&M::POST, ["kyc", "document"]) => kyc_document(ctx, req),
        (&M::POST, ["optin", "force", vat, id, email]) => force_optin(ctx, req, &who, vat, id, email),
        (&M::POST, ["peppol", "outbound-documents"]) => peppol_send(ctx, req, &who),
        (&M::GET, ["peppol", "registered-participants"]) => peppol_list(ctx, &who),
        (&M::POST, ["peppol", "registered-participants"]) => peppol_register(ctx, req, &who),
        (&M::GET, ["peppol", "registered-participants", id]) => peppol_get(ctx, req, id),
        (&M::DELETE, ["peppol", "registered-participants", id]) => peppol_unregister(ctx, req, &who, id),
        (&M::GET, ["peppol", "remote-participants", id, "supported-document-types"]) => peppol_types(ctx, id),
        (&M::POST, ["sdd", kind @ ("transferCompany" | "transferPerson")]) => {
            sdd_transfer(ctx, req, &who, kind == &"transferCompany")
        }
        (&M::POST, ["transfers", kind @ ("confirmation-based" | "time-based")]) => {
            create_transfer(ctx, req, &who, kind, None)
        }
        (&M::POST, ["transfers", kind @ ("confirmation-based" | "time-based"), uuid]) => {
            create_transfer(ctx, req, &who, kind, Some(uuid))
        }
        (&M::POST, ["transfers", "execute"]) => execute_transfer(ctx, req, &who),
        (&M::GET, ["webhook"]) => webhook_get(ctx, &who),
        (&M::POST, ["webhook"]) => webhook_upsert(ctx, req, &who),
        (&M::POST, ["webhook", "configuration"]) => webhook_set(ctx, req, &who, false),
        (&M::PUT, ["webhook", "configuration"]) => webhook_set(ctx, req, &who, true),
        (&M::DELETE, ["webhook", kind]) => webhook_delete(ctx, req, &who, kind),
        _ => Err(error(
            req,
            404,
            "UNSUPPORTED_REQUEST_METHOD",
            &format!("no route {} {}", req.method, req.path_str()),
            &[],
        )),
    };
    result.unwrap_or_else(|e| e)
}

type R = Result<Resp, Resp>;

// ----------------------------------------------------------------------------------------------
// Invoices, credit notes, documents
// ----------------------------------------------------------------------------------------------

fn opted_in(ctx: &Ctx<'_>, m: &Map<String, Value>) -> bool {
    let id = text(m, "customerInternalId");
    let email = text(m, "customerEmail").map(|e| e.to_ascii_lowercase());
    if email.as_deref().is_some_and(|e| e.ends_with("@optin.test")) {
        return true;
    }
    ctx.tenant.digiteal.optins.iter().any(|o| {
        (id.is_some() && o["clientInternalId"].as_str() == id.as_deref())
            || (email.is_some() && o["clientEmail"].as_str().map(str::to_ascii_lowercase) == email)
    })
}

impl State {
    /// How many distinct `invoiceInternalId`s the invoices have.
    pub fn internal_ids(&self) -> usize {
        let ids: std::collections::BTreeSet<(&str, &str)> = self
            .invoices
            .values()
            .filter_map(|i| i.request["invoiceInternalId"].as_str().map(|id| (i.issuer.as_str(), id)))
            .collect();
        ids.len()
    }
}

fn create_invoice(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    ctx.tenant.digiteal.invoice_creates += 1;
    let mut m = json_body(req)?;
    check_common(req, &m)?;
    if text(&m, "customerInternalId").is_none() {
        return Err(error(
            req,
            400,
            "CUSTOMER_INFORMATION_MISSING",
            "Missing fields for the customer creation. [customerInternalId]",
            &["customerInternalId"],
        ));
    }
    // No amount: the payer types it (the EPC payload then has none).
    let cents = int(req, &m, "amountInCents")?.filter(|c| *c > 0);
    if int(req, &m, "amountInCents")?.is_some_and(|c| c < 0) {
        return Err(error(req, 400, "INVALID_PARAMETER", "amountInCents is not negative", &["amountInCents"]));
    }
    let reference = text(&m, "creditorReference");
    let remittance = text(&m, "remittanceInfo");
    if reference.is_none() && remittance.is_none() {
        return Err(error(
            req,
            400,
            "INVOICE_INFORMATION_MISSING",
            "Missing fields for the invoice request. [creditorReference or remittanceInfo]",
            &["creditorReference", "remittanceInfo"],
        ));
    }
    let iban = check_iban(req, text(&m, "iban"), "iban")?;
    let status = text(&m, "publicationStatus").unwrap_or_else(|| "PUBLISHED".to_owned());
    if status != "PUBLISHED" && status != "DRAFT" {
        return Err(error(
            req,
            400,
            "INVALID_PARAMETER",
            "publicationStatus: DRAFT or PUBLISHED",
            &["publicationStatus"],
        ));
    }
    let payload = epc(&iban, text(&m, "bic"), cents, reference, remittance).map_err(|e| epc_error(req, &e))?;
    if let Some(name) = req.q("name") {
        m.insert("name".into(), Value::from(name));
    }
    let internal = text(&m, "invoiceInternalId");
    let existing = internal.as_ref().and_then(|id| {
        ctx.tenant
            .digiteal
            .invoices
            .values()
            .find(|i| i.issuer == who && i.request["invoiceInternalId"].as_str() == Some(id.as_str()))
            .map(|i| i.uuid.clone())
    });
    if let Some(uuid) = &existing {
        if ctx.tenant.digiteal.invoices.get(uuid).is_some_and(|i| i.status == "PUBLISHED") {
            return Err(error(
                req,
                400,
                "INVOICE_PUBLISHED",
                "Invoices that are flagged as PUBLISHED cannot be updated",
                &["invoiceInternalId"],
            ));
        }
    }
    let s2p = opted_in(ctx, &m);
    let customer = text(&m, "customerInternalId").unwrap_or_default();
    let autopay = ctx.tenant.digiteal.autopay.get(&format!("{who}/{customer}")).cloned();
    let auto_payment_date = autopay.map(|config| {
        let due = text(&m, "dueDate").and_then(|d| parse_date(&d)).unwrap_or(ctx.now);
        let when = match config["executionType"].as_str() {
            Some("DUE_DATE") => due,
            Some("ONE_WEEK_BEFORE_DUE_DATE") => due.saturating_sub(7 * 86_400).max(ctx.now),
            _ => ctx.now,
        };
        dmy(when)
    });
    let uuid = existing.unwrap_or_else(|| ctx.uuid());
    let invoice = Invoice {
        uuid: uuid.clone(),
        issuer: who.to_owned(),
        status: status.clone(),
        paid: boolean(&m, "alreadyPaid"),
        request: Value::Object(m.clone()),
        delivery_method: s2p.then(|| "S2P".to_owned()),
        auto_payment_date: auto_payment_date.clone(),
        documents: ctx.tenant.digiteal.invoices.get(&uuid).map(|i| i.documents.clone()).unwrap_or_default(),
        payments: Vec::new(),
    };
    if status == "PUBLISHED" {
        let body = invoice_notification(&invoice, "PUBLISHED", ctx.now);
        ctx.notify(who, "INVOICE_PUBLISHED", &body);
    }
    ctx.tenant.digiteal.invoices.insert(uuid.clone(), invoice);
    let mut resp = image_answer(req, &m, &payload);
    if resp.status != 200 {
        return Err(resp);
    }
    resp = resp.header("uuid", uuid).header("deliveryMethod", if s2p { "S2P" } else { "null" });
    resp = resp.header("autoPaymentDate", auto_payment_date.unwrap_or_else(|| "null".to_owned()));
    if s2p {
        resp = resp.header("debtorId", customer);
    }
    Ok(resp)
}

fn create_credit_note(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    check_common(req, &m)?;
    let Some(invoice_uuid) = text(&m, "invoiceUUID") else {
        return Err(error(req, 400, "BAD_REQUEST", "invoiceUUID is required", &["invoiceUUID"]));
    };
    let Some(invoice) = ctx.tenant.digiteal.invoices.get(&invoice_uuid).filter(|i| i.issuer == who).cloned() else {
        return Err(not_found(req, "invoice", "invoiceUUID"));
    };
    let Some(cents) = int(req, &m, "amountInCents")?.filter(|c| *c > 0) else {
        return Err(error(req, 400, "BAD_REQUEST", "amountInCents is required", &["amountInCents"]));
    };
    if invoice.request["amountInCents"].as_i64().is_some_and(|total| cents > total) {
        return Err(error(req, 400, "BAD_REQUEST", "a credit note cannot exceed its invoice", &["amountInCents"]));
    }
    let iban =
        text(invoice.request.as_object().unwrap_or(&Map::new()), "iban").unwrap_or_else(|| DEFAULT_IBAN.to_owned());
    let label =
        text(&m, "creditNoteInternalId").map_or_else(|| "Credit note".to_owned(), |id| format!("Credit note {id}"));
    let payload = epc(&iban, None, Some(cents), None, Some(label)).map_err(|e| epc_error(req, &e))?;
    let uuid = ctx.uuid();
    ctx.tenant.digiteal.credit_notes.insert(
        uuid.clone(),
        CreditNote {
            uuid: uuid.clone(),
            issuer: who.to_owned(),
            request: Value::Object(m.clone()),
            documents: Vec::new(),
        },
    );
    let mut body = invoice_notification(&invoice, "CREDIT_NOTE_PUBLISHED", ctx.now);
    body["creditNoteUUID"] = Value::from(uuid.clone());
    body["creditNoteInternalId"] = m.get("creditNoteInternalId").cloned().unwrap_or(Value::Null);
    body["creditNoteAmountInCents"] = Value::from(cents);
    ctx.notify(who, "INVOICE_CREDIT_NOTE_PUBLISHED", &body);
    let resp = image_answer(req, &m, &payload);
    if resp.status != 200 {
        return Err(resp);
    }
    Ok(resp.header("uuid", uuid))
}

fn media_type(bytes: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).trim_start().to_owned();
    if bytes.starts_with(b"%PDF") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.starts_with("<?xml") || head.starts_with('<') {
        Some("application/xml")
    } else if head.starts_with("{\\rtf") {
        Some("application/rtf")
    } else {
        None
    }
}

/// The form, or the error Digiteal gives for a body that is not one.
fn form_of(req: &Req) -> Result<&[super::http::Part], Resp> {
    match &req.form {
        Some(Ok(parts)) => Ok(parts),
        Some(Err(e)) => Err(error(req, 400, "BAD_REQUEST", &format!("the multipart body cannot be read: {e}"), &[])),
        None => Err(error(req, 415, "UNSUPPORTED_MEDIA", "multipart/form-data expected", &[])),
    }
}

fn store_document(ctx: &mut Ctx<'_>, req: &Req, owner: &str, kind: Option<String>) -> Result<Document, Resp> {
    form_of(req)?;
    let Some(part) = req.part("document").filter(|p| !p.data.is_empty()) else {
        return Err(error(req, 400, "BAD_REQUEST", "the document part is missing", &["document"]));
    };
    let Some(media) = media_type(&part.data) else {
        return Err(error(
            req,
            415,
            "UNSUPPORTED_MEDIA",
            "The uploaded document has an unsupported media type (PDF expected)",
            &["document"],
        ));
    };
    ctx.tenant.digiteal.counter += 1;
    let doc = Document {
        uuid: ctx.uuid(),
        id: FIRST_ID + ctx.tenant.digiteal.counter - 1,
        file_name: part.file_name.clone().or_else(|| req.field("name")).unwrap_or_else(|| "document".to_owned()),
        media_type: media.to_owned(),
        comment: req.field("comment"),
        name: req.field("name"),
        owner: owner.to_owned(),
        kind,
        bytes: part.data.to_vec(),
    };
    ctx.tenant.digiteal.documents.insert(doc.uuid.clone(), doc.clone());
    Ok(doc)
}

fn upload(ctx: &mut Ctx<'_>, req: &Req, who: &str, op: &str) -> R {
    form_of(req)?;
    let (field, credit_note) = match op {
        "invoice-sendDoc" => ("uuid", false),
        "invoice-sendDocWithBillerId" => ("billId", false),
        "creditNote-sendDoc" => ("uuid", true),
        _ => ("creditNoteId", true),
    };
    let Some(id) = req.field(field) else {
        return Err(error(req, 400, "BAD_REQUEST", &format!("the {field} part is missing"), &[field]));
    };
    let owner = if credit_note {
        ctx.tenant
            .digiteal
            .credit_notes
            .values()
            .find(|c| {
                c.issuer == who
                    && if field == "uuid" {
                        c.uuid == id
                    } else {
                        text(c.request.as_object().unwrap_or(&Map::new()), "creditNoteInternalId").as_deref()
                            == Some(&id)
                    }
            })
            .map(|c| c.uuid.clone())
    } else {
        ctx.tenant
            .digiteal
            .invoices
            .values()
            .find(|i| {
                i.issuer == who
                    && if field == "uuid" {
                        i.uuid == id
                    } else {
                        text(i.request.as_object().unwrap_or(&Map::new()), "invoiceInternalId").as_deref() == Some(&id)
                    }
            })
            .map(|i| i.uuid.clone())
    };
    let Some(owner) = owner else {
        return Err(not_found(req, if credit_note { "credit note" } else { "invoice" }, field));
    };
    let doc = store_document(ctx, req, &owner, None)?;
    let kind = if credit_note {
        let cn = ctx.tenant.digiteal.credit_notes.get_mut(&owner).map(|c| {
            c.documents.push(doc.uuid.clone());
            c.request["invoiceUUID"].as_str().unwrap_or_default().to_owned()
        });
        cn.and_then(|inv| ctx.tenant.digiteal.invoices.get(&inv).cloned())
            .map(|i| ("INVOICE_CREDIT_NOTE_DOCUMENT_ADDED", i))
    } else {
        ctx.tenant.digiteal.invoices.get_mut(&owner).map(|i| {
            i.documents.push(doc.uuid.clone());
            ("INVOICE_DOCUMENT_ADDED", i.clone())
        })
    };
    if let Some((kind, invoice)) = kind {
        let mut body = invoice_notification(&invoice, kind.trim_start_matches("INVOICE_"), ctx.now);
        body["documentUUID"] = Value::from(doc.uuid.clone());
        body["fileName"] = Value::from(doc.file_name.clone());
        ctx.notify(who, kind, &body);
    }
    Ok(Resp::json(200, &response_entity()).header("uuid", doc.uuid).header("status", "0"))
}

fn document_details(ctx: &Ctx<'_>, d: &Document) -> Value {
    json!({"comment": d.comment, "fileName": d.file_name, "id": d.id, "mediaType": d.media_type,
           "url": format!("{}/document/{}", ctx.prefix(Provider::Digiteal), d.uuid), "uuid": d.uuid})
}

fn list_documents(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let Some(bill) = req.q("billId") else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "billId is required", &["billId"]));
    };
    let Some(invoice) = ctx
        .tenant
        .digiteal
        .invoices
        .values()
        .find(|i| i.issuer == who && i.request["invoiceInternalId"].as_str() == Some(bill))
    else {
        return Err(not_found(req, "invoice", "billId"));
    };
    let docs: Vec<Value> = invoice
        .documents
        .iter()
        .filter_map(|u| ctx.tenant.digiteal.documents.get(u))
        .map(|d| document_details(ctx, d))
        .collect();
    Ok(Resp::json(200, &Value::Array(docs)))
}

// ----------------------------------------------------------------------------------------------
// Payments, pay buttons, QR images, auto payments
// ----------------------------------------------------------------------------------------------

fn payment_answer(ctx: &Ctx<'_>, req: &Req, p: &PaymentRequest) -> R {
    let payload = epc(&p.iban, None, p.amount_in_cents, p.creditor_reference.clone(), p.remittance_info.clone())
        .map_err(|e| epc_error(req, &e))?;
    let bytes = png(&payload, None).map_err(|e| epc_error(req, &e))?;
    let web = format!("{}/pay/{}", ctx.prefix(Provider::Digiteal), p.uuid);
    Ok(Resp::bytes(200, "image/png", bytes)
        .header("uuid", p.uuid.clone())
        .header("payment-url-intent", format!("{web}?intent=true"))
        .header("payment-web-url", web))
}

fn create_payment(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    check_common(req, &m)?;
    let missing: Vec<&str> = ["confirmationURL", "errorURL"].into_iter().filter(|k| text(&m, k).is_none()).collect();
    if !missing.is_empty() {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            &format!("Missing fields: {}", missing.join(", ")),
            &missing,
        ));
    }
    let cents = int(req, &m, "amountInCents")?;
    let flexible =
        ["minAmountInCents", "maxAmountInCents", "suggestedAmountInCents"].iter().any(|k| m.contains_key(*k));
    if cents.is_none() && !flexible {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: amountInCents", &["amountInCents"]));
    }
    let reference = text(&m, "creditorReference");
    let remittance = text(&m, "remittanceInfo");
    if reference.is_none() && remittance.is_none() {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            "Missing fields: creditorReference or remittanceInfo",
            &["creditorReference", "remittanceInfo"],
        ));
    }
    let iban = check_iban(req, text(&m, "iban"), "iban")?;
    let p = PaymentRequest {
        uuid: ctx.uuid(),
        issuer: who.to_owned(),
        invoice: None,
        amount_in_cents: cents,
        iban,
        creditor_reference: reference,
        remittance_info: remittance,
        currency: text(&m, "currency").unwrap_or_else(|| "EUR".to_owned()),
        confirmation_url: text(&m, "confirmationURL"),
        error_url: text(&m, "errorURL"),
        multiple: boolean(&m, "multiple"),
        payment_internal_id: text(&m, "paymentInternalId"),
        payments: Vec::new(),
    };
    let answer = payment_answer(ctx, req, &p)?;
    ctx.tenant.digiteal.payment_requests.insert(p.uuid.clone(), p);
    Ok(answer)
}

fn payment_request_of_invoice(ctx: &mut Ctx<'_>, invoice: &Invoice, m: &Map<String, Value>) -> PaymentRequest {
    let r = invoice.request.as_object().cloned().unwrap_or_default();
    PaymentRequest {
        uuid: ctx.uuid(),
        issuer: invoice.issuer.clone(),
        invoice: Some(invoice.uuid.clone()),
        amount_in_cents: r.get("amountInCents").and_then(Value::as_i64),
        iban: text(&r, "iban").unwrap_or_else(|| DEFAULT_IBAN.to_owned()),
        creditor_reference: text(&r, "creditorReference"),
        remittance_info: text(&r, "remittanceInfo"),
        currency: text(&r, "currency").unwrap_or_else(|| "EUR".to_owned()),
        confirmation_url: text(m, "confirmationURL"),
        error_url: text(m, "errorURL"),
        multiple: false,
        payment_internal_id: None,
        payments: Vec::new(),
    }
}

fn create_invoice_payment(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    let uuid = text(&m, "uuid");
    let internal = text(&m, "invoiceInternalId");
    if uuid.is_none() && internal.is_none() {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            "Missing fields: uuid or invoiceInternalId",
            &["uuid", "invoiceInternalId"],
        ));
    }
    let Some(invoice) = ctx
        .tenant
        .digiteal
        .invoices
        .values()
        .find(|i| {
            i.issuer == who
                && (uuid.as_deref() == Some(&i.uuid)
                    || (uuid.is_none() && i.request["invoiceInternalId"].as_str() == internal.as_deref()))
        })
        .cloned()
    else {
        return Err(not_found(req, "invoice", if uuid.is_some() { "uuid" } else { "invoiceInternalId" }));
    };
    if invoice.paid {
        return Err(error(req, 400, "INVALID_PARAMETER", "the invoice is already paid", &["uuid"]));
    }
    let p = payment_request_of_invoice(ctx, &invoice, &m);
    let answer = payment_answer(ctx, req, &p)?;
    ctx.tenant.digiteal.payment_requests.insert(p.uuid.clone(), p);
    Ok(answer)
}

/// The payment a button stands for: its invoice's, or one made from the query.
fn button_payment(ctx: &mut Ctx<'_>, req: &Req, b2b: bool) -> Result<PaymentRequest, Resp> {
    if let Some(uuid) = req.q("invoiceUUID").filter(|_| !b2b) {
        let Some(invoice) = ctx.tenant.digiteal.invoices.get(uuid).cloned() else {
            return Err(not_found(req, "invoice", "invoiceUUID"));
        };
        let mut m = Map::new();
        for k in ["confirmationURL", "errorURL"] {
            if let Some(v) = req.q(k) {
                m.insert(k.into(), Value::from(v));
            }
        }
        return Ok(payment_request_of_invoice(ctx, &invoice, &m));
    }
    let iban_key = if b2b { "creditorIBAN" } else { "iban" };
    let Some(iban) = req.q(iban_key) else {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            &format!("{iban_key} is required without invoiceUUID"),
            &[iban_key],
        ));
    };
    let iban = kassa::ident::iban::validate(iban)
        .map_err(|e| error(req, 400, "BANK_ACCOUNT_NOT_FOUND", &e.to_string(), &[iban_key]))?;
    let reference = req.q("creditorReference").map(str::to_owned);
    let remittance = req.q("remittanceInfo").map(str::to_owned);
    if reference.is_none() && remittance.is_none() {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            "creditorReference or remittanceInfo is required",
            &["creditorReference", "remittanceInfo"],
        ));
    }
    Ok(PaymentRequest {
        uuid: ctx.uuid(),
        issuer: String::new(),
        invoice: None,
        amount_in_cents: q_int(req, "amountInCents")?.or(q_int(req, "suggestedAmountInCents")?),
        iban,
        creditor_reference: reference,
        remittance_info: remittance,
        currency: req.q("currency").unwrap_or("EUR").to_owned(),
        confirmation_url: req.q("confirmationURL").map(str::to_owned),
        error_url: req.q("errorURL").map(str::to_owned),
        multiple: req.q("multiple") == Some("true"),
        payment_internal_id: None,
        payments: Vec::new(),
    })
}

fn button_image(ctx: &mut Ctx<'_>, req: &Req, b2b: bool) -> Resp {
    if !b2b && req.q("requesterVAT").is_none() {
        return error(req, 400, "MISSING_INPUT_FIELDS", "requesterVAT is required", &["requesterVAT"]);
    }
    let p = match button_payment(ctx, req, b2b) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let paid = p.invoice.as_ref().and_then(|u| ctx.tenant.digiteal.invoices.get(u)).is_some_and(|i| i.paid);
    let svg = req.q("type").is_some_and(|t| t.eq_ignore_ascii_case("SVG"));
    if svg {
        let label = if paid {
            "Paid".to_owned()
        } else {
            match p.amount_in_cents {
                Some(c) => format!("Pay EUR {}.{:02}", c / 100, c % 100),
                None => "Pay".to_owned(),
            }
        };
        let fill = if paid { "#2a7" } else { "#0057b8" };
        let image = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"220\" height=\"48\" viewBox=\"0 0 220 48\"><rect width=\"220\" height=\"48\" rx=\"8\" fill=\"{fill}\"/>\
             <text x=\"110\" y=\"30\" font-family=\"sans-serif\" font-size=\"18\" fill=\"#fff\" text-anchor=\"middle\">{}</text></svg>",
            esc(&label)
        );
        return Resp::bytes(200, "image/svg+xml", image);
    }
    match epc(&p.iban, None, p.amount_in_cents, p.creditor_reference.clone(), p.remittance_info.clone())
        .and_then(|e| png(&e, None))
    {
        Ok(bytes) => Resp::bytes(200, "image/png", bytes),
        Err(e) => epc_error(req, &e),
    }
}

fn button_execute(ctx: &mut Ctx<'_>, req: &Req, b2b: bool) -> Resp {
    if !b2b && req.q("requesterVAT").is_none() {
        return error(req, 400, "MISSING_INPUT_FIELDS", "requesterVAT is required", &["requesterVAT"]);
    }
    let p = match button_payment(ctx, req, b2b) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let location = format!("{}/pay/{}", ctx.prefix(Provider::Digiteal), p.uuid);
    ctx.tenant.digiteal.payment_requests.insert(p.uuid.clone(), p);
    Resp::redirect(302, &location)
}

fn slip(ctx: &mut Ctx<'_>, req: &Req, inline: bool) -> Resp {
    let _ = ctx;
    let Some(iban) = req.q("iban") else {
        return error(req, 400, "BANK_ACCOUNT_NOT_PROVIDED", "iban is required", &["iban"]).header("status", "1");
    };
    let cents = match q_int(req, "amount") {
        Ok(c) => c,
        Err(e) => return e.header("status", "1"),
    };
    let size = req.q("size").and_then(|s| s.parse().ok());
    let made = epc(
        iban,
        req.q("bic").map(str::to_owned),
        cents,
        req.q("creditorReference").map(str::to_owned),
        req.q("remittanceInfo").map(str::to_owned),
    )
    .and_then(|payload| png(&payload, size));
    match made {
        Ok(bytes) if inline => {
            let data = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes));
            Resp::json(200, &Value::from(data)).header("status", "0")
        }
        Ok(bytes) => Resp::bytes(200, "image/png", bytes).header("status", "0"),
        Err(e) => epc_error(req, &e).header("status", "1"),
    }
}

fn autopay(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    check_common(req, &m)?;
    let Some(customer) = text(&m, "customerInternalId") else {
        return Err(error(
            req,
            400,
            "MISSING_INPUT_FIELDS",
            "Missing fields: customerInternalId",
            &["customerInternalId"],
        ));
    };
    let Some(cents) = int(req, &m, "amountInCents")?.filter(|c| *c > 0) else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: amountInCents", &["amountInCents"]));
    };
    let iban = check_iban(req, text(&m, "iban"), "iban")?;
    let config = ctx.tenant.digiteal.autopay.get(&format!("{who}/{customer}")).cloned();
    let payment_id = ctx.uuid();
    let (status, comment) = match &config {
        None => ("NA", "the client has no auto payment configuration"),
        Some(c) if c["thresholdInCents"].as_i64().is_some_and(|t| cents > t) => {
            ("THRESHOLD_EXCEEDED", "the amount exceeds the client's threshold; the client has been notified")
        }
        Some(c) if c["executionType"].as_str() == Some("IMMEDIATE") || c["executionType"].is_null() => {
            ("EXECUTED", "executed")
        }
        Some(_) => ("PLANNED", "planned at the client's execution date"),
    };
    if status == "EXECUTED" || status == "PLANNED" {
        let body = payment_notification(
            &payment_id,
            text(&m, "remittanceInfo").or(text(&m, "creditorReference")),
            "EUR",
            Some(cents),
            "INITIATED",
            ctx,
        );
        ctx.tenant.digiteal.payments.insert(
            payment_id.clone(),
            Payment {
                payment_id: payment_id.clone(),
                issuer: who.to_owned(),
                invoice: None,
                payment_request: None,
                status: "INITIATED".into(),
                notification: body.clone(),
            },
        );
        ctx.notify(who, "PAYMENT_INITIATED", &body);
    }
    Ok(Resp::json(
        200,
        &json!({"comment": comment, "originBankAccount": config.as_ref().and(Some(iban)), "paymentConfirmationDate": (status == "EXECUTED").then(|| date(ctx.now)),
                "paymentID": payment_id, "paymentRequestDate": date(ctx.now), "status": status}),
    ))
}

fn payment_notification(
    payment_id: &str,
    remittance: Option<String>,
    currency: &str,
    cents: Option<i64>,
    status: &str,
    ctx: &mut Ctx<'_>,
) -> Value {
    let bank = format!("BT-{}", ctx.hex(12).to_ascii_uppercase());
    json!({
        "paymentRequestInformation": {"paymentID": payment_id, "remittanceInfo": remittance, "currency": currency, "amountInCents": cents},
        "paymentStatus": status, "paymentMethod": "SCT", "bankTransactionID": bank, "executionTimestamp": timestamp(ctx.now),
    })
}

/// Pays invoice `uuid` (PAYMENT_INITIATED and INVOICE_PAID webhooks).
pub fn pay_invoice(ctx: &mut Ctx<'_>, uuid: &str, via: Option<&str>) -> Result<Value, (u16, String)> {
    let Some(invoice) = ctx.tenant.digiteal.invoices.get(uuid).cloned() else {
        return Err((404, format!("no invoice {uuid}")));
    };
    if invoice.status != "PUBLISHED" {
        return Err((409, "a DRAFT invoice cannot be paid: publish it first".to_owned()));
    }
    if invoice.paid {
        return Err((409, format!("invoice {uuid} is already paid")));
    }
    let r = invoice.request.as_object().cloned().unwrap_or_default();
    let payment_id = ctx.uuid();
    let remittance = text(&r, "creditorReference").or(text(&r, "remittanceInfo"));
    let mut body = payment_notification(
        &payment_id,
        remittance,
        &text(&r, "currency").unwrap_or_else(|| "EUR".into()),
        r.get("amountInCents").and_then(Value::as_i64),
        "INITIATED",
        ctx,
    );
    body["paymentRequestInformation"]["invoiceUUID"] = Value::from(uuid);
    let issuer = invoice.issuer.clone();
    ctx.tenant.digiteal.payments.insert(
        payment_id.clone(),
        Payment {
            payment_id: payment_id.clone(),
            issuer: issuer.clone(),
            invoice: Some(uuid.to_owned()),
            payment_request: via.map(str::to_owned),
            status: "INITIATED".into(),
            notification: body.clone(),
        },
    );
    let paid = {
        let i = ctx.tenant.digiteal.invoices.get_mut(uuid).ok_or((404, String::new()))?;
        i.paid = true;
        i.payments.push(payment_id.clone());
        i.clone()
    };
    ctx.notify(&issuer, "PAYMENT_INITIATED", &body);
    ctx.notify(&issuer, "INVOICE_PAID", &invoice_notification(&paid, "PAID", ctx.now));
    Ok(json!({"invoiceUUID": uuid, "paymentID": payment_id, "status": "PAID", "paymentStatus": "INITIATED"}))
}

/// Pays payment request `uuid` (and its invoice, if it has one).
pub fn pay_request(ctx: &mut Ctx<'_>, uuid: &str) -> Result<Value, (u16, String)> {
    let Some(p) = ctx.tenant.digiteal.payment_requests.get(uuid).cloned() else {
        return Err((404, format!("no payment request {uuid}")));
    };
    if !p.multiple && !p.payments.is_empty() {
        return Err((409, format!("payment request {uuid} is already paid")));
    }
    let result = if let Some(invoice) = &p.invoice {
        pay_invoice(ctx, invoice, Some(uuid))?
    } else {
        let payment_id = ctx.uuid();
        let mut body = payment_notification(
            &payment_id,
            p.creditor_reference.clone().or(p.remittance_info.clone()),
            &p.currency,
            p.amount_in_cents,
            "INITIATED",
            ctx,
        );
        body["paymentRequestInformation"]["paymentRequestUUID"] = Value::from(uuid);
        if let Some(id) = &p.payment_internal_id {
            body["paymentRequestInformation"]["paymentInternalId"] = Value::from(id.clone());
        }
        ctx.tenant.digiteal.payments.insert(
            payment_id.clone(),
            Payment {
                payment_id: payment_id.clone(),
                issuer: p.issuer.clone(),
                invoice: None,
                payment_request: Some(uuid.to_owned()),
                status: "INITIATED".into(),
                notification: body.clone(),
            },
        );
        ctx.notify(&p.issuer, "PAYMENT_INITIATED", &body);
        json!({"paymentRequestUUID": uuid, "paymentID": payment_id, "paymentStatus": "INITIATED"})
    };
    if let (Some(req), Some(id)) = (ctx.tenant.digiteal.payment_requests.get_mut(uuid), result["paymentID"].as_str()) {
        req.payments.push(id.to_owned());
    }
    let mut result = result;
    result["confirmationURL"] = json!(p.confirmation_url);
    Ok(result)
}

fn home(ctx: &Ctx<'_>) -> Resp {
    let p = ctx.prefix(Provider::Digiteal);
    Resp::html(
        200,
        "Digiteal (sandbox)",
        &format!(
            "<p>The sandbox's stand-in for Digiteal's web application. Registration links and the QR generator land here \
             (the part after <code>#</code> stays in your browser).</p><p>API: <code>{}/api/v1/...</code></p>",
            esc(&p)
        ),
    )
}

fn pay_page(ctx: &Ctx<'_>, uuid: &str, done: Option<&Value>) -> Resp {
    let d = &ctx.tenant.digiteal;
    let (amount, label, paid) = if let Some(p) = d.payment_requests.get(uuid) {
        let paid = p
            .invoice
            .as_ref()
            .and_then(|i| d.invoices.get(i))
            .map_or(!p.payments.is_empty() && !p.multiple, |i| i.paid);
        (p.amount_in_cents, p.creditor_reference.clone().or(p.remittance_info.clone()).unwrap_or_default(), paid)
    } else if let Some(i) = d.invoices.get(uuid) {
        let r = i.request.as_object().cloned().unwrap_or_default();
        (
            r.get("amountInCents").and_then(Value::as_i64),
            text(&r, "creditorReference").or(text(&r, "remittanceInfo")).unwrap_or_default(),
            i.paid,
        )
    } else {
        return Resp::html(404, "Payment", "<p>This payment is unknown.</p>");
    };
    let amount =
        amount.map_or_else(|| "an amount of your choice".to_owned(), |c| format!("EUR {}.{:02}", c / 100, c % 100));
    let body = if paid || done.is_some() {
        format!("<p>Paid: {} ({}).</p>", esc(&amount), esc(&label))
    } else {
        format!(
            "<p>Pay {} to {} ({}).</p><form method=\"post\"><button>Pay with Digiteal</button></form>",
            esc(&amount),
            CREDITOR_NAME,
            esc(&label)
        )
    };
    Resp::html(200, "Payment", &body)
}

fn pay_from_page(ctx: &mut Ctx<'_>, uuid: &str) -> Resp {
    let result = if ctx.tenant.digiteal.payment_requests.contains_key(uuid) {
        pay_request(ctx, uuid)
    } else {
        pay_invoice(ctx, uuid, None)
    };
    match result {
        Ok(v) => match v["confirmationURL"].as_str() {
            Some(url) => Resp::redirect(303, url),
            None => pay_page(ctx, uuid, Some(&v)),
        },
        Err((_, message)) => Resp::html(409, "Payment", &format!("<p>{}</p>", esc(&message))),
    }
}

// ----------------------------------------------------------------------------------------------
// Onboarding: integrator, KYC, opt-in, SDD
// ----------------------------------------------------------------------------------------------

fn company_info(ctx: &mut Ctx<'_>, req: &Req) -> R {
    let Some(vat) = req.q("vatNumber") else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "vatNumber is required", &["vatNumber"]));
    };
    let key = normal_vat(vat);
    let status = ctx
        .tenant
        .digiteal
        .companies
        .get(&key)
        .map_or("NOT_FOUND", |c| c["status"].as_str().unwrap_or("NOT_ACTIVATED"));
    Ok(Resp::json(200, &json!({"status": status, "vatNumber": vat})))
}

fn person_info(ctx: &mut Ctx<'_>, req: &Req) -> R {
    let Some(email) = req.q("email") else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "email is required", &["email"]));
    };
    let key = email.to_ascii_lowercase();
    let is_company = ctx.tenant.digiteal.companies.values().any(|c| c["email"].as_str() == Some(&key));
    let status = match ctx.tenant.digiteal.persons.get(&key) {
        Some(p) => p["status"].as_str().unwrap_or("NOT_ACTIVATED").to_owned(),
        None if is_company => "COMPANY".to_owned(),
        None => "NOT_FOUND".to_owned(),
    };
    Ok(Resp::json(200, &json!({"email": email, "status": status})))
}

fn normal_vat(vat: &str) -> String {
    kassa::ident::be::vat_number(vat).unwrap_or_else(|_| {
        vat.chars().filter(|c| !c.is_whitespace() && *c != '.').collect::<String>().to_ascii_uppercase()
    })
}

fn require<'a>(req: &Req, v: &'a Value, path: &str) -> Result<&'a Value, Resp> {
    let mut cur = v;
    for part in path.split('.') {
        cur = &cur[part];
    }
    match cur {
        Value::Null => Err(error(req, 400, "MISSING_INPUT_FIELDS", &format!("Missing fields: {path}"), &[path])),
        Value::String(s) if s.trim().is_empty() => {
            Err(error(req, 400, "MISSING_INPUT_FIELDS", &format!("Missing fields: {path}"), &[path]))
        }
        other => Ok(other),
    }
}

fn register_company(ctx: &mut Ctx<'_>, req: &Req, who: &str, company: &Value) -> Result<String, Resp> {
    let vat = require(req, company, "vatNumber")?.as_str().unwrap_or_default().to_owned();
    let key = normal_vat(&vat);
    let email = company["contactPerson"]["email"].as_str().map(str::to_ascii_lowercase);
    let known = ctx.tenant.digiteal.companies.contains_key(&key);
    let status = ctx
        .tenant
        .digiteal
        .companies
        .get(&key)
        .and_then(|c| c["status"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "NOT_ACTIVATED".to_owned());
    ctx.tenant.digiteal.companies.insert(
        key.clone(),
        json!({"vatNumber": vat, "status": status, "email": email, "registeredBy": who, "company": company}),
    );
    let body = json!({"vatNumber": vat, "companyName": company["companyName"], "status": status});
    ctx.notify(who, if known { "COMPANY_UPDATED" } else { "COMPANY_CREATED" }, &body);
    Ok(status)
}

fn register_person(ctx: &mut Ctx<'_>, req: &Req, who: &str, person: &Value) -> Result<String, Resp> {
    let email = require(req, person, "email")?.as_str().unwrap_or_default().to_ascii_lowercase();
    let known = ctx.tenant.digiteal.persons.contains_key(&email);
    let status = ctx
        .tenant
        .digiteal
        .persons
        .get(&email)
        .and_then(|p| p["status"].as_str().map(str::to_owned))
        // An address at `known.test` belongs to someone who already finished Digiteal's KYC.
        .unwrap_or_else(|| if email.ends_with("@known.test") { "OK" } else { "NOT_ACTIVATED" }.to_owned());
    ctx.tenant
        .digiteal
        .persons
        .insert(email.clone(), json!({"email": email, "status": status, "registeredBy": who, "person": person}));
    let body =
        json!({"email": email, "firstName": person["firstName"], "lastName": person["lastName"], "status": status});
    ctx.notify(who, if known { "PERSON_UPDATED" } else { "PERSON_CREATED" }, &body);
    Ok(status)
}

fn kyc_company(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = Value::Object(json_body(req)?);
    for path in [
        "customerCompany.vatNumber",
        "customerCompany.companyName",
        "customerCompany.creationDate",
        "customerCompany.contactPerson.email",
    ] {
        require(req, &m, path)?;
    }
    let company = m["customerCompany"].clone();
    let status = register_company(ctx, req, who, &company)?;
    Ok(Resp::json(200, &json!({"status": status, "vatNumber": company["vatNumber"]})))
}

fn kyc_person(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = Value::Object(json_body(req)?);
    require(req, &m, "customerPerson.email")?;
    let person = m["customerPerson"].clone();
    let status = register_person(ctx, req, who, &person)?;
    Ok(Resp::json(200, &json!({"email": person["email"], "status": status})))
}

fn contracts(req: &Req, company: bool) -> R {
    let language = req.q("language").unwrap_or("EN").to_ascii_uppercase();
    if !LANGUAGES.contains(&language.as_str()) {
        return Err(error(req, 400, "INVALID_PARAMETER", "language: EN, FR, NL or DE", &["language"]));
    }
    let l = language.to_ascii_lowercase();
    let mut list = vec![
        json!({"id": FIRST_ID, "language": l, "name": "General terms and conditions", "url": format!("https://docs.digiteal.eu/Policy/Digiteal-General_Terms-{language}.pdf")}),
        json!({"id": FIRST_ID + 1, "language": l, "name": "Personal data protection policy", "url": format!("https://docs.digiteal.eu/Policy/Digiteal-Data_Privacy_Policy-{language}-V1.1.pdf")}),
    ];
    if company {
        list.push(json!({"id": FIRST_ID + 2, "language": l, "name": "Issuer contract", "url": format!("https://docs.digiteal.eu/Policy/Digiteal-Issuer_Contract-{language}.pdf")}));
    }
    Ok(Resp::json(200, &Value::Array(list)))
}

fn kyc_document(ctx: &mut Ctx<'_>, req: &Req) -> R {
    form_of(req)?;
    let Some(email) = req.field("email").map(|e| e.to_ascii_lowercase()) else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: email", &["email"]));
    };
    let kind = req.field("type").unwrap_or_default();
    if !["ID", "SELFIE_WITH_ID", "BY_LAWS"].contains(&kind.as_str()) {
        return Err(error(req, 400, "INVALID_PARAMETER", "type: ID, SELFIE_WITH_ID or BY_LAWS", &["type"]));
    }
    let known = ctx.tenant.digiteal.persons.contains_key(&email)
        || ctx.tenant.digiteal.companies.values().any(|c| c["email"].as_str() == Some(&email));
    if !known {
        return Err(not_found(req, "pre-registered person or company contact", "email"));
    }
    let doc = store_document(ctx, req, &format!("kyc:{email}"), Some(kind))?;
    Ok(Resp::json(200, &document_details(ctx, &doc)))
}

fn force_optin(ctx: &mut Ctx<'_>, req: &Req, who: &str, vat: &str, id: &str, email: &str) -> R {
    if !email.contains('@') {
        return Err(error(req, 400, "BAD_REQUEST", "clientEmail is not an email address", &["clientEmail"]));
    }
    let optin = json!({"requestorVAT": vat, "clientInternalId": id, "clientEmail": email, "userAgent": req.header("user-agent")});
    ctx.tenant.digiteal.optins.retain(|o| !(o["requestorVAT"] == vat && o["clientInternalId"] == id));
    ctx.tenant.digiteal.optins.push(optin);
    ctx.notify(
        who,
        "CUSTOMER_OPTIN",
        &json!({"customerInternalId": id, "customerEmail": email, "requesterVAT": vat, "channel": "DIGITEAL"}),
    );
    Ok(Resp::json(200, &response_entity()))
}

fn sdd_transfer(ctx: &mut Ctx<'_>, req: &Req, who: &str, company: bool) -> R {
    let m = Value::Object(json_body(req)?);
    // The debtor is what the guide requires (a person's email, a company's VAT number); the rest is
    // "as much information as he can".
    require(req, &m, if company { "debtor.vatNumber" } else { "debtor.email" })?;
    if let Some(iban) = m["debtorIBAN"].as_str() {
        kassa::ident::iban::validate(iban)
            .map_err(|e| error(req, 400, "INVALID_PARAMETER", &format!("debtorIBAN: {e}"), &["debtorIBAN"]))?;
    }
    let config = &m["configuration"];
    let execution = config["executionType"].as_str().unwrap_or("IMMEDIATE");
    if !["IMMEDIATE", "ONE_WEEK_BEFORE_DUE_DATE", "DUE_DATE"].contains(&execution) {
        return Err(error(
            req,
            400,
            "INVALID_PARAMETER",
            "configuration.executionType: IMMEDIATE, ONE_WEEK_BEFORE_DUE_DATE or DUE_DATE",
            &["configuration.executionType"],
        ));
    }
    if let Some(p) = config["periodicity"].as_str() {
        if !["MONTH", "TRIMESTER", "SEMESTER", "YEAR"].contains(&p) {
            return Err(error(
                req,
                400,
                "INVALID_PARAMETER",
                "configuration.periodicity: MONTH, TRIMESTER, SEMESTER or YEAR",
                &["configuration.periodicity"],
            ));
        }
    }
    if company {
        register_company(ctx, req, who, &m["debtor"])?;
    } else {
        register_person(ctx, req, who, &m["debtor"])?;
    }
    let answer = json!({
        "currency": config["currency"].as_str().unwrap_or("EUR"), "executionType": execution,
        "periodicity": config["periodicity"].as_str().unwrap_or("MONTH"), "thresholdInCents": config["thresholdInCents"],
    });
    let customer = match &m["customerInternalId"] {
        Value::String(s) => s.clone(),
        Value::Null => {
            m["debtor"]["email"].as_str().or(m["debtor"]["vatNumber"].as_str()).unwrap_or_default().to_owned()
        }
        other => other.to_string(),
    };
    let key = format!("{who}/{customer}");
    let existed = ctx.tenant.digiteal.autopay.insert(key, answer.clone()).is_some();
    let mut body = answer.clone();
    body["customerInternalId"] = Value::from(customer);
    ctx.notify(who, if existed { "AUTOPAY_UPDATE" } else { "AUTOPAY_CREATE" }, &body);
    Ok(Resp::json(200, &answer))
}

// ----------------------------------------------------------------------------------------------
// PEPPOL
// ----------------------------------------------------------------------------------------------

fn peppol_result(status: u16, result: &str, message: &str, req: &Req) -> Resp {
    // The PeppolResult the reference shows, with the ErrorMessage fields too for an error (so that
    // an error reader finds its code either way).
    let mut body = json!({"message": message, "status": result});
    if status >= 400 {
        body["errorCode"] = Value::from(result);
        body["errorMessage"] = Value::from(message);
        body["errorSubjects"] = json!([]);
        body["requestId"] = Value::from(req.header("correlation-id").unwrap_or("dig-req-sandbox"));
    }
    Resp::json(status, &body)
}

/// The receiver of a Standard Business Document: the text of `<...Receiver><...Identifier>`.
fn sbd_receiver(xml: &str) -> Option<String> {
    let start = xml.find("Receiver>")?;
    let rest = &xml[start..];
    let id_start = rest.find("Identifier")?;
    let rest = &rest[id_start..];
    let open_end = rest.find('>')?;
    let rest = &rest[open_end + 1..];
    let close = rest.find('<')?;
    Some(rest[..close].trim().to_owned())
}

fn peppol_send(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    form_of(req)?;
    let Some(doc) = req.part("document").filter(|p| !p.data.is_empty()) else {
        return Err(peppol_result(400, "MISSING_DOCUMENT", "the expected document was not attached", req));
    };
    let xml = String::from_utf8_lossy(&doc.data).into_owned();
    if !xml.trim_start().starts_with('<') || !xml.contains("StandardBusinessDocument") {
        return Err(peppol_result(
            400,
            "INVALID_DOCUMENT",
            "the document is not a Standard Business Document (XML)",
            req,
        ));
    }
    let Some(receiver) = sbd_receiver(&xml) else {
        return Err(peppol_result(400, "INVALID_DOCUMENT", "the Standard Business Document names no receiver", req));
    };
    let receiver = receiver.split_once("::").map_or(receiver.as_str(), |(_, v)| v).to_owned();
    let Some(id) = kassa::ident::peppol::validate(&receiver).ok().filter(|id| in_network(ctx, id)) else {
        return Err(peppol_result(
            400,
            "RECIPIENT_NOT_IN_PEPPOL",
            &format!("the recipient {receiver} is not in the SMP"),
            req,
        ));
    };
    let kind = if xml.contains("CreditNote") {
        "PEPPOL_CREDIT_NOTE_RECEIVED"
    } else if xml.contains("ApplicationResponse") {
        "PEPPOL_INVOICE_RESPONSE_RECEIVED"
    } else {
        "PEPPOL_INVOICE_RECEIVED"
    };
    let document_id = ctx.uuid();
    if let Some(owner) = ctx.tenant.digiteal.participants.get(&id).map(|p| p.issuer.clone()) {
        let change = kind.trim_start_matches("PEPPOL_");
        ctx.notify(
            &owner,
            kind,
            &json!({"changeType": change, "documentId": document_id, "receiver": id, "comment": req.field("comment")}),
        );
    }
    let _ = who;
    Ok(Resp::json(200, &json!({"message": "All clear !", "status": "OK"})))
}

fn peppol_list(ctx: &mut Ctx<'_>, who: &str) -> R {
    let list: Vec<Value> =
        ctx.tenant.digiteal.participants.values().filter(|p| p.issuer == who).map(|p| p.body.clone()).collect();
    Ok(Resp::json(200, &json!({"body": list, "statusCode": "OK", "statusCodeValue": 200})))
}

fn peppol_register(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    let Some(raw) = text(&m, "peppolIdentifier") else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: peppolIdentifier", &["peppolIdentifier"]));
    };
    let Ok(id) = kassa::ident::peppol::validate(&raw) else {
        return Err(peppol_result(
            400,
            "UNSUPPORTED_PEPPOL_IDENTIFIER_TYPE",
            &format!("{raw} is not a supported PEPPOL identifier"),
            req,
        ));
    };
    // The spellings of the endpoint's description (its PeppolResult schema drops the prefix).
    if ctx.tenant.digiteal.participants.contains_key(&id) {
        return Err(peppol_result(
            400,
            "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL",
            "the participant was already registered through Digiteal, it stays registered with Digiteal",
            req,
        ));
    }
    if id.starts_with("9925:be0999") {
        return Err(peppol_result(
            400,
            "REGISTER_ALREADY_REGISTERED_TO_OTHER_AP",
            "the participant is registered to another access point: deregister it there first",
            req,
        ));
    }
    let body =
        json!({"contactPerson": m.get("contactPerson"), "peppolIdentifier": id, "registrationDate": date(ctx.now)});
    ctx.tenant.digiteal.participants.insert(id, Participant { issuer: who.to_owned(), body });
    Ok(peppol_result(200, "OK", "All clear !", req))
}

fn peppol_key(id: &str) -> String {
    kassa::ident::peppol::validate(id).unwrap_or_else(|_| id.to_owned())
}

fn peppol_get(ctx: &mut Ctx<'_>, req: &Req, id: &str) -> R {
    match ctx.tenant.digiteal.participants.get(&peppol_key(id)) {
        Some(p) => Ok(Resp::json(200, &p.body)),
        None => {
            Err(peppol_result(404, "ENTITY_NOT_REGISTERED", &format!("{id} is not registered through Digiteal"), req))
        }
    }
}

fn peppol_unregister(ctx: &mut Ctx<'_>, req: &Req, who: &str, id: &str) -> R {
    let key = peppol_key(id);
    match ctx.tenant.digiteal.participants.get(&key) {
        Some(p) if p.issuer == who => {
            ctx.tenant.digiteal.participants.remove(&key);
            Ok(peppol_result(200, "OK", "All clear !", req))
        }
        _ => Err(peppol_result(
            400,
            "NOT_REGISTERD_TO_CALLER",
            "the participant is not registered to the calling PEPPOL integrator",
            req,
        )),
    }
}

/// The participants of the sandbox's PEPPOL network: those registered in the tenant, the seed's
/// example participant (`0208:0630675588`, `9956:0630675588`) and those registered at another
/// access point (ids starting `9925:be0999`).
fn in_network(ctx: &Ctx<'_>, id: &str) -> bool {
    ctx.tenant.digiteal.participants.contains_key(id)
        || matches!(id, "0208:0630675588" | "9956:0630675588")
        || id.starts_with("9925:be0999")
}

const BIS3_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
const BIS3_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";

fn peppol_types(ctx: &mut Ctx<'_>, id: &str) -> R {
    match kassa::ident::peppol::validate(id) {
        Ok(id) if in_network(ctx, &id) => {
            Ok(Resp::json(200, &json!({"documentTypes": [BIS3_INVOICE, BIS3_CREDIT_NOTE], "peppolIdentifier": id})))
        }
        _ => Err(Resp::empty(404)),
    }
}

// ----------------------------------------------------------------------------------------------
// Trusted payments
// ----------------------------------------------------------------------------------------------

fn check_payments(req: &Req, list: &Value, path: &str, depth: usize) -> Result<(), Resp> {
    let Some(items) = list.as_array() else {
        return Ok(());
    };
    if depth > 32 {
        return Err(error(req, 400, "INVALID_PARAMETER", "subPayments nest at most 32 levels", &[path]));
    }
    for (n, p) in items.iter().enumerate() {
        let here = format!("{path}[{n}]");
        match &p["amountInCents"] {
            Value::Null => {}
            Value::Number(x) if x.as_i64().is_some_and(|c| c >= 0) => {}
            _ => {
                return Err(error(
                    req,
                    400,
                    "INVALID_PARAMETER",
                    &format!("{here}.amountInCents: a whole number of cents"),
                    &[here.as_str()],
                ))
            }
        }
        if let Some(iban) = p["creditorIBAN"].as_str() {
            kassa::ident::iban::validate(iban).map_err(|e| {
                error(req, 400, "INVALID_PARAMETER", &format!("{here}.creditorIBAN: {e}"), &[here.as_str()])
            })?;
        }
        check_payments(req, &p["subPayments"], &format!("{here}.subPayments"), depth + 1)?;
    }
    Ok(())
}

fn create_transfer(ctx: &mut Ctx<'_>, req: &Req, who: &str, kind: &str, update: Option<&str>) -> R {
    let m = Value::Object(json_body(req)?);
    if kind == "confirmation-based" {
        let Some(list) = m["transferPayments"].as_array().filter(|l| !l.is_empty()) else {
            return Err(error(
                req,
                400,
                "MISSING_INPUT_FIELDS",
                "Missing fields: transferPayments",
                &["transferPayments"],
            ));
        };
        check_payments(req, &Value::Array(list.clone()), "transferPayments", 0)?;
    } else {
        require(req, &m, "endDate")?;
        let Some(creditors) = m["creditorPayments"].as_array().filter(|l| !l.is_empty()) else {
            return Err(error(
                req,
                400,
                "MISSING_INPUT_FIELDS",
                "Missing fields: creditorPayments",
                &["creditorPayments"],
            ));
        };
        let percentages: Vec<f64> = creditors.iter().filter_map(|c| c["percentage"].as_f64()).collect();
        if !percentages.is_empty() && (percentages.iter().sum::<f64>() - 100.0).abs() > 1e-9 {
            return Err(error(
                req,
                400,
                "INVALID_PARAMETER",
                "creditorPayments: the percentages add up to 100",
                &["creditorPayments"],
            ));
        }
        for c in creditors {
            if let Some(iban) = c["creditorIBAN"].as_str() {
                kassa::ident::iban::validate(iban).map_err(|e| {
                    error(req, 400, "INVALID_PARAMETER", &format!("creditorIBAN: {e}"), &["creditorPayments"])
                })?;
            }
        }
        // The schema says dd/MM/yyyy, its example YYYY-MM-DD: both are read.
        let end = m["endDate"].as_str().unwrap_or_default();
        let dmy_date = end.split('/').collect::<Vec<_>>();
        let readable = parse_date(end).is_some()
            || (dmy_date.len() == 3
                && parse_date(&format!("{}-{}-{}", dmy_date[2], dmy_date[1], dmy_date[0])).is_some());
        if !readable {
            return Err(error(req, 400, "INVALID_PARAMETER", "endDate: expected dd/MM/yyyy", &["endDate"]));
        }
    }
    if let Some(uuid) = update {
        let Some(t) = ctx.tenant.digiteal.transfers.get_mut(uuid).filter(|t| t.kind == kind && t.issuer == who) else {
            return Err(not_found(req, "trusted payment", "uuid"));
        };
        if t.status != "CREATED" {
            return Err(error(
                req,
                400,
                "INVALID_PARAMETER",
                &format!("the trusted payment is {}: it can no longer be updated", t.status),
                &["uuid"],
            ));
        }
        t.request = m;
        return Ok(Resp::empty(200));
    }
    let id = ctx.uuid();
    ctx.tenant.digiteal.counter += 1;
    let base = (ctx.tenant.digiteal.counter as u64 % 10_000_000_000).max(1);
    let reference = kassa::ident::ogm::generate(base)
        .map(|o| o.chars().filter(char::is_ascii_digit).collect::<String>())
        .unwrap_or_default();
    let x64 = hex_to_bytes(&id).map(|b| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)).unwrap_or_default();
    let result = json!({"creditorReference": reference, "transferID": id, "transferIDx64": x64});
    ctx.tenant.digiteal.transfers.insert(
        id,
        Transfer {
            kind: kind.to_owned(),
            issuer: who.to_owned(),
            status: "CREATED".into(),
            request: m,
            result: result.clone(),
            received_in_cents: 0,
        },
    );
    Ok(Resp::json(200, &result))
}

fn hex_to_bytes(h: &str) -> Option<Vec<u8>> {
    (0..h.len()).step_by(2).map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok()).collect()
}

fn transfer_notification(ctx: &mut Ctx<'_>, id: &str, status: &str) -> Value {
    let (reference, amount) = ctx
        .tenant
        .digiteal
        .transfers
        .get(id)
        .map(|t| (t.result["creditorReference"].as_str().map(str::to_owned), t.received_in_cents))
        .unwrap_or((None, 0));
    let mut body = payment_notification(id, reference, "EUR", Some(amount), status, ctx);
    body["transferID"] = Value::from(id);
    body
}

/// Executes (`validate`) or reimburses trusted payment `id`, with its webhooks.
pub fn settle_transfer(ctx: &mut Ctx<'_>, id: &str, validate: bool) -> Result<(), (u16, String)> {
    let Some(t) = ctx.tenant.digiteal.transfers.get_mut(id) else {
        return Err((404, format!("no trusted payment {id}")));
    };
    if t.status != "CREATED" {
        return Err((400, format!("the trusted payment is already {}", t.status)));
    }
    t.status = if validate { "EXECUTED" } else { "REIMBURSED" }.to_owned();
    let issuer = t.issuer.clone();
    let kinds: [&str; 2] = if validate {
        ["TRANSFER_PAYMENT_STARTED", "TRANSFER_PAYMENT_COMPLETED"]
    } else {
        ["TRANSFER_REIMBURSMENT_STARTED", "TRANSFER_REIMBURSEMENT_COMPLETED"]
    };
    for kind in kinds {
        let status = kind.trim_start_matches("TRANSFER_");
        let body = transfer_notification(ctx, id, status);
        ctx.notify(&issuer, kind, &body);
    }
    Ok(())
}

fn execute_transfer(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    let Some(id) = text(&m, "transferID") else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: transferID", &["transferID"]));
    };
    if ctx.tenant.digiteal.transfers.get(&id).is_none_or(|t| t.issuer != who) {
        return Err(not_found(req, "trusted payment", "transferID"));
    }
    let validate = !matches!(m.get("validate"), Some(Value::Bool(false)));
    settle_transfer(ctx, &id, validate)
        .map_err(|(status, message)| error(req, status, "INVALID_PARAMETER", &message, &["transferID"]))?;
    Ok(Resp::empty(200))
}

/// A payment received for trusted payment `id` (control endpoint); a time-based one reaching its
/// amount is executed.
pub fn receive_transfer_payment(ctx: &mut Ctx<'_>, id: &str, cents: i64) -> Result<Value, (u16, String)> {
    let Some(t) = ctx.tenant.digiteal.transfers.get_mut(id) else {
        return Err((404, format!("no trusted payment {id}")));
    };
    if t.status != "CREATED" {
        return Err((409, format!("the trusted payment is already {}", t.status)));
    }
    t.received_in_cents += cents;
    let target = (t.kind == "time-based").then(|| t.request["amountInCents"].as_i64()).flatten();
    let (issuer, received) = (t.issuer.clone(), t.received_in_cents);
    let body = transfer_notification(ctx, id, "PAYMENT_RECEIVED");
    ctx.notify(&issuer, "TRANSFER_PAYMENT_RECEIVED", &body);
    if target.is_some_and(|goal| received >= goal) {
        settle_transfer(ctx, id, true)?;
    }
    let status = ctx.tenant.digiteal.transfers.get(id).map(|t| t.status.clone());
    Ok(json!({"transferID": id, "receivedInCents": received, "status": status}))
}

// ----------------------------------------------------------------------------------------------
// Webhook configuration
// ----------------------------------------------------------------------------------------------

fn canonical_type(req: &Req, kind: &str) -> Result<String, Resp> {
    webhook_events::type_info(kind)
        .map(|t| t.name.to_owned())
        .ok_or_else(|| error(req, 400, "INVALID_PARAMETER", &format!("unknown webhook type `{kind}`"), &["type"]))
}

fn hooks_of(req: &Req, list: &Value) -> Result<Vec<(String, String)>, Resp> {
    let mut hooks = Vec::new();
    for h in list.as_array().into_iter().flatten() {
        let (Some(kind), Some(url)) = (h["type"].as_str(), h["url"].as_str()) else {
            return Err(error(req, 400, "MISSING_INPUT_FIELDS", "every webhook has a type and a url", &["webHooks"]));
        };
        hooks.push((canonical_type(req, kind)?, url.to_owned()));
    }
    Ok(hooks)
}

fn webhook_get(ctx: &mut Ctx<'_>, who: &str) -> R {
    let config = ctx.tenant.digiteal.webhooks.get(who).cloned().unwrap_or_default();
    let hooks: Vec<Value> = config.hooks.iter().map(|(k, u)| json!({"type": k, "url": u})).collect();
    Ok(Resp::json(
        200,
        &json!({"login": config.login, "password": "NotProvidedForSecurityReasons", "vatNumber": config.vat_number, "webHooks": hooks}),
    ))
}

fn webhook_upsert(ctx: &mut Ctx<'_>, req: &Req, who: &str) -> R {
    let m = json_body(req)?;
    let (Some(kind), Some(url)) = (text(&m, "type"), text(&m, "url")) else {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: type, url", &["type", "url"]));
    };
    let kind = canonical_type(req, &kind)?;
    let config = ctx.tenant.digiteal.webhooks.entry(who.to_owned()).or_default();
    config.hooks.retain(|(k, _)| *k != kind);
    config.hooks.push((kind, url));
    Ok(Resp::empty(200))
}

fn webhook_set(ctx: &mut Ctx<'_>, req: &Req, who: &str, credentials_only: bool) -> R {
    let m = Value::Object(json_body(req)?);
    let login = m["login"].as_str().map(str::to_owned);
    let password = m["password"].as_str().map(str::to_owned).filter(|p| p != "NotProvidedForSecurityReasons");
    if credentials_only && (login.is_none() || password.is_none()) {
        return Err(error(req, 400, "MISSING_INPUT_FIELDS", "Missing fields: login, password", &["login", "password"]));
    }
    let hooks = if credentials_only { None } else { Some(hooks_of(req, &m["webHooks"])?) };
    let config = ctx.tenant.digiteal.webhooks.entry(who.to_owned()).or_default();
    if login.is_some() || !credentials_only {
        config.login = login;
    }
    if password.is_some() || !credentials_only {
        config.password = password;
    }
    if let Some(vat) = m["vatNumber"].as_str() {
        config.vat_number = Some(vat.to_owned());
    }
    if let Some(hooks) = hooks {
        config.hooks = hooks;
    }
    Ok(Resp::empty(200))
}

fn webhook_delete(ctx: &mut Ctx<'_>, req: &Req, who: &str, kind: &str) -> R {
    let kind = canonical_type(req, kind)?;
    let config = ctx.tenant.digiteal.webhooks.entry(who.to_owned()).or_default();
    let before = config.hooks.len();
    config.hooks.retain(|(k, _)| *k != kind);
    if config.hooks.len() == before {
        return Err(not_found(req, &format!("webhook {kind}"), "type"));
    }
    Ok(Resp::empty(200))
}

// ----------------------------------------------------------------------------------------------
// Control endpoints: /_sandbox/digiteal/...
// ----------------------------------------------------------------------------------------------

fn answer(result: Result<Value, (u16, String)>) -> Resp {
    match result {
        Ok(v) => Resp::json(200, &v),
        Err((status, message)) => Resp::json(status, &json!({"error": message})),
    }
}

fn invoice_event(ctx: &mut Ctx<'_>, uuid: &str, kind: &str) -> Result<Value, (u16, String)> {
    let Some(inv) = ctx.tenant.digiteal.invoices.get_mut(uuid) else {
        return Err((404, format!("no invoice {uuid}")));
    };
    match kind {
        "INVOICE_UNPAID" if !inv.paid => return Err((409, "the invoice is not paid".into())),
        "INVOICE_UNPAID" => inv.paid = false,
        _ => {}
    }
    let inv = inv.clone();
    let mut body = invoice_notification(&inv, kind.trim_start_matches("INVOICE_"), ctx.now);
    if kind == "INVOICE_COMMENTED" {
        body["comment"] = Value::from("A comment from the sandbox's debtor");
    }
    ctx.notify(&inv.issuer, kind, &body);
    Ok(json!({"invoiceUUID": uuid, "event": kind}))
}

/// `/_sandbox/digiteal/...`.
pub fn control(ctx: &mut Ctx<'_>, req: &Req, rest: &[&str], body: &Map<String, Value>) -> Resp {
    let post = req.method == hyper::Method::POST;
    match rest {
        ["invoices"] => Resp::json(200, &json!(ctx.tenant.digiteal.invoices)),
        ["invoices", uuid, "pay"] if post => answer(pay_invoice(ctx, uuid, None)),
        ["invoices", uuid, "read"] if post => answer(invoice_event(ctx, uuid, "INVOICE_READ")),
        ["invoices", uuid, "comment"] if post => answer(invoice_event(ctx, uuid, "INVOICE_COMMENTED")),
        ["invoices", uuid, "unpay"] if post => answer(invoice_event(ctx, uuid, "INVOICE_UNPAID")),
        ["payment-requests", uuid, "pay"] if post => answer(pay_request(ctx, uuid)),
        ["payments", id, "status"] if post => {
            let status =
                body.get("status").and_then(Value::as_str).or(req.q("status")).unwrap_or("").to_ascii_uppercase();
            let kind = format!("PAYMENT_{status}");
            if webhook_events::type_info(&kind).is_none_or(|t| t.family != webhook_events::Family::Payment)
                || status == "INITIATED"
            {
                return Resp::json(
                    400,
                    &json!({"error": "status: WITHDRAWAL_ERROR, WITHDRAWAL_SUCCESS, REIMBURSMENT_FROM_DIGITEAL, TRANSFERRED or REIMBURSMENT_FROM_REQUESTOR"}),
                );
            }
            let Some(p) = ctx.tenant.digiteal.payments.get_mut(*id) else {
                return Resp::json(404, &json!({"error": format!("no payment {id}")}));
            };
            p.status = status.clone();
            p.notification["paymentStatus"] = Value::from(status.clone());
            let (issuer, mut notification, invoice) = (p.issuer.clone(), p.notification.clone(), p.invoice.clone());
            notification["executionTimestamp"] = Value::from(timestamp(ctx.now));
            ctx.notify(&issuer, &kind, &notification);
            if status.starts_with("REIMBURSMENT") || status == "WITHDRAWAL_ERROR" {
                if let Some(inv) = invoice {
                    let _ = invoice_event(ctx, &inv, "INVOICE_UNPAID");
                }
            }
            Resp::json(200, &json!({"paymentID": id, "paymentStatus": status}))
        }
        ["companies", vat, "activate"] if post => {
            let key = normal_vat(vat);
            let Some(c) = ctx.tenant.digiteal.companies.get_mut(&key) else {
                return Resp::json(404, &json!({"error": format!("no pre-registered company {vat}")}));
            };
            c["status"] = Value::from("PROD");
            let (who, body) = (
                c["registeredBy"].as_str().unwrap_or_default().to_owned(),
                json!({"vatNumber": c["vatNumber"], "companyName": c["company"]["companyName"], "status": "PROD"}),
            );
            ctx.notify(&who, "COMPANY_VALIDATED", &body);
            Resp::json(200, &body)
        }
        ["persons", email, "activate"] if post => {
            let key = email.to_ascii_lowercase();
            let Some(p) = ctx.tenant.digiteal.persons.get_mut(&key) else {
                return Resp::json(404, &json!({"error": format!("no pre-registered person {email}")}));
            };
            p["status"] = Value::from("OK");
            let (who, body) =
                (p["registeredBy"].as_str().unwrap_or_default().to_owned(), json!({"email": key, "status": "OK"}));
            ctx.notify(&who, "PERSON_VALIDATED", &body);
            Resp::json(200, &body)
        }
        ["transfers", id, "payments"] if post => {
            let cents = body.get("amountInCents").and_then(Value::as_i64).unwrap_or(0);
            if cents <= 0 {
                return Resp::json(400, &json!({"error": "amountInCents: a positive whole number"}));
            }
            answer(receive_transfer_payment(ctx, id, cents))
        }
        ["transfers", id, action @ ("execute" | "reimburse")] if post => {
            answer(settle_transfer(ctx, id, *action == "execute").map(|()| json!({"transferID": id})))
        }
        _ => Resp::json(404, &json!({"error": "no such control endpoint"})),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receiver_of_an_sbd() {
        let xml = "<StandardBusinessDocument><StandardBusinessDocumentHeader><Receiver><Identifier Authority=\"iso6523-actorid-upis\">0208:0123456749</Identifier></Receiver>";
        assert_eq!(sbd_receiver(xml).as_deref(), Some("0208:0123456749"));
    }
}
