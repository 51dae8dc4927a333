"""Billit and Solaris through the clients, against the local server: Solaris's OAuth2 token is
fetched once, reused, renewed when short-lived or revoked; Billit's 5-minute window, trial limit
and both answer shapes."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import kassa
from _support import BILLIT_KEY, FAST_RETRY, SOLARIS_CLIENT, all_stats
from kassa.types import GetIdentificationSession

SESSION: GetIdentificationSession = {"person_id": "p1", "identification_session_id": "ises-1"}


def solaris(base_url: str, **options: Any) -> kassa.Solaris:
    return kassa.Solaris(**SOLARIS_CLIENT, base_url=base_url, retry=FAST_RETRY, **options)


def test_solaris_token_is_fetched_once_and_reused(server: str, token: str) -> None:
    c = solaris(f"{server}/ok/{token}")
    session = c.identification_sessions.get(**SESSION)
    assert session == {
        "id": "ises-1",
        "url": "https://person-onboarding.test/ises-1",
        "callback_url": None,
        "identification_methods": ["idnow"],
        "status": "created",
    }
    assert c.identification_sessions.configuration(**SESSION)["fourthline_provider"] == "fourthline"
    assert all_stats(server, token) == {"requests": 2, "token_requests": 1}


def test_solaris_every_operation(server: str, token: str) -> None:
    c = solaris(f"{server}/ok/{token}")
    assert c.identification.eligibility_checks(person_id="ineligible", method="bank") == {
        "method": "bank",
        "eligible": False,
        "reasons": ["iban_not_supported"],
    }
    created = c.identification_sessions.create(
        person_id="p1", identification_methods=["idnow"], callback_url="https://app.test/hook"
    )
    assert (created["id"], created["callback_url"], created["status"]) == ("ises-1", "https://app.test/hook", "created")
    ident = c.identifications.create(**SESSION, method="idnow", language="EN")
    assert (ident["id"], ident["status"], ident["person_id"]) == ("cidt-1", "created", "p1")
    got = c.identifications.get(**SESSION, id="cidt-9")
    assert (got["id"], got["status"], got["method"]) == ("cidt-9", "successful", "idnow")
    address = got["address"]
    assert address is not None and address["city"] == "Berlin"
    simulated = c.identification_sessions.simulate_bank_id(**SESSION)
    assert (simulated["status"], simulated["method"]) == ("identification_data_required", "bank_id")
    answer = c.auth.token()
    assert answer["access_token"].startswith("sol-tok-") and answer["expires_in"] == 3599
    assert type(answer["expires_in"]) is int
    assert c.call("solaris.identification_sessions.get", SESSION)["id"] == "ises-1"
    # Six API requests; two token requests: the client's own, then the auth.token call itself.
    assert all_stats(server, token) == {"requests": 6, "token_requests": 2}


def test_solaris_shortlived_tokens_are_renewed_before_each_call(server: str, token: str) -> None:
    c = solaris(f"{server}/shortlived/{token}")
    for _ in range(2):
        assert c.identifications.get(**SESSION, id="cidt-9")["status"] == "successful"
    # expires_in 1 s is inside the 60 s renewal margin: every call needs a new token.
    assert all_stats(server, token) == {"requests": 2, "token_requests": 2}


def test_solaris_revoked_token_is_renewed_after_a_401(server: str, token: str) -> None:
    c = solaris(f"{server}/revoke/{token}")
    c.identifications.get(**SESSION, id="cidt-9")
    # The token allows one request; the next gets 401, the client renews once and succeeds.
    assert c.identifications.get(**SESSION, id="cidt-9")["id"] == "cidt-9"
    assert all_stats(server, token) == {"requests": 3, "token_requests": 2}


def test_solaris_bad_client_credentials(server: str, token: str) -> None:
    c = kassa.Solaris(client_id="solaris-client-test", client_secret="very-private-wrong", base_url=f"{server}/ok/{token}")
    with pytest.raises(kassa.ApiError) as caught:
        c.identifications.get(**SESSION, id="cidt-9")
    err = caught.value
    assert (err.kind, err.code, err.status, err.message) == ("api", "invalid_client", 401, "Bad client credentials")
    assert "very-private" not in str(err) + repr(err) + repr(c)
    assert all_stats(server, token) == {"requests": 0, "token_requests": 1}


def test_solaris_api_error_keeps_every_entry(server: str, token: str) -> None:
    c = solaris(f"{server}/ok/{token}")
    with pytest.raises(kassa.ApiError) as caught:
        c.identification_sessions.create(person_id="missing", identification_methods=["idnow"])
    err = caught.value
    assert (err.status, err.code, err.request_id) == (404, "person_not_found", "err-person_not_found")
    assert b"second_error" in err.body


def test_solaris_access_token_and_config_checks(server: str) -> None:
    # A fixed access token: no token request at all (the server does not know this one: 401).
    with pytest.raises(kassa.ApiError) as caught:
        kassa.Solaris(access_token="sol-tok-unknown", base_url=server).identification_sessions.get(**SESSION)
    assert (caught.value.status, caught.value.code) == (401, "unauthorized")
    with pytest.raises(kassa.ValidationError) as half:
        kassa.Solaris(client_id="only-an-id")
    assert (half.value.code, half.value.field) == ("solaris_credentials", "client_secret")
    with pytest.raises(kassa.ValidationError) as prod:
        kassa.Solaris(access_token="t").identification_sessions.simulate_bank_id(**SESSION)
    assert (prod.value.code, prod.value.field) == ("sandbox_only", "environment")


def test_async_solaris(server: str, token: str) -> None:
    async def main() -> None:
        c = kassa.AsyncSolaris(**SOLARIS_CLIENT, base_url=f"{server}/ok/{token}", retry=FAST_RETRY)
        got = await asyncio.gather(*(c.identifications.get(**SESSION, id=f"cidt-{i}") for i in range(3)))
        assert [g["id"] for g in got] == ["cidt-0", "cidt-1", "cidt-2"]
        assert (await c.call("solaris.identification_sessions.get", SESSION))["status"] == "created"

    asyncio.run(main())
    stats = all_stats(server, token)
    assert stats["requests"] == 4 and 1 <= stats["token_requests"] <= 3


# -- Billit -------------------------------------------------------------------------------------


def billit(base_url: str, **options: Any) -> kassa.Billit:
    return kassa.Billit(api_key=BILLIT_KEY, base_url=base_url, **options)


def test_billit_start_expires_in_five_minutes(server: str, token: str) -> None:
    c = billit(f"{server}/ok/{token}")
    now = int(time.time())
    started = c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")
    assert started["url"] == "https://oidc.itsme.test/authorize?state=42&party=42"
    assert started["expires_in"] == 300
    expires_at = started["expires_at"]
    assert type(expires_at) is int and now + 300 <= expires_at <= now + 302, (expires_at, now)


def test_billit_too_many_trials(server: str, token: str) -> None:
    c = billit(f"{server}/ok/{token}", party_id="party-7")
    for _ in range(5):
        assert "party=party-7" in c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")["url"]
    with pytest.raises(kassa.ApiError) as caught:
        c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")
    err = caught.value
    assert (err.code, err.status, err.message) == ("TooManyTrials", 400, "Too many attempts")


def test_billit_redirect_url_answer_and_errors(server: str, token: str) -> None:
    c = billit(f"{server}/ok/{token}")
    alt = c.identification.start(RegistrationID="alt-1", RedirectURL="https://a.test/")
    assert alt["url"] == "https://oidc.itsme.test/authorize?state=alt-1&party=alt-1"
    with pytest.raises(kassa.ApiError) as not_found:
        c.identification.start(RegistrationID="404", RedirectURL="https://a.test/")
    assert (not_found.value.code, not_found.value.status, not_found.value.body) == ("http_404", 404, b"")
    with pytest.raises(kassa.ApiError) as bad_key:
        kassa.Billit(api_key="wrong", base_url=f"{server}/ok/{token}").identification.start(
            RegistrationID="42", RedirectURL="https://a.test/"
        )
    assert (bad_key.value.code, bad_key.value.status) == ("http_401", 401)
    bearer = kassa.Billit(access_token="billit-token-test", base_url=f"{server}/ok/{token}")
    assert bearer.identification.start(RegistrationID="43", RedirectURL="https://a.test/")["expires_in"] == 300


def test_async_billit(server: str, token: str) -> None:
    async def main() -> Any:
        c = kassa.AsyncBillit(api_key=BILLIT_KEY, base_url=f"{server}/ok/{token}")
        return await c.identification.start(RegistrationID="42", RedirectURL="https://app.test/back")

    now = int(time.time())
    started = asyncio.run(main())
    assert now + 300 <= started["expires_at"] <= now + 302
