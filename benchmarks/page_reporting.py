"""What memory the host took back costs a write, without cycle: why ``split.py`` starts every
timed run from a level start.

On a VM whose balloon reports free memory to the host (``/sys/module/page_reporting``), the
kernel keeps about a GiB of freed memory and hands the rest back; the host must fault it in
again when it is next written. An update writes its new folder beside the previous output, so
it needs memory nothing freed a moment before; a fresh export timed right after the previous
output was removed reuses that memory. This writes the same files (10,000 of 69 KiB, like a
10,000-unit split export) in turn:

- **beside the old copy**, the machine settled (the update's situation);
- **after removing the old copy**, settled (the fresh export's situation in a timing loop);
- both again from ``places.level_start`` (a spare GiB freed just before), as ``split.py`` times.

    python3 benchmarks/page_reporting.py                 # /dev/shm, 3 rounds
    python3 benchmarks/page_reporting.py --folder /var/tmp --rounds 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from places import level_start, settle
from split import floor


def write_files(folder: Path, data: bytes, count: int) -> float:
    """Seconds to write ``count`` files of ``data`` into the new ``folder`` (as split's floor)."""
    files = {f"{i}.ics": data for i in range(count)}
    start = time.perf_counter()
    floor(files, folder)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=Path("/dev/shm"))
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--kib", type=int, default=69, help="size of each file")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    data = os.urandom(args.kib * 1024)
    base = Path(tempfile.mkdtemp(prefix="cycle-reporting-", dir=args.folder))
    old, new = base / "old", base / "new"
    times: dict[str, list[float]] = {}
    try:
        write_files(old, data, args.files)
        for _ in range(args.rounds):
            for start, label in ((settle, "settled"), (level_start, "level start")):
                start(base)
                times.setdefault(f"beside the old copy, {label}", []).append(write_files(new, data, args.files))
                shutil.rmtree(old)
                new.rename(old)
                shutil.rmtree(old)
                start(base)
                times.setdefault(f"after removing it, {label}", []).append(write_files(old, data, args.files))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    mib = args.files * args.kib / 1024
    print(
        f"{args.files:,} files of {args.kib} KiB ({mib:.0f} MiB) into {args.folder}, seconds (median of {args.rounds}):"
    )
    for label, seconds in times.items():
        print(f"  {label:<36} {statistics.median(seconds):6.3f}   ({', '.join(f'{s:.3f}' for s in seconds)})")


if __name__ == "__main__":
    main()
