"""kassa: one SDK for European e-invoicing, payments and identity verification.

The sans-IO layer builds and parses without sending anything::

    request = kassa.build_request("passportreader.session.create", {"reference": "order-1"},
                                  config={"public_key": "public-key-...", "secret": "secret-..."})
    output = kassa.parse_response("passportreader.session.create", status, headers, body)

The clients send too (with retries and timeouts), synchronously or with asyncio::

    client = kassa.PassportReader(public_key="public-key-...", secret="secret-...")
    session = client.session.create(reference="order-1")

Errors are :class:`KassaError` subclasses with a stable ``code``.
"""

from kassa._clients import AsyncBillit, AsyncPassportReader, Billit, PassportReader
from kassa._errors import ApiError, DecodeError, KassaError, TransportError, ValidationError
from kassa._kassa import HttpRequest, __version__, build_request, operations, parse_response

__all__ = [
    "__version__",
    "build_request",
    "parse_response",
    "operations",
    "HttpRequest",
    "KassaError",
    "ValidationError",
    "ApiError",
    "TransportError",
    "DecodeError",
    "PassportReader",
    "AsyncPassportReader",
    "Billit",
    "AsyncBillit",
]
