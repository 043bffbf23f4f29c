"""The council's four-year election period (valgperiode) and the År/Q calendar inside it.

Kommunal- og regionalvalgloven § 6: elections on the third Tuesday of November in years
≡ 1 (mod 4); the term runs from 1 January after the election to 31 December four years later.
Styrelsesloven § 6, stk. 1: the new council constitutes itself by 15 December of the election year.

>>> t = term_for(date(2026, 11, 22))
>>> t.label, t.election.isoformat(), t.next_election.isoformat()
('2026-2029', '2025-11-18', '2029-11-20')
>>> t.quarter_of_term(2, 3), t.term_quarter(Quarter(2027, 3))
(Quarter(year=2027, q=3), TermQuarter(year=2, q=3))
>>> TermQuarter.from_index(9).label, TermQuarter(2, 3).index, Term.year_of(date(2029, 6, 1))
('År 3 Q2', 6, 4)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import TU, relativedelta

from .errors import CycleError

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-9])\s*$", re.IGNORECASE)
_TERM_QUARTER = re.compile(r"^\s*(?:År|Aar|Y|Year)\s*(\d+)\s*,?\s*Q(\d+)\s*$", re.IGNORECASE)
_TERM_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")

#: Four years of four quarters.
QUARTERS_IN_TERM = 16
#: The years cycle plans in: the holidays and the law's calendar are known for them, and a date
#: outside them is a typo (year 1, year 9999), not a plan.
FIRST_YEAR, LAST_YEAR = 1970, 2199


def check_year(year: int, key: str) -> int:
    """``year`` if cycle plans in it, else one line naming ``key``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CycleError(
            f"året {year} ligger uden for {FIRST_YEAR}–{LAST_YEAR}, de år cycle planlægger i",
            f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}, the years cycle plans in",
            key=key,
        )
    return year


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter such as 2026Q4."""

    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = _QUARTER.match(text)
        if not m or not 1 <= int(m[2]) <= 4:
            raise CycleError(
                f"ugyldigt kvartal '{text}' (brug fx 2026Q4)",
                f"invalid quarter '{text}' (use e.g. 2026Q4)",
                key="quarter",
            )
        return cls(check_year(int(m[1]), "quarter"), int(m[2]))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> date:
        return self.first_day + relativedelta(months=3, days=-1)

    def shift(self, quarters: int) -> Quarter:
        n = self.year * 4 + self.q - 1 + quarters
        return Quarter(n // 4, n % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"


@dataclass(frozen=True, order=True)
class TermQuarter:
    """A quarter of the election period, År 1–4 Q1–Q4, as the seed's tables write it.

    ``index`` counts the term's 16 quarters from 0 (År 1 Q1) to 15 (År 4 Q4), the columns of
    the timeline; ``year, q = tq`` unpacks it like the (År, Q) pairs of a model's phases.
    """

    year: int  # År: the year of the term, 1–4
    q: int

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 4 and 1 <= self.q <= 4):
            raise CycleError(
                f"År {self.year} Q{self.q} ligger uden for valgperioden (År 1–4, Q1–Q4)",
                f"Year {self.year} Q{self.q} is outside the election period (År 1–4, Q1–Q4)",
            )

    def __iter__(self) -> Iterator[int]:
        return iter((self.year, self.q))

    @classmethod
    def from_index(cls, index: int) -> TermQuarter:
        return cls(index // 4 + 1, index % 4 + 1)

    @classmethod
    def parse(cls, text: str) -> TermQuarter:
        """'År 2 Q3' (or 'Y2Q3') → TermQuarter(2, 3), checked to lie inside a four-year term."""
        return cls(*parse_term_quarter(text))

    @classmethod
    def all(cls) -> list[TermQuarter]:
        return [cls.from_index(i) for i in range(QUARTERS_IN_TERM)]

    @property
    def index(self) -> int:
        return (self.year - 1) * 4 + self.q - 1

    @property
    def label(self) -> str:
        """'År 2 Q3': the model files' and the seed's notation (also in rule descriptions)."""
        return f"År {self.year} Q{self.q}"

    def in_term(self, term: Term) -> Quarter:
        """This quarter of ``term`` as a calendar quarter."""
        return Quarter(term.first_year + self.year - 1, self.q)

    def first_day(self, term: Term) -> date:
        return self.in_term(term).first_day

    def last_day(self, term: Term) -> date:
        return self.in_term(term).last_day


def election_in(year: int) -> date:
    """The third Tuesday of November of ``year`` (election years are ≡ 1 mod 4)."""
    return date(year, 11, 1) + relativedelta(weekday=TU(+3))


@dataclass(frozen=True)
class Term:
    """One election period, e.g. 2026–2029, identified by its first year."""

    first_year: int

    def __post_init__(self) -> None:
        if self.first_year % 4 != 2:
            raise ValueError(f"{self.first_year} is not the first year of an election period")

    @property
    def last_year(self) -> int:
        return self.first_year + 3

    @property
    def label(self) -> str:
        return f"{self.first_year}-{self.last_year}"

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last_year, 12, 31)

    @property
    def election(self) -> date:
        """The election that elected this council (in the year before the term)."""
        return election_in(self.first_year - 1)

    @property
    def constituting_deadline(self) -> date:
        return date(self.first_year - 1, 12, 15)

    @property
    def next_election(self) -> date:
        return election_in(self.last_year)

    @property
    def quarters(self) -> list[Quarter]:
        return [Quarter(self.first_year, 1).shift(i) for i in range(QUARTERS_IN_TERM)]

    def previous(self) -> Term:
        return Term(self.first_year - 4)

    def next(self) -> Term:
        return Term(self.first_year + 4)

    @staticmethod
    def year_of(day: date) -> int:
        """The year of its term (1–4) that ``day`` falls in. Terms begin in the years after an
        election (≡ 1 mod 4), i.e. in years ≡ 2 (mod 4): 2022, 2026, 2030. So ``year - 2``
        modulo 4 counts the years since the term's first year, and 1 makes it the seed's År."""
        return (day.year - 2) % 4 + 1

    def quarter_of_term(self, year_of_term: int, q: int) -> Quarter:
        """År ``year_of_term`` Q``q`` as a calendar quarter."""
        tq = TermQuarter(year_of_term, q)  # checks År 1–4, Q1–Q4
        return Quarter(self.first_year + tq.year - 1, tq.q)

    def term_quarter(self, quarter: Quarter) -> TermQuarter:
        """A calendar quarter as (År, Q) of this term."""
        if not self.first_year <= quarter.year <= self.last_year:
            raise CycleError(
                f"{quarter} ligger uden for valgperioden {self.label}",
                f"{quarter} is outside the election period {self.label}",
            )
        return TermQuarter(quarter.year - self.first_year + 1, quarter.q)

    def info(self, day: date) -> dict[str, object]:
        """The term facts for ``day`` as plain data (the ``cycle period`` JSON)."""
        year_of_term, q = self.term_quarter(Quarter.of(day))
        return {
            "period": self.label,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "election": self.election.isoformat(),
            "constituting_deadline": self.constituting_deadline.isoformat(),
            "next_election": self.next_election.isoformat(),
            "date": day.isoformat(),
            "year_of_period": year_of_term,
            "quarter": q,
        }


def term_for(day: date) -> Term:
    """The election period that ``day`` falls in."""
    return term_of_year(day.year)


def term_of_year(year: int) -> Term:
    check_year(year, "period")
    return Term(year - Term.year_of(date(year, 1, 1)) + 1)


def parse_term_quarter(text: str) -> tuple[int, int]:
    """'År 2 Q3' (or 'Y2Q3') → (2, 3), checked to lie inside a four-year term."""
    m = _TERM_QUARTER.match(str(text))
    if not m:
        raise CycleError(
            f"'{text}' er ikke et kvartal i valgperioden (brug fx 'År 2 Q3')",
            f"'{text}' is not a quarter of the election period (use e.g. 'År 2 Q3')",
        )
    year_of_term, q = int(m[1]), int(m[2])
    if not (1 <= year_of_term <= 4 and 1 <= q <= 4):
        raise CycleError(
            f"'{text}' ligger uden for valgperioden (År 1–4, Q1–Q4)",
            f"'{text}' is outside the election period (År 1–4, Q1–Q4)",
        )
    return year_of_term, q


def parse_term(text: str | int) -> Term:
    """'2026', '2027' or '2026-2029' → the term containing it."""
    m = _TERM_LABEL.match(str(text))
    if m:
        term = term_of_year(int(m[1]))
        if m[2] is None or (term.first_year == int(m[1]) and term.last_year == int(m[2])):
            return term
    raise CycleError(
        f"ugyldig valgperiode '{text}' (brug et år, fx 2026, eller 2026-2029)",
        f"invalid election period '{text}' (use a year, e.g. 2026, or 2026-2029)",
        key="period",
    )


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError:
        raise CycleError(
            f"ugyldig dato '{text}' (brug ÅÅÅÅ-MM-DD)",
            f"invalid date '{text}' (use YYYY-MM-DD)",
            key="date",
        ) from None
    check_year(day.year, "date")
    return day
