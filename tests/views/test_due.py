"""What is due in a quarter: sections, folding per-unit events into one line, and the text."""

from __future__ import annotations

import csv

import pytest

from cycle import Quarter, build_plan
from cycle.errors import CycleError
from cycle.views.due import due, items
from tests.conftest import CALENDARS


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def unit_names() -> list[str]:
    """The example units' names, read from the file (its first line is a comment), in the order
    of their ids: the events table's order within a day."""
    with (CALENDARS / "lemvig-units.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [name for _, name in sorted((row["id"], row["name"]) for row in rows)]


def test_per_unit_events_fold_into_one_item_naming_every_unit(plan):
    d = due(plan, Quarter(2026, 4))
    agreements = [i for i in items(d["drafting"]) if i.summary.startswith("Aftaledokumenter")]
    assert len(agreements) == 1  # one window for every unit, 1 January – 31 December 2026
    assert agreements[0].when == "1. jan. – 31. dec. 2026"  # the year said once
    assert list(agreements[0].units) == unit_names()
    assert len(unit_names()) == 12 and agreements[0].units[0] == "Borgerservice"  # its id, borgerservice, sorts first
    vision = [i for i in items(d["deadlines"]) if i.summary == "Frist: Politisk vision vedtages"]
    # municipality-wide; 30 December 2026 is a Wednesday in ISO week 53 (2026 has 53 weeks)
    assert [(v.when, v.units) for v in vision] == [("ons. 30. dec. 2026 (uge 53)", ())]


def test_a_unit_sees_its_own_and_the_municipalitys_events(plan):
    d = due(plan, Quarter(2026, 4), units=["lemvig-skole"])
    assert set(d["drafting"]["unit"]) == {"", "lemvig-skole"}


def test_quarters_outside_the_term_are_refused(plan):
    with pytest.raises(CycleError) as e:
        due(plan, Quarter(2030, 1))
    assert "2030Q1" in str(e.value) and "2026-2029" in str(e.value)


def test_due_text_is_danish_and_folds_units(run):
    r = run("due", "--quarter", "2026Q4")
    assert "Udarbejdelse:" in r.out and "Frist: Politisk vision vedtages" in r.out
    assert f"Aftaledokumenter: udarbejdelse ({len(unit_names())} enheder)" in r.out
    assert "Deadline: Political vision adopted" in run("due", "--quarter", "2026Q4", "--lang", "en").out
