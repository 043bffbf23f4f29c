"""The statutory annual cycle (calendars/dk.toml): one test per rule on several terms, the
working-day shifts, meeting-relative rules, overrides, explain, properties and a snapshot."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cycle import build_plan
from cycle.errors import CycleError
from cycle.model import load_model
from cycle.workdays import WorkingDays
from tests.conftest import CALENDARS, DATA

DK = CALENDARS / "dk.toml"


def dates(plan, document: str, kind: str | None = None) -> list[str]:
    ev = plan.events
    ev = ev[(ev["document"] == document) & ((ev["kind"] == kind) if kind else (ev["kind"] != "meeting"))]
    return ev["start"].dt.strftime("%Y-%m-%d").tolist()


@pytest.fixture(scope="module")
def plans():
    return {y: build_plan("dk", y) for y in (2018, 2022, 2026, 2030)}


def write_model(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "model.toml"
    path.write_text(f'[model]\nid = "test"\ninclude = ["{DK}"]\n{body}', encoding="utf-8")
    return path


# The budget's legal deadline without meetings: a municipal model patches the rule.
PLAIN_BUDGET = """
[[document]]
id = "budget-vedtagelse"
[[document.deadline]]
rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"
label = "Budgettet vedtages"
"""


# ----- one test per rule (Kommunal- og regionalvalgloven, styrelsesloven, bekendtgørelsen, planloven …)


def test_kommunalvalg(plans):  # third Tuesday of November in År 4
    assert dates(plans[2022], "kommunalvalg") == ["2025-11-18"]
    assert dates(plans[2026], "kommunalvalg") == ["2029-11-20"]
    assert dates(plans[2030], "kommunalvalg") == ["2033-11-15"]
    assert dates(plans[2026], "kommunalvalg") == [plans[2026].term.next_election.isoformat()]


def test_konstituering(plans):  # by 15 December of the election year; 2029-12-15 is a Saturday
    assert [dates(plans[y], "konstituering") for y in (2022, 2026, 2030)] == [
        ["2025-12-15"],
        ["2029-12-14"],
        ["2033-12-15"],
    ]


def test_regnskab_aflaeggelse(plans):  # before 1 May: 30 April, or the working day before
    assert dates(plans[2026], "regnskab-aflaeggelse") == ["2026-04-30", "2027-04-30", "2028-04-28", "2029-04-30"]
    assert dates(plans[2022], "regnskab-aflaeggelse")[:2] == ["2022-04-29", "2023-04-28"]


def test_revisionsberetning(plans):  # before 15 June; 2025-06-14 is a Saturday
    assert dates(plans[2022], "revisionsberetning")[-1] == "2025-06-13"
    assert dates(plans[2026], "revisionsberetning") == ["2026-06-12", "2027-06-14", "2028-06-14", "2029-06-14"]


def test_regnskab_tilsyn(plans):  # by the end of August; 2025-08-31 is a Sunday
    assert dates(plans[2022], "regnskab-tilsyn") == ["2022-08-31", "2023-08-31", "2024-08-30", "2025-08-29"]
    assert dates(plans[2030], "regnskab-tilsyn")[:2] == ["2030-08-30", "2031-08-29"]


def test_budget_vedtagelse_legal_date_on_working_days(tmp_path):  # 2028-10-15 is a Sunday
    plan = build_plan(write_model(tmp_path, PLAIN_BUDGET), 2026)
    assert dates(plan, "budget-vedtagelse") == ["2026-10-15", "2027-10-15", "2028-10-13", "2029-10-15"]
    assert dates(build_plan(write_model(tmp_path, PLAIN_BUDGET), 2022), "budget-vedtagelse")[:2] == [
        "2022-10-14",
        "2023-10-13",
    ]


def test_budget_vedtagelse_lands_on_the_last_council_meeting(plans):
    plan = plans[2026]
    council = set(dates(plan, "kommunalbestyrelse", "meeting"))
    second = dates(plan, "budget-vedtagelse")
    assert second == ["2026-09-30", "2027-09-29", "2028-09-27", "2029-09-26"]
    assert set(second) <= council
    for d in second:  # the last meeting on or before 15 October
        later = [m for m in council if d < m <= d[:4] + "-10-15"]
        assert later == []


def test_budget_2020_override(plans):  # the minister moved the deadline to 5 November 2019
    ev = plans[2018].events
    row = ev[(ev["document"] == "budget-vedtagelse") & (ev["start"].dt.year == 2019)].iloc[0]
    assert row["nominal"].date() == date(2019, 11, 5) and row["start"].date() == date(2019, 10, 30)
    assert "5. november 2019" in row["note"]
    assert dates(plans[2018], "budget-vedtagelse")[0] == "2018-09-26"


def test_budget_1_behandling(plans):  # at least three weeks before the 2nd, on a council meeting
    for plan in plans.values():
        first = pd.to_datetime(dates(plan, "budget-1-behandling"))
        second = pd.to_datetime(dates(plan, "budget-vedtagelse"))
        assert ((second - first) >= pd.Timedelta(weeks=3)).all()
        assert set(dates(plan, "budget-1-behandling")) <= set(dates(plan, "kommunalbestyrelse", "meeting"))
    assert dates(plans[2026], "budget-1-behandling")[0] == "2026-08-26"


def test_budgetforslag(plans):  # by 15 September, at the finance committee before the 1st reading
    for plan in plans.values():
        proposals, readings = dates(plan, "budgetforslag"), dates(plan, "budget-1-behandling")
        assert all(p < r and p <= p[:4] + "-09-15" for p, r in zip(proposals, readings, strict=True))
        assert set(proposals) <= set(dates(plan, "oekonomiudvalg", "meeting"))


def test_oekonomiaftale(plans):  # custom: June
    assert [d[5:7] for d in dates(plans[2026], "oekonomiaftale")] == ["06"] * 4


def test_halvaarsregnskab(plans):  # assumption: 30 September; 2028-09-30 is a Saturday
    assert dates(plans[2026], "halvaarsregnskab") == ["2026-09-30", "2027-09-30", "2028-09-29", "2029-09-28"]


def test_budgetopfoelgning(plans):  # custom: per 31 March, 30 June, 30 September
    got = dates(plans[2026], "budgetopfoelgning")
    assert len(got) == 12 and got[:3] == ["2026-03-31", "2026-06-30", "2026-09-30"]


def test_planstrategi(plans):  # by 31 December of År 2; 2023-12-31 is a Sunday
    assert [dates(plans[y], "planstrategi") for y in (2022, 2026, 2030)] == [
        ["2023-12-29"],
        ["2027-12-31"],
        ["2031-12-31"],
    ]


def test_beredskabsplan(plans):  # once per term; 2033-12-31 is a Saturday
    assert [dates(plans[y], "beredskabsplan") for y in (2022, 2026, 2030)] == [
        ["2025-12-31"],
        ["2029-12-31"],
        ["2033-12-30"],
    ]


# The meeting calendars are assumptions (dk.toml says so): last Wednesday of the month for the
# council, the Wednesday before for the finance committee, none in July. 2026 counted by hand.
COUNCIL_2026 = ["01-28", "02-25", "03-25", "04-29", "05-27", "06-24", "08-26", "09-30", "10-28", "11-25", "12-30"]
FINANCE_2026 = ["01-21", "02-18", "03-18", "04-22", "05-20", "06-17", "08-19", "09-23", "10-21", "11-18", "12-23"]


def test_kommunalbestyrelse_meetings(plans):
    got = dates(plans[2026], "kommunalbestyrelse", "meeting")
    assert [d[5:] for d in got if d.startswith("2026")] == COUNCIL_2026
    assert len(got) == 44  # eleven a year


def test_oekonomiudvalg_meetings(plans):
    got = dates(plans[2026], "oekonomiudvalg", "meeting")
    assert [d[5:] for d in got if d.startswith("2026")] == FINANCE_2026
    assert len(got) == 44


#: The rules of dk.toml, each tested above (a new rule needs its test).
RULES = {
    "kommunalbestyrelse",
    "oekonomiudvalg",
    "kommunalvalg",
    "konstituering",
    "budgetforslag",
    "budget-1-behandling",
    "budget-vedtagelse",
    "oekonomiaftale",
    "regnskab-aflaeggelse",
    "revisionsberetning",
    "regnskab-tilsyn",
    "halvaarsregnskab",
    "budgetopfoelgning",
    "planstrategi",
    "beredskabsplan",
}


def test_every_rule_of_the_base_has_its_test():
    model = load_model("dk")
    assert set(model.documents) | set(model.meetings) == RULES
    assert all(d.source for d in model.documents.values())  # every rule says where it comes from


# ----- working days


def test_store_bededag_only_until_2023():
    wd = WorkingDays(range(2023, 2025))
    assert not wd.is_working(date(2023, 5, 5)) and wd.why_closed(date(2023, 5, 5)) == "Store bededag"
    assert wd.is_working(date(2024, 4, 26))


def test_closed_days_move_deadlines():
    wd = WorkingDays(range(2027, 2028), closed=["12-24", "12-31", "2027-06-04"])
    assert wd.shift(date(2027, 12, 31), "previous") == date(2027, 12, 30)
    assert wd.shift(date(2027, 12, 24), "next") == date(2027, 12, 27)
    assert wd.shift(date(2027, 6, 4), "none") == date(2027, 6, 4)
    assert wd.why_closed(date(2027, 12, 24)) == "lukkedag"


def test_model_can_switch_rules_off_and_move_them(tmp_path):
    body = (
        '[[document]]\nid = "beredskabsplan"\nenabled = false\n'
        '[[document]]\nid = "halvaarsregnskab"\n[[document.deadline]]\n'
        'rrule = "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=20"\nshift = "next"\n'
    )
    plan = build_plan(write_model(tmp_path, body), 2026)
    assert "beredskabsplan" not in set(plan.events["document"])
    assert dates(plan, "halvaarsregnskab") == ["2026-08-20", "2027-08-20", "2028-08-21", "2029-08-20"]


def test_working_day_offsets_before_each_committee_meeting(tmp_path):
    body = (
        '[[document]]\nid = "sagsfrist"\ntitle = "Sagsfrist"\nlevel = "administrativt"\nsource = "test"\n'
        '[[document.deadline]]\nanchor = "oekonomiudvalg"\noffset = "-8wd"\n'
    )
    plan = build_plan(write_model(tmp_path, body), 2028)
    wd = WorkingDays(range(2025, 2031))
    meetings = [date.fromisoformat(d) for d in dates(plan, "oekonomiudvalg", "meeting")]
    got = [date.fromisoformat(d) for d in dates(plan, "sagsfrist")]
    assert len(got) == len(meetings) == 44
    for deadline, meeting in zip(got, meetings, strict=True):
        assert wd.is_working(deadline)
        assert sum(wd.is_working(deadline + timedelta(days=i)) for i in range(1, (meeting - deadline).days)) == 7
    # Easter 2028: the April meeting (19th) counts back over Skærtorsdag, Langfredag, 2. påskedag
    assert date(2028, 4, 4) in got


def test_meetings_that_make_the_budget_impossible_are_reported(run, tmp_path):
    body = '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=11,12;BYDAY=-1WE"\n'
    r = run("validate", write_model(tmp_path, body))
    assert r.code == 2
    assert "'budget-vedtagelse'" in r.err and "'deadline.meeting'" in r.err and "umulig" in r.err


def test_exdate_and_rdate_shape_meeting_calendars(tmp_path):
    body = (
        '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=-1WE"\n'
        "exdate = [2026-09-30]\nrdate = [2026-10-08]\n"
    )
    plan = build_plan(write_model(tmp_path, body), 2026)
    assert "2026-09-30" not in dates(plan, "kommunalbestyrelse", "meeting")
    assert dates(plan, "budget-vedtagelse")[0] == "2026-10-08"
    assert dates(plan, "budget-1-behandling")[0] == "2026-08-26"


def test_explain_shows_rule_source_anchor_offset_shift(run):
    r = run("explain", "dk.2026.budget-1-behandling.m2026-1@cycle", "--model", "dk")
    assert r.code == 0
    assert "anchor budget-vedtagelse; offset -3w" in r.out and "Styrelsesloven § 38" in r.out
    assert "2026-09-09" in r.out and "2026-08-26" in r.out  # nominal, then the meeting it lands on
    assert run("explain", "nope@cycle").code == 2


def test_lemvig_and_silkeborg_include_the_base():
    for name in ("lemvig", "silkeborg"):
        docs = set(build_plan(name, 2026).events["document"])
        assert {"budget-vedtagelse", "planstrategi", "kommunalvalg", "regnskab-tilsyn"} <= docs


def test_statutory_events_reach_due_and_ical(run, tmp_path):
    d = run("due", "--model", "silkeborg", "--quarter", "2027Q3").out
    assert "Budgettet vedtages (2. behandling)" in d and "Budget, 1. behandling" in d
    out = tmp_path / "s.ics"
    assert run("ical", "--model", "silkeborg", "-o", out).code == 0
    assert "SUMMARY:Frist: Planstrategi offentliggjort" in out.read_bytes().decode()


# ----- properties


terms = st.integers(min_value=2006, max_value=2045)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(terms)
def test_previous_policy_deadlines_fall_on_working_days_no_later_than_nominal(year):
    plan = build_plan("lemvig", year)
    wd = WorkingDays(range(plan.term.first_year - 1, plan.term.last_year + 2), plan.model.closed_days)
    ev = plan.events[(plan.events["kind"] == "deadline") & (plan.events["shift"] == "previous")]
    ev = ev[ev["meeting"] == ""]
    assert len(ev)
    for start, nominal in ev[["start", "nominal"]].itertuples(index=False):
        assert wd.is_working(start.date()) and start <= nominal
        assert (nominal - start).days < 7


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms, st.integers(min_value=-40, max_value=40), st.sampled_from(["d", "w", "wd"]))
def test_relative_rules_keep_their_distance(tmp_path, year, n, unit):
    body = (
        '[[document]]\nid = "relativ"\ntitle = "Relativ"\nlevel = "politisk"\nsource = "test"\n'
        f'[[document.milestone]]\nanchor = "budget-vedtagelse"\noffset = "{n}{unit}"\n'
    )
    model = write_model(tmp_path, body)
    plan = build_plan(model, year)
    ev = plan.events
    got = set(ev.loc[ev["document"] == "relativ", "start"].dt.date)
    # anchors from the neighbouring terms too: a relative date can cross the term's edge
    anchors = pd.concat([build_plan(model, y).events for y in (year - 4, year, year + 4)])
    anchors = anchors.loc[anchors["document"] == "budget-vedtagelse", "start"].dt.date
    wd = WorkingDays(range(year - 6, year + 9))
    step = {"d": timedelta(days=n), "w": timedelta(weeks=n)}
    want = {wd.add(a, n) if unit == "wd" else a + step[unit] for a in anchors}
    assert {d for d in want if plan.term.start <= d <= plan.term.end} == got


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms, st.sampled_from(["MO", "TU", "WE", "TH"]), st.sampled_from(["1", "2", "-1", "-2"]), st.booleans())
def test_the_readings_keep_three_weeks_apart(tmp_path, year, weekday, pos, july):
    months = "1,2,3,4,5,6,7,8,9,10,11,12" if july else "1,2,3,4,5,6,8,9,10,11,12"
    body = (
        f'[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH={months};BYDAY={pos}{weekday}"\n'
        '[[document]]\nid = "budgetforslag"\nenabled = false\n'
    )
    plan = build_plan(write_model(tmp_path, body), year)
    first = pd.to_datetime(dates(plan, "budget-1-behandling"))
    second = pd.to_datetime(dates(plan, "budget-vedtagelse"))
    assert len(first) == len(second) == 4
    assert ((second - first) >= pd.Timedelta(days=21)).all()
    for d in second:
        override = d.year == 2019
        assert d <= pd.Timestamp(d.year, 11 if override else 10, 5 if override else 15)


# ----- snapshot


SNAPSHOT = DATA / "dk-2022-2037.csv"


def dk_snapshot() -> str:
    frames = [build_plan("dk", y).events for y in (2022, 2026, 2030, 2034)]
    ev = pd.concat(frames)
    ev = ev[ev["kind"] != "meeting"]
    out = ev[["period", "document", "kind", "start", "nominal", "uid"]].copy()
    for c in ("start", "nominal"):
        out[c] = out[c].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False, lineterminator="\n")


def test_dk_base_snapshot_2022_2037():
    """A regression net over four terms. Regenerate deliberately: CYCLE_UPDATE_SNAPSHOTS=1."""
    current = dk_snapshot()
    if os.environ.get("CYCLE_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8")


def test_a_new_rule_without_a_source_is_rejected(tmp_path):
    """Every date must say where it comes from (DOMAIN.md): a new document needs its source."""
    model = write_model(tmp_path, '[[document]]\nid = "x"\ntitle = "X"\nlevel = "politisk"\n')
    with pytest.raises(CycleError) as error:
        build_plan(model, 2026)
    assert (error.value.file, error.value.rule, error.value.key) == (str(model), "x", "source")
    assert error.value.message("en") == f"{model}, rule 'x', key 'source': is missing"
    assert error.value.message("da") == f"{model}, regel 'x', nøgle 'source': mangler"
