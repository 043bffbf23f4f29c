"""The events table as plain records, CSV and JSON: dates as ISO strings."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

DATE_COLUMNS = ("start", "end", "nominal")


def iso(series: pd.Series) -> pd.Series:
    """Dates → 'YYYY-MM-DD' strings, vectorised through numpy."""
    return pd.Series(series.to_numpy().astype("datetime64[D]").astype(str), index=series.index)


def plain(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    for col in DATE_COLUMNS:
        if col in out:
            out[col] = iso(out[col])
    return out


def records(events: pd.DataFrame) -> list[dict[str, str]]:
    return plain(events).to_dict(orient="records")


def to_csv(events: pd.DataFrame) -> str:
    return plain(events).to_csv(index=False, lineterminator="\n")


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def _default(value: object) -> object:
    if isinstance(value, pd.DataFrame):
        return records(value)
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
