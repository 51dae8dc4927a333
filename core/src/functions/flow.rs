//! The identity providers' pure functions (Billit's redirect back, Billit and Solaris webhook
//! signatures) and the identification flow, sans-IO (the clients' `identity` does the IO).

use serde::Serialize;

use crate::error::Error;
use crate::http::ResponseInput;
use crate::identity::{self, Evidence, Outcome, StartParams, Started};
use crate::operation::Provider;
use crate::providers::{billit, solaris};
use crate::wire::TextOrBytes;

function! {
    /// Reads the URL Billit sent the user's browser back to (`...?registrationID=42&success=true`):
    /// both parameters are required; itsme's error page is a `CallbackError` with itsme's code.
    BillitParseCallback = "billit.parse_callback", provider: Some(Provider::Billit), positional: ["url"],
    BillitParseCallbackArgs {
        /// The URL the browser came back on: absolute, a path with a query, or the bare query.
        url: String,
    } -> billit::CallbackResult = |a| billit::parse_callback(&a.url)
}

fn default_tolerance() -> u64 {
    billit::DEFAULT_TOLERANCE_SECS
}

function! {
    /// Verifies a Billit webhook (`Billit-Signature: t=<unix seconds>,s=<hex>`, HMAC-SHA256 over
    /// `"<t>.<raw body>"`, compared in constant time; several `s=` for secret rotation) and
    /// returns its JSON body. The timestamp must lie within `tolerance` seconds of `now`.
    BillitVerifyWebhook = "billit.verify_webhook", provider: Some(Provider::Billit),
        positional: ["body", "signature", "secret"],
    BillitVerifyWebhookArgs {
        /// The raw body as received (bytes, or text).
        body: TextOrBytes,
        /// The `Billit-Signature` header.
        signature: String,
        /// The webhook secret.
        secret: TextOrBytes,
        /// Now, in Unix seconds (the core reads no clock).
        now: u64,
        /// The largest accepted difference between the signature's time and now, in seconds.
        #[serde(default = "default_tolerance")]
        tolerance: u64,
    } -> serde_json::Value = |a| billit::verify_webhook(&a.body.bytes, &a.signature, &a.secret.bytes, a.now, a.tolerance)
}

function! {
    /// Verifies a Solaris webhook (`Solaris-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw
    /// body>`, compared in constant time) and parses it: `{event: "IDENTIFICATION", data}` or
    /// `{event: "UNKNOWN", data}`.
    SolarisVerifyWebhook = "solaris.verify_webhook", provider: Some(Provider::Solaris),
        positional: ["body", "signature", "secret"],
    SolarisVerifyWebhookArgs {
        /// The raw body as received (bytes, or text).
        body: TextOrBytes,
        /// The `Solaris-Webhook-Signature` header.
        signature: String,
        /// The webhook secret.
        secret: TextOrBytes,
    } -> solaris::WebhookEvent = |a| solaris::verify_webhook(&a.body.bytes, &a.signature, &a.secret.bytes)
}

/// An operation to send: its id and params (wire names).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OperationCall {
    /// The operation id.
    pub operation: &'static str,
    /// Its params, with the provider's wire names.
    pub params: serde_json::Value,
}

/// The evidence a status answer gives, for `identity.finish`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PolledEvidence {
    /// PassportReader: the session's state.
    pub state: Option<String>,
    /// Solaris: the identification session.
    pub session: Option<serde_json::Value>,
    /// Solaris: the identification.
    pub identification: Option<serde_json::Value>,
}

fn provider(name: &str) -> Result<Provider, Error> {
    Provider::from_name(name)
}

function! {
    /// The provider operation that starts an identification of `params.subject` (sans-IO: send it,
    /// then hand the answer to `identity.started`).
    IdentityStartOperation = "identity.start_operation", provider: None, positional: ["provider", "params"],
    IdentityStartOperationArgs {
        /// `billit`, `solaris` or `passportreader`.
        provider: String,
        /// What to verify and where to send the user back.
        params: StartParams,
    } -> OperationCall = |a| {
        let start = identity::start_operation(provider(&a.provider)?, &a.params)?;
        Ok(OperationCall { operation: start.operation(), params: start.params() })
    }
}

function! {
    /// Reads the answer to the start call (received at `now`) into a started identification:
    /// the URL or token for the user, the expiry, and the reference to finish with.
    IdentityStarted = "identity.started", provider: None, positional: ["provider", "params", "response"],
    IdentityStartedArgs {
        /// `billit`, `solaris` or `passportreader`.
        provider: String,
        /// The params `identity.start_operation` was given.
        params: StartParams,
        /// The provider's answer.
        #[cfg_attr(feature = "schema", schemars(with = "ResponseInput"))]
        #[serde(deserialize_with = "response")]
        response: crate::http::HttpResponse,
        /// When the answer arrived (Unix seconds), for the expiry.
        #[serde(default)]
        now: Option<u64>,
    } -> Started = |a| identity::started(provider(&a.provider)?, &a.params, &a.response, a.now)
}

fn response<'de, D: serde::Deserializer<'de>>(d: D) -> Result<crate::http::HttpResponse, D::Error> {
    let r = <ResponseInput as serde::Deserialize>::deserialize(d)?;
    Ok(crate::http::HttpResponse { status: r.status, headers: r.headers, body: r.body })
}

function! {
    /// The status call to make for `reference` (Solaris, PassportReader), or `null` for Billit,
    /// whose only evidence is the redirect.
    IdentityPollOperation = "identity.poll_operation", provider: None, positional: ["reference"],
    IdentityPollOperationArgs {
        /// The reference `identity.started` returned.
        reference: String,
    } -> Option<OperationCall> = |a| {
        Ok(identity::poll_operation(&a.reference)?.map(|p| OperationCall { operation: p.operation(), params: p.params() }))
    }
}

function! {
    /// Turns the answer to the status call into evidence for `identity.finish`.
    IdentityPollEvidence = "identity.poll_evidence", provider: None, positional: ["reference", "response"],
    IdentityPollEvidenceArgs {
        /// The reference `identity.started` returned.
        reference: String,
        /// The provider's answer to the status call.
        #[cfg_attr(feature = "schema", schemars(with = "ResponseInput"))]
        #[serde(deserialize_with = "response")]
        response: crate::http::HttpResponse,
    } -> PolledEvidence = |a| {
        let e = identity::poll_evidence(&a.reference, &a.response)?;
        Ok(PolledEvidence { state: e.state, session: e.session, identification: e.identification })
    }
}

function! {
    /// Where the identification `reference` stands, from what the provider gave back: verified,
    /// failed (with a reason), pending or expired.
    IdentityFinish = "identity.finish", provider: None, positional: ["reference", "evidence"],
    IdentityFinishArgs {
        /// The reference `identity.started` returned.
        reference: String,
        /// What the provider gave back.
        evidence: Evidence,
        /// Now (Unix seconds), to tell pending from expired.
        #[serde(default)]
        now: Option<u64>,
    } -> Outcome = |a| identity::finish(&a.reference, &a.evidence, a.now)
}

