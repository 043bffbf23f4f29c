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
import re
from pathlib import Path

import pandas as pd

from ..io import write_atomic

#: Where the walk starts: this package (cycle/plan/), the scheduling code.
PLAN_DIR = Path(__file__).resolve().parent
# A relative import (or one of ``cycle.…``): the dots or the package, the module path, and the
# names after ``import`` (which name modules in ``from . import uid``). Not anchored to the line
# start, so that re can scan for the literal "from"; a match inside a docstring only adds files.
_IMPORT = re.compile(rb"from[ \t]+(\.+|cycle\.?)([\w.]*)[ \t]+import[ \t]+\(?([\w \t,\n]+)")


def code_files(plan_dir: Path = PLAN_DIR) -> list[Path]:
    """Every source file the scheduling code is made of, found by walking the imports of
    cycle/plan/ through the ``cycle`` package (imports inside functions too). A folder it
    imports from counts whole, so a module split off or added in cycle/model/ or cycle/plan/
    changes the key without anyone listing it; the views, which only read the table, don't.

    A regular expression over the text rather than :mod:`ast`, and plain strings rather than
    :class:`Path`: this runs on every cached query, which must start fast."""
    package = os.path.dirname(str(plan_dir))
    found: set[str] = set()
    resolved = {str(plan_dir)}
    todo = _source_of(str(plan_dir))
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        with open(path, "rb") as f:
            imports = _IMPORT.findall(f.read())
        for dots, module, names in imports:
            base = package
            if not dots.startswith(b"cycle"):
                base = os.path.dirname(path)
                for _ in range(len(dots) - 1):
                    base = os.path.dirname(base)
            parts = module.decode().split(".") if module else []
            targets = [parts] if parts else [[n.split()[0]] for n in names.decode().split(",") if n.split()]
            for target in (os.path.join(base, *t) for t in targets):
                if target not in resolved and target.startswith(package + os.sep):
                    resolved.add(target)
                    todo += _source_of(target)
    return sorted(Path(p) for p in found)


def _source_of(target: str) -> list[str]:
    """The files of an imported module or package."""
    if os.path.isdir(target):
        return [os.path.join(d, n) for d, _, names in os.walk(target) for n in names if n.endswith(".py")]
    return [target + ".py"] if os.path.isfile(target + ".py") else []


def code_stamp(plan_dir: Path = PLAN_DIR) -> bytes:
    """The scheduling code's files, by path inside the package and content."""
    h = hashlib.blake2b(digest_size=20)
    for path in code_files(plan_dir):
        h.update(path.relative_to(plan_dir.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def cache_dir() -> Path | None:
    if os.environ.get("CYCLE_NO_CACHE") == "1":
        return None
    if os.environ.get("CYCLE_CACHE_DIR"):
        return Path(os.environ["CYCLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cycle"


def holidays_stamp() -> bytes:
    """The installed holidays package, without importing it (that is what the cache avoids)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return b"none"
    folder = Path(spec.origin).parent
    return b"".join((folder / name).read_bytes() for name in ("version.py", "__init__.py") if (folder / name).exists())


def key(files: tuple[Path, ...], term_label: str, units: pd.DataFrame | None) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(code_stamp())
    h.update(holidays_stamp())
    for f in files:
        h.update(str(f).encode() + b"\0" + f.read_bytes())
    h.update(term_label.encode())
    if units is not None:
        h.update(pd.util.hash_pandas_object(units, index=True).to_numpy().tobytes())
        h.update(",".join(units.columns).encode())
    return h.hexdigest()


def load(k: str) -> pd.DataFrame | None:
    events = read_entry(k)
    from .table import EVENT_COLUMNS

    if not isinstance(events, pd.DataFrame) or list(events.columns)[: len(EVENT_COLUMNS)] != EVENT_COLUMNS:
        return None  # a foreign entry under our name: build afresh
    return events


def store(k: str, events: pd.DataFrame) -> None:
    write_entry(k, events)


def read_entry(name: str) -> object | None:
    """The object kept as ``name`` in the cache, or None (none, damaged, or the cache is off)."""
    folder = cache_dir()
    path = folder / f"{name}.pkl" if folder else None
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # unpickling damaged bytes can raise almost anything: build afresh
        return None


def write_entry(name: str, value: object) -> None:
    """Keep ``value`` as ``name`` in the cache (if on, and writable)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):  # a read-only home is no reason to fail a query
        write_atomic(folder / f"{name}.pkl", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
