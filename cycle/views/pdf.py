"""Printing to PDF: an HTML page through the system's Chromium, one landscape A3 (or A4) page.

The charts come here as SVG (from kaleido) inside a page sized to the paper; the timeline as
its HTML table with a print stylesheet. Chromium embeds the fonts and takes the document title
from the page's ``<title>``. With ``SOURCE_DATE_EPOCH`` set, the creation and modification dates
are that time, so the same input gives the same bytes.
"""

from __future__ import annotations

import asyncio
import base64
import html
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from ..errors import CycleError

#: Paper sizes in mm, landscape.
PAPERS = {"a3": (420, 297), "a4": (297, 210)}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
_NODE_ID = re.compile(rb"\(node(\d{8})\)")
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def page_css(paper: str, margin_mm: int = 0) -> str:
    """The ``@page`` rule for one landscape sheet of ``paper``."""
    w, h = PAPERS[paper]
    return f"@page {{ size: {w}mm {h}mm; margin: {margin_mm}mm; }}"


def svg_page(svg: str, title: str, paper: str, lang: str) -> str:
    """An HTML page that holds one SVG drawing scaled to fill one sheet."""
    w, h = PAPERS[paper]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{page_css(paper)} html, body {{ margin: 0; padding: 0; }}"
        f" svg.main-svg {{ display: block; width: {w}mm; height: {h}mm; }}</style></head>"
        f"<body>{_scalable(svg)}</body></html>"
    )


def _scalable(svg: str) -> str:
    """Give plotly's outer ``<svg>`` a viewBox, so CSS can size it without cutting it."""
    m = re.match(r'\s*<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', svg)
    if not m or "viewBox" in svg[: svg.index(">")]:
        return svg
    return svg.replace("<svg ", f'<svg viewBox="0 0 {m.group(1)} {m.group(2)}" ', 1)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


ZOOMS = (1.0, 0.85, 0.7, 0.55, 0.4)


def print_html(page: str, paper: str = "a3", margin_mm: int = 10) -> bytes:
    """An HTML page on one landscape sheet: printed with its colours, tables the sheet's width
    with airy rows, zoomed out until it fits one page."""
    return first_on_one_page(print_pages(zoomed(page, paper, margin_mm)))


def zoomed(page: str, paper: str = "a3", margin_mm: int = 10) -> list[str]:
    """The page at each of ``ZOOMS``, to be printed at once (cheaper than starting the browser
    again for each zoom tried)."""
    return [page.replace("</head>", _print_style(paper, margin_mm, z) + "</head>", 1) for z in ZOOMS]


def first_on_one_page(printed: list[bytes]) -> bytes:
    """The first of the PDFs of :func:`zoomed` that is one page, or the smallest zoom's."""
    return next((pdf for pdf in printed if pages(pdf) == 1), printed[-1])


def _print_style(paper: str, margin_mm: int, zoom: float) -> str:
    return (
        f"<style>{page_css(paper, margin_mm)} html {{ zoom: {zoom}; }}"
        " * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }"
        " table { width: 100%; } td, th { padding-top: 7px !important; padding-bottom: 7px !important; }</style>"
    )


def timeline_pdf(tl: dict, lang: str = "da", paper: str = "a3") -> bytes:
    """The timeline on one sheet (:func:`timeline_page`)."""
    return print_html(timeline_page(tl, lang), paper)


def timeline_page(tl: dict, lang: str = "da") -> str:
    """The timeline's page for print: its table and legend. The list of dated items under the
    table on screen (the table's text alternative) says the same again and would need pages more."""
    from ..i18n import t
    from .page import html_page
    from .timeline import HTML_STYLE, legend_html, timeline_html_table

    title = t("timeline_title", lang, model=tl["name"], period=tl["period"])
    return html_page(title, timeline_html_table(tl, lang) + legend_html(lang), lang=lang, style=HTML_STYLE)


def pages(pdf: bytes) -> int:
    """How many pages a PDF has (its page objects)."""
    return len(_PAGE_OBJECT.findall(pdf))


def browser() -> str:
    """The system's Chromium: the first of :data:`BROWSERS` on the ``PATH``."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise CycleError(
        "PDF, PNG og SVG kræver Chromium: apt-get install chromium",
        "PDF, PNG and SVG need Chromium: apt-get install chromium",
        key="output",
    )


def html_to_pdf(page: str) -> bytes:
    """Print an HTML page (with its own ``@page`` rule) to PDF through headless Chromium."""
    return print_pages([page])[0]


def print_pages(pages: list[str]) -> list[bytes]:
    """Print HTML pages to PDF in one headless Chromium, driven over its DevTools pipe by
    choreographer (which kaleido brings); without it, one Chromium run per page."""
    exe = browser()
    try:
        import choreographer  # noqa: F401
    except ImportError:
        return [pinned(_print_cli(exe, page)) for page in pages]
    try:
        with ThreadPoolExecutor(1) as pool:  # an event loop of its own, also under a running one
            printed = pool.submit(asyncio.run, _print_devtools(exe, pages)).result(timeout=300)
    except Exception as e:  # a browser that is missing, crashes or hangs shows in several ways
        raise CycleError(
            f"Chromium kunne ikke lave PDF'en ({type(e).__name__})",
            f"Chromium could not make the PDF ({type(e).__name__})",
            key="output",
        ) from None
    return [pinned(pdf) for pdf in printed]


async def _print_devtools(exe: str, pages: list[str]) -> list[bytes]:
    import choreographer

    out = []
    async with choreographer.Browser(exe, headless=True) as chromium:
        tab = await chromium.create_tab("")
        tree = await tab.send_command("Page.getFrameTree")
        frame = tree["result"]["frameTree"]["frame"]["id"]
        for page in pages:  # the page's own @page rule sets the sheet; no header or footer
            await tab.send_command("Page.setDocumentContent", params={"frameId": frame, "html": page})
            printed = await tab.send_command(
                "Page.printToPDF",
                params={"printBackground": True, "preferCSSPageSize": True, "marginTop": 0, "marginBottom": 0,
                        "marginLeft": 0, "marginRight": 0},
            )  # fmt: skip
            if "result" not in printed:
                raise RuntimeError(str(printed.get("error")))
            out.append(base64.b64decode(printed["result"]["data"]))
    return out


def _print_cli(exe: str, page: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="cycle-pdf-") as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(page, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]  # fmt: skip
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise CycleError(
                f"Chromium kunne ikke lave PDF'en ({type(e).__name__})",
                f"Chromium could not make the PDF ({type(e).__name__})",
                key="output",
            ) from None
        if not out.exists() or out.stat().st_size == 0:
            raise CycleError("Chromium lavede ingen PDF", "Chromium made no PDF", key="output")
        return out.read_bytes()


def pinned(pdf: bytes) -> bytes:
    """The same PDF for the same page: its dates and its structure's ids pinned."""
    return pinned_ids(pinned_dates(pdf))


def pinned_ids(pdf: bytes) -> bytes:
    """Chromium names a tagged PDF's structure elements (a table's cells) after its count of DOM
    nodes, which differs by a node or so from run to run on a busy machine: numbered by rank
    instead. The width stays, so every offset in the file stays right and the ID tree sorted.

    >>> pinned_ids(b"/ID (node00003096) [(node00003101) (node00003096)]")
    b'/ID (node00000001) [(node00000002) (node00000001)]'
    """
    ranks = {n: b"%08d" % i for i, n in enumerate(sorted(set(_NODE_ID.findall(pdf))), 1)}
    return _NODE_ID.sub(lambda m: b"(node" + ranks[m.group(1)] + b")", pdf)


def pinned_dates(pdf: bytes) -> bytes:
    """The PDF's creation and modification dates set to ``SOURCE_DATE_EPOCH`` when it is set.
    The new dates have the old ones' length, so the cross-reference table stays right."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return pdf
    stamp = datetime.fromtimestamp(int(epoch), UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()

    def fix(m: re.Match[bytes]) -> bytes:
        old = m.group(0)
        new = b"/" + m.group(1) + b" (" + stamp + b")"
        return new if len(new) == len(old) else old

    return _DATE.sub(fix, pdf)
