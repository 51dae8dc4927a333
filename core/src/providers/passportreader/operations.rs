use serde::{Deserialize, Serialize};

use super::config::PassportReaderConfig;
use super::types::{Session, SessionCreated, SessionStateResponse};
use crate::config::check_callback_url;
use crate::error::{ApiError, Error};
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo, Provider};
use crate::wire::{from_json, to_json};

/// `POST /api/v1/session.create`: starts an identity session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// Where PassportReader calls back when the session changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Whether to compare the user's face with the document portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_verification: Option<bool>,
    /// Your own reference, returned on the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// `POST /api/v1/session.get`: the whole session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetSession {
    /// The session id.
    pub id: i64,
}

/// `POST /api/v1/session.state`: only the session's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetSessionState {
    /// The session id.
    pub id: i64,
}

const fn info(id: &'static str, path: &'static str) -> OperationInfo {
    // Every PassportReader call is a POST that reads or creates nothing twice in a harmful way;
    // the provider itself recommends retrying failures.
    OperationInfo::request(id, Provider::PassportReader, Method::Post, path, true)
}

impl Operation for CreateSession {
    const INFO: OperationInfo = info("passportreader.session.create", "/api/v1/session.create");
    type Config = PassportReaderConfig;
    type Output = SessionCreated;

    fn build(&self, config: &PassportReaderConfig) -> Result<HttpRequest, Error> {
        if let Some(url) = &self.callback_url {
            check_callback_url(url, "callback_url")?;
        }
        post(config, Self::INFO.path, to_json(self)?)
    }

    fn parse(response: &HttpResponse) -> Result<SessionCreated, Error> {
        parse(response)
    }
}

impl Operation for GetSession {
    const INFO: OperationInfo = info("passportreader.session.get", "/api/v1/session.get");
    type Config = PassportReaderConfig;
    type Output = Session;

    fn build(&self, config: &PassportReaderConfig) -> Result<HttpRequest, Error> {
        session_id(self.id)?;
        post(config, Self::INFO.path, to_json(self)?)
    }

    fn parse(response: &HttpResponse) -> Result<Session, Error> {
        parse(response)
    }
}

impl Operation for GetSessionState {
    const INFO: OperationInfo = info("passportreader.session.state", "/api/v1/session.state");
    type Config = PassportReaderConfig;
    type Output = SessionStateResponse;

    fn build(&self, config: &PassportReaderConfig) -> Result<HttpRequest, Error> {
        session_id(self.id)?;
        post(config, Self::INFO.path, to_json(self)?)
    }

    fn parse(response: &HttpResponse) -> Result<SessionStateResponse, Error> {
        parse(response)
    }
}

/// Session ids are positive 64-bit integers.
fn session_id(id: i64) -> Result<(), Error> {
    if id <= 0 {
        return Err(Error::validation(
            crate::error::ValidationCode::InvalidParams,
            "id",
            format!("a session id is a positive integer, not {id}"),
        ));
    }
    Ok(())
}

fn post(config: &PassportReaderConfig, path: &str, body: Vec<u8>) -> Result<HttpRequest, Error> {
    let mut headers = Headers::new();
    headers.append("Authorization", config.authorization());
    headers.append("Content-Type", "application/json");
    headers.append("Accept", "application/json");
    Ok(HttpRequest { method: Method::Post, url: config.base_url().join(path), headers, body })
}

/// A 2xx body into `T`; anything else into an [`ApiError`].
fn parse<T: serde::de::DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.is_success() {
        from_json(&response.body)
    } else {
        Err(Error::Api(api_error(response)))
    }
}

/// `{"error_message": ..., "error_name": ...}`, when the body has that shape; the raw body is kept
/// either way.
fn api_error(response: &HttpResponse) -> ApiError {
    #[derive(Deserialize)]
    struct Body {
        error_message: Option<String>,
        error_name: Option<String>,
    }
    let body: Option<Body> = serde_json::from_slice(&response.body).ok();
    let (message, code) = body.map(|b| (b.error_message, b.error_name)).unwrap_or_default();
    ApiError {
        status: response.status,
        provider_code: code,
        message,
        request_id: response.headers.get("x-request-id").map(str::to_owned),
        location: ApiError::location_of(response),
        retry_after: None,
        body: response.body.clone(),
    }
}
