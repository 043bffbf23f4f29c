"""The status file as an Excel form: every deadline of the term as a row to fill in.

The ``done`` column accepts only dates up to today (Excel's data validation), the header is frozen
and filtered, and what an existing status file holds is merged in: its rows of this term fill
their deadline's row, its rows of other terms follow below. Read back with
:func:`cycle.ledger.read_ledger`, the form gives the same ledger.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..views.cells import save, set_cell
from .progress import progress
from .read import Ledger
from .words import t

#: The form's columns: (word, width). The reader knows dokument/år/enhed/frist/vedtaget/
#: reference/note; the description and owner are there to read, and ignored when read back.
FORM = (
    ("document", 24),
    ("year", 7),
    ("unit", 22),
    ("deadline", 12),
    ("description", 64),
    ("owner", 28),
    ("done_date", 12),
    ("reference", 28),
    ("note", 40),
)
DATE_FORMAT = "yyyy-mm-dd"


def form_rows(plan, ledger: Ledger, *, today: date, lang: str = "da", plan_for=None) -> list[list]:
    """The form's rows: the term's deadlines (with what the ledger records for them), then the
    ledger's rows of other terms as they stand."""
    table = progress(plan, ledger, day=today, today=today, plan_for=plan_for)
    title = "summary_en" if lang == "en" else "summary"
    rows = []
    for rec in table.to_dict("records"):
        what = rec[title] + (f" — {rec['unit_name']}" if rec["unit_name"] else "")
        done = None if pd.isna(rec["done"]) else rec["done"].date()
        key = [rec["document"], rec["year"], rec["unit"], rec["deadline"].date()]
        rows.append([*key, what, rec["owner"], done, rec["reference"], rec["note"]])
    first, last = plan.term.first_year, plan.term.last_year
    others = ledger.rows[~ledger.rows["year"].between(first, last)]
    for rec in others.sort_values(["year", "row"]).to_dict("records"):
        key = [rec["document"], rec["year"], rec["unit"], rec["deadline"]]
        rows.append([*key, "", "", rec["done"], rec["reference"], rec["note"]])
    return rows


def write_template(plan, ledger: Ledger, *, today: date, lang: str = "da", plan_for=None) -> bytes:
    """The xlsx form for ``plan``'s term, merging ``ledger`` (checked against the plan first)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = form_rows(plan, ledger, today=today, lang=lang, plan_for=plan_for)
    wb = Workbook()
    ws = wb.active
    ws.title = t("sheet_template", lang)
    for c, (word, width) in enumerate(FORM, start=1):
        set_cell(ws, 1, c, t(word, lang)).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    date_columns = [i for i, (w, _) in enumerate(FORM, start=1) if w in ("deadline", "done_date")]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = set_cell(ws, r, c, value)
            if c in date_columns:
                cell.number_format = DATE_FORMAT
            elif c == 2:
                cell.alignment = Alignment(horizontal="center")
    done_col = get_column_letter(next(i for i, (w, _) in enumerate(FORM, start=1) if w == "done_date"))
    last = max(len(rows) + 1, 2)
    # Any date from 1990 up to today: Excel refuses text and future dates as they are typed.
    check = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="TODAY()")
    check.allow_blank = True
    check.showErrorMessage = check.showInputMessage = True
    check.error, check.prompt = t("done_error", lang), t("done_prompt", lang)
    check.add(f"{done_col}2:{done_col}{max(last, 1000)}")
    ws.add_data_validation(check)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FORM))}{last}"
    # Printed: landscape, one page wide, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    return save(wb)
