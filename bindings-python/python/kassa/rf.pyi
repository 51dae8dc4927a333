"""ISO 11649 creditor references (``RF18 5390 0754 7034``)."""

__all__ = ["validate", "format", "generate"]

def validate(s: str) -> str:
    """Checks the reference; returns its compact form (``RF18539007547034``)."""

def format(s: str) -> str:
    """The reference in groups of four (``RF18 5390 0754 7034``)."""

def generate(ref: str) -> str:
    """The RF reference of ``ref`` (letters and digits, spaces ignored), check digits added:
    ``generate("539007547034")`` is ``RF18539007547034``."""
