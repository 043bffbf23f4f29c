"""Same input, same bytes, even without SOURCE_DATE_EPOCH (workbooks, SVG charts); and CSV
cells that a spreadsheet would run as a formula are quoted (OWASP), in every CSV cycle writes."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import require_tool

UNITS = (
    "id,name,area,leader,director\n"
    'u1,"=HYPERLINK(""http://evil.invalid"",""klik"")",A,+4512345678,-D\n'
    "u2,@SUM(1+1),B,Leder,Direktør\n"
)
RISKY = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def units(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(UNITS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--period", "2026"],
        ["due", "--format", "csv", "--quarter", "2026Q4"],
        ["timeline", "--format", "csv", "--period", "2026"],
    ],
)
def test_csv_cells_never_start_a_formula(run, units, args):
    r = run(*args, "--units", units)
    assert r.code == 0, r.err
    cells = [c for row in csv.reader(io.StringIO(r.out)) for c in row]
    assert not [c for c in cells if c.startswith(RISKY)]
    if args[0] != "timeline":  # the timeline names documents, not units
        assert "'=HYPERLINK(\"http://evil.invalid\",\"klik\")" in cells and "'@SUM(1+1)" in cells


@pytest.mark.parametrize("command", ["timeline", "events"])
def test_workbooks_are_the_same_bytes_without_source_date_epoch(run, tmp_path, units, monkeypatch, command):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        assert run(command, "--units", units, "--period", "2026", "--format", "xlsx", "-o", out).code == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.browser
@pytest.mark.slow
def test_svg_charts_are_the_same_bytes(run, tmp_path):
    require_tool("chromium")
    for chart, extra in (("gantt", ["--today", "2026-11-22"]), ("wheel", ["--year", "2027"])):
        a, b = tmp_path / f"{chart}-a.svg", tmp_path / f"{chart}-b.svg"
        for out in (a, b):
            assert run(chart, *extra, "-o", out).code == 0
        assert a.read_bytes() == b.read_bytes() and b"<svg" in a.read_bytes()[:500], chart
