"""Meeting calendars: their dates from the RRULE, and landing a rule's date on a meeting."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime

from dateutil.rrule import rrulestr

from ..errors import CycleError
from ..model import Document, Meeting, PointRule
from ..period import Term


def between(rule: str, years: range, *, forceset: bool = False):
    """An RRULE started on the first day of ``years`` and the window's bounds (datetimes)."""
    first, last = datetime(years.start, 1, 1), datetime(years.stop - 1, 12, 31)
    return rrulestr(rule, dtstart=first, forceset=forceset), first, last


def meeting_dates(meeting: Meeting, years: range) -> list[date]:
    """Every meeting of the calendar in ``years``: the RRULE, plus extra dates, minus exceptions."""
    rules, first, last = between(meeting.rrule, years, forceset=True)
    for d in meeting.rdate:
        rules.rdate(datetime.combine(d, datetime.min.time()))
    for d in meeting.exdate:
        rules.exdate(datetime.combine(d, datetime.min.time()))
    return [dt.date() for dt in rules.between(first, last, inc=True)]


def meeting_rows(meeting: Meeting, dates: list[date], term: Term) -> list[dict]:
    """The calendar's meetings inside the term, one row each."""
    return [
        {
            "document": meeting.id,
            "kind": "meeting",
            "start": d,
            "end": d,
            "period": term.label,
            "rule": "meeting: " + meeting.rrule,
            "nominal": d,
            "source": meeting.source,
        }
        for d in dates
        if term.start <= d <= term.end
    ]


def land(doc: Document, rule: PointRule, day: date, dates: list[date]) -> date:
    """Move ``day`` onto a meeting of the rule's calendar (sorted ``dates``) in the same year,
    on or before it or on or after it as the rule says; no such meeting is the model's error."""
    if rule.landing == "on_or_before":
        i = bisect_right(dates, day) - 1
        found = dates[i] if i >= 0 and dates[i].year == day.year else None
        da, en = "på eller før", "on or before"
    else:
        i = bisect_left(dates, day)
        found = dates[i] if i < len(dates) and dates[i].year == day.year else None
        da, en = "på eller efter", "on or after"
    if found is None:
        raise CycleError(
            f"intet møde i '{rule.meeting}' {da} {day.isoformat()} samme år: møderne gør reglen umulig",
            f"no '{rule.meeting}' meeting {en} {day.isoformat()} in the same year: "
            "the meetings make the rule impossible",
            file=doc.file,
            rule=doc.id,
            key=f"{rule.kind}.meeting",
        )
    return found
