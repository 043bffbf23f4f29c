"""The charts' text alternatives (WCAG 1.1.1): what a chart shows, as a table anyone can read,
print or hear, placed next to the chart (the caller gives it its heading or ``<details>``).

- The Gantt chart of the term: the quarter timeline (the seed's table) and every deadline and
  milestone with its full date.
- The årshjul of a year: the year's windows and its deadlines and milestones, by date.

Past items say so in words ("overstået"), not by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from ..i18n import col, t
from ..plan import Plan
from .common import fold_units
from .page import chart_page, e, scroll_region
from .style import MARK_GLYPHS
from .timeline import legend_html, marks_table, timeline, timeline_html_table
from .words import format_span, model_name


def past_tag(last: date, today: date | None, lang: str) -> str:
    """' <span class="tag">overstået</span>' for something whose last day is before today."""
    return f' <span class="tag">{e(t("past", lang))}</span>' if today is not None and last < today else ""


def gantt_alternative(plan: Plan, lang: str = "da", *, today: date | None = None) -> str:
    """The term as the seed's table and the list of its dated items."""
    tl = timeline(plan, lang)
    return (
        scroll_region(timeline_html_table(tl, lang), t("nav_timeline", lang))
        + legend_html(lang, tl)
        + f'<p class="caption">{e(t("deadlines_milestones", lang))}</p>'
        + marks_table(tl, lang, today=today)
    )


def wheel_alternative(plan: Plan, year: int, lang: str = "da", *, today: date | None = None) -> str:
    """The year's events (meetings aside) by date: windows with their spans, marks with their day."""
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    ev = plan.events
    ev = ev[(ev["kind"] != "meeting") & (ev["start"] <= last) & (ev["end"] >= first)]
    ev = fold_units(ev).sort_values(["start", "end"], kind="stable")
    rows = []
    for rec in ev.to_dict("records"):
        start, end = rec["start"].date(), rec["end"].date()
        kind = rec["kind"]
        glyph = f"{MARK_GLYPHS[kind]} " if kind in MARK_GLYPHS else ""
        cls = ' class="past"' if today is not None and end < today else ""
        rows.append(
            f'<tr{cls}><td class="when">{e(format_span(start, end, lang))}{past_tag(end, today, lang)}</td>'
            f"<td>{glyph}{e(t(kind, lang))}</td><td>{e(rec[col('summary', lang)])}</td></tr>"
        )
    head = "".join(f'<th scope="col">{e(t(k, lang))}</th>' for k in ("date", "kind", "what"))
    return f'<table class="cycle-marks"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def gantt_page(plan: Plan, lang: str = "da", *, today: date | None = None) -> Callable[[str], str]:
    """The Gantt chart's page: its ``<div>`` → the whole page, with the term as text under it."""
    title = t("gantt_title", lang, model=model_name(plan.model, lang), period=plan.term.label)
    return lambda div: chart_page(div, title, gantt_alternative(plan, lang, today=today), lang=lang)


def wheel_page(plan: Plan, year: int, lang: str = "da", *, today: date | None = None) -> Callable[[str], str]:
    """The årshjul's page: its ``<div>`` → the whole page, with the year as text under it."""
    title = t("wheel_title", lang, model=model_name(plan.model, lang), year=year)
    return lambda div: chart_page(div, title, wheel_alternative(plan, year, lang, today=today), lang=lang)
