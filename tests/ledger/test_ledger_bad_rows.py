"""Every bad row: one line naming the file, the row and the column, exit 2, nothing half-read."""

from __future__ import annotations

from datetime import date

import pytest

from cycle.errors import CycleError
from cycle.ledger import progress, read_ledger
from tests.ledger import ledger_fixtures

# The shared fixtures (a conftest here would clash with the other test folders').
model, plans, write = ledger_fixtures.model, ledger_fixtures.plans, ledger_fixtures.write

HEAD = "dokument,år,enhed,vedtaget,reference\n"
GOOD = "aftaledokumenter,2026,skole-a,2026-11-20,Sag 3\n"
TODAY = date(2026, 11, 22)

CASES = {
    "unknown document": ("visionen,2026,,2026-11-01,x\n", "række 3", "'dokument'", "ukendt dokument 'visionen'"),
    "unknown unit": ("aftaledokumenter,2026,skole-z,2026-11-01,x\n", "række 3", "'enhed'", "ukendt enhed 'skole-z'"),
    "year not a year": ("politisk-vision,26,,2026-11-01,x\n", "række 3", "'år'", "ukendt år '26'"),
    "year far off": ("politisk-vision,2099,,2026-11-01,x\n", "række 3", "'år'", "ukendt år 2099"),
    "year without a deadline": ("politisk-vision,2027,,2026-11-01,x\n", "række 3", "'år'", "ingen frist i 2027"),
    "a date in the future": (
        "politisk-vision,2026,,2026-11-23,x\n",
        "række 3",
        "'vedtaget'",
        "efter i dag (2026-11-22)",
    ),
    "not a date": ("politisk-vision,2026,,30-02-2026,x\n", "række 3", "'vedtaget'", "ugyldig dato '30-02-2026'"),
    "a unit on a shared document": (
        "politisk-vision,2026,skole-a,2026-11-01,x\n",
        "række 3",
        "'enhed'",
        "lad enheden stå tom",
    ),
    "no unit on a per-unit document": (
        "aftaledokumenter,2026,,2026-11-01,x\n",
        "række 3",
        "'enhed'",
        "frist pr. enhed",
    ),
    "a document without deadlines": ("budget,2026,,2026-11-01,x\n", "række 3", "'dokument'", "ingen frister"),
    "a duplicate": ("Aftaledokumenter,2026,Skole A,2026-11-02,y\n", "række 3", "'dokument'", "samme frist som række 2"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_row_is_one_line_naming_file_row_and_column(case, plans, write):
    line, row, column, words = CASES[case]
    path = write(HEAD + GOOD + line)
    with pytest.raises(CycleError) as e:
        progress(plans[2026], read_ledger(path), day=TODAY, today=TODAY)
    message = e.value.message("da")
    assert "\n" not in message
    assert message.startswith(str(path))
    assert row in message and column in message and words in message, message


def test_a_bad_row_of_another_term_is_caught_too(plans, write):
    """The 2025 row is checked against the 2022–2025 term's deadlines, not skipped."""
    path = write(HEAD + GOOD + "politisk-vision,2025,,2025-06-01,x\n")
    with pytest.raises(CycleError) as e:
        progress(plans[2026], read_ledger(path), day=TODAY, today=TODAY)
    assert (
        "række 3: 'politisk-vision' har ingen frist i 2025 (valgperiodens frister ligger i 2022)" in e.value.message()
    )


def test_english_headers_and_message(plans, write):
    path = write("document,year,unit,done\npolitisk-vision,2026,,yesterday\n")
    with pytest.raises(CycleError) as e:
        progress(plans[2026], read_ledger(path), day=TODAY, today=TODAY)
    assert (
        e.value.message("en")
        == f"{path}, key 'done': row 2: invalid date 'yesterday' (write e.g. 2026-12-14 or 14-12-2026)"
    )


def test_missing_columns_name_what_was_found(write):
    path = write("dokument;vedtaget\npolitisk-vision;2026-11-01\n")
    with pytest.raises(CycleError) as e:
        read_ledger(path)
    assert "mangler kolonne(r): year/år (fandt: dokument, vedtaget)" in e.value.message()
