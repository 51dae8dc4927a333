//! Digiteal (seed 001, the API reference, and seed 004, the guide): e-invoices, credit notes and
//! their documents, payment requests, auto payments, forced opt-ins, integrator look-ups,
//! anonymous EPC QR images, pay buttons and the web application's links; and onboarding and
//! network: KYC pre-registration (`kyc`), SDD mandate transfer (`sdd`), the PEPPOL access point
//! (`peppol`, with the guide's "PEPPOL first" check), trusted payments (`transfers`) and the
//! webhook configuration ([`webhooks`]).
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
//! links). So requests (every [`Operation`](crate::Operation) here) go to the API host, and what a browser opens ([`Link`]s:
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
//! Onboarding and network operations, the same way:
//!
//! - **retried** (safe to repeat): every `GET` (the KYC contracts, the PEPPOL participants, one
//!   participant, the supported document types and `digiteal.peppol.check_recipient`, the webhook
//!   configuration); the `DELETE`s (`digiteal.peppol.unregister_participant`,
//!   `digiteal.webhooks.delete`: deleting twice leaves the same state; a second attempt may answer
//!   `NOT_REGISTERD_TO_CALLER` or `404`, the sign the first one arrived); the `PUT` of the webhook
//!   credentials; `digiteal.webhooks.upsert` (keyed by the webhook's type) and
//!   `digiteal.webhooks.set_configuration` (replaces the whole configuration): whether they arrive
//!   once or twice, the configuration ends the same; and the trusted-payment updates
//!   (`update_confirmation_based`, `update_time_based`: the `uuid` is in the path and the whole
//!   description is replaced by the same one);
//! - **never resent once they may have arrived**: the KYC pre-registrations and the SDD transfers
//!   (they create accounts and email invitations), the KYC document upload and
//!   `digiteal.peppol.send_document` (a document attached, or delivered through PEPPOL, twice),
//!   `digiteal.peppol.register_participant` (a creation; a resend that arrives answers
//!   `REGISTER_ALREADY_REGISTERED_TO_DIGITEAL`, harmless and telling), the trusted-payment
//!   creations (a second transfer with its own creditor reference) and `digiteal.transfers.execute`
//!   (it pays the creditors out, or reimburses the debtors).
//!
//! # Answers
//!
//! - JSON models (the outputs of this module, e.g. [`CompanyInfo`]): integers are `i64`, enums keep unknown values (`Other`).
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
//!   the guide lists is an [`ErrorCode`] and unknown ones are kept. The PEPPOL operations also read
//!   an error body that is a `PeppolResult` (`status` as the code, `message` as the message).
//! - Answers without a body (the trusted-payment updates and execution, the webhook configuration
//!   calls): `null` (Python `None`).
//! - `PeppolResult` gets `ok` (its `status` is `OK`); `digiteal.peppol.check_recipient` answers a
//!   [`RecipientCheck`] (see [`check_recipient`] for how BIS Billing 3.0 is recognised).
//!
//! # Multipart uploads
//!
//! The four document uploads build `multipart/form-data` in the core ([`multipart`]) from the
//! caller's bytes, with the boundary the caller passes (`boundary`: the bindings pass a random
//! one; the core draws none), the file part's `fileName` and `mediaType` (`application/pdf` by
//! default). So do the KYC document upload (`email`, `name`, `requesterVAT`, `type` and the file,
//! a PDF or an image whose media type is found from the bytes when not given) and the PEPPOL send
//! (`comment` and the Standard Business Document, `application/xml` by default).
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
//!     digits but not the Belgian account number's own (mod 97) check: a bank refuses such an
//!     account. Every operation checks an IBAN as `iban.validate` does (issue 16: one validation
//!     everywhere), so the seed's examples are refused with `iban_national_checksum`, naming the
//!     field; the fixtures build them with `BE36251230861781` and `BE86130191571750` (the same
//!     bank and account with the check digits made right), and one fixture per shape shows the
//!     seed's own number refused. (The EPC parser, used on `QR_TEXT` answers, gives `epcError` for
//!     them.) `iban.validate(national_check=False)` is the escape hatch for an account a bank issued
//!     against its own rule; the operations have none.
//! 18. **`approvalDate: "2019-11-31"`**, the `ContractApproval` of every KYC and SDD example:
//!     November has 30 days. Dates are real calendar dates, so the seed's own example is refused,
//!     naming `contractApproval.approvalDate`; the fixtures build the examples with `2019-11-30`.
//!     The other KYC dates (`birthDay`, `creationDate`, `idDocumentValidityEnd`) are typed
//!     `date-time` and described `YYYY-MM-DD`: checked as real `YYYY-MM-DD` dates (as in 7).
//! 19. **Placeholders as example values.** The KYC examples give `"string"` for `ibans`,
//!     `nationalities`, `integratorVATNumber` and `ipAddress`; the trusted-payment examples give
//!     the types themselves (`"integer (int64)"`, `"boolean"`, `"string (uuid)"`) for every field.
//!     They are the schema's types, not values: refused where kassa checks the field (IBANs,
//!     country codes, IP addresses, UUIDs, and by type for numbers and booleans); the fixtures
//!     build each example field for field with real values in their place.
//! 20. **`houseNumber`, `zipCode`** of `Address`: `string` in the schema, `15` and `1000` in the
//!     examples: sent in the form given ([`NumberOrText`]), as in 2.
//! 21. **Mandatory KYC fields.** The schemas mark none; the guide: a company needs its VAT number,
//!     name, creation date and the contact person's email; a person only the email. Those are the
//!     non-optional fields of [`CompanyKYCInfo`] and [`PersonKYCInfo`]. The same models are the
//!     SDD debtor, with the same mandatory fields (the SDD transfer pre-registers the debtor the
//!     same way); of the SDD configuration itself only `debtor` is required (the seeds state
//!     nothing more; without `configuration` Digiteal uses its documented defaults).
//! 22. **KYC languages.** A KYC person's and a PEPPOL contact's `language` are "EN, FR, NL" (no
//!     DE): checked against those three. The contracts' `language` query has no list: the four
//!     languages are accepted in any case; `ContractDetails.language` answers `en` (lower case):
//!     kept as text.
//! 23. **The KYC document upload's answer**: empty (the guide, `endpoints.tsv`), a
//!     `DocumentDetails` in the reference's example: read when present, `null` otherwise. Its form
//!     fields are typed `object`: sent as text. A KYC document (identity document, selfie with it,
//!     by-laws) is a PDF or an image: other media types are refused.
//! 24. **PEPPOL codes spelled two ways.** The error texts say `REGISTER_ALREADY_REGISTERED_TO_DIGITEAL`,
//!     `REGISTER_ALREADY_REGISTERED_TO_OTHER_AP` and `NOT_REGISTERD_TO_CALLER`; `PeppolResult.status`
//!     lists `ALREADY_REGISTERED_TO_DIGITEAL`, `ALREADY_REGISTERED_TO_OTHER_AP` and
//!     `NOT_REGISTERED_TO_CALLER`. Both spellings are [`ErrorCode`]s as the wire writes them, and
//!     an error body is read as an `ErrorMessage` or as a `PeppolResult`.
//! 25. **The PEPPOL example id `9956:0630675588`**: scheme 9956 (BE:CBE) has been removed from the
//!     Peppol code list (Belgian enterprises use 0208). kassa checks ids with [`crate::ident::peppol`]
//!     and refuses it (`peppol_scheme_removed`, naming `peppolIdentifier` or `identifier`); the
//!     fixtures use `0208:0630675588`, the same enterprise number. Ids are sent normalised (value in
//!     lower case, without `iso6523-actorid-upis::`), with the `:` as it is in paths.
//! 26. **`documentTypes`**: `string[]` in the schema, one string in the example: read either way
//!     (a string is a list of one). The example's type is PEPPOL BIS 4A 2.0 (retired), not BIS
//!     Billing 3.0: the check of the seed's own answer says the recipient cannot receive a BIS
//!     Billing invoice (`recommendation: "digiteal"`).
//! 27. **`list_participants`** answers, in the seed, only Spring's `ResponseEntity` (`"body":
//!     "object"`): kept as it is, its `body` (or a bare list) read as participants when it is a
//!     list of them.
//! 28. **`PeppolResult.status` on a 2xx.** The seed documents the error statuses with HTTP 400;
//!     a 2xx answer whose status is not `OK` is still an answer: `ok` says whether it is `OK`.
//! 29. **"A Standard Business Document"** is what the PEPPOL send takes: kassa checks the XML's root
//!     element is `StandardBusinessDocument` (a bare UBL invoice is refused before sending) and
//!     sends it with an XML media type (`application/xml` by default).
//! 30. **Misspelled wire names**: `benificiary` (`Payment`) and `minumumAmountInCents`
//!     (`TimeBasedTransfer`) are sent as the seed spells them; the Rust fields are `beneficiary`
//!     and `minimum_amount_in_cents`, and the correct spellings are accepted as aliases on input.
//!     Digiteal's `UNAUTHORIZED_ACCES` and `NOT_REGISTERD_TO_CALLER` are kept the same way.
//! 31. **`endDate`** of a time-based transfer: "Format: dd/MM/yyyy" in the schema, `2019-12-31` in
//!     the example: both forms are accepted, checked as a real date, and sent as given.
//! 32. **Percentages** (`TimeBasedTransferPayment.percentage`): a `number` "with at most 4 numbers
//!     behind the decimal point", 100 by default. kassa reads them as decimals ([`Percentage`]:
//!     integers, decimal strings, and floats through their shortest decimal form), each above 0
//!     and at most 100, and requires the creditors' percentages to add up to exactly 100 (a missing
//!     one counting as its default, 100), in integer ten-thousandths; they are sent as JSON numbers
//!     written from the decimal's digits.
//! 33. **Trusted payments' mandatory fields.** Stated: at least one creditor payment. Implied by
//!     the release condition (`MINIMUM_AMOUNT_BEFORE_END_DATE`): `endDate`; by the payment itself:
//!     each creditor's IBAN; by the execution: `transferID` and `validate`. Nothing else is
//!     required; the minimum may not exceed the maximum. The payment tree (`subPayments`, "any
//!     depth" in the seed's recursive example) is read at most [`MAX_PAYMENT_DEPTH`] (32) levels
//!     deep, a deeper one refused with the path of the level that is too deep. (The schema
//!     section's own recursive example ends in `"subPayments": [null]`, which is no payment: a
//!     `null` in the list is refused; the operation's example, seven levels deep, builds.)
//! 34. **`Actor.type`** is written `_3RD_PARTY` (a leading underscore): sent as is;
//!     `Actor.language` has no list and is not checked; `transferIDx64` is not described: kept as
//!     text.
//! 35. **The guide's third-party confirmation** says "If it has been validated, the transfer will
//!     be reimbursed immediately" (invalidated is meant): `validate: false` cancels and reimburses,
//!     as `TransferExecutionData` describes it.
//! 36. **The webhook configuration examples send `"password": "NotProvidedForSecurityReasons"`**,
//!     the placeholder `get_configuration` answers: setting it as a password is refused (a
//!     configuration read and sent back would otherwise replace the real password); the fixtures
//!     use a real password. The placeholder is read as a secret all the same.
//! 37. **Webhook types** are `string` without a list: the example registers `PAYMENT_INITIATED`
//!     while the guide names notification types per family without a prefix (`INITIATED`,
//!     `PAID`, ...). kassa sends any non-blank type as given, one webhook per type in a
//!     configuration.
//! 38. **`set_credentials` "only sets the credentials"** while its example body holds `webHooks`:
//!     kassa sends `login`, `password` and the optional `vatNumber` only.
//! 39. **Webhook URLs**: "a URL", or `mailto:` "for initial setup and testing purpose": kassa takes
//!     `https://` or `mailto:` (each address checked) and refuses `http://` but on a loopback host
//!     (a local receiver, `kassa sandbox`), since Digiteal sends the webhook login and password
//!     with every call.
//!
//! Guide rules checked before a request is built (a violation names the field): an invoice needs
//! `customerInternalId` ("mandatory when creating an invoice") and a `creditorReference` (OGM/VCS or
//! RF, checksum checked) or a `remittanceInfo`; `size` is 1 to 4000; payment requests need
//! `confirmationURL` and `errorURL`; an opt-in needs the VAT number, the customer id and the email;
//! a credit note needs its invoice's UUID and an amount; an auto payment an amount and the
//! customer; IBAN, BIC, purpose (4 capital letters), currency and country codes, emails and URLs
//! are checked when given. For onboarding and network: the KYC mandatory fields (21), real dates,
//! the listed enum values (gender, pack, sector, language, document type, execution type,
//! periodicity, actor type), an explanation of political exposure only for a politically exposed
//! person, a sector `OTHER` named in `details`, IP addresses, PEPPOL participant ids, Standard
//! Business Documents, UUIDs, creditor percentages (32), webhook URLs and credentials. A violation
//! deep in a model names its whole path (`customerCompany.contactPerson.email`,
//! `transferPayments[0].subPayments[1].creditorIBAN`).

mod autopay;
mod common;
mod config;
mod credit_notes;
pub mod errors;
mod integrator;
mod invoices;
mod kyc;
mod links;
pub mod multipart;
mod optin;
mod pay_buttons;
mod payments;
mod peppol;
mod qr;
mod rules;
mod sdd;
#[cfg(test)]
mod tests;
mod transfers;
pub mod webhooks;

pub use autopay::{AutoPaymentRequest, AutoPaymentResult, AutoPaymentStatus, RequestAutoPayment};
pub use common::{
    Address, CompanyKYCInfo, ContractApproval, CustomerNotificationSettings, DocumentUploaded, EpcPayment, EpcProblem,
    Gender, HttpStatusName, Image, ImageFormat, Language, MinimalPersonKYCInfo, NumberOrText, Pack, PersonKYCInfo,
    ResponseEntity, Sector, SectorType,
};
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
pub use kyc::{
    CompanyCustomerKYCInfo, ContractDetails, CustomerInfo, GetCompanyContracts, GetPersonContracts, KycDocumentType,
    PersonCustomerKYCInfo, RegisterCompany, RegisterPerson, UploadKycDocument,
};
pub use optin::{ForceOptin, OptinForced};
pub use pay_buttons::{
    B2bPayButton, B2bPayButtonExecuteUrl, B2bPayButtonImageUrl, ButtonType, PayButton, PayButtonExecuteUrl,
    PayButtonImageUrl, PayButtonLinks, VatNumber,
};
pub use payments::{
    CreateInvoicePayment, CreatePayment, InvoicePaymentRequest, PaymentCreationRequest, PaymentRequestCreated,
};
pub use peppol::{
    billing_document, check_recipient, not_in_peppol, BillingDocument, CheckPeppolRecipient, ContactPerson,
    ContactPersonInfo, GetPeppolParticipant, GetSupportedDocumentTypes, ListPeppolParticipants,
    PeppolParticipantRegistrationRequest, PeppolParticipants, PeppolRegisteredParticipant, PeppolResult, PeppolStatus,
    Recommendation, RecipientCheck, RegisterPeppolParticipant, SendPeppolDocument, SupportedPeppolDocumentTypes,
    UnregisterPeppolParticipant, BIS_BILLING_3, UBL_CREDIT_NOTE, UBL_INVOICE,
};
pub use qr::{GetSlipImage, GetSlipImageInline, RequestStatus, SlipImage, SlipImageInline, SlipImageRequest};
pub use sdd::{
    AutoPaymentConfiguration, AutoPaymentSettings, CompanySDDConfiguration, ExecutionType, Periodicity,
    PersonSDDConfiguration, TransferCompanySdd, TransferPersonSdd,
};
pub use transfers::{
    Actor, ActorType, ConfirmationBasedTransfer, CreateConfirmationBasedTransfer, CreateTimeBasedTransfer,
    ExecuteTransfer, Payment, Percentage, TimeBasedTransfer, TimeBasedTransferPayment, TransferCreationResult,
    TransferExecutionData, UpdateConfirmationBasedTransfer, UpdateTimeBasedTransfer, MAX_PAYMENT_DEPTH,
};
pub use webhooks::{
    DeleteWebhook, GetWebhookConfiguration, SetWebhookConfiguration, SetWebhookCredentials, UpsertWebhook,
    WebHookConfigurationInfo, WebHookInfo, WebhookTarget,
};
pub use common::LinkAnswer;
