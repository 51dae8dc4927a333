use serde::{Deserialize, Serialize};

use crate::wire::string_enum;

/// The answer of `session.create`: the session id and the token the user's app opens it with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionCreated {
    /// The session id (64-bit).
    #[serde(serialize_with = "crate::wire::id")]
    #[cfg_attr(feature = "schema", schemars(extend("x-kassa-id" = true)))]
    pub id: i64,
    /// The token for the user's app.
    pub token: String,
}

string_enum! {
    /// Where a session stands. The seed shows `CREATED`; the others are PassportReader's published
    /// states. Values not listed here are kept in `Other`.
    pub enum SessionState {
        /// Created, not yet opened by the user.
        Created = "CREATED",
        /// The user started the verification.
        Initiated = "INITIATED",
        /// The verification failed.
        Failed = "FAILED",
        /// The user aborted.
        Aborted = "ABORTED",
        /// The user finished; the result awaits review.
        Completed = "COMPLETED",
        /// The result was rejected.
        Rejected = "REJECTED",
        /// The result was approved.
        Approved = "APPROVED",
    }
}

/// The answer of `session.state`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionStateResponse {
    /// The current state.
    pub state: SessionState,
}

/// A session as `session.get` returns it: flat, every value but `id` a string (or absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Session {
    /// The session id (64-bit).
    #[serde(serialize_with = "crate::wire::id")]
    #[cfg_attr(feature = "schema", schemars(extend("x-kassa-id" = true)))]
    pub id: i64,
    /// When it was created (ISO 8601, UTC).
    pub created: Option<String>,
    /// When it expires (ISO 8601, UTC).
    pub expires: Option<String>,
    /// The current state.
    pub state: SessionState,
    /// The caller's reference given at creation.
    pub reference: Option<String>,
    /// The user's IP address.
    pub user_ip: Option<String>,
    /// The user's browser.
    pub user_agent: Option<String>,
    /// Given names read from the document.
    pub given_names: Option<String>,
    /// Surname read from the document.
    pub surname: Option<String>,
    /// Nationality (ISO 3166 alpha-2 or as printed).
    pub nationality: Option<String>,
    /// Sex as printed on the document.
    pub sex: Option<String>,
    /// Date of birth (`YYYY-MM-DD`).
    pub date_of_birth: Option<String>,
    /// Personal number, when the document has one.
    pub personal_number: Option<String>,
    /// Document type.
    pub document_type: Option<String>,
    /// Document number.
    pub document_number: Option<String>,
    /// Document expiry date (`YYYY-MM-DD`).
    pub expiry_date: Option<String>,
    /// Issuing country.
    pub issuing_country: Option<String>,
    /// Issuing authority.
    pub issuer: Option<String>,
    /// The portrait from the document chip (as the provider encodes it).
    pub portrait: Option<String>,
    /// The face captured during verification (as the provider encodes it).
    pub face: Option<String>,
}
