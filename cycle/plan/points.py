"""Point rules (deadlines, milestones and treatments): a nominal date from an RRULE, a quarter
of the term or an anchor, then, in this order, the offset, the years of the term it applies to,
a dated override (the rule's own, or a model's override that moves several documents' deadlines
together), the law's latest date (``not_after``), the shift off non-working days and the landing
on a meeting. The order is the rule's meaning: the override replaces the computed date, the law
caps it, and only then is it moved to a working day and a meeting.

A treatment ("Behandling") is the meeting that handles a document: the last meeting of its
calendar on or before its limit (its document's deadline of the year, or its own date rule
capped by that deadline). It never moves the deadline; a treatment after the deadline is a
problem ``cycle validate`` reports. A date moved by a model's override carries the override's
note, and so does every date counted from it.

Each row remembers the year of the rule's occurrence it is: the year of the date the rule counts
from (its RRULE date, its quarter, its meeting, or the occurrence of the deadline it is anchored
or tied to), not the year the date lands in after offset, shift and landing. The event's UID
names that year (:mod:`.uid`), so a deadline moved across New Year by an edit keeps its UID, and
a calendar updates it instead of showing it twice."""

from __future__ import annotations

from datetime import date

from ..errors import CycleError
from ..model import Document, GroupOverride, PointRule
from ..period import Term, TermQuarter
from ..workdays import WorkingDays
from .context import Context
from .meetings import between, land

#: An anchor's dates by ``anchor_on``: the roles of the rows a rule counts from.
_ANCHOR_ROLES = {None: ("deadline", "milestone"), "deadline": ("deadline",), "milestone": ("milestone",)}


def nominal_dates(rule: PointRule, ctx: Context) -> list[tuple[date, int, str]]:
    """The dates a rule counts from over the horizon, each with its occurrence's year and the
    note of a model's override that moved it ("" if none)."""
    if rule.rrule:
        rrule, first, last = between(rule.rrule, ctx.horizon.rule_years)
        days = [dt.date() for dt in rrule.between(first, last, inc=True)]
    elif rule.at:
        # The quarter in the previous, this and the next term: an offset may move it in.
        tq = TermQuarter(*rule.at)
        quarters = [tq.in_term(t) for t in (ctx.term.previous(), ctx.term, ctx.term.next())]
        days = [q.first_day if rule.edge == "start" else q.last_day for q in quarters]
    elif rule.anchor in ctx.meetings:
        days = ctx.meeting_dates(rule.anchor)
    else:
        roles = _ANCHOR_ROLES.get(rule.anchor_on, (rule.anchor_on,))
        rows = [r for r in ctx.points[rule.anchor] if r["role"] in roles]
        return sorted((r["start"], r["occurrence_year"], r["moved"]) for r in rows)
    return [(d, d.year, "") for d in days]


def offset(day: date, rule: PointRule, wd: WorkingDays) -> date:
    if not rule.offset:
        return day
    return wd.add(day, rule.offset.n) if rule.offset.unit == "wd" else day + rule.offset.delta


def applies(day: date, rule: PointRule) -> bool:
    """Whether the rule holds in the year of the term ``day`` falls in (``years = [1, 4]``)."""
    return not rule.years or Term.year_of(day) in rule.years


def override(day: date, rule: PointRule, doc: Document, moves: tuple[GroupOverride, ...]) -> tuple[date, str]:
    """A dated exception for the year: a model's override of the document's deadlines (its note
    says so on every moved event), else the rule's own (the last one given wins); the note
    is the override's, if any."""
    if rule.role == "deadline":
        for move in moves:
            if move.year == day.year and doc.id in move.dates:
                return move.dates[doc.id], move.note
    for o in reversed(rule.overrides):
        if o.year == day.year:
            return o.date, o.note
    return day, ""


def not_after(day: date, rule: PointRule) -> date:
    """ "No later than": a later date moves back to the law's date in the same year."""
    return min(day, date(day.year, *rule.not_after)) if rule.not_after else day


def point_rows(doc: Document, rule: PointRule, ctx: Context, moves: tuple[GroupOverride, ...] = ()) -> list[dict]:
    """The rule's rows over the horizon (the caller keeps those inside the term)."""
    if rule.role == "treatment":
        return treatment_rows(doc, rule, ctx)
    rows = []
    for anchor_day, year, moved in nominal_dates(rule, ctx):
        day = offset(anchor_day, rule, ctx.wd)
        if not applies(day, rule):
            continue
        day, own = override(day, rule, doc, moves)
        moved = own or moved
        nominal = not_after(day, rule)
        day = ctx.wd.shift(nominal, rule.shift)
        assumed = rule.assumed
        if rule.meeting:
            day = land(doc, rule, day, ctx.meeting_dates(rule.meeting))
            assumed = assumed or day in ctx.meetings[rule.meeting].assumed
        rows.append(_row(doc, rule, ctx, day, nominal, year, moved, assumed, note=_note(moved, rule.note)))
    return rows


def treatment_rows(doc: Document, rule: PointRule, ctx: Context) -> list[dict]:
    """A treatment's rows: for each limit, the meeting that handles the document (see the
    module's text); the document's deadline of the same year ties it."""
    deadlines = {r["start"].year: r for r in ctx.points[doc.id] if r["role"] == "deadline"}
    if rule.tied:
        limits = [(r["start"], r["occurrence_year"], r["moved"]) for r in deadlines.values()]
    else:
        limits = [(offset(d, rule, ctx.wd), year, moved) for d, year, moved in nominal_dates(rule, ctx)]
        limits = [x for x in limits if applies(x[0], rule)]
    rows = []
    # Only over the rule years: the meetings are known there (a previous term's adoption deadline,
    # kept for anchors, needs no treatment).
    for limit, year, moved in sorted(x for x in limits if x[0].year in ctx.horizon.rule_years):
        tie = deadlines.get(limit.year)
        if tie is not None and rule.landing == "on_or_before":
            limit, moved = min(limit, tie["start"]), moved or tie["moved"]
        day = land(doc, rule, limit, ctx.meeting_dates(rule.meeting))
        notes = [moved, rule.note]
        if tie is not None:
            notes.append(f"{'Lovfrist' if tie['statutory'] else 'Frist'}: {tie['start'].isoformat()}")
            if day > tie["start"]:
                notes.append("EFTER FRISTEN")
                ctx.problems.append(_late(doc, rule, day, tie["start"]))
        assumed = rule.assumed if rule.assumed is not None else day in ctx.meetings[rule.meeting].assumed
        rows.append(_row(doc, rule, ctx, day, limit, year, moved, assumed, note=". ".join(n for n in notes if n)))
    return rows


def _late(doc: Document, rule: PointRule, day: date, deadline: date) -> CycleError:
    return CycleError(
        f"behandlingen {day.isoformat()} ligger efter fristen {deadline.isoformat()}: møderne skubber den for sent",
        f"the treatment on {day.isoformat()} falls after the deadline {deadline.isoformat()}: the meetings push it late",
        file=doc.file,
        rule=doc.id,
        key="treatment.meeting",
    )


def _note(moved: str, note: str) -> str:
    return ". ".join(n for n in (moved, note) if n)


def _row(
    doc, rule: PointRule, ctx: Context, day: date, nominal: date, year: int, moved: str, assumed: bool, note: str
) -> dict:
    return {
        "document": doc.id,
        "kind": rule.kind,
        "start": day,
        "end": day,
        "period": ctx.term.label,
        "label": rule.label,
        "label_en": rule.label_en,
        "rule": f"{rule.role}[{rule.index}]: " + describe(rule),
        "nominal": nominal,
        "occurrence_year": year,
        "anchor": rule.anchor or "",
        "offset": rule.offset.text if rule.offset else "",
        "shift": rule.shift,
        "meeting": rule.meeting or "",
        "source": rule.source,
        "note": note,
        # for the rules anchored on this one and for the summaries; not columns of the table
        "role": rule.role,
        "statutory": rule.statutory,
        "assumed": bool(assumed),
        "moved": moved,
    }


def describe(rule: PointRule) -> str:
    """The rule in one line, for ``cycle explain`` (the ``rule`` column)."""
    if rule.rrule:
        what = f"RRULE {rule.rrule}"
    elif rule.at:
        what = f"{rule.edge} of {TermQuarter(*rule.at).label}"
    elif rule.anchor:
        what = f"anchor {rule.anchor}" + (f" ({rule.anchor_on})" if rule.anchor_on else "")
    else:
        what = "the document's deadline"
    parts = [what]
    if rule.years:
        parts.append("years of term " + ",".join(map(str, rule.years)))
    if rule.offset:
        parts.append(f"offset {rule.offset.text}")
    if rule.role != "treatment":
        parts.append(f"shift {rule.shift}")
    if rule.meeting:
        parts.append(f"{rule.landing.replace('_', ' ')} a '{rule.meeting}' meeting")
    if rule.not_before:
        parts.append(f"not before {rule.not_before[0]:02}-{rule.not_before[1]:02}")
    if rule.not_after:
        parts.append(f"not after {rule.not_after[0]:02}-{rule.not_after[1]:02}")
    if rule.role == "treatment" and rule.anchor:
        parts.append("no later than the document's deadline")
    return "; ".join(parts)
