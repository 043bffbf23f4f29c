"""The årshjul: its arcs and marks are the year's events."""

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


def test_wheel_arcs_and_marks_are_the_years_events(plan):
    fig = charts.wheel(plan, 2027, today=date(2027, 5, 1))
    # no window of Lemvig's crosses 1 January or 31 December 2027: each is counted in its start year
    def of_2027(kind):
        ev = windows(plan, kind)
        return ev[ev["start"].dt.year == 2027]

    assert len(traces(fig, "drafting")[0].theta) == len(of_2027("drafting")) == 4 + 1  # budget quarters, agreements
    assert len(traces(fig, "validity")[0].theta) == len(of_2027("validity")) == 4  # the new term's documents
    assert len(traces(fig, "deadline")[0].theta) == len(of_2027("deadline"))
    assert len(traces(fig, "milestone")[0].theta) == len(of_2027("milestone"))
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


