"""The exceptions kassa raises. The native module fills them from the core's errors in one place
(``errors.rs``); every one carries the core's stable ``code`` and ``kind``, and ``str(err)`` is the
core's message, which never contains a secret. They pickle (attributes included)."""

from __future__ import annotations

from typing import Any, Optional

__all__ = [
    "KassaError",
    "ValidationError",
    "ApiError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "DecodeError",
    "SignatureError",
    "CallbackError",
]


class KassaError(Exception):
    """Base class of every kassa error.

    Attributes:
        code: the stable machine-readable code (``"invalid_params"``, ``"SessionNotFound"``,
            ``"timeout"``, ``"decode"``, ...).
        kind: ``"validation"``, ``"api"``, ``"transport"``, ``"decode"``, ``"signature"`` or
            ``"callback"``.
        message: what went wrong, in words (``str(err)`` by default).
    """

    code: str = ""
    kind: str = ""
    message: str

    def __init__(self, text: str = "", **attributes: Any) -> None:
        super().__init__(text)
        message = attributes.pop("message", None)
        self.message = text if message is None else message
        for name, value in attributes.items():
            setattr(self, name, value)


class ValidationError(KassaError, ValueError):
    """The input was refused before anything was sent; ``field`` names the culprit
    (``"secret"``, ``"id"``, ``"retry.max_retries"``; ``""`` for the input as a whole)."""

    kind = "validation"
    field: str = ""


class ApiError(KassaError):
    """The provider answered with an error status. The subclass tells the status's category:
    :class:`BadRequestError` (400, 422), :class:`AuthenticationError` (401),
    :class:`PermissionDeniedError` (402, 403), :class:`NotFoundError` (404, 410),
    :class:`ConflictError` (409), :class:`RateLimitError` (429), :class:`ServerError` (5xx); a
    redirect (3xx, never followed: see ``location``) or another status is an ``ApiError`` itself.

    Attributes:
        status: the HTTP status.
        category: ``"bad_request"``, ``"authentication"``, ``"permission_denied"``,
            ``"not_found"``, ``"conflict"``, ``"rate_limit"``, ``"server"``, ``"redirect"`` or
            ``"other"``.
        provider_code: the provider's own error code, when it gave one (``code`` falls back to
            ``"http_<status>"``).
        provider_message: the provider's own message, when it gave one (``message`` falls back to
            the error's text).
        request_id: the provider's request id, when there is one.
        retry_after: the seconds a 429 or 503 asks to wait (``Retry-After``), when it said.
        location: where a redirect (3xx) points (its ``Location``); kassa follows no redirect.
        body: the raw response body, **as received**: unlike every other attribute it is not
            scrubbed of credentials a provider may echo, so never log it.
    """

    kind = "api"
    status: int = 0
    category: str = "other"
    provider_code: Optional[str] = None
    provider_message: Optional[str] = None
    request_id: Optional[str] = None
    retry_after: Optional[int] = None
    location: Optional[str] = None
    body: bytes = b""


class BadRequestError(ApiError):
    """400 or 422: the provider refused the request itself."""


class AuthenticationError(ApiError):
    """401: the credentials (or the token) were refused."""


class PermissionDeniedError(ApiError):
    """402 or 403: authenticated, but not allowed."""


class NotFoundError(ApiError):
    """404 or 410: no such object."""


class ConflictError(ApiError):
    """409: the request conflicts with the object's state."""


class RateLimitError(ApiError):
    """429: too many requests; ``retry_after`` says how long to wait when the provider did."""


class ServerError(ApiError):
    """5xx: the provider failed (already retried where that is safe)."""


class TransportError(KassaError):
    """The request could not be completed; ``code`` is ``"timeout"``, ``"connect"``, ``"tls"``,
    ``"body"``, ``"body_too_large"`` (past the client's ``max_response_bytes``),
    ``"deadline_exceeded"`` (the call's ``deadline``), ``"outcome_unknown"`` (the request may
    have arrived and is not safe to resend: the message says what to look up),
    ``"client_closed"`` or ``"transport"``."""

    kind = "transport"


class DecodeError(KassaError):
    """The provider's answer could not be read: ``field`` is the JSON path or header, when known;
    ``offset`` the byte offset in the body, when known."""

    code = "decode"
    kind = "decode"
    field: Optional[str] = None
    offset: Optional[int] = None


class SignatureError(KassaError):
    """A webhook's signature does not hold (``kassa.billit.verify_webhook``,
    ``kassa.solaris.verify_webhook``); ``code`` is ``"signature_mismatch"``,
    ``"timestamp_too_old"``, ``"timestamp_in_future"`` or ``"malformed_signature"``. Neither the
    secret nor the expected signature is ever shown."""

    kind = "signature"


class CallbackError(KassaError):
    """A provider's browser redirect reports a failure of its flow (itsme's error page, read by
    ``kassa.billit.parse_callback``): ``code`` is the provider's error code (``"access_denied"``,
    ``"invalid_redirect"``, ...), ``description`` its description when it gave one."""

    kind = "callback"
    description: Optional[str] = None
