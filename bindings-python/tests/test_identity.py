"""The one identification flow (``client.identity.start`` / ``check``) against all three
providers on the local server, sync and asyncio, and the sans-IO flow functions around a real
exchange (``kassa.identity.*`` + ``build_request``)."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from typing import Any

import pytest

import kassa
from kassa.types import ResponseInput, StartParams
from _support import BIG_ID, BILLIT_KEY, CREDENTIALS, FAST_RETRY, SOLARIS_CLIENT, stats

REFERENCE = f"passportreader:{BIG_ID}"


def test_billit_start_then_finish_from_the_redirect(server: str, token: str) -> None:
    c = kassa.Billit(api_key=BILLIT_KEY, base_url=f"{server}/ok/{token}")
    now = int(time.time())
    started = c.identity.start(subject="42", return_url="https://app.test/back")
    assert (started["provider"], started["reference"], started["token"]) == ("billit", "billit:42", None)
    assert started["url"] == "https://oidc.itsme.test/authorize?state=42&party=42"
    expires_at = started["expires_at"]
    assert expires_at is not None and now + 300 <= expires_at <= now + 302
    redirect = "https://app.test/back?registrationID=42&success=true"
    outcome = kassa.identity.finish(started["reference"], {"redirect_url": redirect})
    assert outcome == {"status": "verified", "reason": None, "provider_status": "success=true", "reference": "billit:42"}
    # Billit has no status call: before the redirect it is pending, after the window expired.
    assert c.identity.check(started["reference"], expires_at) == {
        "status": "pending",
        "reason": None,
        "provider_status": None,
        "reference": "billit:42",
    }
    late = kassa.identity.finish(started["reference"], {"expires_at": expires_at}, now=expires_at)
    assert late["status"] == "expired"
    assert stats(server, token) == 1
    with pytest.raises(kassa.ValidationError) as caught:
        c.identity.start(subject="42")
    assert (caught.value.code, caught.value.field) == ("invalid_params", "return_url")


def test_solaris_start_then_check(server: str, token: str) -> None:
    c = kassa.Solaris(**SOLARIS_CLIENT, base_url=f"{server}/ok/{token}", retry=FAST_RETRY)
    started = c.identity.start(subject="p1", return_url="https://app.test/hook")
    assert started == {
        "provider": "solaris",
        "url": "https://person-onboarding.test/ises-1",
        "token": None,
        "expires_at": None,
        "reference": "solaris:p1:ises-1",
    }
    pending = c.identity.check(started["reference"])
    assert (pending["status"], pending["provider_status"]) == ("pending", "created")
    done = c.identity.check("solaris:p1:ises-done")
    assert done == {"status": "verified", "reason": None, "provider_status": "successful", "reference": "solaris:p1:ises-done"}
    with pytest.raises(kassa.ValidationError) as caught:
        c.identity.check("stripe:1")
    assert (caught.value.code, caught.value.field) == ("invalid_reference", "reference")


def test_passportreader_start_then_check(server: str, token: str) -> None:
    c = kassa.PassportReader(**CREDENTIALS, base_url=f"{server}/ok/{token}")
    started = c.identity.start(subject="order-7")
    assert started == {
        "provider": "passportreader",
        "url": None,
        "token": "tok-order-7",
        "expires_at": None,
        "reference": REFERENCE,
    }
    outcome = c.identity.check(started["reference"])
    assert outcome == {"status": "pending", "reason": None, "provider_status": "CREATED", "reference": REFERENCE}
    assert stats(server, token) == 2


def test_async_identity_over_three_providers(server: str, token: str) -> None:
    async def main() -> list[Any]:
        billit = kassa.AsyncBillit(api_key=BILLIT_KEY, base_url=f"{server}/ok/{token}")
        sol = kassa.AsyncSolaris(**SOLARIS_CLIENT, base_url=f"{server}/ok/{token}")
        pr = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{server}/ok/{token}")
        b, s, p = await asyncio.gather(
            billit.identity.start(subject="42", return_url="https://app.test/back"),
            sol.identity.start(subject="p1", method="bank"),
            pr.identity.start(subject="order-8", return_url="https://app.test/cb"),
        )
        checks = await asyncio.gather(
            billit.identity.check(b["reference"], expires_at=b["expires_at"]),
            sol.identity.check("solaris:p1:ises-done"),
            pr.identity.check(p["reference"]),
        )
        return [b["reference"], s["reference"], p["token"], *[c["status"] for c in checks]]

    assert asyncio.run(main()) == ["billit:42", "solaris:p1:ises-1", "tok-order-8", "pending", "verified", "pending"]


def test_the_sans_io_flow_with_any_http_client(server: str, token: str) -> None:
    """start_operation -> build_request -> send (urllib here) -> started; then the poll."""
    config = {**CREDENTIALS, "base_url": f"{server}/ok/{token}"}
    params: StartParams = {"subject": "order-9"}

    def send(operation: str, op_params: Any) -> ResponseInput:
        request = kassa.build_request(operation, op_params, config=config)
        sent = urllib.request.Request(request.url, data=request.body, headers=dict(request.headers), method=request.method)
        with urllib.request.urlopen(sent, timeout=5) as answer:
            return {"status": answer.status, "headers": list(answer.headers.items()), "body": answer.read()}

    call = kassa.identity.start_operation("passportreader", params)
    assert call == {"operation": "passportreader.session.create", "params": {"reference": "order-9"}}
    started = kassa.identity.started("passportreader", params, send(call["operation"], call["params"]), now=1000)
    assert (started["reference"], started["token"]) == (REFERENCE, "tok-order-9")
    poll = kassa.identity.poll_operation(started["reference"])
    assert poll == {"operation": "passportreader.session.state", "params": {"id": BIG_ID}}
    evidence = kassa.identity.poll_evidence(started["reference"], send(poll["operation"], poll["params"]))
    assert evidence == {"state": "CREATED", "session": None, "identification": None}
    # The core's poll_evidence answers a PolledEvidence, its finish takes an Evidence: two TypedDicts
    # mypy does not see as compatible (the keys' required-ness differs), though the values are.
    assert kassa.identity.finish(started["reference"], evidence)["status"] == "pending"  # type: ignore[arg-type]
    assert kassa.identity.finish(started["reference"], {"state": "APPROVED"})["status"] == "verified"


def test_identity_arguments_are_checked() -> None:
    c = kassa.PassportReader(**CREDENTIALS, base_url="http://127.0.0.1:9")
    with pytest.raises(kassa.ValidationError) as subject:
        c.identity.start(subject=42)  # type: ignore[arg-type]
    assert (subject.value.code, subject.value.field) == ("invalid_params", "subject")
    with pytest.raises(kassa.ValidationError) as empty:
        c.identity.start(subject=" ")
    assert (empty.value.code, empty.value.field) == ("invalid_params", "subject")
    with pytest.raises(kassa.ValidationError) as expires:
        c.identity.check(REFERENCE, expires_at=-1)
    assert (expires.value.code, expires.value.field) == ("invalid_params", "expires_at")
    with pytest.raises(kassa.ValidationError) as other:
        c.identity.check("solaris:p1:s1")
    assert other.value.code == "unknown_operation"
