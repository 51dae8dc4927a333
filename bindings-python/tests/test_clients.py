"""The synchronous client against ``kassa sandbox`` (sessions moving through their states, faults
forced with its control endpoints) and, for what the sandbox does not do on purpose, against the
stand-in ``tests/server/server.py`` (a state kassa does not know, a truncated JSON answer); tests/README.md lists what runs where."""

from __future__ import annotations

import _thread
import os
import re
import signal
import threading
import time
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, FAST_RETRY, control, fault_next, stats


def client(base_url: str, **options: Any) -> kassa.PassportReader:
    return kassa.PassportReader(**CREDENTIALS, base_url=base_url, **options)


def on_sandbox(sandbox: str, tenant: str, **options: Any) -> kassa.PassportReader:
    """A client of the sandbox's PassportReader, in a tenant of its own."""
    return client(f"{sandbox}/passportreader/t/{tenant}", **options)


def session_tokens(sandbox: str, tenant: str) -> dict[int, str]:
    """The sandbox's sessions of ``tenant``: id -> the token it handed out."""
    return {s["id"]: s["token"] for s in control(sandbox, tenant, "/passportreader/sessions")}


def test_create_state_get(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token)
    created = c.session.create(reference="order-1", face_verification=True)
    assert type(created["id"]) is int and created["id"] == BIG_ID == 2**53 + 1
    bare = c.session.create()
    assert bare["id"] == BIG_ID + 1
    # The tokens are the ones the provider holds for these sessions.
    assert session_tokens(sandbox, token) == {BIG_ID: created["token"], BIG_ID + 1: bare["token"]}
    assert created == {"id": BIG_ID, "token": created["token"]} and created["token"] != bare["token"]
    assert c.session.state(id=created["id"]) == {"state": "CREATED"}
    # The user opens the session and reads the passport; the provider approves it.
    control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/state", {"state": "INITIATED"})
    assert c.session.state(id=BIG_ID) == {"state": "INITIATED"}
    control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/state", {"state": "COMPLETED"})
    session = c.session.get(id=BIG_ID)
    assert session["id"] == BIG_ID and type(session["id"]) is int
    assert (session["state"], session["reference"], session["given_names"], session["surname"]) == (
        "COMPLETED",
        "order-1",
        "Jane",
        "Doe",
    )
    control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/state", {"state": "APPROVED"})
    assert c.session.state(id=BIG_ID) == {"state": "APPROVED"}
    assert stats(sandbox, token) == 6


def test_an_unknown_state_is_kept(server: str, token: str) -> None:
    # Stand-in only: session 7 answers VERIFYING_CHIP, a state kassa does not know (a real
    # provider may add one; the sandbox only moves through the documented ones).
    c = client(f"{server}/ok/{token}")
    assert c.session.state(id=7) == {"state": "VERIFYING_CHIP"}
    assert c.call("passportreader.session.state", {"id": 7}) == {"state": "VERIFYING_CHIP"}
    assert stats(server, token) == 2


def test_generic_call(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token)
    created = c.call("passportreader.session.create")
    assert created == {"id": BIG_ID, "token": session_tokens(sandbox, token)[BIG_ID]}
    assert c.call("passportreader.session.state", {"id": BIG_ID}) == {"state": "CREATED"}


def test_not_found_is_an_api_error(sandbox: str, token: str) -> None:
    with pytest.raises(kassa.ApiError) as caught:
        on_sandbox(sandbox, token).session.get(id=5)
    err = caught.value
    assert (err.code, err.kind, err.status, err.provider_code) == ("SessionNotFound", "api", 404, "SessionNotFound")
    assert err.message == "No session found with id: 5"
    # The answer's X-Request-Id (the sandbox draws one per answer).
    assert err.request_id is not None and re.fullmatch(r"req-[0-9a-f]{12}", err.request_id), err.request_id
    assert b"SessionNotFound" in err.body and isinstance(err.body, bytes)
    assert str(err) == f"HTTP 404 SessionNotFound: No session found with id: 5 (request id {err.request_id})"


def test_flaky_is_retried(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, retry=FAST_RETRY)
    fault_next(sandbox, token, "503")
    created = c.session.create(reference="r")
    assert created == {"id": BIG_ID, "token": session_tokens(sandbox, token)[BIG_ID]}
    assert stats(sandbox, token) == 2


def test_flaky_without_retries_fails(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, retry={"max_retries": 0})
    fault_next(sandbox, token, "503")
    with pytest.raises(kassa.ApiError) as caught:
        c.session.create()
    assert (caught.value.status, caught.value.code) == (503, "ServiceUnavailable")
    assert stats(sandbox, token) == 1
    assert session_tokens(sandbox, token) == {}  # nothing was processed


def test_hang_times_out(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, timeout=0.5, retry={"max_retries": 0})
    fault_next(sandbox, token, "hang")
    started = time.monotonic()
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=BIG_ID)
    assert (caught.value.code, caught.value.kind) == ("timeout", "transport")
    assert 0.4 < time.monotonic() - started < 5
    assert stats(sandbox, token) == 1


def test_malformed_is_a_decode_error(server: str, token: str) -> None:
    with pytest.raises(kassa.DecodeError) as caught:
        client(f"{server}/malformed/{token}").session.create()
    assert caught.value.code == "decode"
    body = b'{"id": 1, "token": '
    assert caught.value.field == "token"
    assert caught.value.offset is not None and len(body) - 2 <= caught.value.offset <= len(body)
    assert "(byte " in str(caught.value)


def test_wrong_credentials(sandbox: str) -> None:
    server = f"{sandbox}/passportreader"  # started with --strict: only the test credentials pass
    with pytest.raises(kassa.ValidationError) as caught:
        kassa.PassportReader(public_key="public-key-test", secret="hunter2-value", base_url=server)
    err = caught.value
    assert (err.code, err.field, err.kind) == ("passportreader_credentials", "secret", "validation")
    assert isinstance(err, ValueError)
    for shown in (str(err), repr(err), err.message, repr(err.args)):
        assert "hunter2" not in shown
    # Right prefixes, wrong values: the provider refuses them.
    c = kassa.PassportReader(public_key="public-key-test", secret="secret-wrong-value", base_url=server)
    with pytest.raises(kassa.ApiError) as refused:
        c.session.create()
    assert (refused.value.status, refused.value.code) == (401, "Unauthorized")
    assert "secret-wrong-value" not in str(refused.value) + repr(refused.value)


def test_connection_refused(token: str) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = client(f"http://127.0.0.1:{port}", retry={"max_retries": 0})
    with pytest.raises(kassa.TransportError) as caught:
        c.session.create()
    assert caught.value.code == "connect"


def test_the_gil_is_released_while_waiting(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, timeout=1.0, retry={"max_retries": 0})
    fault_next(sandbox, token, "hang")
    errors: list[BaseException] = []

    def blocked() -> None:
        try:
            c.session.create()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    worker = threading.Thread(target=blocked)
    worker.start()
    time.sleep(0.1)  # the worker is now inside the call
    # Pure Python work on this thread must progress while the worker waits for its answer.
    started, spins = time.monotonic(), 0
    while time.monotonic() - started < 0.4:
        spins += 1
    assert worker.is_alive()
    worker.join()
    assert spins > 100_000, spins
    assert [type(e) for e in errors] == [kassa.TransportError]


def test_ctrl_c_interrupts_a_blocking_call(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token, timeout=20, retry={"max_retries": 0})
    fault_next(sandbox, token, "hang")
    # A process started in the background by a non-interactive shell (`cmd &`, as CI may run the
    # suite) inherits SIGINT ignored, and then `interrupt_main` does nothing: give SIGINT Python's
    # own handler for this test, as an interactive terminal would have it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        timer = threading.Timer(0.3, _thread.interrupt_main)
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            c.session.create()
        assert time.monotonic() - started < 3
        timer.join()
    finally:
        signal.signal(signal.SIGINT, previous)


def test_concurrent_threads_share_a_client(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token)
    results: dict[int, Any] = {}

    def work(i: int) -> None:
        results[i] = c.session.create(reference=f"t{i}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Eight sessions, each answered to the thread that created it.
    sessions = {s["reference"]: (s["id"], s["token"]) for s in control(sandbox, token, "/passportreader/sessions")}
    assert {i: (r["id"], r["token"]) for i, r in results.items()} == {i: sessions[f"t{i}"] for i in range(8)}
    assert sorted(r["id"] for r in results.values()) == list(range(BIG_ID, BIG_ID + 8))
    assert stats(sandbox, token) == 8


def test_client_validates_params_before_sending(sandbox: str, token: str) -> None:
    c = on_sandbox(sandbox, token)
    with pytest.raises(kassa.ValidationError) as caught:
        c.session.get(id="5")  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.field) == ("invalid_params", "id")
    # The methods have the params as real keyword-only parameters: Python refuses an unknown or a
    # missing one; through `call` the core does, naming it.
    with pytest.raises(TypeError, match="extra"):
        c.session.get(id=5, extra=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="id"):
        c.session.get()  # type: ignore[call-arg]
    with pytest.raises(kassa.ValidationError) as caught:
        c.call("passportreader.session.get", {"id": 5, "extra": 1})
    assert caught.value.field == "extra"
    with pytest.raises(kassa.ValidationError) as missing:
        c.call("passportreader.session.get", {})
    assert (missing.value.code, missing.value.field) == ("invalid_params", "id")
    with pytest.raises(TypeError):
        c.session.get(5)  # type: ignore[call-arg]  # keyword-only
    with pytest.raises(kassa.ValidationError) as caught:
        c.call("billit.identification.start", {})
    assert (caught.value.code, caught.value.field) == ("unknown_operation", "operation")
    assert stats(sandbox, token) == 0
