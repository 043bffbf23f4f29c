"""The workbooks open print-ready and filterable, with real dates and text that never runs as a
formula: the timeline (cycle timeline --format xlsx) and the events sheet (cycle events --format xlsx)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cycle import build_plan
from tests.conftest import require_tool

HOSTILE = '=HYPERLINK("http://evil.invalid","klik")'


@pytest.fixture(scope="module")
def timeline_book(tmp_path_factory) -> Path:
    from cycle.cli import main

    out = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    with pytest.raises(SystemExit) as done:
        main(["timeline", "--period", "2026", "--format", "xlsx", "-o", str(out)])
        raise SystemExit(0)
    assert done.value.code == 0
    return out


def test_timeline_prints_landscape_one_page_wide_with_year_rows_on_every_page(timeline_book):
    ws = load_workbook(timeline_book).worksheets[0]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)  # one wide, as tall as needed
    assert ws.print_title_rows == "$2:$3"  # År/year and quarter rows repeat on every page
    assert ws.freeze_panes == "C4"  # the headings and the documents' names stay in view
    # the repeated rows say År and the calendar year: Lemvig's term 2026-2029
    assert [ws.cell(2, c).value for c in (3, 7, 11, 15)] == ["År 1 · 2026", "År 2 · 2027", "År 3 · 2028", "År 4 · 2029"]
    assert [ws.cell(3, c).value for c in range(3, 7)] == ["Q1", "Q2", "Q3", "Q4"]
    assert ws["A1"].value == "Tidsramme for udarbejdelse og gyldighedsperiode, Lemvig Kommune, valgperioden 2026-2029"


def test_timeline_cells_are_words_where_they_fit_and_codes_with_a_legend_where_not(timeline_book):
    ws = load_workbook(timeline_book).worksheets[0]
    titles = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    vision, budget = titles["Politisk vision"], titles["Budget"]
    # the vision: drafted in År 1 (one merged cell, adopted by 30 December 2026), valid År 2–4
    # adopted by the council at its mid-December meeting (★), by the deadline of 30 December (◆)
    assert ws.cell(vision, 3).value == "Udarbejdelse\n★ 9. dec.\n◆ 30. dec."
    assert ws.cell(vision, 7).value == "Gyldighedsperiode"
    assert {f"C{vision}:F{vision}", f"G{vision}:R{vision}"} <= {str(r) for r in ws.merged_cells.ranges}
    # the budget is drafted in every quarter: one narrow cell each, so its code
    assert [ws.cell(budget, c).value for c in range(3, 19)] == ["U"] * 16
    legend = ws.cell(ws.max_row, 1).value
    assert legend.startswith("U = udarbejdelse, G = gyldighedsperiode, ◆ = frist, ★ = milepæl")
    # no word is wider than its column, so nothing wraps mid-word
    width = {c: ws.column_dimensions[chr(64 + c)].width for c in range(3, 19)}
    for row in ws.iter_rows(min_row=4, max_row=ws.max_row - 2, min_col=3, max_col=18):
        for cell in row:
            if isinstance(cell.value, str):
                span = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
                room = sum(width[c] for c in range(span.min_col, span.max_col + 1)) if span else width[cell.column]
                assert max(len(word) for word in cell.value.split()) < room, cell.coordinate


def test_timeline_marks_sheet_has_real_danish_dates(timeline_book):
    ws = load_workbook(timeline_book).worksheets[1]
    assert ws.title == "Frister og milepæle"
    assert [c.value for c in ws[1]] == ["Dato", "Uge", "År/kvartal", "Type", "Dokument", "Hvad"]
    assert ws.auto_filter.ref == f"A1:F{ws.max_row}" and ws.freeze_panes == "A2"
    rows = {(r[4].value, r[0].value): r for r in ws.iter_rows(min_row=2)}
    vision = rows[("Politisk vision", datetime(2026, 12, 30))]
    assert vision[0].is_date and vision[0].number_format == "[$-406]ddd d. mmm yyyy"
    assert [c.value for c in vision[1:]] == [
        53,
        "År 1 Q4",
        "◆ Frist",
        "Politisk vision",
        "Frist: Politisk vision vedtages",
    ]
    dates = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert dates == sorted(dates)
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


@pytest.mark.slow
def test_timeline_prints_one_page_wide_with_the_years_on_every_page_in_libreoffice(timeline_book, tmp_path):
    """LibreOffice, a real spreadsheet program, prints the grid one landscape page wide; when its
    rows run onto a further page (the statutory cycle has some twenty items), that page repeats
    the years, and the legend follows the last row."""
    soffice, pdftotext, pdfinfo = require_tool("soffice"), require_tool("pdftotext"), require_tool("pdfinfo")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(timeline_book)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "t.pdf"
    pages = []
    for n in range(1, 4):
        text = subprocess.run(
            [pdftotext, "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        )
        pages.append(text.stdout)
        if "U = udarbejdelse" in text.stdout:
            break
    grid = "".join(pages)
    assert "U = udarbejdelse" in pages[-1]
    for text in ("Politisk vision", "Budgetopfølgning", "Ledelsesinformation: direktionen"):
        assert text in grid, text
    for page in pages:
        assert "År 1 · 2026" in page and "År 4 · 2029" in page
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape, in points


@pytest.mark.slow
def test_events_sheet_has_a_filtered_header_and_real_dates(run, tmp_path):
    out = tmp_path / "e.xlsx"
    assert run("events", "--period", "2026", "--format", "xlsx", "-o", out).code == 0
    ws = load_workbook(out).active
    events = build_plan("lemvig", 2026).events
    assert ws.max_row == len(events) + 1
    head = [c.value for c in ws[1]]
    assert head[:6] == ["Fra", "Til", "Uge", "Type", "Dokument", "Hvad"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:M{ws.max_row}"
    assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJKLM")
    deadline = next(r for r in ws.iter_rows(min_row=2) if r[5].value == "Frist: Politisk vision vedtages")
    assert deadline[0].value == deadline[1].value == datetime(2026, 12, 30)
    assert deadline[0].number_format == "[$-406]ddd d. mmm yyyy"
    assert (deadline[2].value, deadline[3].value) == (53, "Frist")
    en = tmp_path / "en.xlsx"
    assert run("events", "--period", "2026", "--format", "xlsx", "--lang", "en", "-o", en).code == 0
    ws = load_workbook(en).active
    assert [c.value for c in ws[1]][:4] == ["From", "To", "Week", "Kind"]
    assert ws["A2"].number_format == "[$-809]ddd d mmm yyyy"


def test_events_xlsx_needs_a_file(run):
    r = run("events", "--format", "xlsx")
    assert r.code == 2 and "-o" in r.err


def test_formula_like_text_stays_text(run, tmp_path):
    """A document or unit named like a formula is written as text in xlsx and quoted in CSV."""
    model = tmp_path / "m.toml"
    model.write_text(
        f'[model]\nid = "ond"\nname = "Ond"\n[[document]]\nid = "plan"\ntitle = \'{HOSTILE}\'\nlevel = "politisk"\n'
        'source = "@SUM(1+1)"\n[[document.phase]]\nkind = "drafting"\nfrom = "År 1 Q1"\nto = "År 1 Q2"\n'
        "deadline = true\n",
        encoding="utf-8",
    )
    for command in ("timeline", "events"):
        out = tmp_path / f"{command}.xlsx"
        assert run(command, "--model", model, "--period", "2026", "--format", "xlsx", "-o", out).code == 0
        book = load_workbook(out)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(c.value == HOSTILE for c in cells), command
        assert all(c.data_type == "s" for c in cells if c.value.startswith(("=", "@", "+", "-")))
    csv = run("timeline", "--model", model, "--period", "2026", "--format", "csv").out
    assert f"'{HOSTILE}" in csv.replace('""', '"') and f",{HOSTILE}" not in csv
