"""Reading the status file: what was adopted when, as the consultant keeps it in Excel.

One row per deadline met: ``document`` (``dokument``), ``year`` (``år``, the calendar year of the
deadline), ``unit`` (``enhed``, empty for municipality-wide documents), ``done`` (``vedtaget``,
``udført`` or ``indgået``: the date), ``reference`` and ``note``. A ``deadline`` (``frist``) column,
as the template writes it, only tells two deadlines of one document and year apart. Rows that
record nothing (no date, reference or note) are the template's blanks and are skipped.

Dates are read as Danes write them too: 2026-12-14, 14-12-2026, 14.12.2026 or 14/12/2026.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ..errors import CycleError
from ..tabular import Column, parse_day, read_table

#: The status file's columns: canonical name and the other headers (Danish) that mean it.
COLUMNS = (
    Column("document", ("dokument",)),
    Column("year", ("år", "aar")),
    Column("unit", ("enhed",), required=False),
    Column("done", ("vedtaget", "udført", "udfoert", "indgået", "indgaaet"), required=False),
    Column("reference", ("henvisning",), required=False),
    Column("note", ("bemærkning", "notat"), required=False),
    Column("deadline", ("frist",), required=False),
)
#: The recorded facts of a row (a row without any of them records nothing).
FACTS = ("done", "reference", "note")


@dataclass(frozen=True)
class Ledger:
    """The rows of a status file, parsed: ``document``, ``year`` (int), ``unit``, ``done`` and
    ``deadline`` (dates or None), ``reference``, ``note``, and ``row`` (its number in the file)."""

    path: Path | None
    rows: pd.DataFrame
    headers: dict[str, str] = field(default_factory=dict)  # column → its header in the file

    def __len__(self) -> int:
        return len(self.rows)

    def error(self, row: int, da: str, en: str, key: str) -> CycleError:
        """One line naming this file, the row and the column (as the file heads it)."""
        return CycleError(f"række {row}: {da}", f"row {row}: {en}", file=self.path, key=self.headers.get(key, key))


def empty_ledger() -> Ledger:
    return Ledger(None, pd.DataFrame(columns=[c.name for c in COLUMNS] + ["row"]))


def read_ledger(path: str | Path, *, sheet: str | None = None) -> Ledger:
    """Read and parse a status file (CSV or xlsx). Any bad cell: one line naming the row, exit 2.

    Whether the rows fit the model (known documents, units, deadlines) is checked against a plan:
    see :func:`cycle.ledger.progress`."""
    path = Path(path)
    table = read_table(path, COLUMNS, sheet=sheet)
    if "row" not in table:  # a reader that keeps the file's row numbers as the index
        table = table.assign(row=table.index)
    ledger = Ledger(path, table, dict(table.attrs.get("headers", {})))
    recorded = table[list(FACTS)].apply(lambda c: c.map(lambda v: v != "")).any(axis=1)
    table = table[recorded].reset_index(drop=True)
    parsed = []
    for rec in table.to_dict("records"):
        row = rec["row"]
        if not str(rec["document"]):
            raise ledger.error(row, "dokument mangler", "the document is missing", "document")
        parsed.append(
            {
                "document": str(rec["document"]),
                "year": _year(ledger, row, rec["year"]),
                "unit": str(rec["unit"]),
                "done": _date(ledger, row, rec["done"], "done"),
                "reference": _cell_text(rec["reference"]),
                "note": _cell_text(rec["note"]),
                "deadline": _date(ledger, row, rec["deadline"], "deadline"),
                "row": row,
            }
        )
    return Ledger(path, pd.DataFrame(parsed, columns=empty_ledger().rows.columns), ledger.headers)


def parse_days(text: str, *, key: str) -> int:
    """'30d', '4w' or '30' → days.

    >>> parse_days("4w", key="upcoming")
    28
    """
    m = re.fullmatch(r"\s*(\d{1,4})\s*([dw]?)\s*", str(text))
    if not m:
        raise CycleError(
            f"ugyldigt antal dage '{text}' (fx 30d eller 4w)",
            f"invalid number of days '{text}' (e.g. 30d or 4w)",
            key=key,
        )
    return int(m[1]) * (7 if m[2] == "w" else 1)


def _cell_text(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _year(ledger: Ledger, row: int, value: object) -> int:
    text = _cell_text(value)
    if re.fullmatch(r"\d{4}(\.0)?", text):  # Excel may hand a year over as 2026.0
        return int(float(text))
    raise ledger.error(
        row,
        f"ukendt år '{text}' (skriv fristens kalenderår, fx 2026)",
        f"unknown year '{text}' (write the deadline's calendar year, e.g. 2026)",
        "year",
    )


def _date(ledger: Ledger, row: int, value: object, key: str) -> date | None:
    try:
        return parse_day(value)
    except ValueError:
        raise ledger.error(
            row,
            f"ugyldig dato '{value}' (skriv fx 2026-12-14 eller 14-12-2026)",
            f"invalid date '{value}' (write e.g. 2026-12-14 or 14-12-2026)",
            key,
        ) from None
