"""Phases: drafting windows and validity periods in quarters of the term, the adoption
deadline at the end of a drafting window, and documents carried over from the previous term."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import t
from ..model import Document, Phase
from ..period import Term, TermQuarter
from ..workdays import WorkingDays

#: The ``rule`` of a carried-over validity row: how views and ``explain`` recognise one.
CARRIED_RULE = "carried over: in force until the day before its successor's validity starts"


@dataclass(frozen=True)
class Block:
    """One block of a phase in a term: from the first day of ``first`` to the last of ``last``."""

    first: TermQuarter
    last: TermQuarter
    start: date
    end: date


def blocks(phase: Phase, term: Term) -> Iterator[Block]:
    for a, b in phase.blocks:
        first, last = TermQuarter(*a), TermQuarter(*b)
        start, end = first.first_day(term), last.last_day(term)
        if phase.days:  # a window of days inside the year: 1 April – 15 June
            (m1, d1), (m2, d2) = phase.days
            start, end = start.replace(month=m1, day=d1), end.replace(month=m2, day=d2)
        yield Block(first, last, start, end)


def _label(phase: Phase, block: Block) -> str:
    """A block as the ``rule`` column names it: "År 1 Q1 – År 1 Q4" or "År 1 04-01 – 06-15"."""
    if phase.days:
        return f"År {block.first.year} {block.start:%m-%d} – {block.end:%m-%d}"
    return f"{block.first.label} – {block.last.label}"


def phase_rows(doc: Document, term: Term) -> list[dict]:
    """One row per block of each phase (drafting or validity) in ``term``."""
    return [
        {
            "document": doc.id,
            "kind": phase.kind,
            "start": block.start,
            "end": block.end,
            "period": term.label,
            "rule": f"phase[{i}]: {phase.kind} {_label(phase, block)}",
            "nominal": block.start,
            "source": phase.source,
            "note": phase.note,
        }
        for i, phase in enumerate(doc.phases)
        for block in blocks(phase, term)
    ]


def phase_deadlines(doc: Document, term: Term, wd: WorkingDays) -> list[dict]:
    """The adoption deadline at the end of each drafting block whose phase asks for one, moved
    off a non-working day by the phase's shift policy."""
    rows = []
    for i, phase in enumerate(doc.phases):
        if not phase.deadline:
            continue
        for block in blocks(phase, term):
            day = wd.shift(block.end, phase.shift)
            rows.append(
                {
                    "document": doc.id,
                    "kind": "deadline",
                    "start": day,
                    "end": day,
                    "period": term.label,
                    "label": phase.deadline_label or t("adopted", "da", title=doc.title),
                    "label_en": phase.deadline_label_en or t("adopted", "en", title=doc.title_en),
                    "rule": f"phase[{i}].deadline: end of drafting window {_label(phase, block).split(' – ')[-1]}",
                    "nominal": block.end,
                    "occurrence_year": block.end.year,  # the window's year, wherever the shift lands
                    "shift": phase.shift,
                    "source": phase.source,
                    "note": phase.note,
                    "role": "deadline",
                    "statutory": False,
                    "assumed": False,
                    "moved": "",
                }
            )
    return rows


def carried_over_rows(doc: Document, term: Term) -> list[dict]:
    """A document whose validity runs to the end of the previous term, and whose successor only
    takes over later in this term, stays in force until the day before the successor's validity
    starts: some document is in force every day, 31 December included."""
    validity = [p for p in doc.phases if p.kind == "validity"]
    previous = term.previous()
    previous_ends = [b.end for p in validity for b in blocks(p, previous)]
    starts = [b.start for p in validity for b in blocks(p, term)]
    if not previous_ends or max(previous_ends) != previous.end or min(starts) == term.start:
        return []
    return [
        {
            "document": doc.id,
            "kind": "validity",
            "start": term.start,
            "end": min(starts) - timedelta(days=1),
            "period": previous.label,  # the document's own term: it is that term's document
            "rule": CARRIED_RULE,
            "nominal": term.start,
            "source": doc.source,
            # The table keeps Danish notes (models write them in Danish); views show it in
            # English through cycle.plan.text.notes.
            "note": t("carried_note", "da", period=previous.label),
        }
    ]
