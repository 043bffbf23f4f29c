"""A corpus of bad models, units files and arguments, as careless or hostile users write them:
each gives one line naming what is wrong, exit code 2, no traceback, and leaves every output
as it was (no file created, none changed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HEAD = '[model]\nid = "test"\nname = "Test Kommune"\n'
DOC = """
[[document]]
id = "budget"
title = "Budget"
level = "politisk"
source = "test"
[[document.deadline]]
rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"
"""
MEETING = """
[[meeting]]
id = "kb"
title = "Byråd"
rrule = "FREQ=MONTHLY;BYDAY=-1WE"
source = "test"
"""


def with_rule(line: str) -> str:
    """The document's deadline with one key replaced or added."""
    key = line.split("=")[0].strip()
    if key == "rrule":
        return HEAD + DOC.replace('rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"', line)
    return HEAD + DOC + line + "\n"


def with_doc(line: str) -> str:
    return HEAD + DOC.replace('source = "test"', 'source = "test"\n' + line)


def with_model(line: str) -> str:
    return HEAD + line + "\n" + DOC


OVERRIDE = "[[document.deadline.override]]\nyear = {year}\ndate = {date}\nnote = 'moved'\n"

# name → (model file content, words the one line must hold)
MODELS: dict[str, tuple[str | bytes, list[str]]] = {
    "empty file": ("", ["'model'", "missing"]),
    "only a comment": ("# nothing\n", ["'model'", "missing"]),
    "not UTF-8 (cp1252)": ((HEAD + DOC.replace("Budget", "Årsbudget")).encode("cp1252"), ["UTF-8"]),
    "NUL byte": ((HEAD + DOC).encode() + b"\x00", ["TOML"]),
    "deep nesting": (HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n" + DOC, ["nested too deeply"]),
    "deeply nested tables": (HEAD + "[" + ".".join(["a"] * 3000) + "]\n", ["'a'"]),
    "units is a number": (with_model("units = 5").replace("\n\n", "\n", 1), ["'units'"]),
    "levels is a number": (
        HEAD.replace('name = "Test Kommune"\n', 'name = "Test Kommune"\nlevels = 5\n') + DOC,
        ["'levels'"],
    ),
    "levels empty": (HEAD + "levels = []\n" + DOC, ["'levels'"]),
    "url is a number": (HEAD + "url = 5\n" + DOC, ["'url'"]),
    "name is a table": (HEAD.replace('name = "Test Kommune"', "name = { da = 'x' }") + DOC, ["'name'"]),
    "include is a string": (HEAD + 'include = "dk"\n' + DOC, ["'include'"]),
    "closed_days a number": (HEAD + "closed_days = 5\n" + DOC, ["'closed_days'"]),
    "enabled as a string": (with_doc('enabled = "false"'), ["'enabled'"]),
    "per_unit as a string": (with_doc('per_unit = "yes"'), ["'per_unit'"]),
    "document with a meeting's id": (HEAD + DOC + MEETING.replace('"kb"', '"budget"'), ["'budget'"]),
    "url not http": (with_doc('url = "javascript:alert(1)"'), ["'url'"]),
    "rrule empty": (with_rule('rrule = ""'), ["'deadline.rrule'"]),
    "anchor empty": (
        HEAD + DOC.replace('rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"', 'anchor = ""'),
        ["'deadline.anchor'"],
    ),
    "at empty": (HEAD + DOC.replace('rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"', 'at = ""'), ["'deadline.at'"]),
    "not_after 02-29": (with_rule('not_after = "02-29"'), ["'deadline.not_after'"]),
    "not_after 13-01": (with_rule('not_after = "13-01"'), ["'deadline.not_after'"]),
    "BYDAY=+60MO": (with_rule('rrule = "FREQ=MONTHLY;BYDAY=+60MO"'), ["'deadline.rrule'", "+60", "1 to 5"]),
    "BYDAY=-6MO in March": (with_rule('rrule = "FREQ=YEARLY;BYMONTH=3;BYDAY=-6MO"'), ["'deadline.rrule'", "-6"]),
    "BYDAY=+54MO in a year": (with_rule('rrule = "FREQ=YEARLY;BYDAY=+54MO"'), ["'deadline.rrule'", "1 to 53"]),
    "FREQ=DAILY;INTERVAL=0": (with_rule('rrule = "FREQ=DAILY;INTERVAL=0"'), ["'deadline.rrule'", "INTERVAL"]),
    "FREQ=SECONDLY": (with_rule('rrule = "FREQ=SECONDLY"'), ["'deadline.rrule'", "SECONDLY"]),
    "FREQ=MINUTELY": (with_rule('rrule = "FREQ=MINUTELY"'), ["'deadline.rrule'"]),
    "FREQ=HOURLY": (with_rule('rrule = "FREQ=HOURLY"'), ["'deadline.rrule'"]),
    "COUNT huge": (with_rule('rrule = "FREQ=WEEKLY;COUNT=99999999"'), ["'deadline.rrule'", "COUNT"]),
    "DAILY unbounded": (with_rule('rrule = "FREQ=DAILY"'), ["'deadline.rrule'", "DAILY"]),
    "no such day": (with_rule('rrule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"'), ["'deadline.rrule'"]),
    "UNTIL in the past": (with_rule('rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15;UNTIL=19990101"'), ["'budget'"]),
    "DTSTART inside": (with_rule('rrule = "DTSTART:20260101\\nRRULE:FREQ=YEARLY"'), ["'deadline.rrule'"]),
    "offset -99999d": (with_rule('offset = "-99999d"'), ["'deadline.offset'"]),
    "offset 99999999999y": (with_rule('offset = "99999999999y"'), ["'deadline.offset'"]),
    "offset 9999wd": (with_rule('offset = "9999wd"'), ["'deadline.offset'"]),
    "offset a number": (with_rule("offset = 5"), ["'deadline.offset'"]),
    "years zero": (with_rule("years = [0]"), ["'deadline.years'"]),
    "override with a datetime": (
        with_rule(OVERRIDE.format(year=2027, date="2027-10-01T10:00:00")),
        ["'deadline.override.date'"],
    ),
    "override year mismatch": (
        with_rule(OVERRIDE.format(year=2027, date="2028-01-05")),
        ["'deadline.override", "2027"],
    ),
    "override year a string": (
        with_rule(OVERRIDE.format(year='"2027"', date="2027-10-01")),
        ["'deadline.override.year'"],
    ),
    "override year 0": (with_rule(OVERRIDE.format(year=0, date="2027-10-01")), ["'deadline.override.year'"]),
    "shift a list": (with_rule('shift = ["next"]'), ["'deadline.shift'"]),
    "phase from empty": (
        HEAD + DOC + '[[document.phase]]\nkind = "drafting"\nfrom = ""\nto = "År 1 Q4"\n',
        ["'phase.from'"],
    ),
    "meeting rrule empty": (HEAD + DOC + MEETING.replace('"FREQ=MONTHLY;BYDAY=-1WE"', '""'), ["'rrule'"]),
    "meeting rrule hourly": (HEAD + DOC + MEETING.replace("MONTHLY;BYDAY=-1WE", "HOURLY"), ["'rrule'"]),
    "meeting exdate a number": (HEAD + DOC + MEETING + "exdate = [5]\n", ["'exdate'"]),
    "document is a table, not a list": (HEAD + "[document]\nid = 'x'\n", ["'document'"]),
    "document without id": (HEAD + "[[document]]\ntitle = 'x'\n", ["'id'"]),
    "include itself": (HEAD + 'include = ["model.toml"]\n' + DOC, ["'include'"]),
}


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def one_line(r, needles) -> str:
    assert r.code == 2, (r.code, r.out[-300:], r.err[-2000:])
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err[-2000:]
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def outputs(tmp_path):
    """Earlier outputs that a failing run must leave as they were."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("earlier events\n")
    return out


@pytest.mark.parametrize(("content", "needles"), MODELS.values(), ids=MODELS.keys())
def test_bad_model(run, tmp_path, outputs, monkeypatch, content, needles):
    monkeypatch.setenv("CYCLE_LANG", "en")
    model = write(tmp_path / "model.toml", content)
    before = state(outputs)
    one_line(run("validate", model), ["model.toml", *needles])
    one_line(run("events", "--model", model, "-o", outputs / "events.csv"), ["model.toml", *needles])
    one_line(run("ical", "--model", model, "-o", outputs / "new.ics"), ["model.toml", *needles])
    assert state(outputs) == before and sorted(os.listdir(outputs)) == ["events.csv"]


# --------------------------------------------------------------------------- arguments

# (arguments, words the one line must hold); -o, where given, names a file that must stay as it was
ARGS: dict[str, tuple[list[str], list[str]]] = {
    "warning of 99999 days": (["ical", "--warn", "99999d", "-o", "{out}/events.csv"], ["'warn'", "366"]),
    "warning of 0 days": (["ical", "--warn", "0d", "-o", "{out}/new.ics"], ["'warn'"]),
    "wheel of year 0": (["wheel", "--year", "0", "-o", "{out}/w.html"], ["'year'", "0"]),
    "wheel of year 9999": (["wheel", "--year", "9999", "-o", "{out}/w.html"], ["'year'", "9999"]),
    "term of year 9999": (["timeline", "--period", "9999", "-o", "{out}/events.csv"], ["'period'", "9999"]),
    "term of year 1": (["events", "--period", "1", "-o", "{out}/events.csv"], ["'period'"]),
    "date in year 1": (["due", "--date", "0001-01-01"], ["'date'", "1970"]),
    "quarter of year 9999": (["due", "--quarter", "9999Q4"], ["'quarter'", "9999"]),
    "period of year 9999": (["period", "9999-12-31"], ["'date'", "9999"]),
    "UID of year 9999": (["explain", "lemvig.9999.budget.f9999-1@cycle"], ["'period'", "9999"]),
    "a UID of nothing": (["explain", "garbage"], ["'uid'"]),
    "today in year 1": (["gantt", "--today", "0001-01-01", "-o", "{out}/g.html"], ["'date'"]),
    "units file is a folder": (["events", "--units", "{out}", "-o", "{out}/events.csv"], ["--units"]),
    "units file missing": (["events", "--units", "{out}/none.csv", "-o", "{out}/events.csv"], ["none.csv"]),
}


@pytest.mark.parametrize(("args", "needles"), ARGS.values(), ids=ARGS.keys())
def test_bad_arguments(run, outputs, monkeypatch, args, needles):
    monkeypatch.setenv("CYCLE_LANG", "en")
    before = state(outputs)
    one_line(run(*[a.format(out=outputs) for a in args]), needles)
    assert state(outputs) == before and sorted(os.listdir(outputs)) == ["events.csv"]


# --------------------------------------------------------------------------- units files

UNITS_HEAD = "id,name,area,leader,director\n"
# name → (units file content, words the one line must hold)
BAD_UNITS: dict[str, tuple[str | bytes, list[str]]] = {
    "empty": ("", ["units.csv"]),
    "a column missing": ("id,name,area,leader\nu1,U,A,L\n", ["units.csv", "director"]),
    "the same id twice": (UNITS_HEAD + "u1,A,x,y,z\nu1,B,x,y,z\n", ["units.csv", "'u1'", "'id'"]),
    "a name missing": (UNITS_HEAD + "u1,,x,y,z\n", ["units.csv", "'name'"]),
    "more fields than the header": (UNITS_HEAD + "u1,A,x,y,z,extra\n", ["units.csv", "2"]),
    "a picture, not a table": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ["units.csv"]),
    "an unclosed quote": (UNITS_HEAD + 'u1,"Skole,x,y,z\nu2,Hal,x,y,z\n', ["units.csv", "line 2"]),
}


@pytest.mark.parametrize(("content", "needles"), BAD_UNITS.values(), ids=BAD_UNITS.keys())
def test_bad_units_file(run, tmp_path, outputs, monkeypatch, content, needles):
    monkeypatch.setenv("CYCLE_LANG", "en")
    units = write(tmp_path / "units.csv", content)
    before = state(outputs)
    one_line(run("events", "--units", units, "-o", outputs / "events.csv"), needles)
    one_line(run("ical", "--units", units, "--split", "unit", "-o", outputs / "feeds"), needles)
    assert state(outputs) == before and sorted(os.listdir(outputs)) == ["events.csv"]


# Units files as Excel and careless hands write them, read as meant (issue 13's cases; the
# shapes themselves are tests/units/'s): the names below are what each file means.
GOOD_UNITS: dict[str, tuple[bytes, list[str]]] = {
    "trailing separators": (b"id,name,area,leader,director,\nu1,Skole,A,L,D,\nu2,Hal,A,L,D,,\n", ["Skole", "Hal"]),
    "# inside a value": ((UNITS_HEAD + "u1,Afdeling #2 Nord,A,L,D\n").encode(), ["Afdeling #2 Nord"]),
    "semicolons in cp1252": (
        "id;name;area;leader;director\nu1;Ældrecenter Øst;A;L;D\n".encode("cp1252"),
        ["Ældrecenter Øst"],
    ),
    "byte order mark": (b"\xef\xbb\xbf" + (UNITS_HEAD + "u1,Børnehus,A,L,D\n").encode(), ["Børnehus"]),
    "Alt+Enter in a name": ((UNITS_HEAD + 'u1,"Skole\r\nNord",A,L,D\n').encode(), ["Skole Nord"]),
    "an override character": ((UNITS_HEAD + "u1,Evil\u202egnp.exe,A,L,D\n").encode(), ["Evilgnp.exe"]),
}


@pytest.mark.parametrize(("content", "names"), GOOD_UNITS.values(), ids=GOOD_UNITS.keys())
def test_units_files_read_as_meant(tmp_path, content, names):
    from cycle.units import load_units

    assert load_units(write(tmp_path / "units.csv", content))["name"].tolist() == names


# --------------------------------------------------------------------------- damaged earlier outputs


def test_a_damaged_earlier_calendar_is_one_line_and_kept(run, tmp_path, monkeypatch):
    monkeypatch.setenv("CYCLE_LANG", "en")
    out = tmp_path / "frister.ics"
    damaged = b"BEGIN:VCALENDAR\r\nPRODID:-//cycle//Kommunal styring//DA\r\nBEGIN:VEVENT\r\nDTSTART:x\r\n"
    out.write_bytes(damaged)
    one_line(run("ical", "-o", out), ["frister.ics", "cannot be read", "--force"])
    assert out.read_bytes() == damaged
    assert run("ical", "-o", out, "--force").code == 0  # insisting writes it afresh
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR") and out.read_bytes() != damaged


def test_a_foreign_or_damaged_plan_cache_entry_is_rebuilt(run, tmp_path, monkeypatch):
    import pickle

    monkeypatch.setenv("CYCLE_CACHE_DIR", str(tmp_path / "cache"))
    first = run("due", "--format", "json", "--quarter", "2026Q4")
    assert first.code == 0
    entries = list((tmp_path / "cache").glob("*.pkl"))
    assert entries
    for foreign in (pickle.dumps({"not": "a table"}), b"garbage\n", b""):
        for entry in entries:
            entry.write_bytes(foreign)
        again = run("due", "--format", "json", "--quarter", "2026Q4")
        assert (again.code, again.out, again.err) == (0, first.out, "")


def test_a_damaged_feeds_index_is_cycles_and_written_anew(run, tmp_path):
    import json

    feeds = tmp_path / "feeds"
    assert run("ical", "--split", "unit", "-o", feeds).code == 0
    (feeds / "feeds.json").write_text('{"feeds": [{"file": 5', encoding="utf-8")
    r = run("ical", "--split", "unit", "--warn", "7d", "-o", feeds)
    assert (r.code, r.err) == (0, "")
    index = json.loads((feeds / "feeds.json").read_text(encoding="utf-8"))
    assert all((feeds / e["file"]).is_file() for e in index["feeds"])


def test_a_damaged_manifest_is_one_line_and_force_writes_anew(run, tmp_path, monkeypatch):
    """Which files cycle wrote is then unknown: refused naming the manifest, the folder as it
    was; --force writes the folder anew and keeps the file a user added."""
    monkeypatch.setenv("CYCLE_LANG", "en")
    feeds = tmp_path / "feeds"
    assert run("ical", "--split", "unit", "-o", feeds).code == 0
    (feeds / ".cycle-manifest.json").write_text("{damaged", encoding="utf-8")
    (feeds / "README-intern.txt").write_text("added by a user", encoding="utf-8")
    before = state(feeds)
    one_line(run("ical", "--split", "unit", "--warn", "7d", "-o", feeds), ["feeds", ".cycle-manifest.json", "--force"])
    assert state(feeds) == before and sorted(os.listdir(tmp_path)) == ["feeds"]
    assert run("ical", "--split", "unit", "--warn", "7d", "-o", feeds, "--force").code == 0
    after = state(feeds)
    assert after["README-intern.txt"] == b"added by a user" and after["all.ics"] != before["all.ics"]
    assert b"README-intern.txt" not in after[".cycle-manifest.json"]  # still the user's, not cycle's
    assert run("ical", "--split", "unit", "-o", feeds).code == 0  # and the manifest is whole again
