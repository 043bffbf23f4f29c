"""iCalendar for Outlook: deadline files to import and feeds to subscribe to.

One selection of the events table (:mod:`.options`) becomes one table of property values
(:mod:`.rows`), stamped with SEQUENCE and LAST-MODIFIED against the previous export
(:mod:`.sequence`, whose state is kept beside the calendar by :mod:`.state`); two renderers turn it into bytes:

* :mod:`.reference`: an ``icalendar.Calendar`` of ``icalendar.Event`` objects, the definition;
* :mod:`.bulk`: each property's distinct values are escaped (and folded) once by icalendar and
  the lines assembled by one join; ``tests/views/test_bulk.py`` proves both give the same bytes.

:mod:`.write` writes one file or one feed per unit.

Outlook rules (DOMAIN.md): all-day events with ``DTSTART;VALUE=DATE`` and an exclusive ``DTEND``;
``TRANSP:TRANSPARENT``; ``METHOD:PUBLISH``; stable UIDs, with ``SEQUENCE`` and ``LAST-MODIFIED``
moving only when an event's content changes; feeds carry ``NAME``/``X-WR-CALNAME`` and refresh
hints and no alarms (Outlook drops them), so ``warn`` adds explicit warning events instead.
"""

from __future__ import annotations

from .bulk import CHUNK_EVENTS, UNFOLDED_OCTETS, render, render_chunks
from .options import DEFAULT_KINDS, Options, concerning, parse_kinds, parse_warn, select
from .reference import PRODID, Header, header_calendar, to_calendar, to_event
from .rows import feed_rows, finish_rows
from .sequence import SEEN, now_utc, previous_state, stamp
from .write import (
    ALL_FILE,
    INDEX,
    calendar_name,
    export,
    export_split,
    feeds_written_before,
    safe_name,
    write_file,
    write_split,
)

__all__ = [
    "ALL_FILE",
    "CHUNK_EVENTS",
    "DEFAULT_KINDS",
    "INDEX",
    "PRODID",
    "SEEN",
    "UNFOLDED_OCTETS",
    "Header",
    "Options",
    "calendar_name",
    "concerning",
    "export",
    "export_split",
    "feed_rows",
    "feeds_written_before",
    "finish_rows",
    "header_calendar",
    "now_utc",
    "parse_kinds",
    "parse_warn",
    "previous_state",
    "render",
    "render_chunks",
    "safe_name",
    "select",
    "stamp",
    "to_calendar",
    "to_event",
    "write_file",
    "write_split",
]
