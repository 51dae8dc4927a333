"""The synchronous client against the local server (``tests/server/server.py``)."""

from __future__ import annotations

import _thread
import os
import threading
import time
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, FAST_RETRY, stats


def client(base_url: str, **options: Any) -> kassa.PassportReader:
    return kassa.PassportReader(**CREDENTIALS, base_url=base_url, **options)


def test_create_state_get(server: str, token: str) -> None:
    c = client(f"{server}/ok/{token}")
    created = c.session.create(reference="order-1", face_verification=True)
    assert created == {"id": BIG_ID, "token": "tok-order-1"}
    assert type(created["id"]) is int and created["id"] == 2**53 + 1
    assert c.session.create()["token"] == "tok-none"
    assert c.session.state(id=created["id"]) == {"state": "CREATED"}
    assert c.session.state(id=7) == {"state": "VERIFYING_CHIP"}
    session = c.session.get(id=BIG_ID)
    assert session["id"] == BIG_ID and type(session["id"]) is int
    assert (session["state"], session["reference"], session["given_names"], session["surname"]) == (
        "COMPLETED",
        "ref-1",
        "Jane",
        "Doe",
    )
    assert stats(server, token) == 5


def test_generic_call(server: str, token: str) -> None:
    c = client(f"{server}/ok/{token}")
    assert c.call("passportreader.session.state", {"id": 7}) == {"state": "VERIFYING_CHIP"}
    assert c.call("passportreader.session.create") == {"id": BIG_ID, "token": "tok-none"}


def test_not_found_is_an_api_error(server: str) -> None:
    with pytest.raises(kassa.ApiError) as caught:
        client(server).session.get(id=5)
    err = caught.value
    assert (err.code, err.kind, err.status, err.provider_code) == ("SessionNotFound", "api", 404, "SessionNotFound")
    assert err.message == "No session found with id: 5"
    assert err.request_id == "req-404"
    assert b"SessionNotFound" in err.body and isinstance(err.body, bytes)
    assert str(err) == "HTTP 404 SessionNotFound: No session found with id: 5 (request id req-404)"


def test_flaky_is_retried(server: str, token: str) -> None:
    c = client(f"{server}/flaky/{token}", retry=FAST_RETRY)
    assert c.session.create(reference="r") == {"id": BIG_ID, "token": "tok-r"}
    assert stats(server, token) == 2


def test_flaky_without_retries_fails(server: str, token: str) -> None:
    c = client(f"{server}/flaky/{token}", retry={"max_retries": 0})
    with pytest.raises(kassa.ApiError) as caught:
        c.session.create()
    assert (caught.value.status, caught.value.code) == (503, "ServiceUnavailable")
    assert stats(server, token) == 1


def test_hang_times_out(server: str, token: str) -> None:
    c = client(f"{server}/hang/{token}", timeout=0.5, retry={"max_retries": 0})
    started = time.monotonic()
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=BIG_ID)
    assert (caught.value.code, caught.value.kind) == ("timeout", "transport")
    assert 0.4 < time.monotonic() - started < 5
    assert stats(server, token) == 1


def test_malformed_is_a_decode_error(server: str, token: str) -> None:
    with pytest.raises(kassa.DecodeError) as caught:
        client(f"{server}/malformed/{token}").session.create()
    assert caught.value.code == "decode"
    body = b'{"id": 1, "token": '
    assert caught.value.field == "token"
    assert caught.value.offset is not None and len(body) - 2 <= caught.value.offset <= len(body)
    assert "(byte " in str(caught.value)


def test_wrong_credentials(server: str) -> None:
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


def test_the_gil_is_released_while_waiting(server: str, token: str) -> None:
    c = client(f"{server}/hang/{token}", timeout=1.0, retry={"max_retries": 0})
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


def test_ctrl_c_interrupts_a_blocking_call(server: str, token: str) -> None:
    c = client(f"{server}/hang/{token}", timeout=20, retry={"max_retries": 0})
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        c.session.create()
    assert time.monotonic() - started < 3
    timer.join()


def test_concurrent_threads_share_a_client(server: str, token: str) -> None:
    c = client(f"{server}/ok/{token}")
    results: dict[int, Any] = {}

    def work(i: int) -> None:
        results[i] = c.session.create(reference=f"t{i}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {i: r["token"] for i, r in results.items()} == {i: f"tok-t{i}" for i in range(8)}
    assert stats(server, token) == 8


def test_client_validates_params_before_sending(server: str, token: str) -> None:
    c = client(f"{server}/ok/{token}")
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
    assert stats(server, token) == 0
