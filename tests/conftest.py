"""Shared fixtures: run the CLI in-process, and pin today."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cycle.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CALENDARS = ROOT / "calendars"


def require_tool(name: str) -> str:
    """A tool a test needs: under CI a missing tool fails the test, elsewhere it skips."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed (the test command installs it)")
    pytest.skip(f"{name} is not installed; run the README's test command")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test session gets its own plan cache, never the user's."""
    monkeypatch.setenv("CYCLE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run ``cycle ARGS…`` in-process; returns exit code, stdout and stderr."""
    monkeypatch.setenv("CYCLE_TODAY", "2026-11-22")

    def _run(*args: str) -> Result:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run
