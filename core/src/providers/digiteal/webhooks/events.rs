//! Receiving Digiteal's webhooks: the calls Digiteal makes to the user's service "when something
//! happens" (guide `004`), with a JSON body, again every hour until it gets HTTP 200.
//!
//! # Types and families
//!
//! The guide lists each family's notification types (`CREATED`, `PAID`, ...); a webhook is
//! registered (`digiteal.webhooks.upsert`) under the family and the type joined, as the
//! reference's only example spells it: `PAYMENT_INITIATED`. [`TYPES`] lists all 43 known types:
//!
//! | family | prefix | types | payload |
//! |---|---|---|---|
//! | `company` | `COMPANY_` | CREATED, VALIDATED, UPDATED, PUT_ON_HOLD, CHANGED_INTEGRATOR, CHANGED_TRUSTED_PAYMENT_INTEGRATOR, DELETED | `CompanyNotification` |
//! | `person` | `PERSON_` | the same seven | `PersonNotification` |
//! | `invoice` | `INVOICE_` | PUBLISHED, READ, PAID, COMMENTED, UNPAID, DOCUMENT_ADDED, CREDIT_NOTE_PUBLISHED, CREDIT_NOTE_DOCUMENT_ADDED | `InvoiceNotification` |
//! | `customer` | `CUSTOMER_` | OPTIN, OPTOUT | `CustomerNotification` |
//! | `payment` | `PAYMENT_` | INITIATED, WITHDRAWAL_ERROR, WITHDRAWAL_SUCCESS, REIMBURSMENT_FROM_DIGITEAL, TRANSFERRED, REIMBURSMENT_FROM_REQUESTOR | `TransferOfFundsNotification` |
//! | `autopay` | `AUTOPAY_` | CREATE, UPDATE, SUSPEND, ACTIVATE, CANCEL | `AutoPaymentConfiguration` |
//! | `transfer` | (none) | TRANSFER_PAYMENT_RECEIVED, TRANSFER_PAYMENT_STARTED, TRANSFER_PAYMENT_COMPLETED, TRANSFER_REIMBURSMENT_STARTED, TRANSFER_REIMBURSEMENT_COMPLETED | `TransferOfFundsNotification` |
//! | `peppol` | `PEPPOL_` | INVOICE_RECEIVED, CREDIT_NOTE_RECEIVED, INVOICE_RESPONSE_RECEIVED | the PEPPOL notification |
//!
//! Spellings the seeds leave open, and kassa's choice (each accepted, the canonical name given):
//! - **Auto payments**: the guide calls the family "Auto Payment" and its payload
//!   `AutoPayConfiguration` without a registration prefix. kassa's canonical prefix is `AUTOPAY_`
//!   (`AUTOPAY_CREATE`); `AUTO_PAYMENT_`, `AUTOPAYMENT_`, `AUTO_PAY_` and
//!   `AUTOPAY_CONFIGURATION_` are read as the same types.
//! - **PEPPOL**: the guide names the "change type" of the PEPPOL notification webhook
//!   (`INVOICE_RECEIVED`, ...) without a family prefix. The canonical name is prefixed
//!   (`PEPPOL_INVOICE_RECEIVED`, so that it cannot be taken for an invoice webhook); the bare
//!   names are read as the same types.
//! - **Trusted payments**: the guide's names already carry `TRANSFER_`; they are used as they are.
//! - The guide's own misspellings (`REIMBURSMENT`, next to `REIMBURSEMENT`) are the wire names.
//!
//! A type kassa does not know is kept (family `unknown`), never refused.
//!
//! # Which type a call is
//!
//! The seeds define no type field in the body: a user registers one URL per type (or one for
//! several). So the type is the caller's `type` (the route the call arrived on) when given;
//! otherwise the first of the body's `type`, `webhookType`, `notificationType`, `changeType`
//! (the guide's word for PEPPOL) and `eventType` that is a string; otherwise it is unknown.
//!
//! # Payloads
//!
//! Typed where the seeds or a public integration show fields, lenient everywhere else: every
//! field not listed is kept in `extra` (the body's JSON as sent). A payment (and trusted
//! payment) notification carries `paymentRequestInformation {paymentID, remittanceInfo,
//! currency, amountInCents}`, `paymentStatus`, `paymentMethod`, `bankTransactionID` and
//! `executionTimestamp` (`yyyy-MM-dd HH:mm:ss`, checked). Amounts are integer cents: a float
//! there is a decode error naming the field. The interactive payment confirmation, the pay
//! button's "payment validated" webhook and the B2B debtor notification the guide mentions are
//! payment notifications of this shape, under the `PAYMENT_` types the user registered.
//!
//! # Authentication
//!
//! Digiteal presents, on each call, the login and password set with the webhook configuration
//! operations (`digiteal.webhooks.set_credentials`) as `Authorization: Basic`. [`verify`] checks
//! them in constant time: both sides are hashed (SHA-256) so that the comparison is of equal
//! lengths, login and password are both compared, and every configured pair is tried without an
//! early exit (several pairs: rotation). A missing header is `missing_credentials`, one that is
//! not `Basic base64(login:password)` `malformed_credentials`, wrong credentials
//! `credentials_mismatch` (all `SignatureError`s); the password never appears in a message.
//!
//! # Resends
//!
//! Digiteal resends until it gets 200, so an app must make its handler idempotent: each event
//! carries a `dedupe_key`, the SHA-256 of the canonical type and the raw body (same body and type:
//! same key; anything else: another key), to store and check before acting.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, ValidationCode};
use crate::webhook::{check_inputs, signature_error, MAX_BODY_BYTES};

/// A webhook family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Family {
    /// A company's registration (`CompanyNotification`).
    Company,
    /// A person's registration (`PersonNotification`).
    Person,
    /// An invoice or credit note (`InvoiceNotification`).
    Invoice,
    /// A customer's opt-in or opt-out (`CustomerNotification`).
    Customer,
    /// A payment (`TransferOfFundsNotification`).
    Payment,
    /// An auto-payment configuration (`AutoPaymentConfiguration`).
    Autopay,
    /// A trusted payment (`TransferOfFundsNotification`).
    Transfer,
    /// A PEPPOL document received by the Digiteal access point.
    Peppol,
    /// A type kassa does not know.
    Unknown,
}

/// One known webhook type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TypeInfo {
    /// The canonical registration name (`PAYMENT_INITIATED`).
    #[serde(rename = "type")]
    pub name: &'static str,
    /// Its family.
    pub family: Family,
    /// What happened, in the guide's words.
    pub description: &'static str,
}

const fn t(name: &'static str, family: Family, description: &'static str) -> TypeInfo {
    TypeInfo { name, family, description }
}

use Family::{Autopay, Company, Customer, Invoice, Payment, Peppol, Person, Transfer};

/// Every type the guide lists, with its canonical name.
pub const TYPES: &[TypeInfo] = &[
    t("COMPANY_CREATED", Company, "A company has been created."),
    t("COMPANY_VALIDATED", Company, "A company has been validated."),
    t("COMPANY_UPDATED", Company, "A company has been updated."),
    t("COMPANY_PUT_ON_HOLD", Company, "A company has been put on hold."),
    t("COMPANY_CHANGED_INTEGRATOR", Company, "A company has changed integrator."),
    t("COMPANY_CHANGED_TRUSTED_PAYMENT_INTEGRATOR", Company, "A company has changed trusted payment integrator."),
    t("COMPANY_DELETED", Company, "A company has been deleted."),
    t("PERSON_CREATED", Person, "A person has been created."),
    t("PERSON_VALIDATED", Person, "A person has been validated."),
    t("PERSON_UPDATED", Person, "A person has been updated."),
    t("PERSON_PUT_ON_HOLD", Person, "A person has been put on hold."),
    t("PERSON_CHANGED_INTEGRATOR", Person, "A person has changed integrator."),
    t("PERSON_CHANGED_TRUSTED_PAYMENT_INTEGRATOR", Person, "A person has changed trusted payment integrator."),
    t("PERSON_DELETED", Person, "A person has been deleted."),
    t("INVOICE_PUBLISHED", Invoice, "An invoice has been published."),
    t("INVOICE_READ", Invoice, "An invoice has been read for the first time by the customer."),
    t("INVOICE_PAID", Invoice, "An invoice has been paid."),
    t("INVOICE_COMMENTED", Invoice, "A comment has been added to an invoice."),
    t("INVOICE_UNPAID", Invoice, "An invoice that was paid is now not considered as paid anymore."),
    t("INVOICE_DOCUMENT_ADDED", Invoice, "A document has been attached to an invoice."),
    t("INVOICE_CREDIT_NOTE_PUBLISHED", Invoice, "A credit note has been published."),
    t("INVOICE_CREDIT_NOTE_DOCUMENT_ADDED", Invoice, "A document has been attached to a credit note."),
    t("CUSTOMER_OPTIN", Customer, "A customer did an opt in for a specific channel."),
    t("CUSTOMER_OPTOUT", Customer, "A customer did an opt out for a specific channel."),
    t("PAYMENT_INITIATED", Payment, "The payment has been initiated by the debtor."),
    t("PAYMENT_WITHDRAWAL_ERROR", Payment, "Money could not be withdrawn from the account of the debtor."),
    t("PAYMENT_WITHDRAWAL_SUCCESS", Payment, "Money has been withdrawn from the account of the debtor."),
    t(
        "PAYMENT_REIMBURSMENT_FROM_DIGITEAL",
        Payment,
        "The client asked a reimbursement while the money was in transit: Digiteal reimbursed the client.",
    ),
    t("PAYMENT_TRANSFERRED", Payment, "Money has been transferred to the creditor."),
    t(
        "PAYMENT_REIMBURSMENT_FROM_REQUESTOR",
        Payment,
        "The debtor asked a reimbursement after the transfer: Digiteal withdraws it from the creditor's account.",
    ),
    t("AUTOPAY_CREATE", Autopay, "The autopay configuration has been created and it is active."),
    t("AUTOPAY_UPDATE", Autopay, "The autopay configuration has been updated."),
    t("AUTOPAY_SUSPEND", Autopay, "The autopay configuration has been suspended (not active for the moment)."),
    t("AUTOPAY_ACTIVATE", Autopay, "The previously suspended autopay configuration has been re-activated."),
    t("AUTOPAY_CANCEL", Autopay, "The autopay configuration has been deleted."),
    t("TRANSFER_PAYMENT_RECEIVED", Transfer, "A payment has been received for a trusted payment."),
    t("TRANSFER_PAYMENT_STARTED", Transfer, "A trusted payment execution has started."),
    t("TRANSFER_PAYMENT_COMPLETED", Transfer, "A trusted payment execution has completed: the money is on the creditor's account."),
    t("TRANSFER_REIMBURSMENT_STARTED", Transfer, "A trusted payment reimbursement has started."),
    t("TRANSFER_REIMBURSEMENT_COMPLETED", Transfer, "A trusted payment reimbursement has completed: the money is on the debtor's account."),
    t("PEPPOL_INVOICE_RECEIVED", Peppol, "You received an invoice through PEPPOL."),
    t("PEPPOL_CREDIT_NOTE_RECEIVED", Peppol, "You received a credit note through PEPPOL."),
    t("PEPPOL_INVOICE_RESPONSE_RECEIVED", Peppol, "You received an invoice response (a business answer to an invoice you sent)."),
];

/// Other spellings of a prefix, read as the canonical one.
const PREFIX_ALIASES: &[(&str, &str)] = &[
    ("AUTO_PAYMENT_", "AUTOPAY_"),
    ("AUTOPAYMENT_", "AUTOPAY_"),
    ("AUTO_PAY_", "AUTOPAY_"),
    ("AUTOPAY_CONFIGURATION_", "AUTOPAY_"),
];

/// The body fields a type is read from when the caller gives none, in order.
pub const TYPE_FIELDS: &[&str] = &["type", "webhookType", "notificationType", "changeType", "eventType"];

/// The known type `name` (any case; accepted spellings), or `None`.
pub fn type_info(name: &str) -> Option<&'static TypeInfo> {
    let upper = name.trim().to_ascii_uppercase();
    if let Some(t) = TYPES.iter().find(|t| t.name == upper) {
        return Some(t);
    }
    for (alias, canonical) in PREFIX_ALIASES {
        if let Some(rest) = upper.strip_prefix(alias) {
            let full = format!("{canonical}{rest}");
            return TYPES.iter().find(|t| t.name == full);
        }
    }
    // PEPPOL's change types without the family prefix.
    let prefixed = format!("PEPPOL_{upper}");
    TYPES.iter().find(|t| t.family == Family::Peppol && t.name == prefixed)
}

/// `paymentRequestInformation` of a payment notification.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentRequestInformation {
    /// The payment's id.
    #[serde(default, rename = "paymentID")]
    pub payment_id: Option<String>,
    /// The communication of the payment.
    #[serde(default)]
    pub remittance_info: Option<String>,
    /// ISO 4217 currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// The amount in integer cents.
    #[serde(default)]
    pub amount_in_cents: Option<i64>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TransferOfFundsNotification`: a payment or trusted payment webhook's body.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferOfFundsNotification {
    /// What was paid.
    #[serde(default)]
    pub payment_request_information: Option<PaymentRequestInformation>,
    /// The payment's status.
    #[serde(default)]
    pub payment_status: Option<String>,
    /// How it was paid.
    #[serde(default)]
    pub payment_method: Option<String>,
    /// The bank's transaction id.
    #[serde(default, rename = "bankTransactionID")]
    pub bank_transaction_id: Option<String>,
    /// When it was executed: `yyyy-MM-dd HH:mm:ss`.
    #[serde(default)]
    pub execution_timestamp: Option<String>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a webhook, read for its family: typed where the fields are known, every other
/// field (and every other family's body) kept as sent.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum EventData {
    /// A payment or trusted payment notification.
    Payment(TransferOfFundsNotification),
    /// Any other body: its JSON object as sent.
    Other(Map<String, Value>),
}

/// A received webhook.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WebhookEvent {
    /// The canonical type (`PAYMENT_INITIATED`), or the type as given when kassa does not know it,
    /// or `null` when neither the caller nor the body says.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The type's family (`unknown` for a type kassa does not know).
    pub family: Family,
    /// Whether kassa knows the type.
    pub known: bool,
    /// The same for the same body and type, and only then: store it to handle resends once.
    pub dedupe_key: String,
    /// The body, read for its family.
    pub data: EventData,
}

/// Reads a webhook body (raw bytes, as received) of `kind` (the route it arrived on; else the
/// body's type fields are looked at). The body must be a JSON object of at most
/// [`MAX_BODY_BYTES`] bytes, valid UTF-8, nested at most 64 levels.
pub fn parse(body: &[u8], kind: Option<&str>) -> Result<WebhookEvent, Error> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::validation(
            ValidationCode::BodyTooLarge,
            "body",
            format!("a webhook body is at most {MAX_BODY_BYTES} bytes, this one has {}", body.len()),
        ));
    }
    if std::str::from_utf8(body).is_err() {
        return Err(Error::decode("body", "the body is not valid UTF-8"));
    }
    let value: Value = crate::wire::from_json_body(body)?;
    let Value::Object(object) = value else {
        return Err(Error::decode("body", "a webhook body is a JSON object"));
    };
    let given = kind.map(str::to_owned).or_else(|| {
        TYPE_FIELDS.iter().find_map(|f| object.get(*f).and_then(Value::as_str).map(str::to_owned))
    });
    let info = given.as_deref().and_then(type_info);
    let family = info.map_or(Family::Unknown, |t| t.family);
    let canonical = info.map(|t| t.name.to_owned()).or(given);
    let data = match family {
        Family::Payment | Family::Transfer => {
            let object = Value::Object(object);
            let n = TransferOfFundsNotification::deserialize(crate::input::Json(&object))
                .map_err(|e| crate::wire::body_error(&e))?;
            if let Some(ts) = &n.execution_timestamp {
                if !is_timestamp(ts) {
                    return Err(Error::decode(
                        "body.executionTimestamp",
                        format!("expected yyyy-MM-dd HH:mm:ss, got `{}`", ts.chars().take(40).collect::<String>()),
                    ));
                }
            }
            EventData::Payment(n)
        }
        _ => EventData::Other(object),
    };
    Ok(WebhookEvent {
        dedupe_key: dedupe_key(canonical.as_deref().unwrap_or(""), body),
        kind: canonical,
        family,
        known: info.is_some(),
        data,
    })
}

/// `yyyy-MM-dd HH:mm:ss` with a real date and time.
fn is_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once(' ') else { return false };
    let t: Vec<&str> = time.split(':').collect();
    let small = |v: &str, max: u32| v.len() == 2 && v.parse::<u32>().is_ok_and(|n| n <= max);
    super::super::rules::parse_date(date).is_some() && t.len() == 3 && small(t[0], 23) && small(t[1], 59) && small(t[2], 59)
}

/// The SHA-256 of the type, a NUL and the raw body, in hex: same body and type, same key.
pub fn dedupe_key(kind: &str, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(kind.as_bytes());
    hash.update([0]);
    hash.update(body);
    hex::encode(hash.finalize())
}

/// A login and password Digiteal presents.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Credentials {
    /// The login set with `digiteal.webhooks.set_credentials`.
    pub login: String,
    /// The password set with it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::config::Secret"))]
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("login", &self.login).field("password", &"[redacted]").finish()
    }
}

fn sha(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Checks the `Authorization` header Digiteal sent against `credentials` (any of them: rotation),
/// in constant time, then reads the body ([`parse`]).
pub fn verify(
    body: &[u8],
    authorization: Option<&str>,
    credentials: &[Credentials],
    kind: Option<&str>,
) -> Result<WebhookEvent, Error> {
    if credentials.is_empty() {
        return Err(Error::validation(ValidationCode::InvalidParams, "login", "give the login and password to check"));
    }
    for c in credentials {
        check_inputs(b"", c.login.as_bytes()).map_err(|_| {
            Error::validation(ValidationCode::WebhookSecretEmpty, "login", "the webhook login is empty")
        })?;
        check_inputs(body, c.password.as_bytes()).map_err(|e| match e {
            Error::Validation(v) if v.code == ValidationCode::WebhookSecretEmpty => Error::validation(
                ValidationCode::WebhookSecretEmpty,
                "password",
                "the webhook password is empty: is its environment variable set?",
            ),
            other => other,
        })?;
    }
    let header = authorization.map(str::trim).filter(|h| !h.is_empty()).ok_or_else(|| {
        signature_error("missing_credentials", "the call has no Authorization header")
    })?;
    let (login, password) = basic(header)?;
    let (login, password) = (sha(&login), sha(&password));
    let mut matched = subtle::Choice::from(0);
    for c in credentials {
        matched |= login.ct_eq(&sha(c.login.as_bytes())) & password.ct_eq(&sha(c.password.as_bytes()));
    }
    if !bool::from(matched) {
        return Err(signature_error("credentials_mismatch", "the login or password Digiteal presented is not the configured one"));
    }
    parse(body, kind)
}

/// `Basic base64(login:password)` as its two parts.
fn basic(header: &str) -> Result<(Vec<u8>, Vec<u8>), Error> {
    use base64::Engine as _;
    let malformed = || signature_error("malformed_credentials", "expected `Authorization: Basic base64(login:password)`");
    let (scheme, encoded) = header.split_once(' ').ok_or_else(malformed)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(malformed());
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).map_err(|_| malformed())?;
    let colon = decoded.iter().position(|&b| b == b':').ok_or_else(malformed)?;
    Ok((decoded[..colon].to_vec(), decoded[colon + 1..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn auth(login: &str, password: &str) -> String {
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{login}:{password}")))
    }

    fn creds() -> Vec<Credentials> {
        vec![Credentials { login: "hook-user".into(), password: "hook-pass-1".into() }]
    }

    const PAYMENT: &[u8] = br#"{"paymentRequestInformation": {"paymentID": "p1", "remittanceInfo": "Invoice 1", "currency": "EUR", "amountInCents": 1234, "other": 1}, "paymentStatus": "INITIATED", "paymentMethod": "SCT", "bankTransactionID": "b1", "executionTimestamp": "2024-05-01 10:11:12", "extraField": true}"#;

    #[test]
    fn every_type_is_known_under_its_spellings() {
        assert_eq!(TYPES.len(), 43);
        for t in TYPES {
            assert_eq!(type_info(t.name).map(|i| i.name), Some(t.name));
            assert_eq!(type_info(&t.name.to_ascii_lowercase()).map(|i| i.name), Some(t.name));
        }
        assert_eq!(type_info("AUTO_PAYMENT_CREATE").unwrap().name, "AUTOPAY_CREATE");
        assert_eq!(type_info("AUTOPAYMENT_CANCEL").unwrap().name, "AUTOPAY_CANCEL");
        assert_eq!(type_info("INVOICE_RECEIVED").unwrap().name, "PEPPOL_INVOICE_RECEIVED");
        assert_eq!(type_info("INVOICE_PAID").unwrap().family, Family::Invoice);
        assert!(type_info("SOMETHING_NEW").is_none());
    }

    #[test]
    fn payments_are_typed_and_keep_unknown_fields() {
        let e = verify(PAYMENT, Some(&auth("hook-user", "hook-pass-1")), &creds(), Some("PAYMENT_INITIATED")).unwrap();
        assert_eq!((e.kind.as_deref(), e.family, e.known), (Some("PAYMENT_INITIATED"), Family::Payment, true));
        let EventData::Payment(p) = &e.data else { panic!() };
        let info = p.payment_request_information.as_ref().unwrap();
        assert_eq!((info.amount_in_cents, info.extra.get("other")), (Some(1234), Some(&serde_json::json!(1))));
        assert_eq!(p.extra.get("extraField"), Some(&serde_json::json!(true)));
        let float = br#"{"paymentRequestInformation": {"amountInCents": 12.5}}"#;
        let err = parse(float, Some("PAYMENT_INITIATED")).unwrap_err();
        assert!(err.to_string().contains("amountInCents"), "{err}");
        let bad_time = br#"{"executionTimestamp": "2024-02-30 10:00:00"}"#;
        assert_eq!(parse(bad_time, Some("PAYMENT_TRANSFERRED")).unwrap_err().code(), "decode");
    }

    #[test]
    fn credentials() {
        let code = |h: Option<&str>| verify(b"{}", h, &creds(), None).unwrap_err().code().to_owned();
        assert_eq!(code(None), "missing_credentials");
        assert_eq!(code(Some("Bearer x")), "malformed_credentials");
        assert_eq!(code(Some("Basic !!!")), "malformed_credentials");
        assert_eq!(code(Some(&format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("nocolon")))), "malformed_credentials");
        assert_eq!(code(Some(&auth("hook-user", "wrong"))), "credentials_mismatch");
        assert_eq!(code(Some(&auth("other", "hook-pass-1"))), "credentials_mismatch");
        let err = verify(b"{}", Some(&auth("hook-user", "wrong")), &creds(), None).unwrap_err();
        assert!(!err.to_string().contains("hook-pass-1") && !err.to_string().contains("wrong"));
        let rotated = vec![creds()[0].clone(), Credentials { login: "hook-user".into(), password: "hook-pass-2".into() }];
        assert!(verify(b"{}", Some(&auth("hook-user", "hook-pass-2")), &rotated, None).is_ok());
        let empty = vec![Credentials { login: "hook-user".into(), password: " ".into() }];
        assert_eq!(verify(b"{}", Some(&auth("hook-user", " ")), &empty, None).unwrap_err().code(), "webhook_secret_empty");
    }

    #[test]
    fn types_from_the_caller_or_the_body_and_resends() {
        let body = br#"{"changeType": "INVOICE_RESPONSE_RECEIVED", "documentId": "d1"}"#;
        let e = parse(body, None).unwrap();
        assert_eq!((e.kind.as_deref(), e.family), (Some("PEPPOL_INVOICE_RESPONSE_RECEIVED"), Family::Peppol));
        let unknown = parse(br#"{"a": 1}"#, Some("BRAND_NEW")).unwrap();
        assert_eq!((unknown.kind.as_deref(), unknown.family, unknown.known), (Some("BRAND_NEW"), Family::Unknown, false));
        let none = parse(br#"{"a": 1}"#, None).unwrap();
        assert_eq!(none.kind, None);
        let a = parse(PAYMENT, Some("PAYMENT_INITIATED")).unwrap();
        let again = parse(PAYMENT, Some("payment_initiated")).unwrap();
        let other_type = parse(PAYMENT, Some("PAYMENT_TRANSFERRED")).unwrap();
        let other_body = parse(br#"{"paymentStatus": "X"}"#, Some("PAYMENT_INITIATED")).unwrap();
        assert_eq!(a.dedupe_key, again.dedupe_key);
        assert_ne!(a.dedupe_key, other_type.dedupe_key);
        assert_ne!(a.dedupe_key, other_body.dedupe_key);
    }

    #[test]
    fn bad_bodies_are_typed_errors() {
        for body in [&b""[..], b"  ", b"\xff\xfe", b"not json", b"[1, 2]", b"\"text\""] {
            assert_eq!(parse(body, Some("PAYMENT_INITIATED")).unwrap_err().kind(), "decode", "{body:?}");
        }
        let deep = format!("{}{}", "{\"a\":".repeat(100), "}".repeat(100));
        assert_eq!(parse(deep.as_bytes(), None).unwrap_err().kind(), "decode");
        let huge = vec![b' '; MAX_BODY_BYTES + 1];
        assert_eq!(parse(&huge, None).unwrap_err().code(), "body_too_large");
    }
}
