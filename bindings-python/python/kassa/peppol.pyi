"""Peppol participant identifiers."""

__all__ = ["validate", "be_participant_ids"]

def validate(s: str) -> str:
    """Checks a participant id (``scheme:value``, optionally ``iso6523-actorid-upis::``-prefixed)
    against the Peppol code list; returns it normalised (``"9925:BE0123456749"`` ->
    ``"9925:be0123456749"``)."""

def be_participant_ids(enterprise_number: str) -> list[str]:
    """The two Belgian participant ids of an enterprise number: ``["0208:<10 digits>",
    "9925:be<10 digits>"]``."""
