"""Event UIDs: the only code that builds and takes apart the ``uid`` of an event.

A UID reads ``model.term.document.<kind code><occurrence>[.unit][.w<days>]@cycle``:

- ``term`` is the first year of the election period the event's *rule* belongs to. For a
  document carried over from the previous term it is that term's year, not the plan's;
- ``occurrence`` is ``<year>-<n>``: the n-th event of its (term, document, kind, unit) in the
  year of the rule's occurrence (the year of the date the rule counts from, :mod:`.points`), not
  the year its date lands in, so a UID survives edits to other rules and to this rule's date,
  even across New Year. With the term it names the plan that lists the event
  (:attr:`UidParts.plan_year`): for an event of the plan's own rules the term is the plan's;
  for one of an earlier term's (a carried-over document) the year is held inside the plan's term;
- ``unit`` is the organisation unit's id, percent-encoded (``urllib.parse.quote``);
- ``.w<days>`` marks the warning event an iCalendar export adds ``days`` before a deadline.

Model and document ids are ``[a-z0-9-]`` (checked by the loader), so the first four dot-separated
parts are unambiguous; whatever follows is the unit and/or the warning mark. The UID is short so
its iCalendar line rarely needs folding, which keeps bulk feeds fast.

>>> u = build("lemvig", 2022, "politisk-vision", "validity", "2026-1")
>>> u
'lemvig.2022.politisk-vision.g2026-1@cycle'
>>> p = parse(warning(u, 14))
>>> p.term_first_year, p.kind, p.occurrence, p.plan_year, p.warn_days
(2022, 'validity', '2026-1', 2026, 14)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

import pandas as pd

from ..columns import joined
from ..errors import CycleError

#: Kind → the letters in a UID (Danish, like the timeline's codes): udarbejdelse, gyldighed,
#: frist, milepæl, møde.
UID_CODES = {"drafting": "u", "validity": "g", "deadline": "f", "milestone": "m", "meeting": "mo"}
_KIND_OF_CODE = {code: kind for kind, code in UID_CODES.items()}

SUFFIX = "@cycle"
_UID = re.compile(
    r"^(?P<model>[a-z0-9-]+)\.(?P<term>\d{4})\.(?P<document>[a-z0-9-]+)"
    r"\.(?P<code>mo|u|g|f|m)(?P<occurrence>(?P<year>\d{4})-\d+)"
    r"(?:\.(?P<rest>.+?))?" + re.escape(SUFFIX) + "$"
)
_WARN = re.compile(r"^(?:(?P<unit>.+)\.)?w(?P<days>\d+)$")


@dataclass(frozen=True)
class UidParts:
    """A UID taken apart. ``unit`` is decoded ('' for a municipality-wide event)."""

    model: str
    term_first_year: int
    document: str
    kind: str
    occurrence: str
    unit: str = ""
    warn_days: int | None = None

    @property
    def plan_year(self) -> int:
        """A year of the plan that lists the event: its occurrence's year, or the UID's term if
        that is later (a deadline of December moved into the next term's January)."""
        return max(int(self.occurrence.split("-")[0]), self.term_first_year)

    @property
    def event_uid(self) -> str:
        """The UID of the event in the events table (a warning's UID names its deadline)."""
        return build(self.model, self.term_first_year, self.document, self.kind, self.occurrence, self.unit)


def _unit_part(unit: str) -> str:
    return "." + quote(unit, safe="") if unit else ""


def build(model: str, term_first_year: int | str, document: str, kind: str, occurrence: str, unit: str = "") -> str:
    """One UID (see the module's description)."""
    return f"{model}.{term_first_year}.{document}.{UID_CODES[kind]}{occurrence}{_unit_part(unit)}{SUFFIX}"


def build_column(events: pd.DataFrame) -> pd.Series:
    """:func:`build` over an events table with columns model, period ('2026-2029'), document,
    kind, occurrence and unit: each UID joined once from its parts' distinct values."""
    return joined(*line_parts(events), categories=False)


def line_parts(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each event's UID (:func:`build_column`) as its rule's part (``model.term.document.<code>
    <occurrence>``) and its unit's (``[.unit]@cycle``), two categoricals of few values: a
    national export renders a distinct UID per row from a few hundred and a few thousand
    pieces."""
    rule = joined(
        events["model"],
        ".",
        events["period"].str[:4],
        ".",
        events["document"],
        ".",
        events["kind"].map(UID_CODES),
        events["occurrence"],
    )
    return rule, joined(events["unit"].map(_unit_part), SUFFIX)


def warning(uid: str, days: int) -> str:
    """The UID of the warning event ``days`` before the deadline ``uid``."""
    return uid.removesuffix(SUFFIX) + f".w{days}{SUFFIX}"


def warning_column(uids: pd.Series, days: int) -> pd.Series:
    """:func:`warning` over a column of UIDs (or of their unit parts, :func:`line_parts`)."""
    if isinstance(uids.dtype, pd.CategoricalDtype):
        return uids.cat.rename_categories([warning(u, days) for u in uids.cat.categories])
    return uids.str.replace(SUFFIX, f".w{days}{SUFFIX}", regex=False)


def parse(uid: str) -> UidParts:
    """Take a UID apart. A trailing ``.w<days>`` is read as a warning mark (a unit whose id is
    ``w`` and digits cannot be told from one; such a unit is read as a warning)."""
    m = _UID.match(uid.strip())
    if not m:
        raise CycleError(
            f"ugyldig begivenheds-UID '{uid}' (fx lemvig.2026.budget.f2026-1@cycle)",
            f"invalid event UID '{uid}' (e.g. lemvig.2026.budget.f2026-1@cycle)",
            key="uid",
        )
    unit, warn = m["rest"] or "", None
    w = _WARN.match(unit)
    if w:
        unit, warn = w["unit"] or "", int(w["days"])
    return UidParts(
        model=m["model"],
        term_first_year=int(m["term"]),
        document=m["document"],
        kind=_KIND_OF_CODE[m["code"]],
        occurrence=m["occurrence"],
        unit=unquote(unit),
        warn_days=warn,
    )
