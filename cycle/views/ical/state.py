"""The export's state in a sidecar file beside the calendar, so that the next export reads what
subscribers saw without parsing the calendar (at 10,000 units that parse is most of an update).

``.NAME.cycle-state`` beside ``NAME`` (``.all.ics.cycle-state`` in a folder of feeds) holds, per
event, its UID, the digest of what a subscriber sees (:func:`.sequence.content_digests`), its
SEQUENCE and its LAST-MODIFIED. Its first line says what it is and which calendar bytes it
describes (their length and SHA-256); the second holds the events' numbers column by column,
each as little-endian binary in base64 (a JSON list of 280,000 numbers costs ten times as
much to write and read); then the UIDs follow, one per line (they are ASCII, without breaks)::

    {"format": "cycle-ical-state", "version": 2, "calendar": {"bytes": 6388762, "sha256": "…"}}
    {"count": 2, "sequence": "<int64>", "modified": "<int32 codes>", "modified_values": […], "content": "<uint64>"}
    lemvig-2026-budget-…@cycle
    lemvig-2026-budget-…@cycle

The sidecar is trusted only when it describes the calendar's bytes exactly; missing, damaged,
of another version or of other bytes (a calendar restored from a backup, an export killed
between the two files), it is ignored, the calendar is parsed as before, and the next export
writes a new one. The stamps are the same either way: ``tests/views/test_state.py`` proves it.
A file of that name that cycle did not write is neither read nor replaced.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

FORMAT = "cycle-ical-state"
VERSION = 2
_MARK = b'{"format": "' + FORMAT.encode() + b'"'
_CHUNK = 1 << 20


def sidecar(calendar: Path) -> Path:
    """Where the state of ``calendar`` is kept."""
    return calendar.with_name(f".{calendar.name}.cycle-state")


class Digest:
    """The SHA-256 and length of a calendar's bytes, taken as they are written: wrap the chunks
    (or the one bytes object) handed to the writer."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.size = 0

    def of(self, data: bytes | Iterable[bytes]) -> Iterator[bytes]:
        for chunk in (data,) if isinstance(data, bytes) else data:
            self._hash.update(chunk)
            self.size += len(chunk)
            yield chunk

    @property
    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _describes(head: dict, calendar: Path) -> bool:
    """Whether the sidecar's first line names exactly the bytes now in ``calendar``."""
    want = head.get("calendar")
    if head.get("version") != VERSION or not isinstance(want, dict):
        return False
    try:
        with calendar.open("rb") as f:
            if os.fstat(f.fileno()).st_size != want.get("bytes"):
                return False  # a different length: no need to read it
            return hashlib.file_digest(f, "sha256").hexdigest() == want.get("sha256")
    except OSError:
        return False


def load(calendar: Path) -> pd.DataFrame | None:
    """The state kept beside ``calendar`` (``sequence``, ``modified``, ``content`` by UID), or
    None if there is none that describes its bytes."""
    try:
        with sidecar(calendar).open("rb") as f:
            first = f.readline()
            if not first.startswith(_MARK) or not _describes(json.loads(first), calendar):
                return None
            body = json.loads(f.readline())
            uids = f.read().decode("ascii")
        n = body["count"]
        uid = uids[:-1].split("\n") if n else []
        codes = _array(body["modified"], "<i4")
        state = pd.DataFrame(
            {
                "sequence": _array(body["sequence"], "<i8").astype(np.int64),
                "modified": np.asarray(body["modified_values"], dtype=object)[codes.astype(np.intp)],
                "content": _array(body["content"], "<u8").astype(np.uint64),
            },
            index=pd.Index(uid, name="uid", dtype=object),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None  # damaged or foreign: the calendar is parsed instead
    return state if state.index.is_unique and len(state) == n == len(uid) else None


def _array(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text, validate=True), dtype=dtype)


def _text(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode("ascii")


def _ours_or_absent(path: Path) -> bool:
    """Whether the sidecar may be written: nothing there yet, or a regular file cycle wrote."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False  # a link, a folder, a device: not cycle's
    try:
        with path.open("rb") as f:
            return f.read(len(_MARK)) == _MARK
    except OSError:
        return False


def dumps(rows: pd.DataFrame, digest: Digest) -> list[bytes] | None:
    """The sidecar of a calendar written from the stamped ``rows`` with ``digest``, in two chunks
    (its lines of numbers, its UIDs: not joined, for they are large); None if a UID is not ASCII
    on one line (never in cycle's own exports)."""
    head = {"format": FORMAT, "version": VERSION, "calendar": {"bytes": digest.size, "sha256": digest.hexdigest}}
    modified = pd.Categorical(rows["modified"].astype(str))
    uids = "\n".join(rows["uid"].astype(str).tolist()) + "\n"
    if uids.count("\n") != len(rows) or "\r" in uids or not uids.isascii():
        return None
    body = {
        "count": len(rows),
        "sequence": _text(rows["sequence"].to_numpy(), "<i8"),
        "modified": _text(modified.codes, "<i4"),
        "modified_values": list(modified.categories),
        "content": _text(rows["content"].to_numpy(dtype=np.uint64), "<u8"),
    }
    lines = json.dumps(head, ensure_ascii=False) + "\n" + json.dumps(body, ensure_ascii=False) + "\n"
    return [lines.encode(), uids.encode("ascii")]


def save(calendar: Path, rows: pd.DataFrame, digest: Digest, write: Callable[[Path, bytes], object]) -> None:
    """Keep the state of the calendar just written at ``calendar`` beside it, with ``write``
    (atomic beside a file, plain inside a folder being built). One UID twice (never in cycle's
    own exports) makes no sidecar: the next export parses."""
    path = sidecar(calendar)
    if rows["uid"].is_unique and _ours_or_absent(path):
        data = dumps(rows, digest)
        if data is not None:
            write(path, data)
