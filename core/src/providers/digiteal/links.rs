//! `digiteal.links.*`: links into Digiteal's web application: the prefilled company and person
//! registration pages and the QR generator page. No credentials; `build_request` gives each as a
//! `GET` of its URL.

use serde::{Deserialize, Serialize};

use super::common::{one_of, ImageFormat, Language, NumberOrText};
use super::common::{link_info, link_request, view, LinkAnswer};
use super::config::{link_base, DigitealConfig};
use super::rules::{self, encode, invalid, Query};
use crate::config::BaseUrl;
use crate::epc::Amount;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{Operation, OperationInfo};

/// The formats the QR generator takes (the guide's list).
const GENERATOR_FORMATS: &[&str] = &["QR", "QR_BE", "PAYMENT_SLIP", "PAYMENT_SLIP_WITH_BANNER", "BANNER"];

/// A built link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Link {
    /// The URL.
    pub url: String,
}

/// The company registration link's parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CompanyRegistration {
    /// Your client's email address (a path segment; required).
    pub email: String,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonRegistration {
    /// The person's email address (a path segment; required).
    pub email: String,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// `{app}/#/register/{email}/?` followed by the query: the guide insists on the `/?`, without
/// which the form is not pre-filled.
fn registration(base: &BaseUrl, email: &str, query: Query) -> String {
    format!("{}/#/register/{}/?{}", base.as_str(), encode(email), query.into_string())
}

impl CompanyRegistration {
    /// `digiteal.links.company_registration`: the email is required and checked.
    pub fn link(&self) -> Result<Link, Error> {
        self.link_on(None)
    }

    /// The link on the config's web application (or the link's own `environment` / `baseUrl`).
    pub fn link_on(&self, config: Option<&DigitealConfig>) -> Result<Link, Error> {
        let email = rules::required(Some(&self.email), "email")?;
        rules::email(Some(email), "email")?;
        rules::not_blank(self.vat_number.as_deref(), "vatNumber")?;
        rules::not_blank(self.company_name.as_deref(), "companyName")?;
        let base = link_base(self.environment.as_deref(), self.base_url.as_deref(), config)?;
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
        self.link_on(None)
    }

    /// The link on the config's web application (or the link's own `environment` / `baseUrl`).
    pub fn link_on(&self, config: Option<&DigitealConfig>) -> Result<Link, Error> {
        let email = rules::required(Some(&self.email), "email")?;
        rules::email(Some(email), "email")?;
        let base = link_base(self.environment.as_deref(), self.base_url.as_deref(), config)?;
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
        self.link_on(None)
    }

    /// The link on the config's web application (or the link's own `environment` / `baseUrl`).
    pub fn link_on(&self, config: Option<&DigitealConfig>) -> Result<Link, Error> {
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
        let base = link_base(self.environment.as_deref(), self.base_url.as_deref(), config)?;
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

/// Declares the catalog operation of a web application link.
macro_rules! app_link {
    ($(#[$meta:meta])* $name:ident($params:ty), $id:literal, $path:literal) => {
        view! { $(#[$meta])* $name($params) }

        impl Operation for $name {
            const INFO: OperationInfo = link_info($id, $path);
            type Config = DigitealConfig;
            type Output = LinkAnswer;

            fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
                Ok(link_request(self.0.link_on(Some(config))?.url))
            }

            fn parse(response: &HttpResponse) -> Result<LinkAnswer, Error> {
                LinkAnswer::read(response)
            }
        }
    };
}

app_link! {
    /// `digiteal.links.company_registration`: the prefilled company registration page.
    CompanyRegistrationLink(CompanyRegistration), "digiteal.links.company_registration", "/#/register/{email}/"
}

app_link! {
    /// `digiteal.links.person_registration`: the prefilled person registration page.
    PersonRegistrationLink(PersonRegistration), "digiteal.links.person_registration", "/#/register/{email}/"
}

app_link! {
    /// `digiteal.links.qr_generator`: the QR generator page, prefilled.
    QrGeneratorLink(QrGenerator), "digiteal.links.qr_generator", "/#/qr-generator"
}
