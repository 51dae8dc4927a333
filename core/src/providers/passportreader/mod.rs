//! PassportReader (seed 003): identity sessions. HTTP Basic auth with a `public-key-...` user and a
//! `secret-...` password; every call is a JSON `POST` to `/api/v1/<class>.<method>`; ids are 64-bit
//! integers; errors come as `{"error_message", "error_name"}`.
//!
//! The provider has one environment, `production` (`https://passportreader.app`), and no sandbox;
//! tests use a custom `base_url` on a loopback host.

mod config;
mod operations;
mod types;

pub use config::PassportReaderConfig;
pub use operations::{CreateSession, GetSession, GetSessionState};
pub use types::{Session, SessionCreated, SessionState, SessionStateResponse};
