//! `digiteal.autopay.request`: ask Digiteal to pay an amount from a customer's auto payment.

use serde::{Deserialize, Serialize};

use super::common::{info, json_post, languages, parse_json, Language, NumberOrText};
use super::config::DigitealConfig;
use super::rules::{self, invalid, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::string_enum;

/// `digiteal.autopay.request`: `POST /api/v1/autopay-request`.
pub type RequestAutoPayment = AutoPaymentRequest;

/// `AutoPaymentRequest`: the body of `POST /api/v1/autopay-request` (`digiteal.autopay.request`).
/// `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AutoPaymentRequest {
    /// The amount to pay, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// `YYYY-MM-DD`; today by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The structured reference; or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_country: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_number: Option<NumberOrText>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_street: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_zip: Option<NumberOrText>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_first_name: Option<String>,
    /// The customer's id in the requester's system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_internal_id: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_last_name: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_mobile: Option<String>,
    /// The customer's VAT number.
    #[serde(default, rename = "customerVAT", skip_serializing_if = "Option::is_none")]
    pub customer_vat: Option<String>,
    /// True to pay through a PIS/PSP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// True if documents will be attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expecting_document_attached: Option<bool>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// ISO 20022 purpose code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// The requester's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_email: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// The requester's VAT number.
    #[serde(default, rename = "requesterVAT", skip_serializing_if = "Option::is_none")]
    pub requester_vat: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl AutoPaymentRequest {
    /// An amount above zero, the customer (`customerInternalId` or `customerEmail`), a reference
    /// or a communication; the same field checks as invoices.
    pub fn check(&self) -> Result<(), Error> {
        rules::positive_cents(self.amount_in_cents, "amountInCents")?;
        if self.customer_internal_id.is_none() && self.customer_email.is_none() {
            return Err(invalid("customerInternalId", "name the customer: give customerInternalId or customerEmail"));
        }
        rules::not_blank(self.customer_internal_id.as_deref(), "customerInternalId")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::positive_id(self.requester_id, "requesterID")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for AutoPaymentRequest {
    // Never resent once it may have arrived: a second attempt could pay twice.
    const INFO: OperationInfo = info("digiteal.autopay.request", Method::Post, "/api/v1/autopay-request", false);
    type Config = DigitealConfig;
    type Output = AutoPaymentResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<AutoPaymentResult, Error> {
        parse_json(response)
    }
}

/// `AutoPaymentResult`: the answer of `digiteal.autopay.request`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AutoPaymentResult {
    /// Comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// The account the money was taken from.
    #[serde(default)]
    pub origin_bank_account: Option<String>,
    /// When the payment was confirmed.
    #[serde(default)]
    pub payment_confirmation_date: Option<String>,
    /// The payment's id.
    #[serde(default, rename = "paymentID")]
    pub payment_id: Option<String>,
    /// When the payment request was sent.
    #[serde(default)]
    pub payment_request_date: Option<String>,
    /// What happened.
    #[serde(default)]
    pub status: Option<AutoPaymentStatus>,
}

string_enum! {
    /// `status` of an auto payment.
    pub enum AutoPaymentStatus {
        /// The payment has been executed directly.
        Executed = "EXECUTED",
        /// The client has an active auto payment configuration and the threshold is not exceeded.
        Planned = "PLANNED",
        /// The client's limit is reached; the client has been notified.
        ThresholdExceeded = "THRESHOLD_EXCEEDED",
        /// Digiteal judged the payment too risky to execute automatically.
        HighRisk = "HIGH_RISK",
        /// Not applicable: the client has no auto pay configuration.
        Na = "NA",
    }
}
