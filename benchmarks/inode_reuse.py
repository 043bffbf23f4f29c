"""What inodes freed moments ago cost a write on ext4 without a journal, without cycle: why
``split.py`` times a disk on a new ext4 file system (``places.disk_place``).

ext4 without a journal declines to reuse an inode freed in the last 60 s (300 s while its
inode-table block is not yet written back) and tests each such inode in turn for every new file.
A timing loop removes the previous round's files a few seconds before it writes the next, so
each new file steps over the ones just removed. This writes the same files (10,000 of 69 KiB,
like a 10,000-unit split export) round after round, each round after removing the last, from a
level start as ``split.py`` times:

- in the given folder, on its own file system (this VM's root has no journal);
- on a new ext4 made for the run (``mkfs.ext4``'s defaults, with a journal).

    python3 benchmarks/inode_reuse.py                        # /var/tmp, 5 rounds (needs root)
    python3 benchmarks/inode_reuse.py --folder /srv --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_reporting import write_files
from places import describe, disk_place, level_start


def rounds(folder: Path, data: bytes, files: int, count: int) -> list[float]:
    """Seconds of each round: the files written into ``folder/out`` after removing the last."""
    out, times = folder / "out", []
    for _ in range(count):
        shutil.rmtree(out, ignore_errors=True)
        level_start(folder)
        times.append(write_files(out, data, files))
    shutil.rmtree(out, ignore_errors=True)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=Path("/var/tmp"))
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--kib", type=int, default=69)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    data = bytes(range(256)) * (args.kib * 4)
    mib = args.files * args.kib / 1024
    print(f"{args.files:,} files of {args.kib} KiB ({mib:.0f} MiB), each round after removing the last, seconds:")
    own = Path(tempfile.mkdtemp(prefix="cycle-inodes-", dir=args.folder))
    try:
        label, times = describe(own), rounds(own, data, args.files, args.rounds)
    finally:
        shutil.rmtree(own, ignore_errors=True)
    print(f"  {label}: " + ", ".join(f"{t:.2f}" for t in times))
    with disk_place(args.folder) as (folder, label):
        times = rounds(folder, data, args.files, args.rounds)
    print(f"  {label}: " + ", ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
