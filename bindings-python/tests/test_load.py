"""The load test's ``--short`` mode (``bench/load.py``): 500 requests, 64 at a time, through the
asyncio client against the test server, every answer checked (no timing assertion)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

LOAD = Path(__file__).resolve().parents[1] / "bench" / "load.py"


def test_short_load_run_has_no_errors(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("kassa_bench_load", LOAD)
    assert spec is not None and spec.loader is not None
    load = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = load  # dataclasses look their module up
    spec.loader.exec_module(load)
    (run,) = load.main(["--short", "--server", server])
    assert (run.name, run.requests, run.errors) == ("kassa (asyncio)", 500, [])
    assert run.seconds > 0 and run.rss_end > 0
    assert "500 requests" in capsys.readouterr().out
