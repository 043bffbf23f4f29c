"""A command's plan from its inputs as written (:func:`query_plan`), with the status file applied,
and for a query kept between runs (:mod:`cycle.plan.cache`'s folder): ``cycle due`` and ``cycle
status`` asked again on the same day, of the same files, read it back instead of parsing the
model, reading the events table and matching the status file against it (after ``import
pandas``, most of a warm query's time). The making is here, with the keeping, so that the code
that makes the plan is the code the entry's name is stamped with.

An entry is named by what the command was given (model, period, units, sheet and status file
as written, and the folder they are relative to), by the installed cycle (where it is, and the
code of the plan and the ledger, found by walking their imports) and by ``holidays``. It holds
the day and the today it was made for and every file read, with a digest of its bytes: it is
used for those days only, and only while each of those files reads the same. One entry per
set of inputs, replaced the next day.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..errors import CycleError
from ..plan import Plan
from ..plan.cache import PLAN_DIR, code_stamp, holidays_stamp, read_entry, write_entry

#: This package: its imports lead the walk (the ledger, the plan, the model).
LEDGER_DIR = Path(__file__).resolve().parent


class Inputs(NamedTuple):
    """A command's ``--model``, term (``--period``, else the year it is about), ``--units``,
    ``--sheet`` and ``--status``, as written."""

    model: str
    year: int | str
    units: str | None
    sheet: str | None
    status: str | None


def query_plan(given: Inputs, *, day: date, clock: date, memo: bool = False) -> Plan:
    """The plan of ``given``, its status file applied as of ``day`` (today being ``clock``): the
    model's own status file only with the model's own units. With ``memo``, kept for the next
    run and read from the last one's if it holds."""
    if memo and (kept := recall(given, day, clock)) is not None:
        return kept
    from ..plan import build_plan
    from . import attach

    units = given.units
    if given.sheet is not None:
        if units is None:
            raise CycleError("--sheet kræver --units", "--sheet needs --units", key="sheet")
        from ..units import load_units

        units = load_units(units, given.sheet)
    plan = build_plan(given.model, given.year, units, cache=True)
    plan = attach(plan, given.status, day=day, clock=clock, own_units=given.units is None, cache=True)
    if memo:
        keep(given, day, clock, plan, given.units or plan.model.units_path)
    return plan


def recall(given: Inputs, day: date, clock: date) -> Plan | None:
    """The plan kept for ``given`` (the command's inputs as written) on ``day`` with today
    ``clock``, if every file it was made of reads the same; else None."""
    entry = read_entry(_name(given))
    if not isinstance(entry, dict) or entry.get("days") != (day, clock):
        return None
    files = entry.get("files")
    if not isinstance(files, list) or any(_digest(path) != digest for path, digest in files):
        return None
    plan = entry.get("plan")
    return plan if isinstance(plan, Plan) else None


def keep(given: Inputs, day: date, clock: date, plan: Plan, units_file: str | Path | None) -> None:
    """Keep ``plan`` for :func:`recall`, with the files it was made of: the model's (its
    includes and meeting plans among them), the units file and the status file."""
    read = [*plan.model.files, units_file, plan.ledger.path if plan.ledger is not None else None]
    files = [(str(f), _digest(f)) for f in dict.fromkeys(str(Path(f).resolve()) for f in read if f)]
    write_entry(_name(given), {"days": (day, clock), "files": files, "plan": plan})


def _name(given: Inputs) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(code_stamp(LEDGER_DIR))
    h.update(holidays_stamp())
    h.update(repr((str(PLAN_DIR), os.getcwd(), tuple(given))).encode())
    return "query-" + h.hexdigest()


def _digest(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "blake2b").digest()
    except OSError:
        return None
