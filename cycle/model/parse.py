"""Parsing a document's or meeting's raw table into the model's typed parts.

The schema (:mod:`cycle.model.schema`) reads every key: type, default and choices. What is left
here is what ties keys together: a phase's bounds and its blocks, the document's values a point
rule inherits, and the dataclasses built from it all.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CycleError
from ..period import TermQuarter, parse_term_quarter
from . import schema
from .schema import Where
from .types import POINT_KINDS, Document, Meeting, Override, Phase, PointRule

_QUARTER_ONLY = re.compile(r"^\s*Q([1-4])\s*$", re.IGNORECASE)

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
        parse_point(p, kind, i, where.inside(f"{kind}."), inherited)
        for kind in POINT_KINDS
        for i, p in enumerate(v[kind])
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
    blocks = tuple(block for span in _spans(v, where) for block in split(span, v["every"]))
    return Phase(
        kind=v["kind"],
        blocks=blocks,
        deadline=v["deadline"],
        deadline_label=v["deadline_label"],
        deadline_label_en=v["deadline_label_en"],
        shift=v["shift"],
        source=v["source"],
        note=v["note"],
    )


def _spans(v: dict, where: Where) -> list[Span]:
    """A phase's spans: one absolute span, or one per listed year with quarter-only bounds."""
    if v["years"] is None:
        spans = [(_term_quarter(v["from"], "from", where), _term_quarter(v["to"], "to", where))]
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
            f"med 'years' angives kvartalet alene, fx 'Q1' (ikke '{text}')",
            f"with 'years', give the quarter alone, e.g. 'Q1' (not '{text}')",
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


def parse_point(raw: dict, kind: str, index: int, where: Where, inherited: dict[str, str]) -> PointRule:
    """One ``[[document.deadline]]`` or ``[[document.milestone]]`` → :class:`PointRule`.

    ``index`` is its place among the document's rules of that kind (``cycle explain`` names it).
    """
    v = schema.read(raw, schema.POINT, where, {**inherited, "shift": schema.POINT_SHIFT[kind]})
    given = next(k for k in schema.POINT.one_of if k in raw)
    if not v[given]:
        where.fail(given, "må ikke være tom", "must not be empty")
    overrides = tuple(_override(o, where.inside("override.")) for o in v["override"])
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
        shift=v["shift"],
        meeting=v["meeting"],
        landing=v["landing"],
        not_after=v["not_after"],
        source=v["source"],
        note=v["note"],
        overrides=overrides,
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
    )
