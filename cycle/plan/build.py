"""The plan: a model, a term and the units → the events table, optionally through the cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CycleError
from ..i18n import t
from ..model import Model, load_model
from ..period import Term, parse_term, term_for, term_of_year
from ..units import load_units
from . import uid as uids
from .schedule import schedule
from .table import EVENT_COLUMNS, events_table, note_in


@dataclass
class Plan:
    """A model's events for one election period."""

    model: Model
    term: Term
    events: pd.DataFrame
    units: pd.DataFrame | None = None
    #: The status file applied (:func:`cycle.ledger.attach`) and its table, one row per deadline.
    ledger: object | None = None
    progress: pd.DataFrame | None = None
    #: What the meetings make wrong without making it impossible (a treatment after its
    #: deadline), found when the plan is built (not when it is read from the cache).
    problems: list[CycleError] = field(default_factory=list)

    def explain(self, uid: str, lang: str = "da") -> dict[str, str]:
        """How one event's date came about: the rule, its source, anchor, offset and shift
        (every column of its row as text; the note in ``lang``)."""
        found = np.flatnonzero(self.events["uid"].to_numpy() == uid)
        if not len(found):
            raise _unknown(uid, self.term)
        row = self.events.iloc[int(found[0])]
        info = {k: _text(row[k]) for k in EVENT_COLUMNS}
        info["note"] = note_in(lang, info["note"], info["rule"], info["period"])
        return info


def _unknown(uid: str, term: Term) -> CycleError:
    """Not in this plan: say which term the UID's events belong to, if it is another."""
    try:
        year = uids.parse(uid).plan_year
    except CycleError:
        year = None
    if year is not None and term_of_year(year) != term:
        other = term_of_year(year).label
        return CycleError(
            t("uid_other_term", "da", uid=uid, period=other, year=year),
            t("uid_other_term", "en", uid=uid, period=other, year=year),
            key="uid",
        )
    return CycleError(f"ukendt begivenhed '{uid}'", f"unknown event '{uid}'", key="uid")


def term_of_uid(uid: str) -> Term:
    """The term of the plan that lists the event ``uid`` (not the term in the UID, which for a
    carried-over document is the document's own)."""
    return term_of_year(uids.parse(uid).plan_year)


def _text(value) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def build_plan(
    model: Model | str | Path = "lemvig",
    period: Term | int | str | None = None,
    units: pd.DataFrame | str | Path | None = None,
    *,
    today: date | None = None,
    cache: bool = False,
) -> Plan:
    """Build the events table. ``period`` is any year of the term (default: today's term);
    ``units`` a units file or table (default: the model's own example units, if any);
    ``cache`` reads and keeps the table in the on-disk cache (:mod:`cycle.plan.cache`).
    The progress columns stay empty: :func:`cycle.ledger.attach` fills them."""
    if not isinstance(model, Model):
        model = load_model(model)
    term = (
        period
        if isinstance(period, Term)
        else term_for(today or date.today())
        if period is None
        else parse_term(period)
    )
    if units is None and model.units_path is not None:
        units = model.units_path
    if units is not None and not isinstance(units, pd.DataFrame):
        units = load_units(units)
    problems: list[CycleError] = []
    return Plan(model, term, _events(model, term, units, cache, problems), units, problems=problems)


def _events(
    model: Model, term: Term, units: pd.DataFrame | None, cache: bool, problems: list[CycleError]
) -> pd.DataFrame:
    """The events table, built (collecting ``problems``) or read from the cache."""
    if not cache:
        return events_table(model, term, schedule(model, term, problems), units)
    from . import cache as plan_cache

    k = plan_cache.key(model.files, term.label, units)
    events = plan_cache.load(k)
    if events is None:
        events = events_table(model, term, schedule(model, term), units)
        plan_cache.store(k, events)
    return events
