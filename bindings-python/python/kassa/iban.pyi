"""IBANs."""

__all__ = ["validate", "format"]

def validate(s: str) -> str:
    """Checks an IBAN against the SWIFT registry (country, length, structure, mod-97 check
    digits); returns its electronic form (``"be68 5390 0754 7034"`` -> ``"BE68539007547034"``)."""

def format(s: str) -> str:
    """The IBAN in groups of four (``BE68 5390 0754 7034``)."""
