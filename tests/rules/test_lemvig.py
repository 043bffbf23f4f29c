"""Lemvig: the seed's table reproduced cell for cell, block for block; one test per rule of
calendars/lemvig.toml with dates worked out by hand; due this quarter.

Lemvig closes on 31 December (closed_days), so a "senest" deadline at the end of a year moves to
the previous working day: 2026-12-30 (Wed), 2027-12-30 (Thu), 2028-12-29 (Fri: the 30th is a
Saturday), 2029-12-28 (Fri: the 31st is a closed Monday, the 29th-30th a weekend)."""

from __future__ import annotations

import json
import re

import pytest

from cycle import Quarter, build_plan, due
from cycle.model import load_model
from tests.conftest import DATA, ROOT

SEED = "004_2c02687985610367.txt"
WORDS = {"[Udarbejdelse]": "drafting", "[Gyldighedsperiode]": "validity"}
IDS = {
    "Politisk vision": "politisk-vision",
    "Politikker": "politikker",
    "Strategier": "strategier",
    "Budget": "budget",
    "Direktionens strategi": "direktionens-strategi",
    "Aftale-dokumenter": "aftaledokumenter",
}


def seed_text() -> str:
    text = (DATA / "seeds" / SEED).read_text(encoding="utf-8")
    shared = ROOT.parent / "shared" / "seeds" / SEED
    if shared.exists():  # the copy in tests/ is the seed itself
        assert shared.read_text(encoding="utf-8") == text
    return text


def parse_seed_table(text: str) -> dict[str, dict]:
    """The seed's table, read as DOMAIN.md reads it: a merged cell's text stands once, followed
    by empty cells, up to the next text or the row's end."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^\t\tQ1\tQ2", line))
    table = {}
    level = None
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        cells = line.split("\t")
        level = cells[0] or level
        quarters = (cells[2:] + [""] * 16)[:16]
        blocks, cell_kinds = [], [[] for _ in range(16)]
        for i, cell in enumerate(quarters):
            if cell:
                blocks.append([WORDS[cell], i, i])
            elif blocks:
                blocks[-1][2] = i
        for kind, a, b in blocks:
            for i in range(a, b + 1):
                cell_kinds[i].append(kind)
        table[IDS[cells[1]]] = {"level": level.lower(), "cells": cell_kinds, "blocks": blocks}
    return table


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def test_seed_table_has_the_six_documents():
    table = parse_seed_table(seed_text())
    assert list(table) == list(IDS.values())
    assert len(table["budget"]["blocks"]) == 16 and len(table["aftaledokumenter"]["blocks"]) == 4


def test_timeline_reproduces_the_seed_cell_for_cell_and_block_for_block(run):
    r = run("timeline", "--model", "lemvig", "--period", "2026", "--format", "json")
    assert r.code == 0
    tl = json.loads(r.out)
    quarters = tl["quarters"]
    assert quarters[0] == "2026Q1" and quarters[-1] == "2029Q4" and len(quarters) == 16
    rows = {row["document"]: row for row in tl["rows"]}
    for doc, expected in parse_seed_table(seed_text()).items():
        row = rows[doc]
        assert row["level"] == expected["level"], doc
        assert row["cells"] == expected["cells"], doc
        blocks = [[b["kind"], quarters.index(b["first"]), quarters.index(b["last"])] for b in row["blocks"]]
        assert blocks == expected["blocks"], doc
    # chain order inside each level, as the seed lists them
    chain = [r["document"] for r in tl["rows"] if r["document"] in IDS.values()]
    assert chain == list(IDS.values())


def test_due_2026q4_lists_six_drafted_documents_and_four_adoption_deadlines(run):
    r = run("due", "--quarter", "2026Q4", "--format", "json")
    assert r.code == 0
    d = json.loads(r.out)
    assert (d["quarter"], d["from"], d["to"]) == ("2026Q4", "2026-10-01", "2026-12-31")
    assert {e["document"] for e in d["drafting"]} == set(IDS.values())
    adoption = {e["document"]: e["start"] for e in d["deadlines"] if e["document"] in IDS.values() and not e["unit"]}
    assert adoption == {
        doc: "2026-12-30" for doc in ("politisk-vision", "politikker", "strategier", "direktionens-strategi")
    }
    # 31 December is a closed day in Lemvig's model: the "senest" deadline moves to the 30th
    assert all(e["shift"] == "previous" for e in d["deadlines"])


def test_previous_terms_documents_stay_in_force_until_the_successor_takes_effect(plan):
    """In force without gaps: until the day before the successor's validity starts (1 January
    2027), so 31 December 2026 too, though Lemvig's offices are closed that day."""
    d = due(plan, Quarter(2026, 2))
    in_force = d["in_force"].set_index("document")
    assert set(in_force.index) == {"politisk-vision", "politikker", "strategier", "direktionens-strategi"}
    assert set(in_force["period"]) == {"2022-2025"}
    assert set(in_force["end"].dt.date.astype(str)) == {"2026-12-31"}
    assert due(plan, Quarter(2027, 1))["in_force"]["period"].eq("2026-2029").all()


def test_midterm_evaluation_of_the_executive_boards_strategy(plan):
    ev = plan.events
    m = ev[(ev["document"] == "direktionens-strategi") & (ev["kind"] == "milestone")]
    assert m["start"].dt.date.astype(str).tolist() == ["2027-12-30"]


def test_agreement_documents_expand_per_unit(plan):
    ev = plan.events
    units = plan.units
    agreements = ev[ev["document"] == "aftaledokumenter"]
    assert set(agreements["unit"]) == set(units["id"])
    assert len(agreements) == len(units) * 8  # four yearly drafting windows and four deadlines
    leaders = dict(zip(units["id"], units["leader"], strict=True))
    assert (agreements["owner"] == agreements["unit"].map(leaders)).all()
    assert ev.loc[ev["unit"] == "", "document"].ne("aftaledokumenter").all()


def test_uids_are_unique_deterministic_and_readable(plan):
    again = build_plan("lemvig", 2026)
    assert plan.events["uid"].is_unique
    assert plan.events["uid"].tolist() == again.events["uid"].tolist()
    assert "lemvig.2026.politisk-vision.f2026-1@cycle" in set(plan.events["uid"])


# ----- one test per rule of calendars/lemvig.toml (the dk base has its own, in test_dk.py)

YEAR_ENDS = ["2026-12-30", "2027-12-30", "2028-12-29", "2029-12-28"]
#: The rules of lemvig.toml, each tested below (a new rule needs its test).
RULES = {
    "politisk-vision",
    "politikker",
    "strategier",
    "budget",
    "direktionens-strategi",
    "aftaledokumenter",
    "ledelsesinformation-enhed",
    "ledelsesinformation-direktion",
    "ledelsesinformation-kommunalbestyrelse",
    "dialogmoede-enhed",
    "borgermoede-budget",
}


def spans(plan, document: str, kind: str, unit: str = "") -> list[tuple[str, str]]:
    ev = plan.events
    ev = ev[(ev["document"] == document) & (ev["kind"] == kind) & (ev["unit"] == unit)]
    return list(zip(ev["start"].dt.strftime("%Y-%m-%d"), ev["end"].dt.strftime("%Y-%m-%d"), strict=True))


def test_every_rule_of_the_model_has_its_test():
    model, base = load_model("lemvig"), load_model("dk")
    assert set(model.documents) - set(base.documents) == RULES


@pytest.mark.parametrize("document", ["politisk-vision", "politikker", "strategier"])
def test_four_year_political_documents(plan, document):  # drafted in År 1, in force År 2-4
    assert spans(plan, document, "drafting") == [("2026-01-01", "2026-12-31")]
    assert spans(plan, document, "deadline") == [("2026-12-30", "2026-12-30")]
    assert spans(plan, document, "validity") == [("2026-01-01", "2026-12-31"), ("2027-01-01", "2029-12-31")]
    # adopted by the council at its mid-December meeting (second Wednesday), before the deadline
    assert spans(plan, document, "milestone") == [("2026-12-09", "2026-12-09")]
    treatment = plan.events.query("document == @document and kind == 'milestone'").iloc[0]
    assert treatment["summary"].startswith("Behandling: ") and treatment["summary"].endswith("(antaget dato)")
    assert plan.events.query("document == @document and kind == 'validity'")["period"].tolist() == [
        "2022-2025",
        "2026-2029",
    ]


def test_budget_is_drafted_in_all_sixteen_quarters(plan):
    got = spans(plan, "budget", "drafting")
    assert len(got) == 16
    assert got[:2] == [("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30")]
    assert got[-1] == ("2029-10-01", "2029-12-31")
    assert spans(plan, "budget", "deadline") == []  # adopted by the dk base's budget rules


def test_direktionens_strategi(plan):  # four-year, evaluated and revised mid-period
    assert spans(plan, "direktionens-strategi", "drafting") == [("2026-01-01", "2026-12-31")]
    assert spans(plan, "direktionens-strategi", "validity")[-1] == ("2027-01-01", "2029-12-31")
    # År 2 Q4 ends on Friday 31 December 2027, a closed day: the 30th
    assert spans(plan, "direktionens-strategi", "milestone") == [("2027-12-30", "2027-12-30")]


def test_aftaledokumenter_every_year_for_every_unit(plan):
    for unit in plan.units["id"]:
        assert spans(plan, "aftaledokumenter", "drafting", unit) == [
            ("2026-01-01", "2026-12-31"),
            ("2027-01-01", "2027-12-31"),
            ("2028-01-01", "2028-12-31"),
            ("2029-01-01", "2029-12-31"),
        ]
        assert [a for a, _ in spans(plan, "aftaledokumenter", "deadline", unit)] == YEAR_ENDS
    assert spans(plan, "aftaledokumenter", "drafting") == []  # only per unit


# ----- feedback (the seed's "Feedbackmekanismer"; every date an assumption, and marked so)


def test_ledelsesinformation_from_each_unit_to_its_director(plan):
    """Ten working days after each quarter: after New Year (31 December closed, 1 January a
    holiday) and Easter 2026 (2, 3 and 6 April) the count runs past the closed days."""
    unit = plan.units["id"].iloc[0]
    got = [a for a, _ in spans(plan, "ledelsesinformation-enhed", "milestone", unit)]
    assert got[:4] == ["2026-01-15", "2026-04-17", "2026-07-14", "2026-10-14"]
    assert len(got) == 16
    assert spans(plan, "ledelsesinformation-enhed", "milestone") == []  # only per unit


def test_ledelsesinformation_on_to_the_executive_board_and_the_council(plan):
    board = [a for a, _ in spans(plan, "ledelsesinformation-direktion", "milestone")]
    assert board[:4] == ["2026-01-22", "2026-04-24", "2026-07-21", "2026-10-21"]  # five working days on
    council = [a for a, _ in spans(plan, "ledelsesinformation-kommunalbestyrelse", "milestone")]
    assert council[:4] == ["2026-02-11", "2026-05-13", "2026-08-12", "2026-11-11"]  # the next council meeting
    ev = plan.events[plan.events["document"].str.startswith("ledelsesinformation")]
    assert ev["summary"].str.endswith("(antaget dato)").all()
    assert set(ev.loc[ev["document"] == "ledelsesinformation-direktion", "parties"]) == {
        "Direktører/fagchefer, Direktionen"
    }


def test_dialogmoede_per_unit_before_its_agreement(plan):
    unit = plan.units["id"].iloc[0]
    got = [a for a, _ in spans(plan, "dialogmoede-enhed", "milestone", unit)]
    assert got == ["2026-11-18", "2027-11-18", "2028-11-17", "2029-11-16"]  # six weeks before YEAR_ENDS


def test_borgermoede_in_the_budget_consultation(plan):
    got = [a for a, _ in spans(plan, "borgermoede-budget", "milestone")]
    assert got == ["2026-09-16", "2027-09-15", "2028-09-20", "2029-09-19"]  # a week after the 1st reading
    ev = plan.events
    first = ev[(ev["document"] == "budget-1-behandling") & (ev["kind"] == "milestone")]["start"].tolist()
    second = ev[(ev["document"] == "budget-vedtagelse") & (ev["kind"] == "milestone")]["start"].tolist()
    meetings = ev[ev["document"] == "borgermoede-budget"]["start"].tolist()
    assert all(f < m < s for f, m, s in zip(first, meetings, second, strict=True))


def test_feedback_reaches_due_the_unit_feeds_and_the_charts(run, tmp_path, plan):
    d = json.loads(run("due", "--quarter", "2026Q2", "--format", "json").out)
    names = {e["document"] for e in d["milestones"]}
    assert {
        "ledelsesinformation-enhed",
        "ledelsesinformation-direktion",
        "ledelsesinformation-kommunalbestyrelse",
    } <= names
    out = tmp_path / "feeds"
    assert run("ical", "--split", "unit", "-o", out).code == 0
    unit_feed = next(p for p in out.glob("*.ics") if "lemvig-skole" in p.name)
    text = unit_feed.read_bytes().decode().replace("\r\n ", "")
    assert "SUMMARY:Ledelsesinformation fra aftaleenheden til direktør/fagchef (antaget dato)" in text
    assert "SUMMARY:Dialogmøde: aftaleenhed og direktør/fagchef før aftalen (antaget dato)" in text
    from cycle.views import charts

    for fig in (charts.gantt(plan), charts.wheel(plan, 2026)):
        text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
        assert "Ledelsesinformation til kommunalbestyrelsen" in text and "Borgermøde om budgetforslaget" in text
