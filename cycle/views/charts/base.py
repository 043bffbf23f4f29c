"""What the Gantt chart and the årshjul share: escaping, markers and the hover text.

Text that comes from model or units files is escaped before it reaches plotly, so a unit called
``<script>`` is shown, never run.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from ...i18n import col, t
from ..style import BLOCK_COLOURS, FONT, MARK_COLOURS, MARK_SYMBOLS
from ..words import MONTHS as WORD_MONTHS
from ..words import day_month, format_span

MONTHS = {lang: [m.rstrip(".") for m in names] for lang, names in WORD_MONTHS.items()}  # the wheel's dial
#: The charts are laid out for landscape A3 at CSS's 96 px per inch (420 × 297 mm); A4 is the
#: same layout printed at 1/√2, so text keeps its proportions on either paper.
PAGE = (1587, 1123)
PAPER_SCALE = {"a3": 1.0, "a4": 0.5**0.5}
#: Besides its colour, each block has its own edge, and a carried-over one its hatching, so
#: colour never carries the meaning alone (in print, for colour-blind readers).
EDGES = {"drafting": "white", "validity": "#38761d", "carried": "#6aa84f"}
HATCH = {"shape": "/", "fgcolor": "#6aa84f", "solidity": 0.3, "size": 7}
INK = "#222"  # text
MUTED = "#666"  # secondary text and leader lines
__all__ = [
    "BLOCK_COLOURS",
    "EDGES",
    "FONT",
    "HATCH",
    "INK",
    "MONTHS",
    "MUTED",
    "PAGE",
    "PAPER_SCALE",
    "Sheet",
    "e",
    "hover",
    "marker",
    "short_date",
]

short_date = day_month  # "30. sep.": a chart's axis or centre already says the year


class Sheet:
    """A figure being drawn: traces go on it at once, shapes and annotations are gathered as
    dicts and set on its layout together by :meth:`done`. Plotly validates every shape or
    annotation already there again on each ``add_shape`` or ``add_annotation``, so adding a few
    hundred labels one by one cost tens of seconds."""

    def __init__(self) -> None:
        self.fig = go.Figure()
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []

    def add_trace(self, trace: go.Scatter | go.Bar) -> None:
        self.fig.add_trace(trace)

    def add_shape(self, **shape: object) -> None:
        self.shapes.append(shape)

    def add_annotation(self, **annotation: object) -> None:
        self.annotations.append({k: v for k, v in annotation.items() if v is not None})

    def done(self) -> go.Figure:
        """The figure, with its shapes and annotations, in the order they were drawn."""
        self.fig.update_layout(shapes=self.shapes, annotations=self.annotations)
        return self.fig


def marker(kind: str, size: float) -> dict:
    """Deadlines and milestones look the same in both charts."""
    return {
        "symbol": MARK_SYMBOLS[kind],
        "size": size,
        "color": MARK_COLOURS[kind],
        "line": {"width": 1, "color": "white"},
    }


def e(text: object) -> str:
    """User text made safe for plotly's HTML-like labels."""
    return html.escape(str(text), quote=False)


def hover(df: pd.DataFrame, lang: str) -> list[str]:
    out = []
    for summary, start, end, parties, source, unit_name in df[
        [col("summary", lang), "start", "end", "parties", "source", "unit_name"]
    ].itertuples(index=False):
        title = f"{summary} – {unit_name}" if unit_name else summary
        when = format_span(start.date(), end.date(), lang)
        lines = [f"<b>{e(title)}</b>", when]
        if parties:
            lines.append(f"{t('parties', lang)}: {e(parties)}")
        lines.append(f"{t('source', lang)}: " + "<br>".join(e(s) for s in textwrap.wrap(source, 70)))
        out.append("<br>".join(lines))
    return out


def hatch_legend(name: str, rank: int) -> go.Scatter:
    """A legend entry showing the hatching of carried-over blocks (it draws nothing). The blocks
    draw their hatching as lines: a fill pattern on every block makes a PDF of megabytes."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        fill="toself",
        name=name,
        fillcolor=BLOCK_COLOURS["carried"],
        fillpattern=HATCH,
        line={"color": EDGES["carried"], "width": 1},
        legendgroup="carried",
        legendrank=rank,
        hoverinfo="skip",
        meta="legend",
    )
