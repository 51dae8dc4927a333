//! The seven operations of `endpoints.tsv` that build URLs instead of sending a request: they work
//! in a browser with no credentials (pay buttons are images and links on the web application;
//! the registration links and the QR generator are pages of it).
//!
//! | id | URL |
//! |---|---|
//! | `digiteal.pay_buttons.image_url` | `{app}/api/v1/payment-request/pay-button?...` |
//! | `digiteal.pay_buttons.execute_url` | `{app}/api/v1/payment-request/pay-button/execute?...` |
//! | `digiteal.pay_buttons.b2b_image_url` | `{app}/api/v1/payment-request/b2b-pay-button?...` |
//! | `digiteal.pay_buttons.b2b_execute_url` | `{app}/api/v1/payment-request/b2b-pay-button/execute?...` |
//! | `digiteal.links.company_registration` | `{app}/#/register/{email}/?vatNumber=&integratorID=&companyName=&forBusiness=` |
//! | `digiteal.links.person_registration` | `{app}/#/register/{email}/?firstName=&lastName=&integratorID=` |
//! | `digiteal.links.qr_generator` | `{app}/#/qr-generator?creditorName=&bic=&iban=&amount=...` |
//!
//! `{app}` is the web application: `https://app.digiteal.eu` (`environment` `production`, the
//! default) or `https://test.digiteal.eu` (`test`, also called `sandbox`), or a `base_url`. Values
//! are percent-encoded with the `percent-encoding` crate (a space is `%20`, as in the guide's
//! examples; `@` and `:` stay as they are, which a query allows). The pay buttons also give the
//! HTML snippet the guide shows, `<a href="{execute}"><img src="{image}"></a>`, with both URLs
//! escaped for an HTML attribute (`&` is `&amp;`).
//!
//! Each builder takes its parameters with the seed's names (`requesterVAT`, `amountInCents`, ...)
//! plus `environment` / `base_url`, and checks the guide's rules first; a violation names the
//! field. [`call`] is the entry point for [`crate::functions`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::config::app_base;
use super::rules::{self, encode, invalid, Query};
use super::types::{ButtonType, ImageFormat, Language, NumberOrText, VatNumber};
use crate::config::BaseUrl;
use crate::epc::Amount;
use crate::error::{Error, ValidationCode};
use crate::operation::{read_input, JsonSink, Sink as _};

/// The operation ids of the link builders, in `endpoints.tsv` order.
pub const IDS: [&str; 7] = [
    "digiteal.pay_buttons.image_url",
    "digiteal.pay_buttons.execute_url",
    "digiteal.pay_buttons.b2b_image_url",
    "digiteal.pay_buttons.b2b_execute_url",
    "digiteal.links.company_registration",
    "digiteal.links.person_registration",
    "digiteal.links.qr_generator",
];

const PAY_BUTTON: &str = "/api/v1/payment-request/pay-button";
const PAY_BUTTON_EXECUTE: &str = "/api/v1/payment-request/pay-button/execute";
const B2B_BUTTON: &str = "/api/v1/payment-request/b2b-pay-button";
const B2B_BUTTON_EXECUTE: &str = "/api/v1/payment-request/b2b-pay-button/execute";

/// The languages a pay button is drawn in (the guide: NL, FR, EN).
const BUTTON_LANGUAGES: &[&str] = &["NL", "FR", "EN"];
/// The formats the QR generator takes (the guide's list).
const GENERATOR_FORMATS: &[&str] = &["QR", "QR_BE", "PAYMENT_SLIP", "PAYMENT_SLIP_WITH_BANNER", "BANNER"];

/// A built link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The URL.
    pub url: String,
}

/// A pay button: the URL asked for, both URLs, and the HTML snippet that shows the image and
/// links to the payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayButtonLinks {
    /// The URL of the operation: the image URL for `*_image_url`, the execution URL for
    /// `*_execute_url`.
    pub url: String,
    /// The button image (`<img src>`): SVG or PNG, and it changes once the payment is made.
    pub image_url: String,
    /// The link that starts the payment (`<a href>`): a redirect to Digiteal's payment page.
    pub execute_url: String,
    /// `<a href="{executeUrl}"><img src="{imageUrl}"></a>`, both escaped for HTML.
    pub html: String,
}

/// The parameters of the pay button (`GET /api/v1/payment-request/pay-button` and `.../execute`;
/// both take the same query).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PayButton {
    /// Your company's VAT number (required).
    #[serde(default, rename = "requesterVAT")]
    pub requester_vat: Option<String>,
    /// Link the button to an invoice: then `iban` and the reference are not needed.
    #[serde(default, rename = "invoiceUUID")]
    pub invoice_uuid: Option<String>,
    /// Link the button to a trusted payment.
    #[serde(default, rename = "trustedPaymentUUID")]
    pub trusted_payment_uuid: Option<String>,
    /// A fixed amount in cents; absent or 0 lets the payer choose (donations).
    #[serde(default)]
    pub amount_in_cents: Option<i64>,
    /// The least the payer may pay (not with `amountInCents`).
    #[serde(default)]
    pub min_amount_in_cents: Option<i64>,
    /// The most the payer may pay (not with `amountInCents`).
    #[serde(default)]
    pub max_amount_in_cents: Option<i64>,
    /// The suggested amount (not with `amountInCents`).
    #[serde(default)]
    pub suggested_amount_in_cents: Option<i64>,
    /// The IBAN paid into (required without `invoiceUUID`).
    #[serde(default)]
    pub iban: Option<String>,
    /// NL, FR or EN (any case; EN by default).
    #[serde(default)]
    pub language: Option<Language>,
    /// The structured reference; or give `remittanceInfo` (one is required without `invoiceUUID`).
    #[serde(default)]
    pub creditor_reference: Option<String>,
    /// Free-text communication; Digiteal adds the debtor's name to it.
    #[serde(default)]
    pub remittance_info: Option<String>,
    /// The debtor's id in your system.
    #[serde(default)]
    pub customer_internal_id: Option<String>,
    /// The debtor's email (the seed spells it `customerEMail`).
    #[serde(default, rename = "customerEMail")]
    pub customer_email: Option<String>,
    /// Accept several payments with this description.
    #[serde(default)]
    pub multiple: Option<bool>,
    /// Go through a bank confirmation (1-day delay; extra charges).
    #[serde(default)]
    pub direct: Option<bool>,
    /// Where the payer goes after paying.
    #[serde(default, rename = "confirmationURL")]
    pub confirmation_url: Option<String>,
    /// Where the payer goes after an error or a cancel.
    #[serde(default, rename = "errorURL")]
    pub error_url: Option<String>,
    /// Where the payer goes after a cancel.
    #[serde(default, rename = "cancelURL")]
    pub cancel_url: Option<String>,
    /// SVG or PNG (the default).
    #[serde(default, rename = "type")]
    pub button_type: Option<ButtonType>,
    /// `production` (default) or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// A custom web application URL (tests, proxies).
    #[serde(default, alias = "base_url")]
    pub base_url: Option<String>,
}

/// The parameters of the B2B creditor button (`GET /api/v1/payment-request/b2b-pay-button` and
/// `.../execute`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct B2bPayButton {
    /// The creditor company's VAT number, sent as `creditorVAT.representation` (and
    /// `creditorVAT.belgian`), the reference's names.
    #[serde(default, rename = "creditorVAT")]
    pub creditor_vat: Option<VatNumber>,
    /// The creditor's name (pre-fills its registration).
    #[serde(default)]
    pub creditor_name: Option<String>,
    /// The paying company's VAT number (`debtorVAT.representation`, `debtorVAT.belgian`).
    #[serde(default, rename = "debtorVAT")]
    pub debtor_vat: Option<VatNumber>,
    /// The structured reference; or give `remittanceInfo` (one is required).
    #[serde(default)]
    pub creditor_reference: Option<String>,
    /// Free-text communication.
    #[serde(default)]
    pub remittance_info: Option<String>,
    /// The creditor's email (contacted when not registered).
    #[serde(default)]
    pub creditor_email: Option<String>,
    /// The creditor's IBAN from the invoice (required).
    #[serde(default, rename = "creditorIBAN")]
    pub creditor_iban: Option<String>,
    /// The amount in cents (required).
    #[serde(default)]
    pub amount_in_cents: Option<i64>,
    /// ISO 4217; EUR by default.
    #[serde(default)]
    pub currency: Option<String>,
    /// NL, FR or EN.
    #[serde(default)]
    pub language: Option<Language>,
    /// Where the payer goes once the payment is confirmed.
    #[serde(default, rename = "confirmationURL")]
    pub confirmation_url: Option<String>,
    /// Where the payer goes after an error.
    #[serde(default, rename = "errorURL")]
    pub error_url: Option<String>,
    /// Where the payer goes after a cancel.
    #[serde(default, rename = "cancelURL")]
    pub cancel_url: Option<String>,
    /// `production` (default) or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// A custom web application URL.
    #[serde(default, alias = "base_url")]
    pub base_url: Option<String>,
}

/// The company registration link's parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CompanyRegistration {
    /// Your client's email address (a path segment; required).
    #[serde(default)]
    pub email: Option<String>,
    /// The company's VAT number.
    #[serde(default)]
    pub vat_number: Option<String>,
    /// Your integrator id (in your Digiteal profile).
    #[serde(default, rename = "integratorID")]
    pub integrator_id: Option<NumberOrText>,
    /// The company's name.
    #[serde(default)]
    pub company_name: Option<String>,
    /// Show the company registration page although neither `vatNumber` nor `companyName` is given;
    /// kassa sets it to `true` in that case unless given.
    #[serde(default)]
    pub for_business: Option<bool>,
    /// `production` (default) or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// A custom web application URL.
    #[serde(default, alias = "base_url")]
    pub base_url: Option<String>,
}

/// The person registration link's parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonRegistration {
    /// The person's email address (a path segment; required).
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Your integrator id.
    #[serde(default, rename = "integratorID")]
    pub integrator_id: Option<NumberOrText>,
    /// `production` (default) or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// A custom web application URL.
    #[serde(default, alias = "base_url")]
    pub base_url: Option<String>,
}

/// The QR generator page's pre-filled values (every one optional: the page asks for the rest).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct QrGenerator {
    /// The creditor's name.
    #[serde(default)]
    pub creditor_name: Option<String>,
    /// The creditor's BIC.
    #[serde(default)]
    pub bic: Option<String>,
    /// The creditor's IBAN.
    #[serde(default)]
    pub iban: Option<String>,
    /// The amount in euro as a decimal string (`"12.34"`): never a float.
    #[serde(default)]
    pub amount: Option<String>,
    /// The amount in cents, instead of `amount` (written `12.34` in the URL); 0 leaves it out.
    #[serde(default)]
    pub amount_in_cents: Option<i64>,
    /// The structured reference.
    #[serde(default)]
    pub creditor_reference: Option<String>,
    /// Free-text communication.
    #[serde(default)]
    pub remittance_info: Option<String>,
    /// The email of the person generating the code.
    #[serde(default)]
    pub email: Option<String>,
    /// ISO 20022 purpose code (4 letters).
    #[serde(default)]
    pub purpose: Option<String>,
    /// The purpose's name.
    #[serde(default)]
    pub purpose_name: Option<String>,
    /// What the bank shows (EPC beneficiary-to-originator information).
    #[serde(default)]
    pub info: Option<String>,
    /// `YYYY-MM-DD`, shown as memo date.
    #[serde(default)]
    pub due_date: Option<String>,
    /// en, fr, nl or de.
    #[serde(default)]
    pub language: Option<Language>,
    /// QR, QR_BE, PAYMENT_SLIP, PAYMENT_SLIP_WITH_BANNER or BANNER.
    #[serde(default)]
    pub format: Option<ImageFormat>,
    /// `production` (default) or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// A custom web application URL.
    #[serde(default, alias = "base_url")]
    pub base_url: Option<String>,
}

fn one_of(value: Option<&str>, known: &[&str], field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if !known.iter().any(|k| k.eq_ignore_ascii_case(v)) => {
            Err(invalid(field, format!("`{v}` is not one of {}", known.join(", "))))
        }
        _ => Ok(()),
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn html_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

fn button(image_url: String, execute_url: String, execute: bool) -> PayButtonLinks {
    let html = format!("<a href=\"{}\"><img src=\"{}\"></a>", html_attr(&execute_url), html_attr(&image_url));
    let url = if execute { execute_url.clone() } else { image_url.clone() };
    PayButtonLinks { url, image_url, execute_url, html }
}

impl PayButton {
    /// The guide's rules: `requesterVAT` is required; without `invoiceUUID` (or
    /// `trustedPaymentUUID`) an `iban` and a reference or communication are too; `amountInCents`
    /// never with min/max/suggested amounts; URLs absolute; NL/FR/EN; SVG/PNG.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(self.requester_vat.as_deref(), "requesterVAT")?;
        rules::not_blank(self.invoice_uuid.as_deref(), "invoiceUUID")?;
        rules::not_blank(self.trusted_payment_uuid.as_deref(), "trustedPaymentUUID")?;
        if self.invoice_uuid.is_none() && self.trusted_payment_uuid.is_none() {
            rules::required(self.iban.as_deref(), "iban")?;
            rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        } else if let Some(r) = &self.creditor_reference {
            rules::creditor_reference(r, "creditorReference")?;
        }
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::amount_choice(
            self.amount_in_cents,
            self.min_amount_in_cents,
            self.max_amount_in_cents,
            self.suggested_amount_in_cents,
        )?;
        rules::email(self.customer_email.as_deref(), "customerEMail")?;
        rules::url(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::url(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")?;
        one_of(self.language.as_ref().map(Language::as_str), BUTTON_LANGUAGES, "language")?;
        one_of(self.button_type.as_ref().map(ButtonType::as_str), ButtonType::KNOWN, "type")
    }

    /// The query, in the order of the guide's example
    /// (`requesterVAT, amountInCents, iban, language, remittanceInfo`).
    fn query(&self) -> String {
        let mut q = Query::default();
        q.opt("requesterVAT", self.requester_vat.as_deref());
        q.opt("invoiceUUID", self.invoice_uuid.as_deref());
        q.opt("trustedPaymentUUID", self.trusted_payment_uuid.as_deref());
        q.opt("amountInCents", self.amount_in_cents.as_ref());
        q.opt("minAmountInCents", self.min_amount_in_cents.as_ref());
        q.opt("maxAmountInCents", self.max_amount_in_cents.as_ref());
        q.opt("suggestedAmountInCents", self.suggested_amount_in_cents.as_ref());
        q.opt("iban", self.iban.as_deref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("creditorReference", self.creditor_reference.as_deref());
        q.opt("remittanceInfo", self.remittance_info.as_deref());
        q.opt("customerInternalId", self.customer_internal_id.as_deref());
        q.opt("customerEMail", self.customer_email.as_deref());
        q.opt("multiple", self.multiple.as_ref());
        q.opt("direct", self.direct.as_ref());
        q.opt("confirmationURL", self.confirmation_url.as_deref());
        q.opt("errorURL", self.error_url.as_deref());
        q.opt("cancelURL", self.cancel_url.as_deref());
        q.opt("type", self.button_type.as_ref().map(ButtonType::as_str));
        q.into_string()
    }

    fn links(&self, execute: bool) -> Result<PayButtonLinks, Error> {
        self.check()?;
        let base = app_base(self.environment.as_deref(), self.base_url.as_deref())?;
        let query = self.query();
        Ok(button(
            format!("{}?{query}", base.join(PAY_BUTTON)),
            format!("{}?{query}", base.join(PAY_BUTTON_EXECUTE)),
            execute,
        ))
    }

    /// `digiteal.pay_buttons.image_url`.
    pub fn image_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(false)
    }

    /// `digiteal.pay_buttons.execute_url`.
    pub fn execute_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(true)
    }
}

impl B2bPayButton {
    /// The guide's rules: a reference or a communication; kassa also requires the creditor's IBAN
    /// and an amount above zero (there is nothing to pay otherwise); URLs absolute; NL/FR/EN.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(self.creditor_iban.as_deref(), "creditorIBAN")?;
        rules::iban(self.creditor_iban.as_deref(), "creditorIBAN")?;
        rules::positive_cents(self.amount_in_cents, "amountInCents")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        for (vat, field) in [(&self.creditor_vat, "creditorVAT"), (&self.debtor_vat, "debtorVAT")] {
            if let Some(v) = vat {
                rules::required(Some(v.parts().0), field)?;
            }
        }
        rules::email(self.creditor_email.as_deref(), "creditorEmail")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::url(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::url(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")?;
        one_of(self.language.as_ref().map(Language::as_str), BUTTON_LANGUAGES, "language")
    }

    /// The query in the order of the guide's example, with the reference's `creditorVAT.*` and
    /// `debtorVAT.*` names.
    fn query(&self) -> String {
        let mut q = Query::default();
        let vat = |q: &mut Query, prefix: &str, v: &Option<VatNumber>| {
            if let Some(v) = v {
                let (representation, belgian) = v.parts();
                q.push(&format!("{prefix}.representation"), representation);
                q.opt(&format!("{prefix}.belgian"), belgian.as_ref());
            }
        };
        vat(&mut q, "creditorVAT", &self.creditor_vat);
        q.opt("creditorName", self.creditor_name.as_deref());
        vat(&mut q, "debtorVAT", &self.debtor_vat);
        q.opt("creditorReference", self.creditor_reference.as_deref());
        q.opt("remittanceInfo", self.remittance_info.as_deref());
        q.opt("creditorEmail", self.creditor_email.as_deref());
        q.opt("creditorIBAN", self.creditor_iban.as_deref());
        q.opt("amountInCents", self.amount_in_cents.as_ref());
        q.opt("currency", self.currency.as_deref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("confirmationURL", self.confirmation_url.as_deref());
        q.opt("errorURL", self.error_url.as_deref());
        q.opt("cancelURL", self.cancel_url.as_deref());
        q.into_string()
    }

    fn links(&self, execute: bool) -> Result<PayButtonLinks, Error> {
        self.check()?;
        let base = app_base(self.environment.as_deref(), self.base_url.as_deref())?;
        let query = self.query();
        Ok(button(
            format!("{}?{query}", base.join(B2B_BUTTON)),
            format!("{}?{query}", base.join(B2B_BUTTON_EXECUTE)),
            execute,
        ))
    }

    /// `digiteal.pay_buttons.b2b_image_url`.
    pub fn image_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(false)
    }

    /// `digiteal.pay_buttons.b2b_execute_url`.
    pub fn execute_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(true)
    }
}

/// `{app}/#/register/{email}/?` followed by the query: the guide insists on the `/?`, without
/// which the form is not pre-filled.
fn registration(base: &BaseUrl, email: &str, query: Query) -> String {
    format!("{}/#/register/{}/?{}", base.as_str(), encode(email), query.into_string())
}

impl CompanyRegistration {
    /// `digiteal.links.company_registration`: the email is required and checked.
    pub fn link(&self) -> Result<Link, Error> {
        let email = rules::required(self.email.as_deref(), "email")?;
        rules::email(Some(email), "email")?;
        rules::not_blank(self.vat_number.as_deref(), "vatNumber")?;
        rules::not_blank(self.company_name.as_deref(), "companyName")?;
        let base = app_base(self.environment.as_deref(), self.base_url.as_deref())?;
        let for_business =
            self.for_business.or_else(|| (self.vat_number.is_none() && self.company_name.is_none()).then_some(true));
        let mut q = Query::default();
        q.opt("vatNumber", self.vat_number.as_deref());
        q.opt("integratorID", self.integrator_id.as_ref());
        q.opt("companyName", self.company_name.as_deref());
        q.opt("forBusiness", for_business.as_ref());
        Ok(Link { url: registration(&base, email, q) })
    }
}

impl PersonRegistration {
    /// `digiteal.links.person_registration`: the email is required and checked.
    pub fn link(&self) -> Result<Link, Error> {
        let email = rules::required(self.email.as_deref(), "email")?;
        rules::email(Some(email), "email")?;
        let base = app_base(self.environment.as_deref(), self.base_url.as_deref())?;
        let mut q = Query::default();
        q.opt("firstName", self.first_name.as_deref());
        q.opt("lastName", self.last_name.as_deref());
        q.opt("integratorID", self.integrator_id.as_ref());
        Ok(Link { url: registration(&base, email, q) })
    }
}

impl QrGenerator {
    /// `digiteal.links.qr_generator`: every value optional, each checked when given (IBAN, BIC,
    /// reference, email, purpose, date, the guide's languages and formats); the amount as a
    /// decimal string or integer cents, not both.
    pub fn link(&self) -> Result<Link, Error> {
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        if let Some(r) = &self.creditor_reference {
            rules::creditor_reference(r, "creditorReference")?;
        }
        rules::email(self.email.as_deref(), "email")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::date(self.due_date.as_deref(), "dueDate")?;
        one_of(self.language.as_ref().map(Language::as_str), Language::KNOWN, "language")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), GENERATOR_FORMATS, "format")?;
        let amount = match (&self.amount, self.amount_in_cents) {
            (Some(_), Some(_)) => return Err(invalid("amount", "give amount or amountInCents, not both")),
            (Some(a), None) => Some(Amount::parse(a).map_err(|e| invalid("amount", e.to_string()))?.to_string()),
            (None, Some(0)) | (None, None) => None,
            (None, Some(c)) => {
                Some(Amount::from_cents(c).map_err(|e| invalid("amountInCents", e.to_string()))?.to_string())
            }
        };
        let base = app_base(self.environment.as_deref(), self.base_url.as_deref())?;
        let mut q = Query::default();
        q.opt("creditorName", self.creditor_name.as_deref());
        q.opt("bic", self.bic.as_deref());
        q.opt("iban", self.iban.as_deref());
        q.opt("amount", amount.as_deref());
        q.opt("creditorReference", self.creditor_reference.as_deref());
        q.opt("remittanceInfo", self.remittance_info.as_deref());
        q.opt("email", self.email.as_deref());
        q.opt("purpose", self.purpose.as_deref());
        q.opt("purposeName", self.purpose_name.as_deref());
        q.opt("info", self.info.as_deref());
        q.opt("dueDate", self.due_date.as_deref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("format", self.format.as_ref().map(ImageFormat::as_str));
        Ok(Link { url: q.append_to(format!("{}/#/qr-generator", base.as_str())) })
    }
}

/// Reads the parameters from keyword arguments (or one positional object); a failure names the
/// field.
fn read<T: DeserializeOwned>(name: &str, args: &[Value], kwargs: &Map<String, Value>) -> Result<T, Error> {
    let params = match (args, kwargs.is_empty()) {
        ([], _) => Value::Object(kwargs.clone()),
        ([Value::Object(o)], true) => Value::Object(o.clone()),
        ([Value::Null], _) => Value::Object(kwargs.clone()),
        _ => {
            return Err(invalid("args", format!("{name} takes its parameters as keyword arguments (or one object)")));
        }
    };
    // `null` counts as absent, as for the other functions.
    let params = match params {
        Value::Object(o) => Value::Object(o.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    };
    read_input(ValidationCode::InvalidParams, params)
}

/// Calls link builder `name` (one of [`IDS`]) with keyword arguments; `None` when `name` is not
/// one of them. The result is `{url}` or, for pay buttons, `{url, imageUrl, executeUrl, html}`.
pub fn call(name: &str, args: &[Value], kwargs: &Map<String, Value>) -> Option<Result<Value, Error>> {
    let result = match name {
        "digiteal.pay_buttons.image_url" => {
            read::<PayButton>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.image_url()?))
        }
        "digiteal.pay_buttons.execute_url" => {
            read::<PayButton>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.execute_url()?))
        }
        "digiteal.pay_buttons.b2b_image_url" => {
            read::<B2bPayButton>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.image_url()?))
        }
        "digiteal.pay_buttons.b2b_execute_url" => {
            read::<B2bPayButton>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.execute_url()?))
        }
        "digiteal.links.company_registration" => {
            read::<CompanyRegistration>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.link()?))
        }
        "digiteal.links.person_registration" => {
            read::<PersonRegistration>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.link()?))
        }
        "digiteal.links.qr_generator" => read::<QrGenerator>(name, args, kwargs).and_then(|p| JsonSink.emit(&p.link()?)),
        _ => return None,
    };
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn run(name: &str, v: Value) -> Result<Value, Error> {
        call(name, &[], &kw(v)).unwrap()
    }

    #[test]
    fn pay_button_reproduces_the_guide_example() {
        let params = json!({"requesterVAT": "BE0406729809", "amountInCents": 4000, "iban": "BE72000000001616",
                            "language": "en", "remittanceInfo": "Urgency Fund"});
        let img = run("digiteal.pay_buttons.image_url", params.clone()).unwrap();
        let exec = run("digiteal.pay_buttons.execute_url", params).unwrap();
        let guide_img = "https://app.digiteal.eu/api/v1/payment-request/pay-button?requesterVAT=BE0406729809&amountInCents=4000&iban=BE72000000001616&language=en&remittanceInfo=Urgency%20Fund";
        let guide_exec = "https://app.digiteal.eu/api/v1/payment-request/pay-button/execute?requesterVAT=BE0406729809&amountInCents=4000&iban=BE72000000001616&language=en&remittanceInfo=Urgency%20Fund";
        assert_eq!(img["url"], guide_img);
        assert_eq!(exec["url"], guide_exec);
        assert_eq!(img["html"], exec["html"]);
        assert_eq!(
            exec["html"],
            format!(
                "<a href=\"{}\"><img src=\"{}\"></a>",
                guide_exec.replace('&', "&amp;"),
                guide_img.replace('&', "&amp;")
            )
        );
    }

    #[test]
    fn html_is_escaped() {
        let out = run(
            "digiteal.pay_buttons.execute_url",
            json!({"requesterVAT": "BE0406729809", "iban": "BE72000000001616", "remittanceInfo": "\"><script>alert(1)</script>",
                   "environment": "test", "type": "SVG"}),
        )
        .unwrap();
        let html = out["html"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(html.starts_with("<a href=\"https://test.digiteal.eu/api/v1/payment-request/pay-button/execute?"));
        assert_eq!(html_attr("a&b\"c'd<e>"), "a&amp;b&quot;c&#39;d&lt;e&gt;");
    }

    #[test]
    fn pay_button_rules() {
        let field = |v: Value| match run("digiteal.pay_buttons.image_url", v).unwrap_err() {
            Error::Validation(e) => e.field.into_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(json!({"iban": "BE72000000001616", "remittanceInfo": "x"})), "requesterVAT");
        assert_eq!(field(json!({"requesterVAT": "BE0406729809", "remittanceInfo": "x"})), "iban");
        assert_eq!(field(json!({"requesterVAT": "BE0406729809", "iban": "BE72000000001616"})), "creditorReference");
        assert_eq!(
            field(json!({"requesterVAT": "BE0406729809", "iban": "BE72000000001616", "remittanceInfo": "x",
                         "amountInCents": 100, "maxAmountInCents": 500})),
            "maxAmountInCents"
        );
        assert_eq!(field(json!({"requesterVAT": "BE0406729809", "invoiceUUID": "e529", "type": "GIF"})), "type");
        assert_eq!(field(json!({"requesterVAT": "BE0406729809", "invoiceUUID": "e529", "language": "DE"})), "language");
        assert_eq!(field(json!({"requesterVAT": "BE0406729809", "invoiceUUID": "e529", "amount": 1})), "amount");
        // With an invoice UUID, neither the IBAN nor a reference is needed.
        let ok = run("digiteal.pay_buttons.image_url", json!({"requesterVAT": "BE0406729809", "invoiceUUID": "e529"}))
            .unwrap();
        assert_eq!(
            ok["url"],
            "https://app.digiteal.eu/api/v1/payment-request/pay-button?requesterVAT=BE0406729809&invoiceUUID=e529"
        );
    }

    #[test]
    fn b2b_button_uses_the_reference_names() {
        let params = json!({"creditorVAT": "BE555554325", "creditorName": "CompanyB", "debtorVAT": {"representation": "BE0897227828", "belgian": true},
                            "remittanceInfo": "18124", "creditorEmail": "companyB@yopmail.com", "creditorIBAN": "BE68130191571783",
                            "amountInCents": 52109, "language": "EN", "environment": "test"});
        let out = run("digiteal.pay_buttons.b2b_execute_url", params).unwrap();
        assert_eq!(
            out["url"],
            "https://test.digiteal.eu/api/v1/payment-request/b2b-pay-button/execute?creditorVAT.representation=BE555554325&creditorName=CompanyB&debtorVAT.representation=BE0897227828&debtorVAT.belgian=true&remittanceInfo=18124&creditorEmail=companyB@yopmail.com&creditorIBAN=BE68130191571783&amountInCents=52109&language=EN"
        );
        assert!(out["imageUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://test.digiteal.eu/api/v1/payment-request/b2b-pay-button?"));
        let err = run(
            "digiteal.pay_buttons.b2b_image_url",
            json!({"creditorIBAN": "BE68130191571783", "remittanceInfo": "x"}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("amountInCents"), "{err}");
    }

    #[test]
    fn registration_links() {
        let company = run(
            "digiteal.links.company_registration",
            json!({"email": "jane@company.be", "vatNumber": "BE0897227828", "integratorID": 1234, "companyName": "Company & Sons", "environment": "test"}),
        )
        .unwrap();
        assert_eq!(
            company["url"],
            "https://test.digiteal.eu/#/register/jane@company.be/?vatNumber=BE0897227828&integratorID=1234&companyName=Company%20%26%20Sons"
        );
        let bare = run("digiteal.links.company_registration", json!({"email": "jane@company.be"})).unwrap();
        assert_eq!(bare["url"], "https://app.digiteal.eu/#/register/jane@company.be/?forBusiness=true");
        let person = run(
            "digiteal.links.person_registration",
            json!({"email": "john+test@doe.eu", "firstName": "John", "lastName": "Doe", "integratorID": "INT-1"}),
        )
        .unwrap();
        assert_eq!(
            person["url"],
            "https://app.digiteal.eu/#/register/john%2Btest@doe.eu/?firstName=John&lastName=Doe&integratorID=INT-1"
        );
        let only = run("digiteal.links.person_registration", json!({"email": "a@b.be"})).unwrap();
        assert_eq!(only["url"], "https://app.digiteal.eu/#/register/a@b.be/?");
        assert!(run("digiteal.links.person_registration", json!({})).unwrap_err().to_string().contains("email"));
        assert_eq!(
            run("digiteal.links.person_registration", json!({"email": "a@b.be", "nope": 1})).unwrap_err().code(),
            "invalid_params"
        );
    }

    #[test]
    fn qr_generator_reproduces_the_guide_sample() {
        let out = run(
            "digiteal.links.qr_generator",
            json!({"creditorName": "Les amis de Demoucelle Parkinson Charity", "bic": "BPOTBEB1", "iban": "BE10000000000404",
                   "amount": "12.34", "creditorReference": "014134000443", "email": "support@digiteal.eu", "purpose": "CHAR",
                   "purposeName": "Charity", "info": "https://www.scan2pay.info", "dueDate": "2030-12-31", "language": "en",
                   "format": "PAYMENT_SLIP_WITH_BANNER"}),
        )
        .unwrap();
        assert_eq!(
            out["url"],
            "https://app.digiteal.eu/#/qr-generator?creditorName=Les%20amis%20de%20Demoucelle%20Parkinson%20Charity&bic=BPOTBEB1&iban=BE10000000000404&amount=12.34&creditorReference=014134000443&email=support@digiteal.eu&purpose=CHAR&purposeName=Charity&info=https:%2F%2Fwww.scan2pay.info&dueDate=2030-12-31&language=en&format=PAYMENT_SLIP_WITH_BANNER"
        );
        let cents = run("digiteal.links.qr_generator", json!({"amountInCents": 1234})).unwrap();
        assert_eq!(cents["url"], "https://app.digiteal.eu/#/qr-generator?amount=12.34");
        assert_eq!(
            run("digiteal.links.qr_generator", json!({})).unwrap()["url"],
            "https://app.digiteal.eu/#/qr-generator"
        );
        for (bad, field) in [
            (json!({"amount": 12.34}), "amount"),
            (json!({"amount": "12,34"}), "amount"),
            (json!({"amount": "1", "amountInCents": 100}), "amount"),
            (json!({"format": "QR_TEXT"}), "format"),
            (json!({"dueDate": "2030-02-30"}), "dueDate"),
        ] {
            let Error::Validation(e) = run("digiteal.links.qr_generator", bad.clone()).unwrap_err() else { panic!() };
            assert_eq!(&*e.field, field, "{bad}");
        }
    }

    #[test]
    fn entry_point() {
        assert!(call("digiteal.invoices.create", &[], &Map::new()).is_none());
        for id in IDS {
            assert!(call(id, &[], &Map::new()).is_some(), "{id}");
        }
        let one_object =
            call("digiteal.links.person_registration", &[json!({"email": "a@b.be"})], &Map::new()).unwrap();
        assert!(one_object.is_ok());
        let positional = call("digiteal.links.person_registration", &[json!("a@b.be")], &Map::new()).unwrap();
        assert_eq!(positional.unwrap_err().code(), "invalid_params");
        let base =
            run("digiteal.links.person_registration", json!({"email": "a@b.be", "baseUrl": "http://127.0.0.1:8/"}))
                .unwrap();
        assert_eq!(base["url"], "http://127.0.0.1:8/#/register/a@b.be/?");
        let env = run("digiteal.links.person_registration", json!({"email": "a@b.be", "environment": "staging"}))
            .unwrap_err();
        assert_eq!(env.code(), "unknown_environment");
    }
}
