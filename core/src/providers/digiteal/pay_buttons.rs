//! `digiteal.pay_buttons.*`: pay buttons, the links and images a page shows to let a payer pay
//! (the guide's "Pay Button" and "B2B pay button"). They need no credentials and work in a
//! browser; `build_request` gives each as a `GET` of its URL.
//!
//! Values are percent-encoded with the `percent-encoding` crate (a space is `%20`, as in the
//! guide's examples; `@` and `:` stay as they are, which a query allows). The buttons also give
//! the HTML snippet the guide shows, `<a href="{execute}"><img src="{image}"></a>`, with both URLs
//! escaped for an HTML attribute (`&` is `&amp;`).

use serde::{Deserialize, Serialize};

use super::common::{one_of, Language};
use super::common::{link_info, link_request, view, LinkAnswer};
use super::config::{link_base, DigitealConfig};
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::{Operation, OperationInfo};
use crate::wire::string_enum;

const PAY_BUTTON: &str = "/api/v1/payment-request/pay-button";

const PAY_BUTTON_EXECUTE: &str = "/api/v1/payment-request/pay-button/execute";

const B2B_BUTTON: &str = "/api/v1/payment-request/b2b-pay-button";

const B2B_BUTTON_EXECUTE: &str = "/api/v1/payment-request/b2b-pay-button/execute";

/// The languages a pay button is drawn in (the guide: NL, FR, EN).
const BUTTON_LANGUAGES: &[&str] = &["NL", "FR", "EN"];

/// A pay button: the URL asked for, both URLs, and the HTML snippet that shows the image and
/// links to the payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PayButton {
    /// Your company's VAT number (required).
    #[serde(rename = "requesterVAT")]
    pub requester_vat: String,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(rename = "creditorIBAN")]
    pub creditor_iban: String,
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

/// A VAT number as the B2B pay button's query writes it (`creditorVAT.representation`,
/// `creditorVAT.belgian`). Given either as that object or as a plain string (the guide's examples
/// write `creditorVAT=BE...`), which becomes `representation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum VatNumber {
    /// `"BE0897227828"`.
    Plain(String),
    /// `{"representation": "BE0897227828", "belgian": true}`.
    Detailed {
        /// The VAT number as written.
        representation: String,
        /// Whether it is a Belgian VAT number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        belgian: Option<bool>,
    },
}

impl VatNumber {
    /// `(representation, belgian)`.
    pub fn parts(&self) -> (&str, Option<bool>) {
        match self {
            VatNumber::Plain(s) => (s, None),
            VatNumber::Detailed { representation, belgian } => (representation, *belgian),
        }
    }
}

string_enum! {
    /// `type` of a pay button image.
    pub enum ButtonType {
        /// SVG.
        Svg = "SVG",
        /// PNG (the default).
        Png = "PNG",
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
        rules::required(Some(&self.requester_vat), "requesterVAT")?;
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
        q.opt("requesterVAT", Some(self.requester_vat.as_str()));
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

    /// The button's URLs on the config's web application (or the button's own `environment` /
    /// `baseUrl`).
    pub fn links(&self, execute: bool, config: Option<&DigitealConfig>) -> Result<PayButtonLinks, Error> {
        self.check()?;
        let base = link_base(self.environment.as_deref(), self.base_url.as_deref(), config)?;
        let query = self.query();
        Ok(button(
            format!("{}?{query}", base.join(PAY_BUTTON)),
            format!("{}?{query}", base.join(PAY_BUTTON_EXECUTE)),
            execute,
        ))
    }

    /// `digiteal.pay_buttons.image_url`.
    pub fn image_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(false, None)
    }

    /// `digiteal.pay_buttons.execute_url`.
    pub fn execute_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(true, None)
    }
}

impl B2bPayButton {
    /// The guide's rules: a reference or a communication; kassa also requires the creditor's IBAN
    /// and an amount above zero (there is nothing to pay otherwise); URLs absolute; NL/FR/EN.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.creditor_iban), "creditorIBAN")?;
        rules::iban(Some(self.creditor_iban.as_str()), "creditorIBAN")?;
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
        q.opt("creditorIBAN", Some(self.creditor_iban.as_str()));
        q.opt("amountInCents", self.amount_in_cents.as_ref());
        q.opt("currency", self.currency.as_deref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("confirmationURL", self.confirmation_url.as_deref());
        q.opt("errorURL", self.error_url.as_deref());
        q.opt("cancelURL", self.cancel_url.as_deref());
        q.into_string()
    }

    /// The button's URLs on the config's web application (or the button's own `environment` /
    /// `baseUrl`).
    pub fn links(&self, execute: bool, config: Option<&DigitealConfig>) -> Result<PayButtonLinks, Error> {
        self.check()?;
        let base = link_base(self.environment.as_deref(), self.base_url.as_deref(), config)?;
        let query = self.query();
        Ok(button(
            format!("{}?{query}", base.join(B2B_BUTTON)),
            format!("{}?{query}", base.join(B2B_BUTTON_EXECUTE)),
            execute,
        ))
    }

    /// `digiteal.pay_buttons.b2b_image_url`.
    pub fn image_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(false, None)
    }

    /// `digiteal.pay_buttons.b2b_execute_url`.
    pub fn execute_url(&self) -> Result<PayButtonLinks, Error> {
        self.links(true, None)
    }
}

/// Declares the catalog operation of one of a button's URLs.
macro_rules! button_link {
    ($(#[$meta:meta])* $name:ident($params:ty), $id:literal, $path:expr, execute: $execute:literal) => {
        view! { $(#[$meta])* $name($params) }

        impl Operation for $name {
            const INFO: OperationInfo = link_info($id, $path);
            type Config = DigitealConfig;
            type Output = LinkAnswer;

            fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
                Ok(link_request(self.0.links($execute, Some(config))?.url))
            }

            fn parse(response: &HttpResponse) -> Result<LinkAnswer, Error> {
                LinkAnswer::read(response)
            }
        }
    };
}

button_link! {
    /// `digiteal.pay_buttons.image_url`: the pay button's image (SVG or PNG; it changes once the
    /// payment is made). The function of the same name gives the URLs and the HTML snippet.
    PayButtonImageUrl(PayButton), "digiteal.pay_buttons.image_url", PAY_BUTTON, execute: false
}

button_link! {
    /// `digiteal.pay_buttons.execute_url`: the link that starts the payment (a redirect to
    /// Digiteal's payment page).
    PayButtonExecuteUrl(PayButton), "digiteal.pay_buttons.execute_url", PAY_BUTTON_EXECUTE, execute: true
}

button_link! {
    /// `digiteal.pay_buttons.b2b_image_url`: the B2B creditor button's image.
    B2bPayButtonImageUrl(B2bPayButton), "digiteal.pay_buttons.b2b_image_url", B2B_BUTTON, execute: false
}

button_link! {
    /// `digiteal.pay_buttons.b2b_execute_url`: the link that starts the B2B payment.
    B2bPayButtonExecuteUrl(B2bPayButton), "digiteal.pay_buttons.b2b_execute_url", B2B_BUTTON_EXECUTE, execute: true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_attributes_are_escaped() {
        assert_eq!(html_attr("a&b\"c'd<e>"), "a&amp;b&quot;c&#39;d&lt;e&gt;");
    }
}
