"""The status report (``cycle status``) as JSON, text, Markdown, CSV and xlsx.

The JSON shape: ``{"date", "summary": [{"document", "year", "done", "late", "overdue", "open"}],
"items": [{"uid", "document", "unit", "deadline", "status", "done", "days_late", "owner",
"director", "reference"}]}``; with ``by`` the summary's first key is the unit, area or director.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from ..views.cells import csv_safe, save, set_cell
from .progress import STATUSES, overdue, selection, summary, upcoming
from .words import t

ITEM_KEYS = ("uid", "document", "unit", "deadline", "status", "done", "days_late", "owner", "director", "reference")


@dataclass(frozen=True)
class Report:
    """A status report's settings: the day, the summary's grouping and the look-ahead in days."""

    model: str
    period: str
    day: date
    by: str = "document"
    upcoming: int = 30
    lang: str = "da"


def _iso(value) -> str | None:
    return None if pd.isna(value) else value.date().isoformat()


def as_dict(table: pd.DataFrame, r: Report) -> dict:
    """The report as plain data (the JSON shape)."""
    items = selection(table, day=r.day, upcoming=r.upcoming)
    return {
        "date": r.day.isoformat(),
        "summary": summary(table, by=r.by, through=r.day).to_dict("records"),
        "items": [
            {k: _iso(rec[k]) if k in ("deadline", "done") else rec[k] for k in ITEM_KEYS}
            for rec in items.to_dict("records")
        ],
    }


def to_json(table: pd.DataFrame, r: Report) -> str:
    return json.dumps(as_dict(table, r), ensure_ascii=False, indent=2, default=int) + "\n"


def _label(table: pd.DataFrame, by: str, lang: str) -> dict[str, str]:
    """How a group's key reads: a document's title, a unit's name; empty → municipality-wide."""
    if by == "document":
        names = dict(zip(table["document"], table["title_en" if lang == "en" else "title"], strict=True))
    elif by == "unit":
        names = dict(zip(table["unit"], table["unit_name"], strict=True))
    else:
        names = {v: v for v in table[by]}
    return {k: (v or t("shared", lang)) for k, v in names.items()}


def summary_rows(table: pd.DataFrame, r: Report) -> tuple[list[str], list[list]]:
    """The summary as a header and rows of readable cells."""
    labels = _label(table, r.by, r.lang)
    head = [t(r.by, r.lang), t("year", r.lang), *(t(s, r.lang) for s in STATUSES)]
    rows = [
        [labels[rec[r.by]], rec["year"], *(rec[s] for s in STATUSES)]
        for rec in summary(table, by=r.by, through=r.day).to_dict("records")
    ]
    return head, rows


def _item_line(rec: dict, lang: str) -> str:
    what = rec["summary_en" if lang == "en" else "summary"]
    if rec["unit_name"]:
        what += f" — {rec['unit_name']}"
    if rec["owner"]:
        what += f" [{rec['owner']}]"
    late = f"  {t('days', lang, n=rec['days_late'])}" if rec["days_late"] else ""
    return f"{rec['deadline'].date().isoformat()}  {what}{late}"


def by_director(rows: pd.DataFrame, lang: str) -> list[tuple[str, list[dict]]]:
    """Rows grouped by director, municipality-wide first, then directors by name."""
    groups = sorted(set(rows["director"]), key=lambda d: (d != "", d.casefold()))
    return [(d or t("shared", lang), rows[rows["director"] == d].to_dict("records")) for d in groups]


def to_text(table: pd.DataFrame, r: Report) -> str:
    head, rows = summary_rows(table, r)
    width = max([len(head[0]), *(len(str(x[0])) for x in rows)])
    lines = [t("title", r.lang, model=r.model, day=r.day.isoformat(), period=r.period), ""]
    lines.append(f"{head[0]:{width}}  {head[1]:4}" + "".join(f"  {h:>11}" for h in head[2:]))
    lines += [f"{x[0]:{width}}  {x[1]:<4}" + "".join(f"  {n:>11}" for n in x[2:]) for x in rows]
    late = overdue(table)
    lines += ["", t("overdue_head", r.lang, n=len(late)) + ":"]
    for director, recs in by_director(late, r.lang):
        lines.append(f"  {director}")
        lines += [f"    {_item_line(rec, r.lang)}" for rec in recs]
    if late.empty:
        lines.append(f"  {t('nothing', r.lang)}")
    coming = upcoming(table, day=r.day, days=r.upcoming)
    to = (r.day + timedelta(days=r.upcoming)).isoformat()
    lines += ["", t("upcoming_head", r.lang, days=r.upcoming, to=to, n=len(coming)) + ":"]
    lines += [f"  {_item_line(rec, r.lang)}" for rec in coming.to_dict("records")] or [f"  {t('nothing', r.lang)}"]
    return "\n".join(lines) + "\n"


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(table: pd.DataFrame, r: Report) -> str:
    head, rows = summary_rows(table, r)
    lines = [f"# {t('title', r.lang, model=r.model, day=r.day.isoformat(), period=r.period)}", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md_cell(c) for c in x) + " |" for x in rows]
    late = overdue(table)
    lines += ["", f"## {t('overdue_head', r.lang, n=len(late))}"]
    for director, recs in by_director(late, r.lang):
        lines += ["", f"### {_md_cell(director)}", ""] + [f"- {_md_cell(_item_line(x, r.lang))}" for x in recs]
    coming = upcoming(table, day=r.day, days=r.upcoming)
    to = (r.day + timedelta(days=r.upcoming)).isoformat()
    lines += ["", f"## {t('upcoming_head', r.lang, days=r.upcoming, to=to, n=len(coming))}", ""]
    lines += [f"- {_md_cell(_item_line(x, r.lang))}" for x in coming.to_dict("records")]
    return "\n".join(lines).rstrip() + "\n"


def item_rows(table: pd.DataFrame, r: Report) -> tuple[list[str], list[list]]:
    """The listed deadlines as a header and rows: the JSON item keys, then readable columns."""
    data = as_dict(table, r)["items"]
    extra = selection(table, day=r.day, upcoming=r.upcoming)
    title = "summary_en" if r.lang == "en" else "summary"
    head = [*ITEM_KEYS, "summary", "unit_name", "area", "note"]
    rows = [
        [*(item[k] for k in ITEM_KEYS), rec[title], rec["unit_name"], rec["area"], rec["note"]]
        for item, rec in zip(data, extra.to_dict("records"), strict=True)
    ]
    return head, rows


def to_csv(table: pd.DataFrame, r: Report) -> str:
    head, rows = item_rows(table, r)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(head)
    writer.writerows([[csv_safe("" if c is None else c) for c in row] for row in rows])
    return buf.getvalue()


def to_xlsx(table: pd.DataFrame, r: Report) -> bytes:
    """Two sheets: the summary and the listed deadlines, with filters and a frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sheets = [(wb.active, t("sheet_summary", r.lang), summary_rows(table, r))]
    sheets.append((wb.create_sheet(), t("sheet_items", r.lang), item_rows(table, r)))
    for ws, name, (head, rows) in sheets:
        ws.title = name
        for c, h in enumerate(head, start=1):
            set_cell(ws, 1, c, h).font = Font(bold=True)
        for i, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                set_cell(ws, i, c, value)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    return save(wb)


RENDERERS = {"json": to_json, "text": to_text, "markdown": to_markdown, "csv": to_csv, "xlsx": to_xlsx}


def panel(table: pd.DataFrame, *, year: int, lang: str = "da") -> list[str]:
    """One line per document due in ``year``: "Aftaledokumenter 2026: 9 af 12 indgået, 3 overskredet"."""
    lines = []
    titles = _label(table, "document", lang)
    per_unit = table.groupby("document")["per_unit"].any()
    for rec in summary(table[table["year"] == year]).to_dict("records"):
        total = sum(rec[s] for s in STATUSES)
        verb = t("concluded" if per_unit[rec["document"]] else "adopted", lang)
        text = t(
            "panel",
            lang,
            title=titles[rec["document"]],
            year=year,
            done=rec["done"] + rec["late"],
            total=total,
            verb=verb,
        )
        parts = [t(f"panel_{s}", lang, n=rec[s]) for s in ("late", "overdue") if rec[s]]
        lines.append(", ".join([text, *parts]))
    return lines
