"""The election-period Gantt chart: a view of the events table, readable on paper.

A row per document (and per unit with ``expand_units``, grouped under a header row per area or
director). Drafting windows and validity periods are bars in the upper part of a row; a
document of the previous term still in force is a thin hatched band in the lower part, so it
never covers the drafting of its successor. Deadlines and milestones are marks with their date
beside them where there is room, otherwise a number and a key under the chart.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from ...columns import as_text, joined
from ...i18n import col, t
from ...plan import Plan
from ..common import FOLD_KEYS, carried_over, fold_units
from ..style import BLOCK_COLOURS, CARRIED, MARK_COLOURS, MARKS, PHASES
from .base import EDGES, FONT, INK, MUTED, PAGE, Sheet, e, hatch_legend, hover, marker, short_date
from .gantt_rows import Row, rows
from .labels import beside, crosses, span, text_width
from .progress import add_status_traces

W = PAGE[0]
ROW_PX = 26  # a row on screen; on a page the rows share its height
TOP, BOTTOM, RIGHT = 112, 64, 24  # title and axis; legend; the last diamond's half
KEY_ROWS = 6  # a longer key goes in two columns of the sheet's half, each line at most
KEY_CHARS = 125  # this long (10 px text: about 760 px)
#: Where a kind sits in its row (offset, width) in row units, y growing downwards: drafting and
#: validity above, the carried-over band below, apart.
BANDS = {"drafting": (-0.40, 0.52), "validity": (-0.40, 0.52), CARRIED: (0.18, 0.2)}
MARK_Y = -0.14  # the middle of the drafting band
LABEL_GAP = 7  # px between a mark and its date
#: Round a date the today line crosses: a white halo hides the line at the letters, and a bar
#: beneath the date still shows between them (a white box cut a hole in it).
LABEL_HALO = "0 0 2px white, 0 0 2px white, 0 0 2px white"
HATCH_DAYS, HATCH_SLANT = 12, 7  # a stroke every 12 days, leaning 7 days
NAMES = {"drafting": "drafting", "validity": "validity", CARRIED: "carried_over"}


def _row_key(events: pd.DataFrame, expand_units: bool) -> pd.Series:
    """A row's key as text (the table's columns are categoricals: their codes are no keys)."""
    document = as_text(events["document"])
    if not expand_units:
        return document
    return document.where(events["unit"] == "", as_text(joined(events["document"], "/", events["unit"])))


def gantt_events(plan: Plan, expand_units: bool = False) -> pd.DataFrame:
    """The events the Gantt chart draws, with their ``row``: per-unit events fold into their
    document's row; with ``expand_units`` each unit's also have a row of their own."""
    ev = plan.events[plan.events["kind"].isin(PHASES + MARKS)]
    folded = fold_units(ev).assign(row=lambda d: _row_key(d, False))
    if not expand_units:
        return folded
    per_unit = ev[ev["unit"] != ""].drop_duplicates([*FOLD_KEYS, "unit"])
    return pd.concat([folded, per_unit.assign(row=_row_key(per_unit, True))], ignore_index=True)


def gantt(
    plan: Plan,
    *,
    lang: str = "da",
    today: date | None = None,
    expand_units: bool = False,
    group_by: str = "area",
    height: int | None = None,
) -> go.Figure:
    """The election-period Gantt chart, ``W`` px wide; ``height`` fits it to a page."""
    table = rows(plan, lang, expand_units, group_by)
    index = {r.key: i for i, r in enumerate(table)}
    ev = gantt_events(plan, expand_units)
    ev = ev[ev["row"].isin(index)].assign(y=lambda d: d["row"].map(index))
    row_px = (height - TOP - BOTTOM) / len(table) if height else ROW_PX
    size = max(7.0, min(12.0, round(row_px * 0.55, 1)))
    left = max(text_width(_plain(r.label), size, bold=r.kind != "doc") for r in table) + 16
    frame = _Frame(plan.term.start, plan.term.end + timedelta(days=1), W - left - RIGHT, today)
    fig = Sheet()
    carried = carried_over(ev, plan.term.label)
    bars = {CARRIED: ev[carried], "validity": ev[(ev["kind"] == "validity") & ~carried]}
    bars["drafting"] = ev[ev["kind"] == "drafting"]  # drawn last: nothing covers it
    for kind, df in bars.items():
        _bars(fig, kind, df, lang)
    at = {r.key: i + MARK_Y for i, r in enumerate(table)}

    def apart(deadlines: pd.DataFrame) -> pd.DataFrame:  # met and overdue deadlines, with a status file
        return add_status_traces(fig, plan, deadlines, at, lang, expand_units)

    key = _marks(fig, ev, table, frame, (min(size, 10.5), max(6.0, min(11.0, row_px * 0.7))), lang, apart)
    _layout(fig, plan, table, (row_px, height), size, left, lang, key)
    _today(fig, today, plan.term.start, plan.term.end, lang)
    return fig.done()


class _Frame:
    """The x axis in px: where a day is, for deciding where a label fits, and where the today
    line is drawn (at the day's start; None if today is outside the term)."""

    def __init__(self, first: date, end: date, width: float, today: date | None = None) -> None:
        self.first, self.end, self.width = first, end, width
        self.per_day = width / (end - first).days
        self.today = (today - first).days * self.per_day if today and first <= today < end else None

    def x(self, day: pd.Timestamp) -> float:
        return ((day.date() - self.first).days + 0.5) * self.per_day


def _plain(label: str) -> str:
    for tag in ("<b>", "</b>", "<i>", "</i>"):
        label = label.replace(tag, "")
    return label


def _bars(fig: Sheet, kind: str, df: pd.DataFrame, lang: str) -> None:
    offset, width = BANDS[kind]
    end = df["end"] + pd.Timedelta(days=1)  # bars cover their last day
    carried = kind == CARRIED
    fig.add_trace(
        go.Bar(
            name=t(NAMES[kind], lang),
            orientation="h",
            y=df["y"].tolist(),
            base=df["start"].dt.strftime("%Y-%m-%d").tolist(),
            x=((end - df["start"]).dt.total_seconds() * 1000).tolist(),
            offset=offset,
            width=width,
            marker={"color": BLOCK_COLOURS[kind], "line": {"width": 1 if carried else 1.5, "color": EDGES[kind]}},
            customdata=hover(df, lang),
            hovertemplate="%{customdata}<extra></extra>",
            legendgroup=kind,
            legendrank={"drafting": 1, "validity": 2, CARRIED: 3}[kind],
            showlegend=not carried,
            meta=kind,
        )
    )
    if carried and len(df):  # no key entry for a pattern the chart does not show
        fig.add_trace(_hatching(df, offset, width))
        fig.add_trace(hatch_legend(t(NAMES[kind], lang), 3))


def _hatching(df: pd.DataFrame, offset: float, width: float) -> go.Scatter:
    """Slanted strokes across each carried-over band, every ``HATCH_DAYS``."""
    xs: list[str | None] = []
    ys: list[float | None] = []
    for y, start, end in df[["y", "start", "end"]].itertuples(index=False):
        day = start
        while day + pd.Timedelta(days=HATCH_SLANT) <= end + pd.Timedelta(days=1):
            xs += [day.strftime("%Y-%m-%d"), (day + pd.Timedelta(days=HATCH_SLANT)).strftime("%Y-%m-%d"), None]
            ys += [y + offset + width, y + offset, None]
            day += pd.Timedelta(days=HATCH_DAYS)
    return go.Scatter(
        x=xs, y=ys, mode="lines", line={"color": EDGES[CARRIED], "width": 1}, hoverinfo="skip", showlegend=False,
        legendgroup=CARRIED, meta="hatching",
    )  # fmt: skip


def _marks(
    fig: Sheet,
    ev: pd.DataFrame,
    table: list[Row],
    frame: _Frame,
    sizes: tuple[float, float],
    lang: str,
    apart: Callable[[pd.DataFrame], pd.DataFrame],
) -> list[str]:
    """Deadlines and milestones as marks (``apart`` draws those with a status and returns the
    rest); each document row's marks get their date beside them, or a number and a line in the
    key (returned) when there is no room."""
    size, mark_size = sizes
    marks = ev[ev["kind"].isin(MARKS)].sort_values(["y", "start"], kind="stable")
    for kind in MARKS:
        df = marks[marks["kind"] == kind]
        if kind == "deadline":
            df = apart(df)
        fig.add_trace(
            go.Scatter(
                name=t(kind, lang),
                mode="markers",
                y=(df["y"] + MARK_Y).tolist(),
                x=df["start"].dt.strftime("%Y-%m-%d").tolist(),
                marker=marker(kind, mark_size),
                cliponaxis=False,  # a diamond on the term's last days shows whole
                customdata=hover(df, lang),
                hovertemplate="%{customdata}<extra></extra>",
                legendrank={"deadline": 4, "milestone": 5}[kind],
                meta=kind,
            )
        )
    key: list[str] = []
    labelled = {i for i, r in enumerate(table) if r.kind == "doc"}
    for y, row in marks[marks["y"].isin(labelled)].groupby("y", sort=True):
        texts = [short_date(d.date(), lang) for d in row["start"]]
        xs = [frame.x(d) for d in row["start"]]
        widths = [text_width(s, size) for s in texts]
        places = beside(xs, widths, left=0, right=frame.width, pad=LABEL_GAP, avoid=frame.today)
        numbered: list[tuple[float, str, pd.Series]] = []
        for (_, mark), text, place, x, w in zip(row.iterrows(), texts, places, xs, widths, strict=True):
            if place == "key":
                key.append(f"{len(key) + 1}: {text} {mark['start'].year} {e(mark[col('summary', lang)])}")
                numbered.append((x, str(len(key)), mark))
                continue
            on_line = crosses(span(x, w, place, LABEL_GAP), frame.today)
            fig.add_annotation(**_mark_label(mark, y, text, place, size, on_line))
        for group in _clusters(numbered, size):
            text, x = ",".join(n for _, n, _ in group), group[0][0]
            on_line = crosses(span(x, text_width(text, size), "above", 0), frame.today)
            fig.add_annotation(**_mark_label(group[0][2], y, text, "above", size, on_line))
    return key


def _mark_label(mark: pd.Series, y: float, text: str, place: str, size: float, on_line: bool = False) -> dict:
    """A mark's date right or left of it, or its number(s) in the key above it (an annotation);
    ``on_line``: the today line crosses it, and passes behind it (annotations are drawn over
    shapes), hidden at the letters by a white halo, so that the text stays readable."""
    return dict(
        x=mark["start"].strftime("%Y-%m-%d"),
        y=y + MARK_Y,
        text=text,
        showarrow=False,
        xanchor={"right": "left", "left": "right", "above": "center"}[place],
        yanchor="bottom" if place == "above" else "middle",
        xshift={"right": LABEL_GAP, "left": -LABEL_GAP, "above": 0}[place],
        yshift=6 if place == "above" else 0,
        font={
            "size": size,
            "color": MARK_COLOURS[mark["kind"]] if place == "above" else INK,
            "shadow": LABEL_HALO if on_line else "none",
        },
        name="mark-label",
    )


def _clusters(numbered: list[tuple[float, str, pd.Series]], size: float) -> list[list[tuple[float, str, pd.Series]]]:
    """Numbered marks of a row whose numbers would touch, as one group each (written "3,4"
    above the first), so that no two numbers overlap.

    >>> [[n for _, n, _ in g] for g in _clusters([(0, "1", None), (9, "2", None), (80, "3", None)], 10)]
    [['1', '2'], ['3']]
    """
    groups: list[list[tuple[float, str, pd.Series]]] = []
    for item in numbered:
        if groups:
            x0 = groups[-1][0][0]
            half = text_width(",".join(n for _, n, _ in [*groups[-1], item]), size) / 2
            if item[0] - x0 < half + text_width(item[1], size) / 2 + 4:
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def _layout(
    fig: Sheet, plan: Plan, table: list[Row], rows_px: tuple[float, int | None], size: float, left: float,
    lang: str, key: list[str],
) -> None:  # fmt: skip
    term, n = plan.term, len(table)
    row_px, page = rows_px  # on a page the key takes its room from the rows
    model = plan.model.name_en if lang == "en" else plan.model.name
    bottom = BOTTOM + 16 * math.ceil(len(key) / _key_columns(key))
    fig.fig.update_layout(
        barmode="overlay",
        font=FONT,
        width=W,
        height=page or round(TOP + bottom + row_px * n),
        autosize=False,
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": left, "r": RIGHT, "t": TOP, "b": bottom},
        title={
            "text": e(t("gantt_title", lang, model=model, period=term.label)),
            "x": 0.01,
            "y": 0.99,
            "yanchor": "top",
            "font": {"size": 20},
        },
        legend={"orientation": "h", "y": 0, "yref": "container", "yanchor": "bottom", "x": 0.5, "xanchor": "center"},
        xaxis={
            "type": "date",
            "range": [term.start.isoformat(), (term.end + timedelta(days=1)).isoformat()],
            "tickvals": [q.first_day.isoformat() for q in term.quarters],
            "ticktext": [f"{q}<br>{t('year', lang)} {i // 4 + 1} Q{q.q}" for i, q in enumerate(term.quarters)],
            "tickangle": 0,
            "tickfont": {"size": 11},
            "gridcolor": "#e4e4e4",
            "side": "top",
        },
        yaxis={
            "range": [n - 0.5, -0.5],
            "tickvals": list(range(n)),
            "ticktext": [r.label for r in table],
            "tickfont": {"size": size, "color": INK},
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
    )
    _furniture(fig, plan, table, key)
    _key(fig, key, left)


def _furniture(fig: Sheet, plan: Plan, table: list[Row], key: list[str]) -> None:
    """Header rows shaded, a line at each new year, and the key of numbered marks."""
    term = plan.term
    for i, r in enumerate(table):
        if r.kind in ("level", "group"):
            fill = "#e3e9f0" if r.kind == "level" else "#f1f4f7"
            fig.add_shape(
                type="rect",
                xref="paper",
                x0=0,
                x1=1,
                y0=i - 0.5,
                y1=i + 0.5,
                fillcolor=fill,
                line={"width": 0},
                layer="below",
            )
    for year in range(term.first_year + 1, term.last_year + 1):  # year separators
        x = date(year, 1, 1).isoformat()
        fig.add_shape(type="line", xref="x", x0=x, x1=x, yref="y domain", y0=0, y1=1, line={"color": MUTED, "width": 1})


def _key_columns(key: list[str]) -> int:
    return 1 if len(key) <= KEY_ROWS else 2


def _key(fig: Sheet, key: list[str], left: float) -> None:
    """The key of numbered marks under the chart, from the sheet's left edge: in two columns when
    it is long, so that it leaves the rows their height."""
    if not key:
        return
    cols = _key_columns(key)
    per = math.ceil(len(key) / cols)
    plot = W - left - RIGHT
    for c in range(cols):
        x = 14 if c == 0 else W / 2
        lines = [
            textwrap.shorten(k, KEY_CHARS, placeholder=" …") if cols > 1 else k for k in key[c * per : (c + 1) * per]
        ]
        fig.add_annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=(x - left) / plot,
            y=0,
            yanchor="top",
            yshift=-8,
            xanchor="left",
            align="left",
            showarrow=False,
            font={"size": 10, "color": INK},
            name="key",
        )


def _today(fig: Sheet, today: date | None, first: date, last: date, lang: str) -> None:
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
            y=1,
            yanchor="bottom",
            yshift=34,
            showarrow=False,
            text=f"{t('today', lang)} {short_date(today, lang)} {today.year}",
            font={"color": "#c00000", "size": 11},
            bgcolor="white",
            name="today",
        )
