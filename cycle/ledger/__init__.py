"""The progress ledger: what was adopted when, and what is late.

The consultant keeps a status file (CSV or xlsx, Danish or English headers); each row records one
deadline of the plan as done on a date, with a reference (minutes, case number) and a note.
:func:`read_ledger` reads it, :func:`progress` checks it against a plan and gives every deadline
of the term its status as of a day (``done``, ``late``, ``overdue``, ``open``), and
:func:`write_template` writes the xlsx form to fill in.

>>> from datetime import date
>>> from cycle.plan import build_plan
>>> plan = build_plan("lemvig", 2026)
>>> table = progress(plan, empty_ledger(), day=date(2026, 11, 22))
>>> summary(table, through=date(2026, 11, 22)).query("document == 'aftaledokumenter'").values.tolist()
[['aftaledokumenter', 2026, 0, 0, 0, 12]]
"""

from .attach import attach
from .match import deadline_events
from .progress import GROUPINGS, PROGRESS_COLUMNS, STATUSES, overdue, progress, selection, summary, upcoming
from .read import COLUMNS, Ledger, empty_ledger, parse_day, parse_days, read_ledger

__all__ = [
    "COLUMNS",
    "GROUPINGS",
    "PROGRESS_COLUMNS",
    "STATUSES",
    "Ledger",
    "attach",
    "deadline_events",
    "empty_ledger",
    "overdue",
    "parse_day",
    "parse_days",
    "progress",
    "read_ledger",
    "selection",
    "summary",
    "upcoming",
]
