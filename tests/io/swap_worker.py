"""Run by test_io_swap in a child process: replaces a folder output with version FIRST, FIRST+1,
… (each file says its version) and prints each version once it is in place, until killed.

    python swap_worker.py TARGET FIRST COUNT FILES SIZE

``SWAP_NO_EXCHANGE=1`` takes the two-rename path; ``SWAP_EXCLUSIVE=FILE`` proves no other run
is building at the same time (the file is created exclusively for the whole build);
``SWAP_SLOW=SECONDS`` sleeps per file.
"""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path


def write_version(folder: Path, version: int, count: int, size: int) -> None:
    for i in range(count):
        sub = folder / "feeds" if i % 2 else folder
        sub.mkdir(exist_ok=True)
        (sub / f"f{i}.txt").write_bytes(f"v{version}\n".encode() * size)
        if os.environ.get("SWAP_SLOW"):
            time.sleep(float(os.environ["SWAP_SLOW"]))


def main() -> None:
    # The writing layer alone, without the package's __init__ (pandas and the rest): the child
    # starts in milliseconds, so the seeded kill instants fall across whole builds and swaps.
    package = types.ModuleType("cycle")
    package.__path__ = [str(Path(__file__).resolve().parents[2] / "cycle")]
    sys.modules["cycle"] = package
    import cycle.outdir
    from cycle.outdir import replace_folder

    target, first, count, nfiles, size = sys.argv[1], *map(int, sys.argv[2:6])
    if os.environ.get("SWAP_NO_EXCHANGE"):
        cycle.outdir.exchange = lambda a, b: False
    exclusive = os.environ.get("SWAP_EXCLUSIVE")
    print("ready", flush=True)
    for version in range(first, first + count):
        with replace_folder(target) as build:
            if exclusive:
                fd = os.open(exclusive, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # fails if another run is inside
            write_version(build.path, version, nfiles, size)
            if exclusive:
                os.close(fd)
                os.unlink(exclusive)
        print(version, flush=True)


if __name__ == "__main__":
    main()
