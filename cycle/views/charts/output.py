"""Writing a chart: self-contained HTML; PNG, SVG or a one-page PDF through kaleido and the
system's Chromium. SVG and PDF bytes are the same for the same input: plotly's random figure id
is replaced by a fixed one, and the PDF's dates follow ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import contextlib
import html
import re
import warnings
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from ...errors import CycleError
from ...io import write_atomic
from ...plan import Plan
from .. import pdf
from .base import PAGE

_FIGURE_ID = re.compile(r'id="defs-([0-9a-f]{6})"')


def figure_html(fig: go.Figure, div_id: str, *, full_html: bool = True, plotlyjs: str | bool = True) -> str:
    """Deterministic HTML: a fixed div id; plotly.js inline (works offline) unless asked not to."""
    return fig.to_html(
        full_html=full_html, include_plotlyjs=plotlyjs, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )


def write_figure(
    fig: go.Figure,
    path: str | Path,
    div_id: str,
    plotlyjs: str = "inline",
    *,
    page: Callable[[str], str] | None = None,
    paper: str = "a3",
    lang: str = "da",
) -> Path:
    """HTML (self-contained by default), PNG, SVG or PDF (one landscape sheet of ``paper``) by
    the file's suffix. ``page`` makes the HTML page around the chart's ``<div>``
    (:func:`cycle.views.alternative.gantt_page`: language, title, text alternative); without it,
    plotly's own page."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        div = figure_html(fig, div_id, full_html=page is None, plotlyjs=True if plotlyjs == "inline" else "cdn")
        return write_atomic(path, page(div) if page else div)
    if suffix in (".png", ".svg"):
        return write_atomic(path, image_bytes(fig, suffix[1:]))
    if suffix == ".pdf":
        return write_atomic(path, pdf_bytes(fig, paper, lang))
    raise CycleError(
        f"ukendt filtype '{suffix}' (.html, .png, .svg eller .pdf)",
        f"unknown file type '{suffix}' (.html, .png, .svg or .pdf)",
        file=path,
        key="output",
    )


def pdf_bytes(fig: go.Figure, paper: str = "a3", lang: str = "da") -> bytes:
    """The chart on one landscape sheet, printed by Chromium."""
    return pdf.html_to_pdf(sheet_page(fig, paper, lang))


def sheet_page(fig: go.Figure, paper: str = "a3", lang: str = "da") -> str:
    """The page that prints the chart on one landscape sheet: its SVG scaled to the paper."""
    svg = image_bytes(fig, "svg").decode("utf-8")
    title = re.sub(r"<[^>]+>", "", str(fig.layout.title.text or ""))
    return pdf.svg_page(svg, html.unescape(title), paper, lang)


def image_bytes(fig: go.Figure, fmt: str) -> bytes:
    """PNG/SVG through kaleido and the system's Chromium (the optional ``images`` extra)."""
    fig = go.Figure(fig)  # a copy: traces get fixed ids instead of plotly's random ones
    for i, trace in enumerate(fig.data):
        trace.uid = trace.uid or f"trace{i}"
    size = {"width": fig.layout.width or 1400, "height": fig.layout.height, "scale": 1}
    with image_session():
        try:
            try:
                image = fig.to_image(format=fmt, **size)
            except Exception:  # kaleido's page now and then fails a render under load: once more
                image = fig.to_image(format=fmt, **size)
        except Exception as e:  # Chromium is there (image_session found it) but crashed or hung
            raise CycleError(
                f"PNG/SVG kunne ikke laves: Chromium fejlede ({type(e).__name__})",
                f"PNG/SVG could not be made: Chromium failed ({type(e).__name__})",
                key="output",
            ) from None
    return fixed_ids(image) if fmt == "svg" else image


def image_browser() -> str:
    """The Chromium that kaleido draws with, the one that prints the PDFs
    (:func:`cycle.views.pdf.browser`); a :class:`CycleError` naming what to install if kaleido
    or Chromium is missing. Asked before kaleido starts: kaleido's sync server, finding no
    browser, fails in its own thread and leaves the caller waiting for ever (kaleido 1.5)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise CycleError(
            "PNG/SVG/PDF kræver kaleido og Chromium: pip install 'cycle[images]' og apt-get install chromium",
            "PNG/SVG/PDF needs kaleido and Chromium: pip install 'cycle[images]' and apt-get install chromium",
            key="output",
        ) from None
    return pdf.browser()


def fixed_ids(svg: bytes) -> bytes:
    """Plotly names an SVG's clip paths and fill patterns after random ids: numbered in order
    of appearance instead, under a fixed figure id."""
    m = _FIGURE_ID.search(svg[:5000].decode("utf-8", "replace"))
    if not m:
        return svg
    svg = re.sub(rb"(clip|defs-|legend|topdefs-|p)" + m.group(1).encode(), rb"\1cycle0", svg)
    numbers: dict[bytes, bytes] = {}

    def number(p: re.Match[bytes]) -> bytes:
        return p.group(1) + numbers.setdefault(p.group(2), b"%06d" % len(numbers))

    return re.sub(rb"(pcycle0-(?:legend-)?)([0-9a-f]{6})\b", number, svg)


_sessions = 0  # image sessions open in this process (nested ones share the first's browser)


@contextlib.contextmanager
def image_session() -> Iterator[None]:
    """Keep one kaleido browser for several images (a fresh one costs seconds per image). Its
    page loads no MathJax: kaleido's default fetches it from a CDN, which an intranet server
    may not reach (and a slow fetch broke renders under load); the charts have no TeX."""
    global _sessions
    exe = None if _sessions else image_browser()  # the first session checks kaleido and Chromium
    import kaleido

    if exe:
        kaleido.start_sync_server(path=exe, mathjax=False, silence_warnings=True)
    _sessions += 1
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            yield
    finally:
        _sessions -= 1
        if not _sessions:
            kaleido.stop_sync_server(silence_warnings=True)


def print_set(plan: Plan, folder: Path, *, today: date, year: int, lang: str = "da") -> list[tuple[str, str]]:
    """The charts and the timeline as one-page A3 PDFs in ``folder`` (for the site's "Print"):
    (file name, title) each. One Chromium prints them all (a fresh one costs seconds)."""
    from ...i18n import t
    from ...io import write_private
    from ..timeline import timeline
    from .gantt import gantt
    from .wheel import wheel

    folder.mkdir(exist_ok=True)
    charts = [("valgperioden.pdf", t("nav_gantt", lang), lambda: gantt(plan, lang=lang, today=today, height=PAGE[1]))]
    wheels = [("", "level", "")]
    if any(d.phases for d in plan.model.documents.values()):  # a chain to show
        wheels.append(("-kaede", "chain", f": {t('rings_chain', lang)}"))
    if len(plan.model.files) > 1:  # a base model included: its statutory year apart
        wheels.append(("-lovbestemt", "statutory", f": {t('rings_statutory', lang)}"))
    for suffix, rings, subtitle in wheels:
        charts.append((
            f"aarshjul-{year}{suffix}.pdf",
            f"{t('nav_wheel', lang)} {year}{subtitle}",
            lambda rings=rings: wheel(plan, year, lang=lang, today=today, rings=rings),
        ))  # fmt: skip
    with image_session():
        sheets = [sheet_page(draw(), "a3", lang) for _, _, draw in charts]
    zoomed = pdf.zoomed(pdf.timeline_page(timeline(plan, lang), lang))
    printed = pdf.print_pages([*zoomed, *sheets])
    write_private(folder / "tidsramme.pdf", pdf.first_on_one_page(printed[: len(zoomed)]))
    for (name, _, _), data in zip(charts, printed[len(zoomed) :], strict=True):
        write_private(folder / name, data)
    return [*((name, title) for name, title, _ in charts), ("tidsramme.pdf", t("nav_timeline", lang))]
