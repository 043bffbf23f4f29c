"""The Gantt chart's rows, top to bottom: a header row per level, its documents in chain order,
and (with ``expand_units``) under a per-unit document with windows a header row per area or
director with its units, both in Danish alphabetical order. A per-unit document of marks only
(management information, dialogue meetings) keeps one row: a row per unit would repeat its
marks sixty times and crowd the units' windows off the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...i18n import level_word, t
from ...plan import Plan
from ..style import PHASES
from ..words import collate_key, plural
from .base import e

GROUP_BY = ("area", "director")
INDENT = "\u2002\u2002"  # en spaces: plotly keeps them, plain spaces it collapses


@dataclass(frozen=True)
class Row:
    key: str  # what the events' ``row`` column holds; headers have keys of their own
    label: str  # escaped, with plotly's <b>/<i>
    kind: str  # level | doc | group | unit


def units_word(n: int, lang: str) -> str:
    """ "1 enhed", "12 enheder" (and English)."""
    return plural(n, "unit", "units") if lang == "en" else plural(n, "enhed", "enheder")


def unit_groups(units: pd.DataFrame, group_by: str) -> list[tuple[str, pd.DataFrame]]:
    """The units by area (or director), groups and units in Danish order; one unnamed group
    when the column is empty."""
    column = units[group_by] if group_by in units else pd.Series("", index=units.index)
    groups = []
    for name in sorted(set(column), key=collate_key):
        members = units[column == name]
        members = members.iloc[sorted(range(len(members)), key=lambda i: collate_key(members["name"].iloc[i]))]
        groups.append((name, members))
    return groups


def rows(plan: Plan, lang: str, expand_units: bool, group_by: str = "area") -> list[Row]:
    ev = plan.events
    windowed = set(ev.loc[ev["kind"].isin(PHASES) & (ev["unit"] != ""), "document"])
    out: list[Row] = []
    for level in plan.model.levels:
        docs = [d for d in plan.model.chain if d.level == level]
        if not docs:
            continue
        out.append(Row(f"level:{level}", f"<b>{e(level_word(level, lang))}</b>", "level"))
        for d in docs:
            out.append(Row(d.id, e(d.title_en if lang == "en" else d.title), "doc"))
            if expand_units and d.id in windowed and plan.units is not None and len(plan.units):
                out += _unit_rows(d.id, plan.units, group_by, lang)
    return out


def _unit_rows(doc: str, units: pd.DataFrame, group_by: str, lang: str) -> list[Row]:
    out = []
    groups = unit_groups(units, group_by)
    for name, members in groups:
        if len(groups) > 1 or name:
            title = name or t("nothing", lang)
            label = f"{INDENT}<b><i>{e(title)}</i></b> ({units_word(len(members), lang)})"
            out.append(Row(f"group:{doc}/{name}", label, "group"))
        out += [
            Row(f"{doc}/{u}", f"{INDENT}{INDENT}{e(n)}", "unit")
            for u, n in zip(members["id"], members["name"], strict=True)
        ]
    return out
