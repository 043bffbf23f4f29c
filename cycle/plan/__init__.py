"""The plan: a model, an election period and the organisation units → one events table.

Every output (timeline, due, iCalendar, charts, site) is a view of :attr:`Plan.events`, a pandas
DataFrame with one row per event (columns in :data:`EVENT_COLUMNS`, dates inclusive).

The steps, one module each: :mod:`.horizon` (the years looked at around the term),
:mod:`.meetings`, :mod:`.phases` (drafting, validity, adoption deadlines, carried-over
documents), :mod:`.points` (deadlines and milestones), :mod:`.schedule` (all of them in anchor
order), :mod:`.table` (rows → the events table), :mod:`.uid` (event UIDs), :mod:`.cache`.

>>> plan = build_plan("lemvig", 2026)
>>> vision = plan.events.query("document == 'politisk-vision' and kind == 'deadline'")
>>> vision[["start", "summary"]].astype(str).values.tolist()
[['2026-12-30', 'Frist: Politisk vision vedtages']]
"""

from .build import Plan, build_plan, term_of_uid
from .table import EVENT_COLUMNS, carried_over, notes
from .uid import UID_CODES

__all__ = ["EVENT_COLUMNS", "UID_CODES", "Plan", "build_plan", "carried_over", "notes", "term_of_uid"]
