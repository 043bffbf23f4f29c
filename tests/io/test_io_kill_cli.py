"""``cycle publish`` and ``cycle ical --split unit`` killed (SIGKILL) at seeded random instants:
the output folder is always exactly the previous output or exactly the new one, with the file a
user added; the next run leaves nothing behind. Two runs into one folder at once both succeed
and leave an index that names only files that exist."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cycle.outdir import MANIFEST

ROOT = Path(__file__).resolve().parents[2]
ENV = {"PYTHONPATH": str(ROOT), "CYCLE_TODAY": "2026-11-22", "SOURCE_DATE_EPOCH": "1767225600", "CYCLE_NO_CACHE": "1"}
USER_FILE = "README-intern.txt"

pytestmark = pytest.mark.slow


def command(kind: str, out: Path, warn: str) -> list[str]:
    if kind == "publish":
        return [sys.executable, "-m", "cycle", "publish", "--warn", warn, "-o", str(out)]
    return [sys.executable, "-m", "cycle", "ical", "--split", "unit", "--warn", warn, "-o", str(out)]


def run(kind: str, out: Path, warn: str) -> subprocess.CompletedProcess:
    r = subprocess.run(command(kind, out, warn), capture_output=True, text=True, env={**os.environ, **ENV})
    assert r.returncode == 0, r.stderr
    return r


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _diff(now: dict[str, bytes], expected: dict[str, dict[str, bytes]]) -> dict[str, list[str]]:
    return {w: sorted(k for k in set(now) | set(e) if now.get(k) != e.get(k)) for w, e in expected.items()}


def consistent(folder: Path, kind: str) -> None:
    """The index names only files that exist, and the manifest names every file but the user's."""
    feeds = folder / "feeds" if kind == "publish" else folder
    index = json.loads((feeds / "feeds.json").read_text(encoding="utf-8"))
    assert all((feeds / e["file"]).is_file() for e in index["feeds"])
    listed = set(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])
    assert listed == set(snapshot(folder)) - {MANIFEST, USER_FILE}


@pytest.mark.parametrize("kind", ["publish", "split"])
def test_sigkill_at_random_instants(tmp_path, kind):
    # The two outputs a killed run may leave: rendered by runs nobody kills.
    expected = {}
    for warn in ("7d", "14d"):
        ref = tmp_path / f"ref-{warn}"
        started = time.monotonic()
        run(kind, ref, warn)
        duration = time.monotonic() - started  # of a whole run, to kill the trials within
        (ref / USER_FILE).write_text("added by a user")
        expected[warn] = snapshot(ref)
    assert expected["7d"] != expected["14d"]
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    run(kind, out, "7d")
    (out / USER_FILE).write_text("added by a user")
    rng = random.Random(2026)
    current = "7d"
    for trial in range(4):
        new = "14d" if current == "7d" else "7d"
        p = subprocess.Popen(command(kind, out, new), env={**os.environ, **ENV}, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.05) * duration)
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = snapshot(out)
        assert now in (expected["7d"], expected["14d"]), (trial, p.returncode, _diff(now, expected))  # old or new, whole
        consistent(out, kind)
        current = "7d" if now == expected["7d"] else "14d"
    run(kind, out, current)  # the next run tidies up what the killed ones left
    assert snapshot(out) == expected[current]
    assert sorted(os.listdir(out.parent)) == ["site"]


def test_two_split_exports_into_one_folder(tmp_path):
    out = tmp_path / "feeds"
    runs = [
        subprocess.Popen(command("split", out, warn), env={**os.environ, **ENV}, stderr=subprocess.PIPE, text=True)
        for warn in ("7d", "14d")
    ]
    assert [p.wait() for p in runs] == [0, 0], [p.stderr.read() for p in runs]
    consistent(out, "split")
    assert sorted(os.listdir(tmp_path)) == ["feeds"]
