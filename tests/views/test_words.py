"""Dates, quarters, counts and name order as Danes read them, against hand-written strings
(weekdays and ISO weeks checked in a printed calendar; abbreviations as Dansk Sprognævn writes them)."""

from __future__ import annotations

from datetime import date

import pytest

from cycle.period import Quarter
from cycle.views.words import collate_key, format_date, format_span, plural, quarter_heading


@pytest.mark.parametrize(
    ("day", "da", "en"),
    [
        (date(2026, 9, 30), "ons. 30. sep. 2026 (uge 40)", "Wed 30 Sep 2026 (week 40)"),
        # 2026 has 53 ISO weeks: 30 December is in week 53, and so is 1 January 2027
        (date(2026, 12, 30), "ons. 30. dec. 2026 (uge 53)", "Wed 30 Dec 2026 (week 53)"),
        (date(2027, 1, 1), "fre. 1. jan. 2027 (uge 53)", "Fri 1 Jan 2027 (week 53)"),
        # maj is not abbreviated, so it has no full stop; Tuesday is "tirs.", Thursday "tors."
        (date(2026, 5, 5), "tirs. 5. maj 2026 (uge 19)", "Tue 5 May 2026 (week 19)"),
        (date(2026, 6, 11), "tors. 11. jun. 2026 (uge 24)", "Thu 11 Jun 2026 (week 24)"),
        (date(2029, 11, 20), "tirs. 20. nov. 2029 (uge 47)", "Tue 20 Nov 2029 (week 47)"),  # election day
        (date(2028, 1, 2), "søn. 2. jan. 2028 (uge 52)", "Sun 2 Jan 2028 (week 52)"),  # week of 2027
        (date(2026, 3, 14), "lør. 14. mar. 2026 (uge 11)", "Sat 14 Mar 2026 (week 11)"),
    ],
)
def test_format_date(day, da, en):
    assert format_date(day) == da
    assert format_date(day, "en") == en


def test_format_span():
    assert format_span(date(2026, 10, 1), date(2026, 12, 31)) == "1. okt. – 31. dec. 2026"
    assert format_span(date(2026, 10, 1), date(2026, 12, 31), "en") == "1 Oct – 31 Dec 2026"
    assert format_span(date(2026, 1, 1), date(2029, 12, 31)) == "1. jan. 2026 – 31. dec. 2029"
    assert format_span(date(2026, 9, 30), date(2026, 9, 30)) == "ons. 30. sep. 2026 (uge 40)"


def test_quarter_heading():
    assert quarter_heading(Quarter(2026, 4)) == "4. kvartal 2026"
    assert quarter_heading(Quarter(2027, 1)) == "1. kvartal 2027"
    assert quarter_heading(Quarter(2026, 4), "en") == "Q4 2026"


def test_plural():
    assert plural(1, "enhed", "enheder") == "1 enhed"
    assert plural(2, "enhed", "enheder") == "2 enheder"
    assert plural(0, "enhed", "enheder") == "0 enheder"
    assert plural(1, "unit", "units") == "1 unit"


def test_danish_alphabetical_order():
    names = ["Ærøskov", "Bøgely", "Østerild", "Aabenraa", "Åbyhøj", "Zealand", "alstrup", "Agerbæk", "Ødis"]
    # a … z, then æ, ø, å; "Aa" is "Å" (Aabenraa sorts as Åbenrå, before Åbyhøj); case ignored
    assert sorted(names, key=collate_key) == [
        "Agerbæk",
        "alstrup",
        "Bøgely",
        "Zealand",
        "Ærøskov",
        "Ødis",
        "Østerild",
        "Aabenraa",
        "Åbyhøj",
    ]
    # the letters after z keep their order inside a word too: "Bæk" < "Bøg" < "Bål"
    assert sorted(["Bål", "Bøg", "Bæk", "Bz"], key=collate_key) == ["Bz", "Bæk", "Bøg", "Bål"]
    # German and Swedish letters sort with their Danish twins, accents are ignored
    assert sorted(["Öster", "Ørum", "Orø"], key=collate_key) == ["Orø", "Ørum", "Öster"]  # ö is ø: "rum" < "ster"
    assert sorted(["Éva", "Eva", "Fanø"], key=collate_key) == ["Eva", "Éva", "Fanø"]
