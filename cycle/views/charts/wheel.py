"""The årshjul (annual wheel): a view of the events table, readable on paper.

Twelve month sectors around a centre with the year and the model's name; a ring per level or per
document (``rings``), outermost first; each drafting window or validity period a ring segment
with its document's name along it; each deadline and milestone a mark with a label beside the
wheel, joined by a leader line, the labels spread so that none overlaps another.
"""

from __future__ import annotations

import itertools
import math
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ...errors import CycleError
from ...i18n import col, t
from ...plan import Plan
from ..common import carried_over, fold_units
from ..style import BLOCK_COLOURS, CARRIED, MARK_COLOURS, MARK_GLYPH, MARKS, PHASES
from .base import EDGES, FONT, INK, MUTED, PAGE, Sheet, e, hatch_legend, hover, marker, short_date
from .dial import CX, CY, R_MONTH, centre, curved_text, face, fits_along, sector, sector_path, today_line, xy
from .labels import LINE, spread, text_width, wrap
from .rings import Lane, Ring, assign_radii, marks_lane, pack, select_rings

W, H = PAGE
R_INNER = R_MONTH + 8  # the innermost ring starts here
R_MAX = 460  # and the outermost ends here at most
LEADER_OUT = 12  # a leader line bends this far outside the rim
COLUMN_GAP = 44  # from the rim to the labels beside the wheel
LABEL_FONT = 11
#: (outer radius, label size) to try in turn until the labels fit beside the wheel: smaller
#: text first, then a smaller wheel, whose wider columns need fewer lines per label; only if
#: none fits do labels of marks near 12 and 6 o'clock move to the emptier column
LAYOUTS = ((R_MAX, LABEL_FONT), (R_MAX, 10), (430, 10), (400, 10), (400, 9), (370, 9), (340, 9))
SWAP = 15  # how near 12 or 6 o'clock (degrees) such a mark is
LABEL_TOP, LABEL_BOTTOM = H - 58, 58  # below the title, above the legend
NAMES = {"drafting": "drafting", "validity": "validity", CARRIED: "carried_over"}
RANKS = {"drafting": 1, "validity": 2, CARRIED: 3, "deadline": 4, "milestone": 5, "today": 6}
GLYPHS = {"deadline": MARK_GLYPH, "milestone": "★"}


def wheel_events(plan: Plan, year: int) -> pd.DataFrame:
    """The year's events on the wheel: windows clipped to the year, one per document and date
    (per-unit events fold), with their angles ``a0``..``a1`` and whether ``carried`` over."""
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    ev = plan.events
    ev = fold_units(ev[ev["kind"].isin(PHASES + MARKS) & (ev["start"] <= last) & (ev["end"] >= first)])
    ev = ev.assign(carried=carried_over(ev, plan.term.label), **{"from": ev["start"].clip(lower=first)})
    ev["to"] = ev["end"].clip(upper=last)
    days = (last - first).days + 1
    ev["a0"] = (ev["from"] - first).dt.days * 360.0 / days
    ev["a1"] = ((ev["to"] - first).dt.days + 1) * 360.0 / days
    return ev.reset_index(drop=True)


def wheel(
    plan: Plan, year: int | None = None, *, lang: str = "da", today: date | None = None, rings: str = "level"
) -> go.Figure:
    """The årshjul of ``year``; ``rings`` is ``level`` (a ring per level), ``documents``,
    ``chain`` (the documents drafted and then in force), ``statutory`` (the base model's
    documents, the statutory year) or document ids separated by commas."""
    year = year or (today or date.today()).year
    if not plan.term.first_year <= year <= plan.term.last_year:
        raise CycleError(
            f"{year} ligger uden for valgperioden {plan.term.label}",
            f"{year} is outside the election period {plan.term.label}",
            key="year",
        )
    ev = wheel_events(plan, year)
    chosen = select_rings(plan.model, rings, lang)
    ev = ev[ev["document"].isin({d for r in chosen for d in r.docs})]
    packed = [pack(r, ev, header=rings == "level") for r in chosen]
    packed = [r for r in packed if any(lane.kind != "header" for lane in r.lanes)]
    marks = ev[ev["kind"].isin(MARKS)].sort_values(["start", "document"], kind="stable")
    rim, columns = _fit(packed, marks, lang)
    points = _mark_points(packed, marks)
    fig = Sheet()
    face(fig, year, rim, lang)
    _rings(fig, packed, ev, lang, [(p[4], p[3]) for p in points])
    _marks(fig, points, ev, rim, lang, columns)
    model_name = plan.model.name_en if lang == "en" else plan.model.name
    centre(fig, year, model_name, today, lang)
    today_line(fig, today, year, rim, lang)
    title = t("wheel_title", lang, model=model_name, year=year)
    if rings in ("chain", "statutory"):
        title += f" – {t('rings_' + rings, lang)}"
    _layout(fig.fig, title)
    return fig.done()


def _rings(fig: Sheet, rings: list[Ring], ev: pd.DataFrame, lang: str, marks: list[tuple[float, float]]) -> None:
    """Each ring: its name (a header lane, or along a ring without arcs), then its arcs. Text
    goes where no leader line crosses: ``marks`` are the marks' (radius, angle)."""
    shown: set[str] = set()
    names: list[tuple[float, float, float, float]] = []  # each ring name placed: radius, angle, half-width, size
    for ring in rings:
        head = ring.lanes[0]
        if head.kind == "header":
            fig.add_shape(
                type="path", path=sector_path(head.r0, head.r1, 0, 360), fillcolor="#e3e9f0", line={"width": 0},
                layer="below",
            )  # fmt: skip
        if head.kind == "header" or all(lane.kind == "marks" for lane in ring.lanes):
            r, size = (head.r0 + head.r1) / 2, _size(head)
            half = math.degrees(text_width(ring.name, size, bold=True) / 2 / r) + 2
            theta = free_angle(_crossing(marks, head) + _named(names, r, size), half, prefer=0)
            names.append((r, theta, half, size))
            curved_text(fig, e(ring.name), r, theta, size, color=INK, weight="bold")
        for lane in ring.lanes:
            if lane.kind == "marks":  # a track for the marks to sit on
                r = (lane.r0 + lane.r1) / 2
                fig.add_shape(
                    type="circle", x0=CX - r, y0=CY - r, x1=CX + r, y1=CY + r, line={"color": "#b8c2cc", "width": 1},
                    layer="below",
                )  # fmt: skip
            for i in lane.arcs:
                _arc(fig, ev.loc[i], lane, lang, shown, _crossing(marks, lane))


def _named(names: list[tuple[float, float, float, float]], r: float, size: float) -> list[float]:
    """The angles (a degree apart) covered by the names of rings so near radius ``r`` that text of
    ``size`` there would touch them: thin rings (a ring per document) stagger their names."""
    near = [(theta, half) for r2, theta, half, size2 in names if abs(r2 - r) < (size + size2) / 2 * LINE]
    return [(theta + d) % 360 for theta, half in near for d in range(-math.ceil(half), math.ceil(half) + 1)]


def _crossing(marks: list[tuple[float, float]], lane: Lane) -> list[float]:
    """The angles where a mark or its leader line (running outwards) passes through ``lane``."""
    return [theta for r, theta in marks if r <= lane.r1 + 0.5]


def free_angle(taken: list[float], half: float, *, prefer: float, low: float = 0.0, high: float = 360.0) -> float:
    """The angle nearest ``prefer`` between ``low + half`` and ``high - half`` whose ``half``-wide
    neighbourhood holds none of ``taken``; ``prefer`` if there is none.

    >>> free_angle([0.0, 10.0], 6, prefer=0)  # 6° from 10 is 4° from 0
    354.0
    >>> free_angle([180.0], 30, prefer=180, low=100, high=300)  # 150 and 210 tie: the earlier
    150.0
    """

    def room(a: float) -> float:
        return min((abs((a - b + 180) % 360 - 180) for b in taken), default=360.0)

    whole = high - low >= 360  # a full circle: any angle, across 12 o'clock too
    lo, hi = (0, 359) if whole else (math.ceil(low + half), math.floor(high - half))
    candidates = sorted(range(lo, hi + 1), key=lambda a: (abs((a - prefer + 180) % 360 - 180), a))
    return float(next((a for a in candidates if room(a) >= half), prefer))


def _size(lane: Lane) -> float:
    """Text size for a lane: as large as its depth allows, 8 to 12 px."""
    return max(8.0, min(12.0, round((lane.r1 - lane.r0) / LINE / 1.15, 1)))


def _arc(fig: Sheet, row: pd.Series, lane: Lane, lang: str, shown: set[str], taken: list[float]) -> None:
    """A window as a ring segment, edged by its kind (and hatched if carried over)."""
    kind = CARRIED if row["carried"] else row["kind"]
    r0, r1 = lane.r0 + 1, lane.r1 - 1
    xs, ys = sector(r0, r1, row["a0"], row["a1"])
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=BLOCK_COLOURS[kind],
            line={"color": EDGES[kind], "width": 1.2},
            hoveron="fills",
            hoverinfo="text",
            text=hover(row.to_frame().T, lang)[0],
            name=t(NAMES[kind], lang),
            legendgroup=kind,
            legendrank=RANKS[kind],
            showlegend=kind not in shown and kind != CARRIED,
            meta=kind,
        )
    )
    if kind == CARRIED:
        fig.add_trace(_hatching(r0, r1, row["a0"], row["a1"]))
        if kind not in shown:
            fig.add_trace(hatch_legend(t(NAMES[kind], lang), RANKS[kind]))
    shown.add(kind)
    title = str(row[col("title", lang)])
    label = f"{title} ({row['period']})" if kind == CARRIED else title
    _arc_label(fig, label, (row["a0"], row["a1"]), (r0, r1), lane, taken, BLOCK_COLOURS[kind])


def _hatching(r0: float, r1: float, a0: float, a1: float) -> go.Scatter:
    """Slanted strokes across a ring segment, about every 12 px along its middle."""
    r = (r0 + r1) / 2
    step, slant = math.degrees(12 / r), math.degrees((r1 - r0) / r)
    xs: list[float | None] = []
    ys: list[float | None] = []
    a = a0 + step / 2
    while a + slant <= a1:
        (x0, y0), (x1, y1) = xy(r0, a), xy(r1, a + slant)
        xs += [round(x0, 2), round(x1, 2), None]
        ys += [round(y0, 2), round(y1, 2), None]
        a += step
    return go.Scatter(
        x=xs, y=ys, mode="lines", line={"color": EDGES[CARRIED], "width": 0.8}, hoverinfo="skip", showlegend=False,
        meta="hatching",
    )  # fmt: skip


def _arc_label(
    fig: Sheet, title: str, span: tuple[float, float], radii: tuple[float, float], lane: Lane, taken: list[float],
    bg: str,
) -> None:  # fmt: skip
    """The name along the segment, where no leader line crosses it: smaller, then shortened
    with …, until it fits."""
    (a0, a1), (r0, r1) = span, radii
    r, depth, size = (r0 + r1) / 2, r1 - r0, _size(lane)
    whole = a1 - a0 >= 359
    sizes = [z for z in (size, size - 1, size - 2) if z >= 8] or [8.0]
    size = next((z for z in sizes if fits_along(title, r, a1 - a0, depth, z)), sizes[-1])
    for n in range(len(title), 3, -1):
        text = title if n == len(title) else title[:n].rstrip() + "…"
        if fits_along(text, r, a1 - a0, depth, size):
            half = math.degrees(text_width(text, size) / 2 / r) + 1
            # a whole year is named at the bottom, where text reads level
            mid = (
                free_angle(taken, half, prefer=180.0)
                if whole
                else free_angle(taken, half, prefer=(a0 + a1) / 2, low=a0, high=a1)
            )
            curved_text(fig, e(text), r, mid, size, color=INK, bgcolor=bg)
            return


def _fit(rings: list[Ring], marks: pd.DataFrame, lang: str) -> tuple[float, tuple[list[bool], float]]:
    """The first of ``LAYOUTS`` whose labels fit beside the wheel: the rim's radius (the rings'
    radii assigned) and the labels' columns (right or not) and text size."""
    for swap, (r_max, size) in itertools.product((False, True), LAYOUTS):
        rim = assign_radii(rings, R_INNER, r_max, max_lane=34, gaps=(5, 16)) if rings else R_INNER
        right = _sides(marks, rim, size, lang, swap=swap)
        if right is not None:
            return rim, (right, size)
    return rim, (((marks["a0"] + marks["a1"]) / 2).lt(180).tolist(), size)


def _label_lines(row: pd.Series, width: float, size: float, lang: str) -> list[str]:
    return wrap(f"{short_date(row['start'].date(), lang)} {row[col('summary', lang)]}", width - 16, size)


def _sides(marks: pd.DataFrame, rim: float, size: float, lang: str, *, swap: bool) -> list[bool] | None:
    """For each mark whether its label goes in the right column, or None if the labels at
    ``size`` do not fit beside a wheel of radius ``rim``. A mark's label goes on the mark's side
    of the wheel, save (with ``swap``) marks near 12 and 6 o'clock, which fill the emptier column."""
    width = CX - rim - COLUMN_GAP - 14
    room = LABEL_TOP - LABEL_BOTTOM
    angles = ((marks["a0"] + marks["a1"]) / 2).tolist()
    heights = [len(_label_lines(row, width, size, lang)) * size * LINE + 2 + 3 for _, row in marks.iterrows()]
    right = [a < 180 for a in angles]

    def load(side: bool) -> float:
        return sum(h for h, r in zip(heights, right, strict=True) if r == side)

    near = sorted(range(len(angles)), key=lambda k: min(abs(angles[k] - 180), angles[k], 360 - angles[k]))
    for k in near:
        heavy = load(True) > load(False)
        if not swap or load(heavy) <= room or min(abs(angles[k] - 180), angles[k], 360 - angles[k]) > SWAP:
            break
        if right[k] == heavy and load(not heavy) + heights[k] < load(heavy):
            right[k] = not heavy
    return right if max(load(True), load(False)) <= room else None


def _mark_points(rings: list[Ring], marks: pd.DataFrame) -> list[tuple]:
    """Each deadline and milestone: (row label, row, (x, y), angle, radius), by date."""
    where = {doc: marks_lane(ring) for ring in rings for doc in ring.docs}
    points = []
    for i, row in marks.iterrows():
        lane = where[row["document"]]
        theta, r = (row["a0"] + row["a1"]) / 2, (lane.r0 + lane.r1) / 2  # the middle of the day and lane
        points.append((i, row, xy(r, theta), theta, r))
    return points


def _marks(
    fig: Sheet, points: list[tuple], ev: pd.DataFrame, rim: float, lang: str, columns: tuple[list[bool], float]
) -> None:
    """The deadlines and milestones as marks on their ring, each labelled beside the wheel
    (``columns``: whether each goes right, and the text size)."""
    for kind in MARKS:
        mine = [p for p in points if p[1]["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=[round(p[2][0], 2) for p in mine],
                y=[round(p[2][1], 2) for p in mine],
                mode="markers",
                marker=marker(kind, 12),
                name=t(kind, lang),
                legendrank=RANKS[kind],
                text=hover(ev.loc[[p[0] for p in mine]], lang) if mine else [],
                hoverinfo="text",
                meta=kind,
            )
        )
    leaders_x: list[float | None] = []
    leaders_y: list[float | None] = []
    for right in (True, False):
        side = [p for p, r in zip(points, columns[0], strict=True) if r == right]
        _label_column(fig, side, rim, (right, columns[1]), lang, leaders_x, leaders_y)
    fig.add_trace(
        go.Scatter(
            x=leaders_x,
            y=leaders_y,
            mode="lines",
            line={"color": MUTED, "width": 0.8},
            hoverinfo="skip",
            showlegend=False,
            meta="leaders",
        )
    )


def _label_column(
    fig: Sheet, side: list, rim: float, where: tuple[bool, float], lang: str, lx: list[float | None],
    ly: list[float | None],
) -> None:  # fmt: skip
    """Labels for one side of the wheel (``where``: right or not, and the text size), top to
    bottom in the order of their marks."""
    right, size = where
    x_text = CX + rim + COLUMN_GAP if right else CX - rim - COLUMN_GAP
    width = (W - 14 - x_text) if right else (x_text - 14)
    elbows = [xy(rim + LEADER_OUT, p[3]) for p in side]
    order = sorted(range(len(side)), key=lambda k: -elbows[k][1])
    texts, heights = [], []
    for k in order:
        row = side[k][1]
        glyph = f'<span style="color:{MARK_COLOURS[row["kind"]]}">{GLYPHS[row["kind"]]}</span>'
        lines = _label_lines(row, width, size, lang)
        texts.append(glyph + " " + "<br>".join(e(s) for s in lines))
        heights.append(len(lines) * size * LINE + 2)
    ys = spread([elbows[k][1] for k in order], heights, low=LABEL_BOTTOM, high=LABEL_TOP, gap=3)
    for k, text, y in zip(order, texts, ys, strict=True):
        (mx, my), (ex, ey) = side[k][2], elbows[k]
        lx.extend([round(mx, 2), round(ex, 2), round(x_text + (-4 if right else 4), 2), None])
        ly.extend([round(my, 2), round(ey, 2), round(y, 2), None])
        fig.add_annotation(
            x=x_text,
            y=y,
            xanchor="left" if right else "right",
            align="left" if right else "right",
            text=text,
            showarrow=False,
            font={"size": size, "color": INK},
            name="mark-label",
        )


def _layout(fig: go.Figure, title: str) -> None:
    hidden = {"visible": False, "fixedrange": True}
    fig.update_layout(
        width=W,
        height=H,
        autosize=False,
        font=FONT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="white",
        plot_bgcolor="white",
        title={"text": e(title), "x": 0.012, "xanchor": "left", "y": 0.975, "font": {"size": 20}},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": 0.012, "yanchor": "bottom"},
        xaxis={**hidden, "range": [0, W]},
        yaxis={**hidden, "range": [0, H], "scaleanchor": "x"},
        hovermode="closest",
    )
