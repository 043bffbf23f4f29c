"""What the Gantt chart and the årshjul share: escaping, markers and the hover text.

Text that comes from model or units files is escaped before it reaches plotly, so a unit called
``<script>`` is shown, never run.
"""

from __future__ import annotations

import html

import pandas as pd

from ...i18n import col, t
from ..style import BLOCK_COLOURS, FONT, MARK_COLOURS, MARK_SYMBOLS

MONTHS = {
    "da": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
__all__ = ["BLOCK_COLOURS", "FONT", "MONTHS", "e", "hover", "marker"]


def marker(kind: str, size: int) -> dict:
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
        when = start.date().isoformat() + ("" if start == end else f" – {end.date().isoformat()}")
        lines = [f"<b>{e(title)}</b>", when]
        if parties:
            lines.append(f"{t('parties', lang)}: {e(parties)}")
        lines.append(f"{t('source', lang)}: {e(_wrap(source))}")
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


