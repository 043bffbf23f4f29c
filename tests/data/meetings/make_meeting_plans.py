"""Writes example meeting plans as meeting systems and Excel users hand them over (run once; the
files are kept). Fictional plans in the shape of a Danish council's published meeting plan.

    python3 tests/data/meetings/make_meeting_plans.py

- moedeplan-2026.ics: an iCalendar export (as from a meeting system or Outlook): timed events in
  Europe/Copenhagen with a VTIMEZONE, the council's and the finance committee's meetings in one
  calendar (told apart by SUMMARY), plus a cancelled meeting and an all-day event that are not
  meetings of either.
- moedeplan-2027.xlsx: a list of dates per meeting calendar ("Dato", "Møde", "Tidspunkt"), dates
  as Excel date cells, one written as Danish text.
The tests hold the expected dates written out by hand.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
CPH = ZoneInfo("Europe/Copenhagen")

COUNCIL_2026 = [
    "01-28",
    "02-25",
    "03-25",
    "04-22",
    "05-27",
    "06-24",
    "08-26",
    "09-16",
    "10-07",
    "10-28",
    "11-25",
    "12-16",
]
FINANCE_2026 = [
    "01-21",
    "02-18",
    "03-18",
    "04-15",
    "05-20",
    "06-17",
    "08-19",
    "09-09",
    "09-30",
    "10-21",
    "11-18",
    "12-09",
]
COUNCIL_2027 = [
    "01-27",
    "02-24",
    "03-31",
    "04-28",
    "05-26",
    "06-23",
    "08-25",
    "09-15",
    "10-06",
    "10-27",
    "11-24",
    "12-15",
]
FINANCE_2027 = [
    "01-20",
    "02-17",
    "03-17",
    "04-21",
    "05-19",
    "06-16",
    "08-18",
    "09-08",
    "09-29",
    "10-20",
    "11-17",
    "12-08",
]


def ics() -> bytes:
    from icalendar import Calendar, Event, Timezone

    cal = Calendar()
    cal.add("prodid", "-//Eksempel Kommune//Mødeplan//DA")
    cal.add("version", "2.0")
    cal.add_component(Timezone.from_tzid("Europe/Copenhagen"))

    def meeting(uid: str, day: str, summary: str, hour: int, **extra) -> None:
        ev = Event()
        start = datetime.combine(date.fromisoformat(f"2026-{day}"), time(hour), CPH)
        ev.add("uid", f"{uid}-2026{day.replace('-', '')}@moeder.example.dk")
        ev.add("dtstamp", datetime(2025, 12, 1, 9, 0, tzinfo=ZoneInfo("UTC")))
        ev.add("dtstart", start)
        ev.add("dtend", start.replace(hour=hour + 3))
        ev.add("summary", summary)
        ev.add("location", "Rådhuset, byrådssalen")
        for key, value in extra.items():
            ev.add(key, value)
        cal.add_component(ev)

    for day in COUNCIL_2026:
        meeting("kb", day, "Kommunalbestyrelsen – møde", 18)
    for day in FINANCE_2026:
        meeting("oeu", day, "Økonomiudvalget – møde", 14)
    meeting("kb-aflyst", "07-01", "Kommunalbestyrelsen – møde (aflyst)", 18, status="CANCELLED")
    seminar = Event()
    seminar.add("uid", "seminar-20260827@moeder.example.dk")
    seminar.add("dtstamp", datetime(2025, 12, 1, 9, 0, tzinfo=ZoneInfo("UTC")))
    seminar.add("dtstart", date(2026, 8, 27))
    seminar.add("summary", "Budgetseminar")
    cal.add_component(seminar)
    return cal.to_ical()


def xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Mødeplan 2027"
    ws.append(["# EKSEMPELDATA: fiktiv mødeplan"])
    ws.append(["Dato", "Møde", "Tidspunkt"])
    rows = [(d, "Kommunalbestyrelsen", "18:00") for d in COUNCIL_2027]
    rows += [(d, "Økonomiudvalget", "14:00") for d in FINANCE_2027]
    for i, (day, who, at) in enumerate(sorted(rows)):
        when = date.fromisoformat(f"2027-{day}")
        # Excel users type some dates as text: one written the Danish way
        cell = when.strftime("%d-%m-%Y") if i == 5 else datetime.combine(when, time(0))
        ws.append([cell, who, at])
    for row in ws.iter_rows(min_row=3, max_col=1):
        row[0].number_format = "DD-MM-YYYY"
    wb.save(path)


def main() -> None:
    (HERE / "moedeplan-2026.ics").write_bytes(ics())
    xlsx(HERE / "moedeplan-2027.xlsx")


if __name__ == "__main__":
    main()
