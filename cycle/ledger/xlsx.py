"""Writing workbooks: text as text (never a formula) and the same bytes for the same input."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime

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


def csv_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will not run: a leading formula character gets a quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def save(wb) -> bytes:
    """The workbook's bytes: zip entries without times, the document's time from
    ``SOURCE_DATE_EPOCH`` when it is set, so the same input gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
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
