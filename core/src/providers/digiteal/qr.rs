//! `digiteal.qr.*`: anonymous EPC QR and payment slip images.

use serde::{Deserialize, Serialize};

use super::common::{
    view,
    blank, get, image_of, info, languages, one_of, status_header, Image, ImageFormat, Language,
};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::string_enum;

/// `digiteal.qr.slip_image`: `GET /api/v1/image-request/slip-image-anonymous`.
pub type GetSlipImage = SlipImageRequest;

/// The query of the anonymous QR images, `GET /api/v1/image-request/slip-image-anonymous` and
/// `.../slip-image-anonymous-inline` (`digiteal.qr.slip_image`, `digiteal.qr.slip_image_inline`).
/// Sent without credentials. `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SlipImageRequest {
    /// The amount in cents (the seed types it `number (double)` and describes it as cents; kassa
    /// takes integer cents and sends an integer: no floats for money).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// The date the bill was created (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_date: Option<String>,
    /// The issuer's id of the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    /// The requester's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biller_name: Option<String>,
    /// The requester's VAT number.
    #[serde(default, rename = "billerVAT", skip_serializing_if = "Option::is_none")]
    pub biller_vat: Option<String>,
    /// The structured reference; or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_country: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_first_name: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_house_number: Option<String>,
    /// The debtor's id in the requester's system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_id: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_mobile_phone_number: Option<String>,
    /// Last name or company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_name: Option<String>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_street_name: Option<String>,
    /// The debtor's VAT number.
    #[serde(default, rename = "debtorVAT", skip_serializing_if = "Option::is_none")]
    pub debtor_vat: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_zip_code: Option<String>,
    /// True to pay through a PIS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// Pay before this date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// The image (`payment_slip` by default; any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language (nl, fr or en; any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Languages, sent as repeated `languages=` parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// ISO 20022 purpose code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// `DRAFT` or `FINAL` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_status: Option<RequestStatus>,
    /// The requester's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requestor_email: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Image width in pixels (at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Not a query parameter: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl SlipImageRequest {
    /// A reference or a communication, amounts not negative, dates `YYYY-MM-DD`, `size` at most
    /// 4000, the listed enum values, checked IBAN/BIC/references.
    pub fn check(&self) -> Result<(), Error> {
        rules::cents(self.amount, "amount")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::date(self.bill_date.as_deref(), "billDate")?;
        rules::date(self.due_date.as_deref(), "dueDate")?;
        rules::size(self.size, "size")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.debtor_country.as_deref(), "debtorCountry")?;
        rules::email(self.debtor_email.as_deref(), "debtorEmail")?;
        rules::email(self.requestor_email.as_deref(), "requestorEmail")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), ImageFormat::KNOWN, "format")?;
        one_of(self.request_status.as_ref().map(RequestStatus::as_str), RequestStatus::KNOWN, "requestStatus")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), self.languages.as_ref())
    }

    /// The query, in the order of the guide's example
    /// (`iban, billerName, amount, remittanceInfo, format, language`) with the other parameters
    /// where they belong; `languages` as repeated parameters.
    pub(crate) fn query(&self) -> Query {
        let mut q = Query::default();
        q.opt("iban", self.iban.as_deref());
        q.opt("bic", self.bic.as_deref());
        q.opt("billerName", self.biller_name.as_deref());
        q.opt("billerVAT", self.biller_vat.as_deref());
        q.opt("requestorEmail", self.requestor_email.as_deref());
        q.opt("amount", self.amount.as_ref());
        q.opt("currency", self.currency.as_deref());
        q.opt("creditorReference", self.creditor_reference.as_deref());
        q.opt("remittanceInfo", self.remittance_info.as_deref());
        q.opt("purpose", self.purpose.as_deref());
        q.opt("billId", self.bill_id.as_deref());
        q.opt("billDate", self.bill_date.as_deref());
        q.opt("dueDate", self.due_date.as_deref());
        q.opt("debtorId", self.debtor_id.as_deref());
        q.opt("debtorFirstName", self.debtor_first_name.as_deref());
        q.opt("debtorName", self.debtor_name.as_deref());
        q.opt("debtorEmail", self.debtor_email.as_deref());
        q.opt("debtorMobilePhoneNumber", self.debtor_mobile_phone_number.as_deref());
        q.opt("debtorVAT", self.debtor_vat.as_deref());
        q.opt("debtorStreetName", self.debtor_street_name.as_deref());
        q.opt("debtorHouseNumber", self.debtor_house_number.as_deref());
        q.opt("debtorZipCode", self.debtor_zip_code.as_deref());
        q.opt("debtorCity", self.debtor_city.as_deref());
        q.opt("debtorCountry", self.debtor_country.as_deref());
        q.opt("directPayment", self.direct_payment.as_ref());
        q.opt("requestStatus", self.request_status.as_ref().map(RequestStatus::as_str));
        q.opt("format", self.format.as_ref().map(ImageFormat::as_str));
        q.opt("size", self.size.as_ref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("secondaryLanguage", self.secondary_language.as_ref().map(Language::as_str));
        for l in self.languages.iter().flatten() {
            q.push("languages", l.as_str());
        }
        q
    }
}

impl Operation for SlipImageRequest {
    const INFO: OperationInfo =
        info("digiteal.qr.slip_image", Method::Get, "/api/v1/image-request/slip-image-anonymous", true);
    type Config = DigitealConfig;
    type Output = SlipImage;

    /// Anonymous: sent without credentials, so it works with a config that has none.
    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        get(config, Self::INFO.path, self.query(), false, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<SlipImage, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let (status, ok) = status_header(response);
        let image = (!blank(&response.body)).then(|| image_of(response));
        Ok(SlipImage { image, status, ok })
    }
}

/// The answer of `digiteal.qr.slip_image`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SlipImage {
    /// The image (PNG).
    pub image: Option<Image>,
    /// The `status` header as sent: `0` OK, `1` not OK.
    pub status: Option<String>,
    /// `status` read: `true` for `0`, `false` for `1`, `null` when absent or another value.
    pub ok: Option<bool>,
}

view! {
    /// `digiteal.qr.slip_image_inline`: `GET /api/v1/image-request/slip-image-anonymous-inline`, the
    /// same query as [`GetSlipImage`], answered with a JSON string.
    GetSlipImageInline(SlipImageRequest)
}

impl Operation for GetSlipImageInline {
    const INFO: OperationInfo =
        info("digiteal.qr.slip_image_inline", Method::Get, "/api/v1/image-request/slip-image-anonymous-inline", true);
    type Config = DigitealConfig;
    type Output = SlipImageInline;

    /// Anonymous, as [`GetSlipImage`].
    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.0.check()?;
        get(config, Self::INFO.path, self.0.query(), false, "application/json", self.0.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<SlipImageInline, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let (status, ok) = status_header(response);
        let content: String = serde_json::from_slice(&response.body)
            .map_err(|e| Error::decode("body", format!("expected a JSON string: {e}")))?;
        Ok(SlipImageInline { content, status, ok })
    }
}

/// The answer of `digiteal.qr.slip_image_inline`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SlipImageInline {
    /// The JSON string of the body, as Digiteal sent it (the seed does not say more than
    /// "string").
    pub content: String,
    /// The `status` header as sent: `0` OK, `1` not OK.
    pub status: Option<String>,
    /// `status` read: `true` for `0`, `false` for `1`, `null` otherwise.
    pub ok: Option<bool>,
}

string_enum! {
    /// `requestStatus` of an anonymous QR image.
    pub enum RequestStatus {
        /// A draft.
        Draft = "DRAFT",
        /// Final (the default).
        Final = "FINAL",
    }
}

