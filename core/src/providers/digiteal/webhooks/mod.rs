//! `digiteal.webhooks.*`: Digiteal's webhooks.
//!
//! - [`config`]: their configuration (which URL receives which notification type, and the
//!   login/password Digiteal presents when it calls them): `get_configuration`, `upsert`,
//!   `set_configuration`, `set_credentials`, `delete`.
//!
//! Receiving them (checking the credentials Digiteal presents, reading the notification bodies
//! into events) lives next to it, in its own module.

pub mod config;

pub use config::{
    DeleteWebhook, GetWebhookConfiguration, SetWebhookConfiguration, SetWebhookCredentials, UpsertWebhook,
    WebHookConfigurationInfo, WebHookInfo, WebhookTarget, PASSWORD_PLACEHOLDER,
};
