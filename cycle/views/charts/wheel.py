"""The årshjul (annual wheel), as a plotly figure: a view of the events table."""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ...errors import CycleError
from ...i18n import t
from ...plan import Plan
from ..common import carried_over, fold_units
from ..style import CARRIED, MARKS, PHASES
from .base import BLOCK_COLOURS, FONT, MONTHS, e, hover, marker


def _angle(day: pd.Series | date, year: int) -> pd.Series | float:
    """Degrees clockwise from the top (1 January) for a day of ``year``."""
    days = 366 if calendar.isleap(year) else 365
    if isinstance(day, pd.Series):
        return (day - pd.Timestamp(year, 1, 1)).dt.days * 360.0 / days
    return (day - date(year, 1, 1)).days * 360.0 / days


def wheel_events(plan: Plan, year: int) -> pd.DataFrame:
    """The year's events on the wheel: windows clipped to the year, one per document and date."""
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    ev = plan.events[
        plan.events["kind"].isin(PHASES + MARKS) & (plan.events["start"] <= last) & (plan.events["end"] >= first)
    ]
    ev = fold_units(ev)
    ev["from"] = ev["start"].clip(lower=first)
    ev["to"] = ev["end"].clip(upper=last)
    return ev


def wheel(plan: Plan, year: int | None = None, *, lang: str = "da", today: date | None = None) -> go.Figure:
    """The årshjul: twelve months around, a ring per document (grouped by level, the political
    ones outermost), the year's windows as arcs and its deadlines and milestones as marks."""
    year = year or (today or date.today()).year
    if not plan.term.first_year <= year <= plan.term.last_year:
        raise CycleError(
            f"{year} ligger uden for valgperioden {plan.term.label}",
            f"{year} is outside the election period {plan.term.label}",
            key="year",
        )
    ev = wheel_events(plan, year)
    docs = [d for d in plan.model.chain if d.id in set(ev["document"])]
    hole = 3
    ring = {d.id: hole + len(docs) - 1 - i for i, d in enumerate(docs)}  # first in chain outermost
    title = {d.id: e(d.title_en if lang == "en" else d.title) for d in docs}
    fig = go.Figure()
    # Each ring: drafting on its outer half, validity on its inner half, so both show.
    carried = carried_over(ev, plan.term.label)
    arcs = {
        "drafting": (ev[ev["kind"] == "drafting"], 0.5),
        "validity": (ev[(ev["kind"] == "validity") & ~carried], 0.1),
        CARRIED: (ev[carried], 0.1),
    }
    names = {"drafting": t("drafting", lang), "validity": t("validity", lang), CARRIED: t("carried_over", lang)}
    for kind, (df, offset) in arcs.items():
        a0, a1 = _angle(df["from"], year), _angle(df["to"] + pd.Timedelta(days=1), year)
        fig.add_trace(
            go.Barpolar(
                name=names[kind],
                r=[0.4] * len(df),
                base=df["document"].map(ring).to_numpy() + offset,
                theta=(a0 + a1) / 2,
                width=a1 - a0,
                marker={"color": BLOCK_COLOURS[kind], "line": {"width": 1, "color": "white"}},
                customdata=hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                meta=kind,
            )
        )
    for kind in MARKS:
        df = ev[ev["kind"] == kind]
        fig.add_trace(
            go.Scatterpolar(
                name=t(kind, lang),
                mode="markers",
                r=df["document"].map(ring).to_numpy() + 0.5,
                theta=_angle(df["start"], year),
                meta=kind,
                marker=marker(kind, 10),
                customdata=hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatterpolar(  # ring labels at the top, just right of 1 January
            mode="text",
            r=[ring[d.id] + 0.5 for d in docs],
            theta=[1.5] * len(docs),
            text=[title[d.id] for d in docs],
            textposition="middle right",
            textfont={"size": 10, "color": "#333"},
            hoverinfo="skip",
            showlegend=False,
            meta="labels",
        )
    )
    outer = hole + len(docs)
    if today and today.year == year:
        fig.add_trace(
            go.Scatterpolar(
                name=f"{t('today', lang)} {today.isoformat()}",
                mode="lines",
                r=[hole - 0.5, outer + 0.3],
                theta=[_angle(today, year)] * 2,
                line={"color": "#c00000", "width": 3},
                meta="today",
            )
        )
    month_starts = [_angle(date(year, m, 1), year) for m in range(1, 13)]
    fig.update_layout(
        font=FONT,
        height=760,
        margin={"l": 30, "r": 30, "t": 70, "b": 30},
        paper_bgcolor="white",
        title={
            "text": e(
                t("wheel_title", lang, model=plan.model.name_en if lang == "en" else plan.model.name, year=year)
            ),
            "x": 0.01,
        },
        legend={"orientation": "h", "y": -0.02},
        polar={
            "bgcolor": "white",
            "hole": 0.0,
            "radialaxis": {
                "range": [0, outer + 0.3],
                "showticklabels": False,
                "ticks": "",
                "showgrid": False,
                "showline": False,
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "tickvals": month_starts,
                "ticktext": MONTHS[lang],
                "showgrid": True,
                "gridcolor": "#bbb",
                "period": 360,
            },
        },
    )
    return fig
