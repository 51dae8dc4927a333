//! Digiteal's error answers: the `ErrorMessage` body (`errorCode`, `errorMessage`, `errorSubjects`,
//! `requestId`) and the error codes the guide lists, as a typed enum that keeps unknown codes.
//!
//! An error answer becomes [`Error::Api`](crate::Error::Api) whose `code()` is the `errorCode`
//! as sent (`"INVOICE_PUBLISHED"`), or `http_<status>` when the body has none (a bare 401, for
//! example). [`ErrorMessage::from_api_error`] reads the whole body back, `errorSubjects` included.

use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::http::HttpResponse;
use crate::wire::string_enum;

string_enum! {
    /// `errorCode`: the codes the guide lists per service, the reference's example code
    /// (`INVALID_PARAMETER`), and the PEPPOL codes in both the spellings of the reference's error
    /// texts and of `PeppolResult.status`.
    pub enum ErrorCode {
        /// 400: the bank account given matches none of the issuer's accounts.
        BankAccountNotFound = "BANK_ACCOUNT_NOT_FOUND",
        /// 400: no IBAN/BIC given while the issuer has several accounts and no default.
        BankAccountNotProvided = "BANK_ACCOUNT_NOT_PROVIDED",
        /// 400: mandatory customer fields are missing (the message names them, e.g.
        /// `[customerInternalId]`).
        CustomerInformationMissing = "CUSTOMER_INFORMATION_MISSING",
        /// 400: mandatory invoice fields are missing.
        InvoiceInformationMissing = "INVOICE_INFORMATION_MISSING",
        /// 400: a PUBLISHED invoice cannot be updated (a resend of an `invoiceInternalId` that
        /// already arrived).
        InvoicePublished = "INVOICE_PUBLISHED",
        /// 400: the request had no content.
        ContentMissing = "CONTENT_MISSING",
        /// 400: the `format` is not one Digiteal knows.
        InvalidFormat = "INVALID_FORMAT",
        /// 400: the purpose is not an ISO 20022 code.
        InvalidPurpose = "INVALID_PURPOSE",
        /// 401: no or wrong credentials (Digiteal's spelling, one `S`).
        UnauthorizedAcces = "UNAUTHORIZED_ACCES",
        /// 403: the issuer's profile is not activated yet, or invalid.
        IssuerCannotEmit = "ISSUER_CANNOT_EMIT",
        /// 415: an unsupported media type (JSON only for POSTs; PDF only for documents).
        UnsupportedMedia = "UNSUPPORTED_MEDIA",
        /// 400 (auto payments): the body is not correct JSON.
        IncorrectContent = "INCORRECT_CONTENT",
        /// 400 (auto payments): a field is missing; the message names it.
        MissingInputFields = "MISSING_INPUT_FIELDS",
        /// 400 (auto payments): only POST is accepted.
        UnsupportedRequestMethod = "UNSUPPORTED_REQUEST_METHOD",
        /// Not allowed to perform this action (the guide lists it under 415; 403 is meant).
        Forbidden = "FORBIDDEN",
        /// 500: an internal error; contact Digiteal support with the date, time and issuer.
        General = "GENERAL",
        /// 400 (documents, credit notes, opt-in): a field is missing or wrong.
        BadRequest = "BAD_REQUEST",
        /// The code of the reference's error examples.
        InvalidParameter = "INVALID_PARAMETER",
        /// 400 (PEPPOL send): the expected document was not attached.
        MissingDocument = "MISSING_DOCUMENT",
        /// 400 (PEPPOL send): the document is not valid; the message says why.
        InvalidDocument = "INVALID_DOCUMENT",
        /// 400 (PEPPOL send): the recipient is not in the SMP (not reachable through PEPPOL).
        RecipientNotInPeppol = "RECIPIENT_NOT_IN_PEPPOL",
        /// 400 (PEPPOL register): the participant was already registered through Digiteal; it
        /// stays registered with Digiteal.
        RegisterAlreadyRegisteredToDigiteal = "REGISTER_ALREADY_REGISTERED_TO_DIGITEAL",
        /// 400 (PEPPOL register): the participant is registered to another access point:
        /// deregister it there, then register again.
        RegisterAlreadyRegisteredToOtherAp = "REGISTER_ALREADY_REGISTERED_TO_OTHER_AP",
        /// 400 (PEPPOL unregister): the participant is not registered to the calling PEPPOL
        /// integrator. Digiteal's spelling (`REGISTERD`), as the reference writes it.
        NotRegisterdToCaller = "NOT_REGISTERD_TO_CALLER",
        /// `PeppolResult.status`: the participant is not registered to the calling integrator
        /// (the status list's spelling of `NOT_REGISTERD_TO_CALLER`).
        NotRegisteredToCaller = "NOT_REGISTERED_TO_CALLER",
        /// `PeppolResult.status`: already registered through Digiteal (the status list's name of
        /// `REGISTER_ALREADY_REGISTERED_TO_DIGITEAL`).
        AlreadyRegisteredToDigiteal = "ALREADY_REGISTERED_TO_DIGITEAL",
        /// `PeppolResult.status`: registered to another access point (the status list's name of
        /// `REGISTER_ALREADY_REGISTERED_TO_OTHER_AP`).
        AlreadyRegisteredToOtherAp = "ALREADY_REGISTERED_TO_OTHER_AP",
        /// `PeppolResult.status`: the participant identifier's scheme is not supported.
        UnsupportedPeppolIdentifierType = "UNSUPPORTED_PEPPOL_IDENTIFIER_TYPE",
        /// `PeppolResult.status`: the entity is not registered.
        EntityNotRegistered = "ENTITY_NOT_REGISTERED",
        /// `PeppolResult.status`: an unexpected error at the access point.
        UnexpectedError = "UNEXPECTED_ERROR",
    }
}

/// `ErrorMessage`: the body of Digiteal's error answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErrorMessage {
    /// The error code.
    #[serde(default)]
    pub error_code: Option<ErrorCode>,
    /// A more detailed message.
    #[serde(default)]
    pub error_message: Option<String>,
    /// The subjects the code applies to (e.g. field names).
    #[serde(default)]
    pub error_subjects: Vec<String>,
    /// The request id: the `correlation-id` request header when one was sent, else generated by
    /// Digiteal.
    #[serde(default)]
    pub request_id: Option<String>,
}

impl ErrorMessage {
    /// Reads an error body; `None` when it is not an `ErrorMessage` (empty, HTML, ...).
    pub fn parse(body: &[u8]) -> Option<ErrorMessage> {
        let message: ErrorMessage = serde_json::from_slice(body).ok()?;
        let empty = message.error_code.is_none()
            && message.error_message.is_none()
            && message.error_subjects.is_empty()
            && message.request_id.is_none();
        (!empty).then_some(message)
    }

    /// The typed body of an [`ApiError`] from Digiteal, `errorSubjects` included.
    pub fn from_api_error(error: &ApiError) -> Option<ErrorMessage> {
        Self::parse(&error.body)
    }
}

/// A Digiteal error answer as an [`ApiError`]: `errorCode` as the provider code, `errorMessage` as
/// the message, `requestId` (or a `correlation-id` response header) as the request id; the raw
/// body is kept whole.
pub(crate) fn api_error(response: &HttpResponse) -> ApiError {
    let message = ErrorMessage::parse(&response.body).unwrap_or_default();
    let header_id = || {
        ["correlation-id", "x-correlation-id", "x-request-id"]
            .iter()
            .find_map(|h| response.headers.get(h))
            .map(str::to_owned)
    };
    ApiError {
        status: response.status,
        provider_code: message.error_code.map(|c| c.as_str().to_owned()),
        message: message.error_message,
        request_id: message.request_id.or_else(header_id),
        location: ApiError::location_of(response),
        retry_after: None,
        body: response.body.clone(),
    }
}

/// An error answer of the PEPPOL access point: an `ErrorMessage` like every other service, or a
/// `PeppolResult` (`{"status": "INVALID_DOCUMENT", "message": "..."}`, the model the seed gives
/// these operations), whose `status` then becomes the code and `message` the message.
pub(crate) fn peppol_api_error(response: &HttpResponse) -> ApiError {
    #[derive(Deserialize)]
    struct Result {
        #[serde(default)]
        status: Option<String>,
        #[serde(default)]
        message: Option<String>,
    }
    let mut error = api_error(response);
    if error.provider_code.is_none() {
        if let Ok(Result { status: Some(status), message }) = serde_json::from_slice::<Result>(&response.body) {
            if !status.trim().is_empty() {
                error.provider_code = Some(status);
                error.message = error.message.or(message);
            }
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Headers;

    #[test]
    fn every_listed_code_is_typed_and_unknown_ones_are_kept() {
        for code in ErrorCode::KNOWN {
            let parsed = ErrorCode::from(*code);
            assert!(!matches!(parsed, ErrorCode::Other(_)), "{code}");
            assert_eq!(parsed.as_str(), *code);
        }
        assert_eq!(ErrorCode::from("NEW_CODE"), ErrorCode::Other("NEW_CODE".into()));
    }

    #[test]
    fn api_errors_read_the_error_message() {
        let body = br#"{"errorCode": "INVOICE_PUBLISHED", "errorMessage": "Invoice Bill1234 is published",
            "errorSubjects": ["invoiceInternalId"], "requestId": "corr-1"}"#;
        let e = api_error(&HttpResponse::new(400, Headers::new(), body.to_vec()));
        assert_eq!((e.status, e.code(), e.request_id.as_deref()), (400, "INVOICE_PUBLISHED", Some("corr-1")));
        assert_eq!(e.message.as_deref(), Some("Invoice Bill1234 is published"));
        let typed = ErrorMessage::from_api_error(&e).unwrap();
        assert_eq!(
            (typed.error_code, typed.error_subjects),
            (Some(ErrorCode::InvoicePublished), vec!["invoiceInternalId".into()])
        );

        let bare: Headers = [("correlation-id", "c-9")].into_iter().collect();
        let e = api_error(&HttpResponse::new(401, bare, b"<html>no</html>".to_vec()));
        assert_eq!((e.code(), e.request_id.as_deref(), e.message.as_deref()), ("http_401", Some("c-9"), None));
        assert!(ErrorMessage::from_api_error(&e).is_none());
        assert!(ErrorMessage::parse(b"{}").is_none());
        assert!(ErrorMessage::parse(b"[1]").is_none());
    }

    #[test]
    fn peppol_errors_read_either_body() {
        let body = br#"{"status": "INVALID_DOCUMENT", "message": "cvc-complex-type.2.4.a"}"#;
        let e = peppol_api_error(&HttpResponse::new(400, Headers::new(), body.to_vec()));
        assert_eq!((e.code(), e.message.as_deref()), ("INVALID_DOCUMENT", Some("cvc-complex-type.2.4.a")));
        let body = br#"{"errorCode": "NOT_REGISTERD_TO_CALLER", "errorMessage": "not yours"}"#;
        let e = peppol_api_error(&HttpResponse::new(400, Headers::new(), body.to_vec()));
        assert_eq!(ErrorCode::from(e.code()), ErrorCode::NotRegisterdToCaller);
        let e = peppol_api_error(&HttpResponse::new(404, Headers::new(), Vec::new()));
        assert_eq!(e.code(), "http_404");
    }
}
