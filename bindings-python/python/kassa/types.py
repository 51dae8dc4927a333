"""Typed shapes of kassa's plain-data inputs and outputs. They are ``TypedDict``\\ s: at runtime
ordinary ``dict``\\ s with the provider's wire names; every integer is an exact ``int``."""

from __future__ import annotations

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
