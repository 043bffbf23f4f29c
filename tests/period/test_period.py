"""The election period: elections, terms, År/Q, checked against the law for 2006–2045."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cycle.errors import CycleError
from cycle.period import Quarter, Term, TermQuarter, parse_term, parse_term_quarter, term_for

# Kommunal- og regionalvalgloven § 6: the elections DOMAIN.md verified.
KNOWN_ELECTIONS = {
    2021: date(2021, 11, 16),
    2025: date(2025, 11, 18),
    2029: date(2029, 11, 20),
    2033: date(2033, 11, 15),
}

days = st.dates(min_value=date(2006, 1, 1), max_value=date(2045, 12, 31))


@pytest.mark.parametrize("year, election", KNOWN_ELECTIONS.items())
def test_known_elections(year, election):
    assert Term(year + 1).election == election
    assert Term(year - 3).next_election == election


# § 6, stk. 3: the council elected on 16 November 2021 sat from 1 January 2022, and every term
# runs four calendar years; four calendar years hold one 29 February from 1901 to 2099.
TERM_2022 = date(2022, 1, 1)
FOUR_YEARS = 4 * 365 + 1


@given(days)
def test_every_day_lies_in_its_term(day):
    terms_since_2022 = (day - TERM_2022).days // FOUR_YEARS  # negative before 2022
    start = date(2022 + 4 * terms_since_2022, 1, 1)
    term = term_for(day)
    assert (term.start, term.end) == (start, date(start.year + 3, 12, 31))
    assert term.election < term.start <= day <= term.end
    assert (term.election.year, term.next_election.year) == (start.year - 1, start.year + 3)


@given(days)
def test_election_is_third_tuesday_of_november_before_the_term(day):
    term = term_for(day)
    e = term.election
    assert (e.year, e.month, e.weekday()) == (term.first_year - 1, 11, 1)
    assert 15 <= e.day <= 21  # the third Tuesday
    assert e < term.constituting_deadline == date(e.year, 12, 15) < term.start
    assert term.next_election == Term(term.first_year + 4).election


@given(days)
def test_year_and_quarter_of_term_round_trip(day):
    term = term_for(day)
    quarter = Quarter.of(day)
    year_of_term, q = term.term_quarter(quarter)
    assert 1 <= year_of_term <= 4 and q == quarter.q
    assert term.quarter_of_term(year_of_term, q) == quarter
    assert quarter.first_day <= day <= quarter.last_day
    assert quarter.last_day + timedelta(days=1) == quarter.shift(1).first_day


# Days of each term whose answers are known by hand: its first and last day, election day, and
# 1 July of År 2 (KNOWN_ELECTIONS; constituting by 15 December of the election year).
TERM_DAYS = {
    "2022-2025": {"2022-01-01": (1, 1), "2023-07-01": (2, 3), "2025-11-18": (4, 4), "2025-12-31": (4, 4)},
    "2026-2029": {"2026-01-01": (1, 1), "2027-07-01": (2, 3), "2029-11-20": (4, 4), "2029-12-31": (4, 4)},
    "2030-2033": {"2030-01-01": (1, 1), "2031-07-01": (2, 3), "2033-11-15": (4, 4), "2033-12-31": (4, 4)},
}


@pytest.mark.parametrize("label", TERM_DAYS)
def test_period_json_for_every_term(run, label):
    first, last = map(int, label.split("-"))
    for day, (year_of_period, quarter) in TERM_DAYS[label].items():
        r = run("period", day, "--format", "json")
        assert r.code == 0, r.err
        assert json.loads(r.out) == {
            "period": label,
            "first_year": first,
            "last_year": last,
            "election": KNOWN_ELECTIONS[first - 1].isoformat(),
            "constituting_deadline": f"{first - 1}-12-15",
            "next_election": KNOWN_ELECTIONS[last].isoformat(),
            "date": day,
            "year_of_period": year_of_period,
            "quarter": quarter,
        }


def test_aar2_q3_of_2026_term():
    term = Term(2026)
    assert term.quarter_of_term(*parse_term_quarter("År 2 Q3")) == Quarter(2027, 3)
    assert term.term_quarter(Quarter(2027, 3)) == TermQuarter(2, 3)
    assert [str(q) for q in term.quarters][::5] == ["2026Q1", "2027Q2", "2028Q3", "2029Q4"]


def test_cli_period_json(run):
    r = run("period", "2026-11-22", "--format", "json")
    assert r.code == 0
    assert json.loads(r.out) == {
        "period": "2026-2029",
        "first_year": 2026,
        "last_year": 2029,
        "election": "2025-11-18",
        "constituting_deadline": "2025-12-15",
        "next_election": "2029-11-20",
        "date": "2026-11-22",
        "year_of_period": 1,
        "quarter": 4,
    }


def test_cli_period_text_danish_and_english(run):
    assert "Valgperiode: 2026-2029 (År 1, Q4" in run("period").out
    assert "Election period: 2026-2029 (Year 1, Q4" in run("period", "--lang", "en").out
    da = run("period", "2026-11-22").out  # dates as a Danish calendar writes them
    assert (
        "Kommunalvalg: tirs. 18. nov. 2025 (uge 47)" in da and "Næste kommunalvalg: tirs. 20. nov. 2029 (uge 47)" in da
    )
    assert "Municipal election: Tue 18 Nov 2025 (week 47)" in run("period", "2026-11-22", "--lang", "en").out


@pytest.mark.parametrize("text", ["2026Q5", "2026Q0", "26Q1", "2026-Q"])
def test_bad_quarters(text):
    with pytest.raises(CycleError):
        Quarter.parse(text)


@pytest.mark.parametrize("text", ["År 5 Q1", "År 1 Q5", "År 0 Q1", "Q1"])
def test_bad_term_quarters(text):
    with pytest.raises(CycleError):
        parse_term_quarter(text)


def test_parse_term():
    assert parse_term("2027").label == "2026-2029"
    assert parse_term("2026-2029").label == "2026-2029"
    with pytest.raises(CycleError):
        parse_term("2027-2030")


# ----- the quarters of the term (År/Q) and the year of the term


def test_the_sixteen_quarters_of_a_term_in_order():
    labels = [tq.label for tq in TermQuarter.all()]
    assert labels[:5] == ["År 1 Q1", "År 1 Q2", "År 1 Q3", "År 1 Q4", "År 2 Q1"]
    assert labels[-1] == "År 4 Q4" and len(labels) == 16
    assert [TermQuarter.from_index(i) for i in (0, 6, 15)] == [TermQuarter(1, 1), TermQuarter(2, 3), TermQuarter(4, 4)]
    assert [TermQuarter(*yq).index for yq in ((1, 1), (2, 3), (4, 4))] == [0, 6, 15]


def test_a_term_quarter_in_its_term():
    # År 2 Q3 of 2026-2029 is July-September 2027; År 4 Q4 of 2022-2025 ends on 31 December 2025.
    assert TermQuarter.parse("År 2 Q3").in_term(Term(2026)) == Quarter(2027, 3)
    assert (TermQuarter(2, 3).first_day(Term(2026)), TermQuarter(2, 3).last_day(Term(2026))) == (
        date(2027, 7, 1),
        date(2027, 9, 30),
    )
    assert TermQuarter(4, 4).last_day(Term(2022)) == date(2025, 12, 31)
    year, q = TermQuarter(3, 2)
    assert (year, q) == (3, 2)


@pytest.mark.parametrize("year, q", [(0, 1), (5, 1), (1, 0), (1, 5)])
def test_a_quarter_outside_the_term_is_refused(year, q):
    with pytest.raises(CycleError):
        TermQuarter(year, q)


@pytest.mark.parametrize(
    "day, year_of_term",
    # Terms begin on 1 January after an election: 2022, 2026, 2030 (KNOWN_ELECTIONS + 1).
    [
        ("2021-12-31", 4),
        ("2022-01-01", 1),
        ("2025-11-18", 4),
        ("2026-01-01", 1),
        ("2027-06-30", 2),
        ("2028-02-29", 3),
        ("2029-12-31", 4),
        ("2030-01-01", 1),
    ],
)
def test_year_of_term(day, year_of_term):
    assert Term.year_of(date.fromisoformat(day)) == year_of_term
