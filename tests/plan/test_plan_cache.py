"""The plan cache's key follows the code that builds the table, found by walking the imports of
cycle/plan/: a module added or changed anywhere in that code changes the key; a view does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cycle
from cycle.plan import cache

PACKAGE = Path(cycle.__file__).resolve().parent


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the cycle package to change."""
    copy = tmp_path / "cycle"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def stamp(package: Path) -> bytes:
    return cache.code_stamp(package / "plan")


def test_the_walk_finds_the_scheduling_code_and_not_the_views():
    found = {p.relative_to(PACKAGE).as_posix() for p in cache.code_files()}
    # What the table depends on, named by hand: the loader, the term, working days, units,
    # the words of summaries and notes, errors, and every module of the plan itself.
    assert {"period.py", "workdays.py", "units.py", "i18n.py", "errors.py"} <= found
    assert {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "plan").glob("*.py")} <= found
    assert {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "model").rglob("*.py")} <= found
    assert not {f for f in found if f.startswith(("views/", "cli/", "ledger/"))}


@pytest.mark.parametrize(
    "path",
    [
        "plan/new_step.py",
        "plan/sub/deeper.py",
        "model/new_schema.py",
        "period.py",
        "workdays.py",
        "i18n.py",
        "units.py",
    ],
)
def test_adding_or_changing_a_module_of_the_scheduling_code_changes_the_key(package, path):
    before = stamp(package)
    target = package / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert stamp(package) != before


def test_a_module_the_plan_starts_to_import_changes_the_key(package):
    (package / "horizons.py").write_text("YEARS = 1\n", encoding="utf-8")
    before = stamp(package)
    with (package / "plan" / "horizon.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom ..horizons import YEARS  # noqa\n")
    changed = stamp(package)
    (package / "horizons.py").write_text("YEARS = 2\n", encoding="utf-8")
    assert len({before, changed, stamp(package)}) == 3


def test_a_view_does_not_change_the_key(package):
    before = stamp(package)
    (package / "views" / "new_chart.py").write_text("X = 1\n", encoding="utf-8")
    with (package / "views" / "due.py").open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert stamp(package) == before
