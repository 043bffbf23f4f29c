"""`cycle explain` works for every UID that `cycle events` prints, for every built-in model,
carried-over documents included (their UID names the previous term, the plan is this one)."""

from __future__ import annotations

import csv
import io

import pytest

from cycle.period import Term
from cycle.plan import build_plan, term_of_uid

MODELS = ("lemvig", "silkeborg", "dk")


def printed_events(run, model: str) -> list[dict]:
    r = run("events", "--model", model, "--period", "2026", "--format", "csv")
    assert r.code == 0, r.err
    return list(csv.DictReader(io.StringIO(r.out)))


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_every_printed_uid_is_explained(run, model):
    rows = printed_events(run, model)
    plan = build_plan(model, 2026, cache=True)
    assert len(rows) > 50
    for row in rows:
        assert term_of_uid(row["uid"]) == Term(2026), row["uid"]
        info = plan.explain(row["uid"])
        assert (info["start"], info["end"], info["rule"]) == (row["start"], row["end"], row["rule"])


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_the_command_explains_one_event_of_every_kind_and_term(run, model):
    seen = set()
    for row in printed_events(run, model):
        key = (row["kind"], row["period"], row["unit"] != "")
        if key in seen:
            continue
        seen.add(key)
        r = run("explain", row["uid"], "--model", model)
        assert r.code == 0, (row["uid"], r.err)
        assert f"{row['start']}\n" in r.out and row["rule"] in r.out


def test_a_carried_over_vision_is_explained_in_danish_and_english(run):
    # Lemvig's vision of 2022-2025 holds until the day before the 2026 vision's validity starts
    # (1 January 2027): 31 December 2026 too, though it is a closed day in Lemvig.
    u = "lemvig.2022.politisk-vision.g2026-1@cycle"
    da = run("explain", u)
    assert da.code == 0, da.err
    assert "2026-01-01" in da.out and "2026-12-31" in da.out
    assert "Dokumentet fra valgperioden 2022-2025 gælder, indtil efterfølgeren træder i kraft" in da.out
    en = run("explain", u, "--lang", "en")
    assert "The document of the election period 2022-2025 is in force until its successor takes effect" in en.out
    assert "Political vision (2022-2025): in force until its successor takes effect" in en.out


def test_an_event_of_another_term_says_which_term(run):
    r = run("explain", "lemvig.2026.politisk-vision.f2026-1@cycle", "--period", "2030")
    assert r.code == 2
    assert "2026-2029" in r.err and "--period 2026" in r.err
    assert run("explain", "lemvig.2026.politisk-vision.f2027-1@cycle").code == 2  # no such event


def test_the_carried_over_note_reaches_the_english_calendar(run, tmp_path):
    out = tmp_path / "all.ics"
    r = run("ical", "--kinds", "validity", "--lang", "en", "-o", out)
    assert r.code == 0, r.err
    text = out.read_bytes().decode().replace("\r\n ", "")  # unfold
    assert "The document of the election period 2022-2025 is in force until its successor takes effect" in text
    assert "Dokumentet fra valgperioden" not in text
