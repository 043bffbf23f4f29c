"""Writing a chart: self-contained HTML, or PNG/SVG through kaleido and the system's Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go

from ...errors import CycleError
from ...io import write_atomic


def figure_html(fig: go.Figure, div_id: str, *, full_html: bool = True, plotlyjs: str | bool = True) -> str:
    """Deterministic HTML: a fixed div id; plotly.js inline (works offline) unless asked not to."""
    return fig.to_html(
        full_html=full_html, include_plotlyjs=plotlyjs, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )


def write_figure(
    fig: go.Figure, path: str | Path, div_id: str, plotlyjs: str = "inline", *, page: Callable[[str], str] | None = None
) -> Path:
    """HTML (self-contained by default), PNG or SVG by the file's suffix. ``page`` makes the
    HTML page around the chart's ``<div>`` (:func:`cycle.views.alternative.gantt_page`: language,
    title, text alternative); without it, plotly's own page."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        div = figure_html(fig, div_id, full_html=page is None, plotlyjs=True if plotlyjs == "inline" else "cdn")
        return write_atomic(path, page(div) if page else div)
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
