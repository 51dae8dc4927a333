"""Billit's pure functions: the identification redirect and webhook signatures.

(The Billit API client is the class :class:`kassa.Billit`.)"""

from typing import Any

from kassa.types import BillitCallback

__all__ = ["parse_callback", "verify_webhook"]

def parse_callback(url: str) -> BillitCallback:
    """Reads the URL the browser came back on (``...?registrationID=42&success=true``); itsme's
    error page raises :class:`kassa.CallbackError`."""

def verify_webhook(
    body: str | bytes | bytearray, signature: str, secret: str | bytes | bytearray, *, now: int, tolerance: int = 300
) -> Any:
    """Verifies the ``Billit-Signature`` header (``t=<unix>,s=<hex>``) over the raw ``body`` at
    ``now`` (Unix seconds) and returns the body's JSON; raises :class:`kassa.SignatureError`."""
