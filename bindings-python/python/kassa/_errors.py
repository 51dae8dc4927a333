"""The exceptions kassa raises. The native module fills them from the core's errors in one place
(``errors.rs``); every one carries the core's stable ``code`` and ``kind``, and ``str(err)`` is the
core's message, which never contains a secret."""

from __future__ import annotations

from typing import Optional

__all__ = [
    "KassaError",
    "ValidationError",
    "ApiError",
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
        message: what went wrong, in words.
    """

    code: str
    kind: str
    message: str

    def __init__(self, text: str = "", *, code: str = "", kind: str = "", message: Optional[str] = None) -> None:
        super().__init__(text)
        self.code = code
        self.kind = kind
        self.message = text if message is None else message


class ValidationError(KassaError, ValueError):
    """The input was refused before anything was sent; ``field`` names the culprit
    (``"secret"``, ``"id"``, ``"retry.max_retries"``; ``""`` for the input as a whole)."""

    field: str

    def __init__(
        self,
        text: str = "",
        *,
        code: str = "",
        kind: str = "validation",
        message: Optional[str] = None,
        field: str = "",
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)
        self.field = field


class ApiError(KassaError):
    """The provider answered with an error status.

    Attributes:
        status: the HTTP status.
        provider_code: the provider's own error code, when it gave one (``code`` falls back to
            ``"http_<status>"``).
        provider_message: the provider's own message, when it gave one (``message`` falls back to
            the error's text).
        request_id: the provider's request id, when there is one.
        body: the raw response body.
    """

    status: int
    provider_code: Optional[str]
    provider_message: Optional[str]
    request_id: Optional[str]
    body: bytes

    def __init__(
        self,
        text: str = "",
        *,
        code: str = "",
        kind: str = "api",
        message: Optional[str] = None,
        status: int = 0,
        provider_code: Optional[str] = None,
        provider_message: Optional[str] = None,
        request_id: Optional[str] = None,
        body: bytes = b"",
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)
        self.status = status
        self.provider_code = provider_code
        self.provider_message = provider_message
        self.request_id = request_id
        self.body = body


class TransportError(KassaError):
    """The request could not be completed; ``code`` is ``"timeout"``, ``"connect"``, ``"tls"``,
    ``"body"`` or ``"transport"``."""

    def __init__(
        self, text: str = "", *, code: str = "", kind: str = "transport", message: Optional[str] = None
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)


class DecodeError(KassaError):
    """The provider's answer could not be read: ``field`` is the JSON path or header, when known;
    ``offset`` the byte offset in the body, when known."""

    field: Optional[str]
    offset: Optional[int]

    def __init__(
        self,
        text: str = "",
        *,
        code: str = "decode",
        kind: str = "decode",
        message: Optional[str] = None,
        field: Optional[str] = None,
        offset: Optional[int] = None,
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)
        self.field = field
        self.offset = offset


class SignatureError(KassaError):
    """A webhook's signature does not hold (``kassa.billit.verify_webhook``,
    ``kassa.solaris.verify_webhook``); ``code`` is ``"signature_mismatch"``,
    ``"timestamp_too_old"``, ``"timestamp_in_future"`` or ``"malformed_signature"``. Neither the
    secret nor the expected signature is ever shown."""

    def __init__(
        self, text: str = "", *, code: str = "", kind: str = "signature", message: Optional[str] = None
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)


class CallbackError(KassaError):
    """A provider's browser redirect reports a failure of its flow (itsme's error page, read by
    ``kassa.billit.parse_callback``): ``code`` is the provider's error code (``"access_denied"``,
    ``"invalid_redirect"``, ...), ``description`` its description when it gave one."""

    description: Optional[str]

    def __init__(
        self,
        text: str = "",
        *,
        code: str = "",
        kind: str = "callback",
        message: Optional[str] = None,
        description: Optional[str] = None,
    ) -> None:
        super().__init__(text, code=code, kind=kind, message=message)
        self.description = description
