"""Meeting plans from where they live: an iCalendar export and an Excel or CSV list of dates.
The expected dates are written out by hand (tests/data/meetings/make_meeting_plans.py wrote the
files from the same plan)."""

from __future__ import annotations

from datetime import date

import pytest

from cycle.errors import CycleError
from cycle.meetingplan import read_meeting_plan
from tests.conftest import DATA

PLANS = DATA / "meetings"


def days(*texts: str) -> list[date]:
    """Days as ISO text; a text may hold several, separated by spaces."""
    return [date.fromisoformat(t) for text in texts for t in text.split()]


COUNCIL_2026 = days(
    "2026-01-28 2026-02-25 2026-03-25 2026-04-22 2026-05-27 2026-06-24 2026-08-26 2026-09-16 2026-10-07 "
    "2026-10-28 2026-11-25 2026-12-16"
)
FINANCE_2026 = days(
    "2026-01-21 2026-02-18 2026-03-18 2026-04-15 2026-05-20 2026-06-17 2026-08-19 2026-09-09 2026-09-30 "
    "2026-10-21 2026-11-18 2026-12-09"
)


def test_ics_export_one_calendar_by_its_title():
    assert read_meeting_plan(PLANS / "moedeplan-2026.ics", match="Kommunalbestyrelsen") == COUNCIL_2026
    assert read_meeting_plan(PLANS / "moedeplan-2026.ics", match="økonomiudvalget") == FINANCE_2026


def test_ics_without_match_takes_every_event_but_the_cancelled_one():
    every = read_meeting_plan(PLANS / "moedeplan-2026.ics")
    assert every == sorted([*COUNCIL_2026, *FINANCE_2026, date(2026, 8, 27)])  # and the all-day seminar
    assert date(2026, 7, 1) not in every  # STATUS:CANCELLED


def test_xlsx_list_of_dates_per_calendar():
    council = read_meeting_plan(PLANS / "moedeplan-2027.xlsx", match="Kommunalbestyrelsen")
    assert council == days(
        "2027-01-27 2027-02-24 2027-03-31 2027-04-28 2027-05-26 2027-06-23 2027-08-25 2027-09-15 2027-10-06 "
        "2027-10-27 2027-11-24 2027-12-15"
    )  # 2027-03-31 is written as Danish text, the others are Excel date cells
    assert len(read_meeting_plan(PLANS / "moedeplan-2027.xlsx", sheet="Mødeplan 2027")) == 24


def test_csv_as_danish_excel_saves_it(tmp_path):
    path = tmp_path / "moeder.csv"
    path.write_bytes(
        "Dato;Møde;\r\n07.10.2026;Byrådet;\r\n2026-09-16;Byrådet;\r\n9-9-2026;Økonomiudvalget;\r\n".encode("cp1252")
    )
    assert read_meeting_plan(path, match="byrådet") == days("2026-09-16", "2026-10-07")
    assert read_meeting_plan(path) == days("2026-09-09", "2026-09-16", "2026-10-07")


SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//da\r
BEGIN:VEVENT\r
UID:serie@test\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Copenhagen:20260114T170000\r
RRULE:FREQ=MONTHLY;BYDAY=2WE;UNTIL=20260630T000000Z\r
EXDATE;TZID=Europe/Copenhagen:20260311T170000\r
RDATE;TZID=Europe/Copenhagen:20260624T170000\r
SUMMARY:Byrådsmøde\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:serie@test\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=Europe/Copenhagen:20260408T170000\r
DTSTART;TZID=Europe/Copenhagen:20260415T170000\r
SUMMARY:Byrådsmøde (flyttet)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:sent@test\r
DTSTAMP:20260101T000000Z\r
DTSTART:20261006T223000Z\r
SUMMARY:Byrådsmøde\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_series_as_outlook_exports_them(tmp_path):
    """A monthly series on the second Wednesday (Jan–Jun 2026), March cancelled, April moved a
    week, an extra meeting in June; a time in UTC late on 6 October is 7 October in Denmark."""
    path = tmp_path / "serie.ics"
    path.write_text(SERIES, encoding="utf-8", newline="")
    assert read_meeting_plan(path, match="byrådsmøde") == days(
        "2026-01-14", "2026-02-11", "2026-04-15", "2026-05-13", "2026-06-10", "2026-06-24", "2026-10-07"
    )


BAD = {  # file name, content, match, what the line must say
    "not iCalendar inside": ("m.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026XX\r\n", None, ["iCalendar"]),
    "no meeting with the title": (
        "m.csv",
        "dato;møde\n2026-10-07;Byråd\n".encode(),
        "Udvalg",
        ["ingen møder med 'Udvalg'"],
    ),
    "a bad date": (
        "m.csv",
        b"dato;m\xf8de\n31-02-2026;Byr\xe5d\n",
        None,
        ["række 2: ugyldig dato '31-02-2026'", "'dato'"],
    ),
    "match without a meeting column": ("m.csv", b"dato\n2026-10-07\n", "Byråd", ["ingen kolonne møde/meeting"]),
    "no date column": ("m.csv", b"when;who\n2026-10-07;x\n", None, ["mangler kolonne(r): date/dato"]),
}


@pytest.mark.parametrize("name, data, match, needles", BAD.values(), ids=BAD.keys())
def test_a_plan_that_cannot_be_read_gets_one_line(tmp_path, name, data, match, needles):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CycleError) as e:
        read_meeting_plan(path, match=match)
    line = e.value.message("da")
    assert "\n" not in line and line.startswith(str(path))
    for needle in needles:
        assert needle in line, line
