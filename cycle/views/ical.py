"""iCalendar for Outlook: deadline files to import and feeds to subscribe to.

One selection of the events table becomes one table of property values (:func:`feed_rows`);
two renderers turn it into bytes:

* :func:`to_calendar`: an ``icalendar.Calendar`` of ``icalendar.Event`` objects, the reference;
* :func:`render`: the bulk path. Each property's distinct values are escaped (and, when a line
  reaches 75 octets, folded) once by icalendar; the lines are then assembled by one join.
  ``tests/test_ical.py`` proves both give the same bytes.

Outlook rules (DOMAIN.md): all-day events with ``DTSTART;VALUE=DATE`` and an exclusive ``DTEND``;
``TRANSP:TRANSPARENT``; ``METHOD:PUBLISH``; stable UIDs, with ``SEQUENCE`` and ``LAST-MODIFIED``
moving only when an event's content changes; feeds carry ``NAME``/``X-WR-CALNAME`` and refresh
hints and no alarms (Outlook drops them), so ``warn`` adds explicit warning events instead.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from icalendar import Alarm, Calendar, Event, Parameters, vCategory, vText
from icalendar.parser import Contentline

from ..errors import CycleError, check_known
from ..i18n import col, level_word, t
from ..io import write_atomic
from ..model import KINDS
from ..plan import Plan

PRODID = "-//cycle//Kommunal styring//DA"
DEFAULT_KINDS = ("deadline", "milestone")
REFRESH = "PT12H"
INDEX = "feeds.json"
_DURATION = re.compile(r"^\s*(\d+)\s*(d|w)\s*$")
_ESCAPES = re.compile(r"[\\;,\n\r]")  # what RFC 5545 TEXT escapes
_ESCAPED_CHARS = "\\;,\n\r"


@dataclass(frozen=True)
class Options:
    """What goes into a calendar file and how."""

    kinds: tuple[str, ...] = DEFAULT_KINDS
    units: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    feed: bool = False
    warn_days: int | None = None
    lang: str = "da"


def parse_warn(text: str | None) -> int | None:
    """'14d' or '2w' → days."""
    if not text:
        return None
    m = _DURATION.match(text)
    if not m or int(m[1]) == 0:
        raise CycleError(
            f"ugyldig varsling '{text}' (fx 14d eller 2w)", f"invalid warning '{text}' (e.g. 14d or 2w)", key="warn"
        )
    return int(m[1]) * (7 if m[2] == "w" else 1)


# --------------------------------------------------------------------------- selection


def select(plan: Plan, opts: Options) -> pd.DataFrame:
    """The events an export holds. Filtering by unit keeps those units' events and the
    municipality-wide events that concern units (:meth:`Model.concerns_units`)."""
    ev = plan.events
    check_known(opts.kinds, KINDS, key="kinds", what_da="slags", what_en="kind")
    check_known(opts.documents, set(ev["document"]), key="document", what_da="dokument", what_en="document")
    check_known(opts.levels, plan.model.levels, key="level", what_da="niveau", what_en="level")
    units = set(plan.units["id"]) if plan.units is not None else ()
    check_known(opts.units, units, key="unit", what_da="enhed", what_en="unit")
    ev = ev[ev["kind"].isin(opts.kinds)]
    if opts.documents:
        ev = ev[ev["document"].isin(opts.documents)]
    if opts.levels:
        ev = ev[ev["level"].isin(opts.levels)]
    if opts.units:
        ev = ev[ev["unit"].isin(opts.units) | ((ev["unit"] == "") & ev["document"].isin(concerning(plan)))]
    return ev


def concerning(plan: Plan) -> set[str]:
    """Documents whose municipality-wide events go into every unit's feed."""
    return {d.id for d in plan.model.documents.values() if plan.model.concerns_units(d)}


# --------------------------------------------------------------------------- property table


#: Text columns with few distinct values: categoricals, so rendering factorises them for free.
_CATEGORICAL = ("summary", "description", "categories", "url", "location", "contact")


def feed_rows(events: pd.DataFrame, lang: str = "da", warn_days: int | None = None) -> pd.DataFrame:
    """One row per VEVENT: the property values, before escaping. Warning events ("Frist om 14
    dage: …") are added for deadlines when ``warn_days`` is set."""
    level = events["level"].map(lambda lv: level_word(lv, lang))
    rows = pd.DataFrame(
        {
            "uid": events["uid"],
            "start": events["start"],
            "end": events["end"] + pd.Timedelta(days=1),  # DTEND is exclusive for all-day events
            "summary": events[col("summary", lang)],
            "description": _description(events, lang),
            "categories": level + "\x1f" + events[col("title", lang)],
            "url": events["url"],
            "location": events["unit_name"],  # Outlook shows it beside the subject
            "contact": events["owner"].where(events["unit"] != "", ""),
            "alarm": events["kind"] == "deadline",
            "unit": events["unit"],
            "document": events["document"],
        }
    )
    if warn_days:
        deadlines = rows[rows["alarm"]]
        label = deadlines["summary"].str.replace(r"^[^:]+: ", "", regex=True)
        warn = deadlines.assign(
            uid=deadlines["uid"].str.replace("@cycle", f".w{warn_days}@cycle", regex=False),
            start=deadlines["start"] - pd.Timedelta(days=warn_days),
            end=deadlines["start"] - pd.Timedelta(days=warn_days - 1),
            summary=t("warn_summary", lang, days=warn_days) + label,
            alarm=False,
        )
        rows = pd.concat([rows, warn]).sort_values(["start", "uid"], kind="stable")
    return finish_rows(rows.reset_index(drop=True))


def finish_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Few-valued text as categoricals: rendering then factorises them for free."""
    for c in _CATEGORICAL:
        rows[c] = rows[c].astype("category")
    return rows


def _description(events: pd.DataFrame, lang: str) -> pd.Series:
    """Purpose, parties, note and source: the same for every unit, so few distinct strings."""
    cols = [col("purpose", lang), "parties", "note", "source"]
    codes, uniques = zip(*(pd.factorize(events[c], sort=False) for c in cols), strict=True)
    key = np.ravel_multi_index(codes, [max(len(u), 1) for u in uniques])
    combos, inverse = np.unique(key, return_inverse=True)
    names = (None, t("parties", lang) + ": ", None, t("source", lang) + ": ")
    texts = []
    for idx in zip(*np.unravel_index(combos, [max(len(u), 1) for u in uniques]), strict=True):
        parts = [u[i] for u, i in zip(uniques, idx, strict=True)]
        texts.append("\n".join((n or "") + v for n, v in zip(names, parts, strict=True) if v))
    return pd.Series(np.array(texts, dtype=object)[inverse.ravel()], index=events.index, dtype=object)


# --------------------------------------------------------------------------- SEQUENCE, LAST-MODIFIED


def now_utc() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


#: What a subscriber sees of an event: when any of it changes, SEQUENCE and LAST-MODIFIED move.
SEEN = ("summary", "start", "end", "description", "categories", "location", "contact", "url", "alarm")


def previous_state(path: Path) -> pd.DataFrame | None:
    """The events of an earlier export at ``path``, as subscribers saw them, by UID."""
    if not path.is_file():
        return None
    records = []
    for ev in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
        modified = ev.get("LAST-MODIFIED")
        categories = ev.get("CATEGORIES")
        records.append(
            {
                "uid": str(ev["UID"]),
                "sequence": int(ev.get("SEQUENCE", 0)),
                "modified": modified.to_ical().decode() if modified is not None else "",
                "summary": str(ev.get("SUMMARY", "")),
                "start": ev.decoded("DTSTART").isoformat(),
                "end": ev.decoded("DTEND").isoformat() if "DTEND" in ev else "",
                "description": str(ev.get("DESCRIPTION", "")),
                "categories": "\x1f".join(map(str, categories.cats)) if categories is not None else "",
                "location": str(ev.get("LOCATION", "")),
                "contact": str(ev.get("CONTACT", "")),
                "url": str(ev.get("URL", "")),
                "alarm": bool(ev.walk("VALARM")),
            }
        )
    return pd.DataFrame.from_records(records, columns=["uid", "sequence", "modified", *SEEN]).set_index("uid")


def _seen(rows: pd.DataFrame, alarms: bool) -> pd.DataFrame:
    seen = pd.DataFrame({c: rows[c].astype(str) for c in SEEN if c not in ("start", "end", "alarm")})
    seen["start"] = rows["start"].dt.strftime("%Y-%m-%d")
    seen["end"] = rows["end"].dt.strftime("%Y-%m-%d")
    seen["alarm"] = rows["alarm"] & alarms
    return seen


def stamp(rows: pd.DataFrame, previous: pd.DataFrame | None, now: datetime, *, alarms: bool = False) -> pd.DataFrame:
    """Unchanged events keep their SEQUENCE and LAST-MODIFIED; changed ones move on. ``alarms``:
    whether this export gives deadlines a VALARM (a change a subscriber sees too)."""
    now_text = now.strftime("%Y%m%dT%H%M%SZ")
    seq, modified = np.zeros(len(rows), dtype=int), np.full(len(rows), now_text, dtype=object)
    if previous is not None and len(previous):
        prev = previous.reindex(rows["uid"])
        known = prev["sequence"].notna().to_numpy()
        seen = _seen(rows, alarms)
        same = known & (prev["modified"] != "").to_numpy()
        for c in SEEN:
            same &= seen[c].to_numpy() == prev[c].to_numpy()
        pseq = prev["sequence"].fillna(-1).to_numpy().astype(int)
        seq = np.where(same, pseq, np.where(known, pseq + 1, 0))
        modified = np.where(same, prev["modified"].to_numpy(), now_text)
    out = rows.assign(sequence=pd.Series(seq, index=rows.index).astype(int), modified=pd.Categorical(modified))
    # DTSTAMP: the build time when pinned, else the event's own LAST-MODIFIED, so re-exporting
    # unchanged input gives the same bytes.
    out["dtstamp"] = (
        pd.Categorical(np.full(len(out), now_text)) if "SOURCE_DATE_EPOCH" in os.environ else out["modified"]
    )
    return out


# --------------------------------------------------------------------------- calendar header


@dataclass(frozen=True)
class Header:
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
        cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", REFRESH)
    return cal


def _alarm(h: Header) -> Alarm | None:
    if h.feed or not h.warn_days:
        return None  # Outlook drops alarms on subscribed calendars: warning events do the job
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", t("warn_summary", h.lang, days=h.warn_days).rstrip(": "))
    alarm.add("trigger", timedelta(days=-h.warn_days))
    return alarm


# --------------------------------------------------------------------------- the reference path


def _utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def to_event(r, alarm: Alarm | None) -> Event:
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
    if alarm is not None and r.alarm:
        ev.add_component(alarm)
    return ev


def to_calendar(rows: pd.DataFrame, header: Header) -> Calendar:
    """The reference renderer: one ``icalendar.Event`` per row."""
    cal = header_calendar(header)
    alarm = _alarm(header)
    for r in rows.itertuples(index=False):
        cal.add_component(to_event(r, alarm))
    return cal


# --------------------------------------------------------------------------- the bulk path
#
# An event's text is cut into a few segments, each a run of content lines in icalendar's
# canonical order. A segment depends on a few columns; every distinct combination of them is
# rendered once (escaping and folding by icalendar), and rows pick theirs by index. Only the UID
# differs on every row. Bytes throughout: encoding a large text at the end would cost as much
# as writing it.

_BEGIN, _END = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"
_MS = b"X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n"


def _line(name: str, value) -> bytes:
    """One content line, escaped and folded by icalendar."""
    return Contentline.from_parts(name, Parameters(), value).to_ical() + b"\r\n"


@lru_cache(maxsize=65536)
def _text_line(name: str, text: str) -> bytes:
    """A TEXT property's line. Cached: a national export meets the same descriptions in every
    municipality and feed, and escapes and folds each once."""
    if not text and name in ("CONTACT", "LOCATION", "URL"):
        return b""  # optional properties are left out when empty
    line = f"{name}:{text}".encode()
    if len(line) < 75 and not _ESCAPES.search(text):
        return line + b"\r\n"  # what icalendar gives too: nothing to escape, nothing to fold
    return _line(name, vText(text))


@lru_cache(maxsize=4096)
def _categories_line(value: str) -> bytes:
    return _line("CATEGORIES", vCategory(value.split("\x1f")))


def _column(values: pd.Series, render) -> tuple[np.ndarray, list[bytes]]:
    """Codes per row, and each distinct value rendered once (a categorical brings its codes)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), [render(u) for u in values.cat.categories]
    codes, uniques = pd.factorize(values, sort=False)
    return codes, [render(u) for u in uniques]


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
    joined = "".join(texts)  # one scan for what TEXT escapes (a regex is 100× slower here)
    if lines and (max(map(len, lines)) > 76 or any(c in joined for c in _ESCAPED_CHARS)):  # 74 octets + CRLF
        lines = [
            line if len(line) <= 76 and not _ESCAPES.search(v) else _line(name, vText(v))
            for line, v in zip(lines, texts, strict=True)
        ]
    return lines


def _date_line(name: str):
    return lambda day: f"{name};VALUE=DATE:{pd.Timestamp(day):%Y%m%d}\r\n".encode()


def _event_segments(rows: pd.DataFrame, header: Header) -> list:
    """The VEVENTs as three arrays of byte segments (the lines before the UID, the UID, the
    lines after it), in icalendar's canonical property order."""
    alarm = _alarm(header)
    alarm_bytes = alarm.to_ical() if alarm is not None else b""
    plain = lambda name: lambda v: f"{name}:{v}\r\n".encode()  # noqa: E731  (no escaping needed)
    head = _segment(
        [
            _column(rows["summary"], lambda v: _text_line("SUMMARY", v)),
            _column(rows["start"], _date_line("DTSTART")),
            _column(rows["end"], _date_line("DTEND")),
            _column(rows["dtstamp"], plain("DTSTAMP")),
        ],
        prefix=_BEGIN,
    )
    rest = _segment(
        [
            _column(rows["sequence"], plain("SEQUENCE")),
            _column(rows["categories"], _categories_line),
            _column(rows["contact"], lambda v: _text_line("CONTACT", v)),
            _column(rows["description"], lambda v: _text_line("DESCRIPTION", v)),
            _column(rows["modified"], plain("LAST-MODIFIED")),
            _column(rows["location"], lambda v: _text_line("LOCATION", v)),
            _column(rows["url"], lambda v: b"TRANSP:TRANSPARENT\r\n" + _text_line("URL", v)),
            _column(rows["alarm"], lambda a: _MS + (alarm_bytes if a else b"")),
        ],
        suffix=_END,
    )
    return [head, _per_row("UID", rows["uid"]), rest]


def _event_blocks(rows: pd.DataFrame, header: Header) -> pd.Series:
    """Each row's VEVENT bytes (for feeds that share events)."""
    if rows.empty:
        return pd.Series([], dtype=object)
    with _bulk():
        blocks = [b"".join(parts) for parts in zip(*_event_segments(rows, header), strict=True)]
    return pd.Series(blocks, index=rows.index, dtype=object)


@lru_cache(maxsize=16)
def _header_around_name(header: Header) -> tuple[bytes, bytes]:
    """The calendar's header lines before and after its name, rendered once by icalendar: only
    the name differs between the feeds of one export."""
    head = header_calendar(replace(header, name="N")).to_ical()[: -len(b"END:VCALENDAR\r\n")]
    if not header.feed:
        return head, b""
    start = head.index(b"\r\nNAME:N\r\n") + 2
    end = head.index(b"X-WR-CALNAME:N\r\n") + len(b"X-WR-CALNAME:N\r\n")
    return head[:start], head[end:]


def _name_lines(name: str) -> bytes:
    """NAME and X-WR-CALNAME as icalendar writes them (it does not escape their commas)."""
    cal = Calendar()
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    return cal.to_ical()[len(b"BEGIN:VCALENDAR\r\n") : -len(b"END:VCALENDAR\r\n")]


def _calendar_bytes(header: Header, *bodies: bytes | list[bytes]) -> bytes:
    """The calendar around the events, in one join: concatenating a large body to the header
    would copy it again."""
    before, after = _header_around_name(replace(header, name=""))
    pieces = [before, _name_lines(header.name) if header.feed else b"", after]
    for body in bodies:
        if isinstance(body, bytes):
            pieces.append(body)
        else:
            pieces += body
    pieces.append(b"END:VCALENDAR\r\n")
    return b"".join(pieces)


def render(rows: pd.DataFrame, header: Header) -> bytes:
    """The bulk renderer: the same bytes as ``to_calendar(rows, header).to_ical()``."""
    return b"".join(render_chunks(rows, header))


CHUNK_EVENTS = 1000  # about a megabyte: one large buffer would cost more than the joins


def render_chunks(rows: pd.DataFrame, header: Header) -> Iterator[bytes]:
    """The calendar as chunks of about a thousand events, for writing without holding it whole."""
    before, after = _header_around_name(replace(header, name=""))
    yield before + (_name_lines(header.name) if header.feed else b"") + after
    if not rows.empty:
        with _bulk():
            segments = _event_segments(rows, header)
            k = len(segments)
            pieces: list = [None] * (len(rows) * k)
            for i, seg in enumerate(segments):  # event by event: head, UID, the rest
                pieces[i::k] = seg if isinstance(seg, list) else seg.tolist()
        for i in range(0, len(pieces), CHUNK_EVENTS * k):
            yield b"".join(pieces[i : i + CHUNK_EVENTS * k])
    yield b"END:VCALENDAR\r\n"


# --------------------------------------------------------------------------- writing


def _is_ours(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(4096)
    return head.startswith(b"BEGIN:VCALENDAR") and PRODID.encode() in head


def _guard(path: Path, force: bool) -> None:
    if path.exists() and not force and (path.is_dir() or not _is_ours(path)):
        raise CycleError(
            "findes og er ikke en iCalendar-fil skrevet af cycle (brug --force for at overskrive)",
            "exists and is not an iCalendar file written by cycle (use --force to overwrite)",
            file=path,
            key="output",
        )


def calendar_name(plan: Plan, lang: str, unit_name: str = "") -> tuple[str, str]:
    model = plan.model.name_en if lang == "en" else plan.model.name
    name = f"{model}: {t('calname', lang)} {plan.term.label}" + (f" – {unit_name}" if unit_name else "")
    return name, t("caldesc", lang, model=model, period=plan.term.label)


def export(plan: Plan, path: str | Path, opts: Options, *, force: bool = False) -> Path:
    """Write one calendar file; SEQUENCE moves for the events that changed since the last export."""
    path = Path(path)
    _guard(path, force)
    selected = select(plan, opts)
    unit_name = ""
    if len(opts.units) == 1 and plan.units is not None:
        unit_name = plan.units.set_index("id").loc[opts.units[0], "name"]
    name, desc = calendar_name(plan, opts.lang, unit_name)
    header = Header(opts.feed, name, desc, opts.warn_days, opts.lang)
    rows = feed_rows(selected, opts.lang, opts.warn_days)
    previous = previous_state(path) if path.is_file() and _is_ours(path) else None
    rows = stamp(rows, previous, now_utc(), alarms=_alarm(header) is not None)
    return write_atomic(path, render_chunks(rows, header))


def safe_name(unit: str) -> str:
    """A file name for a unit id, whatever it holds: ASCII slug plus a digest of the id."""
    slug = re.sub(r"[^a-z0-9]+", "-", unit.lower().translate(str.maketrans("æøåé", "oaae"))).strip("-")[:40]
    digest = hashlib.blake2b(unit.encode("utf-8"), digest_size=4).hexdigest()
    return f"enhed-{slug or 'x'}-{digest}.ics"


def export_split(plan: Plan, directory: str | Path, opts: Options, *, force: bool = False) -> Path:
    """One feed per organisation unit (its own events plus the municipality-wide ones that
    concern it), an ``all.ics`` and an index ``feeds.json``; each file written atomically."""
    directory = Path(directory)
    index_path = directory / INDEX
    if directory.exists() and not directory.is_dir():
        raise CycleError("er ikke en mappe", "is not a directory", file=directory, key="output")
    if directory.is_dir() and any(directory.iterdir()) and not index_path.is_file() and not force:
        raise CycleError(
            "mappen findes og er ikke skrevet af cycle (brug --force)",
            "the directory exists and was not written by cycle (use --force)",
            file=directory,
            key="output",
        )
    if plan.units is None or plan.units.empty:
        raise CycleError("--split unit kræver en enhedsfil", "--split unit needs a units file", key="units")
    selected = select(plan, opts)
    units = plan.units[plan.units["id"].isin(opts.units)] if opts.units else plan.units
    rows = feed_rows(selected, opts.lang, opts.warn_days)
    # A subscriber's state is kept in all.ics: every event in any feed is in it.
    previous = previous_state(directory / "all.ics")
    header = Header(opts.feed, warn_days=opts.warn_days, lang=opts.lang)
    rows = stamp(rows, previous, now_utc(), alarms=_alarm(header) is not None)
    blocks = _event_blocks(rows, header).tolist()
    unit_of = rows["unit"]
    is_shared = (unit_of == "") & rows["document"].isin(concerning(plan))
    shared = np.flatnonzero(is_shared.to_numpy())
    own = {u: pos for u, pos in rows.groupby("unit", sort=False).indices.items() if u != ""}

    def calendar_bytes(body: list[bytes], unit_name: str = "") -> bytes:
        name, desc = calendar_name(plan, opts.lang, unit_name)
        return _calendar_bytes(Header(opts.feed, name, desc, opts.warn_days, opts.lang), body)

    directory.mkdir(parents=True, exist_ok=True)
    old = json.loads(index_path.read_text(encoding="utf-8")) if index_path.is_file() else {"feeds": []}
    write_atomic(directory / "all.ics", calendar_bytes(blocks))
    index = [{"unit": "", "name": t("all_units", opts.lang), "file": "all.ics", "events": len(rows)}]
    for uid_, name in zip(units["id"], units["name"], strict=True):
        file = safe_name(uid_)
        positions = np.union1d(shared, own.get(uid_, shared[:0]))  # in date order, as in all.ics
        write_atomic(directory / file, calendar_bytes([blocks[i] for i in positions], name), durable=False)
        index.append({"unit": uid_, "name": name, "file": file, "events": len(positions)})
    written = {e["file"] for e in index}
    for entry in old.get("feeds", []):  # feeds of units that are gone
        stale = directory / entry.get("file", "")
        if entry.get("file") and entry["file"] not in written and stale.is_file() and stale.parent == directory:
            stale.unlink()
    write_atomic(
        index_path,
        json.dumps({"model": plan.model.id, "period": plan.term.label, "feeds": index}, ensure_ascii=False, indent=2)
        + "\n",
    )
    return directory


def parse_kinds(text: str | Sequence[str] | None) -> tuple[str, ...]:
    if not text:
        return DEFAULT_KINDS
    items = text.split(",") if isinstance(text, str) else list(chain.from_iterable(s.split(",") for s in text))
    return tuple(k.strip() for k in items if k.strip())
