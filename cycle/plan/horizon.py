"""The years a plan looks at around its term, named once.

A term's events can come about from dates outside it: the budget deadline of the term's first
year counts back from a meeting held in the year before, a document carried over from the
previous term ends at its successor's adoption, and a deadline early in January may be shifted
back over New Year. So the scheduler resolves rules over a wider window than the term and keeps
only the rows inside the term.

Every window starts at the same place of the four-year cycle for every term, so an RRULE with
``INTERVAL=2`` or ``4`` (counted from the window's first day) keeps its phase from term to term.

>>> h = Horizon.of(Term(2026))
>>> h.rule_years, h.meeting_years, h.holiday_years
(range(2025, 2031), range(2024, 2031), range(2021, 2032))
"""

from __future__ import annotations

from dataclasses import dataclass

from ..period import Term


@dataclass(frozen=True)
class Horizon:
    """The windows of years for one term (ranges of calendar years, end exclusive)."""

    term: Term
    #: Point rules (RRULEs, anchored and term-quarter rules) are resolved a year either side of
    #: the term: a date in the neighbouring year can be moved into the term by its offset.
    rule_years: range
    #: Meetings one year further back than the rules, so that a rule of the first rule year
    #: anchored on a meeting (or counting back from one) still finds the meeting it needs.
    meeting_years: range
    #: Holidays and closed days from a year before the previous term (whose adoption deadlines
    #: end carried-over documents and anchor rules) to a year after the last rule year, so a
    #: working-day offset or a shift that crosses New Year still knows the holidays.
    holiday_years: range

    @classmethod
    def of(cls, term: Term) -> Horizon:
        rules = range(term.first_year - 1, term.last_year + 2)
        return cls(
            term=term,
            rule_years=rules,
            meeting_years=range(rules.start - 1, rules.stop),
            holiday_years=range(term.previous().first_year - 1, rules.stop + 1),
        )
