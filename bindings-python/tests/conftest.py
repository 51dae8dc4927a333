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

from _support import SERVER


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of the test server: ``$KASSA_TEST_SERVER``, or one started (and stopped by
    PID) for this session."""
    given = os.environ.get("KASSA_TEST_SERVER")
    if given:
        yield given.rstrip("/")
        return
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        proc = subprocess.Popen([sys.executable, str(SERVER), "--port-file", str(port_file)])
        try:
            deadline = time.monotonic() + 10
            while not port_file.exists():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the test server did not start")
                time.sleep(0.02)
            yield f"http://127.0.0.1:{port_file.read_text().strip()}"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture
def token() -> str:
    """A fresh scenario token, so tests never share server state."""
    return uuid.uuid4().hex
