"""Bad input: one line naming the file, the rule and the key; exit code 2; no traceback; no
output file created or truncated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CALENDARS

GOOD_DOC = """
[[document]]
id = "vision"
title = "Vision"
level = "politisk"
source = "test"
[[document.phase]]
kind = "drafting"
from = "År 1 Q1"
to = "År 1 Q4"
"""


def model_file(tmp_path: Path, body: str, head: str = '[model]\nid = "test"\n') -> Path:
    path = tmp_path / "model.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


def assert_one_line_error(r, *needles: str) -> None:
    assert r.code == 2, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert "Traceback" not in r.err and r.out == ""
    for needle in needles:
        assert needle in lines[0], lines[0]


CASES = {
    "malformed TOML": ("[[document]\nid = 1", ["model.toml", "TOML"]),
    "unknown key": (
        GOOD_DOC.replace('source = "test"', 'source = "test"\ntitel = "x"'),
        ["model.toml", "'vision'", "'titel'"],
    ),
    "phase outside the term": (
        GOOD_DOC.replace('to = "År 1 Q4"', 'to = "År 5 Q1"'),
        ["model.toml", "'vision'", "'phase.to'"],
    ),
    "quarter 5 in a phase": (GOOD_DOC.replace('from = "År 1 Q1"', 'from = "År 1 Q5"'), ["'vision'", "'phase.from'"]),
    "unknown parent": (
        GOOD_DOC.replace('level = "politisk"', 'level = "politisk"\nparent = "nope"'),
        ["model.toml", "'vision'", "'parent'", "nope"],
    ),
    "cycle in the chain": (
        GOOD_DOC.replace('level = "politisk"', 'level = "politisk"\nparent = "b"')
        + GOOD_DOC.replace('"vision"', '"b"').replace('level = "politisk"', 'level = "politisk"\nparent = "vision"'),
        ["'parent'", "cycle"],
    ),
    "duplicate document ids": (GOOD_DOC + GOOD_DOC, ["model.toml", "'vision'", "'id'"]),
    "non-ASCII id": (GOOD_DOC.replace('"vision"', '"årsplan"'), ["'id'"]),
    "unknown level": (GOOD_DOC.replace('"politisk"', '"kommunalt"'), ["'vision'", "'level'"]),
    "unknown anchor": (GOOD_DOC + '[[document.deadline]]\nanchor = "ghost"\n', ["'vision'", "'deadline.anchor'"]),
    "two date rules": (
        GOOD_DOC + '[[document.deadline]]\nrrule = "FREQ=YEARLY"\nat = "År 1 Q1"\n',
        ["'vision'", "'deadline.at'"],
    ),
    "bad rrule": (GOOD_DOC + '[[document.deadline]]\nrrule = "FREQ=SOMETIMES"\n', ["'deadline.rrule'"]),
    "bad offset": (
        GOOD_DOC + '[[document.deadline]]\nrrule = "FREQ=YEARLY"\noffset = "3 days"\n',
        ["'deadline.offset'"],
    ),
    "bad shift": (
        GOOD_DOC + '[[document.deadline]]\nrrule = "FREQ=YEARLY"\nshift = "sideways"\n',
        ["'deadline.shift'"],
    ),
    "missing title": (GOOD_DOC.replace('title = "Vision"\n', ""), ["'vision'", "'title'"]),
}


@pytest.mark.parametrize("body, needles", CASES.values(), ids=CASES.keys())
def test_bad_model_files(run, tmp_path, body, needles):
    r = run("validate", model_file(tmp_path, body))
    assert_one_line_error(r, *needles)


def test_anchor_cycle_is_reported(run, tmp_path):
    body = (
        GOOD_DOC
        + '[[document.deadline]]\nanchor = "b"\noffset = "-1w"\n'
        + GOOD_DOC.replace('"vision"', '"b"')
        + '[[document.deadline]]\nanchor = "vision"\noffset = "-1w"\n'
    )
    r = run("validate", model_file(tmp_path, body))
    assert_one_line_error(r, "model.toml", "'anchor'", "vision", "b")


def test_good_model_validates(run, tmp_path):
    r = run("validate", model_file(tmp_path, GOOD_DOC))
    assert r.code == 0 and "modellen er i orden" in r.out


@pytest.mark.parametrize("name", ["lemvig", "silkeborg", "dk"])
def test_builtin_models_validate(run, name):
    r = run("validate", CALENDARS / f"{name}.toml")
    assert r.code == 0, r.err


def test_unknown_model(run):
    assert_one_line_error(run("due", "--model", "atlantis"), "'model'", "atlantis")


@pytest.mark.parametrize(
    "args, needles",
    [
        (["due", "--quarter", "2026Q5"], ["'quarter'", "2026Q5"]),
        (["due", "--date", "2026-02-30"], ["'date'", "2026-02-30"]),
        (["period", "2026-13-01"], ["'date'"]),
        (["timeline", "--period", "20x6"], ["'period'"]),
        (["due", "--unit", "no-such-unit"], ["'unit'", "no-such-unit"]),
        (["due", "--lang", "en", "--quarter", "2026Q5"], ["error", "invalid quarter"]),
    ],
)
def test_bad_arguments(run, args, needles):
    assert_one_line_error(run(*args), *needles)


UNITS_CASES = {
    "missing column": ("id,name,area,leader\nx,X,A,L\n", ["units.csv", "'director'"]),
    "duplicate id": ("id,name,area,leader,director\nx,X,A,L,D\nx,Y,A,L,D\n", ["units.csv", "'x'", "'id'"]),
    "empty name": ("id,name,area,leader,director\nx,,A,L,D\n", ["units.csv", "'name'"]),
}


@pytest.mark.parametrize("text, needles", UNITS_CASES.values(), ids=UNITS_CASES.keys())
def test_bad_units_files(run, tmp_path, text, needles):
    units = tmp_path / "units.csv"
    units.write_text(text, encoding="utf-8")
    assert_one_line_error(run("events", "--units", units), *needles)


def test_failure_leaves_existing_output_whole_and_creates_none(run, tmp_path):
    existing = tmp_path / "timeline.csv"
    existing.write_text("previous content\n", encoding="utf-8")
    bad = model_file(tmp_path, GOOD_DOC.replace('to = "År 1 Q4"', 'to = "År 9 Q1"'))
    assert run("timeline", "--model", bad, "--format", "csv", "-o", existing).code == 2
    assert existing.read_text(encoding="utf-8") == "previous content\n"
    fresh = tmp_path / "new.csv"
    assert run("events", "--model", bad, "-o", fresh).code == 2
    assert not fresh.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_is_written_atomically(run, tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("old\n", encoding="utf-8")
    assert run("events", "-o", out).code == 0
    assert out.read_text(encoding="utf-8").startswith("uid,model,period,document")


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, words",
    [
        (["due", "--date", "2026-11-22"], "Hvad skal ske i 4. kvartal 2026"),
        (["period", "2026-11-22"], "Valgperiode: 2026-2029"),
    ],
)
def test_query_path_imports_neither_plotly_nor_icalendar(args, words):
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cycle", *args], capture_output=True, text=True, check=True
    )
    assert words in r.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in r.stderr.splitlines() if "|" in line}
    assert {"cycle", "click"} <= imported
    assert not imported & {"plotly", "icalendar", "openpyxl", "kaleido"}, args


@pytest.mark.parametrize("command", ["period", "due", "status"])
def test_a_command_imports_only_its_own_module(command):
    """Commands are imported when they run (``cycle.cli.COMMANDS``): a query builds none of the
    exporting commands' options."""
    code = (
        "import sys; from cycle.cli import main\n"
        f"try: main([{command!r}, '--help'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('cycle.cli.')))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    own = "cycle.cli.status" if command == "status" else "cycle.cli.query"
    assert r.stdout.splitlines()[-1] == repr(sorted(["cycle.cli.options", own]))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_period_imports_no_pandas(fmt):
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cycle", "period", "2026-11-22", "--format", fmt],
        capture_output=True,
        text=True,
        check=True,
    )
    # the election of the 2026-2029 term (§ 6: third Tuesday of November), as the format writes it
    assert ("2025-11-18" if fmt == "json" else "tirs. 18. nov. 2025 (uge 47)") in r.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in r.stderr.splitlines() if "|" in line}
    assert not imported & {"pandas", "numpy", "holidays"}


@pytest.mark.slow
def test_program_exit_keeps_every_byte_and_the_exit_code(tmp_path):
    """The program ends without the interpreter's teardown: stdout, a file it wrote and the
    exit code must be the same as an in-process run's."""
    env = {**__import__("os").environ, "CYCLE_TODAY": "2026-11-22", "CYCLE_CACHE_DIR": str(tmp_path / "c")}
    due = subprocess.run([sys.executable, "-m", "cycle", "due", "--format", "json"], capture_output=True, env=env)
    assert due.returncode == 0 and due.stderr == b""
    assert due.stdout.endswith(b"}\n") and b'"quarter"' in due.stdout
    out = tmp_path / "events.csv"
    r = subprocess.run([sys.executable, "-m", "cycle", "events", "-o", str(out)], capture_output=True, env=env)
    assert r.returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("uid,model,period,document") and len(lines) > 100
    bad = subprocess.run([sys.executable, "-m", "cycle", "due", "--quarter", "2026Q7"], capture_output=True, env=env)
    assert bad.returncode == 2 and bad.stderr.count(b"\n") == 1


@pytest.mark.slow
def test_query_path_reads_the_plan_cache_without_importing_holidays(tmp_path):
    env = {**__import__("os").environ, "CYCLE_CACHE_DIR": str(tmp_path / "cache"), "CYCLE_TODAY": "2026-11-22"}
    cmd = [sys.executable, "-X", "importtime", "-m", "cycle", "due", "--format", "json"]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    second = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    assert first.stdout == second.stdout
    assert "holidays" in first.stderr and "holidays" not in second.stderr
    # The 2026-2029 plan, and 2022-2025's: the example status file's 2025 rows are checked
    # against that term's deadlines; and the query's plan with the status file applied.
    kept = sorted(p.name.startswith("query-") for p in (tmp_path / "cache").glob("*.pkl"))
    assert kept == [False, False, True]


@pytest.mark.slow
def test_plan_cache_follows_the_model_files(tmp_path, monkeypatch):
    from cycle import build_plan

    monkeypatch.setenv("CYCLE_CACHE_DIR", str(tmp_path / "cache"))
    model = tmp_path / "m.toml"
    model.write_text('[model]\nid = "test"\n' + GOOD_DOC, encoding="utf-8")
    before = build_plan(model, 2026, cache=True).events
    model.write_text('[model]\nid = "test"\n' + GOOD_DOC.replace('to = "År 1 Q4"', 'to = "År 1 Q2"'), encoding="utf-8")
    after = build_plan(model, 2026, cache=True).events
    assert before["end"].max() != after["end"].max()
    assert after.equals(build_plan(model, 2026).events)
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 2
    monkeypatch.setenv("CYCLE_NO_CACHE", "1")
    build_plan(model, 2027, cache=True)
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 2
