"""The status file on the Gantt chart: met and overdue deadlines drawn apart from the open ones,
each status with its own symbol and colour (views/style.py) and its word in the legend, so that
colour is never the only sign. Without a status file nothing changes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ...i18n import t
from ..common import FOLD_KEYS, STATUS_MARKS, overall_status
from ..style import status_marker
from .base import Sheet, hover

SIZE = 11


def statuses(plan, drawn: pd.DataFrame, expand_units: bool) -> pd.Series:
    """Per drawn deadline: the status file's status for it ('' when it says nothing); a deadline
    drawn once for many units is overdue if any unit's is, done or late when every unit's is."""
    keys = [*FOLD_KEYS, "unit"] if expand_units else FOLD_KEYS
    dl = plan.events[plan.events["kind"] == "deadline"]
    by_key = dl.groupby(keys, sort=False)["status"].agg(tuple)
    found = by_key.reindex(pd.MultiIndex.from_frame(drawn[keys])).to_numpy()
    return pd.Series([overall_status(s) if isinstance(s, tuple) else "" for s in found], index=drawn.index)


def add_status_traces(fig: Sheet, plan, deadlines: pd.DataFrame, labels: dict, lang: str, expand_units: bool):
    """A trace per status the status file gives (done, late, overdue); returns the deadlines
    left to draw as plain deadline marks."""
    if deadlines.empty or plan.progress is None:
        return deadlines
    status = statuses(plan, deadlines, expand_units)
    for name in STATUS_MARKS:
        df = deadlines[status == name]
        if df.empty:
            continue
        word = f"{t('status_' + name, lang)} {STATUS_MARKS[name]}"
        fig.add_trace(
            go.Scatter(
                name=f"{t('deadline', lang)}: {word}",
                mode="markers",
                y=df["row"].map(labels),
                x=df["start"].dt.strftime("%Y-%m-%d"),
                marker=status_marker(name, SIZE),
                cliponaxis=False,  # a diamond on the term's last days shows whole
                customdata=[f"{h}<br>{word}" for h in hover(df, lang)],
                hovertemplate="%{customdata}<extra></extra>",
                meta=f"deadline-{name}",
            )
        )
    return deadlines[~status.isin(list(STATUS_MARKS))]
