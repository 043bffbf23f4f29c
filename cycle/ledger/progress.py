"""Status per deadline, as of a day: ``done`` (on or before the deadline), ``late`` (done after
it), ``overdue`` (not done and the deadline has passed) or ``open``.

>>> from cycle.plan import build_plan
>>> from cycle.ledger import empty_ledger
>>> t = progress(build_plan("lemvig", 2026), empty_ledger(), day=date(2027, 1, 4))
>>> t[t["document"] == "politisk-vision"][["deadline", "status", "days_late"]].astype(str).values.tolist()
[['2026-12-30', 'overdue', '5']]
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..period import Term
from .match import deadline_events, match, resolve
from .read import Ledger

STATUSES = ("done", "late", "overdue", "open")
#: One row per deadline of the term.
PROGRESS_COLUMNS = [
    "uid",
    "document",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "per_unit",
    "year",
    "deadline",
    "unit",
    "unit_name",
    "area",
    "director",
    "owner",
    "status",
    "done",
    "days_late",
    "reference",
    "note",
]
#: The ways a report can group its summary.
GROUPINGS = ("document", "unit", "area", "director")


def progress(
    plan,
    ledger: Ledger,
    *,
    day: date,
    today: date | None = None,
    plan_for: Callable[[Term], object] | None = None,
) -> pd.DataFrame:
    """Every deadline of the plan's term with its status as of ``day``.

    The whole status file is checked first (``today``, default the clock, bounds its dates),
    its rows of other terms against those terms' plans (``plan_for``, default a fresh build).
    A date recorded after ``day`` does not count yet: the report reads as it would have on ``day``.
    """
    today = today or date.today()
    rows = resolve(ledger, plan.model, plan.units, today)
    built: dict[str, pd.DataFrame] = {plan.term.label: plan.events}

    def events_of(term: Term) -> pd.DataFrame:
        if term.label not in built:
            if plan_for is None:
                from ..plan import build_plan

                built[term.label] = build_plan(plan.model, term, plan.units).events
            else:
                built[term.label] = plan_for(term).events
        return built[term.label]

    per_unit = {d.id for d in plan.model.documents.values() if d.per_unit}
    matched = match(ledger, rows, events_of, per_unit)
    return statuses(plan, matched, day)


def statuses(plan, matched: pd.DataFrame, day: date) -> pd.DataFrame:
    """The term's deadlines joined with the matched rows (``uid``, ``done``, ``reference``,
    ``note``), each with its status and days late as of ``day``."""
    dl = deadline_events(plan.events).rename(columns={"start": "deadline"})
    # The table's note is the ledger's (the rule's own note stays in the events table).
    dl = dl.drop(columns=["note", "status", "done", "reference"], errors="ignore").join(
        matched.set_index("uid")[["done", "reference", "note"]], on="uid"
    )
    for col in ("reference", "note"):
        dl[col] = dl[col].fillna("").astype(str)
    dl["per_unit"] = dl["unit"] != ""
    units = plan.units if plan.units is not None else pd.DataFrame(columns=["id", "area", "director"])
    dl = dl.merge(units[["id", "area", "director"]].rename(columns={"id": "unit"}), on="unit", how="left")
    dl[["area", "director"]] = dl[["area", "director"]].fillna("")

    as_of = pd.Timestamp(day)
    done = pd.to_datetime(dl["done"])
    done = done.where(done <= as_of)  # recorded later than the report's day: not known yet
    known = done.notna()
    dl["status"] = np.select(
        [known & (done <= dl["deadline"]), known, dl["deadline"] < as_of], ["done", "late", "overdue"], "open"
    )
    late = (done - dl["deadline"]).dt.days
    overdue = (as_of - dl["deadline"]).dt.days
    dl["days_late"] = np.select([dl["status"] == "late", dl["status"] == "overdue"], [late, overdue], 0).astype(int)
    dl["done"] = done
    return dl[PROGRESS_COLUMNS].reset_index(drop=True)


def summary(table: pd.DataFrame, *, by: str = "document", through: date | None = None) -> pd.DataFrame:
    """Counts per ``by`` (document, unit, area or director) and year: done, late, overdue, open.
    ``through`` keeps the years up to its year (later years are all open)."""
    if through is not None:
        table = table[table["year"] <= through.year]
    if table.empty:
        return pd.DataFrame(columns=[by, "year", *STATUSES])
    counts = pd.crosstab([table[by], table["year"]], table["status"]).reindex(columns=list(STATUSES), fill_value=0)
    # Documents in the plan's order (deadline, level, chain); units, areas, directors by name.
    seen = table[[by, "year"]].drop_duplicates().reset_index(drop=True)
    out = seen.join(counts, on=[by, "year"])
    order = ["year"] if by == "document" else ["year", by]
    out = out.sort_values(order, key=_collate, kind="stable")
    return out[[by, "year", *STATUSES]].reset_index(drop=True)


def _collate(s: pd.Series) -> pd.Series:
    return s.str.casefold() if s.dtype == object else s


def selection(table: pd.DataFrame, *, day: date, upcoming: int) -> pd.DataFrame:
    """The deadlines a report lists: every one due by ``day`` plus ``upcoming`` days, and those
    already done ahead of their deadline."""
    horizon = pd.Timestamp(day + timedelta(days=upcoming))
    keep = (table["deadline"] <= horizon) | table["status"].isin(["done", "late"])
    return table[keep]


def overdue(table: pd.DataFrame) -> pd.DataFrame:
    """The overdue deadlines, longest overdue first."""
    return table[table["status"] == "overdue"].sort_values(["days_late", "unit"], ascending=[False, True])


def upcoming(table: pd.DataFrame, *, day: date, days: int) -> pd.DataFrame:
    """The open deadlines in the next ``days`` days (from ``day`` on)."""
    first, last = pd.Timestamp(day), pd.Timestamp(day + timedelta(days=days))
    return table[(table["status"] == "open") & table["deadline"].between(first, last)]
