"""Fixtures for the views: Mozilla's ical.js as an independent iCalendar parser, and pinned time."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

JS = ROOT / "tests" / "js"


@pytest.fixture
def ical_js() -> Callable[..., dict]:
    """Parse .ics files with ical.js (tests/js/parse.mjs): file name → properties and events."""
    node = require_tool("node")
    if not (JS / "node_modules" / "ical.js").is_dir():
        pytest.fail("ical.js is not installed: run the README's test command (npm ci in tests/js)")

    def parse(*files: Path) -> dict:
        r = subprocess.run(
            [node, str(JS / "parse.mjs"), *map(str, files)], capture_output=True, text=True, check=True
        )
        return json.loads(r.stdout)

    return parse


@pytest.fixture
def pinned_time(monkeypatch):
    """The build time SOURCE_DATE_EPOCH pins (DTSTAMP, LAST-MODIFIED): 1795000000 is 2026-11-18."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
