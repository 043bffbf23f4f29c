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
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ...columns import codes
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
from .state import Digest, check_later
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
    plan: Plan,
    opts: Options,
    selected: pd.DataFrame,
    previous: Path | None,
    force: bool,
    sha256: Callable[[], str | None] | None = None,
) -> pd.DataFrame:
    """The property table of ``selected``, stamped against the earlier export at ``previous``
    (whose digest ``sha256`` gives, if it is being taken already)."""
    rows = feed_rows(selected, opts.lang, opts.warn_days)
    state = _previous(previous, force, rows["uid"], sha256) if previous is not None and previous.is_file() else None
    return stamp(rows, state, now_utc(), alarms=alarm(_header(plan, opts)) is not None)


def _check_started(previous: Path | None) -> Callable[[], str | None] | None:
    """The digest of the earlier calendar at ``previous``, if its sidecar must be checked against
    it (:func:`.state.check_later`): taken while the rows are made, not after."""
    return check_later(previous) if previous is not None else None


def _previous(
    path: Path, force: bool, uids: pd.Series, sha256: Callable[[], str | None] | None = None
) -> pd.DataFrame | None:
    """What subscribers saw in the earlier export: from its sidecar (:mod:`.state`), else parsed
    from the calendar; a damaged one stops the run (its SEQUENCE numbers would be lost) unless
    ``force`` starts afresh."""
    if not _is_ours(path):
        return None
    kept = load_state(path, sha256, uids)
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
    sha256 = _check_started(target)
    selected = mark_met(select(plan, opts), opts.lang)
    rows = _stamped_rows(plan, opts, selected, target, force, sha256)
    digest = Digest()
    write_atomic(path, digest.of(render_chunks(rows, _header(plan, opts, _unit_name(plan, opts)))))
    save_state(target, rows, digest, write_atomic)  # after the calendar: a crash between leaves it stale
    return path


def write_file(plan: Plan, path: Path, opts: Options, previous: Path | None, *, force: bool = False) -> None:
    """One calendar and its state into a folder being built (no one sees it until the swap),
    stamped against the earlier export at ``previous``."""
    sha256 = _check_started(previous)
    rows = _stamped_rows(plan, opts, mark_met(select(plan, opts), opts.lang), previous, force, sha256)
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

    units_state = earlier(STATE_FILE) if by == "unit" else None
    # The earlier unit feeds' state is checked against its calendar (hashed whole) while the
    # rows are made: the check is most of what an update adds to a fresh export.
    sha256 = _check_started(units_state)
    selected = select(plan, opts)
    out.mkdir(parents=True, exist_ok=True)
    shared = _stamped_rows(plan, opts, mark_met(fold_units(selected, opts.lang), opts.lang), earlier(ALL_FILE), force)
    _write_calendar(out / ALL_FILE, shared, _header(plan, opts))
    index = [{"unit": "", "name": t("all_units", opts.lang), "file": ALL_FILE, "events": len(shared)}]
    if by == "unit":
        # Every event of any unit feed, rendered once; the state file holds them all.
        rows = _stamped_rows(plan, opts, mark_met(selected, opts.lang), units_state, force, sha256)
        del selected  # each freed as soon as it is done with: 20 MiB at 10,000 units, the rows 18
        pieces = event_pieces(rows, _header(plan, opts))
        digest = Digest()
        write_private(out / STATE_FILE, digest.of(calendar_chunks(_header(plan, opts), pieces)))
        save_state(out / STATE_FILE, rows, digest, write_private)
        units = _feed_units(plan, opts)
        feeds = _feed_positions(plan, rows, units["id"].tolist(), _row_sizes(pieces))
        del rows
        index += _write_unit_feeds(plan, out, opts, units, pieces, feeds)
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


def _feed_units(plan: Plan, opts: Options) -> pd.DataFrame:
    """The units that get a feed of their own."""
    return plan.units[plan.units["id"].isin(opts.units)] if opts.units else plan.units


def _row_sizes(pieces: np.ndarray) -> np.ndarray:
    """The bytes of each rendered event (a piece of every row at a time: no array of all)."""
    sizes = np.zeros(len(pieces), dtype=np.int64)
    for column in pieces.T:
        sizes += np.fromiter(map(len, column), dtype=np.int64, count=len(column))
    return sizes


def _write_unit_feeds(
    plan: Plan, directory: Path, opts: Options, units: pd.DataFrame, pieces: np.ndarray, feeds: tuple
) -> list:
    """Each unit's feed, from the rendered events of every unit (:func:`.bulk.event_pieces`) and
    where each feed's are (:func:`_feed_positions`); their index entries."""
    ids, names = units["id"].tolist(), units["name"].tolist()
    bounds, positions, sizes = feeds
    header = _header(plan, opts)
    heads = feed_heads(header, [header.name + _UNIT_NAMED + n for n in names])  # calendar_name's
    index = []
    with PrivateFolder(directory) as out:
        for k, (unit, name, head) in enumerate(zip(ids, names, heads, strict=True)):
            file = safe_name(unit)
            body = pieces[positions[bounds[k] : bounds[k + 1]]].ravel().tolist()  # in date order, piece by piece
            size = len(head) + sizes[k] + len(END_CALENDAR)
            out.write(file, [head, *body, END_CALENDAR], size)  # one writev: no join
            index.append({"unit": unit, "name": name, "file": file, "events": len(body) // PIECES})
    return index


def _feed_positions(
    plan: Plan, rows: pd.DataFrame, units: list[str], row_sizes: np.ndarray
) -> tuple[list[int], np.ndarray, list[int]]:
    """The rows of every unit's feed (its own and the municipality-wide ones that concern units),
    feed after feed and in date order within each (as in ``all.ics``), where each feed starts,
    and the bytes of each feed's events (``row_sizes``: each row's). At 10,000 units the feeds
    hold a million rows together: each own row is put in its place, and the shared rows fill
    the places left, rather than sorting them all."""
    shared = np.flatnonzero(((rows["unit"] == "") & rows["document"].isin(concerning(plan))).to_numpy())
    found, values = codes(rows["unit"])
    owner = np.append(pd.Index(units).get_indexer(values), -1).astype(np.int32)[found]  # -1: no feed's
    own = np.flatnonzero(owner >= 0).astype(np.int32)
    owners = owner[own]
    del owner
    own_counts = np.bincount(owners, minlength=len(units))
    sizes = np.bincount(owners, weights=row_sizes[own], minlength=len(units)) + row_sizes[shared].sum()
    bounds = np.concatenate([[0], np.cumsum(own_counts + len(shared))])
    # Own rows feed by feed (a stable sort keeps each feed's in row order). The i-th of them, in
    # feed k, comes after the i own rows before it (its feed's and earlier feeds'), the shared
    # rows of the k earlier feeds, and its own feed's shared rows that precede it.
    order = np.argsort(owners, kind="stable")
    mine, feed = own[order], owners[order]
    del order, own, owners
    places = np.searchsorted(shared, mine)
    places += np.arange(len(mine))
    places += feed.astype(np.int64) * len(shared)
    del feed
    positions = np.empty(bounds[-1], dtype=np.int32)
    free = np.ones(bounds[-1], dtype=bool)
    positions[places], free[places] = mine, False
    positions[free] = np.tile(shared.astype(np.int32), len(units))
    return bounds.tolist(), positions, sizes.astype(np.int64).tolist()
