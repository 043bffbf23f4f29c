"""The frame every HTML output shares, made for WCAG 2.1 AA (the rule for Danish public bodies'
web pages, intranets included): the page's language and title, one ``<main>`` landmark, scrolling
regions a keyboard can reach, and a chart always followed by a text alternative.

>>> print(html_page("Årshjul <2026>", "<p>x</p>", lang="da"))  # doctest: +ELLIPSIS
<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">...<title>Årshjul &lt;2026&gt;</title>...<main>
<h1>Årshjul &lt;2026&gt;</h1>
<p>x</p>
</main></body></html>
<BLANKLINE>
"""

from __future__ import annotations

import html

from ..i18n import t

#: Text only screen readers (and print) need; the usual visually-hidden pattern.
BASE_STYLE = """
body { font: 15px/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #222; margin: 16px 24px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll { overflow-x: auto; position: relative; }  /* holds its visually-hidden text inside */
.scroll:focus { outline: 2px solid #1f3b57; outline-offset: 2px; }
table.cycle-marks { border-collapse: collapse; font-size: 13px; }
table.cycle-marks th, table.cycle-marks td { border-bottom: 1px solid #ddd; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
table.cycle-marks td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
.past { color: #595959; }
.tag { font-size: 12px; border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; margin-left: 4px; white-space: nowrap; }
@media print {
  body { margin: 0; font-size: 11pt; }
  .scroll { overflow: visible; }
  .chart > div { zoom: var(--print-zoom, 1); }
  a { color: inherit; text-decoration: none; }
}
"""


def e(text: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape(str(text))


def html_page(title: str, body: str, *, lang: str = "da", style: str = "", head: str = "", h1: bool = True) -> str:
    """A whole page: ``lang``, ``<title>``, the base style (plus ``style``), ``head`` (scripts)
    and ``body`` inside ``<main>``, under an ``<h1>`` of the title unless ``h1=False``."""
    heading = f"<h1>{e(title)}</h1>\n" if h1 else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{BASE_STYLE}{style}</style>{head}</head><body><main>\n"
        f"{heading}{body}\n</main></body></html>\n"
    )


def scroll_region(content: str, label: str) -> str:
    """A horizontally scrolling box that a keyboard can focus and a screen reader names."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{e(label)}">{content}</div>'


#: What a printed landscape A4 page holds, in CSS pixels: 277 × 190 mm between 10 mm margins,
#: less a heading.
PRINT_SIZE = (1040, 660)


def chart_box(figure: str, size: tuple[float, float], label: str) -> str:
    """A chart drawn at a fixed ``size`` (plotly's ``<div>``; width, height) in a scrolling
    region a keyboard can reach, scaled down to one page when printed."""
    scale = min(1.0, *(room / s for room, s in zip(PRINT_SIZE, size, strict=True)))
    zoom = f' style="--print-zoom: {scale:.3f}"' if scale < 1 else ""
    return scroll_region(figure, label).replace('class="scroll"', f'class="scroll chart"{zoom}', 1)


def chart_page(figure: str, title: str, alternative: str, *, lang: str = "da", head: str = "") -> str:
    """A chart (plotly's ``<div>``, ``full_html=False``) with its title as the heading and its
    text alternative under it (:mod:`cycle.views.alternative`): what the chart shows, as a table
    anyone can read."""
    body = f'{figure}\n<section class="alternative"><h2>{e(t("as_text", lang))}</h2>{alternative}</section>'
    return html_page(title, body, lang=lang, head=head)
