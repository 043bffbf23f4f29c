"""Two rules every view of the events table shares: which events are carried over from the
previous term, and how per-unit rows fold into one row per document and date.

Lemvig's political vision of 2022-2025 stays in force in 2026-2029 until the day before the new
one's validity starts, 31 December 2026:

>>> from cycle.plan import build_plan
>>> plan = build_plan("lemvig", 2026)
>>> ev = plan.events[carried_over(plan.events, plan.term.label)]
>>> ev.loc[ev["document"] == "politisk-vision", ["period", "start", "end"]].astype(str).values.tolist()
[['2022-2025', '2026-01-01', '2026-12-31']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t

# The carried-over rule is the plan's (it writes those rows); views ask it from here.
from ..plan.table import carried_over as carried_over

#: What tells folded rows apart. Per-unit events of one rule share everything here; only the
#: unit (and its name and leader) differ.
FOLD_KEYS = ["document", "kind", "start", "end", "period", "rule"]


def fold_units(events: pd.DataFrame, *, names: bool = False) -> pd.DataFrame:
    """One row per document, kind, dates, term and rule instead of one per unit: the first
    row of each, in table order, plus ``units``, how many units it stands for (0 for a
    municipality-wide event) and, with ``names``, ``unit_names``, their names in table order."""
    group = events.groupby(FOLD_KEYS, sort=False, dropna=False).ngroup().to_numpy()  # numbered by first row
    first = np.unique(group, return_index=True)[1]
    per_unit = (events["unit"] != "").to_numpy()
    out = events.iloc[first].copy()
    out["units"] = np.bincount(group, weights=per_unit, minlength=len(first)).astype(int)
    if names:
        unit_names: list[list[str]] = [[] for _ in first]
        for g, name in zip(group[per_unit], events["unit_name"].to_numpy()[per_unit], strict=True):
            unit_names[g].append(name)
        out["unit_names"] = [tuple(n) for n in unit_names]
    return out


#: A deadline's status as a mark and a word (not colour alone); open deadlines get none.
STATUS_MARKS = {"done": "✔", "late": "✔", "overdue": "⚠"}


def progress_note(statuses: tuple[str, ...], lang: str = "da") -> str:
    """The status of one deadline, or how many of a per-unit deadline's units are where.

    >>> progress_note(("done", "overdue", "done", "open"))
    '2 ✔ rettidigt, 1 ⚠ overskredet'
    >>> progress_note(("late",), "en")
    '✔ late'
    """
    counts = {s: statuses.count(s) for s in STATUS_MARKS if s in statuses}
    words = {s: f"{STATUS_MARKS[s]} {t('status_' + s, lang)}" for s in counts}
    if len(statuses) == 1:
        return next(iter(words.values()), "")
    return ", ".join(f"{n} {words[s]}" for s, n in counts.items())


def overall_status(statuses: tuple[str, ...]) -> str:
    """One status for a deadline shared by units: overdue if any unit is, done or late when every
    unit met it, else '' (open).

    >>> overall_status(("done", "late")), overall_status(("done", "overdue")), overall_status(("done", "open"))
    ('late', 'overdue', '')
    """
    if "overdue" in statuses:
        return "overdue"
    if statuses and all(s in ("done", "late") for s in statuses):
        return "late" if "late" in statuses else "done"
    return ""
