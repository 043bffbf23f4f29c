"""A council's real meeting plan, read from where it lives: an iCalendar file (what meeting systems
and Outlook export) or a list of dates in CSV or Excel.

An iCalendar file gives every VEVENT's day (its start in Danish time), cancelled events left out,
recurring series expanded (RRULE, RDATE, EXDATE, and moved occurrences by RECURRENCE-ID). A CSV or
xlsx file gives the dates of its ``date``/``dato`` column. ``match`` keeps only the meetings whose
title (SUMMARY, or the ``meeting``/``møde`` column) contains it, so one file can hold several
calendars (the council's and the finance committee's).

>>> from pathlib import Path
>>> plan = Path(__file__).parent.parent / "tests" / "data" / "meetings" / "moedeplan-2026.ics"
>>> [d.isoformat() for d in read_meeting_plan(plan, match="kommunalbestyrelsen")][7:9]
['2026-09-16', '2026-10-07']
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import CycleError
from .tabular import Column, clean, parse_day, read_table

COLUMNS = (
    Column("date", ("dato", "mødedato")),
    Column("meeting", ("møde", "mødekalender", "udvalg", "titel", "title"), required=False),
)
#: How far a recurring series is expanded: a meeting plan covers a few years at most.
_SERIES_YEARS = 12
_TZ = "Europe/Copenhagen"


def read_meeting_plan(path: str | Path, *, match: str | None = None, sheet: str | None = None) -> list[date]:
    """The meeting days in ``path`` (sorted, each once), optionally only those whose title
    contains ``match`` (case-insensitive). One line naming the file for anything unreadable."""
    path = Path(path)
    try:
        head = path.read_bytes()[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as e:
        raise CycleError(
            f"mødeplanen kan ikke læses: {e.strerror}", f"the meeting plan cannot be read: {e.strerror}", file=path
        ) from None
    is_ics = head.upper().startswith(b"BEGIN:VCALENDAR")
    days = _ics_days(path, match) if is_ics else _table_days(path, match, sheet)
    if not days:
        what = f" med '{match}' i titlen" if match else ""
        what_en = f" with '{match}' in the title" if match else ""
        raise CycleError(
            f"mødeplanen har ingen møder{what}", f"the meeting plan has no meetings{what_en}", file=path, key="match"
        )
    return sorted(set(days))


def _matches(title: str, match: str | None) -> bool:
    return match is None or match.casefold() in title.casefold()


# --------------------------------------------------------------------------- iCalendar


def _ics_days(path: Path, match: str | None) -> list[date]:
    from icalendar import Calendar  # here, not at the top: the query path never needs it

    try:
        cal = Calendar.from_ical(path.read_bytes())
    except ValueError as e:
        raise CycleError(
            f"kan ikke læses som iCalendar-fil: {e}", f"cannot be read as an iCalendar file: {e}", file=path
        ) from None
    days: list[date] = []
    moved: dict[str, set[date]] = {}  # series UID → the occurrences a RECURRENCE-ID replaced
    series = []
    for ev in cal.walk("VEVENT"):
        if str(ev.get("status", "")).upper() == "CANCELLED" or not _matches(str(ev.get("summary", "")), match):
            continue
        if "dtstart" not in ev:
            raise CycleError(
                f"en begivenhed uden DTSTART ('{clean(ev.get('summary', ''))}')",
                f"an event without DTSTART ('{clean(ev.get('summary', ''))}')",
                file=path,
            )
        if "recurrence-id" in ev:
            moved.setdefault(str(ev.get("uid")), set()).add(_day(ev.decoded("recurrence-id")))
        if "rrule" in ev or "rdate" in ev:
            series.append(ev)
        else:
            days.append(_day(ev.decoded("dtstart")))
    for ev in series:
        days += [d for d in _occurrences(path, ev) if d not in moved.get(str(ev.get("uid")), set())]
    return days


def _day(value: date | datetime) -> date:
    """The day a meeting is held, in Danish time (a UTC time near midnight is the next day)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from zoneinfo import ZoneInfo

            value = value.astimezone(ZoneInfo(_TZ))
        return value.date()
    return value


def _occurrences(path: Path, ev) -> list[date]:
    """A recurring meeting's days: dateutil reads the RRULE; RDATE adds, EXDATE removes."""
    from dateutil.rrule import rruleset, rrulestr

    start = ev.decoded("dtstart")
    first = datetime.combine(_day(start), datetime.min.time())
    rules = rruleset()
    for rule in _as_list(ev.get("rrule")):
        text = rule.to_ical().decode()
        try:
            rules.rrule(rrulestr(_naive_until(text), dtstart=first))
        except (ValueError, TypeError) as e:
            raise CycleError(f"ugyldig RRULE '{text}': {e}", f"invalid RRULE '{text}': {e}", file=path) from None
    for key, add in (("rdate", rules.rdate), ("exdate", rules.exdate)):
        for prop in _as_list(ev.get(key)):
            for d in prop.dts:
                add(datetime.combine(_day(d.dt), datetime.min.time()))
    end = first + timedelta(days=366 * _SERIES_YEARS)
    return [dt.date() for dt in rules.between(first, end, inc=True)]


def _naive_until(rule: str) -> str:
    """UNTIL as a day: the series is expanded in days, so a time zone on UNTIL cannot matter."""
    parts = []
    for part in rule.split(";"):
        if part.upper().startswith("UNTIL="):
            part = "UNTIL=" + part.split("=", 1)[1][:8]
        parts.append(part)
    return ";".join(parts)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------- CSV and xlsx


def _table_days(path: Path, match: str | None, sheet: str | None) -> list[date]:
    table = read_table(path, COLUMNS, sheet=sheet, what=("mødeplanen", "the meeting plan"))
    if match is not None and "meeting" not in table.attrs.get("headers", {}):
        raise CycleError(
            f"mødeplanen har ingen kolonne møde/meeting at udvælge '{match}' efter",
            f"the meeting plan has no meeting/møde column to pick '{match}' by",
            file=path,
            key="match",
        )
    days = []
    for rec in table.to_dict("records"):
        if not _matches(clean(rec["meeting"]), match):
            continue
        try:
            day = parse_day(rec["date"])
        except ValueError:
            day = None
        if day is None:
            raise CycleError(
                f"række {rec['row']}: ugyldig dato '{clean(rec['date'])}' (skriv fx 2026-10-07 eller 07-10-2026)",
                f"row {rec['row']}: invalid date '{clean(rec['date'])}' (write e.g. 2026-10-07 or 07-10-2026)",
                file=path,
                key=table.attrs["headers"].get("date", "date"),
            )
        days.append(day)
    return days
