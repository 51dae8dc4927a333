//! Billit (seed 000): identification (KYC via itsme) of a registered entity, the browser redirect
//! back, and Billit's webhook signatures.
//!
//! Environments: `production` (`https://api.billit.be`, the default) and `sandbox`
//! (`https://api.sandbox.billit.be`), or a custom `base_url`. Auth: an `ApiKey` header, or
//! `Authorization: Bearer <access_token>` for OAuth integrators; and a `PartyID` header.
//!
//! **PartyID.** The seed's header table says PartyID "is the same as the RegistrationID"; its worked
//! example says the header carries "the RegistrationID of the master account (whitelisted for
//! identification)". kassa makes it an explicit setting, `party_id`: when it is not set, each request
//! sends the RegistrationID of its own path (the table's reading); integrators identifying
//! sub-entities set `party_id` to their master account's id (the example's reading).

mod callback;
mod config;
mod operations;
mod webhooks;

pub use callback::{parse_callback, CallbackResult, PARSE_CALLBACK_ID};
pub use config::BillitConfig;
pub use operations::{IdentificationStarted, StartIdentification, IDENTIFICATION_WINDOW_SECS};
pub use webhooks::{verify_webhook, DEFAULT_TOLERANCE_SECS};
