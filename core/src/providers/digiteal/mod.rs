//! Digiteal (seed 001, the API reference, and seed 004, the guide): e-invoices, credit notes and
//! their documents, payment requests, auto payments, forced opt-ins, integrator look-ups,
//! anonymous EPC QR images, pay buttons and the web application's links.
//!
//! # Environments and hosts
//!
//! | environment | API (requests) | web application (links, buttons) |
//! |---|---|---|
//! | `production` (default) | `https://api.digiteal.eu` | `https://app.digiteal.eu` |
//! | `test` (also `sandbox`) | `https://test.digiteal.eu` | `https://test.digiteal.eu` |
//!
//! The reference names `https://api.digiteal.eu/` as the API endpoint; the guide writes the pay
//! buttons and the anonymous QR image on `https://app.digiteal.eu/api/v1/...` and the test
//! environment as `https://test.digiteal.eu` for both (its B2B button example and its registration
//! links). So requests ([`operations`]) go to the API host, and what a browser opens ([`links`]:
//! pay button images and links, registration links, the QR generator `#/qr-generator`) to the web
//! application host. A custom `base_url` (tests, proxies) replaces both.
//!
//! # Authentication
//!
//! HTTP Basic with the login and password chosen at registration (config `username`,
//! `password`; the password never prints). Both are optional in the config: the anonymous QR
//! images (`digiteal.qr.slip_image`, `digiteal.qr.slip_image_inline`) are sent without credentials
//! and work without them, every other operation refuses to build without them
//! (`digiteal_credentials`). Integrators act for a company by filling the request's own fields, as
//! the seed writes them: `requesterID` (JSON bodies and upload forms), `requesterVAT` /
//! `requesterEmail` (JSON bodies), `requesterVAT` (pay buttons); kassa does not invent them.
//! 2-way SSL, which the guide mentions, is a transport matter outside the core.
//!
//! Every request operation takes an optional `correlationId` (also `correlation_id`,
//! `correlation-id`), sent as the `correlation-id` header; Digiteal returns it as the
//! `requestId` of an error, which becomes [`ApiError::request_id`](crate::ApiError).
//!
//! # Retries, and why creations are not retried blindly
//!
//! The policy ([`RETRY`]): up to 2 retries after 1 s and 2 s (20 % jitter), on 5xx, 429 and
//! transport failures, but only for operations marked safe to repeat: the GETs (integrator
//! look-ups, the document list, the QR images) and the forced opt-in (forcing it twice leaves the
//! same state). The POSTs that create something are retried only when the failure proves the
//! request never left (a connection error): after a timeout or a 5xx the request may have been
//! received and acted on, and sending it again could create a second payment request, pay an auto
//! payment twice, or attach the same document twice. The caller decides what to do then:
//!
//! - an invoice carries `invoiceInternalId`, unique per issuer, so resending the same invoice is
//!   safe to *detect*: a PUBLISHED invoice that did arrive answers `INVOICE_PUBLISHED`, a DRAFT one
//!   is updated (Digiteal's create is a create-or-update); so the caller may resend an invoice
//!   with the same `invoiceInternalId` and read `INVOICE_PUBLISHED` as "the first attempt
//!   arrived" (documents can then be attached by that id with
//!   `digiteal.invoices.send_document_by_internal_id`, without the lost `uuid`);
//! - payment requests, auto payments and uploads have no such key in the seed, so kassa never
//!   resends them; check with Digiteal (its webhooks, its web application) before trying again.
//!
//! # Answers
//!
//! - JSON models ([`types`]): integers are `i64`, enums keep unknown values (`Other`).
//! - Images (invoice, credit note and payment QR codes, slip images): `{mediaType, bytes}`, the
//!   media type from `Content-Type` or, when that says nothing (`*/*`), from the bytes (PNG,
//!   JPEG, GIF signatures; SVG). Bytes serialise with `serialize_bytes`: Python `bytes`, JS
//!   `Uint8Array`, an array of numbers in JSON.
//! - `format` `QR_TEXT` / `NONE`: the body is the EPC payload as text (`qrText`), read with
//!   [`crate::epc::parse_bytes`] in lenient mode into `epc` (the shape of `epc.parse`), or
//!   `epcError` when it cannot be read; the invoice is created either way.
//! - Headers: `uuid` (required: a 2xx without it is a decode error), `deliveryMethod` (`S2P`:
//!   the client opted in, so attach documents; also given as `optedIn`), `autoPaymentDate`
//!   (`dd/MM/yyyy` on the wire, `YYYY-MM-DD` in the output), `debtorId` (the guide's),
//!   `payment-url-intent` / `payment-web-url` (as `paymentUrlIntent` / `paymentWebUrl`), the QR
//!   images' `status` (`0` OK, `1` not OK: `status` as sent and `ok`), the credit-note upload's
//!   `status`.
//! - Spring's `ResponseEntity` wrapper, which the seed shows as the body of the uploads and the
//!   opt-in while the guide says those bodies are empty: read when present, `null` otherwise.
//! - Errors ([`errors`]): the `ErrorMessage` body; `errorCode` becomes the error's code, every code
//!   the guide lists is an [`ErrorCode`] and unknown ones are kept.
//!
//! # Multipart uploads
//!
//! The four document uploads build `multipart/form-data` in the core ([`multipart`]) from the
//! caller's bytes, with the boundary the caller passes (`boundary`: the bindings pass a random
//! one; the core draws none), the file part's `fileName` and `mediaType` (`application/pdf` by
//! default).
//!
//! # Where the seeds disagree, and what kassa does
//!
//! 1. **Amounts typed `string`, sent as numbers.** `amountInCents` (invoice, credit note, payment,
//!    auto payment) and `minAmountInCents` / `maxAmountInCents` / `suggestedAmountInCents` are
//!    `string` in the schemas and numbers in every example: kassa follows the examples (`i64`
//!    cents, sent as JSON numbers).
//! 2. **`customerAddressNumber` and `customerAddressZip`**: `string` in the schemas, `14` and
//!    `1000` in the examples. Real values are also `14A` or `1012 AB`, so kassa sends the form the
//!    caller gives ([`NumberOrText`]): the examples' numbers stay numbers.
//! 3. **The anonymous QR image's `amount`** is `number (double)` "expressed in cents": kassa takes
//!    integer cents (`i64`) and sends an integer (no floats for money). The guide's example
//!    `amount=1` fits either reading.
//! 4. **`amountInCents` with min/max/suggested amounts.** The guide and the reference's
//!    descriptions say they "cannot be used at the same time"; the `PaymentCreationRequest`
//!    example sends all four. kassa enforces the rule: the example as is is refused (naming
//!    `minAmountInCents`), and the fixtures also build it without `amountInCents` and without the
//!    range, each field for field equal to the rest of the example.
//! 5. **`languages: ["string"]`** in the `InvoiceCreationRequest` example, where the schema allows
//!    FR, EN, NL, DE: kassa refuses unknown values (naming `languages[0]`); the fixture builds the
//!    example with `["EN", "NL"]`.
//! 6. **Lower-case values.** The guide writes `format=qr`, `language=en`; the schemas upper case.
//!    kassa accepts any case for the listed values and sends the value as given.
//! 7. **Dates typed `date-time`** (`creationDate`, `dueDate`, `billDate`): the descriptions and
//!    examples say `YYYY-MM-DD`, which kassa checks (a real calendar date).
//! 8. **B2B button VAT numbers.** The reference names the query parameters
//!    `creditorVAT.representation`, `creditorVAT.belgian`, `debtorVAT.*`; the guide's example writes
//!    `creditorVAT=`, `debtorVAT=`. kassa writes the reference's names (a plain string becomes
//!    `representation`).
//! 9. **Document media types.** The guide says a document may be "PDF, XML, RTF,..." and also that
//!    the service "only accepts PDF files" (`UNSUPPORTED_MEDIA`): kassa sends `application/pdf` by
//!    default and lets the caller name another type; Digiteal decides.
//! 10. **The invoice upload lists the form field `name` twice** (once without description): it is
//!     sent once.
//! 11. **Empty bodies vs. `ResponseEntity`** (uploads, opt-in, credit note creation): both are read
//!     (see above); the credit note's answer is read like the invoice's (image, EPC text or empty).
//! 12. **`debtorId`**: the guide says the invoice answer carries it as a header; the reference does
//!     not list it. kassa reads it when present.
//! 13. **`FORBIDDEN` under HTTP 415** in the guide's auto payment table (403 meant): codes are read
//!     from the body, whatever the status.
//! 14. **`requesterID`/`requesterVAT`/`requestorEmail` "needs to be filled in ... without
//!     authentication"** for the anonymous QR image, while the guide's own anonymous example has
//!     none of them: kassa does not require them.
//! 15. **`CompanyInfo.status`** lists `NOT_FOUND ... DEACTIVATED`, its description `NONE`: both are
//!     known values.
//! 16. **Pay button languages**: the button is drawn in NL, FR or EN (the guide), the invoices also
//!     take DE (the schema's `languages`): each is checked against its own list.
//! 17. **Example IBANs.** The seeds' `BE40251230861709` and `BE68130191571783` pass the IBAN check
//!     digits but not the Belgian account number's own (mod 97) check. kassa checks an IBAN's
//!     country, length, structure and ISO 13616 check digits and lets a Belgian national-check
//!     mismatch through (Digiteal answers `BANK_ACCOUNT_NOT_FOUND` for an account it does not know),
//!     so the examples build as they are. (The EPC parser, used on `QR_TEXT` answers, is stricter:
//!     such an IBAN there gives `epcError`.)
//!
//! Guide rules checked before a request is built (a violation names the field): an invoice needs
//! `customerInternalId` ("mandatory when creating an invoice") and a `creditorReference` (OGM/VCS or
//! RF, checksum checked) or a `remittanceInfo`; `size` is 1 to 4000; payment requests need
//! `confirmationURL` and `errorURL`; an opt-in needs the VAT number, the customer id and the email;
//! a credit note needs its invoice's UUID and an amount; an auto payment an amount and the
//! customer; IBAN, BIC, purpose (4 capital letters), currency and country codes, emails and URLs
//! are checked when given.

mod autopay;
mod common;
mod config;
mod credit_notes;
pub mod errors;
mod integrator;
mod invoices;
mod links;
pub mod multipart;
mod optin;
mod pay_buttons;
mod payments;
mod qr;
mod rules;
#[cfg(test)]
mod tests;
pub mod webhook_events;

pub use autopay::{AutoPaymentRequest, AutoPaymentResult, AutoPaymentStatus, RequestAutoPayment};
pub use common::{DocumentUploaded, EpcPayment, EpcProblem, HttpStatusName, Image, ImageFormat, Language, NumberOrText, ResponseEntity};
pub use config::{DigitealConfig, RETRY};
pub use credit_notes::{
    CreateCreditNote, CreditNoteCreated, CreditNoteCreationRequest, SendCreditNoteDocument,
    SendCreditNoteDocumentByInternalId,
};
pub use errors::{ErrorCode, ErrorMessage};
pub use integrator::{CompanyInfo, CompanyStatus, GetCompanyInfo, GetPersonInfo, PersonInfo, PersonStatus};
pub use invoices::{
    CreateInvoice, DeliveryMethod, DocumentDetails, InvoiceCreated, InvoiceCreationRequest, ListInvoiceDocuments,
    PublicationStatus, SendInvoiceDocument, SendInvoiceDocumentByInternalId,
};
pub use links::{
    CompanyRegistration, CompanyRegistrationLink, Link, PersonRegistration, PersonRegistrationLink, QrGenerator,
    QrGeneratorLink,
};
pub use optin::{ForceOptin, OptinForced};
pub use pay_buttons::{
    B2bPayButton, B2bPayButtonExecuteUrl, B2bPayButtonImageUrl, ButtonType, PayButton, PayButtonExecuteUrl,
    PayButtonImageUrl, PayButtonLinks, VatNumber,
};
pub use payments::{
    CreateInvoicePayment, CreatePayment, InvoicePaymentRequest, PaymentCreationRequest, PaymentRequestCreated,
};
pub use qr::{GetSlipImage, GetSlipImageInline, RequestStatus, SlipImage, SlipImageInline, SlipImageRequest};
pub use common::LinkAnswer;
