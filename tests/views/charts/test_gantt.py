"""The election-period Gantt chart: its bars and marks are the events table's, every drafting
window stays visible, every mark on a document's row is labelled, and 60 units read in groups."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from cycle import build_plan
from cycle.views import charts
from cycle.views.charts.gantt import MARK_Y
from tests.conftest import DATA

UNITS_60 = DATA / "units-60.csv"


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


@pytest.fixture(scope="module")
def fig(plan):
    return charts.gantt(plan, today=date(2026, 11, 22))


def traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def windows(plan, kind, **where):
    """Distinct (document, start, end, period) of a kind, straight from the events table."""
    ev = plan.events[plan.events["kind"] == kind]
    for key, value in where.items():
        ev = ev[ev[key] == value]
    return ev.drop_duplicates(["document", "start", "end", "period"])


def row_of(fig, label):
    return list(fig.layout.yaxis.ticktext).index(label)


def boxes(trace, row=None):
    """Each bar of a horizontal bar trace (in ``row``) as (y0, y1, x0, x1): rows and days."""
    out = []
    for y, base, ms in zip(trace.y, trace.base, trace.x, strict=True):
        x0 = datetime.fromisoformat(base)
        if row is None or y == row:
            out.append((y + trace.offset, y + trace.offset + trace.width, x0, x0 + timedelta(milliseconds=ms)))
    return out


def test_one_bar_per_window_and_one_marker_per_deadline(plan, fig):
    bars = {m: len(traces(fig, m)[0].x) for m in ("drafting", "validity", "carried")}
    # budget: 16 quarters; vision, policies, strategies, executive strategy: 1 each; agreements: 4 years
    assert bars["drafting"] == len(windows(plan, "drafting")) == 16 + 4 + 4
    assert bars["validity"] == len(windows(plan, "validity", period="2026-2029")) == 4
    assert bars["carried"] == len(windows(plan, "validity", period="2022-2025")) == 4
    assert len(traces(fig, "deadline")[0].x) == len(windows(plan, "deadline"))
    assert len(traces(fig, "milestone")[0].x) == len(windows(plan, "milestone"))
    # per-unit rows fold: one drafting bar per year for the agreement documents, not 12 × 4
    agreements = row_of(fig, "Aftaledokumenter")
    assert list(traces(fig, "drafting")[0].y).count(agreements) == 4


def test_bars_span_their_windows(fig):
    drafting = traces(fig, "drafting")[0]
    i = list(drafting.y).index(row_of(fig, "Politisk vision"))
    assert drafting.base[i] == "2026-01-01"
    assert drafting.x[i] == 365 * 24 * 3600 * 1000  # through 31 December inclusive


def test_every_drafting_block_is_visible(plan, fig):
    """In overlay mode a bar drawn later covers an earlier one: no bar drawn after a drafting
    bar may overlap it, in rows and in days. Lemvig's year 1 is the case that matters: the
    vision of 2022-2025 is in force while its successor is drafted (DOMAIN.md)."""
    order = [t for t in fig.data if t.type == "bar" and t.x and t.x[0] is not None]
    drafting = traces(fig, "drafting")[0]
    later = [b for t in order[order.index(drafting) + 1 :] for b in boxes(t)]
    own = boxes(drafting)
    for y0, y1, x0, x1 in own:
        assert not [b for b in later if b[0] < y1 and y0 < b[1] and b[2] < x1 and x0 < b[3]]
    # and the carried-over band never shares rows with a drafting bar, though it shares days
    vision = row_of(fig, "Politisk vision")
    carried, drafted = boxes(traces(fig, "carried")[0], vision), boxes(drafting, vision)
    assert len(carried) == len(drafted) == 1
    (c, d) = carried[0], drafted[0]
    assert c[2] < d[3] and d[2] < c[3]  # same days: 2026
    assert c[1] <= d[0] or d[1] <= c[0]  # different heights in the row


def test_meaning_is_not_by_colour_alone(fig):
    colours = {m: traces(fig, m)[0].marker.line.color for m in ("drafting", "validity", "carried")}
    assert len(set(colours.values())) == 3  # each kind its own edge
    hatching = traces(fig, "hatching")[0]
    assert len([x for x in hatching.x if x is None]) > 4 * 20  # strokes across 4 carried bands of a year
    legend = traces(fig, "legend")[0]
    assert legend.fillpattern.shape == "/" and legend.name == "Gælder fra forrige valgperiode"
    assert {traces(fig, k)[0].marker.symbol for k in ("deadline", "milestone")} == {"diamond", "star"}


def test_nothing_is_clipped_at_the_edges(plan, fig):
    last = max(windows(plan, "deadline")["start"])
    assert last.date() == date(2029, 12, 28)  # beredskabsplan, the term's last working day but one
    assert fig.layout.xaxis.range[1] == "2030-01-01"
    assert all(t.cliponaxis is False for t in fig.data if t.meta in ("deadline", "milestone"))
    assert fig.layout.margin.r >= 12 / 2  # room for half a diamond beyond the axis


def key_lines(fig) -> list[str]:
    return [line for a in fig.layout.annotations if a.name == "key" for line in a.text.split("<br>")]


def test_marks_on_document_rows_are_labelled(plan, fig):
    marks = plan.events[plan.events["kind"].isin(["deadline", "milestone"])]
    distinct = marks.drop_duplicates(["document", "kind", "start"])
    labels = [a for a in fig.layout.annotations if a.name == "mark-label"]
    # one label per mark: a date, or a number in the key (numbers that would touch share one
    # label, "3,4")
    numbers = [n for a in labels if a.yanchor == "bottom" for n in a.text.split(",")]
    assert len(labels) - len({id(a) for a in labels if a.yanchor == "bottom"}) + len(numbers) == len(distinct)
    assert sorted(map(int, numbers)) == list(range(1, len(key_lines(fig)) + 1))
    texts = Counter(a.text for a in labels)
    # 2026: vision, policies, strategies, executive strategy and agreements adopted; 2027: the
    # agreements, the executive strategy's mid-term milestone, the planning strategy (31 December
    # is a closed day in Lemvig)
    assert texts["30. dec."] == 5 + 3
    assert texts["15. sep."] == 4  # the budget proposal's statutory deadline (15 September), each year
    vision = [a for a in labels if a.y == pytest.approx(row_of(fig, "Politisk vision") + MARK_Y)]
    assert ("2026-12-30", "30. dec.") in [(a.x, a.text) for a in vision]


def test_axis_today_and_rows(plan):
    fig = charts.gantt(plan, today=date(2026, 11, 22), lang="en")
    ticks = fig.layout.xaxis.ticktext
    assert len(ticks) == 16 and ticks[0] == "2026Q1<br>Year 1 Q1" and ticks[-1] == "2029Q4<br>Year 4 Q4"
    today = [s for s in fig.layout.shapes if s.name == "today"]
    assert len(today) == 1 and today[0].x0 == "2026-11-22"
    rows = list(fig.layout.yaxis.ticktext)
    assert rows[0] == "<b>Political</b>" and rows[1] == "Political vision"
    assert rows.index("<b>Administrative</b>") < rows.index("The executive board's strategy")
    assert not [s for s in charts.gantt(plan, today=date(2031, 1, 1)).layout.shapes if s.name == "today"]


@pytest.fixture(scope="module")
def units60():
    with UNITS_60.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_sixty_units_in_groups_in_danish_order(units60):
    plan = build_plan("lemvig", 2026, UNITS_60)
    fig = charts.gantt(plan, expand_units=True, height=charts.PAGE[1])
    rows = list(fig.layout.yaxis.ticktext)
    areas = Counter(u["area"] for u in units60)
    assert len(units60) == 60 and len(areas) == 6
    groups = [r for r in rows if r.startswith("\u2002\u2002<b><i>")]
    assert [g.split("<i>")[1].split("</i>")[0] for g in groups] == [
        "Dagtilbud", "Kultur, fritid og arbejdsmarked", "Skole", "Social og handicap", "Teknik og administration",
        "Ældre og sundhed",
    ]  # fmt: skip
    order = [g.split("<i>")[1].split("</i>")[0] for g in groups]
    assert [g.rsplit("(", 1)[1] for g in groups] == [f"{areas[a]} enheder)" for a in order]
    school = [r.strip("\u2002") for r in rows[rows.index(groups[2]) + 1 : rows.index(groups[3])]]
    assert school[-3:] == ["Ærøskov Skole", "Østerbyskolen", "Åbyskolen"] and school[0] == "Bøgely Skole"
    assert len(traces(fig, "drafting")[0].x) == 16 + 4 + 4 + 4 * 60  # the document row, then each unit
    assert fig.layout.height == charts.PAGE[1]  # one A3 sheet, however many rows
    # a row per unit only under the agreement documents (the one per-unit document with
    # windows); management information and dialogue meetings, marks only, keep one row each
    assert sum(r.startswith("\u2002" * 4) for r in rows) == 60
    assert len(rows) < 100  # rows tall enough to read on the sheet


def test_no_key_for_a_pattern_not_drawn():
    fig = charts.gantt(build_plan("dk", 2026))  # the base model: marks only, nothing carried over
    assert not [tr for tr in fig.data if tr.name and "forrige" in tr.name and tr.showlegend is not False]


def test_a_number_and_a_key_where_a_date_has_no_room():
    from cycle.views.charts.labels import beside

    # marks 10 px apart with 40 px labels: the first goes left, the last right, the middle one
    # gets a number
    assert beside([200, 210, 220], [40, 40, 40], left=0, right=1000, pad=6) == ["left", "key", "right"]
    # nothing crosses the chart's edge: a mark at the right edge has its date on the left
    assert beside([995], [40], left=0, right=1000, pad=6) == ["left"]


def test_numbers_that_would_touch_share_a_label():
    from cycle.views.charts.gantt import _clusters

    # at 10 px a digit is about 6 px wide, "3,4" 16 px: marks 9 px apart share "1,2"; "3,4" over
    # the mark at 80 spans 72-88, so "5" at 92 (89-95) joins it, "6" at 130 stands alone
    marks = [(0, "1", None), (9, "2", None), (80, "3", None), (90, "4", None), (92, "5", None), (130, "6", None)]
    assert [[n for _, n, _ in g] for g in _clusters(marks, 10)] == [["1", "2"], ["3", "4", "5"], ["6"]]
