"""The election-period Gantt chart, as a plotly figure: a view of the events table."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from ...i18n import level_word, t
from ...plan import Plan
from ..common import FOLD_KEYS, carried_over, fold_units
from ..style import CARRIED, MARKS, PHASES
from .base import BLOCK_COLOURS, FONT, e, hover, marker
from .progress import add_status_traces


def _levels(plan: Plan, lang: str) -> dict[str, str]:
    return {lv: level_word(lv, lang) for lv in plan.model.levels}


def _rows(plan: Plan, lang: str, expand_units: bool) -> list[tuple[str, str, str]]:
    """(row key, label, level) top to bottom: a header row per level, then its documents in
    chain order; with ``expand_units`` a row per unit under a per-unit document."""
    levels = _levels(plan, lang)
    rows: list[tuple[str, str, str]] = []
    for level in plan.model.levels:
        docs = [d for d in plan.model.chain if d.level == level]
        if not docs:
            continue
        rows.append((f"level:{level}", f"<b>{e(levels[level])}</b>", level))
        for d in docs:
            rows.append((d.id, e(d.title_en if lang == "en" else d.title), level))
            if expand_units and d.per_unit and plan.units is not None:
                rows += [
                    (f"{d.id}/{u}", f"   {e(n)}", level)
                    for u, n in zip(plan.units["id"], plan.units["name"], strict=True)
                ]
    return rows


def _row_key(events: pd.DataFrame, expand_units: bool) -> pd.Series:
    if not expand_units:
        return events["document"]
    return events["document"].where(events["unit"] == "", events["document"] + "/" + events["unit"])


def gantt_events(plan: Plan, expand_units: bool = False) -> pd.DataFrame:
    """The events the Gantt chart draws: per-unit events fold into their document's row, or
    with ``expand_units`` keep one row per unit."""
    ev = plan.events[plan.events["kind"].isin(PHASES + MARKS)]
    ev = ev.drop_duplicates([*FOLD_KEYS, "unit"]) if expand_units else fold_units(ev)
    return ev.assign(row=_row_key(ev, expand_units))


def gantt(plan: Plan, *, lang: str = "da", today: date | None = None, expand_units: bool = False) -> go.Figure:
    """The election-period Gantt chart: drafting and validity as bars, deadlines and milestones
    as markers, quarters on the x axis (calendar and År/Q), a line for today."""
    rows = _rows(plan, lang, expand_units)
    labels = {key: label for key, label, _ in rows}
    ev = gantt_events(plan, expand_units)
    ev = ev[ev["row"].isin(labels)]
    term = plan.term
    fig = go.Figure()
    carried = carried_over(ev, term.label)
    bars = {
        "drafting": ev[ev["kind"] == "drafting"],
        "validity": ev[(ev["kind"] == "validity") & ~carried],
        CARRIED: ev[carried],
    }
    names = {"drafting": t("drafting", lang), "validity": t("validity", lang), CARRIED: t("carried_over", lang)}
    for kind, df in bars.items():
        end = df["end"] + pd.Timedelta(days=1)  # bars cover their last day
        fig.add_trace(
            go.Bar(
                name=names[kind],
                orientation="h",
                y=df["row"].map(labels),
                base=df["start"].dt.strftime("%Y-%m-%d"),
                x=(end - df["start"]).dt.total_seconds() * 1000,
                marker={"color": BLOCK_COLOURS[kind], "line": {"width": 1.5, "color": "white"}},  # blocks stay apart
                customdata=hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                legendgroup=kind,
                showlegend=True,
                meta=kind,
            )
        )
    for kind in MARKS:
        df = ev[ev["kind"] == kind]
        if kind == "deadline":  # met and overdue deadlines apart, when there is a status file
            df = add_status_traces(fig, plan, df, labels, lang, expand_units)
        fig.add_trace(
            go.Scatter(
                name=t(kind, lang),
                mode="markers",
                y=df["row"].map(labels),
                x=df["start"].dt.strftime("%Y-%m-%d"),
                marker=marker(kind, 11),
                customdata=hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                meta=kind,
            )
        )
    ticks = term.quarters
    fig.update_layout(
        barmode="overlay",
        bargap=0.35,
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=170 + 26 * len(rows),
        margin={"l": 10, "r": 20, "t": 90, "b": 70},
        title={
            "text": e(
                t("gantt_title", lang, model=plan.model.name_en if lang == "en" else plan.model.name, period=term.label)
            ),
            "x": 0.01,
        },
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "x": 0.5, "xanchor": "center"},
        xaxis={
            "type": "date",
            "range": [term.start.isoformat(), (term.end + timedelta(days=1)).isoformat()],
            "tickvals": [q.first_day.isoformat() for q in ticks],
            "ticktext": [f"{q}<br>{t('year', lang)} {i // 4 + 1} Q{q.q}" for i, q in enumerate(ticks)],
            "tickangle": 0,
            "gridcolor": "#eee",
            "side": "top",
            "fixedrange": False,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [label for _, label, _ in reversed(rows)],
            "range": [-0.5, len(rows) - 0.5],
            "automargin": True,
            "gridcolor": "#f3f3f3",
            "tickfont": {"size": 12},
        },
    )
    fig.update_yaxes(type="category")
    for year in range(term.first_year + 1, term.last_year + 1):  # year separators
        fig.add_vline(x=date(year, 1, 1).isoformat(), line={"color": "#888", "width": 1})
    _today_line(fig, today, term.start, term.end, lang)
    return fig


def _today_line(fig: go.Figure, today: date | None, first: date, last: date, lang: str) -> None:
    if today and first <= today <= last:
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=today.isoformat(),
            x1=today.isoformat(),
            y0=0,
            y1=1,
            line={"color": "#c00000", "width": 2, "dash": "dot"},
            name="today",
        )
        fig.add_annotation(
            x=today.isoformat(),
            yref="paper",
            y=0,
            yanchor="top",
            showarrow=False,
            text=f"{t('today', lang)} {today.isoformat()}",
            font={"color": "#c00000"},
        )
