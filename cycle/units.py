"""Organisation units (aftaleenheder, institutioner): id, name, area, leader, director.

Read from where units live: an Excel workbook (.xlsx, the first sheet or a named one) or a CSV
as Excel or any other tool saves it (see :mod:`cycle.tabular`), with Danish or English column
names. Lines starting with '#' are comments.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import CycleError
from .tabular import Column, clean, read_table

UNIT_COLUMNS = ("id", "name", "area", "leader", "director")

#: Each column and the names it also goes by (Danish first); matched without regard to case.
COLUMNS = (
    Column("id", ("enhed", "enheds-id", "enhedsid")),
    Column("name", ("navn", "enhedsnavn")),
    Column("area", ("område", "omraade")),
    Column("leader", ("leder",)),
    Column("director", ("direktør", "direktoer")),
)


def load_units(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a units file, checked: the columns are there, every unit has an id and a name, and
    ids are unique. Errors name the file's own row (the line number, or Excel's row number)."""
    path = Path(path)
    table = read_table(path, COLUMNS, sheet=sheet, what=("enhedsfilen", "the units file"))
    df = table[list(UNIT_COLUMNS)].map(clean).set_index(table["row"])  # an id typed as 101 is '101'
    for col in ("id", "name"):
        empty = df.index[df[col] == ""]
        if len(empty):
            raise CycleError(f"tom '{col}' i række {empty[0]}", f"empty '{col}' in row {empty[0]}", file=path, key=col)
    dup = df["id"].duplicated()
    if dup.any():
        row, unit = df.index[dup][0], df["id"][dup].iloc[0]
        first = df.index[df["id"] == unit][0]
        raise CycleError(
            f"enheden '{unit}' står flere gange (række {first} og {row})",
            f"the unit '{unit}' occurs more than once (rows {first} and {row})",
            file=path,
            rule=unit,
            key="id",
        )
    return df.reset_index(drop=True)
