"""Calendars from hostile text: every text property is TEXT-escaped by icalendar (the calendar's
name and description too), a URL is a URI written as given, control and bidirectional-override
characters never reach a file, a line break in a unit's name (Excel's Alt+Enter) becomes a
space, and every event names the model's organiser under METHOD:PUBLISH."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from cycle import build_plan
from cycle.views import ical as iv

pytestmark = pytest.mark.usefixtures("pinned_time")

NAME = "Skole, Nord; Syd \\ Øst"  # what vobject, libical and KCalendarCore cut at the comma
URL = "https://intra.kommune.dk/frister?id=1,2;v=3"
MODEL = f"""
[model]
id = "test"
name = '{NAME}\u202e'
url = "{URL}"
organizer = "styring@kommune.dk"
[[document]]
id = "aftale"
title = "Aftale\\u0007dokument"
level = "administrativt"
per_unit = true
source = "test"
[[document.deadline]]
rrule = "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=20"
"""
UNITS = 'id,name,area,leader,director\nu1,"Skole\r\nNord",A,L,D\nu2,Evil\u202egnp.exe,A,L,D\n'
INVISIBLE = ("\u202e", "\x07", "\r\nNord")


def unescape(text: str) -> str:
    """RFC 5545 TEXT, unescaped as a strict reader does (section 3.3.11)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    model = tmp_path / "test.toml"
    model.write_text(MODEL, encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    return model, units


def test_feed_and_split_export(run, tmp_path, files, ical_js):
    model, units = files
    feed, folder = tmp_path / "frister.ics", tmp_path / "feeds"
    assert run("ical", "--model", model, "--units", units, "--period", "2026", "--feed", "-o", feed).code == 0
    assert run("ical", "--model", model, "--units", units, "--period", "2026", "--split", "unit", "-o", folder).code == 0
    raw = feed.read_bytes()
    calname = f"{NAME}: frister 2026-2029"
    escaped = calname.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").encode()
    assert b"\r\nNAME:" + escaped + b"\r\n" in raw and b"\r\nX-WR-CALNAME:" + escaped + b"\r\n" in raw
    assert b"X-WR-CALDESC:" in raw and f"URL:{URL}\r\n".encode() in raw
    cal = Calendar.from_ical(raw)
    for prop in ("NAME", "X-WR-CALNAME"):  # TEXT unescaped: the whole name, not cut at the comma
        assert unescape(cal[prop].to_ical().decode()) == calname
    assert ical_js(feed)[str(feed)]["events"][0]["categories"] == ["Administrativt", "Aftaledokument"]
    events = raw.count(b"BEGIN:VEVENT")
    assert events == 8 and raw.count(b"ORGANIZER;CN=") == events  # 2 units × 4 years
    assert raw.count(b':mailto:styring@kommune.dk\r\n') == events
    assert b"LOCATION:Skole Nord\r\n" in raw
    for path in [feed, *folder.iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert not any(c in text for c in INVISIBLE), path.name
    index = json.loads((folder / "feeds.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in index["feeds"][1:]] == ["Skole Nord", "Evilgnp.exe"]
    unit_feed = folder / index["feeds"][1]["file"]
    unit_cal = Calendar.from_ical(unit_feed.read_bytes())
    assert unescape(unit_cal["X-WR-CALNAME"].to_ical().decode()) == f"{calname} – Skole Nord"


def test_bulk_gives_the_reference_bytes_with_organizer_and_uri(files):
    model, units = files
    plan = build_plan(model, 2026, units)
    rows = iv.stamp(iv.feed_rows(plan.events, "da", 14), None, iv.now_utc())
    for feed in (True, False):
        header = iv.Header(feed, NAME, "a, b; c", 14, "da", "mailto:styring@kommune.dk", NAME)
        assert iv.render(rows, header) == iv.to_calendar(rows, header).to_ical()


def test_no_organizer_when_the_model_names_none(run, tmp_path, files):
    model, units = files
    model.write_text(MODEL.replace('organizer = "styring@kommune.dk"\n', ""), encoding="utf-8")
    out = tmp_path / "f.ics"
    assert run("ical", "--model", model, "--units", units, "--period", "2026", "-o", out).code == 0
    assert b"ORGANIZER" not in out.read_bytes()


@pytest.mark.slow
def test_the_site_carries_no_invisible_characters(run, tmp_path, files):
    model, units = files
    site = tmp_path / "site"
    assert run("publish", "--model", model, "--units", units, "--period", "2026", "-o", site).code == 0
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "Skole Nord" in page
    assert not any(c in page for c in INVISIBLE)
