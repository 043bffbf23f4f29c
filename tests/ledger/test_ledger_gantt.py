"""The Gantt chart draws met and overdue deadlines apart, each with its symbol and legend word.

The example status file (calendars/lemvig-status.csv) as of 1 March 2027, read by hand: of the
2026 deadlines, the budget proposal, the budget, the accounts, the auditor's report and the
accounts to the supervisory authority were met (5 done); the half-year accounts came a week late
(1 late); the vision, policies, strategies, the executive board's strategy and the agreement
documents (3 of 12 units) are overdue (5 overdue, the agreements drawn once for all units).
"""

from __future__ import annotations

from datetime import date

from cycle.ledger import attach
from cycle.plan import build_plan
from cycle.views.charts import gantt


def test_gantt_marks_done_late_and_overdue_deadlines():
    day = date(2027, 3, 1)
    plan = attach(build_plan("lemvig", 2026), day=day, clock=date(2026, 11, 22))
    fig = gantt(plan, today=day)
    by_meta = {trace.meta: trace for trace in fig.data}
    counts = {s: len(by_meta[f"deadline-{s}"].x) for s in ("done", "late", "overdue")}
    # the example ledger: nine of 2026's municipal deadlines met (the accounts, Danmarks Statistik,
    # the budget's proposal, readings, consultation and amendments), the half-year accounts late
    assert counts == {"done": 9, "late": 1, "overdue": 5}
    names = {by_meta[f"deadline-{s}"].name for s in ("done", "late", "overdue")}
    assert names == {"Frist: rettidigt ✔", "Frist: for sent ✔", "Frist: overskredet ⚠"}
    symbols = {by_meta[f"deadline-{s}"].marker.symbol for s in ("done", "late", "overdue")}
    assert len(symbols | {by_meta["deadline"].marker.symbol}) == 4  # a symbol each, not colour alone
    # Every deadline is still drawn exactly once.
    total = sum(len(t.x) for t in fig.data if str(t.meta).startswith("deadline"))
    plain = gantt(build_plan("lemvig", 2026), today=day)
    assert total == len(next(t for t in plain.data if t.meta == "deadline").x)
