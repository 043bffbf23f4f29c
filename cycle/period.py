"""The council's four-year election period (valgperiode) and the År/Q calendar inside it.

Kommunal- og regionalvalgloven § 6: elections on the third Tuesday of November in years
≡ 1 (mod 4); the term runs from 1 January after the election to 31 December four years later.
Styrelsesloven § 6, stk. 1: the new council constitutes itself by 15 December of the election year.

>>> t = term_for(date(2026, 11, 22))
>>> t.label, t.election.isoformat(), t.next_election.isoformat()
('2026-2029', '2025-11-18', '2029-11-20')
>>> t.quarter_of_term(2, 3), t.term_quarter(Quarter(2027, 3))
(Quarter(year=2027, q=3), (2, 3))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import TU, relativedelta

from .errors import CycleError

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-9])\s*$", re.IGNORECASE)
_TERM_QUARTER = re.compile(r"^\s*(?:År|Aar|Y|Year)\s*(\d+)\s*,?\s*Q(\d+)\s*$", re.IGNORECASE)
_TERM_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


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
        return cls(int(m[1]), int(m[2]))

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
        return [Quarter(self.first_year, 1).shift(i) for i in range(16)]

    def previous(self) -> Term:
        return Term(self.first_year - 4)

    def quarter_of_term(self, year_of_term: int, q: int) -> Quarter:
        """År ``year_of_term`` Q``q`` as a calendar quarter."""
        if not (1 <= year_of_term <= 4 and 1 <= q <= 4):
            raise CycleError(
                f"År {year_of_term} Q{q} ligger uden for valgperioden (År 1–4, Q1–Q4)",
                f"Year {year_of_term} Q{q} is outside the election period (År 1–4, Q1–Q4)",
            )
        return Quarter(self.first_year + year_of_term - 1, q)

    def term_quarter(self, quarter: Quarter) -> tuple[int, int]:
        """A calendar quarter as (År, Q) of this term."""
        if not self.first_year <= quarter.year <= self.last_year:
            raise CycleError(
                f"{quarter} ligger uden for valgperioden {self.label}",
                f"{quarter} is outside the election period {self.label}",
            )
        return quarter.year - self.first_year + 1, quarter.q

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
    return Term(year - (year - 2) % 4)


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
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise CycleError(
            f"ugyldig dato '{text}' (brug ÅÅÅÅ-MM-DD)",
            f"invalid date '{text}' (use YYYY-MM-DD)",
            key="date",
        ) from None
