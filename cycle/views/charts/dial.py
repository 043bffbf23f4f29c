"""The årshjul's dial: geometry on the page, the months and quarters, the centre and today.

The wheel is drawn in page pixels (x right, y up) on hidden axes, so text can be placed and
measured exactly: angles are degrees clockwise from 12 o'clock, where the year begins.
"""

from __future__ import annotations

import calendar
import math
from datetime import date

import plotly.graph_objects as go

from ...i18n import t
from .base import INK, MONTHS, PAGE, Sheet, e, short_date
from .labels import LINE, text_width, wrap

W, H = PAGE
CX, CY = W / 2, H / 2 - 6
R_CENTRE = 92  # the disc with the year and the model's name
R_QUARTER = 118  # the quarter ring lies between R_CENTRE and this
R_MONTH = 150  # the month ring lies between R_QUARTER and this
TODAY = "#c00000"
MONTH_SHADES = ("#f3f5f8", "#ffffff")  # alternate months, across the rings
DIAL_SHADES = ("#dde4ec", "#eef2f6")


def angle(day: date, year: int) -> float:
    """Degrees clockwise from the top (1 January 00:00) for the start of ``day``."""
    days = 366 if calendar.isleap(year) else 365
    return (day - date(year, 1, 1)).days * 360.0 / days


def xy(r: float, theta: float) -> tuple[float, float]:
    rad = math.radians(theta)
    return CX + r * math.sin(rad), CY + r * math.cos(rad)


def sector(r0: float, r1: float, a0: float, a1: float) -> tuple[list[float], list[float]]:
    """The outline of an annular sector (a ring segment), as x and y lists."""
    steps = max(int((a1 - a0) / 1.5), 1)
    outer = [xy(r1, a0 + (a1 - a0) * i / steps) for i in range(steps + 1)]
    inner = [xy(r0, a1 - (a1 - a0) * i / steps) for i in range(steps + 1)]
    pts = [*outer, *inner, outer[0]]
    return [round(p[0], 2) for p in pts], [round(p[1], 2) for p in pts]


def sector_path(r0: float, r1: float, a0: float, a1: float) -> str:
    xs, ys = sector(r0, r1, a0, a1)
    return "M" + "L".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True)) + "Z"


def tangent(theta: float) -> float:
    """The text angle that writes along the circle at ``theta`` and is never upside down."""
    theta %= 360
    if 90 < theta < 270:
        return theta - 180
    return theta - 360 if theta >= 270 else theta


def _words(text: str, size: float, bold: bool = False) -> tuple[list[str], list[float], float]:
    words = text.split(" ")
    return words, [text_width(w, size, bold=bold) for w in words], size * 0.4


def curved_text(
    fig: Sheet, text: str, r: float, theta: float, size: float, *, bgcolor: str | None = None, **font: object
) -> None:
    """Text along the circle at radius ``r``, centred on ``theta``: word by word, each word
    turned to the circle where it stands, read left to right on the top and the bottom half."""
    words, widths, space = _words(text, size, font.get("weight") == "bold")
    total = sum(widths) + space * (len(words) - 1)
    bottom = 90 < theta % 360 < 270
    step = -1 if bottom else 1  # reading direction in degrees: on the bottom half, anticlockwise
    at = theta - step * math.degrees(total / 2 / r)
    for word, width in zip(words, widths, strict=True):
        mid = at + step * math.degrees(width / 2 / r)
        bulge = math.hypot(r, width / 2) - r  # a straight word stands out of its circle at the ends
        x, y = xy(r - bulge / 2, mid)
        fig.add_annotation(
            x=round(x, 2),
            y=round(y, 2),
            text=word,
            textangle=round(tangent(mid), 2),
            showarrow=False,
            font={"size": size, **font},
            bgcolor=bgcolor,
            borderpad=0,
            name="curved",
        )
        at += step * math.degrees((width + space) / r)


def fits_along(text: str, r: float, span_degrees: float, height: float, size: float) -> bool:
    """Whether ``text`` written along an arc of ``span_degrees`` at radius ``r`` fits it, in
    a lane ``height`` px deep."""
    words, widths, space = _words(text, size)
    total = sum(widths) + space * (len(words) - 1)
    bulge = math.hypot(r, max(widths) / 2) - r
    return total <= math.radians(span_degrees) * r * 0.92 and size * LINE * 0.8 + bulge <= height


def face(fig: Sheet, year: int, rim: float, lang: str) -> None:
    """Month sectors shaded in turn across the rings, the quarter ring and the month ring."""
    starts = [angle(date(year, m, 1), year) for m in range(1, 13)] + [360.0]
    for m in range(12):
        a0, a1 = starts[m], starts[m + 1]
        _shape(fig, sector_path(R_MONTH, rim, a0, a1), MONTH_SHADES[m % 2])
        _shape(fig, sector_path(R_QUARTER, R_MONTH, a0, a1), DIAL_SHADES[m % 2])
        curved_text(
            fig, MONTHS[lang if lang == "en" else "da"][m], (R_QUARTER + R_MONTH) / 2, (a0 + a1) / 2, 12, color=INK
        )
    for q in range(4):
        a0, a1 = starts[3 * q], starts[3 * q + 3]
        _shape(fig, sector_path(R_CENTRE, R_QUARTER, a0, a1), DIAL_SHADES[(q + 1) % 2])
        label = f"Q{q + 1}" if lang == "en" else f"{q + 1}. kvartal"
        curved_text(fig, label, (R_CENTRE + R_QUARTER) / 2, (a0 + a1) / 2, 11, color=INK)
    for a in starts[:12]:  # month borders, across the rings
        (x0, y0), (x1, y1) = xy(R_QUARTER, a), xy(rim, a)
        fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line={"color": "#c8ced6", "width": 1}, layer="below")


def _shape(fig: Sheet, path: str, fill: str, line: str = "rgba(0,0,0,0)") -> None:
    fig.add_shape(type="path", path=path, fillcolor=fill, line={"color": line, "width": 0}, layer="below")


def centre(fig: Sheet, year: int, name: str, today: date | None, lang: str) -> None:
    """The year and the model's name in the middle; today's date under them."""
    fig.add_shape(
        type="circle",
        x0=CX - R_CENTRE,
        y0=CY - R_CENTRE,
        x1=CX + R_CENTRE,
        y1=CY + R_CENTRE,
        fillcolor="white",
        line={"color": "#c8ced6", "width": 1},
        layer="below",
    )
    lines = wrap(name, R_CENTRE * 1.55, 14, max_lines=3)
    fig.add_annotation(x=CX, y=CY + 24, text=f"<b>{year}</b>", showarrow=False, font={"size": 40, "color": INK})
    # the name hangs below the year (whose box ends about CY), however many lines it takes
    fig.add_annotation(
        x=CX, y=CY - 4, yanchor="top", text="<br>".join(e(s) for s in lines), showarrow=False, font={"size": 14}
    )
    if today and today.year == year:
        fig.add_annotation(
            x=CX,
            y=CY - 10 - 14 * LINE * len(lines),
            yanchor="top",
            text=f"{t('today', lang)}: {short_date(today, lang)}",
            showarrow=False,
            font={"size": 12, "color": TODAY},
        )


def today_line(fig: Sheet, today: date | None, year: int, rim: float, lang: str) -> None:
    """Today as a red hand from the centre disc to the rim (it is also in the legend)."""
    if not today or today.year != year:
        return
    a = angle(today, year) + 180 / (366 if calendar.isleap(year) else 365)  # the middle of the day
    (x0, y0), (x1, y1) = xy(R_CENTRE, a), xy(rim + 8, a)
    fig.add_trace(
        go.Scatter(
            x=[round(x0, 2), round(x1, 2)],
            y=[round(y0, 2), round(y1, 2)],
            mode="lines",
            line={"color": TODAY, "width": 3},
            name=f"{t('today', lang)} ({short_date(today, lang)} {today.year})",
            hoverinfo="skip",
            legendrank=6,
            meta="today",
        )
    )
