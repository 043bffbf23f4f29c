"""The plan: a model, an election period and the organisation units → one events table.

Every output (timeline, due, iCalendar, charts, site) is a view of :attr:`Plan.events`, a pandas
DataFrame with one row per event (columns in :data:`EVENT_COLUMNS`, dates inclusive).
"""

from .core import EVENT_COLUMNS, Plan, build_plan
from .uid import UID_CODES

__all__ = ["EVENT_COLUMNS", "UID_CODES", "Plan", "build_plan"]
