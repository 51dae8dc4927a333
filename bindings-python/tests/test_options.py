"""Issue 12 through the clients, against ``kassa sandbox`` (each test in a tenant of its own,
faults forced by its control endpoints, answers checked against the state it holds and the
requests it recorded at ``/_requests/<tenant>``): per-call options beside the params, extra
headers and ``with_options``, ``with_raw_response``, one log record per attempt, the lifecycle
(``close``, ``with``), credentials from the environment, and the ``ApiError`` subclass of every
status category (no server)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import subprocess
import sys
import time
from typing import Any, Callable

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, DIGITEAL_USER, FAST_RETRY, control, fault_next, header, recorded, stats
from kassa.types import CompanyKYCInfo

PAYMENT: dict[str, Any] = {"amountInCents": 500, "iban": "BE68539007547034", "remittanceInfo": "Donation",
                           "confirmationURL": "https://shop.test/ok", "errorURL": "https://shop.test/error"}
INVOICE: dict[str, Any] = {"customerInternalId": "c-1", "amountInCents": 100, "remittanceInfo": "x", "iban": "BE68539007547034"}


def reader(base_url: str, **config: Any) -> kassa.PassportReader:
    return kassa.PassportReader(**CREDENTIALS, base_url=base_url, **config)


# -- per-call options -------------------------------------------------------------------------


def on_sandbox(sandbox: str, tenant: str, **config: Any) -> kassa.PassportReader:
    """A client of the sandbox's PassportReader in ``tenant``, with one session created."""
    c = reader(f"{sandbox}/passportreader/t/{tenant}", **config)
    assert c.session.create()["id"] == BIG_ID
    return c


def test_timeout_and_max_retries_per_call(sandbox: str, token: str) -> None:
    hang = on_sandbox(sandbox, token)  # the client's own timeout: 30 s
    fault_next(sandbox, token, "hang")
    started = time.monotonic()
    with pytest.raises(kassa.TransportError) as caught:
        hang.session.state(id=BIG_ID, timeout=0.3, max_retries=0)
    assert caught.value.code == "timeout" and time.monotonic() - started < 3
    assert stats(sandbox, token) == 2
    flaky = on_sandbox(sandbox, token + "x", retry=FAST_RETRY)
    fault_next(sandbox, token + "x", "503")
    with pytest.raises(kassa.ServerError) as failed:
        flaky.session.state(id=BIG_ID, max_retries=0)  # the client would retry: this call does not
    assert (failed.value.status, failed.value.code) == (503, "ServiceUnavailable")
    assert flaky.session.state(id=BIG_ID) == {"state": "CREATED"}  # the next one is a new request
    assert stats(sandbox, token + "x") == 3


def test_retry_mapping_per_call(sandbox: str, token: str) -> None:
    slow_retries = on_sandbox(sandbox, token, retry={"initial_delay": 30})
    fault_next(sandbox, token, "503")
    started = time.monotonic()
    raw = slow_retries.with_raw_response.session.state(id=BIG_ID, retry={"initial_delay": 0.01, "max_delay": 0.05})
    assert (raw.parsed, raw.attempts) == ({"state": "CREATED"}, 2)
    assert time.monotonic() - started < 3


def test_deadline_bounds_the_whole_call(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, retry=FAST_RETRY)
    fault_next(sandbox, token, "hang", count=5)
    started = time.monotonic()
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=BIG_ID, deadline=0.4)
    elapsed = time.monotonic() - started
    assert caught.value.code == "deadline_exceeded" and "400 ms" in caught.value.message
    assert 0.3 < elapsed < 3, elapsed
    assert stats(sandbox, token) == 2  # the create, then one attempt that took all the time there was


def digiteal(sandbox: str, tenant: str) -> kassa.Digiteal:
    """A client of the sandbox's Digiteal in ``tenant``."""
    return kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/digiteal/t/{tenant}")


def registered(sandbox: str, tenant: str, vat: str) -> str:
    """Registers the company ``vat`` in ``tenant`` (KYC) and activates it by control: answers the
    status the sandbox then holds for it (``PROD``)."""
    company: CompanyKYCInfo = {"vatNumber": vat, "companyName": "Kassa Test", "creationDate": "2012-12-31",
                               "contactPerson": {"email": "ops@kassa.test"}}
    assert digiteal(sandbox, tenant).kyc.register_company(customerCompany=company)["status"] == "NOT_ACTIVATED"
    control(sandbox, tenant, f"/digiteal/companies/{vat}/activate", {})
    status: str = control(sandbox, tenant, "/state")["digiteal"]["companies"][vat]["status"]
    return status


def test_extra_headers_and_correlation_id_reach_the_wire(sandbox: str, token: str) -> None:
    held = registered(sandbox, token, "BE0897227828")
    c = digiteal(sandbox, token)
    info = c.integrator.company_info(vatNumber="BE0897227828", correlationId="corr-1", extra_headers={"X-Trace": "t-1"})
    assert info == {"status": held, "vatNumber": "BE0897227828"} and held == "PROD"
    sent = recorded(sandbox, token)[-1]
    assert (header(sent, "X-Trace"), header(sent, "correlation-id")) == ("t-1", "corr-1")
    assert sent["path"] == f"/digiteal/t/{token}/api/v1/integrator/company-info?vatNumber=BE0897227828"


def test_idempotency_key_fills_the_resend_key(sandbox: str, token: str) -> None:
    c = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/digiteal/t/{token}")
    created = c.invoices.create(**INVOICE, idempotency_key="inv-77")
    [held] = control(sandbox, token, "/digiteal/invoices").values()
    assert (created["uuid"], held["request"]["invoiceInternalId"]) == (held["uuid"], "inv-77")
    assert json.loads(recorded(sandbox, token)[-1]["body"])["invoiceInternalId"] == "inv-77"
    with pytest.raises(kassa.ValidationError) as other:  # another key in the params
        c.invoices.create(**INVOICE, invoiceInternalId="inv-1", idempotency_key="inv-2")
    assert (other.value.code, other.value.field) == ("invalid_option", "idempotency_key")
    assert len(recorded(sandbox, token)) == 1


def test_options_a_call_cannot_use_are_refused_by_name(sandbox: str, token: str) -> None:
    c = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{sandbox}/digiteal/t/{token}")
    bad: Any = {"max_delay": "x"}
    unknown: Any = {"tries": 1}
    refused: list[tuple[Callable[[], Any], str]] = [
        (lambda: c.call("digiteal.payments.create", PAYMENT, {"idempotency_key": "k"}), "idempotency_key"),  # no resend key
        (lambda: c.call("digiteal.integrator.company_info", {"vatNumber": "BE1"}, {"timout": 1}), "timout"),  # type: ignore[arg-type]
        (lambda: c.integrator.company_info(vatNumber="BE1", timeout="1"), "timeout"),  # type: ignore[arg-type]
        (lambda: c.integrator.company_info(vatNumber="BE1", timeout=0), "timeout"),
        (lambda: c.integrator.company_info(vatNumber="BE1", deadline=-1), "deadline"),
        (lambda: c.integrator.company_info(vatNumber="BE1", max_retries=-1), "max_retries"),
        (lambda: c.integrator.company_info(vatNumber="BE1", retry=bad), "retry.max_delay"),
        (lambda: c.integrator.company_info(vatNumber="BE1", max_retries=1, retry={"max_retries": 2}), "max_retries"),
        (lambda: c.integrator.company_info(vatNumber="BE1", retry=unknown), "retry.tries"),
        (lambda: c.integrator.company_info(vatNumber="BE1", extra_headers={"Authorization": "x"}), "extra_headers"),
        (lambda: c.integrator.company_info(vatNumber="BE1", extra_headers={"X-A": "a\r\nb"}), "extra_headers"),
        (lambda: c.invoices.create(**INVOICE, idempotency_key=" "), "idempotency_key"),
        (lambda: c.with_options(timeout=-2).integrator.company_info(vatNumber="BE1"), "timeout"),
    ]
    for call, field in refused:
        with pytest.raises(kassa.ValidationError) as caught:
            call()
        assert (caught.value.code, caught.value.field) == ("invalid_option", field), caught.value
    # An option that is no parameter of the method is Python's own TypeError, never dropped.
    with pytest.raises(TypeError, match="idempotency_key"):
        c.payments.create(**PAYMENT, idempotency_key="k")  # type: ignore[call-arg]
    assert recorded(sandbox, token) == []


def test_with_options_shares_the_pool_and_merges_defaults(sandbox: str, token: str) -> None:
    base = digiteal(sandbox, token)
    traced = base.with_options(extra_headers={"X-Trace": "default", "X-Team": "billing"}, timeout=5)
    assert traced._native is base._native and isinstance(traced, kassa.Digiteal) and repr(traced) == repr(base)
    traced.integrator.company_info(vatNumber="BE1")
    traced.integrator.company_info(vatNumber="BE2", extra_headers={"X-Trace": "mine"})
    base.integrator.company_info(vatNumber="BE3")
    first, second, third = recorded(sandbox, token)
    assert [r["path"].rsplit("=", 1)[-1] for r in (first, second, third)] == ["BE1", "BE2", "BE3"]
    assert (header(first, "X-Trace"), header(first, "X-Team")) == ("default", "billing")
    assert (header(second, "X-Trace"), header(second, "X-Team")) == ("mine", "billing")
    assert (header(third, "X-Trace"), header(third, "X-Team")) == (None, None)
    again = traced.with_options(max_retries=0)
    assert again._core.defaults == {"extra_headers": {"X-Trace": "default", "X-Team": "billing"}, "timeout": 5, "max_retries": 0}
    base.close()  # one pool: every copy is closed with it
    assert traced.closed and again.closed
    with pytest.raises(kassa.TransportError) as caught:
        again.integrator.company_info(vatNumber="BE1")
    assert caught.value.code == "client_closed"
    assert len(recorded(sandbox, token)) == 3  # a closed client sends nothing


def test_async_options(sandbox: str, token: str) -> None:
    async def main() -> None:
        c = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{sandbox}/passportreader/t/{token}")
        fault_next(sandbox, token, "hang")
        with pytest.raises(kassa.TransportError) as caught:
            await c.session.state(id=BIG_ID, timeout=0.2, max_retries=0)
        assert caught.value.code == "timeout"
        ok = c.with_options(extra_headers={"X-A": "1"})
        with pytest.raises(kassa.ValidationError):
            await ok.call("passportreader.session.state", {"id": BIG_ID}, {"idempotency_key": "k"})
        assert stats(sandbox, token) == 1  # the hang; the refused option sent nothing
        flaky = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{sandbox}/passportreader/t/{token}y", retry={"initial_delay": 60})
        fault_next(sandbox, token + "y", "503")
        raw = await flaky.with_raw_response.session.create(reference="r", retry={"initial_delay": 0.01})
        [held] = control(sandbox, token + "y", "/passportreader/sessions")
        assert held["reference"] == "r"
        assert (raw.parsed, raw.attempts, raw.status) == ({"id": held["id"], "token": held["token"]}, 2, 200)
        created = await ok.session.create(reference="a")  # the copy's extra header on the wire
        [mine] = control(sandbox, token, "/passportreader/sessions")
        assert created == {"id": mine["id"], "token": mine["token"]}
        assert header(recorded(sandbox, token)[-1], "X-A") == "1"

    asyncio.run(main())


def test_identity_flow_takes_options(sandbox: str, token: str) -> None:
    c = reader(f"{sandbox}/passportreader/t/{token}")
    fault_next(sandbox, token, "hang")
    with pytest.raises(kassa.TransportError) as caught:
        c.identity.start(subject="order-1", timeout=0.2, max_retries=0)
    assert caught.value.code == "timeout"
    assert control(sandbox, token, "/passportreader/sessions") == []  # the hang processed nothing
    started = c.identity.start(subject="order-1", extra_headers={"X-Flow": "1"})
    [held] = control(sandbox, token, "/passportreader/sessions")
    assert (started["token"], held["reference"]) == (held["token"], "order-1")
    outcome = c.identity.check(started["reference"], started["expires_at"], timeout=5)
    assert (outcome["status"], outcome["provider_status"], held["state"]) == ("pending", "CREATED", "CREATED")
    assert [header(r, "X-Flow") for r in recorded(sandbox, token)] == [None, "1", None]


# -- raw responses ----------------------------------------------------------------------------


def test_raw_response_has_the_status_headers_request_id_and_attempts(sandbox: str, token: str) -> None:
    c = digiteal(sandbox, token)
    raw = c.with_raw_response.invoices.create(**INVOICE, invoiceInternalId="i-1", correlationId="corr-9")
    assert isinstance(raw, kassa.RawResponse)
    [held] = control(sandbox, token, "/digiteal/invoices").values()
    assert held["request"]["invoiceInternalId"] == "i-1" and re.fullmatch(r"[0-9a-f]{32}", held["uuid"])
    assert (raw.parsed["uuid"], raw.parsed["deliveryMethod"]) == (held["uuid"], None)  # not opted in
    image = raw.parsed["image"]
    assert image is not None and type(image["bytes"]) is bytes and image["bytes"].startswith(b"\x89PNG")
    assert (raw.operation, raw.status, raw.attempts, raw.request_id) == ("digiteal.invoices.create", 200, 1, "corr-9")
    assert raw.header("UUID") == held["uuid"] and ("content-type", "image/png") in raw.headers
    assert raw.header("correlation-id") == "corr-9"
    held_status = registered(sandbox, token, "BE0897227828")
    generic = c.with_raw_response.call("digiteal.integrator.company_info", {"vatNumber": "BE0897227828"})
    assert (generic.parsed, generic.status) == ({"status": held_status, "vatNumber": "BE0897227828"}, 200)
    assert repr(generic) == "<kassa.RawResponse digiteal.integrator.company_info 200, 1 attempt(s)>"
    with pytest.raises(kassa.NotFoundError):  # an error status raises, as without raw
        reader(f"{sandbox}/passportreader/t/{token}").with_raw_response.session.get(id=5)


# -- logging ----------------------------------------------------------------------------------


def test_one_record_per_attempt(sandbox: str, token: str, caplog: pytest.LogCaptureFixture) -> None:
    c = on_sandbox(sandbox, token, retry=FAST_RETRY)
    caplog.set_level(logging.DEBUG, logger="kassa")
    fault_next(sandbox, token, "502")  # no Retry-After (the sandbox's 503 says 0): the client's own backoff
    assert c.session.state(id=BIG_ID) == {"state": "CREATED"}
    records = [r for r in caplog.records if r.name == "kassa"]
    assert len(records) == 2
    retried, final = records
    url = f"{sandbox}/passportreader/t/{token}/api/v1/session.state"
    fields = ("operation", "method", "url", "attempt", "status", "error")
    assert tuple(getattr(retried, f) for f in fields) == ("passportreader.session.state", "POST", url, 1, 502, None)
    assert (retried.levelno, final.levelno) == (logging.INFO, logging.DEBUG)
    assert retried.retry_in_ms == 10 and final.retry_in_ms is None  # type: ignore[attr-defined]
    assert (final.attempt, final.status) == (2, 200)  # type: ignore[attr-defined]
    assert all(isinstance(r.duration_ms, int) for r in records)  # type: ignore[attr-defined]
    assert retried.getMessage() == f"POST {url} -> 502 in {retried.duration_ms} ms (passportreader.session.state, attempt 1, retried in 10 ms)"  # type: ignore[attr-defined]
    caplog.clear()
    fault_next(sandbox, token, "hang")
    with pytest.raises(kassa.TransportError):
        c.session.state(id=BIG_ID, timeout=0.2, max_retries=0)
    (timed_out,) = [r for r in caplog.records if r.name == "kassa"]
    assert (timed_out.status, timed_out.error) == (None, "timeout")  # type: ignore[attr-defined]


def test_no_records_when_the_logger_is_off(sandbox: str, token: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="kassa")
    assert kassa._base._log() is None  # the native client then reports nothing at all
    fault_next(sandbox, token, "503")
    reader(f"{sandbox}/passportreader/t/{token}", retry=FAST_RETRY).session.create()
    assert stats(sandbox, token) == 2  # a retried attempt and the answered one: nothing logged for either
    assert [r for r in caplog.records if r.name == "kassa"] == []


def test_kassa_log_env_turns_on_a_stderr_handler(sandbox: str, token: str) -> None:
    base_url = f"{sandbox}/passportreader/t/{token}"
    script = (
        "import kassa\n"
        f"c = kassa.PassportReader(public_key='public-key-test', secret='secret-test', base_url='{base_url}')\n"
        "print(c.session.create()['id'])\n"
    )
    env = {**os.environ, "KASSA_LOG": "debug"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    [held] = control(sandbox, token, "/passportreader/sessions")
    assert done.stdout == f"{held['id']}\n"
    lines = [line for line in done.stderr.splitlines() if " kassa DEBUG " in line]
    assert len(lines) == 1, done.stderr
    shown = re.escape(f"POST {base_url}/api/v1/session.create -> 200 in ")
    assert re.search(shown + r"\d+ ms \(passportreader\.session\.create, attempt 1\)$", lines[0]), lines[0]
    quiet = subprocess.run([sys.executable, "-c", script], env={**os.environ, "KASSA_LOG": ""}, capture_output=True, text=True, timeout=30)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert len(control(sandbox, token, "/passportreader/sessions")) == 2  # the quiet run did create one


# -- lifecycle and environment ----------------------------------------------------------------


def test_a_dropped_client_is_freed_at_once(sandbox: str, token: str) -> None:
    import gc
    import weakref

    c = on_sandbox(sandbox, token)
    assert c.session.state(id=BIG_ID) == {"state": "CREATED"}  # its namespaces are made and cached
    assert c.with_raw_response.session.state(id=BIG_ID).status == 200
    gone = weakref.ref(c)
    gc.disable()
    try:
        del c
        assert gone() is None, "a reference cycle keeps the client (and its connection pool) alive"
    finally:
        gc.enable()


def test_context_managers_close_the_pool(sandbox: str, token: str) -> None:
    base_url = f"{sandbox}/passportreader/t/{token}"
    with reader(base_url) as c:
        sid = c.session.create()["id"]
        control(sandbox, token, f"/passportreader/sessions/{sid}/state", {"state": "INITIATED"})
        assert c.session.state(id=sid) == {"state": "INITIATED"} and not c.closed
    assert c.closed
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=sid)
    assert caught.value.code == "client_closed" and "closed" in caught.value.message
    c.close()  # again: nothing happens

    async def main() -> None:
        async with kassa.AsyncPassportReader(**CREDENTIALS, base_url=base_url) as a:
            assert await a.session.state(id=sid) == {"state": "INITIATED"}
        assert a.closed
        with pytest.raises(kassa.TransportError) as after:
            await a.session.state(id=sid)
        assert after.value.code == "client_closed"

    asyncio.run(main())
    assert stats(sandbox, token) == 3  # the closed clients sent nothing


def test_credentials_from_the_environment(sandbox: str, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The sandbox runs --strict: only the test credentials pass, so a 200 says they were read.
    base_url = f"{sandbox}/passportreader/t/{token}"
    monkeypatch.setenv("KASSA_PASSPORTREADER_PUBLIC_KEY", "public-key-test")
    monkeypatch.setenv("KASSA_PASSPORTREADER_SECRET", "secret-test")
    c = kassa.PassportReader(base_url=base_url)
    created = c.session.create(reference="env")
    [held] = control(sandbox, token, "/passportreader/sessions")
    assert created == {"id": held["id"], "token": held["token"]} and held["reference"] == "env"
    with pytest.raises(kassa.AuthenticationError):  # a key given wins over its variable
        kassa.PassportReader(public_key="public-key-test", secret="secret-other", base_url=base_url).session.state(id=held["id"])
    vat = "BE0897227828"
    status = registered(sandbox, token, vat)
    monkeypatch.setenv("KASSA_DIGITEAL_USERNAME", DIGITEAL_USER["username"])
    monkeypatch.setenv("KASSA_DIGITEAL_PASSWORD", DIGITEAL_USER["password"])
    monkeypatch.setenv("KASSA_DIGITEAL_ENVIRONMENT", "test")
    d = kassa.AsyncDigiteal(base_url=f"{sandbox}/digiteal/t/{token}")
    assert asyncio.run(d.integrator.company_info(vatNumber=vat)) == {"status": status, "vatNumber": vat}
    monkeypatch.delenv("KASSA_PASSPORTREADER_SECRET")
    with pytest.raises(kassa.ValidationError) as missing:
        kassa.PassportReader(base_url=base_url)
    assert (missing.value.code, missing.value.field) == ("invalid_config", "secret")
    assert "KASSA_PASSPORTREADER_SECRET" in (kassa.PassportReader.__doc__ or "")


# -- errors by status -------------------------------------------------------------------------

STATUSES = [
    (400, kassa.BadRequestError, "bad_request"),
    (422, kassa.BadRequestError, "bad_request"),
    (401, kassa.AuthenticationError, "authentication"),
    (403, kassa.PermissionDeniedError, "permission_denied"),
    (404, kassa.NotFoundError, "not_found"),
    (410, kassa.NotFoundError, "not_found"),
    (409, kassa.ConflictError, "conflict"),
    (429, kassa.RateLimitError, "rate_limit"),
    (500, kassa.ServerError, "server"),
    (503, kassa.ServerError, "server"),
    (302, kassa.ApiError, "redirect"),
    (418, kassa.ApiError, "other"),
]


@pytest.mark.parametrize(("status", "cls", "category"), STATUSES)
def test_api_error_subclass_by_status(status: int, cls: type[kassa.ApiError], category: str) -> None:
    headers = [("Retry-After", "7"), ("Location", "https://elsewhere.test/x")]
    body = b'{"error_name": "Oops", "error_message": "no"}'
    with pytest.raises(kassa.ApiError) as caught:
        kassa.parse_response("passportreader.session.state", status, headers, body)
    err = caught.value
    assert type(err) is cls and isinstance(err, kassa.KassaError) and err.category == category
    assert (err.status, err.code) == (status, "Oops")
    assert err.retry_after == (7 if status in (429, 503) else None)
    assert err.location == ("https://elsewhere.test/x" if status == 302 else None)
