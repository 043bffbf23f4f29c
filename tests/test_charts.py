"""The Gantt chart and the årshjul: the figures' structure is the events table's."""

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


def test_gantt_one_bar_per_window_and_one_marker_per_deadline(plan):
    fig = charts.gantt(plan, today=date(2026, 11, 22))
    ev = charts.gantt_events(plan)
    n = {k: len(ev[ev["kind"] == k]) for k in ("drafting", "validity", "deadline", "milestone")}
    bars = {m: len(traces(fig, m)[0].x) for m in ("drafting", "validity", "carried")}
    assert bars["drafting"] == n["drafting"] == 16 + 4 + 4  # budget quarters, four yearly agreement windows, …
    assert bars["validity"] + bars["carried"] == n["validity"] == 8
    assert len(traces(fig, "deadline")[0].x) == n["deadline"]
    assert len(traces(fig, "milestone")[0].x) == n["milestone"]
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
    assert len(traces(fig, "drafting")[0].x) == 16 + 4 + 4 * len(plan.units)  # the document row itself is empty


def test_wheel_arcs_and_marks_are_the_years_events(plan):
    fig = charts.wheel(plan, 2027, today=date(2027, 5, 1))
    ev = charts.wheel_events(plan, 2027)
    assert len(traces(fig, "drafting")[0].theta) == len(ev[ev["kind"] == "drafting"])
    assert len(traces(fig, "deadline")[0].theta) == len(ev[ev["kind"] == "deadline"])
    assert len(traces(fig, "milestone")[0].theta) == len(ev[ev["kind"] == "milestone"])
    budget_q1 = [
        w for w, th in zip(traces(fig, "drafting")[0].width, traces(fig, "drafting")[0].theta, strict=True) if th < 90
    ]
    assert pytest.approx(min(budget_q1), abs=0.5) == 90 * 365 / 365 - 1.2  # Q1 2027: 90 days of 365
    today = traces(fig, "today")[0]
    assert today.theta[0] == pytest.approx(120 * 360 / 365)  # 1 May is day 121
    assert list(fig.layout.polar.angularaxis.ticktext)[:2] == ["jan", "feb"]


def test_wheel_outside_the_term_is_an_error(plan):
    from cycle.errors import CycleError

    with pytest.raises(CycleError):
        charts.wheel(plan, 2031)


@pytest.mark.slow
def test_html_is_deterministic_and_self_contained(run, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run("gantt", "--today", "2026-11-22", "-o", a).code == 0
    assert run("gantt", "--today", "2026-11-22", "-o", b).code == 0
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert 'id="cycle-gantt"' in text and '<script src="http' not in text and len(text) > 3_000_000
    c = tmp_path / "c.html"
    assert run("gantt", "--plotlyjs", "cdn", "-o", c).code == 0 and c.stat().st_size < 500_000
    assert run("wheel", "--year", "2027", "-o", tmp_path / "w.html").code == 0


def test_unknown_image_type(run, tmp_path):
    r = run("gantt", "-o", tmp_path / "g.pdf")
    assert r.code == 2 and "'.pdf'" in r.err


@pytest.mark.browser
@pytest.mark.slow
def test_png_and_svg_through_kaleido_and_chromium(run, tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium")
    png, svg = tmp_path / "g.png", tmp_path / "w.svg"
    assert run("gantt", "--today", "2026-11-22", "-o", png).code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    assert run("wheel", "--year", "2027", "-o", svg).code == 0
    assert b"<svg" in svg.read_bytes()[:500]


def test_image_without_kaleido_says_what_to_install(run, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_kaleido(name, *args, **kwargs):
        if name == "kaleido":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_kaleido)
    r = run("gantt", "-o", tmp_path / "g.png")
    assert r.code == 2 and "pip install 'cycle[images]'" in r.err and "chromium" in r.err
    assert not (tmp_path / "g.png").exists()
