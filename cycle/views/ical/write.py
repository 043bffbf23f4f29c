"""Writing calendars: one file (``cycle ical -o FILE``) or one feed per organisation unit with
an ``all.ics`` and an index (``--split unit``). A file is replaced atomically (:mod:`cycle.io`);
the folder of feeds is built whole and swapped in (:mod:`cycle.outdir`), one run at a time, with
files a user added kept. A file cycle did not write is overwritten only with ``force``, and
SEQUENCE moves only for changed events.
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
from ...io import PrivateFolder, json_listing, os_error, resolve_file, write_atomic, write_private
from ...outdir import replace_folder
from ...plan import Plan
from .bulk import END_CALENDAR, PIECES, calendar_chunks, event_pieces, feed_heads, render_chunks
from .fold import fold_units, mark_met
from .options import Options, concerning, select
from .reference import PRODID, Header, alarm
from .rows import feed_rows
from .sequence import now_utc, previous_state, stamp
from .state import Digest
from .state import load as load_state
from .state import save as save_state

#: The index of a folder of feeds: which file is which unit's (the site lists it).
INDEX = "feeds.json"
#: The feed with every event, per-unit events folded into one per rule and date.
ALL_FILE = "all.ics"
#: Every event as the unit feeds hold them: what their subscribers saw, for SEQUENCE (the
#: folded all.ics no longer has the per-unit events).
STATE_FILE = ".units-state.ics"
#: How a split names its feeds: by unit, area or director (the units file's columns).
SPLITS = {"unit": "enhed", "area": "omraade", "director": "direktoer"}


def _is_ours(path: Path) -> bool:
    """Whether the regular file at ``path`` is a calendar cycle wrote."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise os_error(e, path, key="output") from None
    return head.startswith(b"BEGIN:VCALENDAR") and PRODID.encode() in head


def _guard(target: Path, shown: Path, force: bool) -> None:
    """``target`` is :func:`resolve_file`'s: a regular file or nothing (never a FIFO to block on)."""
    if target.is_file() and not force and not _is_ours(target):
        raise CycleError(
            "findes og er ikke en iCalendar-fil skrevet af cycle (brug --force for at overskrive)",
            "exists and is not an iCalendar file written by cycle (use --force to overwrite)",
            file=shown,
            key="output",
        )


def calendar_name(plan: Plan, lang: str, unit_name: str = "") -> tuple[str, str]:
    """The calendar's name and description, as Outlook lists it."""
    model = plan.model.name_en if lang == "en" else plan.model.name
    name = f"{model}: {t('calname', lang)} {plan.term.label}" + (_UNIT_NAMED + unit_name if unit_name else "")
    return name, t("caldesc", lang, model=model, period=plan.term.label)


#: Between the calendar's name and a unit's in a unit's feed.
_UNIT_NAMED = " – "


def _header(plan: Plan, opts: Options, unit_name: str = "") -> Header:
    name, desc = calendar_name(plan, opts.lang, unit_name)
    model_name = plan.model.name_en if opts.lang == "en" else plan.model.name
    return Header(opts.feed, name, desc, opts.warn_days, opts.lang, plan.model.organizer, model_name)


def _stamped_rows(
    plan: Plan, opts: Options, selected: pd.DataFrame, previous: Path | None, force: bool
) -> pd.DataFrame:
    """The property table of ``selected``, stamped against the earlier export at ``previous``."""
    rows = feed_rows(selected, opts.lang, opts.warn_days)
    state = _previous(previous, force) if previous is not None and previous.is_file() else None
    return stamp(rows, state, now_utc(), alarms=alarm(_header(plan, opts)) is not None)


def _previous(path: Path, force: bool) -> pd.DataFrame | None:
    """What subscribers saw in the earlier export: from its sidecar (:mod:`.state`), else parsed
    from the calendar; a damaged one stops the run (its SEQUENCE numbers would be lost) unless
    ``force`` starts afresh."""
    if not _is_ours(path):
        return None
    kept = load_state(path)
    if kept is not None:
        return kept
    try:
        return previous_state(path)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        if force:
            return None
        raise CycleError(
            f"den tidligere eksport kan ikke læses ({type(e).__name__}); brug --force for at skrive den forfra "
            "(abonnenter ser da alle begivenheder som nye)",
            f"the earlier export cannot be read ({type(e).__name__}); use --force to write it afresh "
            "(subscribers then see every event as new)",
            file=path,
            key="output",
        ) from None


def export(plan: Plan, path: str | Path, opts: Options, *, force: bool = False) -> Path:
    """Write one calendar file; SEQUENCE moves for the events that changed since the last export.
    A symbolic link is kept and the file it points to replaced."""
    path = Path(path)
    target = resolve_file(path)
    _guard(target, path, force)
    selected = mark_met(select(plan, opts), opts.lang)
    rows = _stamped_rows(plan, opts, selected, target, force)
    digest = Digest()
    write_atomic(path, digest.of(render_chunks(rows, _header(plan, opts, _unit_name(plan, opts)))))
    save_state(target, rows, digest, write_atomic)  # after the calendar: a crash between leaves it stale
    return path


def write_file(plan: Plan, path: Path, opts: Options, previous: Path | None, *, force: bool = False) -> None:
    """One calendar and its state into a folder being built (no one sees it until the swap),
    stamped against the earlier export at ``previous``."""
    rows = _stamped_rows(plan, opts, mark_met(select(plan, opts), opts.lang), previous, force)
    _write_calendar(path, rows, _header(plan, opts, _unit_name(plan, opts)))


def _write_calendar(path: Path, rows: pd.DataFrame, header: Header) -> None:
    """A calendar into a folder being built, and its state beside it."""
    digest = Digest()
    write_private(path, digest.of(render_chunks(rows, header)))
    save_state(path, rows, digest, write_private)


def _unit_name(plan: Plan, opts: Options) -> str:
    if len(opts.units) == 1 and plan.units is not None:
        return plan.units.set_index("id").loc[opts.units[0], "name"]
    return ""


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DANISH_LETTERS = str.maketrans("æøåé", "oaae")


def safe_name(unit: str, prefix: str = "enhed") -> str:
    """A file name for a unit id (or an area's or director's name), whatever it holds: ASCII
    slug plus a digest of the text.

    >>> safe_name("../../etc/passwd"), safe_name("Æble skole")
    ('enhed-etc-passwd-830a08e2.ics', 'enhed-oble-skole-77a311a4.ics')
    """
    slug = _NOT_SLUG.sub("-", unit.lower().translate(_DANISH_LETTERS)).strip("-")[:40]
    digest = hashlib.blake2b(unit.encode("utf-8"), digest_size=4).hexdigest()
    return f"{prefix}-{slug or 'x'}-{digest}.ics"


def feeds_written_before(folder: Path) -> set[str] | None:
    """The files an older version of cycle wrote into a folder of feeds (before manifests): its
    index and the feeds the index names; None if the folder has no readable index."""
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        files = {e["file"] for e in index["feeds"] if isinstance(e.get("file"), str)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return {INDEX, ALL_FILE, STATE_FILE, *files}


def export_split(plan: Plan, directory: str | Path, opts: Options, *, force: bool = False, by: str = "unit") -> Path:
    """One feed per organisation unit (its own events plus the municipality-wide ones that
    concern it), or per area or director (their units' events, folded), an ``all.ics`` (every
    event, folded) and an index ``feeds.json``; the folder swapped in whole."""
    if plan.units is None or plan.units.empty:
        raise CycleError("--split kræver en enhedsfil", "--split needs a units file", key="units")
    with replace_folder(directory, force=force, legacy=feeds_written_before) as build:
        write_split(plan, build.path, opts, previous=build.previous, force=force, by=by)
    return Path(directory)


def write_split(
    plan: Plan, out: Path, opts: Options, *, previous: Path | None, force: bool = False, by: str = "unit"
) -> None:
    """The feeds into ``out``, a folder no one sees yet (a swap's, or a site's being built);
    SEQUENCE from the earlier export in the folder ``previous``. Synced by the swap."""

    def earlier(name: str) -> Path | None:
        return previous / name if previous is not None else None

    selected = select(plan, opts)
    out.mkdir(parents=True, exist_ok=True)
    shared = _stamped_rows(plan, opts, mark_met(fold_units(selected, opts.lang), opts.lang), earlier(ALL_FILE), force)
    _write_calendar(out / ALL_FILE, shared, _header(plan, opts))
    index = [{"unit": "", "name": t("all_units", opts.lang), "file": ALL_FILE, "events": len(shared)}]
    if by == "unit":
        # A unit feed's state is kept in the state file: every event of any unit feed is in it.
        rows = _stamped_rows(plan, opts, mark_met(selected, opts.lang), earlier(STATE_FILE), force)
        del selected  # not needed again: freed before the events are rendered (~20 MiB at 10,000 units)
        pieces = event_pieces(rows, _header(plan, opts))  # the events: the same in every feed
        digest = Digest()
        write_private(out / STATE_FILE, digest.of(calendar_chunks(_header(plan, opts), pieces)))
        save_state(out / STATE_FILE, rows, digest, write_private)
        index += _write_unit_feeds(plan, out, opts, rows, pieces)
    else:
        for group, name, file, events, members in _groups(plan, opts, selected, by):
            rows = _stamped_rows(plan, opts, events, earlier(file), force)
            _write_calendar(out / file, rows, _header(plan, opts, name))
            index.append({by: group, "name": name, "file": file, "events": len(rows), "units": members})
    data = {"model": plan.model.id, "period": plan.term.label, "split": by, "feeds": index}
    write_private(out / INDEX, json_listing(data, "feeds") + "\n")  # a feed per line


def _groups(plan: Plan, opts: Options, selected: pd.DataFrame, by: str):
    """Each area's or director's feed: (value, name, file, events, units): its units' events,
    folded and marked, and the municipality-wide events that concern units."""
    units = plan.units[plan.units["id"].isin(opts.units)] if opts.units else plan.units
    shared = (selected["unit"] == "") & selected["document"].isin(concerning(plan))
    for group, members in units.groupby(by, sort=False)["id"]:
        events = selected[shared | selected["unit"].isin(set(members))]
        name = group or t("shared_group", opts.lang)
        yield (
            group,
            name,
            safe_name(group, SPLITS[by]),
            mark_met(fold_units(events, opts.lang), opts.lang),
            len(members),
        )


def _write_unit_feeds(plan: Plan, directory: Path, opts: Options, rows: pd.DataFrame, pieces: list[bytes]) -> list:
    """Each unit's feed, from the rendered events of every unit (:func:`.bulk.event_pieces`);
    their index entries."""
    units = plan.units[plan.units["id"].isin(opts.units)] if opts.units else plan.units
    ids, names = units["id"].tolist(), units["name"].tolist()
    bounds, positions = _feed_positions(plan, rows, ids)
    by_row = np.empty((len(rows), PIECES), dtype=object)
    by_row.ravel()[:] = pieces
    row_sizes = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)).reshape(-1, PIECES).sum(axis=1)
    ends = np.concatenate([[0], np.cumsum(row_sizes[positions])])[bounds].tolist()  # bytes before each feed's
    bounds = bounds.tolist()
    header = _header(plan, opts)
    heads = feed_heads(header, [header.name + _UNIT_NAMED + n for n in names])  # calendar_name's
    index = []
    with PrivateFolder(directory) as out:
        for k, (unit, name, head) in enumerate(zip(ids, names, heads, strict=True)):
            file = safe_name(unit)
            body = by_row[positions[bounds[k] : bounds[k + 1]]].ravel().tolist()  # in date order, piece by piece
            size = len(head) + ends[k + 1] - ends[k] + len(END_CALENDAR)
            out.write(file, [head, *body, END_CALENDAR], size)  # one writev: no join
            index.append({"unit": unit, "name": name, "file": file, "events": len(body) // PIECES})
    return index


def _feed_positions(plan: Plan, rows: pd.DataFrame, units: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The rows of every unit's feed (its own and the municipality-wide ones that concern units),
    feed after feed and in date order within each (as in ``all.ics``), and where each feed starts."""
    shared = np.flatnonzero(((rows["unit"] == "") & rows["document"].isin(concerning(plan))).to_numpy())
    owner = pd.Index(units).get_indexer(rows["unit"])  # -1: not a unit of these feeds
    own = np.flatnonzero(owner >= 0)
    feed = np.concatenate([np.repeat(np.arange(len(units)), len(shared)), owner[own]])
    row = np.concatenate([np.tile(shared, len(units)), own])
    order = np.lexsort((row, feed))
    counts = np.bincount(feed, minlength=len(units))
    return np.concatenate([[0], np.cumsum(counts)]), row[order]
