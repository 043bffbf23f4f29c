"""A deadline that an edit moves across New Year keeps its UID: the UID names the rule's
occurrence (the year of the date the rule counts from), not the year the date lands in. So a
calendar updates the event (SEQUENCE moves) instead of keeping the old one beside a new one.

Dates by hand: 18 December is a Friday in 2026, a Saturday in 2027 (a "senest" deadline moves
back to Friday 17th), a Monday in 2028 and a Tuesday in 2029. Three weeks later, 8 January, is a
Thursday in 2026, a Friday in 2027, a Saturday in 2028 (back to Friday 7th) and a Monday in 2029.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from cycle import build_plan
from cycle.plan import uid as uids

MODEL = """
[model]
id = "test"
[[document]]
id = "budget"
title = "Budget"
level = "politisk"
source = "test"
[[document.deadline]]
rrule = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=18"
"""


def model(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "test.toml"
    path.write_text(MODEL + extra, encoding="utf-8")
    return path


def deadlines(path: Path) -> dict[str, str]:
    ev = build_plan(path, 2026).events
    return {u: s.date().isoformat() for u, s in ev.loc[ev["kind"] == "deadline", ["uid", "start"]].values}


def test_a_deadline_moved_into_january_keeps_its_uid(tmp_path):
    before = deadlines(model(tmp_path))
    assert before == {
        "test.2026.budget.f2026-1@cycle": "2026-12-18",
        "test.2026.budget.f2027-1@cycle": "2027-12-17",
        "test.2026.budget.f2028-1@cycle": "2028-12-18",
        "test.2026.budget.f2029-1@cycle": "2029-12-18",
    }
    after = deadlines(model(tmp_path, 'offset = "+3w"\n'))
    assert after == {
        "test.2026.budget.f2025-1@cycle": "2026-01-08",  # December 2025's, moved into the term
        "test.2026.budget.f2026-1@cycle": "2027-01-08",
        "test.2026.budget.f2027-1@cycle": "2028-01-07",
        "test.2026.budget.f2028-1@cycle": "2029-01-08",
    }  # December 2029's lands in 2030: the next term's plan lists it


def test_the_plan_of_a_uid_is_found_for_a_moved_deadline(tmp_path):
    assert uids.parse("test.2026.budget.f2025-1@cycle").plan_year == 2026
    assert uids.parse("test.2030.budget.f2029-1@cycle").plan_year == 2030
    assert uids.parse("lemvig.2022.politisk-vision.g2026-1@cycle").plan_year == 2026  # carried over
    path = model(tmp_path, 'offset = "+3w"\n')
    assert build_plan(path, 2030).explain("test.2030.budget.f2029-1@cycle")["start"] == "2030-01-08"


@pytest.mark.slow
def test_a_calendar_updates_the_moved_event_instead_of_adding_one(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    out = tmp_path / "frister.ics"
    assert run("ical", "--model", model(tmp_path), "--period", "2026", "-o", out).code == 0
    assert run("ical", "--model", model(tmp_path, 'offset = "+3w"\n'), "--period", "2026", "-o", out).code == 0
    seq = {str(e["UID"]): int(e["SEQUENCE"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert seq == {
        "test.2026.budget.f2025-1@cycle": 0,
        "test.2026.budget.f2026-1@cycle": 1,
        "test.2026.budget.f2027-1@cycle": 1,
        "test.2026.budget.f2028-1@cycle": 1,
    }
    r = run("explain", "test.2026.budget.f2025-1@cycle", "--model", model(tmp_path, 'offset = "+3w"\n'))
    assert r.code == 0 and "2026-01-08" in r.out
