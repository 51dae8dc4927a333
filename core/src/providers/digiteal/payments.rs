//! `digiteal.payments.*`: interactive payment requests (a QR image and the payment URLs).

use serde::{Deserialize, Serialize};

use super::common::{
    blank, header, image_of, info, json_post, languages, required_header, Image, Language, NumberOrText,
};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::rules::{self, invalid, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};

/// `digiteal.payments.create`: `POST /api/v1/payment-request`.
pub type CreatePayment = PaymentCreationRequest;

/// `digiteal.payments.create_for_invoice`: `POST /api/v1/payment-request/invoice`.
pub type CreateInvoicePayment = InvoicePaymentRequest;

/// `PaymentCreationRequest`: the body of `POST /api/v1/payment-request`
/// (`digiteal.payments.create`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PaymentCreationRequest {
    /// A fixed amount, in cents; never together with min/max/suggested amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// Where the user goes after a cancel (falls back to `errorURL`).
    #[serde(default, rename = "cancelURL", skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    /// Where the user goes after a successful payment: mandatory.
    #[serde(rename = "confirmationURL")]
    pub confirmation_url: String,
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
    /// Where the user goes after a failed payment: mandatory.
    #[serde(rename = "errorURL")]
    pub error_url: String,
    /// True if documents will be attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expecting_document_attached: Option<bool>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The most the payer may pay, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount_in_cents: Option<i64>,
    /// The least the payer may pay, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount_in_cents: Option<i64>,
    /// True to accept several payments with this description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    /// The creditor's own id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_internal_id: Option<String>,
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
    /// The amount suggested to the payer, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_amount_in_cents: Option<i64>,
    /// Minutes the payment request stays valid (1 to 127; the seed's range is -128..127); 10 by
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_in_minutes: Option<i64>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl PaymentCreationRequest {
    /// `confirmationURL` and `errorURL` are mandatory (the seed); a fixed `amountInCents` or a
    /// min/max/suggested amount, never both; a reference or a communication; `validityInMinutes`
    /// 1 to 127.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.confirmation_url), "confirmationURL")?;
        rules::required(Some(&self.error_url), "errorURL")?;
        rules::url(Some(&self.confirmation_url), "confirmationURL")?;
        rules::url(Some(&self.error_url), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")?;
        rules::amount_choice(
            self.amount_in_cents,
            self.min_amount_in_cents,
            self.max_amount_in_cents,
            self.suggested_amount_in_cents,
        )?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        if let Some(v) = self.validity_in_minutes {
            if !(1..=127).contains(&v) {
                return Err(invalid("validityInMinutes", format!("the validity is 1 to 127 minutes, got {v}")));
            }
        }
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::positive_id(self.requester_id, "requesterID")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::not_blank(self.payment_internal_id.as_deref(), "paymentInternalId")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for PaymentCreationRequest {
    const INFO: OperationInfo = info("digiteal.payments.create", Method::Post, "/api/v1/payment-request", false);
    type Config = DigitealConfig;
    type Output = PaymentRequestCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
        parse_payment(response)
    }
}

/// `InvoicePaymentRequest`: the body of `POST /api/v1/payment-request/invoice`
/// (`digiteal.payments.create_for_invoice`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InvoicePaymentRequest {
    /// Where the user goes after a cancel (falls back to `errorURL`).
    #[serde(default, rename = "cancelURL", skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    /// Where the user goes after a successful payment.
    #[serde(default, rename = "confirmationURL", skip_serializing_if = "Option::is_none")]
    pub confirmation_url: Option<String>,
    /// Where the user goes after an error.
    #[serde(default, rename = "errorURL", skip_serializing_if = "Option::is_none")]
    pub error_url: Option<String>,
    /// The issuer's own id of the invoice (ignored when `uuid` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_internal_id: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// Digiteal's UUID of the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl InvoicePaymentRequest {
    /// The invoice is named by `uuid` or `invoiceInternalId` (the UUID wins when both are given);
    /// URLs are absolute http(s).
    pub fn check(&self) -> Result<(), Error> {
        if self.uuid.is_none() && self.invoice_internal_id.is_none() {
            return Err(invalid("uuid", "name the invoice: give its uuid or its invoiceInternalId"));
        }
        rules::not_blank(self.uuid.as_deref(), "uuid")?;
        rules::not_blank(self.invoice_internal_id.as_deref(), "invoiceInternalId")?;
        rules::positive_id(self.requester_id, "requesterID")?;
        rules::url(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::url(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")
    }
}

impl Operation for InvoicePaymentRequest {
    const INFO: OperationInfo =
        info("digiteal.payments.create_for_invoice", Method::Post, "/api/v1/payment-request/invoice", false);
    type Config = DigitealConfig;
    type Output = PaymentRequestCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
        parse_payment(response)
    }
}

/// The answer of `digiteal.payments.create` and `digiteal.payments.create_for_invoice`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PaymentRequestCreated {
    /// The `uuid` header: Digiteal's id of the payment request.
    pub uuid: String,
    /// The `payment-url-intent` header: the URL (intent) that pays on a smartphone.
    pub payment_url_intent: Option<String>,
    /// The `payment-web-url` header: the URL that pays in a web browser.
    pub payment_web_url: Option<String>,
    /// The body: the payment QR image (PNG).
    pub image: Option<Image>,
}

fn parse_payment(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
    if !response.is_success() {
        return Err(Error::Api(api_error(response)));
    }
    Ok(PaymentRequestCreated {
        uuid: required_header(response, "uuid")?,
        payment_url_intent: header(response, "payment-url-intent"),
        payment_web_url: header(response, "payment-web-url"),
        image: (!blank(&response.body)).then(|| image_of(response)),
    })
}
