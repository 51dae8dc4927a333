//! `digiteal.integrator.*`: where a company or a person stands with Digiteal.

use serde::{Deserialize, Serialize};

use super::common::{get, info, parse_json};
use super::config::DigitealConfig;
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::string_enum;

/// `digiteal.integrator.company_info`: `GET /api/v1/integrator/company-info?vatNumber=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetCompanyInfo {
    /// The company's VAT number.
    pub vat_number: String,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for GetCompanyInfo {
    const INFO: OperationInfo =
        info("digiteal.integrator.company_info", Method::Get, "/api/v1/integrator/company-info", true);
    type Config = DigitealConfig;
    type Output = CompanyInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let vat = rules::required(Some(&self.vat_number), "vatNumber")?;
        let mut query = Query::default();
        query.push("vatNumber", vat);
        get(config, Self::INFO.path, query, true, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<CompanyInfo, Error> {
        parse_json(response)
    }
}

/// `CompanyInfo`: the answer of `digiteal.integrator.company_info`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompanyInfo {
    /// The company's status within Digiteal.
    #[serde(default)]
    pub status: Option<CompanyStatus>,
    /// Its VAT number.
    #[serde(default)]
    pub vat_number: Option<String>,
}

string_enum! {
    /// `status` of a company within Digiteal.
    pub enum CompanyStatus {
        /// Not found.
        NotFound = "NOT_FOUND",
        /// Digiteal's terms and conditions are not accepted yet.
        NotActivated = "NOT_ACTIVATED",
        /// Not active as issuer.
        OnHold = "ON_HOLD",
        /// Active as issuer.
        Prod = "PROD",
        /// Deactivated.
        Deactivated = "DEACTIVATED",
        /// Unknown (named only in the seed's description of the field, not in its list).
        None = "NONE",
    }
}

/// `digiteal.integrator.person_info`: `GET /api/v1/integrator/person-info?email=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetPersonInfo {
    /// The person's email address.
    pub email: String,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for GetPersonInfo {
    const INFO: OperationInfo =
        info("digiteal.integrator.person_info", Method::Get, "/api/v1/integrator/person-info", true);
    type Config = DigitealConfig;
    type Output = PersonInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let email = rules::required(Some(&self.email), "email")?;
        rules::email(Some(email), "email")?;
        let mut query = Query::default();
        query.push("email", email);
        get(config, Self::INFO.path, query, true, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PersonInfo, Error> {
        parse_json(response)
    }
}

/// `PersonInfo`: the answer of `digiteal.integrator.person_info`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PersonInfo {
    /// The person's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The person's status within Digiteal.
    #[serde(default)]
    pub status: Option<PersonStatus>,
}

string_enum! {
    /// `status` of a person within Digiteal.
    pub enum PersonStatus {
        /// No user with this email address.
        NotFound = "NOT_FOUND",
        /// The address belongs to a company.
        Company = "COMPANY",
        /// The address is not confirmed.
        NotActivated = "NOT_ACTIVATED",
        /// Confirmed, KYC not finished.
        Activated = "ACTIVATED",
        /// The account was deleted.
        Deactivated = "DEACTIVATED",
        /// KYC finished, under review.
        Pending = "PENDING",
        /// KYC checked: ready to pay.
        Ok = "OK",
        /// KYC information expired.
        Expired = "EXPIRED",
        /// Unknown.
        Unknown = "UNKNOWN",
    }
}
