"""Point rules (deadlines and milestones): a nominal date from an RRULE, a quarter of the term or
an anchor, then, in this order, the offset, the years of the term it applies to, a dated
override, the law's latest date (``not_after``), the shift off non-working days and the landing
on a meeting. The order is the rule's meaning: the override replaces the computed date, the law
caps it, and only then is it moved to a working day and a meeting.

Each row remembers the year of the rule's occurrence it is: the year of the date the rule counts
from (its RRULE date, its quarter, its meeting, or the occurrence of the deadline it is anchored
to), not the year the date lands in after offset, shift and landing. The event's UID names that
year (:mod:`.uid`), so a deadline moved across New Year by an edit keeps its UID, and a calendar
updates it instead of showing it twice."""

from __future__ import annotations

import graphlib
from datetime import date

from ..errors import CycleError
from ..model import Document, Model, PointRule
from ..period import Term, TermQuarter
from ..workdays import WorkingDays
from .context import Context
from .meetings import between, land


def anchor_order(model: Model) -> list[Document]:
    """Documents ordered so that a document comes after the documents its rules anchor on;
    anchors that run in a ring are the model's error."""
    docs = model.documents
    graph = {d.id: {r.anchor for r in d.points if r.anchor in docs} for d in docs.values()}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as e:
        ring = e.args[1]
        d = docs[ring[0]]
        raise CycleError(
            f"ankrene løber i ring: {' → '.join(ring)}",
            f"the anchors form a cycle: {' → '.join(ring)}",
            file=d.file,
            rule=d.id,
            key="anchor",
        ) from None
    return [docs[i] for i in order]


def nominal_dates(rule: PointRule, ctx: Context) -> list[tuple[date, int]]:
    """The dates a rule counts from, over the horizon, each with its occurrence's year."""
    if rule.rrule:
        rrule, first, last = between(rule.rrule, ctx.horizon.rule_years)
        days = [dt.date() for dt in rrule.between(first, last, inc=True)]
    elif rule.at:
        # The quarter in the previous, this and the next term: an offset may move it in.
        tq = TermQuarter(*rule.at)
        quarters = [tq.in_term(t) for t in (ctx.term.previous(), ctx.term, ctx.term.next())]
        days = [q.first_day if rule.edge == "start" else q.last_day for q in quarters]
    elif rule.anchor in ctx.meeting_dates:
        days = ctx.meeting_dates[rule.anchor]
    else:
        return list(ctx.point_dates[rule.anchor])
    return [(d, d.year) for d in days]


def offset(day: date, rule: PointRule, wd: WorkingDays) -> date:
    if not rule.offset:
        return day
    return wd.add(day, rule.offset.n) if rule.offset.unit == "wd" else day + rule.offset.delta


def applies(day: date, rule: PointRule) -> bool:
    """Whether the rule holds in the year of the term ``day`` falls in (``years = [1, 4]``)."""
    return not rule.years or Term.year_of(day) in rule.years


def override(day: date, rule: PointRule) -> tuple[date, str]:
    """A dated exception for the year (the last one given wins), else the date and the note."""
    for o in reversed(rule.overrides):
        if o.year == day.year:
            return o.date, o.note
    return day, rule.note


def not_after(day: date, rule: PointRule) -> date:
    """ "No later than": a later date moves back to the law's date in the same year."""
    return min(day, date(day.year, *rule.not_after)) if rule.not_after else day


def point_rows(doc: Document, rule: PointRule, ctx: Context) -> list[dict]:
    """The rule's rows over the horizon (the caller keeps those inside the term)."""
    rows = []
    for anchor_day, year in nominal_dates(rule, ctx):
        day = offset(anchor_day, rule, ctx.wd)
        if not applies(day, rule):
            continue
        day, note = override(day, rule)
        nominal = not_after(day, rule)
        day = ctx.wd.shift(nominal, rule.shift)
        if rule.meeting:
            day = land(doc, rule, day, ctx.meeting_dates[rule.meeting])
        rows.append(
            {
                "document": doc.id,
                "kind": rule.kind,
                "start": day,
                "end": day,
                "period": ctx.term.label,
                "label": rule.label,
                "label_en": rule.label_en,
                "rule": f"{rule.kind}[{rule.index}]: " + describe(rule),
                "nominal": nominal,
                "occurrence_year": year,
                "anchor": rule.anchor or "",
                "offset": rule.offset.text if rule.offset else "",
                "shift": rule.shift,
                "meeting": rule.meeting or "",
                "source": rule.source,
                "note": note,
            }
        )
    return rows


def describe(rule: PointRule) -> str:
    """The rule in one line, for ``cycle explain`` (the ``rule`` column)."""
    if rule.rrule:
        what = f"RRULE {rule.rrule}"
    elif rule.at:
        what = f"{rule.edge} of {TermQuarter(*rule.at).label}"
    else:
        what = f"anchor {rule.anchor}"
    parts = [what]
    if rule.years:
        parts.append("years of term " + ",".join(map(str, rule.years)))
    if rule.offset:
        parts.append(f"offset {rule.offset.text}")
    parts.append(f"shift {rule.shift}")
    if rule.meeting:
        parts.append(f"{rule.landing.replace('_', ' ')} a '{rule.meeting}' meeting")
    if rule.not_after:
        parts.append(f"not after {rule.not_after[0]:02}-{rule.not_after[1]:02}")
    return "; ".join(parts)
