"""What is "due": for a quarter (or the quarter of a date), what is being drafted, which deadlines,
milestones and meetings fall in it, and what is in force.

>>> from cycle.plan import build_plan
>>> d = due(build_plan("lemvig", 2026), Quarter(2026, 4))
>>> sorted(set(d["deadlines"]["document"]))[:2]
['aftaledokumenter', 'direktionens-strategi']
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..errors import CycleError
from ..i18n import col, t
from ..period import Quarter
from ..plan import Plan

SECTIONS = ("drafting", "deadlines", "milestones", "meetings", "in_force")


def due(
    plan: Plan, quarter: Quarter | None = None, *, day: date | None = None, units: list[str] | None = None
) -> dict[str, object]:
    """The events of one quarter, by section. ``units`` keeps those units' events (and the
    municipality-wide ones)."""
    quarter = quarter or Quarter.of(day or date.today())
    if not plan.term.first_year <= quarter.year <= plan.term.last_year:
        raise CycleError(
            f"{quarter} ligger uden for valgperioden {plan.term.label}",
            f"{quarter} is outside the election period {plan.term.label}",
            key="quarter",
        )
    ev = plan.events
    if units:
        known = set(ev["unit"])
        for u in units:
            if u not in known:
                raise CycleError(f"ukendt enhed '{u}'", f"unknown unit '{u}'", key="unit")
        ev = ev[ev["unit"].isin(["", *units])]
    first, last = pd.Timestamp(quarter.first_day), pd.Timestamp(quarter.last_day)
    overlaps = (ev["start"] <= last) & (ev["end"] >= first)
    starts = ev["start"].between(first, last)
    return {
        "model": plan.model.id,
        "quarter": str(quarter),
        "from": quarter.first_day.isoformat(),
        "to": quarter.last_day.isoformat(),
        "drafting": ev[overlaps & (ev["kind"] == "drafting")],
        "deadlines": ev[starts & (ev["kind"] == "deadline")],
        "milestones": ev[starts & (ev["kind"] == "milestone")],
        "meetings": ev[starts & (ev["kind"] == "meeting")],
        "in_force": ev[overlaps & (ev["kind"] == "validity")],
    }


def due_text(result: dict[str, object], lang: str = "da") -> str:
    """A readable listing; per-unit events fold into one line per document and date."""
    lines = [
        t("due_title", lang, quarter=result["quarter"], model=result["model"]),
        f"{result['from']} – {result['to']}",
        "",
    ]
    heads = {
        "drafting": "drafting",
        "deadlines": "deadlines",
        "milestones": "milestones",
        "meetings": "meetings",
        "in_force": "in_force",
    }
    for section in SECTIONS:
        df: pd.DataFrame = result[section]
        lines.append(f"{t(heads[section], lang)}:")
        if df.empty:
            lines.append(f"  {t('nothing', lang)}")
        for line in _folded(df, lang):
            lines.append("  " + line)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _folded(df: pd.DataFrame, lang: str) -> list[str]:
    """One line per document, kind and dates; per-unit events say how many units."""
    keys = ["start", "end", "document", "kind"]
    counts = df.groupby(keys, sort=False).size()
    out = []
    for row in df.drop_duplicates(keys).itertuples(index=False):
        start, end = row.start.date(), row.end.date()
        when = start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
        what = getattr(row, col("summary", lang))
        if row.unit:
            what += f" ({counts[(row.start, row.end, row.document, row.kind)]} {t('units', lang)})"
        elif row.owner:
            what += f" [{row.owner}]"
        out.append(f"{when:25} {what}")
    return out
