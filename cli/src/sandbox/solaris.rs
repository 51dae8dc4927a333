//! Solaris (seed 002): OAuth2 client-credentials tokens with an expiry (`POST /oauth2/token`),
//! eligibility checks, identification sessions and identifications that move through their
//! statuses (driven by the control endpoints), and signed webhooks
//! (`Solaris-Webhook-Signature: sha256=<hex>`) to the session's `callback_url`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::credentials::{SOLARIS_CLIENT_ID, SOLARIS_CLIENT_SECRET};
use super::http::{iso_millis, Req, Resp};
use super::webhooks::{Auth, Outgoing};
use super::{Ctx, Mode, Provider};

const METHODS: &[&str] = &["idnow", "bank", "bank_id", "fourthline", "fourthline_signing", "postident"];
const STATUSES: &[&str] = &[
    "created",
    "pending",
    "pending_successful",
    "pending_failed",
    "successful",
    "failed",
    "aborted",
    "canceled",
    "expired",
    "authorization_required",
    "confirmation_required",
    "identification_data_required",
];
const FINAL: &[&str] = &["successful", "failed", "aborted", "canceled", "expired"];

/// Solaris's state in a tenant.
#[derive(Default, Serialize)]
pub struct State {
    /// Access tokens (never shown: only their count and expiry).
    #[serde(serialize_with = "token_summary")]
    pub tokens: BTreeMap<String, Token>,
    /// Persons configured through the control endpoint (every other person exists and is eligible).
    pub persons: BTreeMap<String, Person>,
    /// Identification sessions by id.
    pub sessions: BTreeMap<String, Session>,
    /// Identifications by id.
    pub identifications: BTreeMap<String, Value>,
}

fn token_summary<S: serde::Serializer>(tokens: &BTreeMap<String, Token>, s: S) -> Result<S::Ok, S::Error> {
    let list: Vec<&Token> = tokens.values().collect();
    list.serialize(s)
}

/// An access token.
#[derive(Clone, Serialize)]
pub struct Token {
    /// The client it was issued to.
    pub client_id: String,
    /// Unix seconds.
    pub expires_at: u64,
    /// Revoked through the control endpoint.
    pub revoked: bool,
    /// API requests it may still make (the `revoke` scenario), when limited.
    pub uses_left: Option<u32>,
}

/// A person's configuration.
#[derive(Clone, Serialize)]
pub struct Person {
    /// Eligible for identification.
    pub eligible: bool,
    /// Why not.
    pub reasons: Vec<String>,
}

/// An identification session.
#[derive(Clone, Serialize)]
pub struct Session {
    /// The session as Solaris answers it.
    pub body: Value,
    /// Its person.
    pub person_id: String,
}

/// Solaris's error list.
pub fn error(status: u16, code: &str, detail: &str) -> Resp {
    let title = code.replace('_', " ");
    Resp::json(
        status,
        &json!({"errors": [{"id": format!("err-{code}"), "status": status, "code": code, "title": title, "detail": detail, "source": {"pointer": "/"}}]}),
    )
}

fn oauth_error(status: u16, code: &str, description: &str) -> Resp {
    Resp::json(status, &json!({"error": code, "error_description": description}))
}

/// Answers a Solaris API request.
pub fn handle(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let segs = req.segs();
    match (&req.method, segs.as_slice()) {
        (&hyper::Method::POST, ["oauth2", "token"]) => token(ctx, req),
        (&hyper::Method::GET, ["onboarding" | "idnow", id]) => Resp::html(
            200,
            "Solaris identification (sandbox)",
            &format!("<p>{}: the sandbox completes identifications through <code>POST /_sandbox/solaris/identifications/&lt;id&gt;/complete</code>.</p>", super::http::esc(id)),
        ),
        (_, ["v1", "persons", person, rest @ ..]) => {
            if let Err(e) = authorize(ctx, req) {
                return e;
            }
            let person = (*person).to_owned();
            let rest: Vec<String> = rest.iter().map(|s| (*s).to_owned()).collect();
            api(ctx, req, &person, &rest.iter().map(String::as_str).collect::<Vec<_>>())
        }
        _ => error(404, "not_found", &format!("no route {} {}", req.method, req.path_str())),
    }
}

fn token(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let client = match req.basic() {
        Some((id, secret)) if !id.is_empty() && !secret.is_empty() => {
            if ctx.opts.strict && (id != SOLARIS_CLIENT_ID || secret != SOLARIS_CLIENT_SECRET) {
                return oauth_error(401, "invalid_client", "Bad client credentials");
            }
            id
        }
        _ => {
            return oauth_error(
                401,
                "invalid_client",
                "Client authentication failed (HTTP Basic client_id:client_secret)",
            )
        }
    };
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&req.body).into_owned().collect();
    let grant = form.iter().find(|(k, _)| k == "grant_type").map(|(_, v)| v.as_str());
    match grant {
        Some("client_credentials") => {}
        Some(other) => {
            return oauth_error(400, "unsupported_grant_type", &format!("grant_type `{other}` is not supported"))
        }
        None => return oauth_error(400, "invalid_request", "grant_type is required"),
    }
    let scope = form.iter().find(|(k, _)| k == "scope").map_or("partners", |(_, v)| v.as_str()).to_owned();
    let ttl = if ctx.tenant.mode == Mode::Shortlived { 1 } else { ctx.opts.solaris_token_ttl };
    let value = format!("sol-tok-{}", ctx.hex(32));
    let uses_left = (ctx.tenant.mode == Mode::Revoke).then_some(1);
    ctx.tenant
        .solaris
        .tokens
        .insert(value.clone(), Token { client_id: client, expires_at: ctx.now + ttl, revoked: false, uses_left });
    Resp::json(200, &json!({"access_token": value, "expires_in": ttl, "scope": scope, "token_type": "bearer"}))
}

fn authorize(ctx: &mut Ctx<'_>, req: &Req) -> Result<(), Resp> {
    let unauthorized = |detail: &str| error(401, "unauthorized", detail);
    let Some(value) = req.bearer() else {
        return Err(unauthorized("an access token is required (Authorization: Bearer)"));
    };
    let now = ctx.now;
    let Some(t) = ctx.tenant.solaris.tokens.get_mut(value) else {
        return Err(unauthorized("invalid access token"));
    };
    if t.revoked {
        return Err(unauthorized("the access token was revoked"));
    }
    // The clock counts whole seconds: a token is good through the second it expires in (one with
    // `expires_in: 1` issued at 12.9 s is still good at 13.0 s), expired after it.
    if now > t.expires_at {
        return Err(unauthorized("the access token has expired"));
    }
    match &mut t.uses_left {
        Some(0) => return Err(unauthorized("the access token was revoked")),
        Some(n) => *n -= 1,
        None => {}
    }
    Ok(())
}

fn body_object(req: &Req) -> Result<Map<String, Value>, Resp> {
    match req.json() {
        Ok(None) => Ok(Map::new()),
        Ok(Some(Value::Object(m))) => Ok(m),
        Ok(Some(_)) => Err(error(400, "invalid_request_body", "the body must be a JSON object")),
        Err(e) => Err(error(400, "invalid_json", &format!("the body is not JSON: {e}"))),
    }
}

fn method_of(value: Option<&Value>, field: &str) -> Result<String, Resp> {
    match value.and_then(Value::as_str) {
        Some(m) if METHODS.contains(&m) => Ok(m.to_owned()),
        Some(m) => Err(error(400, "invalid_model", &format!("{field}: unknown identification method `{m}`"))),
        None => Err(error(400, "invalid_model", &format!("{field} is required"))),
    }
}

fn eligibility(ctx: &Ctx<'_>, person: &str) -> (bool, Vec<String>) {
    match ctx.tenant.solaris.persons.get(person) {
        Some(p) => (p.eligible, p.reasons.clone()),
        None if person.starts_with("ineligible") => (false, vec!["iban_not_supported".to_owned()]),
        None => (true, Vec::new()),
    }
}

fn api(ctx: &mut Ctx<'_>, req: &Req, person: &str, rest: &[&str]) -> Resp {
    if person.starts_with("missing") {
        return error(404, "person_not_found", &format!("person {person} not found"));
    }
    let body = match body_object(req) {
        Ok(b) => b,
        Err(e) => return e,
    };
    let post = req.method == hyper::Method::POST;
    let get = req.method == hyper::Method::GET;
    match rest {
        ["identification_eligibility_checks"] if post => {
            let method = match body.get("method") {
                None => "bank".to_owned(),
                v => match method_of(v, "method") {
                    Ok(m) => m,
                    Err(e) => return e,
                },
            };
            let (eligible, reasons) = eligibility(ctx, person);
            Resp::json(201, &json!({"method": method, "eligible": eligible, "reasons": reasons}))
        }
        ["identification_sessions"] if post => create_session(ctx, person, &body),
        ["identification_sessions", sid, tail @ ..] => {
            let Some(session) = ctx.tenant.solaris.sessions.get(*sid).filter(|s| s.person_id == person).cloned() else {
                return error(404, "not_found", &format!("identification session {sid} not found for person {person}"));
            };
            match tail {
                [] if get => Resp::json(200, &session.body),
                ["configuration"] if get => Resp::json(
                    200,
                    &json!({"terms_and_conditions_pre_accepted": true, "fourthline_provider": "fourthline"}),
                ),
                ["identifications"] if post => create_identification(ctx, person, sid, &session, &body),
                ["identifications", id] if get => {
                    match ctx.tenant.solaris.identifications.get(*id).filter(|i| i["session_id"] == *sid) {
                        Some(i) => Resp::json(200, &public(i)),
                        None => error(404, "not_found", &format!("identification {id} not found")),
                    }
                }
                ["simulate_bank_id_until_identification_data_required"] if post => {
                    simulate_bank_id(ctx, person, sid, &session)
                }
                _ => error(404, "not_found", &format!("no route {} {}", req.method, req.path_str())),
            }
        }
        _ => error(404, "not_found", &format!("no route {} {}", req.method, req.path_str())),
    }
}

fn create_session(ctx: &mut Ctx<'_>, person: &str, body: &Map<String, Value>) -> Resp {
    let Some(methods) = body.get("identification_methods").and_then(Value::as_array).filter(|m| !m.is_empty()) else {
        return error(400, "invalid_model", "identification_methods is required (a non-empty list)");
    };
    let mut list = Vec::new();
    for m in methods {
        match method_of(Some(m), "identification_methods") {
            Ok(m) => list.push(m),
            Err(e) => return e,
        }
    }
    let callback_url = match body.get("callback_url") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return error(400, "invalid_model", "callback_url must be a string"),
    };
    let (eligible, reasons) = eligibility(ctx, person);
    if !eligible {
        return error(
            400,
            "person_not_eligible",
            &format!("the person is not eligible for {}: {}", list.join(", "), reasons.join(", ")),
        );
    }
    let id = format!("{}ises", ctx.hex(32));
    let url = format!("{}/onboarding/{id}", ctx.prefix(Provider::Solaris));
    let session = json!({"id": id, "url": url, "callback_url": callback_url, "identification_methods": list, "status": "created"});
    ctx.tenant.solaris.sessions.insert(id, Session { body: session.clone(), person_id: person.to_owned() });
    Resp::json(201, &session)
}

/// The identification as Solaris shows it (without the sandbox's bookkeeping).
fn public(i: &Value) -> Value {
    let mut v = i.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("session_id");
    }
    v
}

fn new_identification(ctx: &mut Ctx<'_>, person: &str, sid: &str, method: &str, body: &Map<String, Value>) -> Value {
    let id = format!("{}cidt", ctx.hex(32));
    let reference = format!("TST-{}", ctx.hex(5).to_ascii_uppercase());
    let url = (method == "idnow").then(|| format!("{}/idnow/{id}", ctx.prefix(Provider::Solaris)));
    let s = |k: &str| body.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "id": id, "reference": reference, "url": url, "status": "created", "completed_at": null, "method": method,
        "proof_of_address_type": s("proof_of_address_type"), "proof_of_address_issued_at": s("proof_of_address_issued_at"),
        "language": s("language"), "person_id": person, "address": null, "documents": [], "failure_reason": null,
        "iban": s("iban"), "authorization_expires_at": null, "confirmation_expires_at": null,
        "provider_status_code": null, "account_verification_error": null,
        "idnow_process_type": if method == "idnow" { Value::from("eid") } else { Value::Null },
        "session_id": sid,
    })
}

fn set_session_status(ctx: &mut Ctx<'_>, sid: &str, status: &str) {
    if let Some(s) = ctx.tenant.solaris.sessions.get_mut(sid) {
        s.body["status"] = Value::from(status);
    }
}

fn create_identification(
    ctx: &mut Ctx<'_>,
    person: &str,
    sid: &str,
    session: &Session,
    body: &Map<String, Value>,
) -> Resp {
    let method = match method_of(body.get("method"), "method") {
        Ok(m) => m,
        Err(e) => return e,
    };
    let allowed =
        session.body["identification_methods"].as_array().is_some_and(|l| l.iter().any(|m| m == method.as_str()));
    if !allowed {
        return error(
            400,
            "identification_method_not_allowed",
            &format!("the session does not allow the method {method}"),
        );
    }
    if matches!(method.as_str(), "bank" | "bank_id") {
        let Some(iban) = body.get("iban").and_then(Value::as_str) else {
            return error(400, "invalid_model", "iban is required for the bank and bank_id methods");
        };
        if let Err(e) = kassa::ident::iban::validate(iban) {
            return error(400, "invalid_iban", &format!("iban: {e}"));
        }
    }
    let ident = new_identification(ctx, person, sid, &method, body);
    let id = ident["id"].as_str().unwrap_or_default().to_owned();
    ctx.tenant.solaris.identifications.insert(id, ident.clone());
    set_session_status(ctx, sid, "pending");
    Resp::json(201, &public(&ident))
}

fn simulate_bank_id(ctx: &mut Ctx<'_>, person: &str, sid: &str, session: &Session) -> Resp {
    let allowed = session.body["identification_methods"].as_array().is_some_and(|l| l.iter().any(|m| m == "bank_id"));
    if !allowed {
        return error(400, "identification_method_not_allowed", "the session does not allow bank_id");
    }
    let existing = ctx
        .tenant
        .solaris
        .identifications
        .values()
        .find(|i| {
            i["session_id"] == sid && i["method"] == "bank_id" && !FINAL.contains(&i["status"].as_str().unwrap_or(""))
        })
        .and_then(|i| i["id"].as_str().map(str::to_owned));
    let id = match existing {
        Some(id) => id,
        None => {
            let mut body = Map::new();
            body.insert("iban".into(), Value::from("DE11010101010101010100"));
            let ident = new_identification(ctx, person, sid, "bank_id", &body);
            let id = ident["id"].as_str().unwrap_or_default().to_owned();
            ctx.tenant.solaris.identifications.insert(id.clone(), ident);
            id
        }
    };
    set_session_status(ctx, sid, "pending");
    match set_status(ctx, &id, "identification_data_required", None) {
        Ok(v) => Resp::json(200, &v),
        Err(e) => e,
    }
}

/// Moves identification `id` to `status`; a final status also ends its session and sends the
/// signed webhook to the session's `callback_url`.
fn set_status(ctx: &mut Ctx<'_>, id: &str, status: &str, failure_reason: Option<&str>) -> Result<Value, Resp> {
    if !STATUSES.contains(&status) {
        return Err(Resp::json(400, &json!({"error": format!("status `{status}`: one of {}", STATUSES.join(", "))})));
    }
    let now = ctx.now;
    let Some(i) = ctx.tenant.solaris.identifications.get_mut(id) else {
        return Err(Resp::json(404, &json!({"error": format!("no identification {id}")})));
    };
    let current = i["status"].as_str().unwrap_or("").to_owned();
    if FINAL.contains(&current.as_str()) {
        return Err(Resp::json(409, &json!({"error": format!("identification {id} is already {current}")})));
    }
    i["status"] = Value::from(status);
    let is_final = FINAL.contains(&status);
    if is_final {
        i["completed_at"] = Value::from(iso_millis(now));
    }
    if status == "successful" {
        i["address"] = json!({"line_1": "BERLINER STR. 45", "line_2": "Erste Etage", "postal_code": "14169", "city": "Berlin", "country": "DE", "state": "BE"});
        i["documents"] = json!([{"id": "doc-sandbox-1", "document_type": "ID_CARD"}]);
        i["provider_status_code"] = Value::from(1000);
    }
    if matches!(status, "failed" | "canceled" | "aborted" | "pending_failed") {
        i["failure_reason"] = Value::from(failure_reason.unwrap_or("fraud_suspicion_confirmed"));
    }
    if status == "authorization_required" {
        i["authorization_expires_at"] = Value::from(iso_millis(now + 600));
    }
    if status == "confirmation_required" {
        i["confirmation_expires_at"] = Value::from(iso_millis(now + 600));
    }
    let snapshot = public(i);
    let sid = i["session_id"].as_str().unwrap_or_default().to_owned();
    let session_status = match status {
        "successful" => Some("successful"),
        "failed" | "canceled" => Some("failed"),
        "aborted" => Some("aborted"),
        "expired" => Some("expired"),
        _ => None,
    };
    if let Some(s) = session_status {
        set_session_status(ctx, &sid, s);
    }
    let callback =
        ctx.tenant.solaris.sessions.get(&sid).and_then(|s| s.body["callback_url"].as_str().map(str::to_owned));
    if let Some(url) = callback.filter(|_| is_final || status.starts_with("pending_")) {
        ctx.out.push(Outgoing {
            provider: Provider::Solaris,
            kind: "IDENTIFICATION".to_owned(),
            url,
            auth: Auth::Solaris(ctx.tenant.webhooks.solaris_secret.clone().into_bytes()),
            body: serde_json::to_vec(&snapshot).unwrap_or_default(),
        });
    }
    Ok(snapshot)
}

/// `/_sandbox/solaris/...`.
pub fn control(ctx: &mut Ctx<'_>, req: &Req, rest: &[&str], body: &Map<String, Value>) -> Resp {
    let post = req.method == hyper::Method::POST;
    let text = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned).or_else(|| req.q(k).map(str::to_owned));
    match rest {
        ["identifications"] => {
            Resp::json(200, &json!(ctx.tenant.solaris.identifications.values().map(public).collect::<Vec<_>>()))
        }
        ["sessions"] => {
            Resp::json(200, &json!(ctx.tenant.solaris.sessions.values().map(|s| &s.body).collect::<Vec<_>>()))
        }
        ["identifications", id, "status"] if post => {
            let status = text("status").unwrap_or_default();
            let reason = text("failure_reason");
            set_status(ctx, id, &status, reason.as_deref()).map_or_else(|e| e, |v| Resp::json(200, &v))
        }
        ["identifications", id, "complete"] if post => {
            let success = body.get("success").and_then(Value::as_bool).unwrap_or(req.q("success") != Some("false"));
            let reason = text("failure_reason");
            let status = if success { "successful" } else { "failed" };
            set_status(ctx, id, status, reason.as_deref()).map_or_else(|e| e, |v| Resp::json(200, &v))
        }
        ["tokens", action @ ("expire" | "revoke")] if post => {
            let only = text("token");
            let now = ctx.now;
            let mut n = 0;
            for (value, t) in ctx.tenant.solaris.tokens.iter_mut() {
                if only.as_deref().is_some_and(|o| o != value) {
                    continue;
                }
                if *action == "expire" {
                    t.expires_at = t.expires_at.min(now.saturating_sub(1));
                } else {
                    t.revoked = true;
                }
                n += 1;
            }
            Resp::json(200, &json!({"tokens": n}))
        }
        ["persons", person] if post => {
            let eligible = body.get("eligible").and_then(Value::as_bool).unwrap_or(true);
            let reasons: Vec<String> = body
                .get("reasons")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_else(|| if eligible { vec![] } else { vec!["iban_not_supported".to_owned()] });
            ctx.tenant.solaris.persons.insert((*person).to_owned(), Person { eligible, reasons: reasons.clone() });
            Resp::json(200, &json!({"person_id": person, "eligible": eligible, "reasons": reasons}))
        }
        _ => Resp::json(404, &json!({"error": "no such control endpoint"})),
    }
}
