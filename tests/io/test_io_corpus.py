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
    "BYDAY=+60MO": (with_rule('rrule = "FREQ=MONTHLY;BYDAY=+60MO"'), ["'deadline.rrule'"]),
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
