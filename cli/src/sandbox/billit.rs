//! Billit (seed 000): `POST /v1/einvoices/registrations/{RegistrationID}/identification` with
//! `ApiKey` (or `Authorization: Bearer`) and `PartyID`; five attempts per registration, then
//! `TooManyTrials`; five minutes to finish; the browser comes back to
//! `RedirectURL?registrationID=..&success=true|false`; a signed webhook (`Billit-Signature`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::credentials::{BILLIT_ACCESS_TOKEN, BILLIT_API_KEY};
use super::http::{esc, iso, with_query, Req, Resp};
use super::webhooks::{Auth, Outgoing};
use super::{Ctx, Provider};

/// The sandbox's limit of attempts per registration.
pub const MAX_TRIALS: u32 = 5;
/// How long an identification can be completed after its start.
pub const WINDOW_SECS: u64 = 300;

/// Billit's state in a tenant.
#[derive(Default, Serialize)]
pub struct State {
    /// Registrations by id (made on first use; every id is an active registration unless
    /// deactivated through the control endpoint).
    pub registrations: BTreeMap<String, Registration>,
}

/// A registered entity.
#[derive(Default, Serialize)]
pub struct Registration {
    /// Identification starts so far.
    pub trials: u32,
    /// Answers 404, as a registration that is not active.
    pub inactive: bool,
    /// Its identifications, oldest first.
    pub identifications: Vec<Identification>,
}

/// One identification attempt.
#[derive(Clone, Serialize)]
pub struct Identification {
    /// The id in the itsme URL (`state=`).
    pub session: String,
    /// The `PartyID` header of the start.
    pub party_id: String,
    /// Where the browser goes back to.
    pub redirect_url: String,
    /// Unix seconds.
    pub started_at: u64,
    /// Unix seconds: five minutes later.
    pub expires_at: u64,
    /// `pending`, `succeeded`, `failed`, `expired` or `abandoned` (a new start replaced it).
    pub status: String,
}

fn error(status: u16, code: &str, description: &str) -> Resp {
    Resp::json(status, &json!({"Code": code, "Description": description}))
}

fn authorized(ctx: &Ctx<'_>, req: &Req) -> bool {
    let key = req.header("apikey").map(str::trim).filter(|k| !k.is_empty());
    let token = req.bearer();
    if ctx.opts.strict {
        key == Some(BILLIT_API_KEY) || token == Some(BILLIT_ACCESS_TOKEN)
    } else {
        key.is_some() || token.is_some()
    }
}

/// Answers a Billit API request (and the sandbox's itsme pages).
pub fn handle(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let segs = req.segs();
    match (&req.method, segs.as_slice()) {
        (&hyper::Method::POST, ["v1", "einvoices", "registrations", id, "identification"]) => start(ctx, req, id),
        (&hyper::Method::GET, ["itsme", "authorize"]) => authorize_page(ctx, req),
        (&hyper::Method::GET, ["itsme", "callback"]) => {
            let session = req.q("state").unwrap_or("");
            let success = req.q("success") != Some("false");
            let Some(reg) = registration_of(ctx, session) else {
                return Resp::html(404, "itsme", "<p>This identification is unknown.</p>");
            };
            match complete(ctx, &reg, Some(session), success) {
                Ok(done) => Resp::redirect(302, done["redirect_url"].as_str().unwrap_or("/")),
                Err(e) => e,
            }
        }
        (_, ["v1", "einvoices", "registrations", _, "identification"]) => {
            error(405, "MethodNotAllowed", "use POST to start an identification")
        }
        _ => error(404, "NotFound", &format!("no route {} {}", req.method, req.path_str())),
    }
}

fn start(ctx: &mut Ctx<'_>, req: &Req, id: &str) -> Resp {
    if !authorized(ctx, req) {
        return Resp::empty(401);
    }
    // The former test server's registrations `401` and `404`: not active for this party.
    if id == "401" {
        return Resp::empty(401);
    }
    if id == "404" || ctx.tenant.billit.registrations.get(id).is_some_and(|r| r.inactive) {
        return Resp::empty(404);
    }
    let Some(party_id) = req.header("partyid").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned) else {
        return error(400, "MissingPartyID", "The PartyID header is required");
    };
    let body = match req.json() {
        Ok(Some(Value::Object(m))) => m,
        Ok(_) => return error(400, "InvalidRequest", "The body must be a JSON object"),
        Err(e) => return error(400, "InvalidRequest", &format!("The body is not JSON: {e}")),
    };
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| body.get(*n).and_then(Value::as_str))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let Some(tc) = field(&["IdentificationProviderTC"]) else {
        return error(400, "InvalidRequest", "IdentificationProviderTC is required");
    };
    if !tc.eq_ignore_ascii_case("ItsMe") {
        return error(
            400,
            "UnsupportedIdentificationProvider",
            &format!("IdentificationProviderTC `{tc}`: only ItsMe is supported"),
        );
    }
    let Some(redirect_url) = field(&["RedirectURL", "redirectURL", "RedirectUrl"]) else {
        return error(400, "InvalidRequest", "RedirectURL is required");
    };
    if url::Url::parse(&redirect_url).is_err() {
        return error(400, "InvalidRedirectURL", "RedirectURL must be an absolute URL");
    }
    let session = ctx.hex(24);
    let now = ctx.now;
    let reg = ctx.tenant.billit.registrations.entry(id.to_owned()).or_default();
    if reg.trials >= MAX_TRIALS {
        return error(400, "TooManyTrials", "Too many attempts");
    }
    reg.trials += 1;
    for old in reg.identifications.iter_mut().filter(|i| i.status == "pending") {
        old.status = "abandoned".to_owned();
    }
    reg.identifications.push(Identification {
        session: session.clone(),
        party_id,
        redirect_url,
        started_at: now,
        expires_at: now + WINDOW_SECS,
        status: "pending".to_owned(),
    });
    let url = with_query(&format!("{}/itsme/authorize", ctx.prefix(Provider::Billit)), &[("state", &session)]);
    // The seed shows both answers: `URL`, and (its sample) `RedirectURL`; registrations whose id
    // starts with `alt` get the second.
    let field = if id.starts_with("alt") { "RedirectURL" } else { "URL" };
    let mut body = Map::new();
    body.insert(field.to_owned(), Value::from(url));
    Resp::json(200, &Value::Object(body))
}

fn registration_of(ctx: &Ctx<'_>, session: &str) -> Option<String> {
    ctx.tenant
        .billit
        .registrations
        .iter()
        .find(|(_, r)| r.identifications.iter().any(|i| i.session == session))
        .map(|(id, _)| id.clone())
}

fn authorize_page(ctx: &mut Ctx<'_>, req: &Req) -> Resp {
    let session = req.q("state").unwrap_or("").to_owned();
    let Some(reg) = registration_of(ctx, &session) else {
        return Resp::html(404, "itsme", "<p>This identification is unknown.</p>");
    };
    let base = format!("{}/itsme/callback", ctx.prefix(Provider::Billit));
    let yes = with_query(&base, &[("state", &session), ("success", "true")]);
    let no = with_query(&base, &[("state", &session), ("success", "false")]);
    Resp::html(
        200,
        "itsme (sandbox)",
        &format!(
            "<p>Confirm the identification of registration {r}.</p><p><a href=\"{y}\"><button>Confirm</button></a> \
             <a href=\"{n}\"><button>Refuse</button></a></p>",
            r = esc(&reg),
            y = esc(&yes),
            n = esc(&no)
        ),
    )
}

/// Ends the identification `session` (or the latest pending one) of registration `reg`: the
/// redirect URL, and the signed webhook when a webhook URL is set. An identification past its
/// five minutes ends as `success=false`.
pub fn complete(ctx: &mut Ctx<'_>, reg: &str, session: Option<&str>, success: bool) -> Result<Value, Resp> {
    let now = ctx.now;
    let Some(r) = ctx.tenant.billit.registrations.get_mut(reg) else {
        return Err(Resp::json(404, &json!({"error": format!("registration {reg} has no identification")})));
    };
    let found = match session {
        Some(s) => r.identifications.iter_mut().find(|i| i.session == s),
        None => r.identifications.iter_mut().rev().find(|i| i.status == "pending"),
    };
    let Some(ident) = found else {
        return Err(Resp::json(404, &json!({"error": format!("registration {reg} has no pending identification")})));
    };
    if ident.status != "pending" {
        return Err(Resp::json(409, &json!({"error": format!("this identification is already {}", ident.status)})));
    }
    let expired = now > ident.expires_at;
    let success = success && !expired;
    ident.status = if expired {
        "expired"
    } else if success {
        "succeeded"
    } else {
        "failed"
    }
    .to_owned();
    let redirect = with_query(
        &ident.redirect_url,
        &[("registrationID", reg), ("success", if success { "true" } else { "false" })],
    );
    let session = ident.session.clone();
    if let Some(url) = ctx.tenant.webhooks.billit_url.clone() {
        let body = json!({"EventType": "Identification", "RegistrationID": reg, "Success": success});
        ctx.out.push(Outgoing {
            provider: Provider::Billit,
            kind: "Identification".to_owned(),
            url,
            auth: Auth::Billit(ctx.tenant.webhooks.billit_secret.clone().into_bytes()),
            body: serde_json::to_vec(&body).unwrap_or_default(),
        });
    }
    Ok(
        json!({"registration_id": reg, "session": session, "success": success, "expired": expired, "redirect_url": redirect, "completed_at": iso(now)}),
    )
}

/// `/_sandbox/billit/...`.
pub fn control(ctx: &mut Ctx<'_>, req: &Req, rest: &[&str], body: &Map<String, Value>) -> Resp {
    match (&req.method, rest) {
        (_, ["registrations"]) => Resp::json(200, &json!(ctx.tenant.billit.registrations)),
        (&hyper::Method::POST, ["registrations", id, "identification", "complete"]) => {
            let success = body.get("success").and_then(Value::as_bool).unwrap_or(req.q("success") != Some("false"));
            let session = body.get("session").and_then(Value::as_str).map(str::to_owned);
            match complete(ctx, id, session.as_deref(), success) {
                Ok(v) => Resp::json(200, &v),
                Err(e) => e,
            }
        }
        (&hyper::Method::POST, ["registrations", id]) => {
            let reg = ctx.tenant.billit.registrations.entry((*id).to_owned()).or_default();
            if let Some(active) = body.get("active").and_then(Value::as_bool) {
                reg.inactive = !active;
            }
            if let Some(trials) = body.get("trials").and_then(Value::as_u64) {
                reg.trials = u32::try_from(trials).unwrap_or(u32::MAX);
            }
            Resp::json(200, &json!({"registration_id": id, "trials": reg.trials, "active": !reg.inactive}))
        }
        _ => Resp::json(404, &json!({"error": "no such control endpoint"})),
    }
}
