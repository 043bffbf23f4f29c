"""The static site for the intranet: one page with the Gantt chart, the årshjul, the coloured
quarter timeline, "due this quarter" and the calendar feeds, plus the feeds themselves.

It works from ``file://`` and from any static web server, with no internet: plotly.js is a file
beside the page. The whole site is built beside the old one and swapped in (:mod:`cycle.outdir`):
a crash at any instant leaves the old or the new site, two runs take turns, files a user added
to the site are kept, and a folder that ``cycle publish`` did not write is never emptied.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import plotly.offline

from ..i18n import t
from ..io import write_private
from ..ledger.html import STYLE as PROGRESS_STYLE
from ..outdir import replace_folder
from ..period import Quarter
from ..plan import Plan
from . import ical as iv
from .alternative import wheel_alternative
from .charts import figure_html, gantt, print_set, wheel
from .due import SECTIONS, due, items, units_count
from .page import BASE_STYLE, chart_box, scroll_region
from .timeline import HTML_STYLE, dated_items, legend_html, marks_table, timeline, timeline_html_table
from .words import collate_key, format_date, model_name, quarter_heading

MARKER = ".cycle-site.json"
#: The charts' width on the page: a 1400 px screen's section, less its padding.
SITE_CHART_WIDTH = 1300
IMPORT_FILE = "frister.ics"

PAGE_STYLE = """
body { font: 15px/1.45 system-ui, "Segoe UI", Arial, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #1f3b57; color: white; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
nav a { color: #cfe2f3; margin-right: 16px; }
main { padding: 8px 28px 40px; max-width: 1500px; }
section { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 12px 18px; margin: 18px 0; }
h2 { font-size: 19px; margin: 6px 0 10px; }
.due { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 6px 24px; }
.due h3 { font-size: 15px; margin: 8px 0 4px; }
.due ul, .feeds ul { margin: 0; padding-left: 18px; }
.due .when { color: #555; font-variant-numeric: tabular-nums; }
table.feeds { border-collapse: collapse; width: 100%; max-width: 1100px; table-layout: fixed; }
table.feeds th:nth-child(1) { width: 26%; }
table.feeds th:nth-child(2) { width: 34%; }
table.feeds th:nth-child(3) { width: 12%; }
table.feeds td { overflow-wrap: anywhere; }
table.feeds td, table.feeds th { border-bottom: 1px solid #eee; padding: 4px 10px; text-align: left; }
.url { font-family: ui-monospace, monospace; font-size: 12px; color: #555; }
table.cycle-timeline { font-size: 12px; }
details { margin: 2px 0 4px; }
details summary { cursor: pointer; }
details ul { columns: 2 14em; }
.due li.past > .text { text-decoration: line-through; }
footer { color: #595959; font-size: 13px; padding: 0 28px 30px; }
@media print {
  body { background: white; font-size: 10pt; }
  header { background: none; color: black; padding: 0 0 6pt; border-bottom: 1pt solid black; }
  nav, .no-print, .modebar-container { display: none !important; }
  main { padding: 0; max-width: none; }
  section { border: none; padding: 0; margin: 0 0 10pt; }
  section#gantt, section#wheel { break-inside: avoid-page; }
  section#timeline, section#feeds { break-before: page; }
  .due { display: block; }
  .url { color: black; }
  .js-plotly-plot, .plot-container { max-width: 100%; }
}
"""

# Shows the absolute address of each feed when the page is served over http(s), for pasting
# into Outlook's "Fra internettet". Reads only the page's own location.
URL_SCRIPT = """
document.querySelectorAll("a.feed").forEach(function (a) {
  var cell = a.parentNode.parentNode.querySelector(".url");
  if (location.protocol.indexOf("http") === 0 && cell.textContent.indexOf("http") !== 0) {
    cell.textContent = new URL(a.getAttribute("href"), location.href).href;
  }
});
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def publish(
    plan: Plan,
    directory: str | Path,
    *,
    today: date,
    lang: str = "da",
    base_url: str = "",
    warn_days: int | None = 14,
    force: bool = False,
    print_pdfs: bool = True,
) -> Path:
    """Build the site into ``directory``. ``force`` publishes into a folder cycle did not write
    (keeping its files), overwrites a user's file where the site has one, and starts afresh
    from a damaged earlier calendar. ``print_pdfs`` off leaves out the one-page PDFs (and the
    page's Print section), for a machine without kaleido and Chromium."""
    with replace_folder(directory, force=force, legacy=_written_before) as build:
        _build(
            plan,
            build.path,
            build.previous,
            today=today,
            lang=lang,
            base_url=base_url,
            warn_days=warn_days,
            force=force,
            print_pdfs=print_pdfs,
        )
    return Path(directory)


def _written_before(folder: Path) -> set[str] | None:
    """What an older version of cycle wrote into a site (before manifests), from its marker."""
    if not (folder / MARKER).is_file():
        return None
    feeds = iv.feeds_written_before(folder / "feeds") or {"all.ics"}
    return {MARKER, "index.html", "plotly.min.js", IMPORT_FILE, *(f"feeds/{f}" for f in feeds)}


def _build(
    plan: Plan,
    out: Path,
    previous: Path | None,
    *,
    today: date,
    lang: str,
    base_url: str,
    warn_days: int | None,
    force: bool,
    print_pdfs: bool,
) -> None:
    """The site into ``out`` (private until swapped in); earlier feeds at ``previous`` carry
    each event's SEQUENCE and LAST-MODIFIED."""
    feed_opts = iv.Options(feed=True, warn_days=warn_days, lang=lang)
    earlier = previous / "feeds" if previous is not None else None
    if plan.units is not None and not plan.units.empty:
        iv.write_split(plan, out / "feeds", feed_opts, previous=earlier, force=force)
    else:
        (out / "feeds").mkdir()
        earlier_all = earlier / iv.ALL_FILE if earlier is not None else None
        iv.write_file(plan, out / "feeds" / iv.ALL_FILE, feed_opts, earlier_all, force=force)
    import_opts = iv.Options(warn_days=warn_days, lang=lang)
    earlier_import = previous / IMPORT_FILE if previous is not None else None
    iv.write_file(plan, out / IMPORT_FILE, import_opts, earlier_import, force=force)
    write_private(out / "plotly.min.js", plotly.offline.get_plotlyjs())
    year = today.year if plan.term.first_year <= today.year <= plan.term.last_year else plan.term.first_year
    quarter = Quarter.of(today) if year == today.year else Quarter(year, 1)
    printed = print_set(plan, out / "print", today=today, year=year, lang=lang) if print_pdfs else []
    page = _page(
        plan,
        today=today,
        year=year,
        quarter=quarter,
        lang=lang,
        base_url=base_url,
        feeds=_feeds(out / "feeds", lang),
        printed=printed,
    )
    write_private(out / "index.html", page)
    write_private(out / MARKER, json.dumps({"model": plan.model.id, "period": plan.term.label}) + "\n")


def _feeds(folder: Path, lang: str) -> list[dict]:
    index = folder / iv.INDEX
    if index.is_file():
        return json.loads(index.read_text(encoding="utf-8"))["feeds"]
    return [{"unit": "", "name": t("all_units", lang), "file": "all.ics", "events": None}]


def _page(
    plan: Plan,
    *,
    today: date,
    year: int,
    quarter: Quarter,
    lang: str,
    base_url: str,
    feeds: list[dict],
    printed: list[tuple[str, str]] = (),
) -> str:
    name = model_name(plan.model, lang)
    title = t("site_title", lang, model=name)
    gantt_html = _chart(gantt(plan, lang=lang, today=today), "cycle-gantt", t("nav_gantt", lang))
    wheel_html = _chart(wheel(plan, year, lang=lang, today=today), "cycle-wheel", f"{t('nav_wheel', lang)} {year}")
    tl = timeline(plan, lang)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        '<script src="plotly.min.js"></script>',
        f"<style>{BASE_STYLE}{PAGE_STYLE}{HTML_STYLE}{PROGRESS_STYLE}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        f"<p>{_e(t('period', lang))} {_e(plan.term.label)} · {_e(t('updated', lang))} {_e(format_date(today, lang))}</p>",
        f'<nav aria-label="{_e(t("contents", lang))}">'
        + "".join(
            f'<a href="#{a}">{_e(t(k, lang))}</a>'
            for a, k in (
                *((("progress", "nav_progress"),) if plan.progress is not None else ()),
                ("due", "nav_due"),
                ("gantt", "nav_gantt"),
                ("wheel", "nav_wheel"),
                ("timeline", "nav_timeline"),
                ("feeds", "nav_feeds"),
                *((("print", "nav_print"),) if printed else ()),
            )
        )
        + "</nav></header><main>",
        _progress_section(plan, today, lang),
        _due_section(plan, quarter, lang, today),
        f'<section id="gantt"><h2>{_e(t("nav_gantt", lang))}</h2>{gantt_html}'
        f"<p>{_e(t('gantt_as_text', lang))}</p></section>",
        f'<section id="wheel"><h2>{_e(t("nav_wheel", lang))} {year}</h2>{wheel_html}'
        + _folded(t("as_text", lang), wheel_alternative(plan, year, lang, today=today))
        + "</section>",
        f'<section id="timeline"><h2>{_e(t("nav_timeline", lang))}</h2>'
        + scroll_region(timeline_html_table(tl, lang), t("nav_timeline", lang))
        + legend_html(lang, tl)
        + _folded(f"{t('deadlines_milestones', lang)} ({len(dated_items(tl))})", marks_table(tl, lang, today=today))
        + "</section>",
        _feeds_section(feeds, lang, base_url, _areas(plan, "id")),
        _print_section(printed, lang),
        "</main>",
        f"<footer>{_e(t('footer', lang, model=name))}</footer>",
        f"<script>{URL_SCRIPT}</script>",
        "</body></html>\n",
    ]
    return "\n".join(parts)


def _print_section(printed: list[tuple[str, str]], lang: str) -> str:
    """Links to the one-page PDFs (:func:`cycle.views.charts.print_set`)."""
    if not printed:
        return ""
    items = "".join(f'<li><a href="print/{_e(name)}">{_e(title)}</a> (PDF, A3)</li>' for name, title in printed)
    return f'<section id="print"><h2>{_e(t("nav_print", lang))}</h2><p>{_e(t("print_intro", lang))}</p><ul>{items}</ul></section>'


def _progress_section(plan: Plan, today: date, lang: str) -> str:
    """The status file's panel and overdue list, when the plan has a status file."""
    if plan.progress is None:
        return ""
    from ..ledger.html import progress_section

    return progress_section(plan.progress, day=today, lang=lang)


def _chart(fig, div_id: str, label: str) -> str:
    """A chart the width of the page's sections (the charts are laid out for an A3 sheet:
    scaled, their proportions kept), in a region that scrolls on a narrower screen."""
    scale = SITE_CHART_WIDTH / (fig.layout.width or SITE_CHART_WIDTH)
    size = (SITE_CHART_WIDTH, round((fig.layout.height or 700) * scale))
    fig.update_layout(width=size[0], height=size[1])
    return chart_box(figure_html(fig, div_id, full_html=False, plotlyjs=False), size, label)


def _folded(summary: str, content: str, cls: str = "") -> str:
    """``content`` under a ``<details>`` whose summary is ``summary`` (class "units" for the
    per-unit lists). A page prints as it is seen: folded lists print their summary and count."""
    attr = f' class="{cls}"' if cls else ""
    return f"<details{attr}><summary>{_e(summary)}</summary>{content}</details>"


def _due_section(plan: Plan, quarter: Quarter, lang: str, today: date) -> str:
    d = due(plan, quarter)
    area_of = _areas(plan)
    blocks = []
    for section in SECTIONS:
        lis = []
        for item in items(d[section], lang):
            text = f"{item.summary} ({units_count(len(item.units), lang)})" if item.units else item.summary
            if item.progress:
                text += f" — {item.progress}"
            past = item.last < today
            tag = f' <span class="tag">{_e(t("past", lang))}</span>' if past else ""
            cls = ' class="past"' if past else ""
            lis.append(
                f'<li{cls}><span class="when">{_e(item.when)}</span> '
                f'<span class="text">{_e(text)}</span>{tag}{_units_by_area(item.units, area_of, lang)}</li>'
            )
        body = "".join(lis) or f"<li>{_e(t('nothing', lang))}</li>"
        blocks.append(f"<div><h3>{_e(t(section, lang))}</h3><ul>{body}</ul></div>")
    head = t("due_title", lang, quarter=quarter_heading(quarter, lang), model=model_name(plan.model, lang))
    return f'<section id="due"><h2>{_e(head)}</h2><div class="due">{"".join(blocks)}</div></section>'


def _areas(plan: Plan, key: str = "name") -> dict[str, str]:
    """Unit name (or ``key="id"``: id) → its area (the units file's ``area``), for folding
    per-unit lists."""
    if plan.units is None or plan.units.empty or "area" not in plan.units:
        return {}
    return dict(zip(plan.units[key], plan.units["area"].fillna(""), strict=True))


def _units_by_area(names: tuple[str, ...], area_of: dict[str, str], lang: str) -> str:
    """The units of a per-unit item, one folded list per area with its count, areas and units in
    Danish alphabetical order (Ærøskov after Bøgely)."""
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(area_of.get(n, "") or t("no_area", lang), []).append(n)
    return "".join(
        _folded(
            f"{area}: {units_count(len(groups[area]), lang)}",
            "<ul>" + "".join(f"<li>{_e(n)}</li>" for n in sorted(groups[area], key=collate_key)) + "</ul>",
            "units",
        )
        for area in sorted(groups, key=collate_key)
    )


def _feeds_section(feeds: list[dict], lang: str, base_url: str, area_of: dict[str, str]) -> str:
    """The shared feed, then each unit's, folded by area; the address absolute with ``base_url``."""
    groups: dict[str, list[dict]] = {}
    for f in feeds:
        if f.get("unit"):
            groups.setdefault(area_of.get(f["unit"], "") or t("no_area", lang), []).append(f)
    shared = [f for f in feeds if not f.get("unit")]
    parts = [_feeds_table(shared, lang, base_url)] if shared else []
    for area in sorted(groups, key=collate_key):
        rows = sorted(groups[area], key=lambda f: collate_key(f["name"]))
        parts.append(_folded(f"{area}: {units_count(len(rows), lang)}", _feeds_table(rows, lang, base_url), "units"))
    return (
        f'<section id="feeds"><h2>{_e(t("nav_feeds", lang))}</h2>'
        f"<p>{_e(t('feeds_intro', lang))}</p>"
        + "".join(parts)
        + f"<h3>{_e(t('subscribe_head', lang))}</h3><p>{_e(t('subscribe_how', lang))}</p>"
        f'<h3>{_e(t("import_head", lang))}</h3><p><a href="{IMPORT_FILE}">{IMPORT_FILE}</a> — '
        f"{_e(t('import_how', lang))}</p></section>"
    )


def _feeds_table(feeds: list[dict], lang: str, base_url: str) -> str:
    rows = []
    for f in feeds:
        href = f"feeds/{f['file']}"
        url = f"{base_url.rstrip('/')}/{href}" if base_url else href
        rows.append(
            f'<tr><td>{_e(f["name"])}</td><td><a class="feed" href="{_e(href)}">{_e(f["file"])}</a></td>'
            f'<td>{_e(f.get("events") or "")}</td><td class="url">{_e(url)}</td></tr>'
        )
    head = "".join(f'<th scope="col">{_e(t(k, lang))}</th>' for k in ("unit", "file", "events", "address"))
    return f'<table class="feeds"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def feed_base(base_url: str) -> str | None:
    """``base_url`` when it is an http(s) address to build the feeds' absolute addresses on; ''
    when none is given; None when it is not a usable address (the caller warns)."""
    if not base_url:
        return ""
    parts = urlsplit(base_url)
    return base_url if parts.scheme in ("http", "https") and parts.netloc else None
