"""Two rules every view of the events table shares: which events are carried over from the
previous term, and how per-unit rows fold into one row per document and date.

Lemvig's political vision of 2022-2025 stays in force in 2026-2029 until the new one's adoption
deadline, 30 December 2026:

>>> from cycle.plan import build_plan
>>> plan = build_plan("lemvig", 2026)
>>> ev = plan.events[carried_over(plan.events, plan.term.label)]
>>> ev.loc[ev["document"] == "politisk-vision", ["period", "start", "end"]].astype(str).values.tolist()
[['2022-2025', '2026-01-01', '2026-12-30']]
"""

from __future__ import annotations

import pandas as pd

# The carried-over rule is the plan's (it writes those rows); views ask it from here.
from ..plan.table import carried_over as carried_over

#: What tells folded rows apart. Per-unit events of one rule share everything here; only the
#: unit (and its name and leader) differ.
FOLD_KEYS = ["document", "kind", "start", "end", "period", "rule"]


def fold_units(events: pd.DataFrame, *, names: bool = False) -> pd.DataFrame:
    """One row per document, kind, dates, term and rule instead of one per unit: the first
    row of each, in table order, plus ``units``, how many units it stands for (0 for a
    municipality-wide event) and, with ``names``, ``unit_names``, their names in table order."""
    per_unit = events["unit"] != ""
    first = ~events.duplicated(FOLD_KEYS)
    out = events[first].copy()
    counts = per_unit.groupby([events[k] for k in FOLD_KEYS], sort=False).transform("sum")
    out["units"] = counts[first].astype(int)
    if names:
        grouped = events[per_unit].groupby(FOLD_KEYS, sort=False)["unit_name"].agg(tuple)
        keys = pd.MultiIndex.from_frame(out[FOLD_KEYS])
        found = grouped.reindex(keys).to_numpy()
        out["unit_names"] = [v if isinstance(v, tuple) else () for v in found]
    return out
