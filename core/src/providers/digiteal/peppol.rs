//! `digiteal.peppol.*`: Digiteal as a PEPPOL access point, for PEPPOL integrators: send a
//! Standard Business Document, register the participants whose documents Digiteal receives for
//! the integrator, and ask the network which document types a participant accepts.
//!
//! # PEPPOL first
//!
//! The guide recommends the "PEPPOL first" approach: before sending a document, check whether the
//! recipient is in PEPPOL; if it is, send through PEPPOL (being in the registry means it is the
//! recipient's preferred way), otherwise fall back to another channel (for kassa: a Digiteal
//! invoice, `digiteal.invoices.create`). `digiteal.peppol.check_recipient` is that check: a `GET`
//! of the supported document types whose answer is read by [`check_recipient`] (also usable on an
//! answer of `digiteal.peppol.supported_document_types`, sans-IO), and where a participant the
//! network does not know (`404`, `RECIPIENT_NOT_IN_PEPPOL`, `ENTITY_NOT_REGISTERED`) is not an
//! error but the answer "send with Digiteal".
//!
//! A document type is recognised as PEPPOL BIS Billing 3.0 ([`billing_document`]) when its
//! identifier (optionally with the `busdox-docid-qns::` scheme in front) is
//! `<root>##<customization>::<version>` with
//! - `<root>` the UBL 2.1 invoice `urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice`
//!   or credit note `urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote`,
//! - `<customization>` exactly BIS Billing 3.0's
//!   `urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0` (not a national
//!   extension, not self-billing, not the retired BIS 4A/5A 2.0),
//! - any non-empty `<version>` (`2.1`).
//!
//! Identifiers are compared exactly (PEPPOL document type identifiers are case sensitive).

use std::borrow::Cow;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::common::{
    bodiless, boundary_of, form_post, info, json_send, one_of, response_entity, Language, ResponseEntity, KYC_LANGUAGES,
};
use super::config::DigitealConfig;
use super::errors::{peppol_api_error, ErrorCode};
use super::multipart::Part;
use super::rules::{self, invalid};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Context, Operation, OperationInfo};
use crate::wire::{from_json, string_enum, Bytes};

/// BIS Billing 3.0's customization id.
pub const BIS_BILLING_3: &str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// The UBL 2.1 invoice's root element (namespace `::` local name).
pub const UBL_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice";
/// The UBL 2.1 credit note's root element (namespace `::` local name).
pub const UBL_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote";

/// Characters escaped in a participant id used as a path segment: everything but unreserved
/// characters and `:` (a path character, and the separator of `scheme:value`).
const ID_SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b':');

/// `identifier` checked as a PEPPOL participant id and written as a path segment, normalised.
fn identifier_segment(identifier: &str) -> Result<String, Error> {
    let id = rules::peppol_id(identifier, "identifier")?;
    Ok(percent_encoding::utf8_percent_encode(&id, ID_SEGMENT).to_string())
}

string_enum! {
    /// `PeppolResult.status`: the outcome of a PEPPOL action.
    pub enum PeppolStatus {
        /// Done.
        Ok = "OK",
        /// The participant identifier's scheme is not supported.
        UnsupportedPeppolIdentifierType = "UNSUPPORTED_PEPPOL_IDENTIFIER_TYPE",
        /// An unexpected error at the access point.
        UnexpectedError = "UNEXPECTED_ERROR",
        /// The participant is not registered to the calling PEPPOL integrator.
        NotRegisteredToCaller = "NOT_REGISTERED_TO_CALLER",
        /// The entity is not registered.
        EntityNotRegistered = "ENTITY_NOT_REGISTERED",
        /// Already registered through Digiteal (it stays registered with Digiteal).
        AlreadyRegisteredToDigiteal = "ALREADY_REGISTERED_TO_DIGITEAL",
        /// Registered to another access point: deregister there, then register again.
        AlreadyRegisteredToOtherAp = "ALREADY_REGISTERED_TO_OTHER_AP",
        /// The expected document was not attached.
        MissingDocument = "MISSING_DOCUMENT",
        /// The document is not valid (the message says why).
        InvalidDocument = "INVALID_DOCUMENT",
        /// The recipient is not in the SMP.
        RecipientNotInPeppol = "RECIPIENT_NOT_IN_PEPPOL",
    }
}

/// `PeppolResult`: the answer of a PEPPOL action (send, register, unregister).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeppolResult {
    /// Message associated with the action.
    #[serde(default)]
    pub message: Option<String>,
    /// Status of the action.
    #[serde(default)]
    pub status: Option<PeppolStatus>,
    /// Not a wire field: whether `status` is `OK` (or absent, on a 2xx answer). Error statuses
    /// normally come with an error HTTP status, read as an `ApiError` whose code is the status.
    #[serde(default, skip_deserializing)]
    pub ok: bool,
}

fn parse_result(response: &HttpResponse) -> Result<PeppolResult, Error> {
    if !response.is_success() {
        return Err(Error::Api(peppol_api_error(response)));
    }
    let mut result: PeppolResult = from_json(&response.body)?;
    result.ok = result.status.as_ref().is_none_or(|s| *s == PeppolStatus::Ok);
    Ok(result)
}

/// Whether a media type is an XML one: `application/xml`, `text/xml` or `*/*+xml`.
fn is_xml_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/xml" || essence == "text/xml" || (essence.contains('/') && essence.ends_with("+xml"))
}

/// The local name of an XML document's root element, after a BOM, whitespace, the XML
/// declaration, processing instructions, comments and a DOCTYPE; `None` when the bytes do not
/// start like XML.
pub(crate) fn root_element(bytes: &[u8]) -> Option<&str> {
    fn after<'a>(s: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
        s.windows(end.len()).position(|w| w == end).map(|i| &s[i + end.len()..])
    }
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    loop {
        rest = &rest[rest.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(rest.len())..];
        if rest.starts_with(b"<?") {
            rest = after(rest, b"?>")?;
        } else if rest.starts_with(b"<!--") {
            rest = after(rest, b"-->")?;
        } else if rest.starts_with(b"<!") {
            rest = after(rest, b">")?;
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix(b"<")?;
    let end = tag.iter().position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))?;
    let name = std::str::from_utf8(&tag[..end]).ok()?;
    name.rsplit(':').next().filter(|n| !n.is_empty())
}

/// `digiteal.peppol.send_document`: `POST /api/v1/peppol/outbound-documents`, an invoice, credit
/// note or application response sent through PEPPOL, as `multipart/form-data`: the Standard
/// Business Document as the file part `document` (an XML media type, `application/xml` by
/// default) and an optional `comment`.
///
/// The document must be a Standard Business Document (its root element `StandardBusinessDocument`,
/// the envelope whose header names sender, receiver and document type): a bare UBL invoice is
/// refused before sending. `fileName`, `mediaType`, `boundary` and `correlationId` are not form
/// fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SendPeppolDocument {
    /// The document to send: a Standard Business Document (XML bytes, or text sent as UTF-8).
    pub document: Bytes,
    /// An additional comment on the document (internal use only, not sent through PEPPOL).
    #[serde(default)]
    pub comment: Option<String>,
    /// The file name of the file part; `document.xml` by default.
    #[serde(default, alias = "file_name")]
    pub file_name: Option<String>,
    /// The media type of the file part: an XML type (`application/xml`, the default, `text/xml`
    /// or `*/*+xml`).
    #[serde(default, alias = "media_type")]
    pub media_type: Option<String>,
    /// The multipart boundary; a random one when not given (drawn by the client or the binding's
    /// `build_request`: the core draws none).
    #[serde(default)]
    pub boundary: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for SendPeppolDocument {
    // Sending twice would deliver the document twice: never resent once it may have arrived.
    const INFO: OperationInfo =
        info("digiteal.peppol.send_document", Method::Post, "/api/v1/peppol/outbound-documents", false);
    type Config = DigitealConfig;
    type Output = PeppolResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        if self.document.0.is_empty() {
            return Err(invalid("document", "the document is empty"));
        }
        match root_element(&self.document.0) {
            Some("StandardBusinessDocument") => {}
            Some(other) => {
                return Err(invalid(
                    "document",
                    format!(
                        "expected a Standard Business Document (root element StandardBusinessDocument), \
                         found <{other}>: wrap the document in an SBD"
                    ),
                ))
            }
            None => {
                return Err(invalid("document", "not an XML document (a UTF-8 Standard Business Document is expected)"))
            }
        }
        rules::header_text(self.file_name.as_deref(), "fileName")?;
        rules::header_text(self.media_type.as_deref(), "mediaType")?;
        let media_type = self.media_type.as_deref().unwrap_or("application/xml");
        if !is_xml_type(media_type) {
            return Err(invalid(
                "mediaType",
                "a Standard Business Document is sent with an XML media type (application/xml)",
            ));
        }
        let boundary = boundary_of(self.boundary.as_deref())?;
        let mut parts = Vec::new();
        if let Some(comment) = &self.comment {
            parts.push(Part::text("comment", comment));
        }
        let file_name = self.file_name.as_deref().unwrap_or("document.xml");
        parts.push(Part::file("document", file_name, media_type, &self.document.0));
        form_post(config, Self::INFO.path, boundary, &parts, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PeppolResult, Error> {
        parse_result(response)
    }

    fn completed(&self, context: &Context) -> Cow<'_, Self> {
        match (&self.boundary, &context.boundary) {
            (None, Some(boundary)) => {
                Cow::Owned(SendPeppolDocument { boundary: Some(boundary.clone()), ..self.clone() })
            }
            _ => Cow::Borrowed(self),
        }
    }
}

/// `ContactPerson`: whom Digiteal contacts in case of a registration error (as sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContactPerson {
    /// Email address of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Language of the person: EN (the default), FR or NL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Last name (the seed's description says "First name").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone number of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

impl ContactPerson {
    /// The email, and the language among EN, FR, NL.
    pub fn check(&self) -> Result<(), Error> {
        rules::email(self.email.as_deref(), "email")?;
        one_of(self.language.as_ref().map(Language::as_str), KYC_LANGUAGES, "language")
    }
}

/// `ContactPerson` as Digiteal answers it (in a registered participant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContactPersonInfo {
    /// Email address of the person.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Language of the person.
    #[serde(default)]
    pub language: Option<Language>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Phone number of the person.
    #[serde(default)]
    pub phone_number: Option<String>,
}

/// `digiteal.peppol.register_participant`: `POST /api/v1/peppol/registered-participants`.
pub type RegisterPeppolParticipant = PeppolParticipantRegistrationRequest;

/// `PeppolParticipantRegistrationRequest`: the body of `POST /api/v1/peppol/registered-participants`
/// (`digiteal.peppol.register_participant`): a participant (company or person) that receives PEPPOL
/// invoices and credit notes through Digiteal. `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PeppolParticipantRegistrationRequest {
    /// Contact person that Digiteal will contact in case of a registration error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<ContactPerson>,
    /// PEPPOL identifier (`scheme:value`, e.g. `0208:0630675588`), checked against the PEPPOL
    /// code list and sent normalised.
    pub peppol_identifier: String,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for PeppolParticipantRegistrationRequest {
    // A registration; a resend of one that arrived answers REGISTER_ALREADY_REGISTERED_TO_DIGITEAL
    // (harmless, and the sign it arrived), but creations are not resent blindly.
    const INFO: OperationInfo =
        info("digiteal.peppol.register_participant", Method::Post, "/api/v1/peppol/registered-participants", false);
    type Config = DigitealConfig;
    type Output = PeppolResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let id = rules::peppol_id(&self.peppol_identifier, "peppolIdentifier")?;
        if let Some(contact) = &self.contact_person {
            rules::within("contactPerson", contact.check())?;
        }
        let body = PeppolParticipantRegistrationRequest { peppol_identifier: id, ..self.clone() };
        json_send(config, Method::Post, Self::INFO.path, &body, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PeppolResult, Error> {
        parse_result(response)
    }
}

/// `digiteal.peppol.list_participants`: `GET /api/v1/peppol/registered-participants`, the
/// participants registered through Digiteal by the calling integrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ListPeppolParticipants {
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// The answer of `digiteal.peppol.list_participants`: the seed shows Spring's `ResponseEntity`
/// wrapper only; its `body` (or the answer itself, when it is a list) read as registered
/// participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeppolParticipants {
    /// The wrapper, when the answer is one.
    pub response_entity: Option<ResponseEntity>,
    /// The participants: the wrapper's `body` or the answer, when it is a list of them; empty
    /// otherwise.
    pub participants: Vec<PeppolRegisteredParticipant>,
}

impl Operation for ListPeppolParticipants {
    const INFO: OperationInfo =
        info("digiteal.peppol.list_participants", Method::Get, "/api/v1/peppol/registered-participants", true);
    type Config = DigitealConfig;
    type Output = PeppolParticipants;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        bodiless(config, Method::Get, Self::INFO.path, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PeppolParticipants, Error> {
        if !response.is_success() {
            return Err(Error::Api(peppol_api_error(response)));
        }
        let listed = |value: serde_json::Value| -> Result<Vec<PeppolRegisteredParticipant>, Error> {
            serde_json::from_value(value).map_err(|e| Error::decode("participants", e.to_string()))
        };
        let value: serde_json::Value = from_json(&response.body)?;
        match value {
            serde_json::Value::Array(_) => {
                Ok(PeppolParticipants { response_entity: None, participants: listed(value)? })
            }
            serde_json::Value::Object(_) => {
                let entity = response_entity(&response.body);
                let participants = match entity.as_ref().and_then(|e| e.body.clone()) {
                    Some(list @ serde_json::Value::Array(_)) => listed(list)?,
                    _ => Vec::new(),
                };
                Ok(PeppolParticipants { response_entity: entity, participants })
            }
            _ => Err(Error::decode("body", "expected a ResponseEntity or a list of participants")),
        }
    }
}

/// `PeppolRegisteredParticipant`: a participant (company or person) registered through Digiteal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeppolRegisteredParticipant {
    /// Contact person that Digiteal will contact in case of a registration error.
    #[serde(default)]
    pub contact_person: Option<ContactPersonInfo>,
    /// PEPPOL identifier.
    #[serde(default)]
    pub peppol_identifier: Option<String>,
    /// Date of the registration within Digiteal for this particular PEPPOL integrator.
    #[serde(default)]
    pub registration_date: Option<String>,
}

/// Declares an operation on one participant: `identifier` in the path.
macro_rules! participant_op {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            /// The PEPPOL participant id (`scheme:value`, e.g. `0208:0630675588`), checked
            /// against the PEPPOL code list and sent normalised.
            #[serde(alias = "peppolIdentifier")]
            pub identifier: String,
            /// The `correlation-id` request header.
            #[serde(default, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }
    };
}

participant_op! {
    /// `digiteal.peppol.get_participant`: `GET /api/v1/peppol/registered-participants/{identifier}`,
    /// the registration status of a participant.
    GetPeppolParticipant
}

participant_op! {
    /// `digiteal.peppol.unregister_participant`:
    /// `DELETE /api/v1/peppol/registered-participants/{identifier}`, so that Digiteal no longer
    /// receives PEPPOL invoices and credit notes for the participant and passes them on to the
    /// integrator.
    UnregisterPeppolParticipant
}

participant_op! {
    /// `digiteal.peppol.supported_document_types`:
    /// `GET /api/v1/peppol/remote-participants/{identifier}/supported-document-types`, the document
    /// types a participant supports through the PEPPOL network (not only the ones registered in
    /// Digiteal).
    GetSupportedDocumentTypes
}

participant_op! {
    /// `digiteal.peppol.check_recipient` (not a row of `endpoints.tsv`: the guide's "PEPPOL first"
    /// check): the `GET` of `digiteal.peppol.supported_document_types`, whose answer says whether
    /// the recipient can receive a PEPPOL BIS Billing 3.0 invoice or credit note, and so whether to
    /// send by PEPPOL or fall back to a Digiteal invoice. A participant the network does not know
    /// is an answer (`inPeppol` false), not an error.
    CheckPeppolRecipient
}

impl Operation for GetPeppolParticipant {
    const INFO: OperationInfo = info(
        "digiteal.peppol.get_participant",
        Method::Get,
        "/api/v1/peppol/registered-participants/{identifier}",
        true,
    );
    type Config = DigitealConfig;
    type Output = PeppolRegisteredParticipant;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let path = format!("/api/v1/peppol/registered-participants/{}", identifier_segment(&self.identifier)?);
        bodiless(config, Method::Get, &path, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PeppolRegisteredParticipant, Error> {
        if !response.is_success() {
            return Err(Error::Api(peppol_api_error(response)));
        }
        from_json(&response.body)
    }
}

impl Operation for UnregisterPeppolParticipant {
    // A DELETE: unregistering twice leaves the same state (the second may answer
    // NOT_REGISTERD_TO_CALLER, the sign the first arrived).
    const INFO: OperationInfo = info(
        "digiteal.peppol.unregister_participant",
        Method::Delete,
        "/api/v1/peppol/registered-participants/{identifier}",
        true,
    );
    type Config = DigitealConfig;
    type Output = PeppolResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let path = format!("/api/v1/peppol/registered-participants/{}", identifier_segment(&self.identifier)?);
        bodiless(config, Method::Delete, &path, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PeppolResult, Error> {
        parse_result(response)
    }
}

const SUPPORTED_PATH: &str = "/api/v1/peppol/remote-participants/{identifier}/supported-document-types";

fn supported_request(
    config: &DigitealConfig,
    identifier: &str,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let path =
        format!("/api/v1/peppol/remote-participants/{}/supported-document-types", identifier_segment(identifier)?);
    bodiless(config, Method::Get, &path, "application/json", correlation_id)
}

impl Operation for GetSupportedDocumentTypes {
    const INFO: OperationInfo = info("digiteal.peppol.supported_document_types", Method::Get, SUPPORTED_PATH, true);
    type Config = DigitealConfig;
    type Output = SupportedPeppolDocumentTypes;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        supported_request(config, &self.identifier, self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<SupportedPeppolDocumentTypes, Error> {
        if !response.is_success() {
            return Err(Error::Api(peppol_api_error(response)));
        }
        from_json(&response.body)
    }
}

/// `SupportedPeppolDocumentTypes`: the document types a participant supports in the network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SupportedPeppolDocumentTypes {
    /// Document type identifiers (a list in the schema; the seed's example answers one string,
    /// read as a list of one).
    #[serde(default, deserialize_with = "string_or_list")]
    pub document_types: Vec<String>,
    /// PEPPOL identifier.
    #[serde(default)]
    pub peppol_identifier: Option<String>,
}

fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

/// A PEPPOL BIS Billing 3.0 document kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BillingDocument {
    /// A UBL invoice.
    Invoice,
    /// A UBL credit note.
    CreditNote,
}

/// Which BIS Billing 3.0 document a document type identifier is (see the module docs for how it
/// is recognised); `None` for any other document type.
///
/// ```
/// use kassa::providers::digiteal::{billing_document, BillingDocument};
/// let id = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
/// assert_eq!(billing_document(id), Some(BillingDocument::Invoice));
/// let bis_4a = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:urn:www.peppol.eu:bis:peppol4a:ver2.0::2.1";
/// assert_eq!(billing_document(bis_4a), None);
/// ```
pub fn billing_document(document_type: &str) -> Option<BillingDocument> {
    let id = document_type.trim();
    let id = match id.get(..18) {
        Some(scheme) if scheme.eq_ignore_ascii_case("busdox-docid-qns::") => &id[18..],
        _ => id,
    };
    let (root, rest) = id.split_once("##")?;
    let (customization, version) = rest.rsplit_once("::")?;
    if customization != BIS_BILLING_3 || version.is_empty() {
        return None;
    }
    match root {
        UBL_INVOICE => Some(BillingDocument::Invoice),
        UBL_CREDIT_NOTE => Some(BillingDocument::CreditNote),
        _ => None,
    }
}

/// How to send a document to a recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Recommendation {
    /// Through PEPPOL (`digiteal.peppol.send_document`).
    Peppol,
    /// As a Digiteal invoice (`digiteal.invoices.create`): the fallback.
    Digiteal,
}

/// The answer of `digiteal.peppol.check_recipient` ([`check_recipient`]): whether the recipient
/// can receive a PEPPOL BIS Billing 3.0 invoice or credit note, and how to send an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RecipientCheck {
    /// The participant id, as the answer gives it (`null` when the network does not know the
    /// participant).
    pub peppol_identifier: Option<String>,
    /// Whether the PEPPOL network knows the participant.
    pub in_peppol: bool,
    /// Every document type the participant supports, as answered.
    pub document_types: Vec<String>,
    /// Whether one of them is a BIS Billing 3.0 UBL invoice.
    pub can_receive_invoice: bool,
    /// Whether one of them is a BIS Billing 3.0 UBL credit note.
    pub can_receive_credit_note: bool,
    /// How to send an invoice: `peppol` when the recipient can receive a BIS Billing 3.0 invoice,
    /// `digiteal` otherwise (for a credit note, read `canReceiveCreditNote`).
    pub recommendation: Recommendation,
}

/// The "PEPPOL first" reading of a supported-document-types answer, sans-IO.
pub fn check_recipient(answer: &SupportedPeppolDocumentTypes) -> RecipientCheck {
    let kinds: Vec<BillingDocument> = answer.document_types.iter().filter_map(|t| billing_document(t)).collect();
    let can_receive_invoice = kinds.contains(&BillingDocument::Invoice);
    RecipientCheck {
        peppol_identifier: answer.peppol_identifier.clone(),
        in_peppol: true,
        document_types: answer.document_types.clone(),
        can_receive_invoice,
        can_receive_credit_note: kinds.contains(&BillingDocument::CreditNote),
        recommendation: if can_receive_invoice { Recommendation::Peppol } else { Recommendation::Digiteal },
    }
}

/// The check of a participant the PEPPOL network does not know: send with Digiteal.
pub fn not_in_peppol() -> RecipientCheck {
    RecipientCheck {
        peppol_identifier: None,
        in_peppol: false,
        document_types: Vec::new(),
        can_receive_invoice: false,
        can_receive_credit_note: false,
        recommendation: Recommendation::Digiteal,
    }
}

impl Operation for CheckPeppolRecipient {
    const INFO: OperationInfo = info("digiteal.peppol.check_recipient", Method::Get, SUPPORTED_PATH, true);
    type Config = DigitealConfig;
    type Output = RecipientCheck;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        supported_request(config, &self.identifier, self.correlation_id.as_deref())
    }

    /// A 2xx is read with [`check_recipient`]; a 404, or the codes `RECIPIENT_NOT_IN_PEPPOL` and
    /// `ENTITY_NOT_REGISTERED`, mean the network does not know the participant ([`not_in_peppol`]);
    /// any other error status is an [`Error::Api`].
    fn parse(response: &HttpResponse) -> Result<RecipientCheck, Error> {
        if response.is_success() {
            return Ok(check_recipient(&from_json(&response.body)?));
        }
        let error = peppol_api_error(response);
        let unknown =
            matches!(ErrorCode::from(error.code()), ErrorCode::RecipientNotInPeppol | ErrorCode::EntityNotRegistered);
        if response.status == 404 || unknown {
            return Ok(not_in_peppol());
        }
        Err(Error::Api(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::tests::{config};
    use crate::http::Headers;
    use serde_json::json;

    fn field_and_code(e: Error) -> (String, String) {
        match e {
            Error::Validation(v) => (v.field.into_owned(), v.code.as_str().to_owned()),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    const INVOICE_3: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    const CREDIT_3: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    const BIS_4A: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:urn:www.peppol.eu:bis:peppol4a:ver2.0::2.1";

    #[test]
    fn bis_billing_document_types_are_recognised() {
        assert_eq!(billing_document(INVOICE_3), Some(BillingDocument::Invoice));
        assert_eq!(billing_document(CREDIT_3), Some(BillingDocument::CreditNote));
        assert_eq!(billing_document(BIS_4A), None);
        assert_eq!(billing_document(&INVOICE_3.to_uppercase()), None, "case sensitive");
        let aunz = INVOICE_3.replace("poacc:billing:3.0", "poacc:billing:international:aunz:3.0");
        assert_eq!(billing_document(&aunz), None);
        assert_eq!(billing_document(INVOICE_3.trim_end_matches("::2.1")), None);
        assert_eq!(billing_document(""), None);
        let check = check_recipient(&SupportedPeppolDocumentTypes {
            document_types: vec![BIS_4A.into(), CREDIT_3.into()],
            peppol_identifier: Some("0208:0630675588".into()),
        });
        assert_eq!((check.can_receive_invoice, check.can_receive_credit_note), (false, true));
        assert_eq!(check.recommendation, Recommendation::Digiteal);
    }

    #[test]
    fn check_recipient_reads_unknown_participants_as_an_answer() {
        let ok = HttpResponse::new(
            200,
            Headers::new(),
            json!({"documentTypes": INVOICE_3, "peppolIdentifier": "0208:0630675588"}).to_string(),
        );
        let check = CheckPeppolRecipient::parse(&ok).unwrap();
        assert_eq!((check.in_peppol, check.recommendation), (true, Recommendation::Peppol));
        assert_eq!(check.document_types, [INVOICE_3]);
        for (status, body) in [(404, String::new()), (400, json!({"status": "RECIPIENT_NOT_IN_PEPPOL"}).to_string())] {
            let check = CheckPeppolRecipient::parse(&HttpResponse::new(status, Headers::new(), body)).unwrap();
            assert_eq!((check.in_peppol, check.recommendation), (false, Recommendation::Digiteal));
        }
        let err = CheckPeppolRecipient::parse(&HttpResponse::new(401, Headers::new(), Vec::new())).unwrap_err();
        assert_eq!(err.code(), "http_401");
    }

    #[test]
    fn identifiers_are_checked_and_normalised() {
        let op =
            GetPeppolParticipant { identifier: "iso6523-actorid-upis::9925:BE0630675588".into(), correlation_id: None };
        assert_eq!(
            op.build(&config()).unwrap().url,
            "https://api.digiteal.eu/api/v1/peppol/registered-participants/9925:be0630675588"
        );
        let op = GetSupportedDocumentTypes { identifier: "0088:a/b?c#d".into(), correlation_id: None };
        assert_eq!(
            op.build(&config()).unwrap().url,
            "https://api.digiteal.eu/api/v1/peppol/remote-participants/0088:a%2Fb%3Fc%23d/supported-document-types"
        );
        let op = UnregisterPeppolParticipant { identifier: "9956:0630675588".into(), correlation_id: None };
        assert_eq!(
            field_and_code(op.build(&config()).unwrap_err()),
            ("identifier".into(), "peppol_scheme_removed".into())
        );
        let op = UnregisterPeppolParticipant { identifier: "0208:0630675589".into(), correlation_id: None };
        assert_eq!(field_and_code(op.build(&config()).unwrap_err()).1, "be_number_checksum");
    }

    #[test]
    fn only_standard_business_documents_are_sent() {
        let sbd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- an SBD -->\n<sh:StandardBusinessDocument xmlns:sh=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\"/>";
        assert_eq!(root_element(sbd.as_bytes()), Some("StandardBusinessDocument"));
        assert_eq!(root_element(b"\xef\xbb\xbf<StandardBusinessDocument>"), Some("StandardBusinessDocument"));
        assert_eq!(root_element(b"%PDF-1.4"), None);
        assert_eq!(root_element(b"<?xml version=\"1.0\""), None);
        let op = SendPeppolDocument { document: Bytes(sbd.into()), boundary: Some("b".into()), ..Default::default() };
        let req = op.build(&config()).unwrap();
        assert!(String::from_utf8_lossy(&req.body)
            .contains("filename=\"document.xml\"\r\nContent-Type: application/xml\r\n"));
        let invoice = SendPeppolDocument { document: Bytes(b"<Invoice xmlns=\"urn:x\"/>".to_vec()), ..op.clone() };
        assert_eq!(field_and_code(invoice.build(&config()).unwrap_err()).0, "document");
        let pdf = SendPeppolDocument { media_type: Some("application/pdf".into()), ..op.clone() };
        assert_eq!(field_and_code(pdf.build(&config()).unwrap_err()).0, "mediaType");
        let ubl = SendPeppolDocument { media_type: Some("application/vnd.sbd+xml".into()), ..op.clone() };
        assert!(ubl.build(&config()).is_ok());
        let no_boundary = SendPeppolDocument { boundary: None, ..op };
        assert_eq!(field_and_code(no_boundary.build(&config()).unwrap_err()).0, "boundary");
    }

    #[test]
    fn results_lists_and_errors() {
        let r = HttpResponse::new(200, Headers::new(), br#"{"message": "All clear !", "status": "OK"}"#.to_vec());
        let out = SendPeppolDocument::parse(&r).unwrap();
        assert!(out.ok && out.status == Some(PeppolStatus::Ok));
        let r = HttpResponse::new(200, Headers::new(), br#"{"status": "QUEUED"}"#.to_vec());
        let out = SendPeppolDocument::parse(&r).unwrap();
        assert_eq!((out.ok, out.status), (false, Some(PeppolStatus::Other("QUEUED".into()))));
        let list = br#"{"body": [{"peppolIdentifier": "0208:0630675588", "registrationDate": "2019-09-01"}], "statusCode": "OK", "statusCodeValue": 200}"#;
        let out = ListPeppolParticipants::parse(&HttpResponse::new(200, Headers::new(), list.to_vec())).unwrap();
        assert_eq!(out.participants[0].peppol_identifier.as_deref(), Some("0208:0630675588"));
        assert!(out.response_entity.is_some());
        let bare = br#"[{"peppolIdentifier": "0208:0630675588"}]"#;
        let out = ListPeppolParticipants::parse(&HttpResponse::new(200, Headers::new(), bare.to_vec())).unwrap();
        assert_eq!((out.participants.len(), out.response_entity), (1, None));
        let r = HttpResponse::new(
            400,
            Headers::new(),
            br#"{"status": "ALREADY_REGISTERED_TO_OTHER_AP", "message": "m"}"#.to_vec(),
        );
        let err = PeppolParticipantRegistrationRequest::parse(&r).unwrap_err();
        assert_eq!(err.code(), "ALREADY_REGISTERED_TO_OTHER_AP");
        let r = HttpResponse::new(200, Headers::new(), br#"{"documentTypes": null}"#.to_vec());
        assert!(GetSupportedDocumentTypes::parse(&r).unwrap().document_types.is_empty());
    }
}
