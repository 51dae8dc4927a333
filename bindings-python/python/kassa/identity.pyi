"""The provider-neutral identification flow over Billit, Solaris and PassportReader, sans-IO:
``start_operation`` -> send it -> ``started``; later ``poll_operation`` -> send it ->
``poll_evidence`` -> ``finish`` (or ``finish`` with a redirect or webhook). The clients'
``client.identity.start`` / ``check`` do the same with their own transport."""

from kassa.types import Evidence, IdentityOutcome, IdentityStarted, IdentityStartParams, ProviderCall, ResponseData

__all__ = ["start_operation", "started", "poll_operation", "poll_evidence", "finish"]

def start_operation(provider: str, params: IdentityStartParams) -> ProviderCall:
    """The provider operation (and its params) that starts an identification of ``params``."""

def started(
    provider: str, params: IdentityStartParams, response: ResponseData, *, now: int | None = None
) -> IdentityStarted:
    """Reads the answer to the start call, made at ``now`` (Unix seconds)."""

def poll_operation(reference: str) -> ProviderCall | None:
    """The status call for ``reference``, or ``None`` where the provider has none (Billit)."""

def poll_evidence(reference: str, response: ResponseData) -> Evidence:
    """Turns the answer to ``poll_operation``'s call into evidence for ``finish``."""

def finish(reference: str, evidence: Evidence, *, now: int | None = None) -> IdentityOutcome:
    """Where ``reference`` stands given ``evidence``: ``verified``, ``failed``, ``pending`` or
    ``expired``."""
