use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::config::SolarisConfig;
use super::types::{Eligibility, Identification, IdentificationMethod, IdentificationSession, SessionConfiguration};
use crate::error::{ApiError, Error, ValidationCode};
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo, Provider};
use crate::wire::{from_json, path_segment, to_json};

/// `POST /v1/persons/{person_id}/identification_eligibility_checks` (the published reference; the
/// seed writes GET): may the person use `method`?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckEligibility {
    /// The person (path).
    #[serde(skip_serializing)]
    pub person_id: String,
    /// The method to check; `bank` when not given (the published example).
    #[serde(default = "bank")]
    pub method: IdentificationMethod,
}

fn bank() -> IdentificationMethod {
    IdentificationMethod::Bank
}

/// `POST /v1/persons/{person_id}/identification_sessions`: starts a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateIdentificationSession {
    /// The person (path).
    #[serde(skip_serializing)]
    pub person_id: String,
    /// Called when the session is completed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub callback_url: Option<String>,
    /// The methods offered; at least one.
    pub identification_methods: Vec<IdentificationMethod>,
}

/// `GET /v1/persons/{person_id}/identification_sessions/{identification_session_id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetIdentificationSession {
    /// The person (path).
    pub person_id: String,
    /// The session (path).
    pub identification_session_id: String,
}

/// `GET .../identification_sessions/{identification_session_id}/configuration`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetSessionConfiguration {
    /// The person (path).
    pub person_id: String,
    /// The session (path).
    pub identification_session_id: String,
}

/// `POST .../identification_sessions/{identification_session_id}/identifications`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateIdentification {
    /// The person (path).
    #[serde(skip_serializing)]
    pub person_id: String,
    /// The session (path).
    #[serde(skip_serializing)]
    pub identification_session_id: String,
    /// The method.
    pub method: IdentificationMethod,
    /// (IDnow) the customer's language, e.g. `EN`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
    /// Proof-of-address document type, when the ID document has no address.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub proof_of_address_type: Option<String>,
    /// When the proof of address was issued (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub proof_of_address_issued_at: Option<String>,
    /// The customer's IBAN: required for `bank` and `bank_id`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub iban: Option<String>,
    /// The Seon SDK device fingerprint.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub device_data: Option<String>,
}

/// `GET .../identification_sessions/{identification_session_id}/identifications/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetIdentification {
    /// The person (path).
    pub person_id: String,
    /// The session (path).
    pub identification_session_id: String,
    /// The identification (path).
    pub id: String,
}

/// `POST .../simulate_bank_id_until_identification_data_required`: sandbox only; refuses to build
/// against production.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulateBankId {
    /// The person (path).
    pub person_id: String,
    /// The session (path).
    pub identification_session_id: String,
}

const fn info(id: &'static str, method: Method, path: &'static str) -> OperationInfo {
    // GETs are safe to repeat; POSTs that create are retried only when never sent.
    OperationInfo::request(id, Provider::Solaris, method, path, matches!(method, Method::Get))
}

fn session_path(person_id: &str, session_id: &str) -> Result<String, Error> {
    Ok(format!(
        "/v1/persons/{}/identification_sessions/{}",
        path_segment(person_id, "person_id")?,
        path_segment(session_id, "identification_session_id")?
    ))
}

fn request(config: &SolarisConfig, method: Method, path: &str, body: Option<Vec<u8>>) -> Result<HttpRequest, Error> {
    let mut headers = Headers::new();
    headers.append("Authorization", config.bearer()?);
    headers.append("Accept", "application/json");
    if body.is_some() {
        headers.append("Content-Type", "application/json");
    }
    Ok(HttpRequest { method, url: config.base_url().join(path), headers, body: body.unwrap_or_default() })
}

fn parse<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.is_success() {
        from_json(&response.body)
    } else {
        Err(Error::Api(api_error(response)))
    }
}

/// Solaris's error body, `{"errors": [{"id", "status", "code", "title", "detail", "source"}]}`:
/// the first entry's `code` and `detail` (or `title`), its `id` as the request id; the whole body,
/// every entry included, stays in [`ApiError::body`].
pub(crate) fn api_error(response: &HttpResponse) -> ApiError {
    #[derive(Deserialize)]
    struct Entry {
        id: Option<String>,
        code: Option<String>,
        title: Option<String>,
        detail: Option<String>,
    }
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        errors: Vec<Entry>,
    }
    let first = serde_json::from_slice::<Body>(&response.body).ok().and_then(|b| b.errors.into_iter().next());
    let (code, message, id) = match first {
        Some(e) => (e.code, e.detail.or(e.title), e.id),
        None => (None, None, None),
    };
    ApiError {
        status: response.status,
        provider_code: code,
        message,
        request_id: id.or_else(|| response.headers.get("x-request-id").map(str::to_owned)),
        location: ApiError::location_of(response),
        retry_after: None,
        body: response.body.clone(),
    }
}

macro_rules! parse_as {
    ($out:ty) => {
        type Output = $out;
        fn parse(response: &HttpResponse) -> Result<$out, Error> {
            parse(response)
        }
    };
}

impl Operation for CheckEligibility {
    const INFO: OperationInfo = info(
        "solaris.identification.eligibility_checks",
        Method::Post,
        "/v1/persons/{person_id}/identification_eligibility_checks",
    );
    type Config = SolarisConfig;
    parse_as!(Eligibility);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        let path =
            format!("/v1/persons/{}/identification_eligibility_checks", path_segment(&self.person_id, "person_id")?);
        request(config, Method::Post, &path, Some(to_json(self)?))
    }
}

impl Operation for CreateIdentificationSession {
    const INFO: OperationInfo =
        info("solaris.identification_sessions.create", Method::Post, "/v1/persons/{person_id}/identification_sessions");
    type Config = SolarisConfig;
    parse_as!(IdentificationSession);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        if self.identification_methods.is_empty() {
            return Err(Error::validation(ValidationCode::InvalidParams, "identification_methods", "give at least one method"));
        }
        if let Some(url) = &self.callback_url {
            crate::config::check_callback_url(url, "callback_url")?;
        }
        let path = format!("/v1/persons/{}/identification_sessions", path_segment(&self.person_id, "person_id")?);
        request(config, Method::Post, &path, Some(to_json(self)?))
    }
}

impl Operation for GetIdentificationSession {
    const INFO: OperationInfo = info(
        "solaris.identification_sessions.get",
        Method::Get,
        "/v1/persons/{person_id}/identification_sessions/{identification_session_id}",
    );
    type Config = SolarisConfig;
    parse_as!(IdentificationSession);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        request(config, Method::Get, &session_path(&self.person_id, &self.identification_session_id)?, None)
    }
}

impl Operation for GetSessionConfiguration {
    const INFO: OperationInfo = info(
        "solaris.identification_sessions.configuration",
        Method::Get,
        "/v1/persons/{person_id}/identification_sessions/{identification_session_id}/configuration",
    );
    type Config = SolarisConfig;
    parse_as!(SessionConfiguration);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        let path = session_path(&self.person_id, &self.identification_session_id)? + "/configuration";
        request(config, Method::Get, &path, None)
    }
}

impl Operation for CreateIdentification {
    const INFO: OperationInfo = info(
        "solaris.identifications.create",
        Method::Post,
        "/v1/persons/{person_id}/identification_sessions/{identification_session_id}/identifications",
    );
    type Config = SolarisConfig;
    parse_as!(Identification);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        let needs_iban = matches!(self.method, IdentificationMethod::Bank | IdentificationMethod::BankId);
        if needs_iban && self.iban.as_deref().is_none_or(|i| i.trim().is_empty()) {
            return Err(Error::validation(ValidationCode::InvalidParams, "iban", "`bank` and `bank_id` identifications need an iban"));
        }
        if self.proof_of_address_type.is_some() != self.proof_of_address_issued_at.is_some() {
            return Err(Error::validation(
                ValidationCode::InvalidParams,
                if self.proof_of_address_type.is_some() { "proof_of_address_issued_at" } else { "proof_of_address_type" },
                "proof_of_address_type and proof_of_address_issued_at go together",
            ));
        }
        if let Some(date) = &self.proof_of_address_issued_at {
            check_date(date, "proof_of_address_issued_at")?;
        }
        let path = session_path(&self.person_id, &self.identification_session_id)? + "/identifications";
        request(config, Method::Post, &path, Some(to_json(self)?))
    }
}

impl Operation for GetIdentification {
    const INFO: OperationInfo = info(
        "solaris.identifications.get",
        Method::Get,
        "/v1/persons/{person_id}/identification_sessions/{identification_session_id}/identifications/{id}",
    );
    type Config = SolarisConfig;
    parse_as!(Identification);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        let path = format!(
            "{}/identifications/{}",
            session_path(&self.person_id, &self.identification_session_id)?,
            path_segment(&self.id, "id")?
        );
        request(config, Method::Get, &path, None)
    }
}

impl Operation for SimulateBankId {
    const INFO: OperationInfo = info(
        "solaris.identification_sessions.simulate_bank_id",
        Method::Post,
        "/v1/persons/{person_id}/identification_sessions/{identification_session_id}/simulate_bank_id_until_identification_data_required",
    );
    type Config = SolarisConfig;
    parse_as!(Identification);

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        if config.is_production() {
            return Err(Error::validation(
                ValidationCode::SandboxOnly,
                "environment",
                "simulate_bank_id exists only in the Solaris sandbox; this config targets production",
            ));
        }
        let path = session_path(&self.person_id, &self.identification_session_id)?
            + "/simulate_bank_id_until_identification_data_required";
        request(config, Method::Post, &path, None)
    }
}

/// A `YYYY-MM-DD` date with a real month and day.
fn check_date(date: &str, field: &'static str) -> Result<(), Error> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10) && {
        let month: u32 = date[5..7].parse().unwrap_or(0);
        let day: u32 = date[8..10].parse().unwrap_or(0);
        (1..=12).contains(&month) && (1..=31).contains(&day)
    };
    if ok {
        Ok(())
    } else {
        Err(Error::validation(ValidationCode::InvalidParams, field, "expected a date as YYYY-MM-DD"))
    }
}
