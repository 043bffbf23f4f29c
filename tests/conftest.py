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


#: How :func:`lemvig_site` publishes: the built-in model, 22 November 2026, feeds on an address.
SITE_ARGS = ("publish", "--today", "2026-11-22", "--base-url", "https://intranet.lemvig.dk/styring/")
SITE_EPOCH = "1795000000"


@pytest.fixture(scope="session")
def lemvig_site(tmp_path_factory) -> Path:
    """The built-in model's site, published once for every test that only reads it (a publish
    prints five PDFs through Chromium): ``cycle publish`` with :data:`SITE_ARGS` at
    ``SOURCE_DATE_EPOCH`` :data:`SITE_EPOCH`. Copy it before changing it."""
    out = tmp_path_factory.mktemp("lemvig") / "site"
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", SITE_EPOCH)
    mp.setenv("CYCLE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    try:
        with pytest.raises(SystemExit) as done:
            main([*SITE_ARGS, "-o", str(out)])
            raise SystemExit(0)
        assert done.value.code == 0
    finally:
        mp.undo()
    return out
