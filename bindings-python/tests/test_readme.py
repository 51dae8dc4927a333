"""The repository README's code blocks are executable docs: every fenced block carries an info
string saying who runs it, and the ``python`` blocks run here, in order in one namespace (as a
reader would paste them), against ``kassa sandbox`` (started on a free port, its URL given to the
blocks as ``$KASSA_SANDBOX``, stopped by PID). ``js`` blocks are run by
bindings-node/test/readme.test.js, the ``rust`` block as a doctest of the core (core/src/lib.rs);
``sh`` and ``text`` blocks (install lines, commands, the layout) and the ``js browser`` block
(kassa-web, run in Chromium by bindings-wasm) are not run, and no block may go without an info
string."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from _support import ROOT

README = ROOT / "README.md"
# Who runs each kind of block; a block with any other info string fails the test.
RUNNERS = {
    "python": "bindings-python/tests/test_readme.py",
    "js": "bindings-node/test/readme.test.js",
    "js cjs": "bindings-node/test/readme.test.js",
    "rust": "core/src/lib.rs (doctest)",
    "js browser": None,
    "sh": None,
    "text": None,
}
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```$", re.S | re.M)


def blocks() -> List[Tuple[int, str, str]]:
    """(line, info string, code) of every fenced block of the README."""
    text = README.read_text()
    return [(text.count("\n", 0, m.start()) + 1, m.group(1).strip(), m.group(2)) for m in FENCE.finditer(text)]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[str]:
    """``kassa sandbox --port 0`` (the binary built by cargo, as scripts/test.sh's CLI step does),
    until its first line gives the URL; killed by PID at the end."""
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    subprocess.run(["cargo", "build", "-q", "-p", "kassa-cli"], cwd=ROOT, check=True)
    process = subprocess.Popen([str(target / "debug" / "kassa"), "sandbox", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("kassa sandbox listening on http://127.0.0.1:"), first
        yield first.split()[-1]
    finally:
        process.kill()
        process.wait(timeout=10)


def test_every_block_says_who_runs_it() -> None:
    found = blocks()
    assert len(found) >= 10, "the README's blocks were not found"
    unknown = [(line, info) for line, info, _ in found if info not in RUNNERS]
    assert not unknown, f"README blocks without a known info string (line, info): {unknown}; known: {sorted(RUNNERS)}"
    assert sum(info == "python" for _, info, _ in found) >= 4
    assert sum(info == "rust" for _, info, _ in found) == 1


def test_python_blocks_run(sandbox: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KASSA_SANDBOX", sandbox)
    namespace: Dict[str, Any] = {"__name__": "readme"}
    ran = 0
    for line, info, code in blocks():
        if info != "python":
            continue
        try:
            exec(compile(code, f"README.md, the block at line {line}", "exec"), namespace)
        except Exception as e:
            raise AssertionError(f"README.md line {line}: {type(e).__name__}: {e}") from e
        ran += 1
    out = capsys.readouterr().out
    # What the blocks print, as their comments say.
    assert "SessionNotFound 404" in out, out
    assert "POST https://passportreader.app/api/v1/session.state" in out.splitlines(), out
    assert "CREATED" in out.splitlines(), out
    assert ran >= 4
