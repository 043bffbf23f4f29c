"""Each status on a hand-made ledger across a term boundary (expected values worked by hand)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cycle.ledger import progress, read_ledger, summary
from tests.ledger import ledger_fixtures

# The shared fixtures (a conftest here would clash with the other test folders').
model, plans, write = ledger_fixtures.model, ledger_fixtures.plans, ledger_fixtures.write

LEDGER = """\
dokument,år,enhed,vedtaget,reference,note
aftaledokumenter,2025,skole-a,2025-12-30,Sag 1,på dagen
Aftaledokumenter,2025,Plejehjem B,14-01-2026,Sag 2,dialogmøde flyttet
aftaledokumenter,2026,skole-a,20.11.2026,Sag 3,
politisk-vision,2026,,2027-01-04,KB 04.01.2027 pkt. 2,
politikker,2026,,,,udkast i høring
"""
TODAY = date(2027, 1, 10)


def row(table: pd.DataFrame, document: str, year: int, unit: str = "") -> dict:
    found = table[(table["document"] == document) & (table["year"] == year) & (table["unit"] == unit)]
    assert len(found) == 1, (document, year, unit)
    return found.iloc[0].to_dict()


@pytest.fixture
def ledger(write):
    return read_ledger(write(LEDGER))


def test_previous_term_done_on_the_day_and_late_after_new_year(plans, ledger):
    table = progress(plans[2022], ledger, day=date(2026, 2, 1), today=TODAY)
    a = row(table, "aftaledokumenter", 2025, "skole-a")
    assert (a["deadline"].date(), a["status"], a["days_late"]) == (date(2025, 12, 30), "done", 0)
    b = row(table, "aftaledokumenter", 2025, "plejehjem-b")
    # 30 Dec 2025 → 14 Jan 2026: 15 days late, although concluded in the next term's first month.
    assert (b["status"], b["days_late"], b["done"].date()) == ("late", 15, date(2026, 1, 14))
    assert (b["reference"], b["note"], b["director"], b["owner"]) == (
        "Sag 2",
        "dialogmøde flyttet",
        "Direktør S&S",
        "Leder B",
    )


def test_new_term_statuses_as_of_the_first_working_day_of_2027(plans, ledger):
    table = progress(plans[2026], ledger, day=date(2027, 1, 4), today=TODAY)
    assert row(table, "aftaledokumenter", 2026, "skole-a")["status"] == "done"
    b = row(table, "aftaledokumenter", 2026, "plejehjem-b")
    assert (b["status"], b["days_late"]) == ("overdue", 5)  # 30 Dec → 4 Jan
    vision = row(table, "politisk-vision", 2026)
    assert (vision["status"], vision["days_late"], vision["reference"]) == ("late", 5, "KB 04.01.2027 pkt. 2")
    policies = row(table, "politikker", 2026)
    assert (policies["status"], policies["note"]) == ("overdue", "udkast i høring")
    assert row(table, "aftaledokumenter", 2027, "skole-a")["status"] == "open"


def test_on_the_deadline_day_nothing_is_overdue_and_later_adoptions_do_not_count_yet(plans, ledger):
    table = progress(plans[2026], ledger, day=date(2026, 12, 30), today=TODAY)
    assert row(table, "aftaledokumenter", 2026, "plejehjem-b")["status"] == "open"
    vision = row(table, "politisk-vision", 2026)
    assert (vision["status"], pd.isna(vision["done"])) == ("open", True)


def test_summary_counts_per_document_and_year_and_per_director(plans, ledger):
    table = progress(plans[2026], ledger, day=date(2027, 1, 4), today=TODAY)
    s = summary(table, through=date(2027, 1, 4)).set_index(["document", "year"])
    assert s.loc[("aftaledokumenter", 2026)].tolist() == [1, 0, 1, 0]
    assert s.loc[("politisk-vision", 2026)].tolist() == [0, 1, 0, 0]
    assert s.loc[("aftaledokumenter", 2027)].tolist() == [0, 0, 0, 2]
    by = summary(table, by="director", through=date(2027, 1, 4)).set_index(["director", "year"])
    assert by.loc[("Direktør S&S", 2026)].tolist() == [0, 0, 1, 0]
    assert by.loc[("Direktør B&K", 2026)].tolist() == [1, 0, 0, 0]


@pytest.mark.slow
def test_the_example_ledger_as_of_march_2027(model):
    """The shipped example: nine of the twelve units concluded their 2026 agreement in time."""
    from cycle.plan import build_plan

    table = progress(
        build_plan(model, 2026),
        read_ledger(model.path.parent / "lemvig-status.csv"),
        day=date(2027, 3, 1),
        today=date(2026, 11, 22),
    )
    agreements = table[(table["document"] == "aftaledokumenter") & (table["year"] == 2026)]
    assert agreements["status"].value_counts().to_dict() == {"done": 9, "overdue": 3}
    assert set(agreements[agreements["status"] == "overdue"]["unit"]) == {"jobcenter", "teknisk-drift", "borgerservice"}
    assert set(agreements[agreements["status"] == "overdue"]["days_late"]) == {61}  # 30 Dec → 1 Mar


def validity(events: pd.DataFrame, document: str) -> list[tuple[str, str, str]]:
    rows = events[(events["document"] == document) & (events["kind"] == "validity")]
    return [(r.period, r.start.date().isoformat(), r.end.date().isoformat()) for r in rows.itertuples()]


def test_the_old_vision_is_in_force_until_the_new_one_is_actually_adopted(plans, ledger):
    """Adopted 4 Jan 2027, five days late: the 2022–2025 vision holds to 3 Jan, the new one from 4 Jan."""
    from cycle.ledger.apply import apply_progress

    plan = plans[2026]
    day = date(2027, 3, 1)
    events = apply_progress(plan.events, progress(plan, ledger, day=day, today=TODAY), term_label="2026-2029", day=day)
    assert validity(events, "politisk-vision") == [
        ("2022-2025", "2026-01-01", "2027-01-03"),
        ("2026-2029", "2027-01-04", "2029-12-31"),
    ]
    # Policies are overdue on 1 March 2027: the old ones stay in force to that day at least.
    assert validity(events, "politikker") == [
        ("2022-2025", "2026-01-01", "2027-03-01"),
        ("2026-2029", "2027-03-02", "2029-12-31"),
    ]
    vision = events[(events["document"] == "politisk-vision") & (events["kind"] == "deadline")].iloc[0]
    assert (vision["status"], vision["done"].date(), vision["reference"]) == (
        "late",
        date(2027, 1, 4),
        "KB 04.01.2027 pkt. 2",
    )
    assert list(events.columns[-3:]) == ["status", "done", "reference"]
    assert set(events[events["kind"] != "deadline"]["status"]) == {""}
