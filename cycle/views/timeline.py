"""The quarter-by-quarter timeline of an election period: the seed's table, computed.

Rows are the documents grouped by level in chain order; columns the term's 16 quarters. Each row
keeps its ``blocks`` (the seed's merged cells: one per drafting window or validity period) and
its ``marks`` (deadlines and milestones).

>>> from cycle.plan import build_plan
>>> tl = timeline(build_plan("lemvig", 2026))
>>> vision = tl["rows"][0]
>>> vision["document"], vision["blocks"]
('politisk-vision', [{'kind': 'drafting', 'first': '2026Q1', 'last': '2026Q4'}, {'kind': 'validity', 'first': '2027Q1', 'last': '2029Q4'}])
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd

from ..i18n import CELL_CODES, col, level_word, t
from ..period import Quarter
from ..plan import Plan
from .cells import csv_safe
from .common import FOLD_KEYS, STATUS_MARKS, carried_over, fold_units, overall_status, progress_note
from .page import e, html_page, scroll_region
from .style import COLOURS, MARK_GLYPHS, MARKS, PHASES
from .words import day_month, format_date


def timeline(plan: Plan, lang: str = "da") -> dict[str, object]:
    """The timeline as plain data (the ``--format json`` output)."""
    term = plan.term
    quarters = term.quarters
    index = {q: i for i, q in enumerate(quarters)}
    ev = plan.events
    # The term's own blocks and marks; per-unit events share their dates, so they fold.
    mine = ~carried_over(ev, term.label) & ev["kind"].isin(PHASES + MARKS)
    # The status file's, per unit, from the columns it needs: a copy of the whole table here was
    # 42 MiB at 10,000 units.
    statuses = ev.loc[mine, [*FOLD_KEYS, "status"]].groupby(FOLD_KEYS, sort=False)["status"].agg(tuple)
    ev = fold_units(ev.loc[mine, [*FOLD_KEYS, "unit", col("summary", lang)]])
    by_doc = dict(tuple(ev.groupby("document", sort=False)))
    empty = ev.iloc[:0]
    rows = []
    for doc in plan.model.chain:
        d = by_doc.get(doc.id, empty)
        phases = d[d["kind"].isin(PHASES)].drop_duplicates(["kind", "start", "end"]).sort_values(["start", "kind"])
        cells: list[list[str]] = [[] for _ in quarters]
        blocks = []
        for kind, start, end in phases[["kind", "start", "end"]].itertuples(index=False):
            first, last = Quarter.of(start.date()), Quarter.of(end.date())
            blocks.append({"kind": kind, "first": str(first), "last": str(last)})
            for i in range(index[first], index[last] + 1):
                cells[i].append(kind)
        marks = [
            _mark(row, statuses[tuple(getattr(row, k) for k in FOLD_KEYS)], lang)
            for row in d[d["kind"].isin(MARKS)].itertuples(index=False)
        ]
        rows.append(
            {
                "level": doc.level,
                "document": doc.id,
                "title": doc.title_en if lang == "en" else doc.title,
                "cells": [sorted(c, key=PHASES.index) for c in cells],
                "blocks": blocks,
                "marks": marks,
            }
        )
    name = plan.model.name_en if lang == "en" else plan.model.name
    return {
        "model": plan.model.id,
        "name": name or plan.model.id,
        "period": term.label,
        "quarters": [str(q) for q in quarters],
        "rows": rows,
    }


def _mark(row, statuses: tuple[str, ...], lang: str) -> dict[str, str]:
    """A deadline or milestone; a deadline with what the status file says of it ("✔ rettidigt",
    "9 ✔ rettidigt, 3 ⚠ overskredet") and one status for its mark."""
    start = row.start.date()
    mark = {"kind": row.kind, "date": start.isoformat(), "quarter": str(Quarter.of(start))}
    mark["label"] = getattr(row, col("summary", lang))
    note = progress_note(statuses, lang) if row.kind == "deadline" else ""
    mark["status"] = overall_status(statuses) if note else ""
    if note:
        mark["label"] += f" — {note}"
    return mark


def status_mark(mark: dict) -> str:
    """' ✔' or ' ⚠' after a deadline the status file speaks of (a symbol, not colour alone)."""
    return " " + STATUS_MARKS[mark["status"]] if mark.get("status") else ""


def _quarter_labels(tl: dict, lang: str = "da") -> list[str]:
    return [f"{t('year', lang)} {i // 4 + 1} Q{i % 4 + 1}" for i in range(len(tl["quarters"]))]


def _cell_codes(row: dict, quarters: list[str], lang: str) -> list[str]:
    """One- or two-letter codes per quarter: the phases, then F/M for a deadline or milestone."""
    codes = CELL_CODES[lang]
    out = ["".join(codes[k] for k in cell) for cell in row["cells"]]
    index = {q: i for i, q in enumerate(quarters)}
    for mark in row["marks"]:
        i = index.get(mark["quarter"])
        if i is not None:
            flag = "F" if mark["kind"] == "deadline" else "M"
            if flag not in out[i]:
                out[i] += flag
    return out


def timeline_text(tl: dict, lang: str = "da") -> str:
    width = max(len(r["title"]) for r in tl["rows"]) + 4
    head1 = " " * width + "".join(f"{t('year', lang)} {y}".ljust(16) for y in range(1, 5))
    head2 = " " * width + "".join(f"Q{i % 4 + 1}".ljust(4) for i in range(16))
    head0 = " " * width + "".join(f"{q[:4]}".ljust(16) for q in tl["quarters"][::4])
    lines = [t("timeline_title", lang, model=tl["name"], period=tl["period"]), "", head0, head1, head2]
    level = None
    for row in tl["rows"]:
        if row["level"] != level:
            level = row["level"]
            lines.append(level_word(level, lang))
        cells = "".join((c or "·").ljust(4) for c in _cell_codes(row, tl["quarters"], lang))
        lines.append(f"  {row['title']}".ljust(width) + cells.rstrip())
    lines += ["", t("legend", lang)]
    return "\n".join(lines) + "\n"


def timeline_table(tl: dict, lang: str = "da") -> pd.DataFrame:
    words = {k: t(k, lang) for k in PHASES}
    data = []
    for row in tl["rows"]:
        cells = [" + ".join(words[k] for k in c) for c in row["cells"]]
        marks = {}
        for m in row["marks"]:
            marks.setdefault(m["quarter"], []).append(f"{t(m['kind'], lang)} {m['date']}")
        cells = [" + ".join(filter(None, [c, *marks.get(q, [])])) for c, q in zip(cells, tl["quarters"], strict=True)]
        data.append([level_word(row["level"], lang), row["document"], row["title"], *cells])
    return pd.DataFrame(data, columns=[t("level", lang), "id", t("document", lang), *tl["quarters"]])


def timeline_csv(tl: dict, lang: str = "da") -> str:
    buf = io.StringIO()
    table = timeline_table(tl, lang).map(csv_safe)  # a document called "=…" stays text
    table.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def timeline_markdown(tl: dict, lang: str = "da") -> str:
    rows = [
        [level_word(row["level"], lang), row["title"], *_cell_codes(row, tl["quarters"], lang)] for row in tl["rows"]
    ]
    head = [t("level", lang), t("document", lang), *_quarter_labels(tl, lang)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return (
        f"**{t('timeline_title', lang, model=tl['name'], period=tl['period'])}**\n\n"
        + "\n".join(lines)
        + f"\n\n{t('legend', lang)}\n"
    )


def segments(row: dict, quarters: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of quarters covered by the same blocks: the seed's merged cells."""
    index = {q: i for i, q in enumerate(quarters)}
    cover: list[tuple[int, ...]] = [() for _ in quarters]
    for b, block in enumerate(row["blocks"]):
        for i in range(index[block["first"]], index[block["last"]] + 1):
            cover[i] += (b,)
    out, i = [], 0
    while i < len(quarters):
        j = i
        while j + 1 < len(quarters) and cover[j + 1] == cover[i] and cover[i]:
            j += 1
        out.append((i, j - i + 1, tuple(row["blocks"][b]["kind"] for b in cover[i])))
        i = j + 1
    return out


HTML_STYLE = """
table.cycle-timeline {{ border-collapse: collapse; font: 13px system-ui, sans-serif; table-layout: fixed; width: 100%; min-width: 1080px; }}
table.cycle-timeline col.level {{ width: 9em; }}
table.cycle-timeline col.document {{ width: 12em; }}
table.cycle-timeline th, table.cycle-timeline td {{ border: 1px solid #999; padding: 3px 6px; }}
table.cycle-timeline td.drafting {{ background: {drafting}; }}
table.cycle-timeline td.validity {{ background: {validity}; }}
table.cycle-timeline td.drafting.validity {{ background: linear-gradient({drafting} 50%, {validity} 50%); }}
table.cycle-timeline .mark {{ display: block; font-size: 11px; white-space: nowrap; }}
table.cycle-timeline th {{ text-align: left; font-weight: 600; }}
table.cycle-timeline th.level {{ vertical-align: top; }}
table.cycle-timeline thead th {{ text-align: center; }}
@page {{ size: A4 landscape; margin: 10mm; }}
@media print {{
  table.cycle-timeline {{ font-size: 8pt; min-width: 0; }}
  table.cycle-timeline .mark {{ white-space: normal; }}
  table.cycle-timeline td, table.cycle-timeline th {{ padding: 1px 3px; }}
  table.cycle-timeline td {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
""".format(**COLOURS)


def _block_label(kinds: tuple[str, ...], span: int, lang: str) -> str:
    """The block in words; in a single quarter its code (as the legend says), the words kept
    for screen readers, so the table fits a screen and a landscape page."""
    words = e(" / ".join(t(k, lang) for k in kinds))
    if span > 1 or not kinds:
        return words
    code = "+".join(CELL_CODES[lang][k] for k in kinds)
    return f'<span aria-hidden="true">{code}</span><span class="visually-hidden">{words}</span>'


def timeline_html_table(tl: dict, lang: str = "da") -> str:
    """The coloured table alone (the site embeds it); every cell says its block in words and
    its marks by shape and date, so colour is never the only carrier; all text escaped."""
    year = t("year", lang)
    out = [
        '<table class="cycle-timeline"><colgroup><col class="level"><col class="document"><col span="16"></colgroup>',
        "<thead><tr>" + "".join(f'<th scope="col" rowspan="2">{e(t(k, lang))}</th>' for k in ("level", "document")),
    ]
    out += [
        f'<th scope="colgroup" colspan="4">{year} {y} ({e(tl["quarters"][4 * (y - 1)][:4])})</th>' for y in range(1, 5)
    ]
    out.append("</tr><tr>" + "".join(f'<th scope="col">Q{i % 4 + 1}</th>' for i in range(16)) + "</tr></thead><tbody>")
    rows = tl["rows"]
    for n, row in enumerate(rows):
        out.append("<tr>")
        if n == 0 or rows[n - 1]["level"] != row["level"]:
            span = sum(1 for r in rows if r["level"] == row["level"])
            out.append(f'<th class="level" scope="rowgroup" rowspan="{span}">{e(level_word(row["level"], lang))}</th>')
        out.append(f'<th scope="row">{e(row["title"])}</th>')
        for start, span, kinds in segments(row, tl["quarters"]):
            covered = set(tl["quarters"][start : start + span])
            marks = "".join(
                f'<span class="mark">{MARK_GLYPHS[m["kind"]]} '
                f'<span class="visually-hidden">{e(t(m["kind"], lang))} </span>'
                f"{e(day_month(date.fromisoformat(m['date']), lang))}{status_mark(m)}</span>"
                for m in row["marks"]
                if m["quarter"] in covered
            )
            cls = f' class="{" ".join(kinds)}"' if kinds else ""
            colspan = f' colspan="{span}"' if span > 1 else ""
            out.append(f"<td{cls}{colspan}>{_block_label(kinds, span, lang)}{marks}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def dated_items(tl: dict) -> list[tuple[date, int, dict, dict]]:
    """The term's deadlines and milestones by date (chain order within a day):
    (date, row number, mark, row)."""
    found = [(date.fromisoformat(m["date"]), n, m, row) for n, row in enumerate(tl["rows"]) for m in row["marks"]]
    return sorted(found, key=lambda x: x[:2])


def marks_table(tl: dict, lang: str = "da", *, today: date | None = None) -> str:
    """The timeline's text alternative and key: every deadline and milestone with its full date;
    with ``today``, those already past say so."""
    head = "".join(f'<th scope="col">{e(t(k, lang))}</th>' for k in ("date", "kind", "document", "what"))
    rows = []
    for day, _, m, row in dated_items(tl):
        past = today is not None and day < today
        tag = f' <span class="tag">{e(t("past", lang))}</span>' if past else ""
        cls = ' class="past"' if past else ""
        rows.append(
            f'<tr{cls}><td class="when">{e(format_date(day, lang))}{tag}</td>'
            f"<td>{MARK_GLYPHS[m['kind']]} {e(t(m['kind'], lang))}</td>"
            f"<td>{e(row['title'])}</td><td>{e(m['label'])}</td></tr>"
        )
    return f'<table class="cycle-marks"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def legend(lang: str = "da", tl: dict | None = None) -> str:
    """'U = udarbejdelse, G = gyldighedsperiode, ◆ = frist, ★ = milepæl': the codes of narrow
    cells and the marks' shapes; with ``tl`` whose marks the status file speaks of, also
    '✔ = rettidigt/for sent, ⚠ = overskredet'."""
    parts = [f"{c} = {t(k, lang).lower()}" for k, c in CELL_CODES[lang].items()]
    parts += [f"{MARK_GLYPHS[k]} = {t(k, lang).lower()}" for k in MARKS]
    if tl is not None and any(m.get("status") for row in tl["rows"] for m in row["marks"]):
        glyphs: dict[str, list[str]] = {}
        for status, glyph in STATUS_MARKS.items():
            glyphs.setdefault(glyph, []).append(t(f"status_{status}", lang))
        parts += [f"{glyph} = {'/'.join(words)}" for glyph, words in glyphs.items()]
    return ", ".join(parts)


def legend_html(lang: str = "da", tl: dict | None = None) -> str:
    return f'<p class="legend">{e(t("timeline_note", lang))} {e(legend(lang, tl))}.</p>'


def timeline_html(tl: dict, lang: str = "da") -> str:
    """The whole page: the table, its legend and the list of dated items under it."""
    title = t("timeline_title", lang, model=tl["name"], period=tl["period"])
    body = (
        scroll_region(timeline_html_table(tl, lang), t("nav_timeline", lang))
        + legend_html(lang, tl)
        + f"<h2>{e(t('deadlines_milestones', lang))}</h2>"
        + marks_table(tl, lang)
    )
    return html_page(title, body, lang=lang, style=HTML_STYLE)
