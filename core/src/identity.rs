//! One identification flow over Billit (itsme), Solaris and PassportReader.
//!
//! 1. **Start** ([`start_operation`] + [`started`], or [`Client::identity_start`](crate::client::Client::identity_start)):
//!    a subject and where to send the user back become the provider's own start call; its answer
//!    becomes a [`Started`]: the URL to send the user to (PassportReader answers a token for its
//!    app instead), when the chance expires, and an opaque `reference`.
//! 2. **Finish** ([`finish`]): whatever the provider gives back (Billit's browser redirect,
//!    Solaris's webhook or a status poll, PassportReader's `session.state`) becomes one
//!    [`Outcome`]: `verified`, `failed` (with a reason), `pending` or `expired`.
//!    [`poll_operation`] names the status call to make for a reference, where the provider has one
//!    (Billit has none: its only evidence is the redirect).
//!
//! | provider | subject | start call | reference |
//! |---|---|---|---|
//! | Billit | the entity's `RegistrationID` | `billit.identification.start` (`return_url` is the `RedirectURL`, required) | `billit:<RegistrationID>` |
//! | Solaris | the `person_id` | `solaris.identification_sessions.create` (`return_url` is the `callback_url`; `method`, default `idnow`) | `solaris:<person_id>:<session id>` |
//! | PassportReader | your `reference` | `passportreader.session.create` (`return_url` is the `callback_url`) | `passportreader:<session id>` |
//!
//! Statuses map as follows. Billit: `success=true` verified, `success=false` failed, itsme's error
//! page failed with its code; no redirect before `expires_at` pending, after it expired. Solaris
//! identification: `successful` verified; `failed`, `aborted`, `canceled` failed (reason:
//! `failure_reason`, else the status); `expired` expired; every other status (including the
//! `pending_*` ones awaiting Solaris's final check) pending. Solaris session: `successful` verified,
//! `failed`/`aborted` failed, `expired` expired, else pending. PassportReader: `APPROVED` verified;
//! `REJECTED`, `FAILED`, `ABORTED` failed; `EXPIRED` expired; `CREATED`, `INITIATED` and
//! `COMPLETED` (read, awaiting the verdict) pending; an unknown state pending.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ValidationCode};
use crate::http::HttpResponse;
use crate::operation::{Operation, Provider};
use crate::providers::{billit, passportreader, solaris};

/// What to verify and where to send the user back.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StartParams {
    /// Billit: the RegistrationID; Solaris: the person_id; PassportReader: your reference.
    pub subject: String,
    /// Where the provider sends the user (Billit, required) or calls back (Solaris, PassportReader).
    #[serde(default, alias = "returnUrl")]
    pub return_url: Option<String>,
    /// Solaris: the identification method (`idnow` when not given).
    #[serde(default)]
    pub method: Option<String>,
}

/// A started identification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Started {
    /// `billit`, `solaris` or `passportreader`.
    pub provider: Provider,
    /// The URL to send the user to (Billit, Solaris).
    pub url: Option<String>,
    /// PassportReader's session token for its app (no URL is documented).
    pub token: Option<String>,
    /// When the chance to finish ends (Unix seconds), where the provider says: Billit, 5 minutes.
    pub expires_at: Option<u64>,
    /// An opaque reference for `identity.finish` and `client.identity.check`.
    pub reference: String,
}

/// Where an identification stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Status {
    /// The person is identified.
    Verified,
    /// The identification failed; see the reason.
    Failed,
    /// Not finished yet.
    Pending,
    /// The chance to finish has passed.
    Expired,
}

/// The provider-neutral result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Outcome {
    /// Verified, failed, pending or expired.
    pub status: Status,
    /// Why it failed (a provider code or status), when it failed.
    pub reason: Option<String>,
    /// The provider's own status value the outcome was read from.
    pub provider_status: Option<String>,
    /// The reference it is about.
    pub reference: String,
}

/// What the provider gave back; give the one you have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// Billit: the URL the browser came back on.
    #[serde(default, alias = "redirectUrl")]
    pub redirect_url: Option<String>,
    /// PassportReader: the `state` of `session.state` / `session.get` / its callback.
    #[serde(default)]
    pub state: Option<String>,
    /// Solaris: an identification (from `identifications.get` or the IDENTIFICATION webhook).
    #[serde(default, deserialize_with = "crate::wire::bounded_option")]
    pub identification: Option<Value>,
    /// Solaris: an identification session (from `identification_sessions.get`).
    #[serde(default, deserialize_with = "crate::wire::bounded_option")]
    pub session: Option<Value>,
    /// When the chance to finish ends (`Started.expires_at`), to tell pending from expired.
    #[serde(default, alias = "expiresAt")]
    pub expires_at: Option<u64>,
}

/// The provider's call that starts an identification: a typed operation.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Start {
    /// `billit.identification.start`.
    Billit(billit::StartIdentification),
    /// `solaris.identification_sessions.create`.
    Solaris(solaris::CreateIdentificationSession),
    /// `passportreader.session.create`.
    PassportReader(passportreader::CreateSession),
}

impl Start {
    /// The operation id.
    pub fn operation(&self) -> &'static str {
        match self {
            Start::Billit(_) => billit::StartIdentification::INFO.id,
            Start::Solaris(_) => solaris::CreateIdentificationSession::INFO.id,
            Start::PassportReader(_) => passportreader::CreateSession::INFO.id,
        }
    }

    /// The operation's params with their wire names.
    pub fn params(&self) -> Value {
        let value = match self {
            Start::Billit(op) => serde_json::to_value(op),
            // The person is a path parameter, left out of the body the op serialises.
            Start::Solaris(op) => serde_json::to_value(op).map(|mut v| {
                v["person_id"] = Value::String(op.person_id.clone());
                v
            }),
            Start::PassportReader(op) => serde_json::to_value(op),
        };
        value.unwrap_or(Value::Null)
    }
}

/// The provider's status call for a reference: a typed operation.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Poll {
    /// `solaris.identification_sessions.get`.
    Solaris(solaris::GetIdentificationSession),
    /// `passportreader.session.state`.
    PassportReader(passportreader::GetSessionState),
}

impl Poll {
    /// The operation id.
    pub fn operation(&self) -> &'static str {
        match self {
            Poll::Solaris(_) => solaris::GetIdentificationSession::INFO.id,
            Poll::PassportReader(_) => passportreader::GetSessionState::INFO.id,
        }
    }

    /// The operation's params with their wire names.
    pub fn params(&self) -> Value {
        let value = match self {
            Poll::Solaris(op) => serde_json::to_value(op),
            Poll::PassportReader(op) => serde_json::to_value(op),
        };
        value.unwrap_or(Value::Null)
    }
}

/// The provider of a reference.
enum Reference<'a> {
    Billit { registration_id: &'a str },
    Solaris { person_id: &'a str, session_id: &'a str },
    PassportReader { id: i64 },
}

fn parse_reference(reference: &str) -> Result<Reference<'_>, Error> {
    let bad = || {
        Error::validation(
            ValidationCode::InvalidReference,
            "reference",
            "expected `billit:<id>`, `solaris:<person_id>:<session_id>` or `passportreader:<id>`",
        )
    };
    let (provider, rest) = reference.split_once(':').ok_or_else(bad)?;
    match provider {
        "billit" if !rest.is_empty() => Ok(Reference::Billit { registration_id: rest }),
        "solaris" => match rest.split_once(':') {
            Some((person_id, session_id)) if !person_id.is_empty() && !session_id.is_empty() => {
                Ok(Reference::Solaris { person_id, session_id })
            }
            _ => Err(bad()),
        },
        "passportreader" => rest.parse().map(|id| Reference::PassportReader { id }).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// The provider operation that starts an identification.
pub fn start_operation(provider: Provider, params: &StartParams) -> Result<Start, Error> {
    if params.subject.trim().is_empty() {
        return Err(Error::validation(ValidationCode::InvalidParams, "subject", "must not be empty"));
    }
    match provider {
        Provider::Billit => {
            let redirect = params.return_url.clone().ok_or_else(|| {
                Error::validation(ValidationCode::InvalidParams, "return_url", "Billit needs the URL to send the user back to")
            })?;
            Ok(Start::Billit(billit::StartIdentification::new(params.subject.clone(), redirect)))
        }
        Provider::Solaris => Ok(Start::Solaris(solaris::CreateIdentificationSession {
            person_id: params.subject.clone(),
            callback_url: params.return_url.clone(),
            identification_methods: vec![solaris::IdentificationMethod::from(params.method.as_deref().unwrap_or("idnow"))],
        })),
        Provider::PassportReader => Ok(Start::PassportReader(passportreader::CreateSession {
            reference: Some(params.subject.clone()),
            callback_url: params.return_url.clone(),
            ..Default::default()
        })),
        other => Err(no_flow(other)),
    }
}

/// Reads the answer to the start call made at `now` (Unix seconds).
pub fn started(provider: Provider, params: &StartParams, response: &HttpResponse, now: Option<u64>) -> Result<Started, Error> {
    match provider {
        Provider::Billit => {
            let out = billit::StartIdentification::parse_at(response, now)?;
            Ok(Started {
                provider: Provider::Billit,
                url: Some(out.url),
                token: None,
                expires_at: out.expires_at,
                reference: format!("billit:{}", params.subject),
            })
        }
        Provider::Solaris => {
            let session = solaris::CreateIdentificationSession::parse(response)?;
            Ok(Started {
                provider: Provider::Solaris,
                url: session.url,
                token: None,
                expires_at: None,
                reference: format!("solaris:{}:{}", params.subject, session.id),
            })
        }
        Provider::PassportReader => {
            let session = passportreader::CreateSession::parse(response)?;
            Ok(Started {
                provider: Provider::PassportReader,
                url: None,
                token: Some(session.token),
                expires_at: None,
                reference: format!("passportreader:{}", session.id),
            })
        }
        other => Err(no_flow(other)),
    }
}

fn no_flow(provider: Provider) -> Error {
    Error::validation(
        ValidationCode::UnknownProvider,
        "provider",
        format!("`{}` has no identification flow (billit, solaris, passportreader)", provider.as_str()),
    )
}

/// The status call for `reference`, where the provider has one (Billit has none).
pub fn poll_operation(reference: &str) -> Result<Option<Poll>, Error> {
    Ok(match parse_reference(reference)? {
        Reference::Billit { .. } => None,
        Reference::Solaris { person_id, session_id } => Some(Poll::Solaris(solaris::GetIdentificationSession {
            person_id: person_id.to_owned(),
            identification_session_id: session_id.to_owned(),
        })),
        Reference::PassportReader { id } => Some(Poll::PassportReader(passportreader::GetSessionState { id })),
    })
}

/// Turns the answer to [`poll_operation`]'s call into evidence for [`finish`].
pub fn poll_evidence(reference: &str, response: &HttpResponse) -> Result<Evidence, Error> {
    Ok(match parse_reference(reference)? {
        Reference::Billit { .. } => Evidence::default(),
        Reference::Solaris { .. } => {
            let session = solaris::GetIdentificationSession::parse(response)?;
            Evidence { session: Some(serde_json::to_value(session).map_err(|e| Error::decode("", e.to_string()))?), ..Evidence::default() }
        }
        Reference::PassportReader { .. } => {
            let state = passportreader::GetSessionState::parse(response)?;
            Evidence { state: Some(state.state.as_str().to_owned()), ..Evidence::default() }
        }
    })
}

fn outcome(status: Status, reason: Option<String>, provider_status: Option<String>, reference: &str) -> Outcome {
    Outcome { status, reason, provider_status, reference: reference.to_owned() }
}

/// Decides where the identification `reference` stands from the `evidence`, at `now`.
pub fn finish(reference: &str, evidence: &Evidence, now: Option<u64>) -> Result<Outcome, Error> {
    let expired = matches!((evidence.expires_at, now), (Some(at), Some(now)) if now >= at);
    let pending_or_expired = |provider_status: Option<String>| {
        outcome(if expired { Status::Expired } else { Status::Pending }, None, provider_status, reference)
    };
    match parse_reference(reference)? {
        Reference::Billit { registration_id } => {
            let Some(url) = &evidence.redirect_url else { return Ok(pending_or_expired(None)) };
            match billit::parse_callback(url) {
                Ok(cb) if cb.registration_id != registration_id => Err(Error::validation(
                    ValidationCode::IdentityMismatch,
                    "redirect_url",
                    format!("the redirect is about registration {}, not {registration_id}", cb.registration_id),
                )),
                Ok(cb) if cb.success => Ok(outcome(Status::Verified, None, Some("success=true".into()), reference)),
                Ok(_) => Ok(outcome(
                    Status::Failed,
                    Some("identification_failed".into()),
                    Some("success=false".into()),
                    reference,
                )),
                Err(Error::Callback(e)) => {
                    Ok(outcome(Status::Failed, Some(e.code.clone()), e.description.clone(), reference))
                }
                Err(e) => Err(e),
            }
        }
        Reference::Solaris { person_id, session_id } => {
            if let Some(value) = &evidence.identification {
                let i: solaris::Identification = serde_json::from_value(value.clone())
                    .map_err(|e| Error::validation(ValidationCode::InvalidParams, "identification", e.to_string()))?;
                if i.person_id.as_deref().is_some_and(|p| p != person_id) {
                    return Err(Error::validation(ValidationCode::IdentityMismatch, "identification", "another person's identification"));
                }
                use solaris::IdentificationStatus as S;
                let status = i.status.as_ref().map(|s| s.as_str().to_owned());
                return Ok(match i.status {
                    Some(S::Successful) => outcome(Status::Verified, None, status, reference),
                    Some(S::Failed | S::Aborted | S::Canceled) => {
                        outcome(Status::Failed, i.failure_reason.or_else(|| status.clone()), status, reference)
                    }
                    Some(S::Expired) => outcome(Status::Expired, None, status, reference),
                    _ => pending_or_expired(status),
                });
            }
            if let Some(value) = &evidence.session {
                let s: solaris::IdentificationSession = serde_json::from_value(value.clone())
                    .map_err(|e| Error::validation(ValidationCode::InvalidParams, "session", e.to_string()))?;
                if s.id != session_id {
                    return Err(Error::validation(ValidationCode::IdentityMismatch, "session", "another identification session"));
                }
                use solaris::SessionStatus as S;
                let status = s.status.as_ref().map(|s| s.as_str().to_owned());
                return Ok(match s.status {
                    Some(S::Successful) => outcome(Status::Verified, None, status, reference),
                    Some(S::Failed | S::Aborted) => outcome(Status::Failed, status.clone(), status, reference),
                    Some(S::Expired) => outcome(Status::Expired, None, status, reference),
                    _ => pending_or_expired(status),
                });
            }
            Ok(pending_or_expired(None))
        }
        Reference::PassportReader { .. } => {
            let Some(state) = &evidence.state else { return Ok(pending_or_expired(None)) };
            use passportreader::SessionState as S;
            let provider_status = Some(state.clone());
            Ok(match S::from(state.as_str()) {
                S::Approved => outcome(Status::Verified, None, provider_status, reference),
                S::Rejected | S::Failed | S::Aborted => {
                    outcome(Status::Failed, Some(state.to_ascii_lowercase()), provider_status, reference)
                }
                S::Other(s) if s == "EXPIRED" => outcome(Status::Expired, None, provider_status, reference),
                _ => pending_or_expired(provider_status),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Headers;
    use serde_json::json;

    fn ev(v: Value) -> Evidence {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn billit_flow() {
        let p = StartParams { subject: "42".into(), return_url: Some("https://app.test/back".into()), method: None };
        let start = start_operation(Provider::Billit, &p).unwrap();
        assert_eq!((start.operation(), &start.params()["RegistrationID"]), ("billit.identification.start", &json!("42")));
        let answer = HttpResponse::new(200, Headers::new(), r#"{"URL": "https://itsme.test/x"}"#);
        let s = started(Provider::Billit, &p, &answer, Some(1_000)).unwrap();
        assert_eq!((s.reference.as_str(), s.expires_at), ("billit:42", Some(1_300)));
        let back = ev(json!({"redirect_url": "https://app.test/back?registrationID=42&success=true"}));
        assert_eq!(finish(&s.reference, &back, Some(1_100)).unwrap().status, Status::Verified);
        let failed = ev(json!({"redirect_url": "https://app.test/back?registrationID=42&success=false"}));
        assert_eq!(finish(&s.reference, &failed, Some(1_100)).unwrap().status, Status::Failed);
        let none = ev(json!({"expires_at": 1_300}));
        assert_eq!(finish(&s.reference, &none, Some(1_299)).unwrap().status, Status::Pending);
        assert_eq!(finish(&s.reference, &none, Some(1_300)).unwrap().status, Status::Expired);
        let other = ev(json!({"redirect_url": "https://app.test/back?registrationID=43&success=true"}));
        assert_eq!(finish(&s.reference, &other, None).unwrap_err().code(), "identity_mismatch");
        let oops = ev(json!({"redirect_url": "https://itsme.test/oops.html?error=access_denied"}));
        let o = finish(&s.reference, &oops, None).unwrap();
        assert_eq!((o.status, o.reason.as_deref()), (Status::Failed, Some("access_denied")));
        assert!(start_operation(Provider::Billit, &StartParams { return_url: None, ..p }).is_err());
    }

    #[test]
    fn solaris_and_passportreader_statuses() {
        let r = "solaris:p1:s1";
        let ok = ev(json!({"identification": {"id": "i1", "status": "successful", "person_id": "p1"}}));
        assert_eq!(finish(r, &ok, None).unwrap().status, Status::Verified);
        let failed = ev(json!({"identification": {"id": "i1", "status": "failed", "failure_reason": "blurry"}}));
        assert_eq!(finish(r, &failed, None).unwrap().reason.as_deref(), Some("blurry"));
        let new_status = ev(json!({"identification": {"id": "i1", "status": "pending_video_review"}}));
        assert_eq!(finish(r, &new_status, None).unwrap().status, Status::Pending);
        let session = ev(json!({"session": {"id": "s1", "status": "expired"}}));
        assert_eq!(finish(r, &session, None).unwrap().status, Status::Expired);
        assert_eq!(poll_operation(r).unwrap().unwrap().operation(), "solaris.identification_sessions.get");
        let pr = "passportreader:9007199254740993";
        assert_eq!(poll_operation(pr).unwrap().unwrap().params(), json!({"id": 9007199254740993_i64}));
        for (state, status) in [("APPROVED", Status::Verified), ("REJECTED", Status::Failed), ("COMPLETED", Status::Pending), ("NEW", Status::Pending)] {
            assert_eq!(finish(pr, &ev(json!({"state": state})), None).unwrap().status, status, "{state}");
        }
        assert_eq!(finish("paypal:1", &Evidence::default(), None).unwrap_err().code(), "invalid_reference");
        assert!(poll_operation("billit:42").unwrap().is_none());
    }
}
