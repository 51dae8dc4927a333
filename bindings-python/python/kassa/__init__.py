"""kassa: one SDK for European e-invoicing, payments and identity verification.

The sans-IO layer builds and parses without sending anything::

    request = kassa.build_request("passportreader.session.create", {"reference": "order-1"},
                                  config={"public_key": "public-key-...", "secret": "secret-..."})
    output = kassa.parse_response("passportreader.session.create", status, headers, body)

The clients send too (with retries and timeouts), synchronously or with asyncio::

    client = kassa.PassportReader(public_key="public-key-...", secret="secret-...")
    session = client.session.create(reference="order-1")
    started = client.identity.start(subject="order-1")

The pure functions are modules: ``kassa.epc.build(...)``, ``kassa.iban.validate(s)``,
``kassa.billit.verify_webhook(...)``, ``kassa.identity.finish(...)``,
``kassa.digiteal.pay_buttons.image_url(...)``, ...

Errors are :class:`KassaError` subclasses with a stable ``code``.
"""

import sys as _sys

from kassa import _functions
from kassa._clients import (
    AsyncBillit,
    AsyncDigiteal,
    AsyncPassportReader,
    AsyncSolaris,
    Billit,
    Digiteal,
    PassportReader,
    Solaris,
)
from kassa._errors import (
    ApiError,
    CallbackError,
    DecodeError,
    KassaError,
    SignatureError,
    TransportError,
    ValidationError,
)
from kassa._functions import call_function, function_names
from kassa._kassa import HttpRequest, __version__, build_request, operations, parse_response

# The modules kassa.epc, kassa.ogm, ... derived from the core's function list.
_functions.install(_sys.modules[__name__])

from kassa import be, bic, billit, digiteal, epc, iban, identity, ogm, peppol, rf, solaris  # noqa: E402

__all__ = [
    "__version__",
    "build_request",
    "parse_response",
    "operations",
    "call_function",
    "function_names",
    "HttpRequest",
    "KassaError",
    "ValidationError",
    "ApiError",
    "TransportError",
    "DecodeError",
    "SignatureError",
    "CallbackError",
    "PassportReader",
    "AsyncPassportReader",
    "Billit",
    "AsyncBillit",
    "Solaris",
    "AsyncSolaris",
    "Digiteal",
    "AsyncDigiteal",
    "epc",
    "ogm",
    "rf",
    "iban",
    "bic",
    "be",
    "peppol",
    "billit",
    "solaris",
    "identity",
    "digiteal",
]
