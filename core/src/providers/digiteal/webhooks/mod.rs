//! `digiteal.webhooks.*`: Digiteal's webhooks.
//!
//! - [`config`]: their configuration (which URL receives which notification type, and the
//!   login/password Digiteal presents when it calls them): `get_configuration`, `upsert`,
//!   `set_configuration`, `set_credentials`, `delete`.
//! - [`events`]: receiving them: checking the credentials Digiteal presents (constant-time, with
//!   rotation), reading the notification bodies into typed events, and the list of known types
//!   (`digiteal.webhooks.verify`, `parse`, `types`).

pub mod config;
pub mod events;

pub use config::{
    DeleteWebhook, GetWebhookConfiguration, SetWebhookConfiguration, SetWebhookCredentials, UpsertWebhook,
    WebHookConfigurationInfo, WebHookInfo, WebhookTarget, PASSWORD_PLACEHOLDER,
};
