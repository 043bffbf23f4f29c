"""Where and from what state ``split.py`` times a run: the folder's file system, and a level start.

Two things outside cycle changed the benchmark's figures on these VMs more than cycle's code did:

- **Memory the host took back.** The VM's balloon hands memory freed beyond about a GiB back to
  the host, and writing into it again costs the kernel about 2 s per GiB
  (``benchmarks/page_reporting.py``). :func:`level_start` gives every timed run the same warm
  GiB.
- **Inodes freed moments ago, on ext4 without a journal.** This VM's root file system (where
  ``/var/tmp`` is) has no journal, and ext4 then declines to reuse an inode freed in the last
  60 s (300 s while its inode-table block is not yet written back), testing each such inode in
  turn for every new file (``recently_deleted`` in ``fs/ext4/ialloc.c``, for the
  no-journal case only). A timing loop that removes 10,000 files every few seconds makes each
  of the next 10,000 files step over them: the floor alone (the same bytes with open/write/close)
  took 4.6 s, then 4.9, 5.7, 6.3, 6.6 and 7.1 s in six rounds, nearly all of it system time,
  against 0.7-1.0 s on a new ext4 with a journal. A monthly update never follows a removal of
  its own size by seconds, so :func:`disk_place` times the disk on a new ext4 file system
  (``mkfs.ext4``'s defaults, with a journal, as Debian and most servers make it), on a loop
  device over a file in the given folder, with direct I/O to the disk beneath.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PAGE_REPORTING = Path("/sys/module/page_reporting/parameters")
SPARE_FOLDER = Path("/dev/shm")  # memory, whichever folder is timed
IMAGE_SIZE = "16G"  # sparse: holds a 10,000-unit site and its update, with room to spare


def settle(folder: Path) -> None:
    """Wait until the machine is at rest: the detached removal of a folder swapped out in
    ``folder`` finished, dirty pages written back, and, where the kernel reports free memory to
    a host (``page_reporting``, in rounds 2 s apart), no round for 2.5 s."""
    deadline = time.perf_counter() + 60
    while any(folder.glob(".*.trash-*")) and time.perf_counter() < deadline:
        time.sleep(0.1)
    os.sync()
    reported = PAGE_REPORTING / "reported_kib"
    if not reported.exists():
        return
    last, quiet = reported.read_text(), time.perf_counter()
    while time.perf_counter() - quiet < 2.5 and time.perf_counter() < deadline:
        time.sleep(0.25)
        now = reported.read_text()
        if now != last:
            last, quiet = now, time.perf_counter()


def spare_mib() -> int:
    """How much freed memory the kernel keeps before it reports the rest to the host."""
    try:
        return int((PAGE_REPORTING / "max_waiting_mib").read_text())
    except (OSError, ValueError):
        return 1024


def level_start(folder: Path) -> None:
    """Start every timed run alike: settled, then with as much memory freed a moment before as
    this VM keeps warm. Without this, a fresh export (timed right after the previous one was
    removed) wrote into warm memory and an update (written beside the previous output, nothing
    freed before it) into cold: 1.8× for the same code. A spare file written and removed just
    before each run gives each the warm memory a machine without reporting has."""
    settle(folder)
    spare = SPARE_FOLDER / f"cycle-spare-{os.getpid()}"
    block = bytes(1 << 20)
    with open(spare, "wb") as f:
        for _ in range(spare_mib()):
            f.write(block)
    spare.unlink()


# --------------------------------------------------------------------------- file systems


def _mount_of(folder: Path) -> tuple[str, str, str]:
    """(device, mount point, type) of the mount that holds ``folder``."""
    path, best = str(folder.resolve()), ("", "/", "")
    for line in Path("/proc/self/mounts").read_text().splitlines():
        device, point, kind = line.split()[:3]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[1]):
            best = (device, point, kind)
    return best


def describe(folder: Path) -> str:
    """The file system under ``folder`` as the results record it: type, and for ext4 whether it
    has a journal (jbd2 lists the devices it journals)."""
    device, point, kind = _mount_of(folder)
    if kind != "ext4":
        return f"{kind} at {point}"
    name = Path(device).name
    journal = any(Path("/proc/fs/jbd2").glob(f"{name}-*"))
    return f"ext4 {'with' if journal else 'without'} a journal at {point} ({device})"


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


@contextlib.contextmanager
def disk_place(base: Path) -> Iterator[tuple[Path, str]]:
    """A folder on a new ext4 file system on a loop device over a sparse file in ``base``, and
    its description; removed afterwards. Needs root, ``mkfs.ext4`` and ``losetup``."""
    image = Path(tempfile.mkstemp(prefix="cycle-split-", suffix=".ext4", dir=base)[1])
    mount_point = Path(tempfile.mkdtemp(prefix="cycle-split-mnt-"))
    device = ""
    try:
        _run("truncate", "-s", IMAGE_SIZE, str(image))
        _run("mkfs.ext4", "-q", "-F", str(image))
        device = _run("losetup", "--direct-io=on", "--show", "-f", str(image))
        _run("mount", device, str(mount_point))
        yield mount_point, f"new {describe(mount_point)}, mkfs.ext4 defaults, over a file in {base}, direct I/O"
    finally:
        if os.path.ismount(mount_point):
            _run("umount", str(mount_point))
        if device:
            _run("losetup", "-d", device)
        mount_point.rmdir()
        image.unlink(missing_ok=True)


def can_make_disk_place() -> bool:
    """Whether :func:`disk_place` can run here: root, and the tools it calls."""
    tools = ("truncate", "mkfs.ext4", "losetup", "mount", "umount")
    return os.geteuid() == 0 and all(shutil.which(t) for t in tools)


@contextlib.contextmanager
def place(base: Path, new_fs: bool) -> Iterator[tuple[Path, str]]:
    """The folder to time in for ``base``, and what file system it is on: a new folder in a
    tmpfs as it is; on a disk, a new ext4 (:func:`disk_place`) unless ``new_fs`` is off."""
    if new_fs and _mount_of(base)[2] != "tmpfs":
        with disk_place(base) as (point, label):
            yield point, label
        return
    folder = Path(tempfile.mkdtemp(prefix="cycle-split-", dir=base))
    try:
        yield folder, describe(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
