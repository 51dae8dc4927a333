//! Solaris (seed 002): identity: eligibility checks, identification sessions, identifications, and
//! the IDENTIFICATION webhook.
//!
//! Environments: `production` (`https://api.solarisbank.de`, token at
//! `https://auth.solarisbank.de/oauth2/token`, the default) and `sandbox`
//! (`https://api.solaris-sandbox.de`, `https://auth.solaris-sandbox.de/oauth2/token`), as Solaris's
//! published authentication reference lists them; or a custom `base_url` (its token endpoint is
//! `<base_url>/oauth2/token` unless `auth_url` says otherwise).
//!
//! Auth: OAuth2 client credentials. [`TokenState`] is the sans-IO state machine: it hands out the
//! token request when no valid token is held (expiry from `expires_in` and the `now` passed in),
//! takes the token response back, and the token goes on every request as `Authorization: Bearer`.
//! A config may also carry an `access_token` obtained elsewhere.
//!
//! **Eligibility checks.** The seed writes `GET .../identification_eligibility_checks`; Solaris's
//! published reference is `POST` with `{"method": "bank"}` answering `{method, eligible, reasons[]}`.
//! kassa implements the published one.

mod auth;
mod config;
mod operations;
mod types;
mod webhooks;

pub use auth::{FetchTicket, RequestToken, TokenResponse, TokenState, TokenStep, TOKEN_REFRESH_MARGIN_SECS};
pub use config::SolarisConfig;
pub use operations::{
    CheckEligibility, CreateIdentification, CreateIdentificationSession, GetIdentification, GetIdentificationSession,
    GetSessionConfiguration, SimulateBankId,
};
pub use types::{
    Address, Eligibility, Identification, IdentificationMethod, IdentificationSession, IdentificationStatus,
    SessionConfiguration, SessionStatus,
};
pub use webhooks::{verify_webhook, WebhookEvent};

