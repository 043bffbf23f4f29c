"""Parsing a document's or meeting's raw table into the model's typed parts.

The schema (:mod:`cycle.model.schema`) reads every key: type, default and choices. What is left
here is what ties keys together: a phase's bounds and its blocks, the document's values a point
rule inherits, and the dataclasses built from it all.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..errors import CycleError
from ..period import TermQuarter, parse_term_quarter
from . import schema
from .schema import Where
from .types import Document, GroupOverride, Meeting, MeetingPlan, Override, Phase, PointRule

_QUARTER_ONLY = re.compile(r"^\s*Q([1-4])\s*$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"^\s*(\d{2})-(\d{2})\s*$")
#: Each role of a point rule: the TOML table it is declared in, its schema, the event kind it makes.
_ROLES = {
    "deadline": ("deadline", schema.POINT, "deadline"),
    "milestone": ("milestone", schema.POINT, "milestone"),
    "treatment": ("treatment", schema.TREATMENT, "milestone"),
}

Span = tuple[tuple[int, int], tuple[int, int]]  # ((År, Q), (År, Q)), inclusive


def enabled(raw: dict, table: schema.Table, file: Path) -> bool:
    """Whether a document or meeting is switched on (``enabled = false`` switches it off)."""
    return schema.value(raw, table, "enabled", Where(file, raw["id"]))


def parse_document(raw: dict, file: Path, origin: int, levels: tuple[str, ...]) -> Document:
    """One ``[[document]]`` (merged with its base, if it patches one) → :class:`Document`."""
    where = Where(file, raw["id"])
    v = schema.read(raw, schema.DOCUMENT, where, {"levels": levels})
    inherited = {"title": v["title"], "title_en": v["title_en"], "source": v["source"]}
    phases = tuple(parse_phase(p, where.inside("phase."), inherited) for p in v["phase"])
    points = tuple(
        parse_point(p, role, i, where.inside(f"{role}."), inherited) for role in _ROLES for i, p in enumerate(v[role])
    )
    return Document(
        id=v["id"],
        title=v["title"],
        title_en=v["title_en"],
        level=v["level"],
        parties=v["parties"],
        parent=v["parent"],
        per_unit=v["per_unit"],
        purpose=v["purpose"],
        purpose_en=v["purpose_en"],
        source=v["source"],
        url=v["url"],
        concerns_units=v["concerns_units"],
        phases=phases,
        points=points,
        file=str(file),
        origin=origin,
    )


def parse_phase(raw: dict, where: Where, inherited: dict[str, str]) -> Phase:
    """One ``[[document.phase]]`` → :class:`Phase`, split into its blocks."""
    v = schema.read(raw, schema.PHASE, where, inherited)
    days = _days(v, where)
    blocks = tuple(block for span in _spans(v, where, days) for block in split(span, v["every"]))
    return Phase(
        kind=v["kind"],
        blocks=blocks,
        deadline=v["deadline"],
        deadline_label=v["deadline_label"],
        deadline_label_en=v["deadline_label_en"],
        shift=v["shift"],
        source=v["source"],
        note=v["note"],
        days=days,
    )


def _days(v: dict, where: Where) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A yearly window given in days (``years`` with ``from = "04-01"``, ``to = "06-15"``)."""
    bounds = [_MONTH_DAY.match(v[k]) for k in ("from", "to")]
    if not any(bounds) or v["years"] is None:
        return None
    days = []
    for key, m in zip(("from", "to"), bounds, strict=True):
        try:
            day = date(2001, int(m[1]), int(m[2])) if m else None  # 2001: not a leap year
        except ValueError:
            day = None
        if day is None:
            where.fail(
                key,
                f"angiv begge grænser som dage (MM-DD), ikke '{v[key]}'",
                f"give both bounds as days (MM-DD), not '{v[key]}'",
            )
        days.append((day.month, day.day))
    if days[1] < days[0]:
        where.fail(
            "to",
            f"'to' ligger før 'from' ({v['to']} < {v['from']})",
            f"'to' is before 'from' ({v['to']} < {v['from']})",
        )
    if v["every"]:
        where.fail("every", "et vindue i dage deles ikke op", "a window in days is not split")
    return days[0], days[1]


def _spans(v: dict, where: Where, days) -> list[Span]:
    """A phase's spans: one absolute span, or one per listed year with quarter-only bounds (or
    the quarters its days fall in)."""
    if v["years"] is None:
        spans = [(_term_quarter(v["from"], "from", where), _term_quarter(v["to"], "to", where))]
    elif days:
        first, last = ((m - 1) // 3 + 1 for m, _ in days)
        spans = [((y, first), (y, last)) for y in v["years"]]
    else:
        first, last = _quarter_only(v["from"], "from", where), _quarter_only(v["to"], "to", where)
        spans = [((y, first), (y, last)) for y in v["years"]]
    for a, b in spans:
        if b < a:
            where.fail(
                "to",
                f"'to' ligger før 'from' ({v['to']} < {v['from']})",
                f"'to' is before 'from' ({v['to']} < {v['from']})",
            )
    return spans


def _term_quarter(text: str, key: str, where: Where) -> tuple[int, int]:
    try:
        return parse_term_quarter(text)
    except CycleError as e:
        where.fail(key, e.da, e.en)


def _quarter_only(text: str, key: str, where: Where) -> int:
    m = _QUARTER_ONLY.match(text)
    if not m:
        where.fail(
            key,
            f"med 'years' angives kvartalet alene eller en dag, fx 'Q1' eller '04-01' (ikke '{text}')",
            f"with 'years', give the quarter alone or a day, e.g. 'Q1' or '04-01' (not '{text}')",
        )
    return int(m[1])


def split(span: Span, every: str | None) -> list[Span]:
    """A span as one block, or one block per quarter or per year of the term (``every``)."""
    first, last = TermQuarter(*span[0]), TermQuarter(*span[1])
    if every == "quarter":
        blocks = [(q, q) for q in TermQuarter.all()[first.index : last.index + 1]]
    elif every == "year":  # cut at each turn of the year, inside the span
        years = range(first.year, last.year + 1)
        blocks = [(max(first, TermQuarter(y, 1)), min(last, TermQuarter(y, 4))) for y in years]
    else:
        blocks = [(first, last)]
    return [(tuple(a), tuple(b)) for a, b in blocks]


def parse_point(raw: dict, role: str, index: int, where: Where, inherited: dict[str, str]) -> PointRule:
    """One ``[[document.deadline]]``, ``[[document.milestone]]`` or ``[[document.treatment]]``
    → :class:`PointRule`.

    ``index`` is its place among the document's rules of that role (``cycle explain`` names it).
    """
    _, table, kind = _ROLES[role]
    v = schema.read(raw, table, where, {**inherited, "shift": schema.POINT_SHIFT[kind]})
    given = [k for k in ("rrule", "at", "anchor") if k in raw]
    if role == "treatment" and len(given) > 1:
        where.fail(given[1], "angiv højst én af rrule, at eller anchor", "give at most one of rrule, at or anchor")
    if given and not v[given[0]]:
        where.fail(given[0], "må ikke være tom", "must not be empty")
    if role != "treatment" and v["statutory"] and v["meeting"]:
        where.fail(
            "meeting",
            "en lovfrist flyttes ikke til et møde: angiv mødet som en [[document.treatment]]",
            "a statutory deadline is not moved onto a meeting: give the meeting as a [[document.treatment]]",
        )
    overrides = tuple(_override(o, where.inside("override.")) for o in v.get("override", ()))
    return PointRule(
        kind=kind,
        index=index,
        label=v["label"],
        label_en=v["label_en"],
        rrule=v["rrule"],
        at=v["at"],
        edge=v["edge"],
        anchor=v["anchor"],
        years=v["years"],
        offset=v["offset"],
        shift=v.get("shift") or "none",
        meeting=v["meeting"],
        landing=v["landing"],
        not_after=v["not_after"],
        source=v["source"],
        note=v["note"],
        overrides=overrides,
        role=role,
        statutory=v.get("statutory", False),
        assumed=v["assumed"],
        anchor_on=v["anchor_on"],
        not_before=v["not_before"],
    )


def _override(raw: dict, where: Where) -> Override:
    """A date set by hand for one year: the date must lie in that year, or the year's own date
    would silently be dropped and another year's doubled."""
    o = Override(**schema.read(raw, schema.OVERRIDE, where))
    if o.date.year != o.year:
        where.fail(
            "date",
            f"datoen {o.date.isoformat()} ligger ikke i året {o.year} ('year')",
            f"the date {o.date.isoformat()} is not in the year {o.year} ('year')",
        )
    return o


def parse_meeting(raw: dict, file: Path, levels: tuple[str, ...]) -> Meeting:
    """One ``[[meeting]]`` (merged with its base, if it patches one) → :class:`Meeting`."""
    v = schema.read(raw, schema.MEETING, Where(file, raw["id"]), {"levels": levels, "level": levels[0]})
    return Meeting(
        id=v["id"],
        title=v["title"],
        title_en=v["title_en"],
        level=v["level"],
        parties=v["parties"],
        rrule=v["rrule"],
        exdate=v["exdate"],
        rdate=v["rdate"],
        source=v["source"],
        file=str(file),
        shift=v["shift"],
        assumed=v["assumed"],
        plans=tuple(_plan(p, file, Where(file, raw["id"], "plan.")) for p in v["plan"]),
    )


def _plan(raw: dict, file: Path, where: Where) -> MeetingPlan:
    """A ``[[meeting.plan]]``: its file is found beside the model file that names it."""
    v = schema.read(raw, schema.MEETING_PLAN, where)
    path = (file.parent / v["file"]).resolve()
    if not path.is_file():
        where.fail("file", f"mødeplanen '{v['file']}' findes ikke", f"the meeting plan '{v['file']}' does not exist")
    return MeetingPlan(file=path, match=v["match"], sheet=v["sheet"], covers=v["covers"])


def parse_override(raw: dict, file: Path) -> GroupOverride:
    """One ``[[override]]``: several documents' deadlines of one year moved together."""
    v = schema.read(raw, schema.GROUP_OVERRIDE, Where(file, raw.get("id") if isinstance(raw.get("id"), str) else None))
    for doc, day in v["dates"].items():
        if day.year != v["year"]:
            Where(file, v["id"], "dates.").fail(
                doc,
                f"datoen {day.isoformat()} ligger ikke i året {v['year']}",
                f"the date {day.isoformat()} is not in the year {v['year']}",
            )
    return GroupOverride(
        id=v["id"],
        year=v["year"],
        dates=v["dates"],
        note=v["note"],
        note_en=v["note_en"],
        source=v["source"],
        file=str(file),
    )
