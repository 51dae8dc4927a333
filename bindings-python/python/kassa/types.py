"""Typed shapes of kassa's plain-data inputs and outputs. They are ``TypedDict``\\ s: at runtime
ordinary ``dict``\\ s with the provider's wire names; every integer is an exact ``int``."""

from __future__ import annotations

import builtins
from typing import Any, Dict, List, Optional, Tuple, TypedDict, Union

__all__ = [
    "OperationInfo",
    "RetryOptions",
    "PassportReaderConfig",
    "SessionCreated",
    "SessionStateResponse",
    "Session",
    "BillitConfig",
    "IdentificationStarted",
    "SolarisConfig",
    "Eligibility",
    "IdentificationSession",
    "SessionConfiguration",
    "Address",
    "Identification",
    "TokenResponse",
    "Tolerated",
    "EpcPayload",
    "BillitCallback",
    "SolarisWebhookEvent",
    "IdentityStartParams",
    "ResponseData",
    "ProviderCall",
    "Evidence",
    "IdentityStarted",
    "IdentityOutcome",
    "DigitealConfig",
    "InvoiceCreationParams",
    "CreditNoteCreationParams",
    "PaymentCreationParams",
    "InvoicePaymentParams",
    "AutoPaymentParams",
    "SlipImageParams",
    "ListDocumentsParams",
    "CompanyInfoParams",
    "PersonInfoParams",
    "ForceOptinParams",
    "InvoiceDocumentParams",
    "InvoiceDocumentByInternalIdParams",
    "CreditNoteDocumentParams",
    "CreditNoteDocumentByInternalIdParams",
    "DigitealImage",
    "DigitealEpc",
    "EpcProblem",
    "InvoiceCreated",
    "CreditNoteCreated",
    "PaymentRequestCreated",
    "AutoPaymentResult",
    "DocumentDetails",
    "CompanyInfo",
    "PersonInfo",
    "ResponseEntity",
    "DocumentUploaded",
    "OptinForced",
    "SlipImage",
    "SlipImageInline",
    "PayButtonLinks",
    "LinkUrl",
    "DigitealVatNumber",
]


class OperationInfo(TypedDict):
    """One entry of :func:`kassa.operations`."""

    id: str
    provider: str
    method: str
    path: str
    retry_safe: bool


class RetryOptions(TypedDict, total=False):
    """Overrides of a provider's retry policy (delays in seconds)."""

    max_retries: int
    initial_delay: float
    max_delay: float
    jitter_percent: int


class _PassportReaderCredentials(TypedDict):
    public_key: str
    secret: str


class PassportReaderConfig(_PassportReaderCredentials, total=False):
    """The ``config`` mapping of PassportReader operations (``kassa.build_request``)."""

    environment: str
    base_url: str
    timeout: float
    retry: RetryOptions


class SessionCreated(TypedDict):
    """The output of ``passportreader.session.create``."""

    id: int
    token: str


class SessionStateResponse(TypedDict):
    """The output of ``passportreader.session.state``. ``state`` is kept as sent, also when kassa
    does not know the value (``CREATED``, ``INITIATED``, ``FAILED``, ``ABORTED``, ``COMPLETED``,
    ``REJECTED``, ``APPROVED``, ...)."""

    state: str


class Session(TypedDict):
    """The output of ``passportreader.session.get``: the whole session."""

    id: int
    created: Optional[str]
    expires: Optional[str]
    state: str
    reference: Optional[str]
    user_ip: Optional[str]
    user_agent: Optional[str]
    given_names: Optional[str]
    surname: Optional[str]
    nationality: Optional[str]
    sex: Optional[str]
    date_of_birth: Optional[str]
    personal_number: Optional[str]
    document_type: Optional[str]
    document_number: Optional[str]
    expiry_date: Optional[str]
    issuing_country: Optional[str]
    issuer: Optional[str]
    portrait: Optional[str]
    face: Optional[str]


class BillitConfig(TypedDict, total=False):
    """The ``config`` mapping of Billit operations: ``api_key`` or ``access_token`` is required."""

    api_key: str
    access_token: str
    party_id: str
    environment: str
    base_url: str
    timeout: float
    retry: RetryOptions


class IdentificationStarted(TypedDict):
    """The output of ``billit.identification.start``: where to send the user, and for how long
    (seconds; ``expires_at`` in Unix seconds when known)."""

    url: str
    expires_in: int
    expires_at: Optional[int]


class SolarisConfig(TypedDict, total=False):
    """The ``config`` mapping of Solaris operations: ``access_token`` (the sans-IO
    ``build_request`` needs one), or ``client_id`` + ``client_secret`` for the clients."""

    client_id: str
    client_secret: str
    access_token: str
    environment: str
    base_url: str
    auth_url: str
    timeout: float
    retry: RetryOptions


class Eligibility(TypedDict):
    """The output of ``solaris.identification.eligibility_checks``."""

    method: str
    eligible: bool
    reasons: List[str]


class IdentificationSession(TypedDict):
    """A Solaris identification session (``identification_sessions.create`` / ``get``). ``status``
    is kept as sent (``created``, ``pending``, ``successful``, ``failed``, ``expired``,
    ``aborted``, or a newer value)."""

    id: str
    url: Optional[str]
    callback_url: Optional[str]
    identification_methods: List[str]
    status: Optional[str]


class SessionConfiguration(TypedDict):
    """The output of ``solaris.identification_sessions.configuration``."""

    terms_and_conditions_pre_accepted: Optional[bool]
    fourthline_provider: Optional[str]


class Address(TypedDict):
    """A postal address on a Solaris identification."""

    line_1: Optional[str]
    line_2: Optional[str]
    postal_code: Optional[str]
    city: Optional[str]
    country: Optional[str]
    state: Optional[str]


class Identification(TypedDict):
    """A Solaris identification (``identifications.create`` / ``get``, ``simulate_bank_id``, the
    IDENTIFICATION webhook). ``status`` and ``method`` are kept as sent."""

    id: str
    reference: Optional[str]
    url: Optional[str]
    status: Optional[str]
    completed_at: Optional[str]
    method: Optional[str]
    proof_of_address_type: Optional[str]
    proof_of_address_issued_at: Optional[str]
    language: Optional[str]
    person_id: Optional[str]
    address: Optional[Address]
    documents: List[Any]
    failure_reason: Optional[str]
    iban: Optional[str]
    authorization_expires_at: Optional[str]
    confirmation_expires_at: Optional[str]
    provider_status_code: Any
    account_verification_error: Optional[str]
    idnow_process_type: Optional[str]


class TokenResponse(TypedDict):
    """The output of ``solaris.auth.token`` (the OAuth2 client-credentials answer)."""

    access_token: str
    expires_in: int
    scope: Optional[str]
    token_type: Optional[str]


# -- the pure functions ----------------------------------------------------------------------


class Tolerated(TypedDict):
    """A deviation ``kassa.epc.parse(..., strict=False)`` read past."""

    code: str
    field: str
    message: str


class EpcPayload(TypedDict):
    """The output of ``kassa.epc.parse``: ``version`` ``"001"``/``"002"``, ``charset`` 1-8,
    ``amount`` a decimal string with two decimals (``"12.30"``) or ``None``."""

    version: str
    charset: int
    identification: str
    bic: Optional[str]
    name: str
    iban: str
    amount: Optional[str]
    purpose: Optional[str]
    reference: Optional[str]
    text: Optional[str]
    information: Optional[str]
    tolerated: List[Tolerated]


class BillitCallback(TypedDict):
    """The output of ``kassa.billit.parse_callback``: what Billit's redirect back says."""

    registration_id: str
    success: bool


class SolarisWebhookEvent(TypedDict):
    """The output of ``kassa.solaris.verify_webhook``: ``event`` ``"IDENTIFICATION"`` (``data``
    is an :class:`Identification`) or ``"UNKNOWN"`` (``data`` is the body's JSON)."""

    event: str
    data: Any


class _IdentityStartRequired(TypedDict):
    subject: str


class IdentityStartParams(_IdentityStartRequired, total=False):
    """What to verify (``subject``: Billit's RegistrationID, Solaris's person_id, your
    PassportReader reference) and where the user or callback goes (``return_url``); ``method`` is
    the Solaris identification method (default ``idnow``)."""

    return_url: Optional[str]
    method: Optional[str]


class ResponseData(TypedDict):
    """An HTTP answer given to the sans-IO identity functions: ``headers`` as ``(name, value)``
    pairs or a mapping, ``body`` as text or bytes."""

    status: int
    headers: Union[List[Tuple[str, str]], List[List[str]], Dict[str, str]]
    body: Union[str, bytes]


class ProviderCall(TypedDict):
    """An operation to send (``kassa.identity.start_operation`` / ``poll_operation``): its id and
    params, for ``kassa.build_request`` or ``client.call``."""

    operation: str
    params: Dict[str, Any]


class Evidence(TypedDict, total=False):
    """What the provider gave back, for ``kassa.identity.finish``; give the one you have: Billit's
    ``redirect_url``, PassportReader's ``state``, a Solaris ``identification`` (webhook or
    ``identifications.get``) or ``session`` (``identification_sessions.get``). ``expires_at``
    (Unix seconds) tells pending from expired."""

    redirect_url: Optional[str]
    state: Optional[str]
    identification: Optional[Dict[str, Any]]
    session: Optional[Dict[str, Any]]
    expires_at: Optional[int]


class IdentityStarted(TypedDict):
    """A started identification: the URL to send the user to (Billit, Solaris) or PassportReader's
    app ``token``, when the chance ends (``expires_at``, Unix seconds: Billit, 5 minutes), and the
    opaque ``reference`` for ``finish`` / ``client.identity.check``."""

    provider: str
    url: Optional[str]
    token: Optional[str]
    expires_at: Optional[int]
    reference: str


class IdentityOutcome(TypedDict):
    """Where an identification stands: ``status`` ``verified``, ``failed`` (see ``reason``),
    ``pending`` or ``expired``; ``provider_status`` is the provider's own value it was read from."""

    status: str
    reason: Optional[str]
    provider_status: Optional[str]
    reference: str


# -- Digiteal --------------------------------------------------------------------------------
# Params and outputs use Digiteal's camelCase wire names. Every integer is an exact ``int``
# (amounts are integer cents); ``correlationId`` is sent as the ``correlation-id`` header and
# comes back as the ``request_id`` of an ``ApiError``.


class DigitealConfig(TypedDict, total=False):
    """The config of ``kassa.Digiteal`` / ``build_request("digiteal.*", ...)``: HTTP Basic
    ``username`` / ``password`` (needed by every operation but the anonymous QR images),
    ``environment`` ``production`` (default), ``test`` or ``sandbox``."""

    username: str
    password: str
    environment: str
    base_url: str
    timeout: float
    retry: RetryOptions


class _InvoiceCreationRequired(TypedDict):
    customerInternalId: str


class InvoiceCreationParams(_InvoiceCreationRequired, total=False):
    """``digiteal.invoices.create`` (``InvoiceCreationRequest``): a ``creditorReference`` (OGM or
    RF) or a ``remittanceInfo`` is required too; dates are ``YYYY-MM-DD``; ``format`` ``QR``
    (default), ``QR_TEXT``, ``NONE``, ...; ``name`` goes to the query."""

    alreadyPaid: bool
    amountInCents: int
    bic: str
    creationDate: str
    creditorReference: str
    currency: str
    customerAddressCity: str
    customerAddressCountry: str
    customerAddressNumber: Union[int, str]
    customerAddressStreet: str
    customerAddressZip: Union[int, str]
    customerEmail: str
    customerFirstName: str
    customerLastName: str
    customerMobile: str
    customerVAT: str
    directPayment: bool
    dueDate: str
    expectingDocumentAttached: bool
    format: str
    iban: str
    invoiceInternalId: str
    language: str
    languages: List[str]
    publicationStatus: str
    purpose: str
    remittanceInfo: str
    requesterEmail: str
    requesterID: int
    requesterVAT: str
    secondaryLanguage: str
    size: int
    name: str
    correlationId: str


class _CreditNoteCreationRequired(TypedDict):
    invoiceUUID: str
    amountInCents: int


class CreditNoteCreationParams(_CreditNoteCreationRequired, total=False):
    """``digiteal.credit_notes.create`` (``CreditNoteCreationRequest``)."""

    creationDate: str
    creditNoteInternalId: str
    format: str
    language: str
    secondaryLanguage: str
    size: int
    correlationId: str


class _PaymentCreationRequired(TypedDict):
    confirmationURL: str
    errorURL: str


class PaymentCreationParams(_PaymentCreationRequired, total=False):
    """``digiteal.payments.create`` (``PaymentCreationRequest``): ``amountInCents``, or the
    ``min``/``max``/``suggested`` amounts (not both)."""

    amountInCents: int
    bic: str
    cancelURL: str
    creationDate: str
    creditorReference: str
    currency: str
    customerAddressCity: str
    customerAddressCountry: str
    customerAddressNumber: Union[int, str]
    customerAddressStreet: str
    customerAddressZip: Union[int, str]
    customerEmail: str
    customerFirstName: str
    customerLastName: str
    customerMobile: str
    customerVAT: str
    customerInternalId: str
    directPayment: bool
    expectingDocumentAttached: bool
    iban: str
    language: str
    maxAmountInCents: int
    minAmountInCents: int
    multiple: bool
    paymentInternalId: str
    purpose: str
    remittanceInfo: str
    requesterEmail: str
    requesterID: int
    requesterVAT: str
    secondaryLanguage: str
    suggestedAmountInCents: int
    validityInMinutes: int
    correlationId: str


class InvoicePaymentParams(TypedDict, total=False):
    """``digiteal.payments.create_for_invoice`` (``InvoicePaymentRequest``): the invoice by
    ``uuid`` or ``invoiceInternalId``."""

    cancelURL: str
    confirmationURL: str
    errorURL: str
    invoiceInternalId: str
    requesterID: int
    uuid: str
    correlationId: str


class AutoPaymentParams(TypedDict, total=False):
    """``digiteal.autopay.request`` (``AutoPaymentRequest``): an amount and the customer."""

    amountInCents: int
    bic: str
    creationDate: str
    creditorReference: str
    currency: str
    customerAddressCity: str
    customerAddressCountry: str
    customerAddressNumber: Union[int, str]
    customerAddressStreet: str
    customerAddressZip: Union[int, str]
    customerEmail: str
    customerFirstName: str
    customerLastName: str
    customerMobile: str
    customerVAT: str
    customerInternalId: str
    directPayment: bool
    expectingDocumentAttached: bool
    iban: str
    language: str
    purpose: str
    remittanceInfo: str
    requesterEmail: str
    requesterID: int
    requesterVAT: str
    secondaryLanguage: str
    correlationId: str


class SlipImageParams(TypedDict, total=False):
    """``digiteal.qr.slip_image`` / ``slip_image_inline`` (anonymous): ``amount`` in integer
    cents."""

    amount: int
    bic: str
    billDate: str
    billId: str
    billerName: str
    billerVAT: str
    creditorReference: str
    currency: str
    debtorCity: str
    debtorCountry: str
    debtorEmail: str
    debtorFirstName: str
    debtorHouseNumber: str
    debtorId: str
    debtorMobilePhoneNumber: str
    debtorName: str
    debtorStreetName: str
    debtorVAT: str
    debtorZipCode: str
    directPayment: bool
    dueDate: str
    format: str
    iban: str
    language: str
    languages: List[str]
    purpose: str
    remittanceInfo: str
    requestStatus: str
    requestorEmail: str
    secondaryLanguage: str
    size: int
    correlationId: str


class _ListDocumentsRequired(TypedDict):
    billId: str


class ListDocumentsParams(_ListDocumentsRequired, total=False):
    """``digiteal.invoices.list_documents``."""

    correlationId: str


class _CompanyInfoRequired(TypedDict):
    vatNumber: str


class CompanyInfoParams(_CompanyInfoRequired, total=False):
    """``digiteal.integrator.company_info``."""

    correlationId: str


class _PersonInfoRequired(TypedDict):
    email: str


class PersonInfoParams(_PersonInfoRequired, total=False):
    """``digiteal.integrator.person_info``."""

    correlationId: str


class _ForceOptinRequired(TypedDict):
    requestorVAT: str
    clientInternalId: str
    clientEmail: str


class ForceOptinParams(_ForceOptinRequired, total=False):
    """``digiteal.optin.force``; ``userAgent`` is the ``User-Agent`` header."""

    userAgent: str
    correlationId: str


class _DocumentUpload(TypedDict, total=False):
    name: str
    comment: str
    requesterID: int
    document: Union[bytes, bytearray, str]
    fileName: str
    mediaType: str
    boundary: str
    correlationId: str


class _InvoiceDocumentRequired(TypedDict):
    uuid: str


class InvoiceDocumentParams(_InvoiceDocumentRequired, _DocumentUpload, total=False):
    """``digiteal.invoices.send_document``: a multipart upload of ``document`` (``bytes`` /
    ``bytearray``, or ``str`` as UTF-8) for the invoice ``uuid``; ``mediaType`` ``application/pdf`` by default; the
    client draws the ``boundary`` when it is not given (``build_request`` needs one)."""


class _InvoiceDocumentByInternalIdRequired(TypedDict):
    billId: str


class InvoiceDocumentByInternalIdParams(_InvoiceDocumentByInternalIdRequired, _DocumentUpload, total=False):
    """``digiteal.invoices.send_document_by_internal_id``: like :class:`InvoiceDocumentParams`,
    the invoice by the issuer's ``billId``."""


class _CreditNoteDocumentRequired(TypedDict):
    uuid: str


class CreditNoteDocumentParams(_CreditNoteDocumentRequired, _DocumentUpload, total=False):
    """``digiteal.credit_notes.send_document``: like :class:`InvoiceDocumentParams`."""


class _CreditNoteDocumentByInternalIdRequired(TypedDict):
    creditNoteId: str


class CreditNoteDocumentByInternalIdParams(_CreditNoteDocumentByInternalIdRequired, _DocumentUpload, total=False):
    """``digiteal.credit_notes.send_document_by_internal_id``: the credit note by the issuer's
    ``creditNoteId``."""


class DigitealImage(TypedDict):
    """An image Digiteal answered: ``mediaType`` (``image/png``, ...) and the ``bytes``."""

    mediaType: str
    bytes: builtins.bytes


class EpcProblem(TypedDict):
    """Why an EPC payload could not be read, or what was read past."""

    code: str
    field: Optional[str]
    message: str


class DigitealEpc(TypedDict):
    """The EPC payload of a ``QR_TEXT`` / ``NONE`` answer, read like ``kassa.epc.parse``."""

    version: str
    charset: int
    identification: str
    bic: Optional[str]
    name: str
    iban: str
    amount: Optional[str]
    amount_cents: Optional[int]
    purpose: Optional[str]
    reference: Optional[str]
    text: Optional[str]
    information: Optional[str]
    tolerated: List[EpcProblem]


class InvoiceCreated(TypedDict):
    """``digiteal.invoices.create``: ``uuid`` and the headers (``deliveryMethod`` ``S2P`` means
    ``optedIn``; ``autoPaymentDate`` ``YYYY-MM-DD``), and the ``image`` or, for ``QR_TEXT`` /
    ``NONE``, ``qrText`` with ``epc`` (or ``epcError``)."""

    uuid: str
    deliveryMethod: Optional[str]
    optedIn: bool
    autoPaymentDate: Optional[str]
    debtorId: Optional[str]
    image: Optional[DigitealImage]
    qrText: Optional[str]
    epc: Optional[DigitealEpc]
    epcError: Optional[EpcProblem]


class CreditNoteCreated(TypedDict):
    """``digiteal.credit_notes.create``."""

    uuid: str
    image: Optional[DigitealImage]
    qrText: Optional[str]
    epc: Optional[DigitealEpc]
    epcError: Optional[EpcProblem]


class PaymentRequestCreated(TypedDict):
    """``digiteal.payments.create`` / ``create_for_invoice``: the QR image and the payment URLs."""

    uuid: str
    paymentUrlIntent: Optional[str]
    paymentWebUrl: Optional[str]
    image: Optional[DigitealImage]


class AutoPaymentResult(TypedDict):
    """``digiteal.autopay.request``."""

    comment: Optional[str]
    originBankAccount: Optional[str]
    paymentConfirmationDate: Optional[str]
    paymentID: Optional[str]
    paymentRequestDate: Optional[str]
    status: Optional[str]


class DocumentDetails(TypedDict):
    """One entry of ``digiteal.invoices.list_documents``."""

    comment: Optional[str]
    fileName: Optional[str]
    id: Optional[int]
    mediaType: Optional[str]
    url: Optional[str]
    uuid: Optional[str]


class CompanyInfo(TypedDict):
    """``digiteal.integrator.company_info``."""

    status: Optional[str]
    vatNumber: Optional[str]


class PersonInfo(TypedDict):
    """``digiteal.integrator.person_info``."""

    email: Optional[str]
    status: Optional[str]


class ResponseEntity(TypedDict):
    """Spring's ``ResponseEntity`` wrapper, when Digiteal sends one."""

    body: Any
    statusCode: Optional[str]
    statusCodeValue: Optional[int]


class DocumentUploaded(TypedDict):
    """The document uploads: the ``uuid`` header, the credit-note upload's ``status``."""

    uuid: str
    status: Optional[str]
    responseEntity: Optional[ResponseEntity]


class OptinForced(TypedDict):
    """``digiteal.optin.force``."""

    responseEntity: Optional[ResponseEntity]


class SlipImage(TypedDict):
    """``digiteal.qr.slip_image``: ``status`` as sent (``0`` OK) and ``ok``."""

    image: Optional[DigitealImage]
    status: Optional[str]
    ok: Optional[bool]


class SlipImageInline(TypedDict):
    """``digiteal.qr.slip_image_inline``: the image as the JSON string Digiteal sends."""

    content: str
    status: Optional[str]
    ok: Optional[bool]


class PayButtonLinks(TypedDict):
    """The ``kassa.digiteal.pay_buttons.*`` functions: the URL asked for, both URLs and the HTML
    snippet ``<a href="{executeUrl}"><img src="{imageUrl}"></a>``."""

    url: str
    imageUrl: str
    executeUrl: str
    html: str


class LinkUrl(TypedDict):
    """The ``kassa.digiteal.links.*`` functions: ``{"url": ...}``."""

    url: str


class _VatRepresentation(TypedDict):
    representation: str


class DigitealVatNumber(_VatRepresentation, total=False):
    """A B2B pay button VAT number (``creditorVAT`` / ``debtorVAT``) as an object:
    ``representation`` (``BE0897227828``) and ``belgian``; a plain ``str`` is the representation."""

    belgian: bool
