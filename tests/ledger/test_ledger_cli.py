"""``cycle status``, ``--status`` on the plan commands, and what Outlook sees of the ledger.

"Today" is pinned to 2026-11-22 by the ``run`` fixture. Expected values come from the example
files (calendars/lemvig-units.csv, calendars/lemvig-status.csv) read by hand: 12 units, 9 of
which concluded their 2026 agreement by 20 November; the deadline is 30 December 2026.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from icalendar import Calendar

from tests.conftest import CALENDARS, ROOT

AGREEMENT = "lemvig.2026.aftaledokumenter.f2026-1"


def test_status_json_for_the_example_ledger_on_1_march_2027(run):
    result = run("status", "--date", "2027-03-01", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["date", "summary", "items"] and data["date"] == "2027-03-01"
    assert list(data["summary"][0]) == ["document", "year", "done", "late", "overdue", "open"]
    row = next(s for s in data["summary"] if (s["document"], s["year"]) == ("aftaledokumenter", 2026))
    assert (row["done"], row["late"], row["overdue"], row["open"]) == (9, 0, 3, 0)
    item = next(i for i in data["items"] if i["uid"] == f"{AGREEMENT}.jobcenter@cycle")
    assert list(item) == [
        "uid",
        "document",
        "unit",
        "deadline",
        "status",
        "done",
        "days_late",
        "owner",
        "director",
        "reference",
    ]
    assert item == {
        "uid": f"{AGREEMENT}.jobcenter@cycle",
        "document": "aftaledokumenter",
        "unit": "jobcenter",
        "deadline": "2026-12-30",
        "status": "overdue",
        "done": None,
        "days_late": 61,  # 30 Dec 2026 → 1 Mar 2027
        "owner": "Jobcenterchef Peter Møller",
        "director": "Direktør for Social og Sundhed",
        "reference": "",
    }
    skole = next(i for i in data["items"] if i["uid"] == f"{AGREEMENT}.lemvig-skole@cycle")
    assert (skole["status"], skole["done"], skole["reference"]) == ("done", "2026-10-29", "Sag 26/2101")


def test_status_text_groups_overdue_by_director_and_by_area(run):
    text = run("status", "--date", "2027-03-01").out
    assert "Overskredne frister (7):" in text  # vision, policies, strategies, the board's strategy, 3 units
    director = text.index("  Direktør for Teknik og Miljø")
    assert "Aftaledokument indgået — Teknisk Drift [Driftsleder Niels Holt]  61 dage over fristen" in text[director:]
    by_area = run("status", "--date", "2027-03-01", "--by", "area", "--format", "csv").out.splitlines()
    assert by_area[0].startswith("uid,document,unit,deadline,status,done,days_late,owner,director,reference")
    area = run("status", "--date", "2027-03-01", "--by", "area", "--format", "json").out
    rows = {(s["area"], s["year"]): s for s in json.loads(area)["summary"]}
    assert rows[("Ældre og sundhed", 2026)]["done"] == 3  # Tangsgade, Harboøre, Hjemmeplejen


def test_a_bad_status_file_is_one_line_and_exit_2(run, tmp_path):
    bad = tmp_path / "status.csv"
    bad.write_text(
        "dokument,år,enhed,vedtaget\naftaledokumenter,2026,lemvig-skole,2026-11-20\nvisionen,2026,,2026-11-01\n"
    )
    for command in (["status"], ["due", "--quarter", "2026Q4"], ["events"], ["ical", "-o", tmp_path / "x.ics"]):
        result = run(*command, "--status", bad)
        assert result.code == 2, command
        assert result.err.count("\n") == 1 and str(bad) in result.err
        assert "række 3: ukendt dokument 'visionen'" in result.err
    assert not (tmp_path / "x.ics").exists()


def test_template_round_trip_through_the_cli(run, tmp_path):
    form = tmp_path / "status.xlsx"
    assert run("status", "--template", "-o", form).code == 0
    from_csv = run("status", "--date", "2027-03-01", "--format", "json").out
    from_xlsx = run("status", "--date", "2027-03-01", "--format", "json", "--status", form).out
    assert from_xlsx == from_csv
    # The form is the ledger now: writing it again merges it; a foreign file is not overwritten.
    assert run("status", "--template", "--status", form, "-o", form).code == 0
    foreign = tmp_path / "andet.xlsx"
    foreign.write_bytes(b"mine")
    result = run("status", "--template", "-o", foreign)
    assert result.code == 2 and "--force" in result.err and foreign.read_bytes() == b"mine"


def test_status_without_a_status_file_counts_every_passed_deadline_as_overdue(run, tmp_path):
    # The national model has no status file: nothing is recorded, so on 22 November 2026 the
    # budget's statutory adoption deadline, 15 October 2026 (styrelsesloven § 38 and the
    # minister's order), is 38 days overdue; the report says why, in one line.
    result = run("status", "--model", "dk", "--format", "json")
    assert result.code == 0
    assert result.err.count("\n") == 1 and "status" in result.err.lower() and "Traceback" not in result.err
    items = json.loads(result.out)["items"]
    adopted = next(i for i in items if i["deadline"] == "2026-10-15")
    assert (adopted["status"], adopted["days_late"], adopted["done"]) == ("overdue", 38, None)
    assert run("status", "--model", "dk", "--by", "unit").code == 0
    form = tmp_path / "status.xlsx"
    assert run("status", "--model", "dk", "--template", "-o", form).code == 0 and form.stat().st_size > 0


def test_events_gain_status_done_and_reference_at_the_end(run):
    lines = run("events").out.splitlines()
    assert lines[0].endswith(",note,status,done,reference")
    row = next(x for x in lines if x.startswith(f"{AGREEMENT}.lemvig-skole@cycle,"))
    assert row.endswith(",done,2026-10-29,Sag 26/2101")


def test_the_query_path_imports_neither_plotly_nor_icalendar(tmp_path):
    code = (
        "import sys; from cycle.cli import main\n"
        "try: main(['status', '--date', '2027-03-01'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('plotly', 'icalendar') if m in sys.modules))"
    )
    env = {"PYTHONPATH": str(ROOT), "CYCLE_TODAY": "2026-11-22", "CYCLE_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def sequences(path) -> dict[str, int]:
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


@pytest.mark.slow
def test_one_ledger_row_changed_moves_sequence_for_exactly_its_events(run, tmp_path, monkeypatch):
    ledger = tmp_path / "status.csv"
    text = (CALENDARS / "lemvig-status.csv").read_text(encoding="utf-8")
    ledger.write_text(text, encoding="utf-8")
    single, feeds = tmp_path / "frister.ics", tmp_path / "feeds"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert run("ical", "--status", ledger, "-o", single).code == 0
    assert run("ical", "--status", ledger, "--split", "unit", "-o", feeds).code == 0
    before = sequences(single), sequences(feeds / "all.ics")
    # The job centre concluded its agreement on 21 November.
    ledger.write_text(text + "aftaledokumenter,2026,jobcenter,2026-11-21,Sag 26/2109,\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    assert run("ical", "--status", ledger, "-o", single).code == 0
    assert run("ical", "--status", ledger, "--split", "unit", "-o", feeds).code == 0
    after = sequences(single), sequences(feeds / "all.ics")
    changed = [{u for u in a if a[u] != b[u]} for a, b in zip(after, before, strict=True)]
    assert changed[0] == {f"{AGREEMENT}.jobcenter@cycle"}
    assert changed[1] == {f"{AGREEMENT}@cycle"}  # the shared feed's one event for all 12 units
    uid = f"{AGREEMENT}.jobcenter@cycle"  # the unit has other events too (its feedback)
    event = next(e for e in Calendar.from_ical(single.read_bytes()).walk("VEVENT") if str(e["UID"]) == uid)
    assert str(event["SUMMARY"]) == "✔ Frist: Aftaledokument indgået"
    assert "Indgået 2026-11-21 (Sag 26/2109)" in str(event["DESCRIPTION"])


def test_shared_feeds_fold_per_unit_deadlines_and_split_by_area_and_director(run, tmp_path):
    for split in ("area", "director"):
        out = tmp_path / split
        assert run("ical", "--split", split, "-o", out).code == 0
        index = json.loads((out / "feeds.json").read_text(encoding="utf-8"))
        assert index["split"] == split
        names = {e["name"]: e for e in index["feeds"]}
        feed = names["Børn og skole" if split == "area" else "Direktør for Social og Sundhed"]
        events = {str(e["UID"]): e for e in Calendar.from_ical((out / feed["file"]).read_bytes()).walk("VEVENT")}
        agreement = events[f"{AGREEMENT}@cycle"]
        # Børn og skole: Lemvig, Thyborøn and Klinkby Skole, all three concluded (✔); Social og
        # Sundhed: the two care homes, Hjemmeplejen and the job centre, which has not.
        want = (
            "✔ Frist: Aftaledokument indgået (3 enheder)"
            if split == "area"
            else "Frist: Aftaledokument indgået (4 enheder)"
        )
        assert str(agreement["SUMMARY"]) == want
        assert not any(".aftaledokumenter." in u and u.count(".") > 3 for u in events)
    everyone = Calendar.from_ical((tmp_path / "area" / "all.ics").read_bytes())
    agreement = next(e for e in everyone.walk("VEVENT") if str(e["UID"]) == f"{AGREEMENT}@cycle")
    assert str(agreement["SUMMARY"]) == "Frist: Aftaledokument indgået (12 enheder)"
    description = str(agreement["DESCRIPTION"])
    assert "Lemvig Skole: ✔ Indgået 2026-10-29 (Sag 26/2101)" in description
    assert "Jobcenter Lemvig: afventer" in description


def test_validate_checks_the_models_status_file(run, tmp_path):
    model = tmp_path / "m.toml"
    source = (CALENDARS / "lemvig.toml").read_text(encoding="utf-8")
    model.write_text(
        source.replace('include = ["dk"]', f'include = ["{CALENDARS / "dk.toml"}"]').replace(
            'units = "lemvig-units.csv"', f'units = "{CALENDARS / "lemvig-units.csv"}"'
        ),
        encoding="utf-8",
    )
    (tmp_path / "lemvig-status.csv").write_text("dokument,år,enhed,vedtaget\npolitisk-vision,2027,,2026-11-01\n")
    result = run("validate", model)
    assert result.code == 2
    assert "lemvig-status.csv, nøgle 'år': række 2: 'politisk-vision' har ingen frist i 2027" in result.err
