"""The query's kept plan (:mod:`cycle.ledger.memo`): ``cycle due`` asked again reads it instead of
building the plan, and a changed status file, units file or day is never answered from it.

Expected values from the example status file (calendars/lemvig-status.csv), read by hand: 9 of
the 12 units concluded their 2026 agreement by 22 November; the jobcenter had not.
"""

from __future__ import annotations

import shutil

import pytest

import cycle.plan
from tests.conftest import CALENDARS

AGREEMENTS = "Frist: Aftaledokument indgået (12 enheder)"


@pytest.fixture
def status(tmp_path, monkeypatch):
    """A copy of the example status file, and a cache of this test's own."""
    monkeypatch.setenv("CYCLE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "status.csv"
    shutil.copy(CALENDARS / "lemvig-status.csv", path)
    return path


@pytest.fixture
def builds(monkeypatch):
    """How many plans were built (a kept plan builds none)."""
    made = []
    build = cycle.plan.build_plan

    def counted(*args, **kwargs):
        made.append(args)
        return build(*args, **kwargs)

    monkeypatch.setattr(cycle.plan, "build_plan", counted)
    return made


def agreements(out: str) -> str:
    return next(line for line in out.splitlines() if AGREEMENTS in line)


def test_a_query_asked_again_reads_its_kept_plan(run, status, builds):
    first = run("due", "--status", status)
    assert first.code == 0 and agreements(first.out).endswith("— 9 ✔ rettidigt")
    assert builds  # the 2026-2029 plan (and 2022-2025's, whose deadlines the file's 2025 rows name)
    builds.clear()
    again = run("due", "--status", status)
    assert again.out == first.out and builds == []
    assert len(list((status.parent / "cache").glob("query-*.pkl"))) == 1


def test_a_changed_status_file_is_read_again(run, status, builds):
    run("due", "--status", status)
    with status.open("a", encoding="utf-8") as f:
        f.write("aftaledokumenter,2026,jobcenter,2026-11-21,Sag 26/2109,\n")
    builds.clear()
    after = run("due", "--status", status)
    assert after.code == 0 and agreements(after.out).endswith("— 10 ✔ rettidigt")
    assert builds


def test_another_day_or_other_units_is_not_answered_from_the_kept_plan(run, status, builds, monkeypatch, tmp_path):
    run("due", "--status", status)
    builds.clear()
    monkeypatch.setenv("CYCLE_TODAY", "2026-11-23")
    run("due", "--status", status)
    assert builds  # today moved: overdue counts move with it
    units = tmp_path / "units.csv"
    shutil.copy(CALENDARS / "lemvig-units.csv", units)
    run("due", "--status", status, "--units", units)
    builds.clear()
    units.write_text(units.read_text(encoding="utf-8").replace("Jobcenter", "Jobcenteret"), encoding="utf-8")
    run("due", "--status", status, "--units", units)
    assert builds


def test_without_a_cache_nothing_is_kept(run, status, builds, monkeypatch):
    monkeypatch.setenv("CYCLE_NO_CACHE", "1")
    run("due", "--status", status)
    builds.clear()
    run("due", "--status", status)
    assert builds and not (status.parent / "cache").exists()
