"""The progress ledger applied to a plan: its deadlines' statuses in the events table.

Outside :mod:`cycle.plan` on purpose: the plan (and its cache) does not depend on the status file
or on the day; this step runs after it, for every command that builds a plan.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .apply import apply_progress
from .progress import progress
from .read import Ledger, read_ledger


def attach(
    plan,
    status: Ledger | str | Path | None = None,
    *,
    day: date,
    clock: date | None = None,
    own_units: bool = True,
    cache: bool = False,
):
    """``plan`` with the status file applied as of ``day`` (``plan.events`` gains the statuses,
    ``plan.ledger`` and ``plan.progress`` are set). ``status`` defaults to the model's own, which
    speaks of the model's units: only when ``own_units``. The file's dates may not lie after
    ``clock`` (default: today) or ``day``. Without any status file the plan is left as it is."""
    if status is None and own_units:
        status = plan.model.status_path
    if not isinstance(status, Ledger) and not status:  # an empty Ledger is one all the same
        return plan
    from ..plan import Plan, build_plan

    ledger = status if isinstance(status, Ledger) else read_ledger(status)

    def plan_for(term) -> Plan:  # another term's plan, to check the ledger's rows of that term
        return Plan(plan.model, term, build_plan(plan.model, term, plan.units, cache=cache).events, plan.units)

    table = progress(plan, ledger, day=day, today=max(day, clock or date.today()), plan_for=plan_for)
    plan.events = apply_progress(plan.events, table, term_label=plan.term.label, day=day)
    plan.ledger, plan.progress = ledger, table
    return plan
