"""Shared test helpers: the local provider server, fixture files, strict equality."""

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

from _support import FAULTS, SERVER


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
def faults() -> Iterator[str]:
    """The base URL of ``tests/server/faults.py`` (deliberately broken HTTP), started for this
    session and stopped by PID."""
    yield from _serve(FAULTS)


@pytest.fixture
def token() -> str:
    """A fresh scenario token, so tests never share server state."""
    return uuid.uuid4().hex
