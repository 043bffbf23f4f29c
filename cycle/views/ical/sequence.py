"""SEQUENCE and LAST-MODIFIED: what subscribers saw in the previous export, and which events
changed since. An unchanged event keeps both, so Outlook leaves it alone; a changed one moves on.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from icalendar import Calendar

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
    return pd.DataFrame.from_records(records, columns=["uid", "sequence", "modified", *SEEN]).set_index("uid")


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


def _seen(rows: pd.DataFrame, alarms: bool) -> pd.DataFrame:
    seen = pd.DataFrame({c: rows[c].astype(str) for c in SEEN if c not in ("start", "end", "alarm")})
    seen["start"] = rows["start"].dt.strftime("%Y-%m-%d")
    seen["end"] = rows["end"].dt.strftime("%Y-%m-%d")
    seen["alarm"] = rows["alarm"] & alarms
    return seen


def stamp(rows: pd.DataFrame, previous: pd.DataFrame | None, now: datetime, *, alarms: bool = False) -> pd.DataFrame:
    """Unchanged events keep their SEQUENCE and LAST-MODIFIED; changed ones move on. ``alarms``:
    whether this export gives deadlines a VALARM (a change a subscriber sees too)."""
    now_text = now.strftime(UTC_FORMAT)
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
