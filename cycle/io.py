"""Writing outputs atomically: a temporary file beside the target, then a rename, so an existing
output is never left half-written, whatever happens mid-way.

The target is resolved first: a symbolic link keeps pointing where it did and the file it points
to is replaced; a folder, a device node, a FIFO or a socket is refused. Every operating-system
error becomes one line (:class:`OutputError`, a :class:`CycleError` that is also an ``OSError``)
naming the file the user gave. Temporary files of a run that was killed are removed by the next
run that writes the same target. Folder outputs (whole sites, split feeds) are swapped in by
:mod:`cycle.outdir`.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import CycleError

TEMP_SUFFIX = ".tmp"
_RANDOM = 8  # characters tempfile adds to a name

# errno → (Danish, English): what went wrong, said so that a user can act on it.
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("der er ikke plads på disken", "no space left on the device"),
    errno.EDQUOT: ("diskkvoten er brugt op", "the disk quota is used up"),
    errno.EROFS: ("filsystemet er skrivebeskyttet", "the file system is read-only"),
    errno.EACCES: ("ingen adgang (skrivebeskyttet mappe eller fil?)", "permission denied (read-only folder or file?)"),
    errno.EPERM: ("handlingen er ikke tilladt", "operation not permitted"),
    errno.ENAMETOOLONG: ("navnet er for langt til filsystemet", "the name is too long for the file system"),
    errno.ENOTDIR: ("en del af stien er en fil, ikke en mappe", "a part of the path is a file, not a folder"),
    errno.EISDIR: ("er en mappe; her ventes en fil", "is a folder; a file is expected here"),
    errno.ELOOP: ("symbolske links i ring", "symbolic links in a loop"),
    errno.EBUSY: ("er i brug (et monteringspunkt?)", "is busy (a mount point?)"),
    errno.EXDEV: ("ligger på et andet filsystem", "is on another file system"),
    errno.EFBIG: ("filen bliver for stor", "the file would be too large"),
    errno.EIO: ("ind-/uddatafejl på disken", "input/output error on the device"),
}


class OutputError(CycleError, OSError):
    """An output could not be written: one line for the user, still an ``OSError`` for code
    that tolerates I/O failures (the plan cache)."""

    def __str__(self) -> str:  # OSError's would show only errno and strerror
        return self.message("en")


def os_error(err: OSError, path: str | os.PathLike[str], *, key: str = "output") -> OutputError:
    """One line for an ``OSError`` met while writing ``path`` (the path the user gave)."""
    if isinstance(err, OutputError):
        return err
    da, en = _REASONS.get(
        err.errno or 0, (f"kan ikke skrives ({err.strerror or err})", f"cannot be written ({err.strerror or err})")
    )
    out = OutputError(da, en, file=path, key=key)
    out.errno, out.strerror = err.errno, err.strerror
    return out


def refuse(path: str | os.PathLike[str], da: str, en: str) -> OutputError:
    return OutputError(da, en, file=path, key="output")


# --------------------------------------------------------------------------- resolving targets


def real_path(path: str | os.PathLike[str]) -> Path:
    """Where a write to ``path`` lands: symbolic links followed to their final target, even a
    dangling one (the file is then created where the link points)."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        real = Path(os.path.realpath(path))
    except OSError as e:
        raise os_error(e, path) from None
    if real.is_symlink():  # realpath gives up on a loop without saying so
        raise os_error(OSError(errno.ELOOP, os.strerror(errno.ELOOP)), path)
    return real


def _check_parent(real: Path, shown: str | os.PathLike[str]) -> None:
    """The nearest existing ancestor must be a folder, else the path runs "under a file"."""
    for parent in real.parents:
        try:
            st = parent.stat()
        except FileNotFoundError:
            continue
        except OSError as e:
            raise os_error(e, shown) from None
        if not stat.S_ISDIR(st.st_mode):
            raise os_error(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)), shown)
        return


def resolve_file(path: str | os.PathLike[str]) -> Path:
    """The regular file a write to ``path`` replaces (or creates). One line if that is a
    folder, a special file, or under a file."""
    real = real_path(path)
    try:
        st = real.stat()
    except FileNotFoundError:
        _check_parent(real, path)
        return real
    except OSError as e:
        raise os_error(e, path) from None
    if stat.S_ISDIR(st.st_mode):
        raise os_error(OSError(errno.EISDIR, os.strerror(errno.EISDIR)), path)
    if not stat.S_ISREG(st.st_mode):
        raise refuse(
            path,
            "er en særlig fil (enhed, FIFO eller socket); cycle erstatter den ikke",
            "is a special file (device, FIFO or socket); cycle does not replace it",
        )
    return real


def resolve_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a folder output replaces (or creates). One line if that is a file or special."""
    real = real_path(path)
    if real.parent == real:
        raise refuse(path, "er rodmappen; vælg en mappe under den", "is the root folder; choose a folder below it")
    try:
        st = real.stat()
    except FileNotFoundError:
        _check_parent(real, path)
        return real
    except OSError as e:
        raise os_error(e, path) from None
    if not stat.S_ISDIR(st.st_mode):
        raise refuse(path, "findes og er ikke en mappe", "exists and is not a folder")
    return real


# --------------------------------------------------------------------------- temporary files


def temp_prefix(name: str) -> str:
    """``.NAME.`` for a target's temporary files, shortened (with a digest of the whole name)
    so that prefix, random part and suffix fit in 255 bytes."""
    if len(name.encode("utf-8")) <= 200:
        return f".{name}."
    digest = hashlib.blake2b(name.encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()
    short = name.encode("utf-8", "surrogateescape")[:120].decode("utf-8", "ignore")
    return f".{short}~{digest}."


_LEFTOVERS: dict[Path, dict[str, list[str]]] = {}


def _leftovers(folder: Path) -> dict[str, list[str]]:
    """Temporary-file names in ``folder`` by prefix, listed once per folder and process (a bulk
    writer of thousands of files must not list the folder for each)."""
    if folder not in _LEFTOVERS:
        found: dict[str, list[str]] = {}
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for e in entries:
                if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX) and len(e.name) > _RANDOM + 5:
                    found.setdefault(e.name[: -(_RANDOM + len(TEMP_SUFFIX))], []).append(e.name)
        _LEFTOVERS[folder] = found
    return _LEFTOVERS[folder]


def sweep_temps(folder: Path, name: str) -> None:
    """Remove temporary files that killed runs left for ``name``. A live writer holds a lock on
    its temporary file, so only orphans can be locked here."""
    for leftover in _leftovers(folder).pop(temp_prefix(name), []):
        with contextlib.suppress(OSError):
            fd = os.open(folder / leftover, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.unlink(folder / leftover)  # while locked: a writer that wins the race sees nlink 0
            finally:
                os.close(fd)


def _open_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside the target, locked against :func:`sweep_temps`."""
    while True:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(name), suffix=TEMP_SUFFIX, dir=folder)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            return fd, tmp
        os.close(fd)  # swept between creation and lock: take another


def _write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    """Every byte, or an error: a raw write may write less than asked (a full disk) and say
    so only by its count."""
    for chunk in (data,) if isinstance(data, bytes) else data:
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]


_IOV_MAX = 1024  # the buffers one writev takes on Linux and the BSDs (POSIX allows no fewer than 16)


def _writev_all(fd: int, pieces: list[bytes], size: int | None = None) -> None:
    """Every byte of ``pieces``, in order, by as few ``writev`` calls as the system allows; what
    a short write leaves is written whole. ``size``: their total length, if the caller knows it
    (summing thousands of lengths per file costs more than the call)."""
    if size is not None and len(pieces) <= _IOV_MAX:
        written = os.writev(fd, pieces)
        if written < size:
            _write_all(fd, b"".join(pieces)[written:])
        return
    for start in range(0, len(pieces), _IOV_MAX):
        batch = pieces[start : start + _IOV_MAX]
        written = os.writev(fd, batch)
        if written < sum(map(len, batch)):
            _write_all(fd, b"".join(batch)[written:])


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename or a new entry in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_filesystem(folder: str | os.PathLike[str]) -> None:
    """Flush every file written under ``folder`` to disk in one call: ``syncfs`` on Linux,
    ``sync`` elsewhere. Bulk writers use this once instead of an ``fsync`` per file."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if sys.platform.startswith("linux") and _libc() is not None and _libc().syncfs(fd) == 0:
            return
        os.sync()
    finally:
        os.close(fd)


_LIBC: list = []


def _libc():
    if not _LIBC:
        try:
            _LIBC.append(ctypes.CDLL(None, use_errno=True))
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


# --------------------------------------------------------------------------- listings


def json_listing(data: dict, key: str, *, indent: int = 2) -> str:
    """``data`` as ``json.dumps(data, indent=indent)`` writes it, except that the items of the
    list ``data[key]`` are one per line, each as compact JSON. Thousands of items (the feeds of a
    split, the files of a manifest) then go through json's C encoder, not its indenting one.

    >>> print(json_listing({"model": "m", "feeds": [{"file": "a.ics", "events": 2}]}, "feeds"))
    {
      "model": "m",
      "feeds": [
        {"file": "a.ics", "events": 2}
      ]
    }
    """
    items = data[key]
    if not items:
        return json.dumps(data, ensure_ascii=False, indent=indent)
    slot = json.dumps(_SLOT)
    text = json.dumps({**data, key: [_SLOT]}, ensure_ascii=False, indent=indent)
    return text.replace(slot, _item_lines(items, ",\n" + " " * (2 * indent)), 1)


_SLOT = "\x00items\x00"  # a string no listing holds; json writes it as "\u0000items\u0000"
_SCALARS = (str, int, float, bool, type(None))


def _item_lines(items: list, between: str) -> str:
    """The items as compact JSON joined by ``between``. Items that are scalars or flat objects
    (all a listing holds) are encoded in one call with a NUL between values: json escapes every
    control character inside a string, so a raw NUL is always a separator, and between two
    flat objects it stands between ``}`` and ``{``. 10,000 calls would cost ten times as much."""
    if all(type(i) in _SCALARS for i in items):
        return json.dumps(items, ensure_ascii=False, separators=("\x00", ": "))[1:-1].replace("\x00", between)
    if all(type(i) is dict and all(type(v) in _SCALARS for v in i.values()) for i in items):
        text = json.dumps(items, ensure_ascii=False, separators=("\x00", ": "))[1:-1]
        return text.replace("}\x00{", "}" + between + "{").replace("\x00", ", ")
    return between.join(json.dumps(item, ensure_ascii=False) for item in items)


# --------------------------------------------------------------------------- writing


def _encode(data: bytes | str | Iterable[bytes]) -> bytes | Iterable[bytes]:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_private(path: str | os.PathLike[str], data: bytes | str | Iterable[bytes]) -> Path:
    """Write a file inside a folder no one else sees yet (a folder being built for a swap):
    plainly, since the swap makes the whole folder appear at once."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        try:
            _write_all(fd, _encode(data))
        finally:
            os.close(fd)
    except OSError as e:
        raise os_error(e, path) from None
    return path


class PrivateFolder:
    """Many files into a folder no one sees yet, as :func:`write_private` writes one, with the
    folder opened once: each file is opened by its name relative to it (``openat``), so the
    kernel walks no path and Python builds none. Per file: open, one write, close.

    >>> with PrivateFolder(folder) as out:  # doctest: +SKIP
    ...     out.write("a.ics", b"BEGIN:VCALENDAR...")
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        try:
            self._fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as e:
            raise os_error(e, self.folder) from None

    def write(self, name: str, data: bytes | list[bytes], size: int | None = None) -> None:
        """``data``: the file's bytes, or its pieces in order (written by one ``writev``, so
        they need not be joined first; ``size``, their total length, if known)."""
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644, dir_fd=self._fd)
            try:
                if isinstance(data, bytes):
                    _write_all(fd, data)
                else:
                    _writev_all(fd, data, size)
            finally:
                os.close(fd)
        except OSError as e:
            raise os_error(e, self.folder / name) from None

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> PrivateFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_atomic(path: str | os.PathLike[str], data: bytes | str | Iterable[bytes], *, durable: bool = True) -> Path:
    """Write ``data`` (bytes, text, or chunks of bytes) to ``path`` through a temporary file and
    a rename. A symbolic link is kept and its target replaced. ``durable`` flushes the file and
    the rename to disk; bulk writers of thousands of files skip that and call
    :func:`sync_filesystem` once. Returns ``path`` as given."""
    shown = Path(path)
    target = resolve_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_temps(target.parent, target.name)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        fd, tmp = _open_temp(target.parent, target.name)
    except OSError as e:
        raise os_error(e, shown) from None
    try:
        try:
            _write_all(fd, _encode(data))
            os.fchmod(fd, mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise os_error(e, shown) from None
        raise
    if durable:
        fsync_folder(target.parent)
    return shown
