"""The quarter timeline: its formats, the term it follows, carried-over documents and per-unit
documents. The seed's table, cell for cell, is checked with Lemvig's rules (test_lemvig.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cycle import build_plan, timeline
from cycle.views.style import COLOURS


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    return {r["document"]: r for r in timeline(build_plan("lemvig", 2026))["rows"]}


def test_carried_over_validity_is_not_a_block_of_the_term(rows):
    """The vision of 2022-2025 is in force through 2026 (the Gantt chart shows it), but the
    timeline is the seed's table of this term: drafted in År 1, valid År 2 – År 4."""
    assert rows["politisk-vision"]["blocks"] == [
        {"kind": "drafting", "first": "2026Q1", "last": "2026Q4"},
        {"kind": "validity", "first": "2027Q1", "last": "2029Q4"},
    ]
    assert rows["politisk-vision"]["cells"][:4] == [["drafting"]] * 4


def test_per_unit_documents_are_one_row_with_one_mark_per_date(rows):
    """Lemvig's twelve units each have four yearly agreements with a deadline: one row, four
    yearly drafting blocks and four marks, not 48."""
    agreements = rows["aftaledokumenter"]
    assert [(b["first"], b["last"]) for b in agreements["blocks"]] == [(f"{y}Q1", f"{y}Q4") for y in range(2026, 2030)]
    assert len(agreements["marks"]) == 4 and {m["kind"] for m in agreements["marks"]} == {"deadline"}


@pytest.mark.slow
def test_timeline_formats(run, tmp_path: Path):
    assert "Politisk vision" in run("timeline", "--format", "markdown").out
    csv = run("timeline", "--format", "csv").out.splitlines()
    assert csv[0].startswith("Niveau,id,Dokument,2026Q1")
    html = run("timeline", "--format", "html").out
    # drafting cells: the budget's, one per quarter (16); one merged cell a year wide for each of
    # the four documents drafted in År 1 and for each of the agreements' four yearly windows
    assert html.count('<td class="drafting">') == 16
    assert html.count('<td class="drafting" colspan="4">') == 4 + 4
    assert html.count('<td class="validity" colspan="12">') == 4  # År 2 – År 4, the same four
    assert f"background: {COLOURS['drafting']}" in html and COLOURS["drafting"] == "#f4b183"  # the seed's orange
    out = tmp_path / "t.xlsx"
    assert run("timeline", "--format", "xlsx", "-o", out).code == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "G4:R4" in merged  # the vision's validity, År 2 Q1 – År 4 Q4, one merged cell
    assert ws["C4"].fill.fgColor.rgb.endswith("F4B183")


def test_timeline_follows_the_term():
    tl = timeline(build_plan("lemvig", 2030))
    assert tl["period"] == "2030-2033" and tl["quarters"][0] == "2030Q1" and tl["quarters"][-1] == "2033Q4"


def test_a_models_own_levels_show_as_written(run, tmp_path):
    model = tmp_path / "m.toml"
    model.write_text(
        '[model]\nid = "egen"\nlevels = ["strategisk", "driften"]\n'
        '[[document]]\nid = "plan"\ntitle = "Plan"\nlevel = "driften"\nsource = "test"\n'
        '[[document.phase]]\nkind = "drafting"\nfrom = "År 1 Q1"\nto = "År 1 Q2"\n',
        encoding="utf-8",
    )
    for fmt in ("text", "markdown", "html", "csv"):
        r = run("timeline", "--model", model, "--format", fmt)
        assert r.code == 0 and "driften" in r.out, fmt
    assert run("timeline", "--model", model, "--format", "xlsx", "-o", tmp_path / "t.xlsx").code == 0
