"""The views' shared look and vocabulary: which kinds are blocks and which are marks, one colour
per block, one symbol and colour per mark, one font. The timeline, the charts and the site take
them from here, so a colour changes in one place.
"""

from __future__ import annotations

from ..model import PHASE_KINDS, POINT_KINDS

#: Blocks: a drafting window or a validity period, drawn as a span of quarters or days.
PHASES: tuple[str, ...] = tuple(PHASE_KINDS)
#: Marks: a deadline or a milestone, drawn as a point.
MARKS: tuple[str, ...] = tuple(POINT_KINDS)
#: The block a chart draws for a document of the previous term still in force
#: (:func:`cycle.views.common.carried_over`).
CARRIED = "carried"
#: Every block a chart draws, in legend order.
BLOCKS: tuple[str, ...] = (*PHASES, CARRIED)

#: The seed spreadsheet's orange (drafting) and green (validity).
COLOURS = {"drafting": "#f4b183", "validity": "#a9d18e"}
#: A paler green: in force, but adopted in the previous term.
CARRIED_COLOUR = "#d9ead3"
BLOCK_COLOURS = {**COLOURS, CARRIED: CARRIED_COLOUR}

MARK_SYMBOLS = {"deadline": "diamond", "milestone": "star"}
MARK_COLOURS = {"deadline": "#c00000", "milestone": "#2f5597"}
#: How a mark is written in text cells (the HTML timeline and the spreadsheet).
MARK_GLYPH = "◆"
#: The same, telling a deadline from a milestone by shape as the charts do (not by colour alone).
MARK_GLYPHS = {"deadline": "◆", "milestone": "★"}

FONT = {"family": "system-ui, Segoe UI, Arial, sans-serif", "size": 12}

#: A deadline's progress (the status file's) on a chart: a symbol and a colour each, so that
#: colour is never the only sign, and a word in the legend (i18n ``status_<status>``). An open
#: deadline keeps the plain deadline mark.
STATUS_MARKERS = {
    "done": {"symbol": "circle", "color": "#2e7d32"},
    "late": {"symbol": "square", "color": "#b26a00"},
    "overdue": {"symbol": "x", "color": "#c00000"},
}


def status_marker(status: str, size: int) -> dict:
    """The marker of a deadline with this status ('' or 'open': the plain deadline mark)."""
    look = STATUS_MARKERS.get(status, {"symbol": MARK_SYMBOLS["deadline"], "color": MARK_COLOURS["deadline"]})
    return {**look, "size": size, "line": {"width": 1, "color": "white"}}
