"""What an export holds: the options of ``cycle ical`` and the selection of the events table
they make. No icalendar here: the options are parsed before any calendar is built."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import pandas as pd

from ...errors import CycleError, check_known
from ...model import KINDS
from ...plan import Plan

#: What a one-off import holds unless asked otherwise: the dates to act on.
DEFAULT_KINDS = ("deadline", "milestone")
_DURATION = re.compile(r"^\s*(\d+)\s*(d|w)\s*$")


@dataclass(frozen=True)
class Options:
    """What goes into a calendar file and how."""

    kinds: tuple[str, ...] = DEFAULT_KINDS
    units: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    feed: bool = False
    warn_days: int | None = None
    lang: str = "da"


#: The longest warning: a year ahead (a warning years early would land in another term).
MAX_WARN_DAYS = 366


def parse_warn(text: str | None) -> int | None:
    """'14d' or '2w' → days.

    >>> parse_warn("2w"), parse_warn("14d"), parse_warn(None)
    (14, 14, None)
    """
    if not text:
        return None
    m = _DURATION.match(text)
    days = int(m[1]) * (7 if m[2] == "w" else 1) if m else 0
    if not 1 <= days <= MAX_WARN_DAYS:
        raise CycleError(
            f"ugyldig varsling '{text}' (fx 14d eller 2w; højst {MAX_WARN_DAYS} dage)",
            f"invalid warning '{text}' (e.g. 14d or 2w; at most {MAX_WARN_DAYS} days)",
            key="warn",
        )
    return days


def parse_kinds(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """``--kinds``: comma-separated, or repeated.

    >>> parse_kinds("deadline, meeting"), parse_kinds(["drafting", "validity,milestone"])
    (('deadline', 'meeting'), ('drafting', 'validity', 'milestone'))
    """
    if not text:
        return DEFAULT_KINDS
    items = text.split(",") if isinstance(text, str) else list(chain.from_iterable(s.split(",") for s in text))
    return tuple(k.strip() for k in items if k.strip())


def select(plan: Plan, opts: Options) -> pd.DataFrame:
    """The events an export holds. Filtering by unit keeps those units' events and the
    municipality-wide events that concern units (:meth:`Model.concerns_units`)."""
    ev = plan.events
    check_known(opts.kinds, KINDS, key="kinds", what_da="slags", what_en="kind")
    check_known(opts.documents, set(ev["document"].tolist()), key="document", what_da="dokument", what_en="document")
    check_known(opts.levels, plan.model.levels, key="level", what_da="niveau", what_en="level")
    units = set(plan.units["id"].tolist()) if plan.units is not None else ()
    check_known(opts.units, units, key="unit", what_da="enhed", what_en="unit")
    keep = ev["kind"].isin(opts.kinds)
    if opts.documents:
        keep &= ev["document"].isin(opts.documents)
    if opts.levels:
        keep &= ev["level"].isin(opts.levels)
    if opts.units:
        keep &= ev["unit"].isin(opts.units) | ((ev["unit"] == "") & ev["document"].isin(concerning(plan)))
    return ev if keep.all() else ev[keep]  # every event: the table itself, not a copy (20 MiB at 10,000 units)


def concerning(plan: Plan) -> set[str]:
    """Documents whose municipality-wide events go into every unit's feed."""
    return {d.id for d in plan.model.documents.values() if plan.model.concerns_units(d)}
