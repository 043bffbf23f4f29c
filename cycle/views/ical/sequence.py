"""SEQUENCE and LAST-MODIFIED: what subscribers saw in the previous export, and which events
changed since. An unchanged event keeps both, so Outlook leaves it alone; a changed one moves on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from icalendar import Calendar

from ...columns import codes

#: What a subscriber sees of an event: when any of it changes, SEQUENCE and LAST-MODIFIED move.
SEEN = ("summary", "start", "end", "description", "categories", "location", "contact", "url", "alarm")
#: iCalendar's UTC date-time, as DTSTAMP and LAST-MODIFIED are written.
UTC_FORMAT = "%Y%m%dT%H%M%SZ"


def now_utc() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def previous_state(path: Path) -> pd.DataFrame | None:
    """The events of an earlier export at ``path``, as subscribers saw them, by UID."""
    if not path.is_file():
        return None
    records = [_seen_in_file(ev) for ev in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    state = pd.DataFrame.from_records(records, columns=["uid", "sequence", "modified", *SEEN]).set_index("uid")
    return state[~state.index.duplicated()]  # a UID twice (a hand-edited file): the first counts


def _seen_in_file(ev) -> dict[str, object]:
    """One parsed VEVENT as the columns of :data:`SEEN` (the way :func:`_seen` writes them)."""
    modified = ev.get("LAST-MODIFIED")
    categories = ev.get("CATEGORIES")
    return {
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


def _coded(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes per row and the distinct values as subscribers see them: text as text, days as
    ``YYYY-MM-DD``, flags as ``1``/``0``. A missing value (code -1) reads ``nan``, as ``str`` has it."""
    found, uniques = codes(values)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        texts = [f"{u:%Y-%m-%d}" for u in uniques]
    elif pd.api.types.is_bool_dtype(values.dtype):
        texts = ["1" if u else "0" for u in uniques]
    else:
        texts = [str(u) for u in uniques]
    return np.asarray(found), [*texts, "nan"]


def content_digests(seen: Mapping[str, pd.Series] | pd.DataFrame) -> np.ndarray:
    """Per event a 64-bit digest of what a subscriber sees (the columns of :data:`SEEN`): two
    events get the same digest only if they show the same. Each column's distinct values are
    hashed once (BLAKE2b, keyed by the column's name) and a row adds its columns' hashes
    (modulo 2⁶⁴): a national export has few distinct texts and a hundred thousand rows."""
    total = np.zeros(len(seen[SEEN[0]]), dtype=np.uint64)
    for c in SEEN:
        codes, texts = _coded(seen[c])
        hashes = np.fromiter(
            (
                int.from_bytes(
                    hashlib.blake2b(v.encode("utf-8", "surrogatepass"), digest_size=8, person=c.encode()).digest(),
                    "little",
                )
                for v in texts
            ),
            dtype=np.uint64,
            count=len(texts),
        )
        total += hashes[codes]  # code -1 picks the last: "nan"
    return total


def _seen(rows: pd.DataFrame, alarms: bool) -> dict[str, pd.Series]:
    """What a subscriber sees of each row of the property table."""
    return {c: rows["alarm"].astype(bool) & alarms if c == "alarm" else rows[c] for c in SEEN}


def _positions(before: pd.Index, uids: pd.Series) -> np.ndarray:
    """Where each UID was in the earlier export (-1: new). An export of a plan whose events
    are the same lists the same UIDs in the same order: then no lookup is needed."""
    listed = uids.tolist()
    if len(before) == len(listed) and before.tolist() == listed:
        return np.arange(len(listed))
    return before.get_indexer(listed)


def stamp(rows: pd.DataFrame, previous: pd.DataFrame | None, now: datetime, *, alarms: bool = False) -> pd.DataFrame:
    """Unchanged events keep their SEQUENCE and LAST-MODIFIED; changed ones move on. ``alarms``:
    whether this export gives deadlines a VALARM (a change a subscriber sees too). ``previous``
    holds, by UID, ``sequence``, ``modified`` and either ``content`` (the digests of a sidecar)
    or the :data:`SEEN` columns (a parsed calendar). The rows come back with their ``content``."""
    now_text = now.strftime(UTC_FORMAT)
    content = content_digests(_seen(rows, alarms))
    seq = np.zeros(len(rows), dtype=np.int64)
    modified = _one_value(len(rows), now_text)
    if previous is not None and len(previous):
        before = previous["content"].to_numpy(np.uint64) if "content" in previous else content_digests(previous)
        at = _positions(previous.index, rows["uid"])  # -1: new
        known = at >= 0
        pick = np.where(known, at, 0)
        pseq = np.where(known, previous["sequence"].to_numpy()[pick].astype(np.int64), -1)
        pcodes, pvalues = codes(previous["modified"])
        pcodes = pcodes[pick]
        same = known & (pcodes >= 0) & (before[pick] == content)
        same &= pcodes != (pvalues.index("") if "" in pvalues else -1)  # an earlier event without one moves on
        seq = np.where(same, pseq, pseq + 1)  # a new event: -1 + 1
        modified = _kept_or_now(same, pcodes, pvalues, now_text)
    out = rows.assign(sequence=seq, modified=modified, content=content)
    # DTSTAMP: the build time when pinned, else the event's own LAST-MODIFIED, so re-exporting
    # unchanged input gives the same bytes.
    out["dtstamp"] = _one_value(len(out), now_text) if "SOURCE_DATE_EPOCH" in os.environ else out["modified"]
    return out


def _one_value(n: int, text: str) -> pd.Categorical:
    """``text`` on every row, as codes (not ``n`` copies of the string: 18 MiB at 10,000 units)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [text])


def _kept_or_now(same: np.ndarray, kept: np.ndarray, values: list[str], now_text: str) -> pd.Categorical:
    """LAST-MODIFIED per row: the earlier one (code ``kept`` into ``values``) where ``same``,
    else now; its categories sorted and only those used, as ``pd.Categorical`` of the texts."""
    texts = sorted({*values, now_text})
    position = {v: i for i, v in enumerate(texts)}
    where = np.asarray([position[v] for v in values] or [0], dtype=np.int64)
    picked = np.where(same, where[np.maximum(kept, 0)], position[now_text])
    return pd.Categorical.from_codes(picked, texts).remove_unused_categories()
