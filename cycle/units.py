"""Organisation units (aftaleenheder, institutioner): a CSV with id, name, area, leader, director."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import CycleError

UNIT_COLUMNS = ("id", "name", "area", "leader", "director")


def load_units(path: str | Path) -> pd.DataFrame:
    """Read a units file (lines starting with '#' are comments), checked: the columns are there,
    every unit has an id and a name, and ids are unique."""
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#", skipinitialspace=True)
    except FileNotFoundError:
        raise CycleError("enhedsfilen findes ikke", "the units file does not exist", file=path) from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise CycleError(f"kan ikke læses som CSV: {e}", f"cannot be read as CSV: {e}", file=path) from None
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in UNIT_COLUMNS if c not in df.columns]
    if missing:
        raise CycleError(
            f"mangler kolonne(r): {', '.join(missing)} (krævet: {', '.join(UNIT_COLUMNS)})",
            f"missing column(s): {', '.join(missing)} (required: {', '.join(UNIT_COLUMNS)})",
            file=path,
            key=missing[0],
        )
    df = df[list(UNIT_COLUMNS)].apply(lambda c: c.str.strip())
    for col in ("id", "name"):
        empty = df.index[df[col] == ""]
        if len(empty):
            raise CycleError(
                f"tom '{col}' i række {empty[0] + 2}", f"empty '{col}' in row {empty[0] + 2}", file=path, key=col
            )
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise CycleError(
            f"enheden '{dup.iloc[0]}' står flere gange",
            f"the unit '{dup.iloc[0]}' occurs more than once",
            file=path,
            rule=dup.iloc[0],
            key="id",
        )
    return df.reset_index(drop=True)
