"""The reference renderer: the property table as ``icalendar`` objects, one ``Event`` per row.
It is the definition of the output; :mod:`.bulk` writes the same bytes faster
(``tests/views/test_bulk.py`` proves it). The calendar's header is built here for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from icalendar import Alarm, Calendar, Event, vCalAddress, vDuration, vText

from ...i18n import t
from .sequence import UTC_FORMAT

PRODID = "-//cycle//Kommunal styring//DA"
#: How often a subscribed calendar asks for changes.
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Header:
    """The calendar around the events: feed or one-off import, its name, the warning, and the
    organiser (``mailto:`` address and name) every event names, if the model gives one."""

    feed: bool
    name: str = ""
    description: str = ""
    warn_days: int | None = None
    lang: str = "da"
    organizer: str = ""
    organizer_name: str = ""


def name_properties(name: str, description: str | None = None) -> list[tuple[str, vText]]:
    """The calendar's name as Outlook, Apple and Google read it, and its description: TEXT,
    escaped by icalendar (given as plain strings, icalendar would write them unescaped, and
    "Skole, Nord; Syd" would end at the comma in vobject, libical or KCalendarCore)."""
    props = [("name", vText(name)), ("x-wr-calname", vText(name))]
    return props if description is None else [*props, ("x-wr-caldesc", vText(description))]


def organizer(h: Header) -> vCalAddress | None:
    """ORGANIZER: iTIP (RFC 5546) asks it of every event under ``METHOD:PUBLISH``; it names who
    keeps the calendar, so a client knows whom to ask. None when the model names no one."""
    if not h.organizer:
        return None
    return vCalAddress(h.organizer, params={"CN": h.organizer_name} if h.organizer_name else None)


def header_calendar(h: Header) -> Calendar:
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if h.feed:  # a one-off import is better without a calendar name (it would make a new calendar)
        for prop, value in name_properties(h.name, h.description):
            cal.add(prop, value)
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


def to_event(r, valarm: Alarm | None, organizer: vCalAddress | None = None) -> Event:
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
    if organizer is not None:
        ev.add("organizer", organizer)
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
    valarm, who = alarm(header), organizer(header)
    for r in rows.itertuples(index=False):
        cal.add_component(to_event(r, valarm, who))
    return cal
