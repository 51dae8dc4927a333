"""The asyncio client against the local server: the same scenarios, plus proof that a call does not
block the event loop and can be cancelled."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import kassa
from _support import BIG_ID, CREDENTIALS, FAST_RETRY, stats


def client(base_url: str, **options: Any) -> kassa.AsyncPassportReader:
    return kassa.AsyncPassportReader(**CREDENTIALS, base_url=base_url, **options)


def test_create_state_get(server: str, token: str) -> None:
    async def main() -> None:
        c = client(f"{server}/ok/{token}")
        created = await c.session.create(reference="a")
        assert created == {"id": BIG_ID, "token": "tok-a"} and type(created["id"]) is int
        assert await c.session.state(id=BIG_ID) == {"state": "CREATED"}
        assert await c.session.state(id=7) == {"state": "VERIFYING_CHIP"}
        session = await c.session.get(id=BIG_ID)
        assert (session["id"], session["given_names"], session["state"]) == (BIG_ID, "Jane", "COMPLETED")
        assert await c.call("passportreader.session.create", {"reference": "b"}) == {"id": BIG_ID, "token": "tok-b"}

    asyncio.run(main())
    assert stats(server, token) == 5


def test_errors(server: str, token: str) -> None:
    async def main() -> None:
        with pytest.raises(kassa.ApiError) as api:
            await client(server).session.get(id=5)
        assert (api.value.code, api.value.status) == ("SessionNotFound", 404)
        with pytest.raises(kassa.DecodeError):
            await client(f"{server}/malformed/{token}").session.create()
        with pytest.raises(kassa.ValidationError) as bad:
            await client(server).session.state(id=2**64)
        assert bad.value.field == "id"
        flaky = client(f"{server}/flaky/{token}x", retry=FAST_RETRY)
        assert (await flaky.session.create())["token"] == "tok-none"

    asyncio.run(main())
    assert stats(server, token + "x") == 2


def test_hang_times_out_without_blocking_the_loop(server: str, token: str) -> None:
    async def main() -> tuple[int, float]:
        c = client(f"{server}/hang/{token}", timeout=0.5, retry={"max_retries": 0})
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


def test_concurrent_calls(server: str, token: str) -> None:
    async def main() -> list[Any]:
        c = client(f"{server}/ok/{token}")
        return list(await asyncio.gather(*(c.session.create(reference=f"r{i}") for i in range(10))))

    results = asyncio.run(main())
    assert [r["token"] for r in results] == [f"tok-r{i}" for i in range(10)]
    assert stats(server, token) == 10


def test_cancellation(server: str, token: str) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        problems: list[Any] = []
        loop.set_exception_handler(lambda _loop, context: problems.append(context))
        c = client(f"{server}/hang/{token}", timeout=3, retry={"max_retries": 0})
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(c.session.create(), 0.2)
        # The loop stays usable, and the client too.
        ok = client(f"{server}/ok/{token}")
        assert (await ok.session.state(id=7))["state"] == "VERIFYING_CHIP"
        assert problems == []

    asyncio.run(main())


def test_native_future_needs_a_running_loop(server: str) -> None:
    native = kassa._kassa.Client("passportreader", {**CREDENTIALS, "base_url": server})
    with pytest.raises(RuntimeError):
        native.call("passportreader.session.state", {"id": 7}, future=True)
