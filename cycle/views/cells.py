"""Spreadsheet cells for every workbook and CSV that cycle writes: text stays text (never a
formula, OWASP's CSV-injection rule), dates are real dates in the reader's format, a header row
is frozen and filtered, and the same input gives the same bytes.

>>> csv_safe("=1+2"), csv_safe("@SUM(A1)"), csv_safe("Budget"), csv_safe(3)
("'=1+2", "'@SUM(A1)", 'Budget', 3)
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime

#: Text that a spreadsheet would take for a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = (1980, 1, 1, 0, 0, 0)


def set_cell(ws, row: int, column: int, value: object):
    """A cell whose text is stored as text, even when it starts like a formula."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str) and value:
        cell.data_type = "s"
    return cell


#: Real dates shown as the reader writes them (LibreOffice and Excel read the locale code):
#: "ons. 30. sep. 2026" (Danish, 0x406) or "Wed 30 Sep 2026" (British English, 0x809).
DATE_FORMATS = {"da": "[$-406]ddd d. mmm yyyy", "en": "[$-809]ddd d mmm yyyy"}


def date_cell(ws, row: int, column: int, value: date, lang: str = "da"):
    """A date cell, a real date (sortable, filterable) in the language's format."""
    cell = ws.cell(row, column, value)
    cell.number_format = DATE_FORMATS["en" if lang == "en" else "da"]
    return cell


def bold(size: float = 11):
    """Bold in the workbook's own font (a font without a name prints in a serif fallback)."""
    from openpyxl.styles import Font

    return Font(name="Calibri", size=size, bold=True)


def header_row(ws, headers: Sequence[str], widths: Sequence[float], *, row: int = 1) -> None:
    """A bold header at ``row`` with its column widths, frozen above the data and filtered."""
    from openpyxl.utils import get_column_letter

    for c, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        set_cell(ws, row, c, text).font = bold()
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row + 1, 1)
    ws.auto_filter.ref = f"A{row}:{get_column_letter(len(headers))}{max(ws.max_row, row + 1)}"


def print_setup(ws, title_rows: str) -> None:
    """Landscape A4, one page wide (as many tall as needed), ``title_rows`` ("2:3") repeated on
    every page, page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.right.text = "&P / &N"


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run: a leading formula character gets a quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def save(wb) -> bytes:
    """The workbook's bytes: zip entries without times, the document's time from
    ``SOURCE_DATE_EPOCH`` (else 1980-01-01, the zip format's first day), so the same input gives
    the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # Without SOURCE_DATE_EPOCH a fixed time, not the clock: the same input gives the same bytes.
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime(*_EPOCH, tzinfo=UTC)
    wb.properties.created = wb.properties.modified = when.replace(tzinfo=None, microsecond=0)
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    # ExcelWriter rather than wb.save(), which stamps "modified" with the clock.
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, _EPOCH), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()
