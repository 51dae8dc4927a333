"""Load test of the asyncio client against a local provider server, next to httpx (asyncio) and
urllib3 (threads) doing the same requests.

Each request is a PassportReader ``session.create`` with its own reference; every answer is
checked, so a mixed-up or lost answer counts as an error: its id an exact ``int``, and the
``(id, token)`` pair the one the server made for that reference. kassa builds, sends (pooled,
retries on), and parses each one; the peers send the bytes kassa's ``build_request`` made and
read the JSON. The resident set size is read after a warm-up and at the end (flat: no growth per
request).

Two servers. By default the stand-in ``tests/server/server.py`` (started here unless
``--server`` names one), whose fixed answers (``{"id": 9007199254740993, "token":
"tok-<reference>"}``, nothing kept) cost it the least: the numbers are about the clients.
``--sandbox URL`` runs against ``kassa sandbox`` instead (each client in a tenant of its own), the
stateful emulator: every answer is checked against the session the sandbox then holds for its
reference (``GET /_sandbox/t/<tenant>/passportreader/sessions``), exactly one per reference; its
own work per request (state, a lock, a debug build in the tests) is in those numbers.

    python bench/load.py                     # 10,000 requests, 64 at a time, with the peers
    python bench/load.py --short             # 500 requests, kassa only: seconds
    python bench/load.py --short --sandbox "$KASSA_SANDBOX"   # the same on kassa sandbox (run by a test)
    python bench/load.py --requests 2000 --concurrency 16 --server http://127.0.0.1:8000

Peers: ``pip install -r bench/load-requirements.txt`` (httpx, urllib3, pinned; not installed by
``scripts/setup.sh``); a missing one is skipped.
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
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Coroutine, Dict, Iterator, List, Optional, Sequence, Tuple

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
    answers: Dict[str, Tuple[int, str]] = field(default_factory=dict)  # reference -> (id, token)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        rss = f"RSS {self.rss_warm:6.1f} -> {self.rss_end:6.1f} MiB" if self.rss_warm else ""
        return f"{self.name:<22} {self.requests:>6} requests {self.seconds:7.2f} s {self.per_second:8.0f}/s  errors {len(self.errors):<4} {rss}"


def check(reference: str, out: Any, run: Run) -> None:
    """Keeps a well-formed answer (checked against the server's own after the run, ``verify``)."""
    if isinstance(out, dict) and type(out.get("id")) is int and isinstance(out.get("token"), str):
        run.answers[reference] = (out["id"], out["token"])
    else:
        run.errors.append(f"{reference}: unexpected answer {out!r}"[:200])


def references(count: int, prefix: str) -> List[str]:
    """One reference per request: ``w<i>`` in the warm-up, ``r<i>`` in the measured part."""
    return [f"{prefix}{i}" for i in range(count)]


async def pool(refs: Sequence[str], concurrency: int, one: Callable[[str], Coroutine[Any, Any, None]]) -> None:
    """Runs ``one(ref)`` for each reference, ``concurrency`` at a time."""
    pending: Iterator[str] = iter(refs)

    async def worker() -> None:
        for ref in pending:
            await one(ref)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def run_kassa(base_url: str, total: int, concurrency: int, warmup: int) -> Run:
    run = Run("kassa (asyncio)", total)

    async def main() -> None:
        async with kassa.AsyncPassportReader(**CREDENTIALS, base_url=base_url) as client:

            async def one(ref: str) -> None:
                try:
                    check(ref, await client.session.create(reference=ref), run)
                except kassa.KassaError as e:
                    run.errors.append(f"{ref}: {e.code}: {e}")

            await pool(references(warmup, "w"), concurrency, one)
            run.rss_warm = rss_mb()
            started = time.perf_counter()
            await pool(references(total, "r"), concurrency, one)
            run.seconds = time.perf_counter() - started
            run.rss_end = rss_mb()

    asyncio.run(main())
    return run


def _requests(base_url: str, total: int, warmup: int) -> Dict[str, kassa.HttpRequest]:
    """kassa's requests for every reference, built before the run (the peers only send them)."""
    config = {**CREDENTIALS, "base_url": base_url}
    return {ref: kassa.build_request("passportreader.session.create", {"reference": ref}, config=config)
            for ref in references(warmup, "w") + references(total, "r")}


def run_httpx(base_url: str, total: int, concurrency: int, warmup: int) -> Optional[Run]:
    try:
        httpx: Any = importlib.import_module("httpx")
    except ImportError:
        return None
    run = Run("httpx (asyncio)", total)
    requests = _requests(base_url, total, warmup)

    async def main() -> None:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def one(ref: str) -> None:
                r = requests[ref]
                try:
                    answer = await client.request(r.method, r.url, headers=r.headers, content=r.body)
                    check(ref, json.loads(answer.content), run)
                except Exception as e:  # noqa: BLE001 - counted
                    run.errors.append(f"{ref}: {e!r}")

            await pool(references(warmup, "w"), concurrency, one)
            started = time.perf_counter()
            await pool(references(total, "r"), concurrency, one)
            run.seconds = time.perf_counter() - started

    asyncio.run(main())
    return run


def run_urllib3(base_url: str, total: int, concurrency: int, warmup: int) -> Optional[Run]:
    try:
        urllib3: Any = importlib.import_module("urllib3")
    except ImportError:
        return None
    run = Run(f"urllib3 ({concurrency} threads)", total)
    requests = _requests(base_url, total, warmup)
    manager = urllib3.PoolManager(maxsize=concurrency, block=True, retries=False, timeout=30)

    def one(ref: str) -> None:
        r = requests[ref]
        try:
            answer = manager.request(r.method, r.url, headers=dict(r.headers), body=r.body)
            check(ref, json.loads(answer.data), run)
        except Exception as e:  # noqa: BLE001 - counted
            run.errors.append(f"{ref}: {e!r}")

    with ThreadPoolExecutor(concurrency) as threads:
        list(threads.map(one, references(warmup, "w")))
        started = time.perf_counter()
        list(threads.map(one, references(total, "r")))
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


def held_sessions(sandbox: str, tenant: str) -> Dict[str, List[Tuple[int, str]]]:
    """reference -> the (id, token) of every session ``kassa sandbox`` holds for it in ``tenant``."""
    url = f"{sandbox}/_sandbox/t/{tenant}/passportreader/sessions"
    with urllib.request.urlopen(url, timeout=60) as answer:
        sessions: List[Dict[str, Any]] = json.load(answer)
    held: Dict[str, List[Tuple[int, str]]] = {}
    for s in sessions:
        held.setdefault(str(s["reference"]), []).append((s["id"], s["token"]))
    return held


def verify(run: Run, expected: Callable[[str], List[Tuple[int, str]]]) -> None:
    """Every answer kept must be the one the server made for its reference (and only one)."""
    for ref, got in sorted(run.answers.items()):
        want = expected(ref)
        if want != [got]:
            run.errors.append(f"{ref}: answered {got!r}, the server has {want!r}"[:200])


def main(argv: Optional[Sequence[str]] = None) -> List[Run]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--short", action="store_true", help="500 requests, kassa only (peers with --peers)")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=None, help="also httpx and urllib3")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--server", default=os.environ.get("KASSA_TEST_SERVER"), help="a running stand-in (tests/server/server.py)")
    where.add_argument("--sandbox", help="a running `kassa sandbox` (e.g. $KASSA_SANDBOX) instead of the stand-in")
    args = parser.parse_args(argv)
    total = 500 if args.short else args.requests
    peers = (not args.short) if args.peers is None else args.peers
    warmup = min(total, max(args.concurrency * 4, total // 10))
    proc = None
    if args.sandbox:
        base = args.sandbox.rstrip("/")
    elif args.server:
        base = args.server.rstrip("/")
    else:
        proc, base = started_server()
    runners = [run_kassa] + ([run_httpx, run_urllib3] if peers else [])
    token = f"load-{os.getpid()}-{int(time.time())}"
    runs: List[Run] = []
    try:
        for number, runner in enumerate(runners):
            tenant = f"{token}-{number}"  # a tenant (or stand-in scenario) per client
            if args.sandbox:
                base_url = f"{base}/passportreader/t/{tenant}"
            else:
                base_url = f"{base}/ok/{tenant}"
            run = runner(base_url, total, args.concurrency, warmup)
            if run is None:
                continue
            if args.sandbox:
                held = held_sessions(base, tenant)
                verify(run, lambda ref: held.get(ref, []))
            else:
                verify(run, lambda ref: [(BIG_ID, f"tok-{ref}")])
            runs.append(run)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"{total} requests (after {warmup} of warm-up), {args.concurrency} at a time, against {'kassa sandbox' if args.sandbox else 'the stand-in'} {base}")
    for run in runs:
        print(run.line())
        for error in run.errors[:5]:
            print("   ", error)
    return runs


if __name__ == "__main__":
    sys.exit(1 if any(run.errors for run in main()) else 0)
