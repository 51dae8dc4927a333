"""Typed shapes of kassa's plain-data inputs and outputs. They are ``TypedDict``\\ s: at runtime
ordinary ``dict``\\ s with the provider's wire names; every integer is an exact ``int``."""

from __future__ import annotations

from typing import Optional, TypedDict

__all__ = [
    "OperationInfo",
    "RetryOptions",
    "PassportReaderConfig",
    "SessionCreated",
    "SessionStateResponse",
    "Session",
    "BillitConfig",
    "IdentificationStarted",
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
