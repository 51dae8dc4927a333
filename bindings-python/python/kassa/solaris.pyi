"""Solaris's pure functions: webhook signatures.

(The Solaris API client is the class :class:`kassa.Solaris`.)"""

from kassa.types import SolarisWebhookEvent

__all__ = ["verify_webhook"]

def verify_webhook(
    body: str | bytes | bytearray, signature: str, secret: str | bytes | bytearray
) -> SolarisWebhookEvent:
    """Verifies the ``Solaris-Webhook-Signature`` header (``sha256=<hex>``) over the raw ``body``
    and reads it: ``{"event": "IDENTIFICATION", "data": ...}`` or ``{"event": "UNKNOWN", ...}``;
    raises :class:`kassa.SignatureError`."""
