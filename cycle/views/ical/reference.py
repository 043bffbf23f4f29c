"""The reference renderer: the property table as ``icalendar`` objects, one ``Event`` per row.
It is the definition of the output; :mod:`.bulk` writes the same bytes faster
(``tests/views/test_bulk.py`` proves it). The calendar's header is built here for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from icalendar import Alarm, Calendar, Event, vDuration

from ...i18n import t
from .sequence import UTC_FORMAT

PRODID = "-//cycle//Kommunal styring//DA"
#: How often a subscribed calendar asks for changes.
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Header:
    """The calendar around the events: feed or one-off import, its name, and the warning."""

    feed: bool
    name: str = ""
    description: str = ""
    warn_days: int | None = None
    lang: str = "da"


def header_calendar(h: Header) -> Calendar:
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if h.feed:  # a one-off import is better without a calendar name (it would make a new calendar)
        cal.add("name", h.name)
        cal.add("x-wr-calname", h.name)
        cal.add("x-wr-caldesc", h.description)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())  # text: no VALUE parameter
    return cal


def alarm(h: Header) -> Alarm | None:
    """The VALARM a one-off import gives each deadline, if any."""
    if h.feed or not h.warn_days:
        return None  # Outlook drops alarms on subscribed calendars: warning events do the job
    a = Alarm()
    a.add("action", "DISPLAY")
    a.add("description", t("warn_summary", h.lang, days=h.warn_days).rstrip(": "))
    a.add("trigger", timedelta(days=-h.warn_days))
    return a


def _utc(text: str) -> datetime:
    return datetime.strptime(text, UTC_FORMAT).replace(tzinfo=UTC)


def to_event(r, valarm: Alarm | None) -> Event:
    """One row of the property table (a named tuple) as an ``icalendar.Event``."""
    ev = Event()
    ev.add("summary", r.summary)
    ev.add("dtstart", r.start.date())
    ev.add("dtend", r.end.date())
    ev.add("dtstamp", _utc(r.dtstamp))
    ev.add("uid", r.uid)
    ev.add("sequence", int(r.sequence))
    ev.add("categories", r.categories.split("\x1f"))
    if r.contact:
        ev.add("contact", r.contact)
    ev.add("description", r.description)
    ev.add("last-modified", _utc(r.modified))
    if r.location:
        ev.add("location", r.location)
    ev.add("transp", "TRANSPARENT")
    if r.url:
        ev.add("url", r.url)
    ev.add("x-microsoft-cdo-alldayevent", "TRUE")
    ev.add("x-microsoft-cdo-busystatus", "FREE")
    if valarm is not None and r.alarm:
        ev.add_component(valarm)
    return ev


def to_calendar(rows: pd.DataFrame, header: Header) -> Calendar:
    """The reference renderer: one ``icalendar.Event`` per row."""
    cal = header_calendar(header)
    valarm = alarm(header)
    for r in rows.itertuples(index=False):
        cal.add_component(to_event(r, valarm))
    return cal
