"""Belgian structured communications (OGM/VCS, ``+++123/4567/89002+++``)."""

__all__ = ["validate", "generate"]

def validate(s: str) -> str:
    """Checks an OGM/VCS in any of its forms (``***...***``, 12 digits, spaces); returns the paper
    form ``+++123/4567/89002+++``."""

def generate(base: int | str) -> str:
    """The OGM of a base of at most 10 digits (an ``int`` or a digit string, left-padded with
    zeros), check digits added: ``generate(1234567890)`` is ``+++123/4567/89002+++``."""
