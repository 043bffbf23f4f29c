"""The events table as plain records, CSV and JSON: dates as ISO strings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is at hand: `cycle period` has none
    import pandas as pd

from .cells import FORMULA_START

DATE_COLUMNS = ("start", "end", "nominal")


def iso(series: pd.Series) -> pd.Series:
    """Dates → 'YYYY-MM-DD' strings, vectorised through numpy."""
    import pandas as pd

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
    """CSV for spreadsheets and scripts; text that a spreadsheet would run as a formula gets a
    leading quote (:func:`cycle.views.cells.csv_safe`, OWASP's rule)."""
    import pandas as pd

    out = plain(events)
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            text = out[c].astype(str)
            risky = text.str.startswith(FORMULA_START)
            if risky.any():
                out[c] = text.where(~risky, "'" + text)
    return out.to_csv(index=False, lineterminator="\n")


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def _default(value: object) -> object:
    module = type(value).__module__
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(value, pd.DataFrame):
            return records(value)
    elif module.startswith("numpy"):
        import numpy as np

        if isinstance(value, np.generic):
            return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
