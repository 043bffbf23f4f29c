"""The statutory annual cycle (calendars/dk.toml): one test per rule on several terms, the
working-day shifts, meeting-relative rules, overrides, explain, properties and a snapshot."""

from __future__ import annotations

import os
import re
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


def lovfrist(plan, document: str) -> list[str]:
    """The document's deadlines (for a statutory rule: the law's date, "Lovfrist")."""
    return dates(plan, document, "deadline")


def behandling(plan, document: str) -> list[str]:
    """The document's treatments: the meetings planned to handle it ("Behandling")."""
    ev = plan.events
    ev = ev[(ev["document"] == document) & ev["summary"].str.startswith("Behandling: ")]
    return ev["start"].dt.strftime("%Y-%m-%d").tolist()


@pytest.fixture(scope="module")
def plans():
    return {y: build_plan("dk", y) for y in (2018, 2022, 2026, 2030)}


def write_model(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "model.toml"
    path.write_text(f'[model]\nid = "test"\ninclude = ["{DK}"]\n{body}', encoding="utf-8")
    return path


# The hand-computed dates below follow dk.toml's rules: the law's date moved back to a working day
# ("senest"), and treatments on the assumed calendars: the council on the second Wednesday of the
# month, the finance committee on the first, none in July, a meeting on a holiday moved to the
# next working day.

# ----- the election period (Kommunal- og regionalvalgloven § 6, styrelsesloven § 6)


def test_kommunalvalg(plans):  # third Tuesday of November in År 4
    assert dates(plans[2022], "kommunalvalg") == ["2025-11-18"]
    assert dates(plans[2026], "kommunalvalg") == ["2029-11-20"]
    assert dates(plans[2030], "kommunalvalg") == ["2033-11-15"]
    assert dates(plans[2026], "kommunalvalg") == [plans[2026].term.next_election.isoformat()]


def test_konstituering(plans):  # by 15 December of the election year; 2029-12-15 is a Saturday
    assert [lovfrist(plans[y], "konstituering") for y in (2022, 2026, 2030)] == [
        ["2025-12-15"],
        ["2029-12-14"],
        ["2033-12-15"],
    ]


# ----- the budget (styrelsesloven §§ 37-38, the order; custom where marked)


def test_budget_vedtagelse_lovfrist_is_the_laws_date(plans):
    """15 October, or the working day before: Sunday 15 October 2028 → Friday 13th, Saturday
    15 October 2033 → Friday 14th; never moved onto a meeting."""
    assert lovfrist(plans[2026], "budget-vedtagelse") == ["2026-10-15", "2027-10-15", "2028-10-13", "2029-10-15"]
    assert lovfrist(plans[2030], "budget-vedtagelse")[-1] == "2033-10-14"
    assert lovfrist(plans[2022], "budget-vedtagelse") == ["2022-10-14", "2023-10-13", "2024-10-15", "2025-10-15"]
    ev = plans[2026].events
    row = ev[(ev["document"] == "budget-vedtagelse") & (ev["kind"] == "deadline")].iloc[0]
    assert row["summary"] == "Lovfrist: Budgettet vedtaget (2. behandling)"
    assert row["summary_en"] == "Statutory deadline: Budget adopted (second reading)"


def test_budget_vedtagelse_behandling_on_the_last_council_meeting_before_the_lovfrist(plans):
    assert behandling(plans[2026], "budget-vedtagelse") == ["2026-10-14", "2027-10-13", "2028-10-11", "2029-10-10"]
    assert behandling(plans[2022], "budget-vedtagelse") == ["2022-10-12", "2023-10-11", "2024-10-09", "2025-10-08"]
    assert behandling(plans[2030], "budget-vedtagelse") == ["2030-10-09", "2031-10-08", "2032-10-13", "2033-10-12"]
    ev = plans[2026].events
    row = ev[(ev["document"] == "budget-vedtagelse") & (ev["kind"] == "milestone")].iloc[0]
    assert row["summary"] == "Behandling: Budget, 2. behandling i kommunalbestyrelsen (antaget dato)"
    assert row["nominal"].date() == date(2026, 10, 15) and "Lovfrist: 2026-10-15" in row["note"]


def test_budget_2020_override_moves_the_years_deadlines_together(plans):
    """The minister moved budget 2020's deadlines three weeks (adoption by 5 November 2019): the
    adoption's and the proposal's Lovfrist move, the first reading's follows (15 October 2019,
    as Fredericia read it), and every moved event says so."""
    plan = plans[2018]
    assert lovfrist(plan, "budget-vedtagelse")[:2] == ["2018-10-15", "2019-11-05"]
    assert lovfrist(plan, "budgetforslag")[1] == "2019-10-04"  # 6 October 2019 is a Sunday
    assert lovfrist(plan, "budget-1-behandling")[1] == "2019-10-15"
    ev = plan.events[plan.events["start"].dt.year == 2019]
    moved = ["budgetforslag", "budget-1-behandling", "budget-vedtagelse", "budget-hoering", "budget-aendringsforslag"]
    budget = ev[ev["document"].isin(moved)]
    assert len(budget) == 9 and budget["note"].str.startswith("Budget 2020: fristerne flyttet").all()
    other_years = plan.events[plan.events["start"].dt.year != 2019]
    assert not other_years["note"].str.contains("Budget 2020").any()


def test_budget_1_behandling(plans):
    """Lovfrist: three weeks before the adoption's (styrelsesloven § 38, stk. 1); Behandling: the
    last council meeting at least three weeks before the second reading."""
    assert lovfrist(plans[2026], "budget-1-behandling") == ["2026-09-24", "2027-09-24", "2028-09-22", "2029-09-24"]
    assert behandling(plans[2026], "budget-1-behandling") == ["2026-09-09", "2027-09-08", "2028-09-13", "2029-09-12"]
    assert behandling(plans[2030], "budget-1-behandling")[3] == "2033-09-14"
    for plan in plans.values():
        first = pd.to_datetime(behandling(plan, "budget-1-behandling"))
        second = pd.to_datetime(behandling(plan, "budget-vedtagelse"))
        assert ((second - first) >= pd.Timedelta(weeks=3)).all()


def test_budgetforslag(plans):  # by 15 September; Saturday 15 September 2029 → Friday 14th
    assert lovfrist(plans[2026], "budgetforslag") == ["2026-09-15", "2027-09-15", "2028-09-15", "2029-09-14"]
    assert lovfrist(plans[2022], "budgetforslag")[2] == "2024-09-13"  # a Sunday
    assert behandling(plans[2026], "budgetforslag") == ["2026-09-02", "2027-09-01", "2028-09-06", "2029-09-05"]
    for plan in plans.values():
        proposals, readings = behandling(plan, "budgetforslag"), behandling(plan, "budget-1-behandling")
        assert all(p < r for p, r in zip(proposals, readings, strict=True))


def test_budget_hoering_between_the_readings(plans):  # custom: assumptions, marked so
    plan = plans[2026]
    assert dates(plan, "budget-hoering", "milestone")[0] == "2026-09-10"  # the day after the 1st reading
    assert lovfrist(plan, "budget-hoering")[0] == "2026-09-30"  # responses two weeks before the 2nd
    ev = plan.events[plan.events["document"] == "budget-hoering"]
    assert ev["summary"].str.endswith("(antaget dato)").all()
    for year in (2022, 2030):
        first, second = behandling(plans[year], "budget-1-behandling"), behandling(plans[year], "budget-vedtagelse")
        got = dates(plans[year], "budget-hoering")
        assert all(f < d < s for f, s in zip(first, second, strict=True) for d in got if d[:4] == f[:4])


def test_budget_aendringsforslag_after_the_consultation(plans):  # custom: a week before the 2nd reading
    assert lovfrist(plans[2026], "budget-aendringsforslag") == ["2026-10-07", "2027-10-06", "2028-10-04", "2029-10-03"]
    for plan in plans.values():
        responses, amendments = lovfrist(plan, "budget-hoering"), lovfrist(plan, "budget-aendringsforslag")
        second = behandling(plan, "budget-vedtagelse")
        assert all(r < a < s for r, a, s in zip(responses, amendments, second, strict=True))


def test_budgetprocedure(plans):  # custom, December–February: the finance committee's February meeting
    assert behandling(plans[2026], "budgetprocedure") == ["2026-02-04", "2027-02-03", "2028-02-02", "2029-02-07"]
    assert all(d[5:7] in ("01", "02") for d in behandling(plans[2022], "budgetprocedure"))


def test_budgetseminar(plans):  # custom: spring (second Thursday of April) and August (last Thursday)
    assert dates(plans[2026], "budgetseminar")[:2] == ["2026-04-09", "2026-08-27"]
    # Easter: Skærtorsdag 13 April 2028 and 14 April 2022 and 2033 → the Tuesday after 2. påskedag
    assert dates(plans[2026], "budgetseminar")[4] == "2028-04-18"
    assert dates(plans[2022], "budgetseminar")[0] == "2022-04-19"
    assert dates(plans[2030], "budgetseminar")[6] == "2033-04-19"


def test_oekonomiaftale(plans):  # custom: June
    assert [d[5:7] for d in dates(plans[2026], "oekonomiaftale")] == ["06"] * 4


def test_halvaarsregnskab(plans):  # before the proposal is presented to the council (the day is assumed)
    assert lovfrist(plans[2026], "halvaarsregnskab") == ["2026-09-08", "2027-09-07", "2028-09-12", "2029-09-11"]
    # the finance committee takes it with the budget proposal, at its last meeting before the 1st reading
    assert behandling(plans[2026], "halvaarsregnskab") == ["2026-09-02", "2027-09-01", "2028-09-06", "2029-09-05"]
    for plan in plans.values():  # covers January–June, and is considered before the 1st reading
        half, first = behandling(plan, "halvaarsregnskab"), behandling(plan, "budget-1-behandling")
        assert all(f"{h[:4]}-07-01" <= h < f for h, f in zip(half, first, strict=True))


def test_budgetopfoelgning(plans):  # custom: per 31 March, 30 June, 30 September
    got = dates(plans[2026], "budgetopfoelgning")
    assert len(got) == 12 and got[:3] == ["2026-03-31", "2026-06-30", "2026-09-30"]


# ----- the accounts (styrelsesloven §§ 45, 57; the order § 8; Danmarks Statistik)


def test_regnskab_danmarks_statistik(plans):  # by 1 March; Sunday 1 March 2026, Saturday 2025 and 2031
    assert lovfrist(plans[2026], "regnskab-danmarks-statistik") == [
        "2026-02-27",
        "2027-03-01",
        "2028-03-01",
        "2029-03-01",
    ]
    assert lovfrist(plans[2022], "regnskab-danmarks-statistik")[3] == "2025-02-28"
    assert lovfrist(plans[2030], "regnskab-danmarks-statistik")[1] == "2031-02-28"


def test_regnskab_aflaeggelse(plans):  # before 1 May: 30 April, or the working day before
    assert lovfrist(plans[2026], "regnskab-aflaeggelse") == ["2026-04-30", "2027-04-30", "2028-04-28", "2029-04-30"]
    assert lovfrist(plans[2022], "regnskab-aflaeggelse")[:2] == ["2022-04-29", "2023-04-28"]
    assert behandling(plans[2026], "regnskab-aflaeggelse") == ["2026-04-08", "2027-04-14", "2028-04-12", "2029-04-11"]


def test_revisionsberetning(plans):  # before 15 June; 2025-06-14 is a Saturday
    assert lovfrist(plans[2022], "revisionsberetning")[-1] == "2025-06-13"
    assert lovfrist(plans[2026], "revisionsberetning") == ["2026-06-12", "2027-06-14", "2028-06-14", "2029-06-14"]


def test_regnskab_tilsyn(plans):  # by the end of August; the council approves after the auditor's report
    assert lovfrist(plans[2022], "regnskab-tilsyn") == ["2022-08-31", "2023-08-31", "2024-08-30", "2025-08-29"]
    assert lovfrist(plans[2030], "regnskab-tilsyn")[:2] == ["2030-08-30", "2031-08-29"]
    assert behandling(plans[2026], "regnskab-tilsyn") == ["2026-08-12", "2027-08-11", "2028-08-09", "2029-08-08"]


# ----- planning and preparedness (planloven § 23 a-b, beredskabsloven §§ 12, 14, 25)


def test_planstrategi(plans):  # by 31 December of År 2; 2023-12-31 is a Sunday
    assert [lovfrist(plans[y], "planstrategi") for y in (2022, 2026, 2030)] == [
        ["2023-12-29"],
        ["2027-12-31"],
        ["2031-12-31"],
    ]
    assert [behandling(plans[y], "planstrategi") for y in (2022, 2026, 2030)] == [
        ["2023-12-13"],
        ["2027-12-08"],
        ["2031-12-10"],
    ]


def test_planstrategi_debat_at_least_eight_weeks_before_adoption(plans):
    assert [lovfrist(plans[y], "planstrategi-debat") for y in (2022, 2026, 2030)] == [
        ["2023-10-18"],
        ["2027-10-13"],
        ["2031-10-15"],
    ]
    assert [behandling(plans[y], "planstrategi-debat") for y in (2022, 2026, 2030)] == [
        ["2023-10-11"],
        ["2027-10-13"],
        ["2031-10-08"],
    ]
    for plan in plans.values():
        debate, adoption = behandling(plan, "planstrategi-debat"), behandling(plan, "planstrategi")
        assert all(
            (date.fromisoformat(a) - date.fromisoformat(d)).days >= 56 for d, a in zip(debate, adoption, strict=True)
        )


def test_beredskabsplan(plans):  # once per term, adopted in a meeting; 2033-12-31 is a Saturday
    assert [lovfrist(plans[y], "beredskabsplan") for y in (2022, 2026, 2030)] == [
        ["2025-12-31"],
        ["2029-12-31"],
        ["2033-12-30"],
    ]
    assert [behandling(plans[y], "beredskabsplan") for y in (2022, 2026, 2030)] == [
        ["2025-12-10"],
        ["2029-12-12"],
        ["2033-12-14"],
    ]


def test_risikobaseret_dimensionering(plans):  # at least once per term (the dimensioning order)
    assert [lovfrist(plans[y], "risikobaseret-dimensionering") for y in (2022, 2026, 2030)] == [
        ["2025-12-31"],
        ["2029-12-31"],
        ["2033-12-30"],
    ]
    assert behandling(plans[2026], "risikobaseret-dimensionering") == ["2029-12-12"]


# The meeting calendars are assumptions (dk.toml says so): the second Wednesday of the month for
# the council (8th–14th, so mid-December), the first for the finance committee, none in July.
# 2026 counted by hand; New Year's Day on a Wednesday moves the committee to the 2nd.
COUNCIL_2026 = ["01-14", "02-11", "03-11", "04-08", "05-13", "06-10", "08-12", "09-09", "10-14", "11-11", "12-09"]
FINANCE_2026 = ["01-07", "02-04", "03-04", "04-01", "05-06", "06-03", "08-05", "09-02", "10-07", "11-04", "12-02"]


def test_kommunalbestyrelse_meetings(plans):
    got = dates(plans[2026], "kommunalbestyrelse", "meeting")
    assert [d[5:] for d in got if d.startswith("2026")] == COUNCIL_2026
    assert len(got) == 44  # eleven a year
    ev = plans[2026].events
    assert ev.loc[ev["document"] == "kommunalbestyrelse", "summary"].eq("Kommunalbestyrelsesmøde (antaget dato)").all()


def test_oekonomiudvalg_meetings(plans):
    got = dates(plans[2026], "oekonomiudvalg", "meeting")
    assert [d[5:] for d in got if d.startswith("2026")] == FINANCE_2026
    assert len(got) == 44
    assert "2025-01-02" in dates(plans[2022], "oekonomiudvalg", "meeting")  # Wednesday 1 January 2025
    assert "2031-01-02" in dates(plans[2030], "oekonomiudvalg", "meeting")


#: The rules of dk.toml, each tested above (a new rule needs its test).
RULES = {
    "kommunalbestyrelse",
    "oekonomiudvalg",
    "kommunalvalg",
    "konstituering",
    "budgetprocedure",
    "budgetseminar",
    "budgetforslag",
    "budget-1-behandling",
    "budget-hoering",
    "budget-aendringsforslag",
    "budget-vedtagelse",
    "oekonomiaftale",
    "regnskab-danmarks-statistik",
    "regnskab-aflaeggelse",
    "revisionsberetning",
    "regnskab-tilsyn",
    "halvaarsregnskab",
    "budgetopfoelgning",
    "planstrategi",
    "planstrategi-debat",
    "beredskabsplan",
    "risikobaseret-dimensionering",
}


def test_every_rule_of_the_base_has_its_test():
    model = load_model("dk")
    assert set(model.documents) | set(model.meetings) == RULES
    assert all(d.source for d in model.documents.values())  # every rule says where it comes from


def test_every_date_the_law_does_not_give_says_it_is_assumed(plans):
    """Custom and assumed dates carry "(antaget dato)"; the law's dates do not."""
    ev = pd.concat(p.events for p in plans.values())
    statutory = ev[ev["summary"].str.startswith("Lovfrist: ")]
    assert len(statutory) and not statutory["summary"].str.contains("antaget").any()
    for doc in ("budgetseminar", "oekonomiaftale", "budgetopfoelgning", "budget-hoering", "budget-aendringsforslag"):
        assert ev.loc[ev["document"] == doc, "summary"].str.endswith("(antaget dato)").all(), doc


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
    assert lovfrist(plan, "halvaarsregnskab") == ["2026-08-20", "2027-08-20", "2028-08-21", "2029-08-20"]
    assert behandling(plan, "halvaarsregnskab") == ["2026-08-05", "2027-08-04", "2028-08-02", "2029-08-01"]


def test_working_day_offsets_before_each_committee_meeting(tmp_path):
    body = (
        '[[document]]\nid = "sagsfrist"\ntitle = "Sagsfrist"\nlevel = "administrativt"\nsource = "test"\n'
        '[[document.deadline]]\nanchor = "oekonomiudvalg"\noffset = "-8wd"\n'
    )
    plan = build_plan(write_model(tmp_path, body), 2028)
    wd = WorkingDays(range(2025, 2031))
    meetings = [date.fromisoformat(d) for d in dates(plan, "oekonomiudvalg", "meeting")]
    meetings.append(date(2030, 1, 2))  # the first meeting of the next term: its deadline is in December 2029
    got = [date.fromisoformat(d) for d in dates(plan, "sagsfrist")]
    assert len(got) == 44  # the January 2026 meeting's deadline falls in December 2025, outside the term
    for deadline in got:
        meeting = min(m for m in meetings if m > deadline)
        assert wd.is_working(deadline)
        assert sum(wd.is_working(deadline + timedelta(days=i)) for i in range(1, (meeting - deadline).days)) == 7
    # Easter 2027: the April meeting (the 7th) counts back over 2. påskedag, Langfredag, Skærtorsdag
    assert date(2027, 3, 23) in got


def test_meetings_that_make_the_budget_impossible_are_reported(run, tmp_path):
    body = '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=11,12;BYDAY=-1WE"\n'
    r = run("validate", write_model(tmp_path, body))
    assert r.code == 2 and r.err.count("\n") == 1
    assert "'budget-vedtagelse'" in r.err and "'treatment.meeting'" in r.err and "umulig" in r.err


def test_no_meetings_in_august_to_october_is_an_error_not_a_june_adoption(run, tmp_path):
    """Before: the adoption silently moved to the last meeting before 15 October, in June."""
    body = '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,11,12;BYDAY=+2WE"\n'
    r = run("validate", write_model(tmp_path, body), "--period", "2026")
    assert r.code == 2 and r.err.count("\n") == 1
    assert "rule 'budget-vedtagelse'" in run("validate", write_model(tmp_path, body), "--lang", "en").err
    assert re.search(r"intet møde i 'kommunalbestyrelse' mellem (\d{4})-08-22 og \1-10-15", r.err) and "umulig" in r.err


def test_a_treatment_after_its_deadline_fails_validate_and_says_so(run, tmp_path):
    """A municipality that lets the council approve the accounts at its first meeting after the
    auditor's report: with no meeting from June to August it falls after the 31 August deadline."""
    body = (
        '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,9,10,11,12;BYDAY=+2WE"\n'
        '[[document]]\nid = "regnskab-tilsyn"\n[[document.treatment]]\nmeeting = "kommunalbestyrelse"\n'
        'rrule = "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15"\nlanding = "on_or_after"\n'
        'label = "Kommunalbestyrelsen godkender regnskabet"\n'
    )
    model = write_model(tmp_path, body)
    plan = build_plan(model, 2026)
    assert behandling(plan, "regnskab-tilsyn")[0] == "2026-09-09"  # after Lovfrist 2026-08-31
    ev = plan.events
    assert (
        "EFTER FRISTEN"
        in ev.loc[ev["summary"].str.startswith("Behandling: Kommunalbestyrelsen godkender"), "note"].iloc[0]
    )
    r = run("validate", model, "--period", "2026", "--lang", "en")
    assert r.code == 2 and r.err.count("\n") == 1
    assert "rule 'regnskab-tilsyn', key 'treatment.meeting'" in r.err
    assert re.search(r"the treatment on (\d{4})-09-\d\d falls after the deadline \1-08-\d\d", r.err)


def test_exdate_and_rdate_shape_meeting_calendars(tmp_path):
    body = (
        '[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=-1WE"\n'
        "exdate = [2026-09-30]\nrdate = [2026-10-08]\n"
    )
    plan = build_plan(write_model(tmp_path, body), 2026)
    assert "2026-09-30" not in dates(plan, "kommunalbestyrelse", "meeting")
    assert behandling(plan, "budget-vedtagelse")[0] == "2026-10-08"
    assert behandling(plan, "budget-1-behandling")[0] == "2026-08-26"
    assert lovfrist(plan, "budget-vedtagelse")[0] == "2026-10-15"  # the law's date stays where it is


def test_explain_shows_rule_source_anchor_offset_shift(run):
    r = run("explain", "dk.2026.budget-1-behandling.m2026-1@cycle", "--model", "dk")
    assert r.code == 0
    assert "anchor budget-vedtagelse (treatment); offset -3w" in r.out and "Styrelsesloven § 38" in r.out
    assert "2026-09-23" in r.out and "2026-09-09" in r.out  # the limit, then the meeting it lands on
    assert run("explain", "nope@cycle").code == 2


def test_lemvig_and_silkeborg_include_the_base():
    for name in ("lemvig", "silkeborg"):
        docs = set(build_plan(name, 2026).events["document"])
        assert {"budget-vedtagelse", "planstrategi", "kommunalvalg", "regnskab-tilsyn"} <= docs


def test_statutory_events_reach_due_and_ical(run, tmp_path):
    d = run("due", "--model", "silkeborg", "--quarter", "2027Q3").out
    assert "Lovfrist: Budgetforslaget oversendt til kommunalbestyrelsen" in d
    assert "Behandling: Budget, 1. behandling i kommunalbestyrelsen" in d
    out = tmp_path / "s.ics"
    assert run("ical", "--model", "silkeborg", "-o", out).code == 0
    text = out.read_bytes().decode().replace("\r\n ", "")  # unfold
    assert "SUMMARY:Lovfrist: Planstrategi offentliggjort" in text
    assert "SUMMARY:Behandling: Kommunalbestyrelsen vedtager planstrategien (antaget dato)" in text


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
    anchors = anchors.loc[(anchors["document"] == "budget-vedtagelse") & (anchors["kind"] == "deadline"), "start"]
    anchors = anchors.dt.date  # its deadline (a treatment is counted from only with anchor_on = "treatment")
    wd = WorkingDays(range(year - 6, year + 9))
    step = {"d": timedelta(days=n), "w": timedelta(weeks=n)}
    want = {wd.add(a, n) if unit == "wd" else a + step[unit] for a in anchors}
    assert {d for d in want if plan.term.start <= d <= plan.term.end} == got


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(terms, st.sampled_from(["MO", "TU", "WE", "TH"]), st.sampled_from(["1", "2", "-1", "-2"]), st.booleans())
def test_the_readings_keep_three_weeks_apart(tmp_path, year, weekday, pos, july):
    months = "1,2,3,4,5,6,7,8,9,10,11,12" if july else "1,2,3,4,5,6,8,9,10,11,12"
    body = f'[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYMONTH={months};BYDAY={pos}{weekday}"\n'
    plan = build_plan(write_model(tmp_path, body), year)
    first = pd.to_datetime(behandling(plan, "budget-1-behandling"))
    second = pd.to_datetime(behandling(plan, "budget-vedtagelse"))
    assert len(first) == len(second) == 4
    assert ((second - first) >= pd.Timedelta(days=21)).all()
    for d in second:
        override = d.year == 2019
        assert d <= pd.Timestamp(d.year, 11 if override else 10, 5 if override else 15)
        assert d >= pd.Timestamp(d.year, 8, 22)


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
