"""What the scheduling functions share for one term: the horizon, the working days, and the
dates resolved so far (meetings first, then documents in anchor order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import CycleError
from ..model import Model
from ..period import Term
from ..workdays import WorkingDays
from .horizon import Horizon
from .meetings import MeetingDays, meeting_days


@dataclass
class Context:
    term: Term
    horizon: Horizon
    wd: WorkingDays
    #: Meeting calendar id → its days over the horizon's meeting years (sorted), and which of them
    #: are assumptions (the RRULE's days of an assumed calendar, not a meeting plan's).
    meetings: dict[str, MeetingDays]
    #: Document id → the rows of its deadlines, milestones and treatments over the horizon, each
    #: with the year of the occurrence it is (see :mod:`.points`): what a rule anchored on that
    #: document counts from. Filled in anchor order.
    points: dict[str, list[dict]] = field(default_factory=dict)
    #: What the meetings make wrong without making it impossible (a treatment after its
    #: deadline): ``cycle validate`` reports them.
    problems: list[CycleError] = field(default_factory=list)

    @classmethod
    def of(cls, model: Model, term: Term) -> Context:
        horizon = Horizon.of(term)
        wd = WorkingDays(horizon.holiday_years, model.closed_days)
        return cls(
            term=term,
            horizon=horizon,
            wd=wd,
            meetings={mid: meeting_days(m, horizon.meeting_years, wd) for mid, m in model.meetings.items()},
        )

    def meeting_dates(self, meeting: str) -> list[date]:
        return self.meetings[meeting].days
