"""What the README promises is flushed to disk is: a file written by ``-o`` is fsynced before it
is renamed into place, and its folder after; a folder output is flushed (``syncfs``) whole, with
every file in it, before the swap makes it visible."""

from __future__ import annotations

import os
from pathlib import Path

import cycle.io as cio
import cycle.outdir as outdir
from cycle.io import write_atomic


def test_a_file_is_fsynced_before_its_rename_and_the_folder_after(tmp_path, monkeypatch):
    calls: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append(("rename", os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    folder = Path(os.path.realpath(tmp_path))
    write_atomic(folder / "frister.ics", b"BEGIN:VCALENDAR\r\n")
    assert [c[0] for c in calls] == ["fsync", "rename", "fsync"], calls
    temp = Path(calls[0][1])
    assert temp.parent == folder and temp.name.startswith(".frister.ics.")  # the file, before the rename
    assert calls[1][1] == str(folder / "frister.ics") and calls[2][1] == str(folder)


class _Libc:
    """Stands in for the C library: records syncfs on the folder it is given."""

    def __init__(self) -> None:
        self.synced: list[str] = []

    def syncfs(self, fd: int) -> int:
        self.synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        return 0


def test_a_split_export_is_flushed_whole_before_the_swap(run, tmp_path, monkeypatch):
    libc = _Libc()
    monkeypatch.setattr(cio, "_libc", lambda: libc)
    monkeypatch.setattr(os, "sync", lambda: (_ for _ in ()).throw(AssertionError("sync instead of syncfs")))
    seen: list[tuple[list[str], bool]] = []
    real_swap = outdir._swap

    def swap(new: Path, target: Path):
        seen.append((sorted(os.listdir(new)), target.exists()))
        return real_swap(new, target)

    monkeypatch.setattr(outdir, "_swap", swap)
    feeds = Path(os.path.realpath(tmp_path)) / "feeds"
    assert run("ical", "--split", "unit", "-o", feeds).code == 0
    # one syncfs, on the build folder, and then the swap of that folder holding every file
    assert len(libc.synced) == 1 and Path(libc.synced[0]).name.startswith(".feeds.new-"), libc.synced
    assert len(seen) == 1 and seen[0][1] is False
    assert "feeds.json" in seen[0][0] and outdir.MANIFEST in seen[0][0]
    assert sorted(os.listdir(feeds)) == seen[0][0]
