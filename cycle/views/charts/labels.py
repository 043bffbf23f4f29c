"""Placing text so that no two labels overlap: a column of labels beside a chart, each as close
as it can be to the point it names, and a rough measure of text for deciding what fits.

>>> spread([100, 100, 100], [20, 20, 20], low=0, high=500, gap=2)
[122.0, 100.0, 78.0]
"""

from __future__ import annotations

import textwrap

#: Advance of characters in em, by class, for DejaVu Sans (what Chromium picks for sans-serif on
#: Linux, and wider than Segoe UI or Arial), so an estimate errs towards "does not fit".
_NARROW = frozenset("fijlrtI.,:;'!|()[]- ")
_WIDE = frozenset("mwMWæÆœŒ%@")
LINE = 1.3  # line height in em


def _em(ch: str) -> float:
    if ch in _NARROW:
        return 0.36
    if ch in _WIDE:
        return 0.94
    if ch.isupper():
        return 0.74
    return 0.62


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width in px of one line of ``text`` at font size ``size``."""
    return sum(_em(ch) for ch in text) * size * (1.1 if bold else 1.0)


def wrap(text: str, width_px: float, size: float, max_lines: int = 3) -> list[str]:
    """``text`` in lines that fit ``width_px``; the last line is shortened with … if needed."""
    chars = max(int(width_px / (size * 0.62)), 8)
    lines = textwrap.wrap(text, chars, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1 :]), chars, placeholder=" …")]
    return lines


def spread(wanted: list[float], heights: list[float], *, low: float, high: float, gap: float) -> list[float]:
    """Centres (y up) for labels that want to sit at ``wanted`` (given top to bottom, i.e. in
    falling order), each ``heights[i]`` tall, at least ``gap`` apart and inside ``low``..``high``.
    Labels keep their order; a crowd of labels centres on the points it names."""
    blocks: list[list[int]] = []  # runs of labels that touch, each placed as one
    offset = [0.0] * len(wanted)  # a label's distance below the first of its block

    def place(block: list[int]) -> float:
        return sum(wanted[i] + offset[i] for i in block) / len(block)

    def bottom(block: list[int]) -> float:
        return place(block) - offset[block[-1]] - heights[block[-1]] / 2

    for i in range(len(wanted)):
        blocks.append([i])
        while len(blocks) > 1 and place(blocks[-1]) + heights[blocks[-1][0]] / 2 + gap > bottom(blocks[-2]):
            upper, lower = blocks[-2], blocks.pop()
            last = upper[-1]
            shift = offset[last] + (heights[last] + heights[lower[0]]) / 2 + gap
            for j in lower:
                offset[j] += shift
            upper.extend(lower)
    y = [place(b) - offset[i] for b in blocks for i in b]

    def apart(i: int) -> float:  # centre to centre, label i to label i + 1
        return (heights[i] + heights[i + 1]) / 2 + gap

    for i in range(len(y)):  # keep inside: down from the top, then up from the bottom
        y[i] = min(y[i], high - heights[i] / 2 if i == 0 else y[i - 1] - apart(i - 1))
    for i in range(len(y) - 1, -1, -1):
        y[i] = max(y[i], low + heights[i] / 2 if i == len(y) - 1 else y[i + 1] + apart(i))
    return [round(v, 1) for v in y]


def beside(
    xs: list[float], widths: list[float], *, left: float, right: float, pad: float, avoid: float | None = None
) -> list[str]:
    """Where each label of a row of marks goes: ``right`` of its mark, else ``left`` of it, else
    ``key`` (numbered, with the text in a key beside the chart). ``xs`` are the marks' centres
    in px in rising order, ``widths`` the labels'; a label keeps ``pad`` px from every mark and
    from every other label, and stays between ``left`` and ``right``. A side whose label a
    vertical line at ``avoid`` would cross (the chart's today) is taken only if the other is not free.

    >>> beside([100, 200, 215], [30, 30, 30], left=0, right=400, pad=8)
    ['right', 'left', 'right']
    >>> beside([100, 120, 140], [50, 50, 50], left=0, right=400, pad=8)
    ['left', 'key', 'right']
    >>> beside([100, 300], [30, 30], left=0, right=400, pad=8, avoid=120)
    ['left', 'right']
    """
    taken = [(x - pad, x + pad) for x in xs]  # the marks themselves
    out = []
    for i, (x, w) in enumerate(zip(xs, widths, strict=True)):
        spans = {side: span(x, w, side, pad) for side in ("right", "left")}
        if avoid is not None:  # sorted is stable: right before left, unless the line crosses it
            spans = dict(sorted(spans.items(), key=lambda side: crosses(side[1], avoid)))
        others = taken[:i] + taken[i + 1 :]
        where = next(
            (
                side
                for side, (a, b) in spans.items()
                if left <= a and b <= right and all(b + pad <= c or d + pad <= a for c, d in others)
            ),
            "key",
        )
        if where != "key":
            taken.append(spans[where])
        out.append(where)
    return out


def span(x: float, width: float, side: str, pad: float) -> tuple[float, float]:
    """From where to where in px a label ``width`` wide goes, ``pad`` px ``right`` or ``left`` of
    a mark at ``x``, or centred ``above`` it."""
    if side == "right":
        return (x + pad, x + pad + width)
    if side == "left":
        return (x - pad - width, x - pad)
    return (x - width / 2, x + width / 2)


def crosses(extent: tuple[float, float], line: float | None) -> bool:
    """Whether a vertical line at ``line`` px passes through a label spanning ``extent``."""
    return line is not None and extent[0] <= line <= extent[1]
