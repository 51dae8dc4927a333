//! The webhook configuration of the calling company: where each notification type goes, and the
//! login and password Digiteal presents (HTTP Basic) when it calls those URLs.
//!
//! A URL is `https://` or, for initial setup and tests, `mailto:` (Digiteal then emails the
//! notification). Plain `http://` is refused but on a loopback host (tests, `kassa sandbox`): the webhook credentials travel with every call.
//!
//! The password is a [`Secret`] everywhere: in the params of `set_configuration` and
//! `set_credentials`, and in the answer of `get_configuration`, where Digiteal never sends the real
//! one (it answers the placeholder [`PASSWORD_PLACEHOLDER`]): `Debug`, the bindings' `repr` and
//! every error message show it redacted. Sending the placeholder back as a password is refused.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::super::common::{bodiless, info, json_send, parse_empty, parse_json};
use super::super::config::DigitealConfig;
use super::super::rules::{self, invalid};
use crate::config::Secret;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::path_segment;

/// What `digiteal.webhooks.get_configuration` answers instead of the password ("password will
/// not be sent"): `NotProvidedForSecurityReasons`.
pub const PASSWORD_PLACEHOLDER: &str = "NotProvidedForSecurityReasons";


/// The login Digiteal presents: not blank, no control characters, no `:` (HTTP Basic splits on
/// the first one).
fn check_login(login: &str) -> Result<(), Error> {
    rules::required(Some(login), "login")?;
    rules::header_text(Some(login), "login")?;
    if login.contains(':') {
        return Err(invalid("login", "an HTTP Basic login cannot contain `:`"));
    }
    Ok(())
}

/// The password Digiteal presents: not empty, and not the placeholder `get_configuration` answers
/// (whose value is never repeated in a message).
/// The webhook password's forms, to scrub from errors and logs: a provider echoing the request
/// must not put it into an error text.
fn password_forms(password: Option<&Secret>) -> crate::config::Secrets {
    let mut secrets = crate::config::Secrets::new();
    if let Some(p) = password {
        secrets.add(p.expose());
    }
    secrets
}

fn check_password(password: &Secret) -> Result<(), Error> {
    let value = password.expose();
    if value.is_empty() {
        return Err(invalid("password", "the password is empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid("password", "the password must not contain control characters"));
    }
    if value == PASSWORD_PLACEHOLDER {
        return Err(invalid(
            "password",
            "this is the placeholder get_configuration answers (NotProvidedForSecurityReasons), \
             not a password: give the real one",
        ));
    }
    Ok(())
}

/// A webhook type: not blank, no control characters (the seed lists no values: any is sent).
fn check_type(webhook_type: &str) -> Result<(), Error> {
    rules::required(Some(webhook_type), "type")?;
    rules::header_text(Some(webhook_type), "type")
}

/// `digiteal.webhooks.get_configuration`: `GET /api/v1/webhook`, the latest webhook
/// configuration of the calling company (the password is not sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetWebhookConfiguration {
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for GetWebhookConfiguration {
    const INFO: OperationInfo = info("digiteal.webhooks.get_configuration", Method::Get, "/api/v1/webhook", true);
    type Config = DigitealConfig;
    type Output = WebHookConfigurationInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        bodiless(config, Method::Get, Self::INFO.path, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<WebHookConfigurationInfo, Error> {
        parse_json(response)
    }
}

/// `WebHookConfigurationInfo`: a company's webhook configuration, as `get_configuration`
/// answers it. `Debug` never shows the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebHookConfigurationInfo {
    /// The login used to call the webhooks.
    #[serde(default)]
    pub login: Option<String>,
    /// What Digiteal answers for the password used to call the webhooks: never the password
    /// itself, but the placeholder `NotProvidedForSecurityReasons`. A secret all the same: it
    /// never prints.
    #[serde(default, serialize_with = "crate::wire::opt_secret")]
    pub password: Option<Secret>,
    /// VAT number of the company for whom the webhooks are configured.
    #[serde(default)]
    pub vat_number: Option<String>,
    /// The webhooks.
    #[serde(default)]
    pub web_hooks: Vec<WebHookInfo>,
}

/// `WebHookInfo`: one webhook, as `get_configuration` answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebHookInfo {
    /// The type of webhook (the notification type, e.g. `PAYMENT_INITIATED`).
    #[serde(default, rename = "type")]
    pub webhook_type: Option<String>,
    /// The URL called by the webhook (`https://`, or `mailto:` to receive it as an email).
    #[serde(default)]
    pub url: Option<String>,
}

/// `digiteal.webhooks.upsert`: `POST /api/v1/webhook`, creates or updates the webhook of one type
/// (the seed's `WebHookInfo`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpsertWebhook {
    /// The type of webhook (the notification type, e.g. `PAYMENT_INITIATED`).
    #[serde(rename = "type")]
    pub webhook_type: String,
    /// The URL called by the webhook: `https://`, or `mailto:` to receive it as an email (for
    /// initial setup and tests).
    pub url: String,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for UpsertWebhook {
    // Keyed by type: setting the same URL for the same type again leaves the same state.
    const INFO: OperationInfo = info("digiteal.webhooks.upsert", Method::Post, "/api/v1/webhook", true);
    type Config = DigitealConfig;
    type Output = ();

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        check_type(&self.webhook_type)?;
        rules::webhook_url(&self.url, "url")?;
        json_send(config, Method::Post, Self::INFO.path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// One webhook of a configuration that is set (the seed's `WebHookInfo`, as sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WebhookTarget {
    /// The type of webhook (the notification type, e.g. `PAYMENT_INITIATED`).
    #[serde(rename = "type")]
    pub webhook_type: String,
    /// The URL called by the webhook: `https://`, or `mailto:`.
    pub url: String,
}

/// `digiteal.webhooks.set_configuration`: `POST /api/v1/webhook/configuration`, the complete
/// webhook configuration of the calling company (the seed's `WebHookConfigurationInfo`): every
/// previous webhook is deleted. `correlationId` is the `correlation-id` header; `Debug` never
/// shows the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SetWebhookConfiguration {
    /// The login Digiteal presents (HTTP Basic) when it calls the webhooks; given with `password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// The password Digiteal presents when it calls the webhooks; given with `login`. A secret:
    /// never printed.
    #[serde(default, serialize_with = "crate::wire::opt_secret", skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// VAT number of the company for whom the webhooks are configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    /// The webhooks: all of them (an empty list removes every webhook), one per type.
    pub web_hooks: Vec<WebhookTarget>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl SetWebhookConfiguration {
    /// Login and password together (each checked), each webhook's type and URL, one webhook per
    /// type.
    pub fn check(&self) -> Result<(), Error> {
        match (&self.login, &self.password) {
            (Some(login), Some(password)) => {
                check_login(login)?;
                check_password(password)?;
            }
            (Some(_), None) => return Err(invalid("password", "the webhook login needs a password")),
            (None, Some(_)) => return Err(invalid("login", "the webhook password needs a login")),
            (None, None) => {}
        }
        rules::not_blank(self.vat_number.as_deref(), "vatNumber")?;
        let mut seen = HashSet::new();
        for (i, hook) in self.web_hooks.iter().enumerate() {
            let at = format!("webHooks[{i}]");
            rules::within(&at, check_type(&hook.webhook_type))?;
            rules::within(&at, rules::webhook_url(&hook.url, "url"))?;
            if !seen.insert(hook.webhook_type.as_str()) {
                return rules::within(&at, Err(invalid("type", "one webhook per type: this type is listed twice")));
            }
        }
        Ok(())
    }
}

impl Operation for SetWebhookConfiguration {
    // Replaces the whole configuration: the same one set twice leaves the same state.
    const INFO: OperationInfo =
        info("digiteal.webhooks.set_configuration", Method::Post, "/api/v1/webhook/configuration", true);
    type Config = DigitealConfig;
    type Output = ();

    fn secrets(&self) -> crate::config::Secrets {
        password_forms(self.password.as_ref())
    }

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_send(config, Method::Post, Self::INFO.path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// `digiteal.webhooks.set_credentials`: `PUT /api/v1/webhook/configuration`, only the login and
/// password Digiteal presents when it calls the webhooks (the webhooks themselves are unchanged).
/// `correlationId` is the `correlation-id` header; `Debug` never shows the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SetWebhookCredentials {
    /// The login Digiteal presents (HTTP Basic) when it calls the webhooks.
    pub login: String,
    /// The password Digiteal presents when it calls the webhooks. A secret: never printed.
    #[serde(serialize_with = "crate::wire::secret")]
    pub password: Secret,
    /// VAT number of the company for whom the webhooks are configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for SetWebhookCredentials {
    // A PUT of the credentials: idempotent.
    const INFO: OperationInfo =
        info("digiteal.webhooks.set_credentials", Method::Put, "/api/v1/webhook/configuration", true);
    type Config = DigitealConfig;
    type Output = ();

    fn secrets(&self) -> crate::config::Secrets {
        password_forms(Some(&self.password))
    }

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        check_login(&self.login)?;
        check_password(&self.password)?;
        rules::not_blank(self.vat_number.as_deref(), "vatNumber")?;
        json_send(config, Method::Put, Self::INFO.path, self, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

/// `digiteal.webhooks.delete`: `DELETE /api/v1/webhook/{type}`, the webhook of one type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeleteWebhook {
    /// The type of the webhook to delete.
    #[serde(rename = "type")]
    pub webhook_type: String,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for DeleteWebhook {
    // A DELETE: deleting twice leaves the same state.
    const INFO: OperationInfo = info("digiteal.webhooks.delete", Method::Delete, "/api/v1/webhook/{type}", true);
    type Config = DigitealConfig;
    type Output = ();

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        check_type(&self.webhook_type)?;
        let path = format!("/api/v1/webhook/{}", path_segment(&self.webhook_type, "type")?);
        bodiless(config, Method::Delete, &path, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<(), Error> {
        parse_empty(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::digiteal::tests::{build, field_of};
    use crate::http::Headers;
    use serde_json::{json, Value};

    #[test]
    fn passwords_never_print_and_the_placeholder_is_refused() {
        let v = json!({"login": "digiteal-hook", "password": "hook-secret-42", "webHooks": [
            {"type": "PAYMENT_INITIATED", "url": "https://myIntegrator.com/myApp/paymentInitiated"}]});
        let op: SetWebhookConfiguration = crate::operation::read_params(&v).unwrap();
        assert!(!format!("{op:?}").contains("hook-secret-42"));
        let req = build::<SetWebhookConfiguration>(&v).unwrap();
        assert!(!format!("{req:?}").contains("hook-secret-42"));
        assert_eq!(serde_json::from_slice::<Value>(&req.body).unwrap(), v);
        let placeholder = json!({"login": "l", "password": PASSWORD_PLACEHOLDER});
        assert_eq!(field_of(build::<SetWebhookCredentials>(&placeholder).unwrap_err()), "password");
        let wrong_type = json!({"login": "l", "password": 1234567890123_u64});
        let err = build::<SetWebhookCredentials>(&wrong_type).unwrap_err();
        assert!(!err.to_string().contains("1234567890123"), "{err}");
        let r = HttpResponse::new(200, Headers::new(), br#"{"login": "userLogin", "password": "NotProvidedForSecurityReasons", "webHooks": [{"type": "PAYMENT_INITIATED"}]}"#.to_vec());
        let out = GetWebhookConfiguration::parse(&r).unwrap();
        assert!(!format!("{out:?}").contains("NotProvided"));
        assert_eq!(serde_json::to_value(&out).unwrap()["password"], PASSWORD_PLACEHOLDER);
    }

    #[test]
    fn configuration_rules() {
        let hook = |t: &str, u: &str| json!({"type": t, "url": u});
        let cases = [
            (json!({"webHooks": [hook("A", "http://x.example/h")]}), "webHooks[0].url"),
            (json!({"webHooks": [hook("A", "mailto:nobody")]}), "webHooks[0].url"),
            (json!({"webHooks": [hook(" ", "https://x.example/h")]}), "webHooks[0].type"),
            (
                json!({"webHooks": [hook("A", "https://x.example/1"), hook("A", "https://x.example/2")]}),
                "webHooks[1].type",
            ),
            (json!({"login": "l", "webHooks": []}), "password"),
            (json!({"password": "p", "webHooks": []}), "login"),
            (json!({"login": "a:b", "password": "p", "webHooks": []}), "login"),
            (json!({"login": "l", "password": "", "webHooks": []}), "password"),
            (json!({}), "webHooks"),
        ];
        for (v, field) in cases {
            assert_eq!(field_of(build::<SetWebhookConfiguration>(&v).unwrap_err()), field, "{v}");
        }
        let mail = json!({"webHooks": [hook("PAYMENT_INITIATED", "mailto:ops@integrator.example")]});
        assert!(build::<SetWebhookConfiguration>(&mail).is_ok());
        assert_eq!(field_of(build::<UpsertWebhook>(&hook("A", "ftp://x.example")).unwrap_err()), "url");
        assert_eq!(field_of(build::<SetWebhookCredentials>(&json!({"password": "p"})).unwrap_err()), "login");
    }

    #[test]
    fn methods_and_paths() {
        let req = build::<SetWebhookCredentials>(&json!({"login": "l", "password": "p"})).unwrap();
        assert_eq!(
            (req.method, req.url.as_str()),
            (Method::Put, "https://api.digiteal.eu/api/v1/webhook/configuration")
        );
        assert_eq!(serde_json::from_slice::<Value>(&req.body).unwrap(), json!({"login": "l", "password": "p"}));
        let req = build::<DeleteWebhook>(&json!({"type": "PAYMENT/INITIATED"})).unwrap();
        assert_eq!(
            (req.method, req.url.as_str()),
            (Method::Delete, "https://api.digiteal.eu/api/v1/webhook/PAYMENT%2FINITIATED")
        );
        assert!(req.body.is_empty());
        assert_eq!(UpsertWebhook::parse(&HttpResponse::new(200, Headers::new(), Vec::new())).unwrap(), ());
    }
}
