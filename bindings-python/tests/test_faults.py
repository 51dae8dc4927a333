"""Issue 9 (Python): the clients against ``tests/server/faults.py`` (deliberately broken HTTP on raw
sockets): every fault ends in its typed error, quickly (small timeouts and deadlines: the whole
file takes a few seconds), and never hangs."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Iterator

import pytest

import kassa
from _support import CREDENTIALS, DIGITEAL_USER

NO_RETRY: Any = {"max_retries": 0}
FAST: Any = {"initial_delay": 0.01, "max_delay": 0.05}


def reader(faults: str, fault: str, **config: Any) -> kassa.PassportReader:
    config.setdefault("retry", NO_RETRY)
    return kassa.PassportReader(**CREDENTIALS, base_url=f"{faults}/{fault}", **config)


@pytest.fixture
def quick() -> Iterator[Callable[[float], None]]:
    """``quick(seconds)``: fails when the test has taken longer (none of these may hang)."""
    started = time.monotonic()

    def check(seconds: float) -> None:
        elapsed = time.monotonic() - started
        assert elapsed < seconds, f"took {elapsed:.2f} s"

    yield check


def test_ok_passes(faults: str) -> None:
    assert reader(faults, "ok").session.state(id=7) == {"state": "CREATED"}


def test_endless_body_stops_at_the_limit(faults: str, quick: Callable[[float], None]) -> None:
    c = reader(faults, "endless", max_response_bytes=1 << 20)
    with pytest.raises(kassa.TransportError) as caught:
        c.session.state(id=7)
    assert caught.value.code == "body_too_large" and "max_response_bytes" in caught.value.message
    quick(5)


def test_announced_huge_body_is_refused_before_reading(faults: str, quick: Callable[[float], None]) -> None:
    with pytest.raises(kassa.TransportError) as caught:
        reader(faults, "huge-length").session.state(id=7)
    assert caught.value.code == "body_too_large"
    quick(2)


@pytest.mark.parametrize("fault", ["short", "reset"])
def test_a_broken_body_is_a_transport_error(faults: str, fault: str, quick: Callable[[float], None]) -> None:
    # A safe operation is retried (then fails the same way); one that is not says the outcome is
    # unknown and what to look up, and is sent once.
    safe = reader(faults, fault, retry={**FAST, "max_retries": 1})
    with pytest.raises(kassa.TransportError) as caught:
        safe.with_raw_response.session.state(id=7)
    assert caught.value.code == "body", caught.value
    digiteal = kassa.Digiteal(**DIGITEAL_USER, base_url=f"{faults}/{fault}", retry=FAST)
    with pytest.raises(kassa.TransportError) as unknown:
        digiteal.payments.create(amountInCents=1, iban="BE68539007547034", remittanceInfo="x",
                                 confirmationURL="https://shop.test/ok", errorURL="https://shop.test/error")
    assert unknown.value.code == "outcome_unknown"
    assert "digiteal.payments.create may have reached the provider" in unknown.value.message
    assert "not resent" in unknown.value.message
    quick(3)


def test_huge_headers_are_a_transport_error(faults: str, quick: Callable[[float], None]) -> None:
    with pytest.raises(kassa.TransportError) as caught:
        reader(faults, "huge-headers").session.state(id=7)
    assert caught.value.code == "transport", caught.value
    quick(3)


def test_a_redirect_is_not_followed(faults: str) -> None:
    with pytest.raises(kassa.ApiError) as caught:
        reader(faults, "redirect").session.state(id=7)
    err = caught.value
    assert type(err) is kassa.ApiError and (err.status, err.category) == (302, "redirect")
    assert err.location == "https://elsewhere.invalid/x" and "not followed" in str(err)


def test_retry_after_is_honoured_and_reported(faults: str, quick: Callable[[float], None]) -> None:
    c = reader(faults, "retry-after/1", retry={**FAST, "max_retries": 1, "max_delay": 5})
    started = time.monotonic()
    with pytest.raises(kassa.ServerError) as caught:
        c.session.state(id=7)
    assert time.monotonic() - started >= 0.9  # waited the second asked for, not the 10 ms backoff
    assert (caught.value.status, caught.value.retry_after) == (503, 1)
    # With a deadline the wait would pass, the answer in hand is the outcome, at once.
    started = time.monotonic()
    with pytest.raises(kassa.ServerError) as bounded:
        c.session.state(id=7, deadline=0.5)
    assert time.monotonic() - started < 0.5 and bounded.value.retry_after == 1
    quick(4)


def test_timeouts_and_deadlines(faults: str, quick: Callable[[float], None]) -> None:
    slow = reader(faults, "slow/2000", timeout=0.2)
    with pytest.raises(kassa.TransportError) as timed_out:
        slow.session.state(id=7)
    assert timed_out.value.code == "timeout"
    retried = reader(faults, "slow/2000", timeout=0.3, retry=FAST)
    started = time.monotonic()
    with pytest.raises(kassa.TransportError) as deadline:
        retried.session.state(id=7, deadline=0.8)
    assert deadline.value.code == "deadline_exceeded" and 0.7 < time.monotonic() - started < 1.5
    assert reader(faults, "slow/50").session.state(id=7, timeout=1) == {"state": "CREATED"}
    quick(3)


def test_async_faults(faults: str, quick: Callable[[float], None]) -> None:
    async def main() -> list[str]:
        base = {**CREDENTIALS, "retry": NO_RETRY}
        calls = [
            kassa.AsyncPassportReader(**base, base_url=f"{faults}/endless", max_response_bytes=1 << 20).session.state(id=7),
            kassa.AsyncPassportReader(**base, base_url=f"{faults}/slow/3000", timeout=0.2).session.state(id=7),
            kassa.AsyncPassportReader(**base, base_url=f"{faults}/redirect").session.state(id=7),
            kassa.AsyncPassportReader(**base, base_url=f"{faults}/reset").session.state(id=7),
        ]
        results = await asyncio.gather(*calls, return_exceptions=True)
        return [r.code if isinstance(r, kassa.KassaError) else repr(r) for r in results]

    assert asyncio.run(main()) == ["body_too_large", "timeout", "http_error", "body"]
    quick(3)
