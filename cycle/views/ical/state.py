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

Which bytes, without reading them: cycle sets the nanoseconds of the calendar's mtime to a
number taken from its SHA-256 (:func:`mark`; the second stays the time it was written). A
calendar whose length and mark agree with the sidecar is taken to hold the bytes it describes:
any write since set the mtime anew, and a copy or a restore that kept the mtime kept the bytes
it marks. (Only a program that wrote other bytes of the same length and then set the mtime of
a marked calendar to the nanosecond would pass.) Any other calendar is hashed whole and
compared. At 1,000 units that hash was most of what an update did beyond a fresh export; on a
file system that keeps no nanoseconds, it is still done.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

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


#: Reads of 16 MiB when hashing a calendar: each hands the GIL back once, and in a thread beside
#: a busy main thread every handover can wait a switch interval (``hashlib.file_digest``'s 256
#: KiB reads took a thousand of them at 10,000 units, most of the check's time).
_HASH_CHUNK = 16 << 20


def _sha256(calendar: Path) -> str | None:
    try:
        with calendar.open("rb", buffering=0) as f:
            # No larger than the file: a new 16 MiB buffer took 2-18 ms to make here.
            size = max(1, min(_HASH_CHUNK, os.fstat(f.fileno()).st_size))
            digest, buffer = hashlib.sha256(), bytearray(size)
            view = memoryview(buffer)
            while n := f.readinto(buffer):
                digest.update(view[:n])
            return digest.hexdigest()
    except OSError:
        return None


def digest_later(calendar: Path) -> Callable[[], str | None]:
    """The SHA-256 of ``calendar``, taken in a thread started now; call the result for it (None
    if unreadable). File reads and hashlib release the GIL, so an update checks its earlier
    export (250 MiB at 10,000 units: a quarter of a second) while it builds its rows."""
    found: list[str | None] = []
    thread = threading.Thread(target=lambda: found.append(_sha256(calendar)), daemon=True)
    thread.start()

    def result() -> str | None:
        thread.join()
        return found[0] if found else None

    return result


def _mark(sha256: object) -> int | None:
    """The nanoseconds of the mtime of a calendar whose SHA-256 is ``sha256`` (hex)."""
    return int(sha256[:15], 16) % 1_000_000_000 if isinstance(sha256, str) and len(sha256) == 64 else None


def mark(calendar: Path, digest: Digest) -> None:
    """Set the nanoseconds of ``calendar``'s mtime to its digest's mark (see the module's text),
    if it holds the bytes ``digest`` took; else, or where it cannot be set, leave it."""
    try:
        st = os.stat(calendar)
        if st.st_size == digest.size:
            second = st.st_mtime_ns - st.st_mtime_ns % 1_000_000_000
            os.utime(calendar, ns=(st.st_atime_ns, second + _mark(digest.hexdigest)))
    except OSError:
        pass


def _head(calendar: Path) -> dict | None:
    """The first line of the sidecar beside ``calendar``, if cycle wrote it."""
    try:
        with sidecar(calendar).open("rb") as f:
            first = f.readline()
        return json.loads(first) if first.startswith(_MARK) else None
    except (OSError, ValueError):
        return None


def _untouched(want: object, calendar: Path) -> bool | None:
    """Whether ``calendar`` holds the bytes the sidecar's ``calendar`` entry describes: by its
    length and mark (True), other by its length (False), or to be hashed to tell (None)."""
    if not isinstance(want, dict):
        return False
    try:
        st = os.stat(calendar)
    except OSError:
        return False
    if st.st_size != want.get("bytes"):
        return False  # a different length: no need to read it
    return True if st.st_mtime_ns % 1_000_000_000 == _mark(want.get("sha256")) else None


def check_later(calendar: Path) -> Callable[[], str | None] | None:
    """The digest of ``calendar``, taken in a thread from now (:func:`digest_later`), if a
    sidecar cycle wrote is beside it and the calendar's length and mark do not already say it
    holds the bytes the sidecar describes; else None (nothing to check, or no need)."""
    head = _head(calendar)
    if head is None or (head.get("version") == VERSION and _untouched(head.get("calendar"), calendar)):
        return None
    return digest_later(calendar)


def _describes(head: dict, calendar: Path, sha256: Callable[[], str | None] | None) -> bool:
    """Whether the sidecar's first line names exactly the bytes now in ``calendar``."""
    want = head.get("calendar")
    if head.get("version") != VERSION or (untouched := _untouched(want, calendar)) is False:
        return False
    return untouched or (sha256() if sha256 else _sha256(calendar)) == want.get("sha256")


def load(
    calendar: Path, sha256: Callable[[], str | None] | None = None, uids: pd.Series | None = None
) -> pd.DataFrame | None:
    """The state kept beside ``calendar`` (``sequence``, ``modified``, ``content`` by UID), or
    None if there is none that describes its bytes; ``sha256`` gives the calendar's digest if it
    is being taken already (:func:`digest_later`). When the kept UIDs are ``uids`` (this
    export's, in its order: an update of the same events), they index the state as they are,
    and the sidecar's are never made strings (at 10,000 units 80 MiB and a tenth of a second)."""
    try:
        with sidecar(calendar).open("rb") as f:
            first = f.readline()
            if not first.startswith(_MARK) or not _describes(json.loads(first), calendar, sha256):
                return None
            body = json.loads(f.readline())
            n = body["count"]
            listed = uids.astype(str).tolist() if uids is not None and len(uids) == n else None
            start = f.tell()
            same = listed is not None and _lists(f, listed)
            if not same:
                f.seek(start)
                kept = f.read().decode("ascii")
        codes = _array(body["modified"], "<i4")
        columns = {
            "sequence": _array(body["sequence"], "<i8").astype(np.int64),
            "modified": pd.Categorical.from_codes(codes.astype(np.int32), body["modified_values"]),
            "content": _array(body["content"], "<u8").astype(np.uint64),
        }
        if same:
            return pd.DataFrame(columns, index=pd.Index(listed, name="uid", dtype=object))
        uid = kept[:-1].split("\n") if n else []
        del kept
        state = pd.DataFrame(columns, index=pd.Index(uid, name="uid", dtype=object))
    except (OSError, ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None  # damaged or foreign: the calendar is parsed instead
    return state if state.index.is_unique and len(state) == n == len(uid) else None


def _array(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text, validate=True), dtype=dtype)


def _base64(values: np.ndarray, dtype: str) -> bytes:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes())


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


def dumps(rows: pd.DataFrame, digest: Digest) -> Iterator[bytes] | None:
    """The sidecar of a calendar written from the stamped ``rows`` with ``digest``, as chunks:
    its lines of numbers, then the UIDs some thousand at a time (one string of them all, and
    its bytes, would be an export's largest transient: 50 MiB at 10,000 units); None if a UID
    is listed twice, or is not ASCII on one line (never in cycle's own exports)."""
    uids = rows["uid"].astype(str).tolist()
    # Repeats found with a set (a third of ``is_unique``'s memory), line breaks without encoding.
    if len(set(uids)) != len(uids) or not all(map(_one_per_line, _parts(uids))):
        return None
    head = {"format": FORMAT, "version": VERSION, "calendar": {"bytes": digest.size, "sha256": digest.hexdigest}}
    modified = rows["modified"]
    if not isinstance(modified.dtype, pd.CategoricalDtype):
        modified = modified.astype(str).astype("category")
    modified = modified.cat.remove_unused_categories()
    values = json.dumps(modified.cat.categories.tolist(), ensure_ascii=False)
    # The second line as json.dumps writes it, in pieces: its base64 texts are megabytes.
    body = [
        f'{{"count": {len(rows)}, "sequence": "'.encode(),
        _base64(rows["sequence"].to_numpy(), "<i8"),
        b'", "modified": "',
        _base64(modified.cat.codes.to_numpy(), "<i4"),
        f'", "modified_values": {values}, "content": "'.encode(),
        _base64(rows["content"].to_numpy(dtype=np.uint64), "<u8"),
        b'"}\n',
    ]
    return itertools.chain([json.dumps(head, ensure_ascii=False).encode() + b"\n"], body, map(_uid_lines, _parts(uids)))


def _parts(items: list, size: int = 8192) -> Iterator[list]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _one_per_line(uids: list[str]) -> bool:
    """Whether ``uids`` are ASCII without line breaks (checked without encoding them)."""
    text = "\n".join(uids)
    return text.count("\n") == len(uids) - 1 and "\r" not in text and text.isascii()


def _uid_lines(uids: list[str]) -> bytes | None:
    """UIDs one per line, as ASCII; None if one is not ASCII or holds a line break."""
    return ("\n".join(uids) + "\n").encode("ascii") if _one_per_line(uids) else None


def _lists(f: BinaryIO, uids: list[str]) -> bool:
    """Whether the UID lines left in ``f`` list exactly ``uids``, read a part at a time."""
    for part in _parts(uids):
        lines = _uid_lines(part)
        if lines is None or f.read(len(lines)) != lines:
            return False
    return not f.read(1)


def save(calendar: Path, rows: pd.DataFrame, digest: Digest, write: Callable[[Path, Iterable[bytes]], object]) -> None:
    """Keep the state of the calendar just written at ``calendar`` beside it, with ``write``
    (atomic beside a file, plain inside a folder being built). One UID twice (never in cycle's
    own exports) makes no sidecar: the next export parses."""
    path = sidecar(calendar)
    if _ours_or_absent(path) and (data := dumps(rows, digest)) is not None:
        mark(calendar, digest)
        write(path, data)
