"""Meeting calendars: their days from the RRULE (moved off holidays and closed days) or from the
council's real meeting plan, and landing a rule's date on a meeting."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.rrule import rrulestr

from ..errors import CycleError
from ..model import Document, Meeting, PointRule
from ..period import Term
from ..workdays import WorkingDays


@dataclass(frozen=True)
class MeetingDays:
    """A calendar's days over a window of years, sorted, and which are assumptions."""

    days: list[date]
    assumed: frozenset[date]
    planned_years: frozenset[int]  # the years a meeting plan gives


def between(rule: str, years: range, *, forceset: bool = False):
    """An RRULE started on the first day of ``years`` and the window's bounds (datetimes)."""
    first, last = datetime(years.start, 1, 1), datetime(years.stop - 1, 12, 31)
    return rrulestr(rule, dtstart=first, forceset=forceset), first, last


def rule_days(meeting: Meeting, years: range, wd: WorkingDays) -> list[date]:
    """The RRULE's days in ``years``, plus extra dates, minus exceptions, each on a working day
    by the calendar's shift policy: a council does not meet on Juledag."""
    rules, first, last = between(meeting.rrule, years, forceset=True)
    for d in meeting.rdate:
        rules.rdate(datetime.combine(d, datetime.min.time()))
    for d in meeting.exdate:
        rules.exdate(datetime.combine(d, datetime.min.time()))
    days = [dt.date() for dt in rules.between(first, last, inc=True)]
    if meeting.shift == "skip":
        return [d for d in days if wd.is_working(d)]
    if meeting.shift != "none":
        days = [wd.shift(d, meeting.shift) for d in days]
    return sorted(set(days))


def meeting_days(meeting: Meeting, years: range, wd: WorkingDays) -> MeetingDays:
    """The calendar's days: a meeting plan's days in the years it covers, the RRULE's elsewhere."""
    planned: set[date] = set()
    covered: set[int] = set()
    if meeting.plans:
        from ..meetingplan import read_meeting_plan  # reads .ics with icalendar: only when planned

        for plan in meeting.plans:
            days = read_meeting_plan(plan.file, match=plan.match, sheet=plan.sheet)
            cover = set(plan.covers or {d.year for d in days})
            covered |= cover
            planned |= {d for d in days if d.year in cover}
    ruled = [d for d in rule_days(meeting, years, wd) if d.year not in covered]
    days = sorted({*ruled, *(d for d in planned if d.year in years)})
    return MeetingDays(days, frozenset(ruled if meeting.assumed else ()), frozenset(covered))


def meeting_rows(meeting: Meeting, days: MeetingDays, term: Term) -> list[dict]:
    """The calendar's meetings inside the term, one row each."""
    plans = ", ".join(p.file.name for p in meeting.plans)
    return [
        {
            "document": meeting.id,
            "kind": "meeting",
            "start": d,
            "end": d,
            "period": term.label,
            "rule": f"meeting plan: {plans}" if d.year in days.planned_years else "meeting: " + meeting.rrule,
            "nominal": d,
            "shift": "" if d.year in days.planned_years else meeting.shift,
            "source": meeting.source,
            "assumed": d in days.assumed,
        }
        for d in days.days
        if term.start <= d <= term.end
    ]


def land(doc: Document, rule: PointRule, day: date, dates: list[date]) -> date:
    """Move ``day`` onto a meeting of the rule's calendar (sorted ``dates``) in the same year,
    on or before it or on or after it as the rule says, inside the rule's window (``not_before``,
    ``not_after``); no such meeting is the model's error: the meetings make the rule impossible."""
    low = date(day.year, *rule.not_before) if rule.not_before else date(day.year, 1, 1)
    high = date(day.year, *rule.not_after) if rule.not_after and rule.role == "treatment" else date(day.year, 12, 31)
    if rule.landing == "on_or_before":
        i = bisect_right(dates, min(day, high)) - 1
        found = dates[i] if i >= 0 and dates[i] >= low else None
        window = (low, min(day, high))
    else:
        i = bisect_left(dates, max(day, low))
        found = dates[i] if i < len(dates) and dates[i] <= high else None
        window = (max(day, low), high)
    if found is None:
        a, b = (d.isoformat() for d in window)
        raise CycleError(
            f"intet møde i '{rule.meeting}' mellem {a} og {b}: møderne gør reglen umulig",
            f"no '{rule.meeting}' meeting between {a} and {b}: the meetings make the rule impossible",
            file=doc.file,
            rule=doc.id,
            key=f"{rule.role}.meeting",
        )
    return found
