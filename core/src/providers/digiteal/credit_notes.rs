//! `digiteal.credit_notes.*`: create a credit note, attach its documents.

use serde::{Deserialize, Serialize};

use super::common::{
    info, json_post, languages, one_of, required_header, upload, Content,
    EpcPayment, EpcProblem, Image, ImageFormat, Language,
};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};

/// `digiteal.credit_notes.create`: `POST /api/v1/credit-note`.
pub type CreateCreditNote = CreditNoteCreationRequest;

/// `CreditNoteCreationRequest`: the body of `POST /api/v1/credit-note`
/// (`digiteal.credit_notes.create`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CreditNoteCreationRequest {
    /// The credited amount, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// The date the credit note was emitted (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The issuer's own id of the credit note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_note_internal_id: Option<String>,
    /// The image to answer with; `QR` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    /// The UUID of the invoice the credit note relates to.
    #[serde(rename = "invoiceUUID")]
    pub invoice_uuid: String,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Image size in pixels (at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl CreditNoteCreationRequest {
    /// The related invoice's UUID and a credited amount above zero are required; dates, enums and
    /// `size` as for invoices.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.invoice_uuid), "invoiceUUID")?;
        rules::positive_cents(self.amount_in_cents, "amountInCents")?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::not_blank(self.credit_note_internal_id.as_deref(), "creditNoteInternalId")?;
        rules::size(self.size, "size")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), ImageFormat::KNOWN, "format")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for CreditNoteCreationRequest {
    // Like invoices: resent after a failure that may have arrived only with a
    // `creditNoteInternalId`, which Digiteal keeps unique per issuer.
    const INFO: OperationInfo = info("digiteal.credit_notes.create", Method::Post, "/api/v1/credit-note", false);
    type Config = DigitealConfig;
    type Output = CreditNoteCreated;
    const OUTCOME_HINT: &'static str = "give a creditNoteInternalId next time (a resend is then safe); look for the credit note in Digiteal's web application or wait for its INVOICE_CREDIT_NOTE_PUBLISHED webhook before creating it again";
    const RESEND_KEY_FIELD: Option<&'static str> = Some("creditNoteInternalId");

    fn resend_key(&self) -> Option<&str> {
        self.credit_note_internal_id.as_deref()
    }

    fn with_resend_key(&self, key: &str) -> Self {
        CreditNoteCreationRequest { credit_note_internal_id: Some(key.to_owned()), ..self.clone() }
    }

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<CreditNoteCreated, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let uuid = required_header(response, "uuid")?;
        let content = Content::read(response);
        Ok(CreditNoteCreated {
            uuid,
            image: content.image,
            qr_text: content.qr_text,
            epc: content.epc,
            epc_error: content.epc_error,
        })
    }
}

/// The answer of `digiteal.credit_notes.create`: the `uuid` header and the body (image or EPC
/// text, as for invoices; the guide also allows an empty body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreditNoteCreated {
    /// The `uuid` header: Digiteal's id of the credit note.
    pub uuid: String,
    /// The image, when the answer is one.
    pub image: Option<Image>,
    /// The EPC payload text, when the answer is text.
    pub qr_text: Option<String>,
    /// `qrText` read with kassa's EPC parser (lenient).
    pub epc: Option<EpcPayment>,
    /// Why `qrText` could not be read as an EPC payload.
    pub epc_error: Option<EpcProblem>,
}

upload! {
    /// `digiteal.credit_notes.send_document`: `POST /api/v1/creditNote-sendDoc`, a document for the
    /// credit note of `uuid`.
    SendCreditNoteDocument {
        /// The credit note's UUID, as `digiteal.credit_notes.create` answered it.
        uuid = "uuid"
    },
    "digiteal.credit_notes.send_document", "/api/v1/creditNote-sendDoc"
}

upload! {
    /// `digiteal.credit_notes.send_document_by_internal_id`:
    /// `POST /api/v1/creditNote-sendDocWithBillerId`, a document for the credit note the issuer
    /// calls `creditNoteId`.
    SendCreditNoteDocumentByInternalId {
        /// The issuer's own id of the credit note (`creditNoteInternalId` at creation).
        credit_note_id = "creditNoteId"
    },
    "digiteal.credit_notes.send_document_by_internal_id", "/api/v1/creditNote-sendDocWithBillerId"
}
