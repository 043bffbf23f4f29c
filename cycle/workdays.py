"""Danish working days (hverdage): weekdays that are neither public holidays nor closed days.

Public holidays come from the ``holidays`` package (DK; Store Bededag only until 2023, lov nr.
214 af 6. marts 2023). A model adds the days its offices close (24 and 31 December, Grundlovsdag).
Shifting a deadline off a non-working day is a named policy, as data: "senest"-deadlines move
to the ``previous`` working day by default.

>>> wd = WorkingDays(range(2028, 2029))
>>> wd.shift(date(2028, 10, 15), "previous")  # a Sunday
datetime.date(2028, 10, 13)
>>> wd.add(date(2028, 4, 21), -8)  # 8 hverdage før, across Easter
datetime.date(2028, 4, 6)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import numpy as np

#: Shift policy name → numpy's roll direction (None: leave the date where it is).
SHIFT_POLICIES: dict[str, str | None] = {"previous": "backward", "next": "forward", "none": None}

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def closed_days(specs: Iterable[str], years: Iterable[int]) -> list[date]:
    """Expand closed-day specs: 'MM-DD' recurs every year, 'YYYY-MM-DD' is one date."""
    out = []
    for spec in specs:
        m = _MONTH_DAY.match(spec)
        if m:
            out += [date(y, int(m[1]), int(m[2])) for y in years]
        else:
            out.append(date.fromisoformat(spec))
    return out


class WorkingDays:
    """A working-day calendar for a range of years, backed by ``numpy.busdaycalendar``."""

    def __init__(self, years: Iterable[int], closed: Iterable[str] = ()) -> None:
        import holidays  # here, not at the top: the cached query path never needs it

        years = list(years)
        self.holidays = holidays.country_holidays("DK", years=years, language="da")
        self.closed = set(closed_days(closed, years))
        days = sorted(set(self.holidays) | self.closed)
        self.calendar = np.busdaycalendar(weekmask="1111100", holidays=days)

    def is_working(self, day: date) -> bool:
        return bool(np.is_busday(day, busdaycal=self.calendar))

    def why_closed(self, day: date) -> str | None:
        """The reason ``day`` is not a working day (a holiday's Danish name), or None."""
        if day in self.holidays:
            return self.holidays[day]
        if day in self.closed:
            return "lukkedag"
        if day.weekday() >= 5:
            return "lørdag" if day.weekday() == 5 else "søndag"
        return None

    def shift(self, day: date, policy: str) -> date:
        roll = SHIFT_POLICIES[policy]
        if roll is None:
            return day
        return np.busday_offset(day, 0, roll=roll, busdaycal=self.calendar).astype(object)

    def add(self, day: date, n: int) -> date:
        """``n`` working days after (n < 0: before) ``day``; a non-working start counts from
        the working day on the far side, so "8 hverdage før" a Sunday meeting ends 8 working
        days before the Monday after."""
        roll = "forward" if n <= 0 else "backward"
        return np.busday_offset(day, n, roll=roll, busdaycal=self.calendar).astype(object)
