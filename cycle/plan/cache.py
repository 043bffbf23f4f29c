"""An on-disk cache of built events tables, so that the query path (``cycle due``) starts fast.

Building a plan imports the ``holidays`` package (which loads every country's module) and runs
the scheduler; a query asked again with the same inputs reads the table back instead. The key
covers everything the table depends on: the content of every model file (the model and its
includes), the units, the term, cycle's own scheduling code and the installed ``holidays``.
The cache lives in ``$CYCLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/cycle`` or ``~/.cache/cycle``;
``CYCLE_NO_CACHE=1`` turns it off. Entries are pickles written by this user for this user.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
from pathlib import Path

import pandas as pd

from ..io import write_atomic

#: The package whose code builds the table. Everything in it counts except the parts that only
#: read a finished table (the views and the command line), so a module split off or added
#: anywhere in the scheduling code changes the key without anyone listing it here.
PACKAGE = Path(__file__).resolve().parent.parent
_READERS = ("views", "cli.py", "__main__.py")


def code_files(package: Path = PACKAGE) -> list[Path]:
    """Every source file of the scheduling code, in a fixed order."""
    return sorted(p for p in package.rglob("*.py") if p.relative_to(package).parts[0] not in _READERS)


def cache_dir() -> Path | None:
    if os.environ.get("CYCLE_NO_CACHE") == "1":
        return None
    if os.environ.get("CYCLE_CACHE_DIR"):
        return Path(os.environ["CYCLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cycle"


def _holidays_stamp() -> bytes:
    """The installed holidays package, without importing it (that is what the cache avoids)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return b"none"
    folder = Path(spec.origin).parent
    return b"".join((folder / name).read_bytes() for name in ("version.py", "__init__.py") if (folder / name).exists())


def key(files: tuple[Path, ...], term_label: str, units: pd.DataFrame | None) -> str:
    h = hashlib.blake2b(digest_size=20)
    for path in code_files():
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(_holidays_stamp())
    for f in files:
        h.update(str(f).encode() + b"\0" + f.read_bytes())
    h.update(term_label.encode())
    if units is not None:
        h.update(pd.util.hash_pandas_object(units, index=True).to_numpy().tobytes())
        h.update(",".join(units.columns).encode())
    return h.hexdigest()


def load(k: str) -> pd.DataFrame | None:
    folder = cache_dir()
    path = folder / f"{k}.pkl" if folder else None
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a damaged or foreign entry: build afresh


def store(k: str, events: pd.DataFrame) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):  # a read-only home is no reason to fail a query
        write_atomic(folder / f"{k}.pkl", pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL))
