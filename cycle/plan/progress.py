"""The events table's progress columns, empty: the ledger fills them after the plan is built
(and after the cache, for the table does not depend on the status file or the day):
:func:`cycle.ledger.attach`."""

from __future__ import annotations

import pandas as pd

#: The columns the progress ledger fills, at the end of the table (``cycle events`` keeps its
#: column order): ``status`` (done, late, overdue, open) of a deadline, ``done`` (the date the
#: status file records) and ``reference``.
PROGRESS_COLUMNS = ["status", "done", "reference"]


def no_progress(events: pd.DataFrame) -> pd.DataFrame:
    """The progress columns, empty: nothing recorded yet."""
    return events.assign(status="", done=pd.NaT, reference="")
