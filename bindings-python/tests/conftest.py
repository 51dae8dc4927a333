"""Shared test helpers: the two local servers (``kassa sandbox`` and the stand-in
``tests/server/server.py``), fixture files, strict equality."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from _support import FAULTS, ROOT, SERVER


def _serve(script: Path) -> Iterator[str]:
    """Starts ``script --port-file ...`` on a free loopback port, yields its base URL, stops it by
    PID."""
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        proc = subprocess.Popen([sys.executable, str(script), "--port-file", str(port_file)])
        try:
            deadline = time.monotonic() + 10
            while not port_file.exists():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{script.name} did not start")
                time.sleep(0.02)
            yield f"http://127.0.0.1:{port_file.read_text().strip()}"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of the test server: ``$KASSA_TEST_SERVER``, or one started (and stopped by
    PID) for this session."""
    given = os.environ.get("KASSA_TEST_SERVER")
    if given:
        yield given.rstrip("/")
        return
    yield from _serve(SERVER)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[str]:
    """The base URL of ``kassa sandbox`` (the emulator users develop against; the IO tests it
    covers run on it): ``$KASSA_SANDBOX``, or the debug binary (``cargo build -p kassa-cli``)
    started with ``--port 0 --strict`` for this session and stopped by PID."""
    given = os.environ.get("KASSA_SANDBOX")
    if given:
        yield given.rstrip("/")
        return
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    binary = (target if target.is_absolute() else ROOT / target) / "debug" / "kassa"
    if not binary.exists():
        raise RuntimeError(f"{binary} is missing: run `cargo build -p kassa-cli` (or export KASSA_SANDBOX)")
    proc = subprocess.Popen([str(binary), "sandbox", "--port", "0", "--strict", "--resend-seconds", "0.2"],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # "kassa sandbox listening on http://127.0.0.1:N"
        if not first.startswith("kassa sandbox listening on http://"):
            raise RuntimeError(f"kassa sandbox did not start: {first!r}")
        yield first.split()[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def faults() -> Iterator[str]:
    """The base URL of ``tests/server/faults.py`` (deliberately broken HTTP), started for this
    session and stopped by PID."""
    yield from _serve(FAULTS)


@pytest.fixture
def token() -> str:
    """A fresh scenario token, so tests never share server state."""
    return uuid.uuid4().hex
