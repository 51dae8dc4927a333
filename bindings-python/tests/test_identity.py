"""The one identification flow (``client.identity.start`` / ``check``) against all three
providers on ``kassa sandbox``, sync and asyncio, with the other side played through its control
endpoints (the user finishes itsme, Solaris completes the identification, PassportReader approves
the session), and the sans-IO flow functions around a real exchange (``kassa.identity.*`` +
``build_request``)."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from typing import Any

import pytest

import kassa
from kassa.types import ResponseInput, StartParams
from _support import BIG_ID, BILLIT_KEY, CREDENTIALS, FAST_RETRY, SOLARIS_CLIENT, billit_identifications, control, stats

REFERENCE = f"passportreader:{BIG_ID}"


def test_billit_start_then_finish_from_the_redirect(sandbox: str, token: str) -> None:
    c = kassa.Billit(api_key=BILLIT_KEY, base_url=f"{sandbox}/billit/t/{token}")
    now = int(time.time())
    started = c.identity.start(subject="42", return_url="https://app.test/back")
    assert (started["provider"], started["reference"], started["token"]) == ("billit", "billit:42", None)
    [held] = billit_identifications(sandbox, token, "42")
    assert started["url"] == f"{sandbox}/billit/t/{token}/itsme/authorize?state={held['session']}"
    assert (held["party_id"], held["redirect_url"], held["status"]) == ("42", "https://app.test/back", "pending")
    expires_at = started["expires_at"]
    assert expires_at is not None and now + 300 <= expires_at <= now + 302
    assert abs(held["expires_at"] - expires_at) <= 2
    # The user confirms in itsme: the browser comes back to the return URL.
    back = control(sandbox, token, "/billit/registrations/42/identification/complete", {"success": True})
    redirect = back["redirect_url"]
    assert redirect == "https://app.test/back?registrationID=42&success=true"
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
    # The user refuses a second attempt: the redirect says so, and the flow reads it as failed.
    c.identity.start(subject="42", return_url="https://app.test/back")
    refused = control(sandbox, token, "/billit/registrations/42/identification/complete", {"success": False})
    assert kassa.identity.finish(started["reference"], {"redirect_url": refused["redirect_url"]})["status"] == "failed"
    assert stats(sandbox, token) == 2
    with pytest.raises(kassa.ValidationError) as caught:
        c.identity.start(subject="42")
    assert (caught.value.code, caught.value.field) == ("invalid_params", "return_url")


def test_solaris_start_then_check(sandbox: str, token: str) -> None:
    c = kassa.Solaris(**SOLARIS_CLIENT, base_url=f"{sandbox}/solaris/t/{token}", retry=FAST_RETRY)
    started = c.identity.start(subject="p1", return_url="https://app.test/hook")
    [session] = control(sandbox, token, "/solaris/sessions")
    sid = session["id"]
    assert (session["callback_url"], session["status"]) == ("https://app.test/hook", "created")
    assert started == {
        "provider": "solaris",
        "url": session["url"],
        "token": None,
        "expires_at": None,
        "reference": f"solaris:p1:{sid}",
    }
    pending = c.identity.check(started["reference"])
    assert (pending["status"], pending["provider_status"]) == ("pending", "created")
    # The person starts an identification (pending), then Solaris finishes it.
    ident = c.identifications.create(person_id="p1", identification_session_id=sid, method="idnow")
    assert c.identity.check(started["reference"])["provider_status"] == "pending"
    control(sandbox, token, f"/solaris/identifications/{ident['id']}/complete", {"success": True})
    done = c.identity.check(started["reference"])
    assert done == {"status": "verified", "reason": None, "provider_status": "successful", "reference": started["reference"]}
    # One token for the whole flow.
    assert control(sandbox, token, "/stats") == {"requests": 5, "token_requests": 1}
    with pytest.raises(kassa.ValidationError) as caught:
        c.identity.check("stripe:1")
    assert (caught.value.code, caught.value.field) == ("invalid_reference", "reference")


def test_passportreader_start_then_check(sandbox: str, token: str) -> None:
    c = kassa.PassportReader(**CREDENTIALS, base_url=f"{sandbox}/passportreader/t/{token}")
    started = c.identity.start(subject="order-7")
    [session] = control(sandbox, token, "/passportreader/sessions")
    assert (session["id"], session["reference"]) == (BIG_ID, "order-7")
    assert started == {
        "provider": "passportreader",
        "url": None,
        "token": session["token"],
        "expires_at": None,
        "reference": REFERENCE,
    }
    outcome = c.identity.check(started["reference"])
    assert outcome == {"status": "pending", "reason": None, "provider_status": "CREATED", "reference": REFERENCE}
    control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/complete", {"outcome": "approved"})
    verified = c.identity.check(started["reference"])
    assert verified == {"status": "verified", "reason": None, "provider_status": "APPROVED", "reference": REFERENCE}
    assert stats(sandbox, token) == 3


def test_async_identity_over_three_providers(sandbox: str, token: str) -> None:
    async def main() -> list[Any]:
        billit = kassa.AsyncBillit(api_key=BILLIT_KEY, base_url=f"{sandbox}/billit/t/{token}")
        sol = kassa.AsyncSolaris(**SOLARIS_CLIENT, base_url=f"{sandbox}/solaris/t/{token}")
        pr = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{sandbox}/passportreader/t/{token}")
        b, s, p = await asyncio.gather(
            billit.identity.start(subject="42", return_url="https://app.test/back"),
            sol.identity.start(subject="p1", method="bank"),
            pr.identity.start(subject="order-8", return_url="https://app.test/cb"),
        )
        [session] = control(sandbox, token, "/solaris/sessions")
        assert s["reference"] == f"solaris:p1:{session['id']}" and session["identification_methods"] == ["bank"]
        [reader] = control(sandbox, token, "/passportreader/sessions")
        assert (p["token"], reader["callback_url"]) == (reader["token"], "https://app.test/cb")
        ident = await sol.identifications.create(person_id="p1", identification_session_id=session["id"],
                                                 method="bank", iban="DE89370400440532013000")
        control(sandbox, token, f"/solaris/identifications/{ident['id']}/complete", {"success": True})
        checks = await asyncio.gather(
            billit.identity.check(b["reference"], expires_at=b["expires_at"]),
            sol.identity.check(s["reference"]),
            pr.identity.check(p["reference"]),
        )
        return [b["reference"], p["reference"], *[c["status"] for c in checks]]

    assert asyncio.run(main()) == ["billit:42", REFERENCE, "pending", "verified", "pending"]


def test_the_sans_io_flow_with_any_http_client(sandbox: str, token: str) -> None:
    """start_operation -> build_request -> send (urllib here) -> started; then the poll."""
    config = {**CREDENTIALS, "base_url": f"{sandbox}/passportreader/t/{token}"}
    params: StartParams = {"subject": "order-9"}

    def send(operation: str, op_params: Any) -> ResponseInput:
        request = kassa.build_request(operation, op_params, config=config)
        sent = urllib.request.Request(request.url, data=request.body, headers=dict(request.headers), method=request.method)
        with urllib.request.urlopen(sent, timeout=5) as answer:
            return {"status": answer.status, "headers": list(answer.headers.items()), "body": answer.read()}

    call = kassa.identity.start_operation("passportreader", params)
    assert call == {"operation": "passportreader.session.create", "params": {"reference": "order-9"}}
    started = kassa.identity.started("passportreader", params, send(call["operation"], call["params"]), now=1000)
    [session] = control(sandbox, token, "/passportreader/sessions")
    assert (started["reference"], started["token"]) == (REFERENCE, session["token"])
    poll = kassa.identity.poll_operation(started["reference"])
    assert poll == {"operation": "passportreader.session.state", "params": {"id": BIG_ID}}
    evidence = kassa.identity.poll_evidence(started["reference"], send(poll["operation"], poll["params"]))
    assert evidence == {"state": "CREATED", "session": None, "identification": None}
    # The core's poll_evidence answers a PolledEvidence, its finish takes an Evidence: two TypedDicts
    # mypy does not see as compatible (the keys' required-ness differs), though the values are.
    assert kassa.identity.finish(started["reference"], evidence)["status"] == "pending"  # type: ignore[arg-type]
    control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/complete", {"outcome": "rejected"})
    rejected = kassa.identity.poll_evidence(started["reference"], send(poll["operation"], poll["params"]))
    assert rejected == {"state": "REJECTED", "session": None, "identification": None}
    assert kassa.identity.finish(started["reference"], rejected)["status"] == "failed"  # type: ignore[arg-type]
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
