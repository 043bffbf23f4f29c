"""Folder outputs (the published site, the per-unit feeds): built whole beside the old one and
swapped in, so a crash at any instant leaves the old or the new folder in place, never neither
and never a mix; one run at a time per folder; files a user added are kept.

- **Lock.** ``.NAME.lock`` beside the folder, held with ``flock`` for the whole run: a second run
  into the same folder waits (``CYCLE_LOCK_TIMEOUT`` seconds, default 600), then refuses with one
  line. The lock file is removed at the end (safely: a waiter re-checks it locked the live file).
- **Swap.** The new output is built in ``.NAME.new-XXXXXXXX``, flushed to disk with one
  ``syncfs``, then exchanged with the old folder in one atomic step (``renameat2`` with
  ``RENAME_EXCHANGE`` on Linux). Where the file system cannot exchange, two renames through
  ``.NAME.old-XXXXXXXX``; a crash between them is repaired by the next run, which puts the old
  folder back first.
- **Leftovers.** Under the lock no other run is writing, so every ``.NAME.new-*``, ``.NAME.old-*``
  and ``.NAME.trash-*`` found is a killed run's: the next run removes them. The swapped-out
  folder is renamed ``.NAME.trash-*`` and removed, by a detached process when it is large.
- **Manifest.** ``.cycle-manifest.json`` in the folder lists the files cycle wrote. Any other file
  in the old folder was added by a user: it is carried into the new folder (hard link, else copy).
  If cycle now writes a file of that name, the run refuses naming it (``force`` overwrites).
  A manifest that cannot be read is refused too: which files are cycle's is then unknown.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .io import (
    OutputError,
    _libc,
    fsync_folder,
    json_listing,
    os_error,
    refuse,
    resolve_folder,
    sync_filesystem,
    temp_prefix,
)

MANIFEST = ".cycle-manifest.json"
MANIFEST_VERSION = 1
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


# --------------------------------------------------------------------------- lock


def _timeout() -> float:
    try:
        return float(os.environ.get("CYCLE_LOCK_TIMEOUT", "600"))
    except ValueError:
        return 600.0


@contextlib.contextmanager
def folder_lock(
    target: Path, shown: str | os.PathLike[str], on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the lock of output folder ``target`` (its real path); ``shown`` names it to users."""
    lock = target.parent / f"{temp_prefix(target.name)}lock"
    deadline = time.monotonic() + _timeout()
    waited = False
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as e:
            raise os_error(e, shown) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise refuse(
                    shown,
                    "en anden kørsel af cycle skriver stadig til mappen; prøv igen senere",
                    "another cycle run is still writing to this folder; try again later",
                ) from None
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(0.05)
            continue
        if _same_file(fd, lock):
            break
        os.close(fd)  # the holder before us removed this lock file: lock the live one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)  # while still locked, so a waiter on the old file retries
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


# --------------------------------------------------------------------------- manifest


def read_manifest(folder: Path) -> set[str] | None:
    """The files cycle wrote into ``folder``, or None if it holds no readable manifest."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files)


def _prefix(root: str, folder: Path) -> str:
    """``root``'s path below ``folder`` as a prefix of relative POSIX paths ('' for ``folder``).
    Strings, not Paths: a folder of feeds holds 10,000 files."""
    rel = os.path.relpath(root, folder)
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def owned_files(folder: Path) -> set[str] | None:
    """The files cycle wrote under ``folder``: its manifest and those of folders inside it (a
    split export into a published site's feeds), or None if there is no manifest at all.
    Raises :class:`DamagedManifest` naming a manifest that cannot be read."""
    owned: set[str] | None = None
    for root, _dirs, files in os.walk(folder):
        if MANIFEST in files:
            listed = read_manifest(Path(root))
            prefix = _prefix(root, folder)
            if listed is None:
                raise DamagedManifest(prefix + MANIFEST)
            owned = (owned or set()) | {prefix + f for f in listed} | {prefix + MANIFEST}
    return owned


class DamagedManifest(Exception):
    """A manifest that is there but cannot be read: which files cycle wrote is unknown."""


def _walk(folder: Path) -> tuple[list[str], list[str]]:
    """Relative paths (POSIX) of the files and of the folders under ``folder``."""
    files, dirs = [], []
    for root, dirnames, filenames in os.walk(folder):
        prefix = _prefix(root, folder)
        for d in list(dirnames):
            if os.path.islink(os.path.join(root, d)):  # a link to a folder is carried as a link
                dirnames.remove(d)
                filenames.append(d)
            else:
                dirs.append(prefix + d)
        files.extend(prefix + f for f in filenames)
    return files, dirs


def _write_manifest(folder: Path, files: list[str]) -> None:
    body = {"cycle": MANIFEST_VERSION, "files": sorted(f for f in files if f != MANIFEST)}
    (folder / MANIFEST).write_text(json_listing(body, "files", indent=1) + "\n", encoding="utf-8")


def _carry(old: Path, new: Path, owned: set[str], shown, force: bool) -> int:
    """Put the files a user added to ``old`` (not in ``owned``) into ``new`` at the same place;
    the number of entries ``old`` holds."""
    files, dirs = _walk(old)
    for d in dirs:
        (new / d).mkdir(parents=True, exist_ok=True)
    user = [f for f in files if f not in owned and f != MANIFEST]  # the old top manifest is replaced
    clash = [f for f in user if os.path.lexists(new / f)]
    if clash and not force:
        listed = ", ".join(sorted(clash)[:5]) + (" …" if len(clash) > 5 else "")
        raise refuse(
            shown,
            f"filer lagt i mappen af andre end cycle har samme navn som filer cycle skriver: {listed} "
            "(flyt dem, eller brug --force for at overskrive dem)",
            f"files added to the folder by others have the names of files cycle writes: {listed} "
            "(move them, or use --force to overwrite them)",
        )
    for f in user:
        if f in clash:
            continue
        src, dst = old / f, new / f
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError:
            if src.is_symlink():
                os.symlink(os.readlink(src), dst)
            else:
                shutil.copy2(src, dst, follow_symlinks=False)
    return len(files) + len(dirs)


# --------------------------------------------------------------------------- swap


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system or file system can't."""
    libc = _libc()
    if not sys.platform.startswith("linux") or libc is None or not hasattr(libc, "renameat2"):
        return False
    rc = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), os.fspath(b))


def _siblings(target: Path, kind: str) -> list[Path]:
    prefix = f"{temp_prefix(target.name)}{kind}-"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return sorted(target.parent / n for n in names if n.startswith(prefix) and len(n) == len(prefix) + 8)


def recover(target: Path) -> None:
    """Repair what a killed run left (call under the lock): the old folder back if a crash came
    between two renames, then every leftover build and discarded folder removed."""
    olds = _siblings(target, "old")
    if not os.path.lexists(target) and olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        os.rename(newest, target)
        olds.remove(newest)
    for leftover in olds + _siblings(target, "new") + _siblings(target, "trash"):
        _remove(leftover, _count(leftover))


def _swap(new: Path, target: Path) -> Path | None:
    """Put ``new`` in place of ``target``; the folder that was there, now under another name
    (None if there was none)."""
    if not os.path.lexists(target):
        os.rename(new, target)
        fsync_folder(target.parent)
        return None
    if not exchange(new, target):
        old = Path(tempfile.mkdtemp(prefix=f"{temp_prefix(target.name)}old-", dir=target.parent))
        os.rename(target, old)  # replaces the empty placeholder
        os.rename(new, target)
        new = old
    fsync_folder(target.parent)
    return new


#: A swapped-out folder with more entries than this is removed by a detached process, so the
#: user does not wait for thousands of unlinks (on a busy disk they cost as much as the export).
BACKGROUND_REMOVAL = 1000
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _discard(old: Path, target: Path, entries: int) -> None:
    """Remove the swapped-out folder: renamed to ``.NAME.trash-XXXXXXXX`` first (what the next
    run removes, should this removal not finish), then deleted here or, when large, by a
    detached child that outlives this run."""
    trash = Path(tempfile.mkdtemp(prefix=f"{temp_prefix(target.name)}trash-", dir=target.parent))
    try:
        os.rename(old, trash)  # onto the empty placeholder
    except OSError:
        trash.rmdir()
        trash = old
    _remove(trash, entries)


def _count(folder: Path) -> int:
    """How many entries ``folder`` holds, counted up to just past :data:`BACKGROUND_REMOVAL`."""
    n = 0
    for _root, dirs, files in os.walk(folder):
        n += len(dirs) + len(files)
        if n > BACKGROUND_REMOVAL:
            break
    return n


def _remove(folder: Path, entries: int) -> None:
    if entries > BACKGROUND_REMOVAL:
        try:
            subprocess.Popen(
                [sys.executable, "-c", _REMOVE, os.fspath(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Build:
    """A folder output being built: write into ``path``; ``previous`` is the current output
    (read it for state to carry over), or None on a first run."""

    path: Path
    previous: Path | None
    target: Path
    owned_before: set[str] | None = field(default=None)


@contextlib.contextmanager
def replace_folder(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    legacy: Callable[[Path], set[str] | None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[Build]:
    """Build a folder output and swap it in (see the module's description). A non-empty folder
    that cycle did not write is refused unless ``force``; then all its files are kept.
    ``legacy`` names the files an older version of cycle wrote into a folder without a manifest
    (None: not an output of cycle)."""
    target = resolve_folder(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise os_error(e, path) from None
    with folder_lock(target, path, on_wait):
        try:
            recover(target)
        except OSError as e:
            raise os_error(e, path) from None
        previous = target if target.is_dir() else None
        owned = _owned(target, path, force) if previous else None
        if previous and owned is None and legacy is not None:
            owned = legacy(target)
        if previous and owned is None and any(target.iterdir()):
            if not force:
                raise refuse(
                    path,
                    "mappen findes og er ikke skrevet af cycle: vælg en tom eller ny mappe (eller --force)",
                    "the folder exists and was not written by cycle: choose an empty or new folder (or --force)",
                )
            owned = set()
        yield from _build_and_swap(target, previous, owned, path, force)


def _owned(target: Path, shown, force: bool) -> set[str] | None:
    """:func:`owned_files`; a damaged manifest is refused (with ``force``: nothing is cycle's, so
    every file is kept and any of the same name as a new one overwritten)."""
    try:
        return owned_files(target)
    except DamagedManifest as e:
        if force:
            return set()
        raise refuse(
            shown,
            f"{e} kan ikke læses (beskadiget?), så cycle ved ikke, hvilke filer den skrev; "
            "brug --force for at skrive mappen forfra og beholde alle andre filer",
            f"{e} cannot be read (damaged?), so which files cycle wrote is unknown; "
            "use --force to write the folder anew, keeping every other file",
        ) from None


def _build_and_swap(target: Path, previous: Path | None, owned: set[str] | None, shown, force: bool) -> Iterator[Build]:
    try:
        new = Path(tempfile.mkdtemp(prefix=f"{temp_prefix(target.name)}new-", dir=target.parent))
    except OSError as e:
        raise os_error(e, shown) from None
    try:
        yield Build(new, previous, target, owned)
        files, _ = _walk(new)
        entries = _carry(previous, new, owned or set(), shown, force) if previous is not None else 0
        _write_manifest(new, files)
        mode = stat.S_IMODE(previous.stat().st_mode) if previous is not None else 0o755
        os.chmod(new, mode)
        sync_filesystem(new)
        old = _swap(new, target)
    except OutputError:
        shutil.rmtree(new, ignore_errors=True)
        raise
    except OSError as e:
        shutil.rmtree(new, ignore_errors=True)
        raise os_error(e, shown) from None
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if old is not None:
        with contextlib.suppress(OSError):  # the new output is in place: a stray old one is the next run's
            _discard(old, target, entries)
