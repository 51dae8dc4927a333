"""The asyncio client against ``kassa sandbox`` (and the stand-in ``tests/server/server.py`` for
a state kassa does not know and a truncated answer): the same scenarios as the sync client, plus
proof that a call does not block the event loop and can be cancelled."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, FAST_RETRY, control, fault_next, stats


def client(base_url: str, **options: Any) -> kassa.AsyncPassportReader:
    return kassa.AsyncPassportReader(**CREDENTIALS, base_url=base_url, **options)


def on_sandbox(sandbox: str, tenant: str, **options: Any) -> kassa.AsyncPassportReader:
    return client(f"{sandbox}/passportreader/t/{tenant}", **options)


def tokens(sandbox: str, tenant: str) -> dict[str | None, tuple[int, str]]:
    """The sandbox's sessions of ``tenant``: reference -> (id, token)."""
    return {s["reference"]: (s["id"], s["token"]) for s in control(sandbox, tenant, "/passportreader/sessions")}


def test_create_state_get(sandbox: str, token: str) -> None:
    async def main() -> None:
        c = on_sandbox(sandbox, token)
        created = await c.session.create(reference="a")
        assert created == {"id": BIG_ID, "token": tokens(sandbox, token)["a"][1]} and type(created["id"]) is int
        assert await c.session.state(id=BIG_ID) == {"state": "CREATED"}
        control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/state", {"state": "INITIATED"})
        assert await c.session.state(id=BIG_ID) == {"state": "INITIATED"}
        control(sandbox, token, f"/passportreader/sessions/{BIG_ID}/state", {"state": "COMPLETED"})
        session = await c.session.get(id=BIG_ID)
        assert (session["id"], session["given_names"], session["state"]) == (BIG_ID, "Jane", "COMPLETED")
        second = await c.call("passportreader.session.create", {"reference": "b"})
        assert second == {"id": BIG_ID + 1, "token": tokens(sandbox, token)["b"][1]}

    asyncio.run(main())
    assert stats(sandbox, token) == 5


def test_an_unknown_state_is_kept(server: str, token: str) -> None:
    # Stand-in only: VERIFYING_CHIP is no state the sandbox moves through.
    async def main() -> None:
        assert await client(f"{server}/ok/{token}").session.state(id=7) == {"state": "VERIFYING_CHIP"}

    asyncio.run(main())


def test_errors(sandbox: str, token: str) -> None:
    async def main() -> None:
        with pytest.raises(kassa.ApiError) as api:
            await on_sandbox(sandbox, token).session.get(id=5)
        assert (api.value.code, api.value.status) == ("SessionNotFound", 404)
        with pytest.raises(kassa.ValidationError) as bad:
            await on_sandbox(sandbox, token).session.state(id=2**64)
        assert bad.value.field == "id"
        flaky = on_sandbox(sandbox, token + "x", retry=FAST_RETRY)
        fault_next(sandbox, token + "x", "503")
        created = await flaky.session.create()
        assert (created["id"], created["token"]) == tokens(sandbox, token + "x")[None]

    asyncio.run(main())
    assert stats(sandbox, token + "x") == 2


def test_malformed_is_a_decode_error(server: str, token: str) -> None:
    # Stand-in only: a 200 whose JSON body is cut short.
    async def main() -> None:
        with pytest.raises(kassa.DecodeError):
            await client(f"{server}/malformed/{token}").session.create()

    asyncio.run(main())


def test_hang_times_out_without_blocking_the_loop(sandbox: str, token: str) -> None:
    async def main() -> tuple[int, float]:
        c = on_sandbox(sandbox, token, timeout=0.5, retry={"max_retries": 0})
        fault_next(sandbox, token, "hang")
        ticks = 0
        done = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        ticking = asyncio.ensure_future(ticker())
        started = time.monotonic()
        try:
            with pytest.raises(kassa.TransportError) as caught:
                await c.session.create()
        finally:
            done.set()
            await ticking
        assert caught.value.code == "timeout"
        return ticks, time.monotonic() - started

    ticks, elapsed = asyncio.run(main())
    assert 0.4 < elapsed < 5
    assert ticks >= 15, ticks  # ~50 if the loop ran freely, 1 if the call blocked it


def test_concurrent_calls(sandbox: str, token: str) -> None:
    async def main() -> list[Any]:
        c = on_sandbox(sandbox, token)
        return list(await asyncio.gather(*(c.session.create(reference=f"r{i}") for i in range(10))))

    results = asyncio.run(main())
    sessions = tokens(sandbox, token)
    assert [(r["id"], r["token"]) for r in results] == [sessions[f"r{i}"] for i in range(10)]
    assert stats(sandbox, token) == 10


def test_cancellation(sandbox: str, token: str) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        problems: list[Any] = []
        loop.set_exception_handler(lambda _loop, context: problems.append(context))
        c = on_sandbox(sandbox, token, timeout=3, retry={"max_retries": 0})
        fault_next(sandbox, token, "hang")
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(c.session.create(), 0.2)
        # The loop stays usable, and the client too.
        created = await c.session.create(reference="after")
        assert (await c.session.state(id=created["id"]))["state"] == "CREATED"
        assert problems == []

    asyncio.run(main())


def test_native_future_needs_a_running_loop(sandbox: str) -> None:
    native = kassa._kassa.Client("passportreader", {**CREDENTIALS, "base_url": f"{sandbox}/passportreader"})
    with pytest.raises(RuntimeError):
        native.call("passportreader.session.state", {"id": 7}, future=True)
