"""Types of the clients. The runtime derives namespaces and methods from ``operations()``; this
file lists them for type checkers (``tests/test_stubs.py`` checks that every catalog id is here)."""

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from typing_extensions import Unpack

from kassa import _kassa
from kassa.types import (
    AutoPaymentParams,
    AutoPaymentResult,
    CompanyInfo,
    CompanyInfoParams,
    CreditNoteCreated,
    CreditNoteCreationParams,
    CreditNoteDocumentByInternalIdParams,
    CreditNoteDocumentParams,
    DocumentDetails,
    DocumentUploaded,
    ForceOptinParams,
    InvoiceCreated,
    InvoiceCreationParams,
    InvoiceDocumentByInternalIdParams,
    InvoiceDocumentParams,
    InvoicePaymentParams,
    ListDocumentsParams,
    OptinForced,
    PaymentCreationParams,
    PaymentRequestCreated,
    PersonInfo,
    PersonInfoParams,
    SlipImage,
    SlipImageInline,
    SlipImageParams,
    Eligibility,
    Identification,
    IdentificationSession,
    IdentificationStarted,
    IdentityOutcome,
    IdentityStarted,
    RetryOptions,
    Session,
    SessionConfiguration,
    SessionCreated,
    SessionStateResponse,
    TokenResponse,
)

__all__ = [
    "PassportReader",
    "AsyncPassportReader",
    "Billit",
    "AsyncBillit",
    "Solaris",
    "AsyncSolaris",
    "Digiteal",
    "AsyncDigiteal",
]

def method_name(segment: str) -> str: ...

class Namespace:
    def __init__(self, path: str) -> None: ...

def _sync_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]: ...
def _async_method(native: _kassa.Client, operation: str, doc: str) -> Callable[..., Any]: ...

class Identity:
    """``client.identity``: the identification flow over the client's provider."""

    _native: _kassa.Client
    def __init__(self, native: _kassa.Client) -> None: ...
    def start(self, *, subject: str, return_url: str | None = None, method: str | None = None) -> IdentityStarted:
        """Starts an identification of ``subject``: ``{provider, url, token, expires_at, reference}``."""
    def check(self, reference: str, expires_at: int | None = None) -> IdentityOutcome:
        """Where ``reference`` stands: ``{status, reason, provider_status, reference}``."""

class AsyncIdentity:
    """``client.identity`` of the asyncio clients."""

    _native: _kassa.Client
    def __init__(self, native: _kassa.Client) -> None: ...
    async def start(
        self, *, subject: str, return_url: str | None = None, method: str | None = None
    ) -> IdentityStarted: ...
    async def check(self, reference: str, expires_at: int | None = None) -> IdentityOutcome: ...

class _Client:
    _provider: ClassVar[str]
    _async: ClassVar[bool]
    _identity: ClassVar[bool]
    _native: _kassa.Client
    _where: str | None
    def __init__(self, config: dict[str, Any]) -> None: ...
    def _attach_operations(self) -> None: ...

class _SyncClient(_Client):
    def call(self, operation: str, params: Mapping[str, Any] | None = None) -> Any: ...

class _AsyncClient(_Client):
    async def call(self, operation: str, params: Mapping[str, Any] | None = None) -> Any: ...

# passportreader.*

class _PassportReaderSession:
    def create(
        self, *, callback_url: str | None = None, face_verification: bool | None = None, reference: str | None = None
    ) -> SessionCreated: ...
    def get(self, *, id: int) -> Session: ...
    def state(self, *, id: int) -> SessionStateResponse: ...

class _AsyncPassportReaderSession:
    async def create(
        self, *, callback_url: str | None = None, face_verification: bool | None = None, reference: str | None = None
    ) -> SessionCreated: ...
    async def get(self, *, id: int) -> Session: ...
    async def state(self, *, id: int) -> SessionStateResponse: ...

class PassportReader(_SyncClient):
    identity: Identity
    session: _PassportReaderSession
    def __init__(
        self,
        *,
        public_key: str,
        secret: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncPassportReader(_AsyncClient):
    identity: AsyncIdentity
    session: _AsyncPassportReaderSession
    def __init__(
        self,
        *,
        public_key: str,
        secret: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

# billit.*

class _BillitIdentification:
    def start(
        self, *, RegistrationID: str, RedirectURL: str, IdentificationProviderTC: str = ...
    ) -> IdentificationStarted: ...

class _AsyncBillitIdentification:
    async def start(
        self, *, RegistrationID: str, RedirectURL: str, IdentificationProviderTC: str = ...
    ) -> IdentificationStarted: ...

class Billit(_SyncClient):
    identity: Identity
    identification: _BillitIdentification
    def __init__(
        self,
        *,
        api_key: str | None = None,
        access_token: str | None = None,
        party_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncBillit(_AsyncClient):
    identity: AsyncIdentity
    identification: _AsyncBillitIdentification
    def __init__(
        self,
        *,
        api_key: str | None = None,
        access_token: str | None = None,
        party_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

# solaris.*

class _SolarisIdentification:
    def eligibility_checks(self, *, person_id: str, method: str = ...) -> Eligibility: ...

class _AsyncSolarisIdentification:
    async def eligibility_checks(self, *, person_id: str, method: str = ...) -> Eligibility: ...

class _SolarisIdentificationSessions:
    def create(
        self, *, person_id: str, identification_methods: list[str], callback_url: str | None = None
    ) -> IdentificationSession: ...
    def get(self, *, person_id: str, identification_session_id: str) -> IdentificationSession: ...
    def configuration(self, *, person_id: str, identification_session_id: str) -> SessionConfiguration: ...
    def simulate_bank_id(self, *, person_id: str, identification_session_id: str) -> Identification: ...

class _AsyncSolarisIdentificationSessions:
    async def create(
        self, *, person_id: str, identification_methods: list[str], callback_url: str | None = None
    ) -> IdentificationSession: ...
    async def get(self, *, person_id: str, identification_session_id: str) -> IdentificationSession: ...
    async def configuration(self, *, person_id: str, identification_session_id: str) -> SessionConfiguration: ...
    async def simulate_bank_id(self, *, person_id: str, identification_session_id: str) -> Identification: ...

class _SolarisIdentifications:
    def create(
        self,
        *,
        person_id: str,
        identification_session_id: str,
        method: str,
        language: str | None = None,
        proof_of_address_type: str | None = None,
        proof_of_address_issued_at: str | None = None,
        iban: str | None = None,
        device_data: str | None = None,
    ) -> Identification: ...
    def get(self, *, person_id: str, identification_session_id: str, id: str) -> Identification: ...

class _AsyncSolarisIdentifications:
    async def create(
        self,
        *,
        person_id: str,
        identification_session_id: str,
        method: str,
        language: str | None = None,
        proof_of_address_type: str | None = None,
        proof_of_address_issued_at: str | None = None,
        iban: str | None = None,
        device_data: str | None = None,
    ) -> Identification: ...
    async def get(self, *, person_id: str, identification_session_id: str, id: str) -> Identification: ...

class _SolarisAuth:
    def token(self, *, scope: str | None = None) -> TokenResponse: ...

class _AsyncSolarisAuth:
    async def token(self, *, scope: str | None = None) -> TokenResponse: ...

class Solaris(_SyncClient):
    identity: Identity
    identification: _SolarisIdentification
    identification_sessions: _SolarisIdentificationSessions
    identifications: _SolarisIdentifications
    auth: _SolarisAuth
    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        access_token: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        auth_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncSolaris(_AsyncClient):
    identity: AsyncIdentity
    identification: _AsyncSolarisIdentification
    identification_sessions: _AsyncSolarisIdentificationSessions
    identifications: _AsyncSolarisIdentifications
    auth: _AsyncSolarisAuth
    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        access_token: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        auth_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

# digiteal.* (params: Digiteal's wire names, see kassa.types)

class _DigitealInvoices:
    def create(self, **params: Unpack[InvoiceCreationParams]) -> InvoiceCreated: ...
    def send_document(self, **params: Unpack[InvoiceDocumentParams]) -> DocumentUploaded: ...
    def send_document_by_internal_id(self, **params: Unpack[InvoiceDocumentByInternalIdParams]) -> DocumentUploaded: ...
    def list_documents(self, **params: Unpack[ListDocumentsParams]) -> list[DocumentDetails]: ...

class _AsyncDigitealInvoices:
    async def create(self, **params: Unpack[InvoiceCreationParams]) -> InvoiceCreated: ...
    async def send_document(self, **params: Unpack[InvoiceDocumentParams]) -> DocumentUploaded: ...
    async def send_document_by_internal_id(self, **params: Unpack[InvoiceDocumentByInternalIdParams]) -> DocumentUploaded: ...
    async def list_documents(self, **params: Unpack[ListDocumentsParams]) -> list[DocumentDetails]: ...

class _DigitealCreditNotes:
    def create(self, **params: Unpack[CreditNoteCreationParams]) -> CreditNoteCreated: ...
    def send_document(self, **params: Unpack[CreditNoteDocumentParams]) -> DocumentUploaded: ...
    def send_document_by_internal_id(self, **params: Unpack[CreditNoteDocumentByInternalIdParams]) -> DocumentUploaded: ...

class _AsyncDigitealCreditNotes:
    async def create(self, **params: Unpack[CreditNoteCreationParams]) -> CreditNoteCreated: ...
    async def send_document(self, **params: Unpack[CreditNoteDocumentParams]) -> DocumentUploaded: ...
    async def send_document_by_internal_id(self, **params: Unpack[CreditNoteDocumentByInternalIdParams]) -> DocumentUploaded: ...

class _DigitealPayments:
    def create(self, **params: Unpack[PaymentCreationParams]) -> PaymentRequestCreated: ...
    def create_for_invoice(self, **params: Unpack[InvoicePaymentParams]) -> PaymentRequestCreated: ...

class _AsyncDigitealPayments:
    async def create(self, **params: Unpack[PaymentCreationParams]) -> PaymentRequestCreated: ...
    async def create_for_invoice(self, **params: Unpack[InvoicePaymentParams]) -> PaymentRequestCreated: ...

class _DigitealAutopay:
    def request(self, **params: Unpack[AutoPaymentParams]) -> AutoPaymentResult: ...

class _AsyncDigitealAutopay:
    async def request(self, **params: Unpack[AutoPaymentParams]) -> AutoPaymentResult: ...

class _DigitealIntegrator:
    def company_info(self, **params: Unpack[CompanyInfoParams]) -> CompanyInfo: ...
    def person_info(self, **params: Unpack[PersonInfoParams]) -> PersonInfo: ...

class _AsyncDigitealIntegrator:
    async def company_info(self, **params: Unpack[CompanyInfoParams]) -> CompanyInfo: ...
    async def person_info(self, **params: Unpack[PersonInfoParams]) -> PersonInfo: ...

class _DigitealOptin:
    def force(self, **params: Unpack[ForceOptinParams]) -> OptinForced: ...

class _AsyncDigitealOptin:
    async def force(self, **params: Unpack[ForceOptinParams]) -> OptinForced: ...

class _DigitealQr:
    def slip_image(self, **params: Unpack[SlipImageParams]) -> SlipImage: ...
    def slip_image_inline(self, **params: Unpack[SlipImageParams]) -> SlipImageInline: ...

class _AsyncDigitealQr:
    async def slip_image(self, **params: Unpack[SlipImageParams]) -> SlipImage: ...
    async def slip_image_inline(self, **params: Unpack[SlipImageParams]) -> SlipImageInline: ...

class Digiteal(_SyncClient):
    invoices: _DigitealInvoices
    credit_notes: _DigitealCreditNotes
    payments: _DigitealPayments
    autopay: _DigitealAutopay
    integrator: _DigitealIntegrator
    optin: _DigitealOptin
    qr: _DigitealQr
    def __init__(
        self,
        *,
        username: str | None = None,
        password: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...

class AsyncDigiteal(_AsyncClient):
    invoices: _AsyncDigitealInvoices
    credit_notes: _AsyncDigitealCreditNotes
    payments: _AsyncDigitealPayments
    autopay: _AsyncDigitealAutopay
    integrator: _AsyncDigitealIntegrator
    optin: _AsyncDigitealOptin
    qr: _AsyncDigitealQr
    def __init__(
        self,
        *,
        username: str | None = None,
        password: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: RetryOptions | None = None,
    ) -> None: ...
