//! `digiteal.optin.force`: opt a customer in to receive the issuer's invoices in Digiteal.

use serde::{Deserialize, Serialize};

use super::common::{info, request, response_entity, ResponseEntity, Send};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::rules;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::path_segment;

/// `digiteal.optin.force`: `POST /api/v1/optin/force/{requestorVAT}/{clientInternalId}/{clientEmail}`,
/// the three path parameters the guide calls necessary, and the seed's optional `User-Agent`
/// header (browsers do not let a page set it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ForceOptin {
    /// The VAT number of the company issuing the invoices.
    #[serde(rename = "requestorVAT")]
    pub requestor_vat: String,
    /// The customer's id in the issuer's system.
    pub client_internal_id: String,
    /// The customer's email address.
    pub client_email: String,
    /// The `User-Agent` header to send.
    #[serde(default, rename = "User-Agent", alias = "userAgent", alias = "user_agent")]
    pub user_agent: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for ForceOptin {
    // Forcing an opt-in twice leaves the same state: safe to resend.
    const INFO: OperationInfo = info(
        "digiteal.optin.force",
        Method::Post,
        "/api/v1/optin/force/{requestorVAT}/{clientInternalId}/{clientEmail}",
        true,
    );
    type Config = DigitealConfig;
    type Output = OptinForced;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let vat = rules::required(Some(&self.requestor_vat), "requestorVAT")?;
        let id = rules::required(Some(&self.client_internal_id), "clientInternalId")?;
        let email = rules::required(Some(&self.client_email), "clientEmail")?;
        rules::email(Some(email), "clientEmail")?;
        rules::header_text(self.user_agent.as_deref(), "User-Agent")?;
        let path = format!(
            "/api/v1/optin/force/{}/{}/{}",
            path_segment(vat, "requestorVAT")?,
            path_segment(id, "clientInternalId")?,
            path_segment(email, "clientEmail")?
        );
        let send = Send {
            auth: true,
            accept: "*/*",
            correlation_id: self.correlation_id.as_deref(),
            content_type: None,
            body: Vec::new(),
        };
        let mut req = request(config, Method::Post, config.base_url().join(&path), send)?;
        if let Some(agent) = &self.user_agent {
            req.headers.append("User-Agent", agent.as_str());
        }
        Ok(req)
    }

    fn parse(response: &HttpResponse) -> Result<OptinForced, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        Ok(OptinForced { response_entity: response_entity(&response.body) })
    }
}

/// The answer of `digiteal.optin.force`: empty on success (the guide), or a `ResponseEntity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OptinForced {
    /// The body, when it is a `ResponseEntity`.
    pub response_entity: Option<ResponseEntity>,
}
