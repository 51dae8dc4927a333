"""Billit and Solaris through the clients, against ``kassa sandbox``: Solaris's OAuth2 token is
fetched once, reused, renewed when short-lived or revoked; Billit's 5-minute window, trial limit
and both answer shapes. A Solaris error list with a second entry is the stand-in's
(``tests/server/server.py``): the sandbox answers one error, as Solaris does."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import kassa
from _support import BILLIT_KEY, FAST_RETRY, SOLARIS_CLIENT, all_stats, billit_identifications, control
from kassa.types import GetIdentificationSession

SESSION: GetIdentificationSession = {"person_id": "p1", "identification_session_id": "ises-1"}


def solaris(base_url: str, **options: Any) -> kassa.Solaris:
    return kassa.Solaris(**SOLARIS_CLIENT, base_url=base_url, retry=FAST_RETRY, **options)


def successful_identification(sandbox: str, tenant: str, c: kassa.Solaris) -> tuple[str, str]:
    """A session of person p1 with one identification Solaris completed (through the control
    endpoint): ``(session id, identification id)``."""
    session = c.identification_sessions.create(person_id="p1", identification_methods=["idnow"])
    ident = c.identifications.create(person_id="p1", identification_session_id=session["id"], method="idnow")
    control(sandbox, tenant, f"/solaris/identifications/{ident['id']}/complete", {"success": True})
    return session["id"], ident["id"]


def test_solaris_token_is_fetched_once_and_reused(sandbox: str, token: str) -> None:
    c = solaris(f"{sandbox}/solaris/t/{token}")
    created = c.identification_sessions.create(person_id="p1", identification_methods=["idnow"])
    params: GetIdentificationSession = {"person_id": "p1", "identification_session_id": created["id"]}
    session = c.identification_sessions.get(**params)
    assert session == {
        "id": created["id"],
        "url": f"{sandbox}/solaris/t/{token}/onboarding/{created['id']}",
        "callback_url": None,
        "identification_methods": ["idnow"],
        "status": "created",
    }
    assert session == created
    assert c.identification_sessions.configuration(**params)["fourthline_provider"] == "fourthline"
    assert all_stats(sandbox, token) == {"requests": 3, "token_requests": 1}


def test_solaris_every_operation(sandbox: str, token: str) -> None:
    c = solaris(f"{sandbox}/solaris/t/{token}")
    assert c.identification.eligibility_checks(person_id="ineligible", method="bank") == {
        "method": "bank",
        "eligible": False,
        "reasons": ["iban_not_supported"],
    }
    created = c.identification_sessions.create(
        person_id="p1", identification_methods=["idnow", "bank_id"], callback_url="https://app.test/hook"
    )
    sid = created["id"]
    assert (created["callback_url"], created["status"]) == ("https://app.test/hook", "created")
    params: GetIdentificationSession = {"person_id": "p1", "identification_session_id": sid}
    ident = c.identifications.create(**params, method="idnow", language="EN")
    assert (ident["status"], ident["person_id"], ident["language"]) == ("created", "p1", "EN")
    control(sandbox, token, f"/solaris/identifications/{ident['id']}/complete", {"success": True})
    got = c.identifications.get(**params, id=ident["id"])
    assert (got["id"], got["status"], got["method"]) == (ident["id"], "successful", "idnow")
    address = got["address"]
    assert address is not None and address["city"] == "Berlin"
    other = c.identification_sessions.create(person_id="p1", identification_methods=["bank_id"])
    simulated = c.identification_sessions.simulate_bank_id(person_id="p1", identification_session_id=other["id"])
    assert (simulated["status"], simulated["method"]) == ("identification_data_required", "bank_id")
    answer = c.auth.token()
    assert answer["access_token"].startswith("sol-tok-") and answer["expires_in"] == 3599
    assert type(answer["expires_in"]) is int
    assert c.call("solaris.identification_sessions.get", params)["status"] == "successful"
    # Seven API requests; two token requests: the client's own, then the auth.token call itself.
    assert all_stats(sandbox, token) == {"requests": 7, "token_requests": 2}


def test_solaris_shortlived_tokens_are_renewed_before_each_call(sandbox: str, token: str) -> None:
    # The former layout's `shortlived` scenario: tokens of this tenant last 1 s.
    c = solaris(f"{sandbox}/shortlived/{token}")
    sid, iid = successful_identification(sandbox, token, c)
    for _ in range(2):
        assert c.identifications.get(person_id="p1", identification_session_id=sid, id=iid)["status"] == "successful"
    # expires_in 1 s is inside the 60 s renewal margin: every call needs a new token.
    assert all_stats(sandbox, token) == {"requests": 4, "token_requests": 4}


def test_solaris_revoked_token_is_renewed_after_a_401(sandbox: str, token: str) -> None:
    c = solaris(f"{sandbox}/solaris/t/{token}")
    sid, iid = successful_identification(sandbox, token, c)
    assert control(sandbox, token, "/solaris/tokens/revoke", {}) == {"tokens": 1}
    # The token is refused (401); the client renews once and succeeds.
    assert c.identifications.get(person_id="p1", identification_session_id=sid, id=iid)["id"] == iid
    assert all_stats(sandbox, token) == {"requests": 4, "token_requests": 2}
    control(sandbox, token, "/solaris/tokens/expire", {})
    assert c.identifications.get(person_id="p1", identification_session_id=sid, id=iid)["status"] == "successful"
    assert all_stats(sandbox, token) == {"requests": 6, "token_requests": 3}


def test_solaris_bad_client_credentials(sandbox: str, token: str) -> None:
    # The sandbox runs with --strict: only the documented test client passes.
    c = kassa.Solaris(client_id="solaris-client-test", client_secret="very-private-wrong", base_url=f"{sandbox}/solaris/t/{token}")
    with pytest.raises(kassa.ApiError) as caught:
        c.identifications.get(**SESSION, id="cidt-9")
    err = caught.value
    assert (err.kind, err.code, err.status, err.message) == ("api", "invalid_client", 401, "Bad client credentials")
    assert "very-private" not in str(err) + repr(err) + repr(c)
    assert all_stats(sandbox, token) == {"requests": 0, "token_requests": 1}


def test_solaris_api_error_keeps_every_entry(server: str, token: str) -> None:
    c = solaris(f"{server}/ok/{token}")
    with pytest.raises(kassa.ApiError) as caught:
        c.identification_sessions.create(person_id="missing", identification_methods=["idnow"])
    err = caught.value
    assert (err.status, err.code, err.request_id) == (404, "person_not_found", "err-person_not_found")
    assert b"second_error" in err.body


def test_solaris_access_token_and_config_checks(sandbox: str, token: str) -> None:
    # A fixed access token: no token request at all (the sandbox did not issue this one: 401).
    with pytest.raises(kassa.ApiError) as caught:
        kassa.Solaris(access_token="sol-tok-unknown", base_url=f"{sandbox}/solaris/t/{token}").identification_sessions.get(**SESSION)
    assert (caught.value.status, caught.value.code) == (401, "unauthorized")
    with pytest.raises(kassa.ValidationError) as half:
        kassa.Solaris(client_id="only-an-id")
    assert (half.value.code, half.value.field) == ("solaris_credentials", "client_secret")
    with pytest.raises(kassa.ValidationError) as prod:
        kassa.Solaris(access_token="t").identification_sessions.simulate_bank_id(**SESSION)
    assert (prod.value.code, prod.value.field) == ("sandbox_only", "environment")
    assert all_stats(sandbox, token) == {"requests": 1, "token_requests": 0}


def test_async_solaris(sandbox: str, token: str) -> None:
    async def main() -> None:
        c = kassa.AsyncSolaris(**SOLARIS_CLIENT, base_url=f"{sandbox}/solaris/t/{token}", retry=FAST_RETRY)
        session = await c.identification_sessions.create(person_id="p1", identification_methods=["idnow"])
        params: GetIdentificationSession = {"person_id": "p1", "identification_session_id": session["id"]}
        assert (await c.call("solaris.identification_sessions.get", params))["status"] == "created"
        made = await asyncio.gather(*(c.identifications.create(**params, method="idnow") for _ in range(3)))
        got = await asyncio.gather(*(c.identifications.get(**params, id=m["id"]) for m in made))
        assert [g["id"] for g in got] == [m["id"] for m in made] and len({m["id"] for m in made}) == 3
        assert (await c.call("solaris.identification_sessions.get", params))["status"] == "pending"

    asyncio.run(main())
    stats = all_stats(sandbox, token)
    assert stats["requests"] == 9 and 1 <= stats["token_requests"] <= 3


# -- Billit -------------------------------------------------------------------------------------


def billit(base_url: str, **options: Any) -> kassa.Billit:
    return kassa.Billit(api_key=BILLIT_KEY, base_url=base_url, **options)


def itsme_url(sandbox: str, tenant: str, registration: str, attempt: int = -1) -> str:
    """The itsme URL the sandbox answered for a registration's identification (the last one)."""
    held = billit_identifications(sandbox, tenant, registration)[attempt]
    return f"{sandbox}/billit/t/{tenant}/itsme/authorize?state={held['session']}"


def test_billit_start_expires_in_five_minutes(sandbox: str, token: str) -> None:
    c = billit(f"{sandbox}/billit/t/{token}")
    now = int(time.time())
    started = c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")
    assert started["url"] == itsme_url(sandbox, token, "42")
    assert billit_identifications(sandbox, token, "42")[0]["party_id"] == "42"  # PartyID defaults to it
    assert started["expires_in"] == 300
    expires_at = started["expires_at"]
    assert type(expires_at) is int and now + 300 <= expires_at <= now + 302, (expires_at, now)


def test_billit_too_many_trials(sandbox: str, token: str) -> None:
    c = billit(f"{sandbox}/billit/t/{token}", party_id="party-7")
    for attempt in range(5):
        assert c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")["url"] == itsme_url(sandbox, token, "42")
        held = billit_identifications(sandbox, token, "42")
        assert len(held) == attempt + 1 and held[-1]["party_id"] == "party-7"
    with pytest.raises(kassa.ApiError) as caught:
        c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")
    err = caught.value
    assert (err.code, err.status, err.message) == ("TooManyTrials", 400, "Too many attempts")
    # A new start abandoned each pending one: only the last is pending.
    assert [i["status"] for i in billit_identifications(sandbox, token, "42")] == ["abandoned"] * 4 + ["pending"]


def test_billit_redirect_url_answer_and_errors(sandbox: str, token: str) -> None:
    server = f"{sandbox}/billit/t/{token}"
    c = billit(server)
    alt = c.identification.start(RegistrationID="alt-1", RedirectURL="https://a.test/")  # answered as RedirectURL
    assert alt["url"] == itsme_url(sandbox, token, "alt-1")
    assert billit_identifications(sandbox, token, "alt-1")[0]["party_id"] == "alt-1"
    with pytest.raises(kassa.ApiError) as not_found:
        c.identification.start(RegistrationID="404", RedirectURL="https://a.test/")
    assert (not_found.value.code, not_found.value.status, not_found.value.body) == ("http_404", 404, b"")
    with pytest.raises(kassa.ApiError) as bad_key:
        kassa.Billit(api_key="wrong", base_url=server).identification.start(
            RegistrationID="42", RedirectURL="https://a.test/"
        )
    assert (bad_key.value.code, bad_key.value.status) == ("http_401", 401)
    bearer = kassa.Billit(access_token="billit-token-test", base_url=server)
    assert bearer.identification.start(RegistrationID="43", RedirectURL="https://a.test/")["expires_in"] == 300


def test_async_billit(sandbox: str, token: str) -> None:
    async def main() -> Any:
        c = kassa.AsyncBillit(api_key=BILLIT_KEY, base_url=f"{sandbox}/billit/t/{token}")
        return await c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")

    now = int(time.time())
    started = asyncio.run(main())
    assert now + 300 <= started["expires_at"] <= now + 302
    assert started["url"] == itsme_url(sandbox, token, "42")
