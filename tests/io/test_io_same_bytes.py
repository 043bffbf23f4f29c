"""Same input, same bytes, even without SOURCE_DATE_EPOCH (workbooks, SVG charts); and CSV
cells that a spreadsheet would run as a formula are quoted (OWASP), in every CSV cycle writes."""

from __future__ import annotations

import csv
import io
import time
import zipfile

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


@pytest.mark.slow
@pytest.mark.parametrize("epoch", [None, "1767225600"], ids=["no-epoch", "source-date-epoch"])
@pytest.mark.parametrize("command", ["timeline", "events"])
def test_workbooks_are_the_same_bytes(run, tmp_path, units, monkeypatch, command, epoch):
    """Two runs over two seconds apart (a zip entry's time has two-second steps, a workbook's
    core properties one-second steps): a clock anywhere in the bytes would differ."""
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        assert run(command, "--units", units, "--period", "2026", "--format", "xlsx", "-o", out).code == 0
        time.sleep(2.1)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    stamp = "2026-01-01T00:00:00Z" if epoch else "1980-01-01T00:00:00Z"
    assert core.count(stamp) == 2, core  # created and modified: SOURCE_DATE_EPOCH, else the zip epoch


@pytest.mark.browser
@pytest.mark.slow
def test_svg_charts_are_the_same_bytes(run, tmp_path, monkeypatch):
    require_tool("chromium")
    # the Gantt with SOURCE_DATE_EPOCH set (as a reproducible build sets it), the wheel without
    for chart, extra, epoch in (("gantt", ["--today", "2026-11-22"], "1767225600"), ("wheel", ["--year", "2027"], None)):
        if epoch:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        else:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        a, b = tmp_path / f"{chart}-a.svg", tmp_path / f"{chart}-b.svg"
        for out in (a, b):
            assert run(chart, *extra, "-o", out).code == 0
        assert a.read_bytes() == b.read_bytes() and b"<svg" in a.read_bytes()[:500], chart
