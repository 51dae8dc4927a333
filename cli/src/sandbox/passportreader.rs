//! PassportReader (seed 003): `POST /api/v1/session.create|get|state` with HTTP Basic, sessions
//! that move CREATED → INITIATED → COMPLETED → APPROVED | REJECTED (or FAILED / ABORTED), driven by
//! the control endpoints or the sandbox's page at `<base>/session/<token>`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::credentials::{PASSPORTREADER_PUBLIC_KEY, PASSPORTREADER_SECRET};
use super::http::{esc, iso, Req, Resp};
use super::webhooks::{Auth, Outgoing};
use super::{Ctx, Provider};

/// The first session id: 2^53 + 1, so that every id exercises 64-bit integers (no doubles).
const FIRST_ID: i64 = 9_007_199_254_740_993;

/// PassportReader's state in a tenant.
#[derive(Default, Serialize)]
pub struct State {
    /// Sessions by id.
    pub sessions: BTreeMap<i64, Session>,
}

/// One identity session.
#[derive(Clone, Serialize)]
pub struct Session {
    /// The id (64-bit).
    pub id: i64,
    /// The token handed to the user's app.
    pub token: String,
    /// CREATED, INITIATED, COMPLETED, APPROVED, REJECTED, FAILED, ABORTED.
    pub state: String,
    /// Unix seconds.
    pub created: u64,
    /// Unix seconds.
    pub expires: u64,
    /// The caller's reference.
    pub reference: Option<String>,
    /// Where state changes are posted (loopback only).
    pub callback_url: Option<String>,
    /// Whether a face check was asked for.
    pub face_verification: bool,
    /// The document's data, once COMPLETED.
    pub person: Map<String, Value>,
}

fn error(status: u16, name: &str, message: &str) -> Resp {
    Resp::json(status, &json!({"error_message": message, "error_name": name}))
}

fn authorized(ctx: &Ctx<'_>, req: &Req) -> bool {
    match req.basic() {
        Some((user, secret)) if !user.is_empty() && !secret.is_empty() => {
            !ctx.opts.strict || (user == PASSPORTREADER_PUBLIC_KEY && secret == PASSPORTREADER_SECRET)
        }
        _ => false,
    }
}

fn session_json(s: &Session) -> Value {
    let mut v = json!({
        "id": s.id, "created": iso(s.created), "expires": iso(s.expires), "state": s.state,
        "reference": s.reference, "user_ip": null, "user_agent": null,
    });
    let fields = [
        "given_names",
        "surname",
        "nationality",
        "sex",
        "date_of_birth",
        "personal_number",
        "document_type",
        "document_number",
        "expiry_date",
        "issuing_country",
        "issuer",
        "portrait",
        "face",
    ];
    for f in fields {
        v[f] = s.person.get(f).cloned().unwrap_or(Value::Null);
    }
    if let Some(ip) = s.person.get("user_ip") {
        v["user_ip"] = ip.clone();
    }
    if let Some(ua) = s.person.get("user_agent") {
        v["user_agent"] = ua.clone();
    }
    v
}

/// A sample document: Jane Doe's Belgian passport (fields a caller gives override it).
fn sample_person(given: Option<&Map<String, Value>>, face: bool) -> Map<String, Value> {
    let mut p = json!({
        "given_names": "Jane", "surname": "Doe", "nationality": "BE", "sex": "F", "date_of_birth": "1990-01-31",
        "personal_number": "90013100123", "document_type": "P", "document_number": "EM000000",
        "expiry_date": "2030-01-01", "issuing_country": "BE", "issuer": "BEL", "portrait": "aW1hZ2U=",
        "face": if face { Value::from("ZmFjZQ==") } else { Value::Null },
        "user_ip": "127.0.0.1", "user_agent": "kassa-sandbox",
    });
    if let (Some(map), Some(given)) = (p.as_object_mut(), given) {
        for (k, v) in given {
            map.insert(k.clone(), v.clone());
        }
    }
    p.as_object().cloned().unwrap_or_default()
}

fn string_prop(body: &Map<String, Value>, name: &str) -> Result<Option<String>, Resp> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(error(400, "BadRequest", &format!("Invalid type for property {name}: expected string"))),
    }
}

fn id_prop(body: &Map<String, Value>) -> Result<i64, Resp> {
    match body.get("id") {
        None | Some(Value::Null) => Err(error(400, "BadRequest", "Missing required property: id")),
        Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64().unwrap_or_default()),
        Some(_) => Err(error(400, "BadRequest", "Invalid type for property id: expected integer")),
    }
}

/// Answers a PassportReader API request, with an `X-Request-Id`.
pub fn handle(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let id = format!("req-{}", ctx.hex(12));
    answer(ctx, req).header("x-request-id", id)
}

fn answer(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let segs = req.segs();
    if let (&hyper::Method::GET, ["session", token]) = (&req.method, segs.as_slice()) {
        return page(ctx, token);
    }
    let ["api", "v1", method] = segs.as_slice() else {
        return error(404, "NotFound", &format!("No route {}", req.path_str()));
    };
    let Some(name) = method.strip_prefix("session.") else {
        return error(404, "NotFound", &format!("No method {method}"));
    };
    if req.method != hyper::Method::POST {
        return error(405, "MethodNotAllowed", "All API requests must be POST requests");
    }
    if !authorized(ctx, req) {
        return error(401, "Unauthorized", "Invalid credentials");
    }
    let body = match req.json() {
        Ok(None) => Map::new(),
        Ok(Some(Value::Object(m))) => m,
        Ok(Some(_)) => return error(400, "BadRequest", "Invalid JSON body: expected an object"),
        Err(e) => return error(400, "BadRequest", &format!("Invalid JSON body: {e}")),
    };
    match name {
        "create" => create(ctx, &body).unwrap_or_else(|e| e),
        "get" | "state" => {
            let id = match id_prop(&body) {
                Ok(id) => id,
                Err(e) => return e,
            };
            let Some(session) = ctx.tenant.passportreader.sessions.get(&id) else {
                return error(404, "SessionNotFound", &format!("No session found with id: {id}"));
            };
            if name == "get" {
                Resp::json(200, &session_json(session))
            } else {
                Resp::json(200, &json!({"state": session.state}))
            }
        }
        other => error(404, "NotFound", &format!("No method session.{other}")),
    }
}

fn create(ctx: &mut Ctx<'_>, body: &Map<String, Value>) -> Result<Resp, Resp> {
    let reference = string_prop(body, "reference")?;
    let callback_url = string_prop(body, "callback_url")?;
    let face_verification = match body.get("face_verification") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(error(400, "BadRequest", "Invalid type for property face_verification: expected boolean"))
        }
    };
    if let Some(url) = &callback_url {
        if url::Url::parse(url).is_err() {
            return Err(error(400, "BadRequest", "Invalid value for property callback_url: expected a URL"));
        }
    }
    let id = FIRST_ID + ctx.tenant.passportreader.sessions.len() as i64;
    let token = format!("i_{}", ctx.hex(24));
    let session = Session {
        id,
        token: token.clone(),
        state: "CREATED".to_owned(),
        created: ctx.now,
        expires: ctx.now + 86_400,
        reference,
        callback_url,
        face_verification,
        person: Map::new(),
    };
    ctx.tenant.passportreader.sessions.insert(id, session);
    Ok(Resp::json(200, &json!({"id": id, "token": token})))
}

fn page(ctx: &mut Ctx<'_>, token: &str) -> Resp {
    let Some(id) = ctx.tenant.passportreader.sessions.values().find(|s| s.token == token).map(|s| s.id) else {
        return Resp::html(404, "No such session", "<p>This session token is unknown.</p>");
    };
    if ctx.tenant.passportreader.sessions.get(&id).is_some_and(|s| s.state == "CREATED") {
        let _ = transition(ctx, id, "INITIATED", None);
    }
    let approve = ctx.control_url(&format!("/passportreader/sessions/{id}/complete?outcome=approved"));
    let reject = ctx.control_url(&format!("/passportreader/sessions/{id}/complete?outcome=rejected"));
    Resp::html(
        200,
        "PassportReader",
        &format!(
            "<p>Session {id}: scan your document.</p><form method=\"post\" action=\"{a}\"><button>Scan and approve</button></form>\
             <form method=\"post\" action=\"{r}\"><button>Scan and reject</button></form>",
            a = esc(&approve),
            r = esc(&reject)
        ),
    )
}

const NEXT: &[(&str, &[&str])] = &[
    ("CREATED", &["INITIATED", "FAILED", "ABORTED"]),
    ("INITIATED", &["COMPLETED", "FAILED", "ABORTED"]),
    ("COMPLETED", &["APPROVED", "REJECTED"]),
];

/// Moves session `id` to `state` (a step the real flow allows), posting the change to its callback.
fn transition(ctx: &mut Ctx<'_>, id: i64, state: &str, person: Option<&Map<String, Value>>) -> Result<(), Resp> {
    let Some(s) = ctx.tenant.passportreader.sessions.get_mut(&id) else {
        return Err(Resp::json(404, &json!({"error": format!("no session {id}")})));
    };
    let allowed = NEXT.iter().find(|(from, _)| *from == s.state).is_some_and(|(_, to)| to.contains(&state));
    if !allowed {
        return Err(Resp::json(
            409,
            &json!({"error": format!("session {id} is {}: it cannot become {state}", s.state)}),
        ));
    }
    s.state = state.to_owned();
    if state == "COMPLETED" {
        s.person = sample_person(person, s.face_verification);
    }
    if let Some(url) = s.callback_url.clone() {
        let body = json!({"id": s.id, "state": s.state, "reference": s.reference});
        ctx.out.push(Outgoing {
            provider: Provider::PassportReader,
            kind: "session.state".to_owned(),
            url,
            auth: Auth::None,
            body: serde_json::to_vec(&body).unwrap_or_default(),
        });
    }
    Ok(())
}

/// `/_sandbox/passportreader/...`.
pub fn control(ctx: &mut Ctx<'_>, req: &Req, rest: &[&str], body: &Map<String, Value>) -> Resp {
    let result = match rest {
        // The control view adds what only the provider's side knows: the token handed to the
        // user's app (the session page is `/session/<token>`) and the callback URL.
        ["sessions"] => Ok(Resp::json(
            200,
            &json!(ctx
                .tenant
                .passportreader
                .sessions
                .values()
                .map(|s| {
                    let mut v = session_json(s);
                    v["token"] = Value::from(s.token.clone());
                    v["callback_url"] = s.callback_url.clone().map_or(Value::Null, Value::from);
                    v
                })
                .collect::<Vec<_>>()),
        )),
        ["sessions", id, action] if req.method == hyper::Method::POST => {
            let Ok(id) = id.parse::<i64>() else {
                return Resp::json(400, &json!({"error": "a session id is an integer"}));
            };
            let person = body.get("person").and_then(Value::as_object).cloned();
            match *action {
                "state" => {
                    let state =
                        body.get("state").and_then(Value::as_str).or(req.q("state")).unwrap_or("").to_ascii_uppercase();
                    transition(ctx, id, &state, person.as_ref()).map(|()| Resp::empty(200))
                }
                "complete" => {
                    let outcome =
                        body.get("outcome").and_then(Value::as_str).or(req.q("outcome")).unwrap_or("approved");
                    let last = match outcome.to_ascii_lowercase().as_str() {
                        "approved" => "APPROVED",
                        "rejected" => "REJECTED",
                        "failed" => "FAILED",
                        "aborted" => "ABORTED",
                        other => {
                            return Resp::json(
                                400,
                                &json!({"error": format!("outcome `{other}`: approved, rejected, failed or aborted")}),
                            )
                        }
                    };
                    let current =
                        ctx.tenant.passportreader.sessions.get(&id).map(|s| s.state.clone()).unwrap_or_default();
                    let steps: Vec<&str> = match (last, current.as_str()) {
                        ("FAILED" | "ABORTED", _) => vec![last],
                        (_, "CREATED") => vec!["INITIATED", "COMPLETED", last],
                        (_, "INITIATED") => vec!["COMPLETED", last],
                        _ => vec![last],
                    };
                    let mut result = Ok(());
                    for step in steps {
                        result = transition(ctx, id, step, person.as_ref());
                        if result.is_err() {
                            break;
                        }
                    }
                    result.map(|()| Resp::empty(200))
                }
                _ => Err(Resp::json(404, &json!({"error": "state or complete"}))),
            }
            .map(|_| {
                let s = ctx.tenant.passportreader.sessions.get(&id).map(session_json);
                Resp::json(200, &json!(s))
            })
        }
        _ => Err(Resp::json(404, &json!({"error": "no such control endpoint"}))),
    };
    result.unwrap_or_else(|e| e)
}
