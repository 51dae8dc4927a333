"""The load test's ``--short`` mode (``bench/load.py``) on ``kassa sandbox``: 500 requests (after a
warm-up), 64 at a time, through the asyncio client, every answer checked against the session the
sandbox holds for its reference (no timing assertion)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

LOAD = Path(__file__).resolve().parents[1] / "bench" / "load.py"


def test_short_load_run_has_no_errors(sandbox: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("kassa_bench_load", LOAD)
    assert spec is not None and spec.loader is not None
    load = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = load  # dataclasses look their module up
    spec.loader.exec_module(load)
    (run,) = load.main(["--short", "--sandbox", sandbox])
    assert (run.name, run.requests, run.errors) == ("kassa (asyncio)", 500, [])
    # Every request answered and kept: the 256 warm-up ones (w<i>) and the 500 measured (r<i>),
    # each its own session in the sandbox (verify() compared them with what it holds).
    assert sorted(run.answers) == sorted([f"w{i}" for i in range(256)] + [f"r{i}" for i in range(500)])
    assert len({id_ for id_, _ in run.answers.values()}) == 756
    assert run.seconds > 0 and run.rss_end > 0
    out = capsys.readouterr().out
    assert "500 requests" in out and f"against kassa sandbox {sandbox}" in out
