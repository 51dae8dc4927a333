"""Belgian enterprise and VAT numbers."""

__all__ = ["enterprise_number", "vat_number"]

def enterprise_number(s: str) -> str:
    """Checks a Belgian enterprise (KBO/BCE) or VAT number in any common form (mod 97); returns
    the 10 digits (``"BE0123.456.749"`` -> ``"0123456749"``)."""

def vat_number(s: str) -> str:
    """Checks a Belgian enterprise or VAT number in any common form; returns the VAT number,
    ``BE`` + 10 digits (``"0123 456 749"`` -> ``"BE0123456749"``)."""
