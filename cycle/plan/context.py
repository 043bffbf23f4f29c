"""What the scheduling functions share for one term: the horizon, the working days, and the
dates resolved so far (meetings first, then documents in anchor order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Model
from ..period import Term
from ..workdays import WorkingDays
from .horizon import Horizon
from .meetings import meeting_dates


@dataclass
class Context:
    term: Term
    horizon: Horizon
    wd: WorkingDays
    #: Meeting calendar id → its dates over the horizon's meeting years, sorted.
    meeting_dates: dict[str, list[date]]
    #: Document id → every date of its deadlines and milestones over the horizon, sorted, each
    #: with the year of the occurrence it is (see :mod:`.points`): what a rule anchored on that
    #: document counts from. Filled in anchor order.
    point_dates: dict[str, list[tuple[date, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, model: Model, term: Term) -> Context:
        horizon = Horizon.of(term)
        return cls(
            term=term,
            horizon=horizon,
            wd=WorkingDays(horizon.holiday_years, model.closed_days),
            meeting_dates={mid: meeting_dates(m, horizon.meeting_years) for mid, m in model.meetings.items()},
        )
