"""Writing calendars: one file (``cycle ical -o FILE``) or one feed per organisation unit with
an ``all.ics`` and an index (``--split unit``). Every file is written atomically, a file cycle
did not write is overwritten only with ``force``, and SEQUENCE moves only for changed events.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import CycleError
from ...i18n import t
from ...io import write_atomic
from ...plan import Plan
from .bulk import calendar_bytes, event_blocks, render_chunks
from .options import Options, concerning, select
from .reference import PRODID, Header, alarm
from .rows import feed_rows
from .sequence import now_utc, previous_state, stamp

#: The index of a folder of feeds: which file is which unit's (the site lists it).
INDEX = "feeds.json"
#: The feed with every event; it also keeps what subscribers saw, for SEQUENCE.
ALL_FILE = "all.ics"


def _is_ours(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(4096)
    return head.startswith(b"BEGIN:VCALENDAR") and PRODID.encode() in head


def _guard(path: Path, force: bool) -> None:
    if path.exists() and not force and (path.is_dir() or not _is_ours(path)):
        raise CycleError(
            "findes og er ikke en iCalendar-fil skrevet af cycle (brug --force for at overskrive)",
            "exists and is not an iCalendar file written by cycle (use --force to overwrite)",
            file=path,
            key="output",
        )


def calendar_name(plan: Plan, lang: str, unit_name: str = "") -> tuple[str, str]:
    """The calendar's name and description, as Outlook lists it."""
    model = plan.model.name_en if lang == "en" else plan.model.name
    name = f"{model}: {t('calname', lang)} {plan.term.label}" + (f" – {unit_name}" if unit_name else "")
    return name, t("caldesc", lang, model=model, period=plan.term.label)


def _header(plan: Plan, opts: Options, unit_name: str = "") -> Header:
    name, desc = calendar_name(plan, opts.lang, unit_name)
    return Header(opts.feed, name, desc, opts.warn_days, opts.lang)


def _stamped_rows(plan: Plan, opts: Options, selected: pd.DataFrame, previous: Path) -> pd.DataFrame:
    """The property table of ``selected``, stamped against the earlier export at ``previous``."""
    rows = feed_rows(selected, opts.lang, opts.warn_days)
    state = previous_state(previous) if previous.is_file() and _is_ours(previous) else None
    return stamp(rows, state, now_utc(), alarms=alarm(_header(plan, opts)) is not None)


def export(plan: Plan, path: str | Path, opts: Options, *, force: bool = False) -> Path:
    """Write one calendar file; SEQUENCE moves for the events that changed since the last export."""
    path = Path(path)
    _guard(path, force)
    selected = select(plan, opts)
    unit_name = ""
    if len(opts.units) == 1 and plan.units is not None:
        unit_name = plan.units.set_index("id").loc[opts.units[0], "name"]
    rows = _stamped_rows(plan, opts, selected, path)
    return write_atomic(path, render_chunks(rows, _header(plan, opts, unit_name)))


def safe_name(unit: str) -> str:
    """A file name for a unit id, whatever it holds: ASCII slug plus a digest of the id.

    >>> safe_name("../../etc/passwd"), safe_name("Æble skole")
    ('enhed-etc-passwd-830a08e2.ics', 'enhed-oble-skole-77a311a4.ics')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", unit.lower().translate(str.maketrans("æøåé", "oaae"))).strip("-")[:40]
    digest = hashlib.blake2b(unit.encode("utf-8"), digest_size=4).hexdigest()
    return f"enhed-{slug or 'x'}-{digest}.ics"


def _check_folder(plan: Plan, directory: Path, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise CycleError("er ikke en mappe", "is not a directory", file=directory, key="output")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / INDEX).is_file() and not force:
        raise CycleError(
            "mappen findes og er ikke skrevet af cycle (brug --force)",
            "the directory exists and was not written by cycle (use --force)",
            file=directory,
            key="output",
        )
    if plan.units is None or plan.units.empty:
        raise CycleError("--split unit kræver en enhedsfil", "--split unit needs a units file", key="units")


def export_split(plan: Plan, directory: str | Path, opts: Options, *, force: bool = False) -> Path:
    """One feed per organisation unit (its own events plus the municipality-wide ones that
    concern it), an ``all.ics`` and an index ``feeds.json``; each file written atomically."""
    directory = Path(directory)
    _check_folder(plan, directory, force)
    # A subscriber's state is kept in all.ics: every event in any feed is in it.
    rows = _stamped_rows(plan, opts, select(plan, opts), directory / ALL_FILE)
    blocks = event_blocks(rows, Header(opts.feed, warn_days=opts.warn_days, lang=opts.lang)).tolist()
    directory.mkdir(parents=True, exist_ok=True)
    old = json.loads((directory / INDEX).read_text(encoding="utf-8")) if (directory / INDEX).is_file() else {}
    write_atomic(directory / ALL_FILE, calendar_bytes(_header(plan, opts), blocks))
    index = [{"unit": "", "name": t("all_units", opts.lang), "file": ALL_FILE, "events": len(rows)}]
    index += _write_unit_feeds(plan, directory, opts, rows, blocks)
    _remove_stale(directory, old.get("feeds", []), {e["file"] for e in index})
    data = {"model": plan.model.id, "period": plan.term.label, "feeds": index}
    write_atomic(directory / INDEX, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return directory


def _write_unit_feeds(plan: Plan, directory: Path, opts: Options, rows: pd.DataFrame, blocks: list[bytes]) -> list:
    """Each unit's feed, from the rendered events of ``all.ics``; their index entries."""
    units = plan.units[plan.units["id"].isin(opts.units)] if opts.units else plan.units
    is_shared = (rows["unit"] == "") & rows["document"].isin(concerning(plan))
    shared = np.flatnonzero(is_shared.to_numpy())
    own = {u: pos for u, pos in rows.groupby("unit", sort=False).indices.items() if u != ""}
    index = []
    for unit, name in zip(units["id"], units["name"], strict=True):
        file = safe_name(unit)
        positions = np.union1d(shared, own.get(unit, shared[:0]))  # in date order, as in all.ics
        body = calendar_bytes(_header(plan, opts, name), [blocks[i] for i in positions])
        write_atomic(directory / file, body, durable=False)
        index.append({"unit": unit, "name": name, "file": file, "events": len(positions)})
    return index


def _remove_stale(directory: Path, old_feeds: list[dict], written: set[str]) -> None:
    """Feeds of units that are gone: only files the old index names, inside the folder."""
    for entry in old_feeds:
        file = entry.get("file")
        stale = directory / (file or "")
        if file and file not in written and stale.is_file() and stale.parent == directory:
            stale.unlink()
