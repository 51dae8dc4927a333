use serde::{Deserialize, Serialize};

use crate::wire::string_enum;

string_enum! {
    /// An identification method. Solaris adds methods over time; unknown ones are kept.
    pub enum IdentificationMethod {
        /// IDnow video identification.
        Idnow = "idnow",
        /// Bank identification (account login).
        Bank = "bank",
        /// Bank identification with ID data.
        BankId = "bank_id",
        /// Fourthline.
        Fourthline = "fourthline",
        /// Fourthline with qualified electronic signature.
        FourthlineSigning = "fourthline_signing",
        /// Postident.
        Postident = "postident",
    }
}

string_enum! {
    /// The status of an identification session. Unknown values are kept.
    pub enum SessionStatus {
        /// Created; the user has not started.
        Created = "created",
        /// In progress.
        Pending = "pending",
        /// Finished successfully.
        Successful = "successful",
        /// Failed.
        Failed = "failed",
        /// Expired before it finished.
        Expired = "expired",
        /// Aborted by the user.
        Aborted = "aborted",
    }
}

string_enum! {
    /// The status of an identification. Values depend on the method (see the Solaris KYC guides);
    /// Solaris adds statuses over time, and unknown ones are kept.
    pub enum IdentificationStatus {
        /// Created.
        Created = "created",
        /// In progress.
        Pending = "pending",
        /// Done, awaiting Solaris's final check (positive so far).
        PendingSuccessful = "pending_successful",
        /// Done, awaiting Solaris's final check (negative so far).
        PendingFailed = "pending_failed",
        /// Identified.
        Successful = "successful",
        /// Not identified.
        Failed = "failed",
        /// Aborted by the user.
        Aborted = "aborted",
        /// Canceled.
        Canceled = "canceled",
        /// Expired.
        Expired = "expired",
        /// The customer must authorize (QES).
        AuthorizationRequired = "authorization_required",
        /// The customer must confirm with the OTP (QES).
        ConfirmationRequired = "confirmation_required",
        /// Identification data is required (bank_id).
        IdentificationDataRequired = "identification_data_required",
    }
}

/// The answer of an eligibility check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Eligibility {
    /// The method checked.
    pub method: IdentificationMethod,
    /// Whether the person may use it.
    pub eligible: bool,
    /// Why not, when not.
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// An identification session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IdentificationSession {
    /// The session id.
    pub id: String,
    /// The URL to send the person to.
    pub url: Option<String>,
    /// Called when the session is completed.
    pub callback_url: Option<String>,
    /// The methods the person may use.
    #[serde(default)]
    pub identification_methods: Vec<IdentificationMethod>,
    /// The session's status.
    pub status: Option<SessionStatus>,
}

/// The configuration of an identification session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionConfiguration {
    /// Whether the terms and conditions were accepted beforehand.
    pub terms_and_conditions_pre_accepted: Option<bool>,
    /// The Fourthline provider.
    pub fourthline_provider: Option<String>,
}

/// A postal address on an identification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Address {
    /// First line.
    pub line_1: Option<String>,
    /// Second line.
    pub line_2: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// State or region.
    pub state: Option<String>,
}

/// An identification, as create/get/simulate and the IDENTIFICATION webhook carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Identification {
    /// The identification id.
    pub id: String,
    /// Solaris's reference.
    pub reference: Option<String>,
    /// (IDnow) the URL that starts the identification.
    pub url: Option<String>,
    /// The status.
    pub status: Option<IdentificationStatus>,
    /// When it was completed.
    pub completed_at: Option<String>,
    /// The method.
    pub method: Option<IdentificationMethod>,
    /// The proof-of-address document type.
    pub proof_of_address_type: Option<String>,
    /// When the proof of address was issued (`YYYY-MM-DD`).
    pub proof_of_address_issued_at: Option<String>,
    /// (IDnow) the customer's language.
    pub language: Option<String>,
    /// The person.
    pub person_id: Option<String>,
    /// The address read during identification.
    pub address: Option<Address>,
    /// The documents provided (kept as Solaris sends them).
    #[serde(default)]
    pub documents: Vec<serde_json::Value>,
    /// Why it failed; depends on the method.
    pub failure_reason: Option<String>,
    /// The IBAN of bank and bank_id identifications.
    pub iban: Option<String>,
    /// By when the customer's authorization must be requested.
    pub authorization_expires_at: Option<String>,
    /// By when the customer must enter the OTP (QES).
    pub confirmation_expires_at: Option<String>,
    /// (Fourthline) the provider's status code.
    pub provider_status_code: Option<serde_json::Value>,
    /// Tink's account verification error.
    pub account_verification_error: Option<String>,
    /// The IDnow process type (e.g. `eid`).
    pub idnow_process_type: Option<String>,
}
