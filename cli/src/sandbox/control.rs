//! The control endpoints, `/_sandbox/...` (and `/_sandbox/t/<tenant>/...`): they play the other
//! side (the payer, the person being identified, the provider's clock), show the state and the
//! webhooks sent, and set faults. Never subject to faults. Bodies are JSON; parameters may also be
//! given in the query (so that an HTML form can post them).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::faults::{Fault, Forced, Spec};
use super::http::{is_loopback_url, iso, Req, Resp};
use super::webhooks::Outgoing;
use super::{billit, digiteal, passportreader, solaris, Ctx, Provider, Shared, Tenant, DEFAULT_TENANT};

fn index() -> Value {
    json!({
        "sandbox": "kassa sandbox",
        "providers": {"digiteal": "/digiteal", "billit": "/billit", "solaris": "/solaris", "passportreader": "/passportreader"},
        "isolation": "/<provider>/t/<tenant>/..., /_sandbox/t/<tenant>/..., or the Kassa-Sandbox-Tenant header",
        "control": [
            "POST /_sandbox/reset", "GET /_sandbox/state", "GET /_sandbox/stats", "GET /_sandbox/requests", "POST /_sandbox/clock {advance}",
            "GET|POST|DELETE /_sandbox/faults {spec}", "POST /_sandbox/faults/next {fault, count, provider, path}",
            "GET /_sandbox/webhooks", "POST /_sandbox/webhooks/config {billit_url, billit_secret, solaris_secret}",
            "GET /_sandbox/digiteal/invoices", "POST /_sandbox/digiteal/invoices/{uuid}/pay|read|comment|unpay",
            "POST /_sandbox/digiteal/payment-requests/{uuid}/pay", "POST /_sandbox/digiteal/payments/{paymentID}/status {status}",
            "POST /_sandbox/digiteal/companies/{vat}/activate", "POST /_sandbox/digiteal/persons/{email}/activate",
            "POST /_sandbox/digiteal/transfers/{id}/payments {amountInCents}", "POST /_sandbox/digiteal/transfers/{id}/execute|reimburse",
            "GET /_sandbox/billit/registrations", "POST /_sandbox/billit/registrations/{id} {active, trials}",
            "POST /_sandbox/billit/registrations/{id}/identification/complete {success}",
            "GET /_sandbox/solaris/sessions", "GET /_sandbox/solaris/identifications",
            "POST /_sandbox/solaris/identifications/{id}/status {status, failure_reason}", "POST /_sandbox/solaris/identifications/{id}/complete {success}",
            "POST /_sandbox/solaris/tokens/expire|revoke {token}", "POST /_sandbox/solaris/persons/{id} {eligible, reasons}",
            "GET /_sandbox/passportreader/sessions", "POST /_sandbox/passportreader/sessions/{id}/state {state}",
            "POST /_sandbox/passportreader/sessions/{id}/complete {outcome, person}",
        ],
    })
}

fn bad(status: u16, message: impl Into<String>) -> Resp {
    Resp::json(status, &json!({"error": message.into()}))
}

fn body_of(req: &Req) -> Result<Map<String, Value>, Resp> {
    let form = req.header("content-type").is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if form {
        return Ok(url::form_urlencoded::parse(&req.body).into_owned().map(|(k, v)| (k, Value::from(v))).collect());
    }
    match req.json() {
        Ok(None) => Ok(Map::new()),
        Ok(Some(Value::Object(m))) => Ok(m),
        Ok(Some(_)) => Err(bad(400, "the body is a JSON object")),
        Err(e) => Err(bad(400, format!("the body is not JSON: {e}"))),
    }
}

/// Answers a control request of `tenant`, and gives the webhooks to send.
pub fn handle(
    shared: &Shared,
    tenants: &mut HashMap<String, Tenant>,
    tenant: &str,
    req: &Req,
) -> (Resp, Vec<Outgoing>) {
    let body = match body_of(req) {
        Ok(b) => b,
        Err(e) => return (e, Vec::new()),
    };
    let segs = req.segs();
    let post = req.method == hyper::Method::POST;
    let get = req.method == hyper::Method::GET;
    if segs.is_empty() && get {
        return (Resp::json(200, &index()), Vec::new());
    }
    if segs == ["reset"] && post {
        if tenant == DEFAULT_TENANT {
            tenants.clear();
        } else {
            tenants.remove(tenant);
        }
        return (Resp::json(200, &json!({"reset": if tenant == DEFAULT_TENANT { "all" } else { tenant }})), Vec::new());
    }
    let t = tenants.entry(tenant.to_owned()).or_insert_with(|| Tenant::new(tenant, &shared.options));
    let now = t.now();
    let text = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned).or_else(|| req.q(k).map(str::to_owned));
    let resp = match (segs.as_slice(), &req.method) {
        (["state"], _) if get => Resp::json(200, &serde_json::to_value(&*t).unwrap_or(Value::Null)),
        (["stats"], _) if get => Resp::json(200, &t.stats()),
        (["requests"], _) if get => Resp::json(200, &Value::Array(t.recorded.iter().cloned().collect())),
        (["clock"], _) => {
            if post {
                let advance = body
                    .get("advance")
                    .and_then(Value::as_u64)
                    .or_else(|| req.q("advance").and_then(|a| a.parse().ok()));
                let offset = body.get("offset").and_then(Value::as_u64);
                match (advance, offset) {
                    (Some(a), _) => t.clock_offset += a,
                    (None, Some(o)) => t.clock_offset = o,
                    (None, None) => {
                        return (
                            bad(400, "give `advance` (seconds to add) or `offset` (seconds ahead of the real clock)"),
                            Vec::new(),
                        )
                    }
                }
            }
            Resp::json(200, &json!({"now": iso(t.now()), "now_unix": t.now(), "offset": t.clock_offset}))
        }
        (["faults"], m) if *m == hyper::Method::DELETE => {
            t.faults = None;
            t.forced.clear();
            Resp::json(200, &json!({"faults": shared.options.faults.text}))
        }
        (["faults"], _) if post => match Spec::parse(&text("spec").unwrap_or_default()) {
            Ok(spec) => {
                t.faults = Some(spec);
                Resp::json(200, &json!({"faults": t.faults.as_ref().map(|s| s.text.clone())}))
            }
            Err(e) => bad(400, format!("spec: {e}")),
        },
        (["faults"], _) => Resp::json(
            200,
            &json!({"global": shared.options.faults.text, "tenant": t.faults.as_ref().map(|s| s.text.clone()), "forced": t.forced, "seed": shared.options.seed}),
        ),
        (["faults", "next"], _) if post => {
            let Some(fault) = text("fault").as_deref().and_then(Fault::parse) else {
                return (
                    bad(400, "fault: 5xx, an HTTP status (429, 503...), reset, reset_after, truncate or hang"),
                    Vec::new(),
                );
            };
            let provider = match text("provider") {
                None => None,
                Some(p) => match Provider::from_name(&p) {
                    Some(p) => Some(p),
                    None => return (bad(400, format!("provider `{p}`")), Vec::new()),
                },
            };
            let count = body.get("count").and_then(Value::as_u64).unwrap_or(1).min(10_000) as u32;
            t.forced.push(Forced { fault, count, provider, path: text("path") });
            Resp::json(200, &json!({"forced": t.forced}))
        }
        (["webhooks"], _) if get => Resp::json(200, &serde_json::to_value(&t.deliveries).unwrap_or(Value::Null)),
        (["webhooks", "config"], _) if post => {
            if let Some(url) = text("billit_url") {
                if !is_loopback_url(&url) {
                    return (bad(400, "billit_url: the sandbox only calls loopback URLs"), Vec::new());
                }
                t.webhooks.billit_url = Some(url);
            }
            if let Some(s) = text("billit_secret").filter(|s| !s.trim().is_empty()) {
                t.webhooks.billit_secret = s;
            }
            if let Some(s) = text("solaris_secret").filter(|s| !s.trim().is_empty()) {
                t.webhooks.solaris_secret = s;
            }
            Resp::json(200, &serde_json::to_value(&t.webhooks).unwrap_or(Value::Null))
        }
        ([provider, rest @ ..], _) if Provider::from_name(provider).is_some() => {
            let mut ctx = Ctx { opts: &shared.options, tenant: t, base: &shared.base, out: Vec::new(), now };
            let resp = match Provider::from_name(provider) {
                Some(Provider::Digiteal) => digiteal::control(&mut ctx, req, rest, &body),
                Some(Provider::Billit) => billit::control(&mut ctx, req, rest, &body),
                Some(Provider::Solaris) => solaris::control(&mut ctx, req, rest, &body),
                _ => passportreader::control(&mut ctx, req, rest, &body),
            };
            return (resp, ctx.out);
        }
        _ => bad(
            404,
            format!("no control endpoint {} /_sandbox{}; GET /_sandbox lists them", req.method, req.path_str()),
        ),
    };
    (resp, Vec::new())
}
