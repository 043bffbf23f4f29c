"""The site's progress panel: per document, how many deadlines of the year are met, and the
overdue ones grouped by director. Every user text is escaped."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from ..views.words import format_date
from .progress import overdue
from .report import _item_line, by_director, panel
from .words import t

STYLE = """
.progress ul { margin: 0 0 8px; padding-left: 18px; }
.progress .late, .progress .overdue { color: #9b1c1c; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def shown(table: pd.DataFrame, day: date) -> pd.DataFrame:
    """The documents a panel shows: of last year and this year, those with a deadline passed by
    ``day`` or something already met (all their deadlines of that year, for the counts)."""
    recent = table[table["year"].isin([day.year - 1, day.year])]
    active = (recent["deadline"] <= pd.Timestamp(day)) | recent["status"].isin(["done", "late"])
    keys = set(zip(recent.loc[active, "document"], recent.loc[active, "year"], strict=True))
    return recent[[k in keys for k in zip(recent["document"], recent["year"], strict=True)]]


def progress_section(table: pd.DataFrame, *, day: date, lang: str = "da") -> str:
    """``<section id="progress">``: the panel lines per year, then the overdue list by director."""
    head = t("progress_head", lang, day=format_date(day, lang))
    parts = [f'<section id="progress" class="progress"><h2>{_e(head)}</h2>']
    recent = shown(table, day)
    for year in sorted(set(recent["year"])):
        lines = panel(recent, year=year, lang=lang)
        parts.append(f"<h3>{year}</h3><ul>" + "".join(f"<li>{_e(x)}</li>" for x in lines) + "</ul>")
    late = overdue(table)
    parts.append(f"<h3>{_e(t('overdue_head', lang, n=len(late)))}</h3>")
    for director, recs in by_director(late, lang):
        items = "".join(f'<li class="overdue">⚠ {_e(_item_line(r, lang))}</li>' for r in recs)
        parts.append(f"<h4>{_e(director)}</h4><ul>{items}</ul>")
    if late.empty:
        parts.append(f"<p>{_e(t('nothing', lang))}</p>")
    parts.append("</section>")
    return "".join(parts)
