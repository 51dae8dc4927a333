"""Load test of the asyncio client against the local provider server (``tests/server/server.py``),
next to httpx (asyncio) and urllib3 (threads) doing the same requests.

Each request is a PassportReader ``session.create`` with its own reference; every answer is
checked (``{"id": 9007199254740993, "token": "tok-<reference>"}``, the id an exact ``int``), so a
mixed-up or lost answer counts as an error. kassa builds, sends (pooled, retries on), and parses
each one; the peers send the bytes kassa's ``build_request`` made and read the JSON. The resident
set size is read after a warm-up and at the end (flat: no growth per request).

    python bench/load.py                     # 10,000 requests, 64 at a time, with the peers
    python bench/load.py --short             # 500 requests, kassa only: seconds (run by a test)
    python bench/load.py --requests 2000 --concurrency 16 --server http://127.0.0.1:8000

Peers: ``pip install -r bench/requirements.txt`` (httpx, urllib3); a missing one is skipped.
Exits non-zero when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Coroutine, Iterator, List, Optional, Sequence

import kassa

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "tests" / "server" / "server.py"
BIG_ID = 9007199254740993
CREDENTIALS: dict[str, Any] = {"public_key": "public-key-test", "secret": "secret-test"}


def rss_mb() -> float:
    """The current resident set size, in MiB (Linux ``/proc``)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Run:
    """What one client did."""

    name: str
    requests: int
    seconds: float = 0.0
    errors: List[str] = field(default_factory=list)
    rss_warm: float = 0.0
    rss_end: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        rss = f"RSS {self.rss_warm:6.1f} -> {self.rss_end:6.1f} MiB" if self.rss_warm else ""
        return f"{self.name:<22} {self.requests:>6} requests {self.seconds:7.2f} s {self.per_second:8.0f}/s  errors {len(self.errors):<4} {rss}"


def check(i: int, out: Any, errors: List[str]) -> None:
    if not (isinstance(out, dict) and out.get("token") == f"tok-r{i}" and out.get("id") == BIG_ID and type(out["id"]) is int):
        errors.append(f"request {i}: unexpected answer {out!r}"[:200])


async def pool(total: int, concurrency: int, one: Callable[[int], Coroutine[Any, Any, None]]) -> None:
    """Runs ``one(i)`` for ``i`` in ``range(total)``, ``concurrency`` at a time."""
    numbers: Iterator[int] = iter(range(total))

    async def worker() -> None:
        for i in numbers:
            await one(i)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def run_kassa(base_url: str, total: int, concurrency: int, warmup: int) -> Run:
    run = Run("kassa (asyncio)", total)

    async def main() -> None:
        async with kassa.AsyncPassportReader(**CREDENTIALS, base_url=base_url) as client:

            async def one(i: int) -> None:
                try:
                    check(i, await client.session.create(reference=f"r{i}"), run.errors)
                except kassa.KassaError as e:
                    run.errors.append(f"request {i}: {e.code}: {e}")

            await pool(warmup, concurrency, one)
            run.rss_warm = rss_mb()
            started = time.perf_counter()
            await pool(total, concurrency, one)
            run.seconds = time.perf_counter() - started
            run.rss_end = rss_mb()

    asyncio.run(main())
    return run


def _request(base_url: str, i: int) -> kassa.HttpRequest:
    return kassa.build_request("passportreader.session.create", {"reference": f"r{i}"}, config={**CREDENTIALS, "base_url": base_url})


def run_httpx(base_url: str, total: int, concurrency: int, warmup: int) -> Optional[Run]:
    try:
        httpx: Any = importlib.import_module("httpx")
    except ImportError:
        return None
    run = Run("httpx (asyncio)", total)
    requests = [_request(base_url, i) for i in range(max(total, warmup))]

    async def main() -> None:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def one(i: int) -> None:
                r = requests[i]
                try:
                    answer = await client.request(r.method, r.url, headers=r.headers, content=r.body)
                    check(i, json.loads(answer.content), run.errors)
                except Exception as e:  # noqa: BLE001 - counted
                    run.errors.append(f"request {i}: {e!r}")

            await pool(warmup, concurrency, one)
            started = time.perf_counter()
            await pool(total, concurrency, one)
            run.seconds = time.perf_counter() - started

    asyncio.run(main())
    return run


def run_urllib3(base_url: str, total: int, concurrency: int, warmup: int) -> Optional[Run]:
    try:
        urllib3: Any = importlib.import_module("urllib3")
    except ImportError:
        return None
    run = Run(f"urllib3 ({concurrency} threads)", total)
    requests = [_request(base_url, i) for i in range(max(total, warmup))]
    manager = urllib3.PoolManager(maxsize=concurrency, block=True, retries=False, timeout=30)

    def one(i: int) -> None:
        r = requests[i]
        try:
            answer = manager.request(r.method, r.url, headers=dict(r.headers), body=r.body)
            check(i, json.loads(answer.data), run.errors)
        except Exception as e:  # noqa: BLE001 - counted
            run.errors.append(f"request {i}: {e!r}")

    with ThreadPoolExecutor(concurrency) as threads:
        list(threads.map(one, range(warmup)))
        started = time.perf_counter()
        list(threads.map(one, range(total)))
        run.seconds = time.perf_counter() - started
    return run


def started_server() -> tuple[subprocess.Popen[bytes], str]:
    """``tests/server/server.py`` on a free loopback port (stopped by PID by the caller)."""
    port_file = Path(tempfile.mkdtemp()) / "port"
    proc = subprocess.Popen([sys.executable, str(SERVER), "--port-file", str(port_file)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not port_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return proc, f"http://127.0.0.1:{port_file.read_text().strip()}"


def main(argv: Optional[Sequence[str]] = None) -> List[Run]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--short", action="store_true", help="500 requests, kassa only (peers with --peers)")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=None, help="also httpx and urllib3")
    parser.add_argument("--server", default=os.environ.get("KASSA_TEST_SERVER"), help="a running test server")
    args = parser.parse_args(argv)
    total = 500 if args.short else args.requests
    peers = (not args.short) if args.peers is None else args.peers
    warmup = min(total, max(args.concurrency * 4, total // 10))
    proc = None
    if args.server:
        base = args.server.rstrip("/")
    else:
        proc, base = started_server()
    try:
        token = f"load-{os.getpid()}-{int(time.time())}"
        base_url = f"{base}/ok/{token}"
        runs = [run_kassa(base_url, total, args.concurrency, warmup)]
        if peers:
            runs += [r for r in (run_httpx(base_url, total, args.concurrency, warmup), run_urllib3(base_url, total, args.concurrency, warmup)) if r]
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"{total} requests (after {warmup} of warm-up), {args.concurrency} at a time, against {base}")
    for run in runs:
        print(run.line())
        for error in run.errors[:5]:
            print("   ", error)
    return runs


if __name__ == "__main__":
    sys.exit(1 if any(run.errors for run in main()) else 0)
