"""Tables the municipality keeps in Excel: one reader for CSV and xlsx files with Danish or English
headers (the units file, the progress ledger, meeting plans).

Danish Excel's "CSV (semikolonsepareret)" is Windows-1252 with ``;`` and CRLF, and pads short rows
with trailing separators; "CSV UTF-8" adds a byte-order mark; "Unicode text" is UTF-16 with tabs;
other tools write UTF-8 with ``,``. The separator is the one under which the header names the most
known columns (csv.Sniffer on a tie). A cell typed with Alt+Enter holds a line break: it becomes a
single space. A row whose first cell starts with ``#`` is a comment; ``#`` anywhere else is data.
An xlsx file is read from its first sheet (or a named one); its dates and numbers stay as Excel
gives them. Every row keeps the number the user sees in an editor or in Excel, so an error can
name it; a file that cannot be read gets one line saying what was found and what to do.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = f.write_bytes("# eksempel\\r\\nDokument;År\\r\\nvision #2;2026;\\r\\n".encode("cp1252"))
>>> read_table(f, [Column("document", ("dokument",)), Column("year", ("år",))]).to_dict("records")
[{'document': 'vision #2', 'year': '2026', 'row': 3}]
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from .errors import CycleError
from .text import one_line

#: Field separators tried, in order of preference on a tie (Danish Excel writes ';').
SEPARATORS = (";", ",", "\t")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel's old binary format (OLE2)
_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")  # how Danes write a date
_EXCEL_EPOCH = date(1899, 12, 30)

Records = list[tuple[int, list]]


@dataclass(frozen=True)
class Column:
    """A column by its canonical (English) name and the other headers that mean it."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def accepts(self, header: str) -> bool:
        return str(header).casefold() in {self.name.casefold(), *(a.casefold() for a in self.aliases)}


def clean(value: object) -> str:
    """A cell as one line of text: line breaks (Excel's Alt+Enter) become single spaces, Excel's
    whole-number floats lose their '.0', dates are ISO.

    >>> clean("Plejecenter\\nTangsgade "), clean(101.0), clean(datetime(2026, 10, 7)), clean(None)
    ('Plejecenter Tangsgade', '101', '2026-10-07', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        value = value.isoformat()
    return one_line(str(value))  # no control or bidi-override characters either (cycle.text)


def parse_day(value: object) -> date | None:
    """A cell → a date: Excel's dates and serial numbers, ISO or day-first text; '' → None.
    Raises ValueError for anything else.

    >>> parse_day("14.12.2026"), parse_day("2026-12-14"), parse_day(46370), parse_day("")
    (datetime.date(2026, 12, 14), datetime.date(2026, 12, 14), datetime.date(2026, 12, 14), None)
    """
    if value == "" or value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # Excel's serial days: 1900-01-01 … 9999-12-31
            raise ValueError(value)
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    m = _DAY_FIRST.match(text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    return date.fromisoformat(text[:10] if re.match(r"^\d{4}-\d\d-\d\d[ T]00:00(:00)?$", text) else text)


def read_table(
    path: str | Path,
    columns: Sequence[Column],
    *,
    sheet: str | None = None,
    what: tuple[str, str] = ("filen", "the file"),
) -> pd.DataFrame:
    """The rows of a CSV or xlsx file under the canonical column names, plus ``row`` (the row's
    number in the file); ``attrs["headers"]`` maps each found column to its header. Text cells
    are one-line stripped strings and empty cells ``""``; xlsx keeps dates and numbers as Excel
    gives them. Columns not asked for are left out. ``what`` names the file in messages."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CycleError(f"{what[0]} findes ikke", f"{what[1]} does not exist", file=path) from None
    except OSError as e:
        raise CycleError(f"kan ikke læses: {e.strerror}", f"cannot be read: {e.strerror}", file=path) from None
    if data.startswith(_XLS_MAGIC):
        raise CycleError(
            "filen er i Excels gamle format (.xls): gem den som .xlsx eller CSV",
            "the file is in Excel's old format (.xls): save it as .xlsx or CSV",
            file=path,
        )
    if data.startswith(_XLSX_MAGIC):
        records = _xlsx_records(path, sheet)
    elif sheet is not None:
        raise CycleError(
            f"--sheet gælder kun Excel-filer (.xlsx), ikke '{path.name}'",
            f"--sheet applies to Excel files (.xlsx) only, not '{path.name}'",
            file=path,
            key="sheet",
        )
    else:
        records = _csv_records(path, _decode(path, data), columns)
    return _table(path, records, columns, what)


# --------------------------------------------------------------------------- CSV


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252 (Danish
    Excel's CSV): æ, ø, å written as cp1252 bytes are never valid UTF-8."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data:
        raise CycleError(
            "filen er hverken tekst (CSV) eller et Excel-regneark (.xlsx)",
            "the file is neither text (CSV) nor an Excel workbook (.xlsx)",
            file=path,
        )
    error = None
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            error = e
    raise CycleError(
        f"tegnsættet er hverken UTF-8, UTF-16 eller Windows-1252 ({error.reason} ved byte {error.start}): "
        "gem filen som 'CSV UTF-8' eller .xlsx",
        f"the encoding is neither UTF-8, UTF-16 nor Windows-1252 ({error.reason} at byte {error.start}): "
        "save the file as 'CSV UTF-8' or .xlsx",
        file=path,
    )


def _lines(text: str) -> list[tuple[int, str]]:
    """Physical lines with their numbers, without comment lines. A line inside a quoted cell
    (a line break typed in Excel) is never a comment: the parity of quotes says where we are."""
    out, inside = [], False
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if not inside and line.startswith("#"):
            continue
        out.append((number, line))
        inside ^= line.count('"') % 2 == 1
    return out


def _separator(lines: list[tuple[int, str]], columns: Sequence[Column]) -> str:
    """The separator under which the header names the most known columns; on a tie (no header
    recognised), what csv.Sniffer finds, else the one the first line holds most of."""
    first = next((line for _, line in lines if line.strip()), "")

    def known(sep: str) -> int:
        header = next(csv.reader([first], delimiter=sep), [])
        return sum(any(c.accepts(clean(h)) for h in header) for c in columns)

    scores = {sep: known(sep) for sep in SEPARATORS}
    best = max(scores.values())
    if best > 0:
        return next(sep for sep in SEPARATORS if scores[sep] == best)
    try:
        return csv.Sniffer().sniff("".join(line for _, line in lines[:50]), delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        return max(SEPARATORS, key=first.count)


def _csv_records(path: Path, text: str, columns: Sequence[Column]) -> Records:
    """Parsed records, each with the number of the line it starts on (the reader takes one line
    at a time, so the first line it takes after a record is the next record's start)."""
    lines = _lines(text)
    start: list[int | None] = [None]

    def feed():
        for number, line in lines:
            if start[0] is None:
                start[0] = number
            yield line

    records: Records = []
    try:
        for cells in csv.reader(feed(), delimiter=_separator(lines, columns), strict=True):  # an unclosed quote is an error
            records.append((start[0] or 0, cells))
            start[0] = None
    except csv.Error as e:
        raise CycleError(
            f"linje {start[0]} kan ikke læses som CSV: {e}", f"line {start[0]} cannot be read as CSV: {e}", file=path
        ) from None
    return records


# --------------------------------------------------------------------------- xlsx


def _xlsx_records(path: Path, sheet: str | None) -> Records:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # here, not at the top: the query path never needs it

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        raise CycleError(
            f"kan ikke læses som Excel-regneark (.xlsx): {e}",
            f"cannot be read as an Excel workbook (.xlsx): {e}",
            file=path,
        ) from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise CycleError(
                f"arket '{sheet}' findes ikke (ark: {', '.join(wb.sheetnames)})",
                f"no sheet '{sheet}' (sheets: {', '.join(wb.sheetnames)})",
                file=path,
                key="sheet",
            )
        ws = wb[sheet] if sheet else wb.worksheets[0]
        return [(n, list(values)) for n, values in enumerate(ws.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()


# --------------------------------------------------------------------------- both


def _cell(value: object) -> object:
    """Text made one line; dates and numbers (from xlsx) left as Excel gives them."""
    return clean(value) if value is None or isinstance(value, str) else value


def _table(path: Path, records: Records, columns: Sequence[Column], what: tuple[str, str]) -> pd.DataFrame:
    content = []
    for number, cells in records:
        cells = [_cell(c) for c in cells]
        if any(c != "" for c in cells) and not (isinstance(cells[0], str) and cells[0].startswith("#")):
            content.append((number, cells))
    if not content:
        raise CycleError(
            f"{what[0]} er tom: første linje skal være en overskrift med {_names(columns)}",
            f"{what[1]} is empty: its first line must be a header with {_names(columns)}",
            file=path,
        )
    (header_row, header), body = content[0], content[1:]
    header = [clean(h) for h in _trim(header)]
    found = {c.name: _find(path, header, c) for c in columns}
    missing = [c for c in columns if c.required and found[c.name] is None]
    if missing:
        raise _missing_columns(path, header, body, missing, columns)
    rows = []
    for number, cells in body:
        if len(_trim(cells)) > len(header):
            raise CycleError(
                f"række {number} har {len(_trim(cells))} felter, overskriften (række {header_row}) {len(header)}: "
                "står der et skilletegn i en værdi uden anførselstegn, eller mangler en kolonne sit navn?",
                f"row {number} has {len(_trim(cells))} fields, the header (row {header_row}) {len(header)}: is there "
                "a separator in a value without quotes, or does a column lack its name?",
                file=path,
            )
        cells = cells + [""] * (len(header) - len(cells))
        rows.append({name: ("" if i is None else cells[i]) for name, i in found.items()} | {"row": number})
    table = pd.DataFrame(rows, columns=[c.name for c in columns] + ["row"])
    # The headers as the file writes them, so a message names the column the user sees.
    table.attrs["headers"] = {name: header[i] for name, i in found.items() if i is not None}
    return table


def _trim(cells: list) -> list:
    """Without the empty cells Excel writes after the last column (trailing separators)."""
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]


def _names(columns: Sequence[Column]) -> str:
    return ", ".join("/".join((c.name, *c.aliases[:1])) for c in columns if c.required)


def _find(path: Path, header: list[str], column: Column) -> int | None:
    hits = [i for i, h in enumerate(header) if column.accepts(h)]
    if len(hits) > 1:
        both = ", ".join(f"'{header[i]}'" for i in hits)
        raise CycleError(
            f"kolonnen '{column.name}' står flere gange ({both})",
            f"the column '{column.name}' occurs more than once ({both})",
            file=path,
            key=column.name,
        )
    return hits[0] if hits else None


def _missing_columns(path: Path, header: list[str], body: Records, missing, columns) -> CycleError:
    names = ", ".join("/".join((c.name, *c.aliases[:1])) for c in missing)
    shown = ", ".join(header[:8]) + (" …" if len(header) > 8 else "") or "(ingen)"
    if len(header) == 1 and all(len(_trim(cells)) <= 1 for _, cells in body[:20]):
        marks = [ch for ch in header[0] if not (ch.isalnum() or ch.isspace() or ch in "\"'-_/")]
        sep = max(marks, key=marks.count) if marks else None
        hint_da = f"er kolonnerne skilt med '{sep}'?" if sep else "hvilket tegn skiller kolonnerne?"
        hint_en = f"are the columns separated by '{sep}'?" if sep else "what separates the columns?"
        return CycleError(
            f"fandt ét felt pr. linje ({shown}): {hint_da} Brug semikolon, komma eller tabulator "
            "mellem kolonnerne, eller gem som .xlsx",
            f"found one field per line ({shown}): {hint_en} Use a semicolon, comma or tab between the "
            "columns, or save as .xlsx",
            file=path,
            key=missing[0].name,
        )
    return CycleError(
        f"mangler kolonne(r): {names} (fandt: {shown}). Kolonnerne hedder {_names(columns)}",
        f"missing column(s): {names} (found: {shown}). The columns are {_names(columns)}",
        file=path,
        key=missing[0].name,
    )
