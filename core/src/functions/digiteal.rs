//! `digiteal.pay_buttons.*` and `digiteal.links.*`: Digiteal's link builders as functions (no
//! request, no credentials; the link's own `environment` / `baseUrl` choose the web application).
//! Their parameters are the seed's names, given as keywords (one options object in JS).

use super::{Function, FunctionInfo};
use crate::error::{Error, ValidationCode};
use crate::operation::Provider;
use crate::providers::digiteal::webhooks::events::{self as webhook_events, Credentials, TypeInfo, WebhookEvent};
use crate::providers::digiteal::{
    B2bPayButton, CompanyRegistration, Link, PayButton, PayButtonLinks, PersonRegistration, QrGenerator,
};
use crate::wire::TextOrBytes;

/// Declares a link function over a params type of the Digiteal module.
macro_rules! link_function {
    ($(#[$doc:meta])* $name:ident = $id:literal, $args:ty => $out:ty, |$a:ident| $body:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl Function for $name {
            const INFO: FunctionInfo = FunctionInfo { name: $id, provider: Some(Provider::Digiteal), positional: &[] };
            type Args = $args;
            type Output = $out;
            fn call($a: $args) -> Result<$out, Error> {
                $body
            }
        }
    };
}

link_function! {
    /// `digiteal.pay_buttons.image_url`: the pay button's image URL, its execution URL and the
    /// HTML snippet that shows one and links to the other.
    PayButtonImageUrlFn = "digiteal.pay_buttons.image_url", PayButton => PayButtonLinks, |a| a.image_url()
}

link_function! {
    /// `digiteal.pay_buttons.execute_url`: the pay button's execution URL (the one a click opens),
    /// with its image URL and the HTML snippet.
    PayButtonExecuteUrlFn = "digiteal.pay_buttons.execute_url", PayButton => PayButtonLinks, |a| a.execute_url()
}

link_function! {
    /// `digiteal.pay_buttons.b2b_image_url`: the B2B creditor button's image URL, execution URL and
    /// HTML snippet.
    B2bPayButtonImageUrlFn = "digiteal.pay_buttons.b2b_image_url", B2bPayButton => PayButtonLinks, |a| a.image_url()
}

link_function! {
    /// `digiteal.pay_buttons.b2b_execute_url`: the B2B creditor button's execution URL, image URL
    /// and HTML snippet.
    B2bPayButtonExecuteUrlFn = "digiteal.pay_buttons.b2b_execute_url", B2bPayButton => PayButtonLinks, |a| a.execute_url()
}

link_function! {
    /// `digiteal.links.company_registration`: the prefilled company registration page of
    /// Digiteal's web application.
    CompanyRegistrationFn = "digiteal.links.company_registration", CompanyRegistration => Link, |a| a.link()
}

link_function! {
    /// `digiteal.links.person_registration`: the prefilled person registration page.
    PersonRegistrationFn = "digiteal.links.person_registration", PersonRegistration => Link, |a| a.link()
}

link_function! {
    /// `digiteal.links.qr_generator`: the QR generator page of Digiteal's web application, prefilled.
    QrGeneratorFn = "digiteal.links.qr_generator", QrGenerator => Link, |a| a.link()
}

function! {
    /// Verifies a webhook call from Digiteal: the `Authorization: Basic` login and password it
    /// presents (those set with `digiteal.webhooks.set_credentials`; compared in constant time;
    /// give `credentials` to accept several pairs while rotating), then reads the body into an
    /// event `{type, family, known, dedupe_key, data}`. `body` is the raw bytes as received: do
    /// not parse it as JSON before (a framework's JSON middleware changes the bytes).
    DigitealWebhooksVerify = "digiteal.webhooks.verify", provider: Some(Provider::Digiteal),
        positional: ["body", "authorization"],
    DigitealWebhooksVerifyArgs {
        /// The raw body as received (bytes, or text).
        body: TextOrBytes,
        /// The call's `Authorization` header (`None`/`null` when it had none).
        #[serde(default)]
        authorization: Option<String>,
        /// The login Digiteal presents.
        #[serde(default)]
        login: Option<String>,
        /// The password Digiteal presents.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::config::Secret>"))]
        password: Option<String>,
        /// Several `{login, password}` pairs, any of which is accepted (rotation); instead of, or
        /// besides, `login` and `password`.
        #[serde(default)]
        credentials: Option<Vec<Credentials>>,
        /// The webhook type, when the route it arrived on says (`PAYMENT_INITIATED`); else the body's
        /// type fields are read.
        #[serde(default, rename = "type")]
        kind: Option<String>,
    } -> WebhookEvent = |a| {
        let mut pairs = a.credentials.unwrap_or_default();
        match (a.login, a.password) {
            (Some(login), Some(password)) => pairs.insert(0, Credentials { login, password }),
            (None, None) => {}
            (Some(_), None) => return Err(Error::validation(ValidationCode::InvalidParams, "password", "`login` needs a `password`")),
            (None, Some(_)) => return Err(Error::validation(ValidationCode::InvalidParams, "login", "`password` needs a `login`")),
        }
        webhook_events::verify(&a.body.bytes, a.authorization.as_deref(), &pairs, a.kind.as_deref())
    }
}

function! {
    /// Reads a Digiteal webhook body (raw bytes as received) into an event `{type, family, known,
    /// dedupe_key, data}` without checking who sent it (use `digiteal.webhooks.verify` for that).
    DigitealWebhooksParse = "digiteal.webhooks.parse", provider: Some(Provider::Digiteal), positional: ["body"],
    DigitealWebhooksParseArgs {
        /// The raw body as received (bytes, or text).
        body: TextOrBytes,
        /// The webhook type, when the route it arrived on says; else the body's type fields are read.
        #[serde(default, rename = "type")]
        kind: Option<String>,
    } -> WebhookEvent = |a| webhook_events::parse(&a.body.bytes, a.kind.as_deref())
}

function! {
    /// Every webhook type kassa knows: `{type, family, description}`, in the guide's order.
    DigitealWebhooksTypes = "digiteal.webhooks.types", provider: Some(Provider::Digiteal), positional: [],
    DigitealWebhooksTypesArgs {} -> Vec<TypeInfo> = |_a| Ok(webhook_events::TYPES.to_vec())
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use serde_json::{json, Map, Value};

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn run(name: &str, v: Value) -> Result<Value, Error> {
        crate::functions::call_json(name, &[], &kw(v))
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
                            "remittanceInfo": "18124", "creditorEmail": "companyB@yopmail.com", "creditorIBAN": "BE86130191571750",
                            "amountInCents": 52109, "language": "EN", "environment": "test"});
        let out = run("digiteal.pay_buttons.b2b_execute_url", params).unwrap();
        assert_eq!(
            out["url"],
            "https://test.digiteal.eu/api/v1/payment-request/b2b-pay-button/execute?creditorVAT.representation=BE555554325&creditorName=CompanyB&debtorVAT.representation=BE0897227828&debtorVAT.belgian=true&remittanceInfo=18124&creditorEmail=companyB@yopmail.com&creditorIBAN=BE86130191571750&amountInCents=52109&language=EN"
        );
        assert!(out["imageUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://test.digiteal.eu/api/v1/payment-request/b2b-pay-button?"));
        let err = run(
            "digiteal.pay_buttons.b2b_image_url",
            json!({"creditorIBAN": "BE86130191571750", "remittanceInfo": "x"}),
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
        let positional = crate::functions::call_json("digiteal.links.person_registration", &[json!("a@b.be")], &Map::new());
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
