"""Status files as Excel and people write them, and the xlsx form's round trip."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from cycle.ledger import progress, read_ledger
from cycle.ledger.template import write_template
from tests.ledger import ledger_fixtures

# The shared fixtures (a conftest here would clash with the other test folders').
model, plans, write = ledger_fixtures.model, ledger_fixtures.plans, ledger_fixtures.write

TODAY = date(2026, 11, 22)


def test_danish_excel_csv_semicolons_windows_1252_crlf_trailing_separators(write):
    text = (
        "# Statusfil\r\nDokument;År;Enhed;Udført;Reference;Bemærkning;;\r\n"
        "Aftaledokumenter;2026;Skole A;20-11-2026;Sag 26/3;Ærø-møde;;\r\n"
        ";;;;;;;\r\n"
        "politikker;2026;;;;ikke klar;;\r\n"
    )
    ledger = read_ledger(write(text, encoding="cp1252"))
    rows = ledger.rows[["document", "year", "unit", "done", "reference", "note", "row"]].values.tolist()
    assert rows == [
        ["Aftaledokumenter", 2026, "Skole A", date(2026, 11, 20), "Sag 26/3", "Ærø-møde", 3],
        ["politikker", 2026, "", None, "", "ikke klar", 5],
    ]


def test_utf8_bom_english_headers_and_the_templates_blank_rows_skipped(write):
    text = "\ufeffdocument,year,unit,done,reference,note\npolitisk-vision,2026,,,,\nstrategier,2026,,2026-11-01,,\n"
    ledger = read_ledger(write(text))
    assert ledger.rows[["document", "done", "row"]].values.tolist() == [["strategier", date(2026, 11, 1), 3]]


def test_xlsx_with_excel_dates_numbers_and_day_first_text(tmp_path, plans):
    wb = Workbook()
    ws = wb.active
    ws.append(["dokument", "år", "enhed", "vedtaget", "reference"])
    ws.append(["aftaledokumenter", 2026, "skole-a", datetime(2026, 11, 20), 4711])
    ws.append(["aftaledokumenter", 2026.0, "plejehjem-b", "19.11.2026", "=1+1"])
    path = tmp_path / "status.xlsx"
    wb.save(path)
    table = progress(plans[2026], read_ledger(path), day=TODAY, today=TODAY).query("year == 2026").set_index("unit")
    assert table.loc["skole-a", "done"].date() == date(2026, 11, 20)
    assert table.loc["skole-a", "reference"] == "4711"
    assert table.loc["plejehjem-b", "done"].date() == date(2026, 11, 19)


FILLED = """\
dokument,år,enhed,vedtaget,reference,note
aftaledokumenter,2025,plejehjem-b,2026-01-14,Sag 2,
aftaledokumenter,2026,Skole A,2026-11-20,=HYPERLINK("http://x"),formel som tekst
Politisk vision,2026,,,KB 28.10.2026,udkast
"""


@pytest.mark.slow
def test_template_round_trip_gives_the_same_ledger(plans, write, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    ledger = read_ledger(write(FILLED))
    form = tmp_path / "status.xlsx"
    form.write_bytes(write_template(plans[2026], ledger, today=TODAY))
    again = read_ledger(form)
    for day in (TODAY, date(2027, 3, 1)):
        before = progress(plans[2026], ledger, day=day, today=TODAY)
        after = progress(plans[2026], again, day=day, today=TODAY)
        pd.testing.assert_frame_equal(before, after)
    # The 2025 row belongs to the previous term: kept below the term's deadlines, as written.
    old = again.rows[again.rows["year"] == 2025]
    assert old[["unit", "done", "reference"]].values.tolist() == [["plejehjem-b", date(2026, 1, 14), "Sag 2"]]
    assert write_template(plans[2026], again, today=TODAY) == write_template(plans[2026], ledger, today=TODAY)


def test_template_lists_every_deadline_with_a_date_checked_done_column(plans, write, tmp_path):
    form = tmp_path / "status.xlsx"
    form.write_bytes(write_template(plans[2026], read_ledger(write(FILLED)), today=TODAY))
    ws = load_workbook(form).active
    head = [c.value for c in ws[1]]
    assert head == ["Dokument", "År", "Enhed", "Frist", "Beskrivelse", "Ansvarlig", "Vedtaget", "Reference", "Note"]
    deadlines = plans[2026].events.query("kind == 'deadline'")
    assert ws.max_row == 1 + len(deadlines) + 1  # every deadline of the term, and the 2025 row
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:I{ws.max_row}"
    (check,) = ws.data_validations.dataValidation
    assert (check.type, check.operator, check.formula2) == ("date", "between", "TODAY()")
    assert "G2" in check.sqref
    cells = {(r[0].value, r[1].value, r[2].value): r for r in ws.iter_rows(min_row=2)}
    skole = cells[("aftaledokumenter", 2026, "skole-a")]
    assert skole[3].value.date() == date(2026, 12, 30) and skole[6].value.date() == date(2026, 11, 20)
    assert skole[7].value == '=HYPERLINK("http://x")' and skole[7].data_type == "s"  # text, never a formula
