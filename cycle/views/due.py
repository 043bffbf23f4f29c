"""What is "due": for a quarter (or the quarter of a date), what is being drafted, which deadlines,
milestones and meetings fall in it, and what is in force.

>>> from cycle.plan import build_plan
>>> d = due(build_plan("lemvig", 2026), Quarter(2026, 4))
>>> sorted(set(d["deadlines"]["document"]))[:2]
['aftaledokumenter', 'budget-aendringsforslag']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..errors import CycleError, check_known
from ..i18n import col, t
from ..period import Quarter
from ..plan import Plan
from .common import FOLD_KEYS, fold_units, progress_note
from .words import format_span, plural, quarter_heading

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
        check_known(units, set(ev["unit"]) - {""}, key="unit", what_da="enhed", what_en="unit")
        ev = ev[ev["unit"].isin(["", *units])]
    first, last = pd.Timestamp(quarter.first_day), pd.Timestamp(quarter.last_day)
    overlaps = (ev["start"] <= last) & (ev["end"] >= first)
    starts = ev["start"].between(first, last)
    return {
        "model": plan.model.id,
        "name": plan.model.name,
        "name_en": plan.model.name_en,
        "quarter": str(quarter),
        "from": quarter.first_day.isoformat(),
        "to": quarter.last_day.isoformat(),
        "drafting": ev[overlaps & (ev["kind"] == "drafting")],
        "deadlines": ev[starts & (ev["kind"] == "deadline")],
        "milestones": ev[starts & (ev["kind"] == "milestone")],
        "meetings": ev[starts & (ev["kind"] == "meeting")],
        "in_force": ev[overlaps & (ev["kind"] == "validity")],
    }


@dataclass(frozen=True)
class Item:
    """One line of a "due" section: per-unit events of a document and date fold into one."""

    when: str  # '30. dec. 2026 (uge 53)', or a window '1. okt. – 31. dec. 2026'
    summary: str
    owner: str
    units: tuple[str, ...]  # the unit names, when the events are per unit
    last: date  # the last day: an item whose last day is before today is past
    progress: str = ""  # what the status file says of a deadline: "✔ rettidigt", "9 ✔ …, 3 ⚠ …"


#: What an item reads of the table (fewer columns to fold and walk: the query path's time).
_ITEM_COLUMNS = [*FOLD_KEYS, "summary", "summary_en", "owner", "unit", "unit_name", "status"]


def items(df: pd.DataFrame, lang: str = "da") -> list[Item]:
    """The items of a section's rows (:func:`due`), in table order."""
    return [item for _, item in _items(df, lang)]


def _narrow(df: pd.DataFrame) -> pd.DataFrame:
    return df[[c for c in [*_ITEM_COLUMNS, "section"] if c in df]]


def _items(df: pd.DataFrame, lang: str) -> list[tuple[int, Item]]:
    """Each item with its row's ``section`` (0 if the rows have none)."""
    df = _narrow(df)
    folded = fold_units(df, names=True)
    deadlines = df[df["kind"] == "deadline"]  # what the status file speaks of
    statuses = deadlines.groupby(FOLD_KEYS, sort=False)["status"].agg(tuple) if len(deadlines) else None
    out = []
    for row in folded.itertuples(index=False):
        start, end = row.start.date(), row.end.date()
        summary = getattr(row, col("summary", lang))
        key = tuple(getattr(row, k) for k in FOLD_KEYS)
        note = progress_note(statuses[key], lang) if row.kind == "deadline" else ""
        item = Item(format_span(start, end, lang), summary, row.owner, row.unit_names, end, note)
        out.append((getattr(row, "section", 0), item))
    return out


def due_text(result: dict[str, object], lang: str = "da") -> str:
    """A readable listing, one line per document and date."""
    quarter = Quarter.parse(result["quarter"])
    name = result["name_en"] if lang == "en" else result["name"]
    lines = [
        t("due_title", lang, quarter=quarter_heading(quarter, lang), model=name),
        format_span(quarter.first_day, quarter.last_day, lang),
        "",
    ]
    for section, found in _sections(result, lang).items():
        lines.append(f"{t(section, lang)}:")
        for item in found:
            what = (
                f"{item.summary} ({units_count(len(item.units), lang)})"
                if item.units
                else (f"{item.summary} [{item.owner}]" if item.owner else item.summary)
            )
            lines.append(f"  {item.when:29} {what}" + (f" — {item.progress}" if item.progress else ""))
        if not found:
            lines.append(f"  {t('nothing', lang)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _sections(result: dict[str, object], lang: str) -> dict[str, list[Item]]:
    """Each section's items, the sections folded together (their rows are of different kinds,
    so none fold into another's): one fold instead of five is most of the listing's time."""
    frames = [_narrow(result[s]) for s in SECTIONS]
    section = np.repeat(np.arange(len(SECTIONS)), [len(f) for f in frames])
    found = _items(pd.concat(frames).assign(section=section), lang)
    out: dict[str, list[Item]] = {s: [] for s in SECTIONS}
    for at, item in found:
        out[SECTIONS[at]].append(item)
    return out


def units_count(n: int, lang: str = "da") -> str:
    """'1 enhed', '12 enheder' / '1 unit', '12 units'."""
    return plural(n, t("unit_one", lang), t("units", lang))
