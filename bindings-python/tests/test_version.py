"""``kassa.__version__`` (set by the native module from the crate's version) is the version pip
installed (the wheel's metadata, from the same Cargo.toml through maturin) and the workspace's."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import kassa

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_installed_distributions() -> None:
    assert kassa.__version__ == importlib.metadata.version("kassa")


def test_version_is_the_workspace_crates() -> None:
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text())
    assert kassa.__version__ == workspace["workspace"]["package"]["version"]


def test_version_is_pep440() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?", kassa.__version__), kassa.__version__
