"""The election-period Gantt chart: its bars and marks are the events table's."""

from __future__ import annotations

from datetime import date

import pytest

from cycle import build_plan
from cycle.views import charts


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def windows(plan, kind, **where):
    """Distinct (document, start, end, period) of a kind, straight from the events table."""
    ev = plan.events[plan.events["kind"] == kind]
    for key, value in where.items():
        ev = ev[ev[key] == value]
    return ev.drop_duplicates(["document", "start", "end", "period"])


def test_gantt_one_bar_per_window_and_one_marker_per_deadline(plan):
    fig = charts.gantt(plan, today=date(2026, 11, 22))
    bars = {m: len(traces(fig, m)[0].x) for m in ("drafting", "validity", "carried")}
    # budget: 16 quarters; vision, policies, strategies, executive strategy: 1 each; agreements: 4 years
    assert bars["drafting"] == len(windows(plan, "drafting")) == 16 + 4 + 4
    assert bars["validity"] == len(windows(plan, "validity", period="2026-2029")) == 4
    assert bars["carried"] == len(windows(plan, "validity", period="2022-2025")) == 4
    assert len(traces(fig, "deadline")[0].x) == len(windows(plan, "deadline"))
    assert len(traces(fig, "milestone")[0].x) == len(windows(plan, "milestone"))
    # per-unit rows fold: one drafting bar per year for the agreement documents, not 12 × 4
    agreements = [y for y in traces(fig, "drafting")[0].y if y == "Aftaledokumenter"]
    assert len(agreements) == 4


def test_gantt_bars_span_their_windows(plan):
    fig = charts.gantt(plan)
    drafting = traces(fig, "drafting")[0]
    i = list(drafting.y).index("Politisk vision")
    assert drafting.base[i] == "2026-01-01"
    assert drafting.x[i] == 365 * 24 * 3600 * 1000  # through 31 December inclusive


def test_gantt_axis_today_and_rows(plan):
    fig = charts.gantt(plan, today=date(2026, 11, 22), lang="en")
    ticks = fig.layout.xaxis.ticktext
    assert len(ticks) == 16 and ticks[0] == "2026Q1<br>Year 1 Q1" and ticks[-1] == "2029Q4<br>Year 4 Q4"
    today = [s for s in fig.layout.shapes if s.name == "today"]
    assert len(today) == 1 and today[0].x0 == "2026-11-22"
    years = [s for s in fig.layout.shapes if s.name != "today"]
    assert [s.x0 for s in years] == ["2027-01-01", "2028-01-01", "2029-01-01"]
    rows = list(fig.layout.yaxis.categoryarray)[::-1]
    assert rows[0] == "<b>Political</b>" and rows[1] == "Political vision"
    assert rows.index("<b>Administrative</b>") < rows.index("The executive board's strategy")
    assert fig.layout.height > 26 * len(rows)
    assert not [s for s in charts.gantt(plan, today=date(2031, 1, 1)).layout.shapes if s.name == "today"]


def test_gantt_can_expand_units(plan):
    fig = charts.gantt(plan, expand_units=True)
    rows = set(fig.layout.yaxis.categoryarray)
    assert set(f"   {n}" for n in plan.units["name"]) <= rows
    # the document row itself is empty: its four yearly windows are drawn once per unit
    assert len(plan.units) == 12
    assert len(traces(fig, "drafting")[0].x) == 16 + 4 + 4 * 12


