"""The events table as an Excel sheet to filter and sort: one row per event, a frozen and filtered
header in the reader's language, real dates in a Danish (or English) date format, text as text.

The CSV and JSON stay the machine formats (ISO dates, the table's own column names); this is the
same table for people.
"""

from __future__ import annotations

import pandas as pd

from ..i18n import col, level_word, t
from .cells import date_cell, header_row, print_setup, save, set_cell

#: (header word, the table's column, width in characters); ``None`` columns are computed. The
#: first PRINTED are what a person reads; the rest (source, rule, uid) are there to filter on.
COLUMNS: tuple[tuple[str, str | None, float], ...] = (
    ("from", "start", 17),
    ("to", "end", 17),
    ("week", None, 6),
    ("kind", "kind", 18),
    ("document", "title", 28),
    ("what", "summary", 60),
    ("level", "level", 14),
    ("owner", "owner", 24),
    ("unit", "unit_name", 24),
    ("period", "period", 12),
    ("source", "source", 50),
    ("rule", "rule", 40),
    ("uid", "uid", 44),
)
PRINTED = 10
TEXT_COLUMNS = {"title", "summary"}  # those with an English twin (``title_en``)


def events_xlsx(events: pd.DataFrame, lang: str = "da") -> bytes:
    """The workbook's bytes (the same for the same input)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("events", lang)
    align = {h: Alignment(horizontal=h, vertical="top") for h in ("left", "center", "general")}
    names = [col(c, lang) if c in TEXT_COLUMNS else c for _, c, _ in COLUMNS]
    for r, rec in enumerate(events.to_dict("records"), start=2):
        for c, column in enumerate(names, start=1):
            if column in ("start", "end"):
                cell, how = date_cell(ws, r, c, rec[column].date(), lang), "left"
            elif column is None:  # the ISO week of the start, as Danish calendars number them
                cell, how = ws.cell(r, c, rec["start"].isocalendar().week), "center"
            else:
                cell, how = set_cell(ws, r, c, _text(column, rec[column], lang)), "general"
            cell.alignment = align[how]
    header_row(ws, [t(w, lang) for w, _, _ in COLUMNS], [w for _, _, w in COLUMNS])
    print_setup(ws, "1:1")
    ws.print_area = f"A1:{get_column_letter(PRINTED)}{ws.max_row}"
    return save(wb)


def _text(column: str, value: object, lang: str) -> str:
    if column == "kind":
        return t(str(value), lang)
    if column == "level":
        return level_word(str(value), lang)
    return "" if pd.isna(value) else str(value)
