"""The bulk renderer: the same bytes as :func:`.reference.to_calendar`, for national exports.

An event's text is cut into a few segments, each a run of content lines in icalendar's canonical
order. A segment depends on a few columns; every distinct combination of them is rendered once
(escaping and folding by icalendar), and rows pick theirs by index. Only the UID differs on every
row. Bytes throughout: encoding a large text at the end would cost as much as writing it.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd
from icalendar import Event, Parameters, vCategory, vText, vUri
from icalendar.parser import Contentline

from ...columns import codes
from .reference import Header, alarm, header_calendar, organizer

#: The longest content line (octets, without its CRLF) icalendar writes unfolded: it folds at
#: 75 octets (RFC 5545: lines "SHOULD NOT be longer than 75 octets, excluding the line break").
UNFOLDED_OCTETS = 74
CRLF = b"\r\n"
_ESCAPES = re.compile(r"[\\;,\n\r]")  # what RFC 5545 TEXT escapes
_ESCAPED_CHARS = "\\;,\n\r"
_BEGIN, _END = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"
_MS = b"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n"
_END_CALENDAR = b"END:VCALENDAR\r\n"
CHUNK_EVENTS = 1000  # about a megabyte: one large buffer would cost more than the joins


def _line(name: str, value) -> bytes:
    """One content line, escaped and folded by icalendar."""
    return Contentline.from_parts(name, Parameters(), value).to_ical() + CRLF


@lru_cache(maxsize=65536)
def _text_line(name: str, text: str) -> bytes:
    """A TEXT property's line. Cached: a national export meets the same descriptions in every
    municipality and feed, and escapes and folds each once."""
    if not text and name in ("CONTACT", "LOCATION", "URL"):
        return b""  # optional properties are left out when empty
    line = f"{name}:{text}".encode()
    if len(line) <= UNFOLDED_OCTETS and not _ESCAPES.search(text):
        return line + CRLF  # what icalendar gives too: nothing to escape, nothing to fold
    return _line(name, vText(text))


@lru_cache(maxsize=4096)
def _uri_line(name: str, uri: str) -> bytes:
    """A URI property's line: the address as given (a URI is not TEXT: escaping its commas and
    semicolons would break the link), folded by icalendar when long."""
    if not uri:
        return b""
    line = f"{name}:{uri}".encode()
    return line + CRLF if len(line) <= UNFOLDED_OCTETS else _line(name, vUri(uri))


@lru_cache(maxsize=16)
def _organizer_line(header: Header) -> bytes:
    """The ORGANIZER line every event of the export carries, rendered once by icalendar."""
    who = organizer(header)
    if who is None:
        return b""
    ev = Event()
    ev.add("organizer", who)
    return ev.to_ical()[len(b"BEGIN:VEVENT\r\n") : -len(b"END:VEVENT\r\n")]


@lru_cache(maxsize=4096)
def _categories_line(value: str) -> bytes:
    return _line("CATEGORIES", vCategory(value.split("\x1f")))


def _column(values: pd.Series, render) -> tuple[np.ndarray, list[bytes]]:
    """Codes per row, and each distinct value rendered once (a categorical brings its codes)."""
    found, uniques = codes(values)
    return found, [render(u) for u in uniques]


def _segment(columns: list[tuple[np.ndarray, list[bytes]]], prefix: bytes = b"", suffix: bytes = b"") -> np.ndarray:
    """Per row, the concatenation of its columns' rendered values; each distinct combination
    is joined once."""
    dims = tuple(max(len(r), 1) for _, r in columns)
    key = np.ravel_multi_index([c for c, _ in columns], dims)
    inverse, combos = pd.factorize(key)  # hashing, not sorting: faster on long columns
    picked = [
        np.asarray([*r, b""], dtype=object)[i]
        for (_, r), i in zip(columns, np.unravel_index(combos, dims), strict=True)
    ]
    joined = [prefix + b"".join(parts) + suffix for parts in zip(*picked, strict=True)]
    return np.array(joined, dtype=object)[inverse]


@contextmanager
def _bulk():
    """The bulk path allocates many short-lived containers and no cycles: the cyclic garbage
    collector would only rescan them, so it pauses for the duration."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _per_row(name: str, values: pd.Series) -> list[bytes]:
    """A line for a column that differs on every row (the UID), built directly; should any
    value need escaping or folding, the column goes through icalendar value by value."""
    texts = values.tolist()
    prefix = name + ":"
    lines = [(prefix + v + "\r\n").encode() for v in texts]
    longest = UNFOLDED_OCTETS + len(CRLF)
    if lines and (max(map(len, lines)) > longest or any(map(_escapes, _joined_parts(texts)))):
        lines = [
            line if len(line) <= longest and not _ESCAPES.search(v) else _line(name, vText(v))
            for line, v in zip(lines, texts, strict=True)
        ]
    return lines


def _joined_parts(texts: list[str], size: int = 8192) -> Iterator[str]:
    """``texts`` joined some thousand at a time: one scan each (a regex per text is 100× slower,
    one string of them all the size of the column)."""
    return ("".join(texts[i : i + size]) for i in range(0, len(texts), size))


def _escapes(text: str) -> bool:
    """Whether ``text`` holds a character TEXT escapes."""
    return any(c in text for c in _ESCAPED_CHARS)


def _date_line(name: str):
    return lambda day: f"{name};VALUE=DATE:{pd.Timestamp(day):%Y%m%d}\r\n".encode()


def _plain_line(name: str):
    return lambda v: f"{name}:{v}\r\n".encode()  # values that need no escaping: numbers, stamps


def _event_segments(rows: pd.DataFrame, header: Header) -> Iterator:
    """The VEVENTs as :data:`PIECES` arrays of byte segments, one at a time (each column's codes
    are dropped before the next segment's are made), cut where the lines change from a rule's
    to a unit's (the UID in two: its rule's part, its unit's), in icalendar's canonical order."""
    valarm = alarm(header)
    alarm_bytes = valarm.to_ical() if valarm is not None else b""
    before_transp = _organizer_line(header) + b"TRANSP:TRANSPARENT\r\n"  # ORGANIZER < TRANSP < URL
    head = [
        _column(rows["summary"], lambda v: _text_line("SUMMARY", v)),
        _column(rows["start"], _date_line("DTSTART")),
        _column(rows["end"], _date_line("DTEND")),
        _column(rows["dtstamp"], _plain_line("DTSTAMP")),
    ]
    uid = _uid_parts(rows)
    if uid is not None:  # "UID:" + the rule's part ends the head; the unit's part starts the next
        head.append((uid[0][0], [b"UID:" + r.encode() for r in uid[0][1]]))
    yield _segment(head, prefix=_BEGIN)
    del head
    after_uid = [
        _column(rows["sequence"], _plain_line("SEQUENCE")),
        _column(rows["categories"], _categories_line),
        _column(rows["contact"], lambda v: _text_line("CONTACT", v)),
    ]
    if uid is not None:
        yield _segment([uid[1], *after_uid])
    else:  # a UID to escape or fold: its line made per row
        yield [a + b for a, b in zip(_per_row("UID", rows["uid"]), _segment(after_uid).tolist(), strict=True)]
    del uid, after_uid
    yield _segment(
        [
            _column(rows["description"], lambda v: _text_line("DESCRIPTION", v)),
            _column(rows["modified"], _plain_line("LAST-MODIFIED")),
        ]
    )
    yield _segment(
        [
            _column(rows["location"], lambda v: _text_line("LOCATION", v)),
            _column(rows["url"], lambda v: before_transp + _uri_line("URL", v)),
            _column(rows["alarm"], lambda a: _MS + (alarm_bytes if a else b"")),
        ],
        suffix=_END,
    )


def _uid_parts(rows: pd.DataFrame) -> tuple | None:
    """The UID's two pieces as columns (codes, texts): the rule's part and the unit's part's
    line end (:func:`cycle.plan.uid.line_parts`); None when the rows have no such columns, or a
    UID line would need escaping or folding."""
    if "uid_rule" not in rows or "uid_unit" not in rows:
        return None
    (rule, rules), (unit, units) = codes(rows["uid_rule"]), codes(rows["uid_unit"])
    if len(rows) and (rule.min() < 0 or unit.min() < 0):
        return None
    rule_len = np.array([len(r.encode()) for r in rules] or [0])
    unit_len = np.array([len(u.encode()) for u in units] or [0])
    if len("UID:") + rule_len.max() + unit_len.max() > UNFOLDED_OCTETS:  # then row by row
        longest = int((rule_len[rule] + unit_len[unit]).max()) if len(rows) else 0
        if len("UID:") + longest > UNFOLDED_OCTETS:
            return None
    if any(map(_escapes, [*rules, *units])):
        return None
    return (rule, rules), (unit, [(u + "\r\n").encode() for u in units])


#: The pieces of one VEVENT in :func:`event_pieces`: the lines up to the UID's rule part, the
#: rest of the UID up to CONTACT, DESCRIPTION and LAST-MODIFIED, LOCATION to the end.
PIECES = 4


def event_pieces(rows: pd.DataFrame, header: Header) -> np.ndarray:
    """Every row's VEVENT as :data:`PIECES` pieces: an array of bytes objects, a row per event.
    Each piece is shared by every row with the same values (a unit's by its rows, a rule's by
    its units'), so a national export holds a fraction of its bytes."""
    pieces = np.empty((len(rows), PIECES), dtype=object)
    if len(rows):
        with _bulk():
            for i, seg in enumerate(_event_segments(rows, header)):
                pieces[:, i] = seg
    return pieces


@lru_cache(maxsize=16)
def _header_around_name(header: Header) -> tuple[bytes, bytes, tuple[type, ...]]:
    """The calendar's header lines before and after its name, rendered once by icalendar (only
    the name differs between the feeds of one export), and the value types icalendar gives NAME
    and X-WR-CALNAME there, so that each name is escaped as the reference escapes it."""
    cal = header_calendar(replace(header, name="N"))
    head = cal.to_ical()[: -len(_END_CALENDAR)]
    if not header.feed:
        return head, b"", ()
    start = head.index(b"\r\nNAME:N\r\n") + 2
    end = head.index(b"X-WR-CALNAME:N\r\n") + len(b"X-WR-CALNAME:N\r\n")
    return head[:start], head[end:], (type(cal["NAME"]), type(cal["X-WR-CALNAME"]))


@lru_cache(maxsize=65536)
def _value_line(name: str, kind: type, value: str) -> bytes:
    """One property's line for a value of type ``kind``, escaped and folded by icalendar; a line
    that needs no folding is joined directly (what icalendar's content line gives too)."""
    if kind is vText:
        return _text_line(name, value)
    typed = kind(value)
    encoded = typed.to_ical()
    line = name.encode() + b":" + (encoded if isinstance(encoded, bytes) else encoded.encode())
    if len(line) <= UNFOLDED_OCTETS:
        return line + CRLF
    return _line(name, typed)


def feed_heads(header: Header, names: Iterable[str]) -> Iterator[bytes]:
    """The head of each feed of one export: ``header`` named in turn by each of ``names``. The
    rest of the header is rendered once; each name's two lines once per distinct name."""
    before, after, kinds = _header_around_name(replace(header, name=""))
    if not header.feed:
        for _ in names:
            yield before
        return
    name_kind, calname_kind = kinds
    for name in names:
        yield before + _value_line("NAME", name_kind, name) + _value_line("X-WR-CALNAME", calname_kind, name) + after


def _calendar_head(header: Header) -> bytes:
    return next(feed_heads(header, [header.name]))


#: The last line of every calendar.
END_CALENDAR = _END_CALENDAR


def calendar_chunks(header: Header, pieces: np.ndarray) -> Iterator[bytes]:
    """The calendar around the events of :func:`event_pieces`, in chunks of about a thousand
    events: a large calendar is written without a second copy of it in memory."""
    yield _calendar_head(header)
    for i in range(0, len(pieces), CHUNK_EVENTS):
        yield b"".join(pieces[i : i + CHUNK_EVENTS].ravel().tolist())
    yield _END_CALENDAR


def render(rows: pd.DataFrame, header: Header) -> bytes:
    """The bulk renderer: the same bytes as ``to_calendar(rows, header).to_ical()``."""
    return b"".join(render_chunks(rows, header))


def render_chunks(rows: pd.DataFrame, header: Header) -> Iterator[bytes]:
    """The calendar as chunks of about a thousand events, for writing without holding it whole."""
    return calendar_chunks(header, event_pieces(rows, header))
