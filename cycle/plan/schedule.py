"""Scheduling: every rule of a model resolved to dated rows for one term (municipality-wide;
the events table expands per-unit documents afterwards)."""

from __future__ import annotations

from ..errors import CycleError
from ..model import Document, Model, PointRule
from ..period import Term
from .context import Context
from .meetings import meeting_rows
from .phases import carried_over_rows, phase_deadlines, phase_rows
from .points import anchor_order, point_rows


def schedule(model: Model, term: Term) -> list[dict]:
    """The term's rows: meetings, then each document's phases (and a carried-over validity),
    then deadlines and milestones in anchor order. The order breaks ties in the table's sort."""
    ctx = Context.of(model, term)
    rows: list[dict] = []
    for meeting in model.meetings.values():
        rows += meeting_rows(meeting, ctx.meeting_dates[meeting.id], term)
    for doc in model.documents.values():
        rows += phase_rows(doc, term)
        rows += carried_over_rows(doc, term, ctx.wd)
    for doc in anchor_order(model):
        points = _points(doc, ctx)
        ctx.point_dates[doc.id] = sorted((r["start"], r["occurrence_year"]) for r in points)
        rows += [r for r in points if term.start <= r["start"] <= term.end]
    return rows


def _points(doc: Document, ctx: Context) -> list[dict]:
    """A document's deadlines and milestones over the horizon: the adoption deadlines of the
    previous term's drafting too, since rules anchored on the document may count from them."""
    points = phase_deadlines(doc, ctx.term.previous(), ctx.wd)
    points += phase_deadlines(doc, ctx.term, ctx.wd)
    for rule in doc.points:
        rows = point_rows(doc, rule, ctx)
        if not any(ctx.term.start <= r["start"] <= ctx.term.end for r in rows):
            raise _no_dates(doc, rule, ctx.term)
        points += rows
    return points


def _no_dates(doc: Document, rule: PointRule, term: Term) -> CycleError:
    """A rule that gives no date in the term is a mistake (a day no month has, an UNTIL in the
    past, an offset that carries every date out): said, not silently an empty calendar."""
    key = "rrule" if rule.rrule else "at" if rule.at else "anchor"
    return CycleError(
        f"reglen giver ingen dato i valgperioden {term.label} (se dens datoer, UNTIL, offset og years)",
        f"the rule gives no date in the term {term.label} (check its dates, UNTIL, offset and years)",
        file=doc.file,
        rule=doc.id,
        key=f"{rule.kind}.{key}",
    )
