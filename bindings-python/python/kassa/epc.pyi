"""EPC (SEPA credit transfer) QR payloads: build, parse, render as SVG or PNG.

Every function runs in the Rust core (``kassa._kassa.call_function``)."""

from kassa.types import EpcPayload

__all__ = ["build", "parse", "svg", "png"]

def build(
    *,
    name: str,
    iban: str,
    amount: str | None = None,
    amount_cents: int | None = None,
    bic: str | None = None,
    purpose: str | None = None,
    reference: str | None = None,
    text: str | None = None,
    information: str | None = None,
    version: str | int | None = None,
    charset: int | str | None = None,
    allow_no_amount: bool = False,
) -> str:
    """The EPC QR payload (lines joined by ``\\n``). ``amount`` is a decimal string (``"12.30"``;
    a float is refused with ``epc_amount_type``), or give whole cents as ``amount_cents``.
    ``version`` ``"001"``/``"002"`` (default ``"002"``), ``charset`` 1-8 or a name (``"UTF-8"``).
    ``reference`` (structured, e.g. ``RF18...``) and ``text`` (unstructured) exclude each other."""

def parse(payload: str | bytes | bytearray, *, strict: bool = True) -> EpcPayload:
    """Reads a payload (text, or the bytes a QR code holds, decoded by its charset line). With
    ``strict=False`` real-world deviations are read and listed in ``tolerated``."""

def svg(payload: str, *, module_px: int = 4, border: int = 4) -> str:
    """The payload (checked strictly first) as a QR code in SVG: error correction M, at most
    version 13; ``module_px`` 1-32 pixels per module, ``border`` the quiet zone, 4-16 modules."""

def png(payload: str, *, module_px: int = 4, border: int = 4) -> bytes:
    """The payload as a QR code in PNG (1-bit greyscale); options as for :func:`svg`."""
