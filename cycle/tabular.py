"""Tables the municipality keeps in Excel: one reader for CSV and xlsx files with Danish or English
headers (the units file, the progress ledger).

A CSV may be UTF-8 (with or without BOM) or Windows-1252 (Danish Excel's "CSV
(semikolonsepareret)"), separated by ``;``, ``,`` or tabs, with CRLF line ends and trailing empty
separators; a line whose first cell starts with ``#`` is a comment. An xlsx file is read from its
first sheet (or a named one); its dates stay dates. Every row keeps the number the user sees in
an editor or in Excel, so an error can name it.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = f.write_bytes("# eksempel\\nDokument;År\\nvision;2026\\n".encode("cp1252"))
>>> read_table(f, [Column("document", ("dokument",)), Column("year", ("år",))]).to_dict("records")
[{'document': 'vision', 'year': '2026', 'row': 3}]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import CycleError

SEPARATORS = (";", ",", "\t")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Column:
    """A column by its canonical (English) name and the other headers that mean it."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def accepts(self, header: str) -> bool:
        return header.casefold() in {self.name.casefold(), *(a.casefold() for a in self.aliases)}


def read_table(path: str | Path, columns: Sequence[Column], *, sheet: str | None = None) -> pd.DataFrame:
    """The rows of a CSV or xlsx file under the canonical column names, plus ``row`` (the row's
    number in the file); ``attrs["headers"]`` maps each found column to its header. Text cells are stripped strings; empty cells are ``""``; xlsx keeps dates
    and numbers as Excel gives them. Columns not asked for are left out."""
    path = Path(path)
    if not path.is_file():
        raise CycleError("filen findes ikke", "the file does not exist", file=path)
    records = _xlsx_records(path, sheet) if path.suffix.lower() in XLSX_SUFFIXES else _csv_records(path)
    header_row, header = next(
        ((n, [str(c) for c in cells]) for n, cells in records if any(c != "" for c in cells)), (0, [])
    )
    while header and header[-1] == "":  # trailing separators, as Excel writes them
        header.pop()
    found = {c.name: _find(header, c) for c in columns}
    missing = [c for c in columns if c.required and found[c.name] is None]
    if missing:
        raise _missing_columns(path, header, missing)
    rows = []
    for number, cells in records:
        if len(cells) > len(header) and any(c != "" for c in cells[len(header) :]):
            raise CycleError(
                f"række {number} har flere felter end overskriften (række {header_row})",
                f"row {number} has more fields than the header (row {header_row})",
                file=path,
            )
        if all(c == "" for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        rows.append({name: ("" if i is None else cells[i]) for name, i in found.items()} | {"row": number})
    table = pd.DataFrame(rows, columns=[c.name for c in columns] + ["row"])
    # The headers as the file writes them, so a message names the column the user sees.
    table.attrs["headers"] = {name: header[i] for name, i in found.items() if i is not None}
    return table


def _find(header: list[str], column: Column) -> int | None:
    hits = [i for i, h in enumerate(header) if column.accepts(str(h))]
    return hits[0] if hits else None


def _missing_columns(path: Path, header: list[str], missing: list[Column]) -> CycleError:
    names = ", ".join("/".join((c.name, *c.aliases[:1])) for c in missing)
    shown = ", ".join(str(h) for h in header) or "(ingen)"
    hint_da = hint_en = ""
    if len(header) == 1 and any(s in str(header[0]) for s in SEPARATORS):
        hint_da = " Fandt ét felt pr. linje: brug komma eller semikolon mellem felterne."
        hint_en = " Found one field per line: separate the fields with commas or semicolons."
    return CycleError(
        f"mangler kolonne(r): {names} (fandt: {shown}).{hint_da}",
        f"missing column(s): {names} (found: {shown}).{hint_en}",
        file=path,
        key=missing[0].name,
    )


def _text(value: object) -> object:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _csv_records(path: Path) -> Iterator[tuple[int, list]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Danish Excel's "CSV (semikolonsepareret)"
    if "\x00" in text:
        raise CycleError("er ikke en tekstfil (CSV)", "is not a text (CSV) file", file=path)
    header_line = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    sep = max(SEPARATORS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    last = 0
    try:
        for cells in reader:
            first, last = last + 1, reader.line_num
            if cells and str(cells[0]).lstrip().startswith("#"):
                continue
            yield first, [c.strip() for c in cells]
    except csv.Error as e:
        raise CycleError(f"kan ikke læses som CSV: {e}", f"cannot be read as CSV: {e}", file=path) from None


def _xlsx_records(path: Path, sheet: str | None) -> Iterator[tuple[int, list]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as e:
        raise CycleError(
            f"kan ikke læses som Excel-fil: {e}", f"cannot be read as an Excel file: {e}", file=path
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
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_text(v) for v in values]
            if cells and isinstance(cells[0], str) and cells[0].startswith("#"):
                continue
            yield number, cells
    finally:
        wb.close()
