"""BICs (SWIFT codes)."""

__all__ = ["validate"]

def validate(s: str) -> str:
    """Checks a BIC (8 or 11 characters, a real country code); returns it upper case without
    spaces."""
