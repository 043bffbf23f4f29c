"""iCalendar: every exported file parses back (icalendar and ical.js) to the events table;
the bulk path gives the reference path's bytes; Outlook's rules hold."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from icalendar import Calendar

from cycle import build_plan
from cycle.ledger import attach
from cycle.plan import uid
from cycle.views import ical as iv
from cycle.views.ical import state
from cycle.views.ical import write as write_module
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("pinned_time")


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def expected(events: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """UID → (first day, exclusive end, summary) from the events table."""
    return {
        uid: (s.date().isoformat(), (e + timedelta(days=1)).date().isoformat(), summary)
        for uid, s, e, summary in events[["uid", "start", "end", "summary"]].itertuples(index=False)
    }


def ledger_applied(model: str) -> pd.DataFrame:
    """The events as the CLI has them on the pinned day: with the model's status file, if any;
    a deadline the file records as met reads "✔ " first (issue: Outlook shows progress)."""
    day = date(2026, 11, 22)
    events = attach(build_plan(model, 2026), day=day, clock=day).events
    met = events["status"].isin(["done", "late"])
    summary = events["summary"].astype(str)  # the table's text columns are categoricals
    return events.assign(summary=summary.mask(met, "✔ " + summary))


def parsed_icalendar(path: Path) -> dict[str, tuple[str, str, str]]:
    cal = Calendar.from_ical(path.read_bytes())
    return {
        str(ev["UID"]): (ev.decoded("DTSTART").isoformat(), ev.decoded("DTEND").isoformat(), str(ev["SUMMARY"]))
        for ev in cal.walk("VEVENT")
    }


def parsed_ical_js(data: dict) -> dict[str, tuple[str, str, str]]:
    return {e["uid"]: (e["start"], e["end"], e["summary"]) for e in data["events"]}


ALL_KINDS = "deadline,milestone,drafting,validity,meeting"


@pytest.mark.node
@pytest.mark.slow
@pytest.mark.parametrize("model", ["lemvig", "silkeborg", "dk"])
def test_every_event_round_trips_through_icalendar_and_ical_js(run, tmp_path, model, ical_js):
    out = tmp_path / "all.ics"
    assert run("ical", "--model", model, "--period", "2026", "--kinds", ALL_KINDS, "-o", out).code == 0
    want = expected(ledger_applied(model))
    assert parsed_icalendar(out) == want
    js = ical_js(out)[str(out)]
    assert parsed_ical_js(js) == want
    assert all(e["allDay"] and e["transp"] == "TRANSPARENT" for e in js["events"])


def test_outlook_rules(run, tmp_path):
    out = tmp_path / "d.ics"
    assert run("ical", "--kinds", ALL_KINDS, "-o", out).code == 0
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets …
    for line in lines:
        line.decode("utf-8")  # … never inside a UTF-8 character
    text = raw.decode()
    assert "METHOD:PUBLISH" in text and "VERSION:2.0" in text and "PRODID:" in text
    assert not re.search(r"DTSTART(?!;VALUE=DATE:\d{8}\r)", text)
    assert not re.search(r"DTEND(?!;VALUE=DATE:\d{8}\r)", text)
    assert "VTIMEZONE" not in text and "TZID" not in text  # all-day events need no zone
    assert text.count("TRANSP:TRANSPARENT") == text.count("BEGIN:VEVENT")


def test_all_day_dtend_is_exclusive(plan, tmp_path):
    out = iv.export(plan, tmp_path / "x.ics", iv.Options(kinds=("deadline", "drafting")))
    cal = Calendar.from_ical(out.read_bytes())
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    deadline = by_uid["lemvig.2026.politisk-vision.f2026-1@cycle"]
    assert deadline.decoded("DTSTART").isoformat() == "2026-12-30"
    assert deadline.decoded("DTEND").isoformat() == "2026-12-31"
    drafting = by_uid["lemvig.2026.politisk-vision.u2026-1@cycle"]
    assert (drafting.decoded("DTSTART").isoformat(), drafting.decoded("DTEND").isoformat()) == (
        "2026-01-01",
        "2027-01-01",
    )


def test_long_danish_text_folds_on_whole_characters():
    rows = pd.DataFrame(
        {
            "uid": ["x@cycle"],
            "start": [pd.Timestamp("2026-12-30")],
            "end": [pd.Timestamp("2026-12-31")],
            "summary": ["Frist: " + "æøå ÆØÅ " * 40],
            "description": ["Beskrivelse; med, tegn\n" + "ø" * 200],
            "categories": ["Politisk\x1fPolitisk vision"],
            "url": [""],
            "location": ["Plejecenter Tangsgade"],
            "contact": [""],
            "alarm": [False],
            "unit": [""],
            "document": ["x"],
        }
    )
    rows = iv.stamp(iv.finish_rows(rows), None, iv.now_utc())
    raw = iv.render(rows, iv.Header(False))
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert raw == iv.to_calendar(rows, iv.Header(False)).to_ical()
    ev = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
    assert str(ev["SUMMARY"]) == rows["summary"][0] and str(ev["DESCRIPTION"]) == rows["description"][0]


@pytest.mark.slow
@pytest.mark.parametrize("model", ["lemvig", "silkeborg", "dk"])
@pytest.mark.parametrize("feed, warn", [(False, None), (True, 14), (False, 7)])
def test_bulk_path_gives_the_reference_bytes(model, feed, warn):
    p = build_plan(model, 2026)
    rows = iv.stamp(iv.feed_rows(p.events, "da", warn), None, iv.now_utc())
    header = iv.Header(feed, "Navn, med komma; og semikolon", "Beskrivelse", warn)
    assert iv.render(rows, header) == iv.to_calendar(rows, header).to_ical()


@pytest.mark.slow
def test_byte_identical_re_export(run, tmp_path, monkeypatch):
    out = tmp_path / "d.ics"
    assert run("ical", "--warn", "14d", "-o", out).code == 0
    first = out.read_bytes()
    assert run("ical", "--warn", "14d", "-o", out).code == 0
    assert out.read_bytes() == first
    # without SOURCE_DATE_EPOCH too: unchanged events keep their stamps
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    out2 = tmp_path / "e.ics"
    assert run("ical", "-o", out2).code == 0
    again = out2.read_bytes()
    assert run("ical", "-o", out2).code == 0
    assert out2.read_bytes() == again


@pytest.mark.slow
def test_sequence_moves_for_exactly_the_changed_events(run, tmp_path, monkeypatch):
    model = tmp_path / "m.toml"
    source = (ROOT / "calendars" / "lemvig.toml").read_text(encoding="utf-8")
    model.write_text(
        source.replace('include = ["dk"]', f'include = ["{ROOT / "calendars" / "dk.toml"}"]')
        .replace('units = "lemvig-units.csv"', f'units = "{ROOT / "calendars" / "lemvig-units.csv"}"')
        .replace('status = "lemvig-status.csv"', f'status = "{ROOT / "calendars" / "lemvig-status.csv"}"'),
        encoding="utf-8",
    )
    out = tmp_path / "d.ics"
    assert run("ical", "--model", model, "-o", out).code == 0
    before = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    # A rule edit: the policies' drafting window now ends in År 1 Q3, so their deadline moves.
    edited = model.read_text(encoding="utf-8").replace('id = "politikker"', 'id = "politikker"\n# edited', 1)
    edited = re.sub(r'(id = "politikker".*?to = )"År 1 Q4"', r'\1"År 1 Q3"', edited, count=1, flags=re.S)
    model.write_text(edited, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    assert run("ical", "--model", model, "-o", out).code == 0
    after = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert set(after) == set(before)  # the UID survives the edit
    changed = {u for u in after if after[u]["SEQUENCE"] != before[u]["SEQUENCE"]}
    # the deadline, and the council's treatment that follows it (now its September meeting)
    assert changed == {"lemvig.2026.politikker.f2026-1@cycle", "lemvig.2026.politikker.m2026-1@cycle"}
    treatment = after["lemvig.2026.politikker.m2026-1@cycle"]
    assert treatment["SEQUENCE"] == 1 and treatment.decoded("DTSTART").isoformat() == "2026-09-09"
    u = "lemvig.2026.politikker.f2026-1@cycle"
    assert after[u]["SEQUENCE"] == 1 and after[u].decoded("DTSTART").isoformat() == "2026-09-30"
    assert after[u]["LAST-MODIFIED"].dt > before[u]["LAST-MODIFIED"].dt
    same = "lemvig.2026.politisk-vision.f2026-1@cycle"
    assert after[same]["LAST-MODIFIED"].dt == before[same]["LAST-MODIFIED"].dt


def test_feed_headers_only_in_feed_mode(run, tmp_path):
    feed, once = tmp_path / "feed.ics", tmp_path / "once.ics"
    assert run("ical", "--feed", "--warn", "14d", "-o", feed).code == 0
    assert run("ical", "--warn", "14d", "-o", once).code == 0
    f, o = feed.read_bytes().decode(), once.read_bytes().decode()
    for header in (
        "NAME:",
        "X-WR-CALNAME:",
        "X-WR-CALDESC:",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ):
        assert f"\r\n{header}" in f and f"\r\n{header}" not in o
    assert "BEGIN:VALARM" in o and "BEGIN:VALARM" not in f  # Outlook drops alarms on subscriptions
    for text in (f, o):  # warning events in both modes
        assert "SUMMARY:Frist om 14 dage: Politisk vision vedtages" in text


def test_warning_events_fall_before_their_deadline(plan):
    rows = iv.feed_rows(plan.events[plan.events["kind"] == "deadline"], "en", 14)
    warn = rows[rows["uid"].str.contains(".w14@", regex=False)]
    base = rows.set_index("uid").loc[warn["uid"].str.replace(".w14@", "@", regex=False)]
    assert (base["start"].to_numpy() - warn["start"].to_numpy() == pd.Timedelta(days=14)).all()
    assert warn["summary"].str.startswith("Deadline in 14 days: ").all()


@pytest.mark.slow
def test_per_unit_feeds_hold_exactly_the_right_events(run, tmp_path, plan, ical_js):
    out = tmp_path / "feeds"
    assert run("ical", "--split", "unit", "-o", out).code == 0
    index = json.loads((out / "feeds.json").read_text(encoding="utf-8"))
    files = {e["unit"]: out / e["file"] for e in index["feeds"]}
    assert set(files) == {"", *plan.units["id"]}
    ev = plan.events[plan.events["kind"].isin(["deadline", "milestone"])]
    concerning = iv.concerning(plan)
    shared = set(ev.loc[(ev["unit"] == "") & ev["document"].isin(concerning), "uid"])
    assert "lemvig.2026.budget-vedtagelse.f2026-1@cycle" in shared
    assert not any(".kommunalvalg." in u or ".regnskab-tilsyn." in u for u in shared)
    parsed = ical_js(*files.values())
    for unit, path in files.items():
        uids = {e["uid"] for e in parsed[str(path)]["events"]}
        # all.ics: a per-unit deadline is one event for all units, its UID without the unit.
        folded = {
            uid.build(p.model, p.term_first_year, p.document, p.kind, p.occurrence)
            for p in map(uid.parse, ev.loc[ev["unit"] != "", "uid"])
        }
        everything = set(ev.loc[ev["unit"] == "", "uid"]) | folded
        want = everything if unit == "" else shared | set(ev.loc[ev["unit"] == unit, "uid"])
        assert uids == want, unit
        assert parsed[str(path)]["props"]["x-wr-calname"]


def test_unit_file_names_are_safe_whatever_the_id(run, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(
        'id,name,area,leader,director\n../../etc/passwd,A,x,y,z\n"<script>",B,x,y,z\nÆble skole,C,x,y,z\n',
        encoding="utf-8",
    )
    out = tmp_path / "feeds"
    assert run("ical", "--units", units, "--split", "unit", "-o", out).code == 0
    names = sorted(p.name for p in out.iterdir())
    # what cycle wrote (files a user adds are kept), the export's state (cycle.views.ical.state),
    # and every unit event as the unit feeds hold them (all.ics folds per-unit deadlines)
    hidden = [n for n in names if n.startswith(".")]
    units_state = write_module.STATE_FILE
    assert set(hidden) == {
        ".all.ics.cycle-state",
        ".cycle-manifest.json",
        units_state,
        state.sidecar(out / units_state).name,
    }
    assert all(
        re.fullmatch(r"(all|feeds|enhed-[a-z0-9-]+-[0-9a-f]{8})\.(ics|json)", n) for n in names if n not in hidden
    ), names
    assert len(names) == 9


def test_filters(run, tmp_path):
    out = tmp_path / "f.ics"
    assert run("ical", "--document", "planstrategi", "--level", "politisk", "-o", out).code == 0
    assert {u.split(".")[2] for u in parsed_icalendar(out)} == {"planstrategi"}
    assert run("ical", "--unit", "lemvig-skole", "-o", out).code == 0
    units = {u.split(".")[-1].split("@")[0] for u in parsed_icalendar(out) if ".aftaledokumenter." in u}
    assert units == {"lemvig-skole"}


@pytest.mark.parametrize(
    "args, key",
    [
        (["--unit", "nope"], "'unit'"),
        (["--document", "nope"], "'document'"),
        (["--level", "nope"], "'level'"),
        (["--kinds", "deadline,party"], "'kinds'"),
        (["--warn", "soon"], "'warn'"),
    ],
)
def test_bad_filters(run, tmp_path, args, key):
    out = tmp_path / "x.ics"
    r = run("ical", *args, "-o", out)
    assert r.code == 2 and key in r.err and len(r.err.strip().splitlines()) == 1
    assert not out.exists()


def test_foreign_files_are_not_overwritten_without_force(run, tmp_path):
    foreign = tmp_path / "notes.ics"
    foreign.write_text("my own notes\n", encoding="utf-8")
    r = run("ical", "-o", foreign)
    assert r.code == 2 and "--force" in r.err
    assert foreign.read_text(encoding="utf-8") == "my own notes\n"
    assert run("ical", "--force", "-o", foreign).code == 0
    assert foreign.read_bytes().startswith(b"BEGIN:VCALENDAR")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    assert run("ical", "--split", "unit", "-o", folder).code == 2
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_interrupted_export_leaves_the_previous_file_whole(plan, tmp_path, monkeypatch):
    out = iv.export(plan, tmp_path / "d.ics", iv.Options())
    before = out.read_bytes()

    def half_then_killed(rows, header):
        yield b"BEGIN:VCALENDAR\r\n"  # part of the new file is already written …
        raise KeyboardInterrupt  # … when the export is stopped

    monkeypatch.setattr(write_module, "render_chunks", half_then_killed)
    with pytest.raises(KeyboardInterrupt):
        iv.export(plan, out, iv.Options(kinds=("deadline",)))
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".d.ics.cycle-state", "d.ics"]
    assert state.load(out) is not None  # the state still describes the file in place


def test_english_summaries(run, tmp_path):
    out = tmp_path / "en.ics"
    assert run("ical", "--lang", "en", "-o", out).code == 0
    assert "Deadline: Political vision adopted" in {s for _, _, s in parsed_icalendar(out).values()}
