"""Writes the units files in the shapes Danish Excel saves them (run once; the files are kept).

    python3 tests/data/units/make_units_files.py

- enheder-semikolon.csv: "CSV (semikolonsepareret)": Windows-1252, ';', CRLF, a cell's Alt+Enter
  as a bare LF inside quotes, every row padded with trailing separators to the used range.
- enheder-utf8.csv: "CSV UTF-8 (kommasepareret)" in a Danish locale: byte-order mark, ';', CRLF.
- units-comma.csv: UTF-8 without a mark, ',' and LF, English column names (other tools).
- enheder.xlsx: a workbook whose first sheet holds the units, the second another list.
The same four units in every file; the tests hold the expected values written out by hand.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

COMMENT = "# EKSEMPELDATA: fiktive enheder, skrevet som dansk Excel gemmer dem"
DANISH = ["Enhed", "Navn", "Område", "Leder", "Direktør"]
ENGLISH = ["id", "name", "area", "leader", "director"]
UNITS = [
    ["thyboroen-skole", "Thyborøn Skole", "Børn og unge – skole", "Skoleleder Jens Bæk", "Direktør for Børn og Kultur"],
    ["afd-2-nord", "Afdeling #2 Nord", "Social; Sundhed", "Leder Åse Ørum", "Direktør for Social og Sundhed"],
    [
        "plejecenter-tangsgade",
        "Plejecenter\nTangsgade",
        "Ældre, pleje",
        'Leder "Bo" Ravn',
        "Direktør for Social og Sundhed",
    ],
    [101, "Musikskolen", "Kultur", "", "Kommunaldirektør"],
]


def csv_text(header: list[str], sep: str, eol: str, width: int) -> str:
    """Rows as Excel writes them: a cell quoted when it holds the separator, a quote or a line
    break; quotes doubled; every row padded to ``width`` cells."""

    def cell(v: object) -> str:
        s = str(v)
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in (sep, '"', "\n")) else s

    rows = [[COMMENT], header, *UNITS]
    return "".join(sep.join([cell(v) for v in r] + [""] * (width - len(r))) + eol for r in rows)


def main() -> None:
    (HERE / "enheder-semikolon.csv").write_bytes(csv_text(DANISH, ";", "\r\n", 7).encode("cp1252"))
    (HERE / "enheder-utf8.csv").write_bytes(csv_text([h.upper() for h in DANISH], ";", "\r\n", 5).encode("utf-8-sig"))
    (HERE / "units-comma.csv").write_bytes(csv_text(ENGLISH, ",", "\n", 0).encode("utf-8"))

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Enheder"
    for r in ([COMMENT], DANISH, *UNITS):
        ws.append(r)
    other = wb.create_sheet("Institutioner")
    other.append(["Enhed", "Navn", "Område", "Leder", "Direktør"])
    other.append(["balleskolen", "Balleskolen", "Skole", "Skoleleder Hanne Friis", "Afdelingschef for Skole"])
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2026, 1, 1)
    wb.save(HERE / "enheder.xlsx")


if __name__ == "__main__":
    main()
