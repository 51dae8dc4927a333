use serde::{Deserialize, Serialize};

use super::config::BillitConfig;
use crate::config::check_callback_url;
use crate::error::{ApiError, Error, ValidationCode};
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo, Provider};
use crate::wire::{from_json, path_segment, to_json};

/// The user has 5 minutes from the POST to finish the itsme check; there is no resume.
pub const IDENTIFICATION_WINDOW_SECS: u64 = 300;

/// `POST /v1/einvoices/registrations/{RegistrationID}/identification`: starts an itsme
/// identification of a registered entity. Params use the seed's wire names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartIdentification {
    /// The entity's registration id (path parameter).
    #[serde(rename = "RegistrationID")]
    pub registration_id: String,
    /// Where Billit sends the user back, with `registrationID` and `success` appended.
    #[serde(rename = "RedirectURL")]
    pub redirect_url: String,
    /// Whose terms apply; only `ItsMe` exists today (the default).
    #[serde(rename = "IdentificationProviderTC", default = "itsme", skip_serializing_if = "is_itsme")]
    pub identification_provider_tc: String,
}

fn itsme() -> String {
    "ItsMe".to_owned()
}

/// The default terms are left out of the params' wire form (they are always sent in the body).
fn is_itsme(tc: &str) -> bool {
    tc == "ItsMe"
}

impl StartIdentification {
    /// An itsme identification of `registration_id`, sending the user back to `redirect_url`.
    pub fn new(registration_id: impl Into<String>, redirect_url: impl Into<String>) -> Self {
        StartIdentification {
            registration_id: registration_id.into(),
            redirect_url: redirect_url.into(),
            identification_provider_tc: itsme(),
        }
    }
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct Body<'a> {
    #[serde(rename = "IdentificationProviderTC")]
    identification_provider_tc: &'a str,
    #[serde(rename = "RedirectURL")]
    redirect_url: &'a str,
}

/// The answer: the URL to send the user to, and when that chance ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IdentificationStarted {
    /// The itsme URL to redirect the user to (sent as `URL` in one sample, `RedirectURL` in
    /// another: both are read).
    pub url: String,
    /// Seconds the user has from the POST: always 300.
    pub expires_in: u64,
    /// `now + 300` (Unix seconds) when the time the answer arrived was given.
    pub expires_at: Option<u64>,
}

impl Operation for StartIdentification {
    // Each attempt counts against the sandbox's limit of 5: never resent once it may have arrived.
    const INFO: OperationInfo = OperationInfo::request(
        "billit.identification.start",
        Provider::Billit,
        Method::Post,
        "/v1/einvoices/registrations/{RegistrationID}/identification",
        false,
    );
    type Config = BillitConfig;
    type Output = IdentificationStarted;

    fn build(&self, config: &BillitConfig) -> Result<HttpRequest, Error> {
        let id = path_segment(&self.registration_id, "RegistrationID")?;
        check_callback_url(&self.redirect_url, "RedirectURL")?;
        if self.identification_provider_tc.trim().is_empty() {
            return Err(Error::validation(ValidationCode::InvalidParams, "IdentificationProviderTC", "must not be empty"));
        }
        let mut headers = Headers::new();
        config.authorize(&mut headers, &self.registration_id);
        headers.append("Content-Type", "application/json");
        headers.append("Accept", "application/json");
        let body = to_json(&Body {
            identification_provider_tc: &self.identification_provider_tc,
            redirect_url: &self.redirect_url,
        })?;
        let url = config.base_url().join(&format!("/v1/einvoices/registrations/{id}/identification"));
        Ok(HttpRequest { method: Method::Post, url, headers, body })
    }

    fn parse(response: &HttpResponse) -> Result<IdentificationStarted, Error> {
        Self::parse_at(response, None)
    }

    fn parse_at(response: &HttpResponse, now_unix: Option<u64>) -> Result<IdentificationStarted, Error> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(rename = "URL", alias = "Url", alias = "url")]
            url: Option<String>,
            #[serde(rename = "RedirectURL", alias = "redirectURL", alias = "RedirectUrl")]
            redirect_url: Option<String>,
        }
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let answer: Answer = from_json(&response.body)?;
        let url = answer
            .url
            .or(answer.redirect_url)
            .ok_or_else(|| Error::decode("URL", "the answer has neither `URL` nor `RedirectURL`"))?;
        Ok(IdentificationStarted {
            url,
            expires_in: IDENTIFICATION_WINDOW_SECS,
            expires_at: now_unix.map(|now| now + IDENTIFICATION_WINDOW_SECS),
        })
    }
}

/// Billit's error answers: `{"Code", "Description"}` (the seed's TooManyTrials), or a list of those
/// under `Errors`/`errors`, or `{"Message"}`. The body is kept whole either way. 401 and 404
/// without a code mean the registration is not active (or not whitelisted): `http_401`/`http_404`.
pub(crate) fn api_error(response: &HttpResponse) -> ApiError {
    #[derive(Deserialize, Default)]
    struct Entry {
        #[serde(rename = "Code", alias = "code")]
        code: Option<String>,
        #[serde(rename = "Description", alias = "description", alias = "Message", alias = "message")]
        description: Option<String>,
    }
    #[derive(Deserialize)]
    struct Body {
        #[serde(flatten)]
        top: Entry,
        #[serde(rename = "Errors", alias = "errors", default)]
        errors: Vec<Entry>,
        #[serde(rename = "RequestId", alias = "requestId", alias = "request_id")]
        request_id: Option<String>,
    }
    let parsed: Option<Body> = serde_json::from_slice(&response.body).ok();
    let (entry, body_request_id) = match parsed {
        Some(Body { top, errors, request_id }) if top.code.is_none() && top.description.is_none() => {
            (errors.into_iter().next().unwrap_or_default(), request_id)
        }
        Some(Body { top, request_id, .. }) => (top, request_id),
        None => (Entry::default(), None),
    };
    let message = entry.description.or_else(|| match response.status {
        401 | 404 => Some("the registration is not active, or the party is not allowed to identify it".to_owned()),
        _ => None,
    });
    ApiError {
        status: response.status,
        provider_code: entry.code,
        message,
        request_id: body_request_id.or_else(|| response.headers.get("x-request-id").map(str::to_owned)),
        location: ApiError::location_of(response),
        retry_after: None,
        body: response.body.clone(),
    }
}
