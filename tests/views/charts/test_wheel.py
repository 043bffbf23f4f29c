"""The årshjul: its arcs and marks are the year's events, every deadline and milestone has a
label, and the rings are the levels, the chain or the statutory year as asked."""

from __future__ import annotations

import itertools
import math
import tomllib
from datetime import date

import pytest

from cycle import build_plan
from cycle.errors import CycleError
from cycle.views import charts
from tests.conftest import CALENDARS


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def of_year(plan, kind, year, **where):
    """Distinct (document, start, end, period) of a kind starting in ``year``, from the table."""
    ev = plan.events[(plan.events["kind"] == kind) & (plan.events["start"].dt.year == year)]
    for key, value in where.items():
        ev = ev[ev[key] == value]
    return ev.drop_duplicates(["document", "start", "end", "period"])


def labels(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def test_arcs_and_marks_are_the_years_events(plan):
    fig = charts.wheel(plan, 2027, today=date(2027, 5, 1))
    # no window of Lemvig's crosses 1 January or 31 December 2027: each counts in its start year
    assert len(traces(fig, "drafting")) == len(of_year(plan, "drafting", 2027)) == 4 + 1  # budget, agreements
    assert len(traces(fig, "validity")) == len(of_year(plan, "validity", 2027)) == 4
    marks = {k: len(of_year(plan, k, 2027)) for k in ("deadline", "milestone")}
    assert len(traces(fig, "deadline")[0].x) == marks["deadline"]
    assert len(traces(fig, "milestone")[0].x) == marks["milestone"]
    today = traces(fig, "today")[0]
    cx, cy = charts.PAGE[0] / 2, charts.PAGE[1] / 2 - 6
    angle = math.degrees(math.atan2(today.x[1] - cx, today.y[1] - cy)) % 360
    assert angle == pytest.approx((120 + 0.5) * 360 / 365, abs=0.01)  # 1 May is day 121, at noon


def test_every_deadline_and_milestone_has_a_label(plan):
    fig = charts.wheel(plan, 2026, today=date(2026, 11, 22))
    ev = plan.events[plan.events["kind"].isin(["deadline", "milestone"]) & (plan.events["start"].dt.year == 2026)]
    distinct = ev.drop_duplicates(["document", "kind", "start"])
    texts = [a.text for a in labels(fig, "mark-label")]
    assert len(texts) == len(distinct) > 16  # the law's and Lemvig's dates of 2026, each labelled
    arcs = [t for t in fig.data if t.meta in ("drafting", "validity", "carried")]
    assert len(texts) + len(arcs) >= 20  # a wheel of 20+ items
    assert sum("30. dec." in s for s in texts) == 5  # the chain's adoptions (DOMAIN.md)
    assert any("15. sep." in s and "Budgetforslaget oversendt" in s for s in texts)  # the law: 15 September
    leaders = traces(fig, "leaders")[0]
    assert [x for x in leaders.x].count(None) == len(texts)  # each label its leader line


def test_rings_by_level_have_headers_in_the_centre_the_name(plan):
    fig = charts.wheel(plan, 2026, today=date(2026, 11, 22))
    words = {a.text for a in labels(fig, "curved")}
    assert {"Politisk", "Administrativt"} <= words
    middle = [a.text for a in fig.layout.annotations if a.x == charts.PAGE[0] / 2]
    assert "<b>2026</b>" in middle and "Lemvig Kommune" in middle  # the name, not the id
    assert "lemvig" not in " ".join(middle)


def test_the_chain_and_the_statutory_year(plan):
    chain = charts.wheel(plan, 2027, rings="chain")
    drawn = {t.name for t in chain.data if t.meta in ("drafting", "validity", "carried")}
    assert drawn == {"Udarbejdelse", "Gyldighedsperiode"}
    phased = set(plan.events.loc[plan.events["kind"].isin(["drafting", "validity"]), "document"])
    assert phased == {
        "politisk-vision",
        "politikker",
        "strategier",
        "budget",
        "direktionens-strategi",
        "aftaledokumenter",
    }
    chain_marks = plan.events[
        plan.events["document"].isin(phased) & plan.events["kind"].isin(["deadline", "milestone"])
    ]
    assert len(labels(chain, "mark-label")) == len(
        chain_marks[chain_marks["start"].dt.year == 2027].drop_duplicates(["document", "kind", "start"])
    )
    statutory = charts.wheel(plan, 2027, rings="statutory")
    dk = {d["id"] for d in tomllib.loads((CALENDARS / "dk.toml").read_text(encoding="utf-8"))["document"]}
    ev = plan.events[plan.events["document"].isin(dk) & (plan.events["start"].dt.year == 2027)]
    assert not traces(statutory, "drafting")  # the statutory year is dates
    assert len(labels(statutory, "mark-label")) == len(ev.drop_duplicates(["document", "kind", "start"]))
    ids = charts.wheel(plan, 2027, rings="budgetforslag,budget-vedtagelse")
    # 2027: the statutory deadlines 15 September and 15 October (DOMAIN.md) and Lemvig's meetings
    assert sorted(a.text.split("</span> ")[1].replace("<br>", " ") for a in labels(ids, "mark-label")) == [
        "1. sep. Behandling: Økonomiudvalget behandler budgetforslaget (antaget dato)",
        "13. okt. Behandling: Budget, 2. behandling i kommunalbestyrelsen (antaget dato)",
        "15. okt. Lovfrist: Budgettet vedtaget (2. behandling)",
        "15. sep. Lovfrist: Budgetforslaget oversendt til kommunalbestyrelsen",
    ]


def test_unknown_ring_is_one_line(run, tmp_path):
    r = run("wheel", "--rings", "budget,nope", "-o", tmp_path / "w.html")
    assert r.code == 2 and "'nope'" in r.err and "--rings" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "w.html").exists()


def test_outside_the_term_is_an_error(plan):
    with pytest.raises(CycleError):
        charts.wheel(plan, 2031)


def test_label_columns_never_overlap_by_layout(plan):
    """The labels beside the wheel, by the layout's own measure (the browser test measures the
    drawn text): in each column no two labels share a line."""
    fig = charts.wheel(plan, 2026, rings="documents")
    for side in ("left", "right"):
        column = sorted(
            (a.y, a.text.count("<br>") + 1, a.font.size) for a in labels(fig, "mark-label") if a.xanchor == side
        )
        for (y0, n0, size), (y1, n1, _) in itertools.pairwise(column):
            assert y1 - y0 >= (n0 + n1) / 2 * size * 1.3
        # inside the sheet, under the title and above the legend
        assert all(
            y - n * size * 1.3 / 2 >= 58 and y + n * size * 1.3 / 2 <= charts.PAGE[1] - 58 for y, n, size in column
        )
