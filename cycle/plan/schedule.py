"""Scheduling: every rule of a model resolved to dated rows for one term (municipality-wide;
the events table expands per-unit documents afterwards)."""

from __future__ import annotations

from ..errors import CycleError
from ..model import Document, Model, PointRule
from ..model.checks import anchor_order
from ..period import Term
from .context import Context
from .meetings import meeting_rows
from .phases import carried_over_rows, phase_deadlines, phase_rows
from .points import point_rows


def schedule(model: Model, term: Term, problems: list[CycleError] | None = None) -> list[dict]:
    """The term's rows: meetings, then each document's phases (and a carried-over validity),
    then deadlines, milestones and treatments in anchor order. The order breaks ties in the
    table's sort. What the meetings make wrong without making it impossible (a treatment after
    its deadline) is added to ``problems``."""
    ctx = Context.of(model, term)
    rows: list[dict] = []
    for meeting in model.meetings.values():
        rows += meeting_rows(meeting, ctx.meetings[meeting.id], term)
    for doc in model.documents.values():
        rows += phase_rows(doc, term)
        rows += carried_over_rows(doc, term)
    for doc in anchor_order(model):
        ctx.points[doc.id] = _points(doc, ctx, model)
        rows += [r for r in ctx.points[doc.id] if term.start <= r["start"] <= term.end]
    if problems is not None:
        problems += ctx.problems
    return rows


def _points(doc: Document, ctx: Context, model: Model) -> list[dict]:
    """A document's deadlines and milestones over the horizon (the adoption deadlines of the
    previous term's drafting too, since rules anchored on the document may count from them),
    then its treatments, which follow its deadlines."""
    points = phase_deadlines(doc, ctx.term.previous(), ctx.wd)
    points += phase_deadlines(doc, ctx.term, ctx.wd)
    for role in ("deadline", "milestone", "treatment"):
        ctx.points[doc.id] = points  # a treatment reads the deadlines found so far
        for rule in (r for r in doc.points if r.role == role):
            rows = point_rows(doc, rule, ctx, model.overrides)
            if not any(ctx.term.start <= r["start"] <= ctx.term.end for r in rows):
                raise _no_dates(doc, rule, ctx.term)
            points += rows
    return points


def _no_dates(doc: Document, rule: PointRule, term: Term) -> CycleError:
    """A rule that gives no date in the term is a mistake (a day no month has, an UNTIL in the
    past, an offset that carries every date out): said, not silently an empty calendar."""
    key = "rrule" if rule.rrule else "at" if rule.at else "anchor" if rule.anchor else "meeting"
    return CycleError(
        f"reglen giver ingen dato i valgperioden {term.label} (se dens datoer, UNTIL, offset og years)",
        f"the rule gives no date in the term {term.label} (check its dates, UNTIL, offset and years)",
        file=doc.file,
        rule=doc.id,
        key=f"{rule.role}.{key}",
    )
