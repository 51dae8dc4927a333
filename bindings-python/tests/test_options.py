"""Issue 12 through the clients, against the local servers (timeouts, retries, deadlines and
resend keys on ``kassa sandbox``, with faults forced by its control endpoints; the rest on the
stand-in's fixed answers, tests/README.md): per-call options beside the params
(checked against what the server received), ``with_options``, ``with_raw_response``, one log
record per attempt, the lifecycle (``close``, ``with``), credentials from the environment, and
the ``ApiError`` subclass of every status category."""

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


def test_extra_headers_and_correlation_id_reach_the_wire(server: str, token: str) -> None:
    c = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{server}/ok/{token}")
    info = c.integrator.company_info(vatNumber="BE0897227828", correlationId="corr-1", extra_headers={"X-Trace": "t-1"})
    assert info["vatNumber"] == "BE0897227828"
    sent = recorded(server, token)[-1]
    assert (header(sent, "X-Trace"), header(sent, "correlation-id")) == ("t-1", "corr-1")
    assert sent["path"] == "/ok/" + token + "/api/v1/integrator/company-info?vatNumber=BE0897227828"


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


def test_with_options_shares_the_pool_and_merges_defaults(server: str, token: str) -> None:
    base = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{server}/ok/{token}")
    traced = base.with_options(extra_headers={"X-Trace": "default", "X-Team": "billing"}, timeout=5)
    assert traced._native is base._native and isinstance(traced, kassa.Digiteal) and repr(traced) == repr(base)
    traced.integrator.company_info(vatNumber="BE1")
    traced.integrator.company_info(vatNumber="BE2", extra_headers={"X-Trace": "mine"})
    base.integrator.company_info(vatNumber="BE3")
    first, second, third = recorded(server, token)
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


def test_async_options(server: str, token: str) -> None:
    async def main() -> None:
        c = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{server}/hang/{token}")
        with pytest.raises(kassa.TransportError) as caught:
            await c.session.state(id=7, timeout=0.2, max_retries=0)
        assert caught.value.code == "timeout"
        ok = c.with_options(extra_headers={"X-A": "1"})
        with pytest.raises(kassa.ValidationError):
            await ok.call("passportreader.session.state", {"id": 7}, {"idempotency_key": "k"})
        flaky = kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{server}/flaky/{token}y", retry={"initial_delay": 60})
        raw = await flaky.with_raw_response.session.create(reference="r", retry={"initial_delay": 0.01})
        assert (raw.parsed, raw.attempts, raw.status) == ({"id": BIG_ID, "token": "tok-r"}, 2, 200)

    asyncio.run(main())


def test_identity_flow_takes_options(server: str, token: str) -> None:
    c = reader(f"{server}/hang/{token}")
    with pytest.raises(kassa.TransportError) as caught:
        c.identity.start(subject="order-1", timeout=0.2, max_retries=0)
    assert caught.value.code == "timeout"
    ok = reader(f"{server}/ok/{token}")
    started = ok.identity.start(subject="order-1", extra_headers={"X-Flow": "1"})
    outcome = ok.identity.check(started["reference"], started["expires_at"], timeout=5)
    assert outcome["status"] == "pending"
    assert [header(r, "X-Flow") for r in recorded(server, token)][-2:] == ["1", None]


# -- raw responses ----------------------------------------------------------------------------


def test_raw_response_has_the_status_headers_request_id_and_attempts(server: str, token: str) -> None:
    c = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{server}/ok/{token}")
    raw = c.with_raw_response.invoices.create(**INVOICE, invoiceInternalId="i-1", correlationId="corr-9")
    assert isinstance(raw, kassa.RawResponse)
    assert (raw.parsed["uuid"], raw.parsed["deliveryMethod"]) == ("inv-i-1", "EMAIL")
    image = raw.parsed["image"]
    assert image is not None and type(image["bytes"]) is bytes and image["bytes"].startswith(b"\x89PNG")
    assert (raw.operation, raw.status, raw.attempts, raw.request_id) == ("digiteal.invoices.create", 200, 1, "corr-9")
    assert raw.header("UUID") == "inv-i-1" and ("content-type", "image/png") in raw.headers
    generic = c.with_raw_response.call("digiteal.integrator.company_info", {"vatNumber": "BE1"})
    assert (generic.parsed, generic.status) == ({"status": "PROD", "vatNumber": "BE1"}, 200)
    assert repr(generic) == "<kassa.RawResponse digiteal.integrator.company_info 200, 1 attempt(s)>"
    with pytest.raises(kassa.NotFoundError):  # an error status raises, as without raw
        reader(server).with_raw_response.session.get(id=5)


# -- logging ----------------------------------------------------------------------------------


def test_one_record_per_attempt(server: str, token: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kassa")
    c = reader(f"{server}/flaky/{token}", retry=FAST_RETRY)
    c.session.state(id=BIG_ID)
    records = [r for r in caplog.records if r.name == "kassa"]
    assert len(records) == 2
    retried, final = records
    url = f"{server}/flaky/{token}/api/v1/session.state"
    fields = ("operation", "method", "url", "attempt", "status", "error")
    assert tuple(getattr(retried, f) for f in fields) == ("passportreader.session.state", "POST", url, 1, 503, None)
    assert (retried.levelno, final.levelno) == (logging.INFO, logging.DEBUG)
    assert retried.retry_in_ms == 10 and final.retry_in_ms is None  # type: ignore[attr-defined]
    assert (final.attempt, final.status) == (2, 200)  # type: ignore[attr-defined]
    assert all(isinstance(r.duration_ms, int) for r in records)  # type: ignore[attr-defined]
    assert retried.getMessage() == f"POST {url} -> 503 in {retried.duration_ms} ms (passportreader.session.state, attempt 1, retried in 10 ms)"  # type: ignore[attr-defined]
    caplog.clear()
    with pytest.raises(kassa.TransportError):
        reader(f"{server}/hang/{token}").session.state(id=7, timeout=0.2, max_retries=0)
    (timed_out,) = [r for r in caplog.records if r.name == "kassa"]
    assert (timed_out.status, timed_out.error) == (None, "timeout")  # type: ignore[attr-defined]


def test_no_records_when_the_logger_is_off(server: str, token: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="kassa")
    assert kassa._base._log() is None  # the native client then reports nothing at all
    reader(f"{server}/flaky/{token}", retry=FAST_RETRY).session.state(id=7)
    assert [r for r in caplog.records if r.name == "kassa"] == []


def test_kassa_log_env_turns_on_a_stderr_handler(server: str, token: str) -> None:
    script = (
        "import kassa\n"
        f"c = kassa.PassportReader(public_key='public-key-test', secret='secret-test', base_url='{server}/ok/{token}')\n"
        "c.session.state(id=7)\n"
    )
    env = {**os.environ, "KASSA_LOG": "debug"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if " kassa DEBUG " in line]
    assert len(lines) == 1, done.stderr
    shown = re.escape(f"POST {server}/ok/{token}/api/v1/session.state -> 200 in ")
    assert re.search(shown + r"\d+ ms \(passportreader\.session\.state, attempt 1\)$", lines[0]), lines[0]
    quiet = subprocess.run([sys.executable, "-c", script], env={**os.environ, "KASSA_LOG": ""}, capture_output=True, text=True, timeout=30)
    assert quiet.returncode == 0 and quiet.stderr == ""


# -- lifecycle and environment ----------------------------------------------------------------


def test_a_dropped_client_is_freed_at_once(server: str, token: str) -> None:
    import gc
    import weakref

    c = reader(f"{server}/ok/{token}")
    c.session.state(id=7)  # its namespaces are made and cached
    c.with_raw_response.session.state(id=7)
    gone = weakref.ref(c)
    gc.disable()
    try:
        del c
        assert gone() is None, "a reference cycle keeps the client (and its connection pool) alive"
    finally:
        gc.enable()


def test_context_managers_close_the_pool(server: str, token: str) -> None:
    with reader(f"{server}/ok/{token}") as c:
        assert c.session.state(id=7) == {"state": "VERIFYING_CHIP"} and not c.closed
    assert c.closed
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=7)
    assert caught.value.code == "client_closed" and "closed" in caught.value.message
    c.close()  # again: nothing happens

    async def main() -> None:
        async with kassa.AsyncPassportReader(**CREDENTIALS, base_url=f"{server}/ok/{token}") as a:
            assert await a.session.state(id=7) == {"state": "VERIFYING_CHIP"}
        assert a.closed
        with pytest.raises(kassa.TransportError) as after:
            await a.session.state(id=7)
        assert after.value.code == "client_closed"

    asyncio.run(main())
    assert stats(server, token) == 2


def test_credentials_from_the_environment(server: str, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KASSA_PASSPORTREADER_PUBLIC_KEY", "public-key-test")
    monkeypatch.setenv("KASSA_PASSPORTREADER_SECRET", "secret-test")
    c = kassa.PassportReader(base_url=f"{server}/ok/{token}")
    assert c.session.state(id=7) == {"state": "VERIFYING_CHIP"}
    with pytest.raises(kassa.AuthenticationError):  # a key given wins over its variable
        kassa.PassportReader(public_key="public-key-test", secret="secret-other", base_url=server).session.state(id=7)
    monkeypatch.setenv("KASSA_DIGITEAL_USERNAME", DIGITEAL_USER["username"])
    monkeypatch.setenv("KASSA_DIGITEAL_PASSWORD", DIGITEAL_USER["password"])
    monkeypatch.setenv("KASSA_DIGITEAL_ENVIRONMENT", "test")
    d = kassa.AsyncDigiteal(base_url=f"{server}/ok/{token}")
    assert asyncio.run(d.integrator.company_info(vatNumber="BE1"))["status"] == "PROD"
    monkeypatch.delenv("KASSA_PASSPORTREADER_SECRET")
    with pytest.raises(kassa.ValidationError) as missing:
        kassa.PassportReader(base_url=server)
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
