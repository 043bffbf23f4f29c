"""The election-period Gantt chart and the årshjul (annual wheel), as plotly figures.

Both are views of the events table. Text that comes from model or units files is escaped before
it reaches plotly, so a unit called ``<script>`` is shown, never run.
"""

from __future__ import annotations

import calendar
import html
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ..errors import CycleError
from ..i18n import col, level_word, t
from ..io import write_atomic
from ..plan import Plan
from .style import COLOURS

MARK_SYMBOLS = {"deadline": "diamond", "milestone": "star"}
MARK_COLOURS = {"deadline": "#c00000", "milestone": "#2f5597"}
CARRIED_COLOUR = "#d9ead3"
MONTHS = {
    "da": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
FONT = {"family": "system-ui, Segoe UI, Arial, sans-serif", "size": 12}


def _marker(kind: str, size: int) -> dict:
    """Deadlines and milestones look the same in both charts."""
    return {
        "symbol": MARK_SYMBOLS[kind],
        "size": size,
        "color": MARK_COLOURS[kind],
        "line": {"width": 1, "color": "white"},
    }


def _e(text: object) -> str:
    return html.escape(str(text), quote=False)


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
        rows.append((f"level:{level}", f"<b>{_e(levels[level])}</b>", level))
        for d in docs:
            rows.append((d.id, _e(d.title_en if lang == "en" else d.title), level))
            if expand_units and d.per_unit and plan.units is not None:
                rows += [
                    (f"{d.id}/{u}", f"   {_e(n)}", level)
                    for u, n in zip(plan.units["id"], plan.units["name"], strict=True)
                ]
    return rows


def _row_key(events: pd.DataFrame, expand_units: bool) -> pd.Series:
    if not expand_units:
        return events["document"]
    return events["document"].where(events["unit"] == "", events["document"] + "/" + events["unit"])


def gantt_events(plan: Plan, expand_units: bool = False) -> pd.DataFrame:
    """The events the Gantt chart draws: per-unit events fold into their document's row."""
    ev = plan.events[plan.events["kind"] != "meeting"].assign(row=lambda d: _row_key(d, expand_units))
    return ev.drop_duplicates(["row", "kind", "start", "end", "period"])


def gantt(plan: Plan, *, lang: str = "da", today: date | None = None, expand_units: bool = False) -> go.Figure:
    """The election-period Gantt chart: drafting and validity as bars, deadlines and milestones
    as markers, quarters on the x axis (calendar and År/Q), a line for today."""
    rows = _rows(plan, lang, expand_units)
    labels = {key: label for key, label, _ in rows}
    ev = gantt_events(plan, expand_units)
    ev = ev[ev["row"].isin(labels)]
    term = plan.term
    fig = go.Figure()
    bars = {
        "drafting": ev[ev["kind"] == "drafting"],
        "validity": ev[(ev["kind"] == "validity") & (ev["period"] == term.label)],
        "carried": ev[(ev["kind"] == "validity") & (ev["period"] != term.label)],
    }
    names = {"drafting": t("drafting", lang), "validity": t("validity", lang), "carried": t("carried_over", lang)}
    colours = {**COLOURS, "carried": CARRIED_COLOUR}
    for kind, df in bars.items():
        end = df["end"] + pd.Timedelta(days=1)  # bars cover their last day
        fig.add_trace(
            go.Bar(
                name=names[kind],
                orientation="h",
                y=df["row"].map(labels),
                base=df["start"].dt.strftime("%Y-%m-%d"),
                x=(end - df["start"]).dt.total_seconds() * 1000,
                marker={"color": colours[kind], "line": {"width": 1.5, "color": "white"}},  # blocks stay apart
                customdata=_hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                legendgroup=kind,
                showlegend=True,
                meta=kind,
            )
        )
    for kind in ("deadline", "milestone"):
        df = ev[ev["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                name=t(kind, lang),
                mode="markers",
                y=df["row"].map(labels),
                x=df["start"].dt.strftime("%Y-%m-%d"),
                marker=_marker(kind, 11),
                customdata=_hover(df, lang),
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
            "text": _e(
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


def _hover(df: pd.DataFrame, lang: str) -> list[str]:
    out = []
    for summary, start, end, parties, source, unit_name in df[
        [col("summary", lang), "start", "end", "parties", "source", "unit_name"]
    ].itertuples(index=False):
        title = f"{summary} – {unit_name}" if unit_name else summary
        when = start.date().isoformat() + ("" if start == end else f" – {end.date().isoformat()}")
        lines = [f"<b>{_e(title)}</b>", when]
        if parties:
            lines.append(f"{t('parties', lang)}: {_e(parties)}")
        lines.append(f"{t('source', lang)}: {_e(_wrap(source))}")
        out.append("<br>".join(lines))
    return out


def _wrap(text: str, width: int = 70) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line]).replace("\n", "<br>")


# --------------------------------------------------------------------------- the årshjul


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
        (plan.events["kind"] != "meeting") & (plan.events["start"] <= last) & (plan.events["end"] >= first)
    ]
    ev = ev.drop_duplicates(["document", "kind", "start", "end", "period"]).copy()
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
    title = {d.id: _e(d.title_en if lang == "en" else d.title) for d in docs}
    fig = go.Figure()
    # Each ring: drafting on its outer half, validity on its inner half, so both show.
    arcs = {
        "drafting": (ev[ev["kind"] == "drafting"], 0.5, COLOURS["drafting"]),
        "validity": (ev[(ev["kind"] == "validity") & (ev["period"] == plan.term.label)], 0.1, COLOURS["validity"]),
        "carried": (ev[(ev["kind"] == "validity") & (ev["period"] != plan.term.label)], 0.1, CARRIED_COLOUR),
    }
    names = {"drafting": t("drafting", lang), "validity": t("validity", lang), "carried": t("carried_over", lang)}
    for kind, (df, offset, colour) in arcs.items():
        a0, a1 = _angle(df["from"], year), _angle(df["to"] + pd.Timedelta(days=1), year)
        fig.add_trace(
            go.Barpolar(
                name=names[kind],
                r=[0.4] * len(df),
                base=df["document"].map(ring).to_numpy() + offset,
                theta=(a0 + a1) / 2,
                width=a1 - a0,
                marker={"color": colour, "line": {"width": 1, "color": "white"}},
                customdata=_hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                meta=kind,
            )
        )
    for kind in ("deadline", "milestone"):
        df = ev[ev["kind"] == kind]
        fig.add_trace(
            go.Scatterpolar(
                name=t(kind, lang),
                mode="markers",
                r=df["document"].map(ring).to_numpy() + 0.5,
                theta=_angle(df["start"], year),
                meta=kind,
                marker=_marker(kind, 10),
                customdata=_hover(df, lang),
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
            "text": _e(
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


# --------------------------------------------------------------------------- writing


def figure_html(fig: go.Figure, div_id: str, *, full_html: bool = True, plotlyjs: str | bool = True) -> str:
    """Deterministic HTML: a fixed div id; plotly.js inline (works offline) unless asked not to."""
    return fig.to_html(
        full_html=full_html, include_plotlyjs=plotlyjs, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )


def write_figure(fig: go.Figure, path: str | Path, div_id: str, plotlyjs: str = "inline") -> Path:
    """HTML (self-contained by default), PNG or SVG by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return write_atomic(path, figure_html(fig, div_id, plotlyjs=True if plotlyjs == "inline" else "cdn"))
    if suffix in (".png", ".svg"):
        return write_atomic(path, image_bytes(fig, suffix[1:]))
    raise CycleError(
        f"ukendt filtype '{suffix}' (.html, .png eller .svg)",
        f"unknown file type '{suffix}' (.html, .png or .svg)",
        file=path,
        key="output",
    )


def image_bytes(fig: go.Figure, fmt: str) -> bytes:
    """PNG/SVG through kaleido and the system's Chromium (the optional ``images`` extra)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise CycleError(
            "PNG/SVG kræver kaleido og Chromium: pip install 'cycle[images]' og apt-get install chromium",
            "PNG/SVG needs kaleido and Chromium: pip install 'cycle[images]' and apt-get install chromium",
            key="output",
        ) from None
    try:
        return fig.to_image(format=fmt, width=1400, scale=1)
    except Exception as e:  # kaleido reports a missing browser in several ways
        raise CycleError(
            f"PNG/SVG kunne ikke laves ({type(e).__name__}): installer Chromium (apt-get install chromium)",
            f"PNG/SVG could not be made ({type(e).__name__}): install Chromium (apt-get install chromium)",
            key="output",
        ) from None
