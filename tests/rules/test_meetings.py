"""Meetings that are real: no built-in meeting on a public holiday or closed day, and a council's
own meeting plan read from an iCalendar export and from an Excel list, the budget's readings
landing on its dates while the law's deadlines stay where the law puts them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import holidays
import pytest

from cycle import build_plan
from cycle.model import load_model
from tests.conftest import CALENDARS, DATA

PLANS = DATA / "meetings"


def closed(model) -> set[date]:
    """The model's closed days over 2022-2045, expanded by hand ('MM-DD' yearly, or one date)."""
    out = set()
    for spec in model.closed_days:
        if len(spec) == 5:
            out |= {date(y, int(spec[:2]), int(spec[3:])) for y in range(2022, 2046)}
        else:
            out.add(date.fromisoformat(spec))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dk", "lemvig", "silkeborg"])
def test_no_builtin_meeting_on_a_public_holiday_or_closed_day_2022_2045(name):
    model = load_model(name)
    holy = holidays.country_holidays("DK", years=range(2022, 2046))
    shut = closed(model)
    meetings = []
    for first in range(2022, 2046, 4):
        ev = build_plan(model, first).events
        ev = ev[(ev["kind"] == "meeting") | ev["summary"].str.startswith("Behandling: ")]
        meetings += ev["start"].dt.date.tolist()
    assert len({d.year for d in meetings}) == 24  # every year 2022-2045
    bad = [(d, holy.get(d) or "closed") for d in meetings if d in holy or d in shut or d.weekday() >= 5]
    assert bad == []


def test_the_default_calendars_hit_holidays_and_move_off_them():
    """The finance committee's first Wednesday was New Year's Day in 2031; Silkeborg's council's
    second Monday is 2. påskedag on 14 April 2031 and 2. pinsedag on 10 June 2030; Lemvig closes
    on Grundlovsdag, the finance committee's first Wednesday in June 2030. Each moves a day on."""
    dk = build_plan("dk", 2030).events
    assert "2031-01-02" in dk.loc[dk["document"] == "oekonomiudvalg", "start"].dt.strftime("%Y-%m-%d").tolist()
    sb = build_plan("silkeborg", 2030).events
    council = sb.loc[sb["document"] == "kommunalbestyrelse", "start"].dt.strftime("%Y-%m-%d").tolist()
    assert {"2031-04-15", "2030-06-11"} <= set(council) and not {"2031-04-14", "2030-06-10"} & set(council)
    lv = build_plan("lemvig", 2030).events
    finance = lv.loc[lv["document"] == "oekonomiudvalg", "start"].dt.strftime("%Y-%m-%d").tolist()
    assert "2030-06-06" in finance and "2030-06-05" not in finance


def model_with_plans(tmp_path: Path, plans: str) -> Path:
    path = tmp_path / "kommune.toml"
    path.write_text(
        f'[model]\nid = "kommune"\ninclude = ["{CALENDARS / "dk.toml"}"]\n'
        '[[meeting]]\nid = "kommunalbestyrelse"\n'
        f'[[meeting.plan]]\nfile = "{PLANS / "moedeplan-2026.ics"}"\nmatch = "Kommunalbestyrelsen"\n'
        f'[[meeting.plan]]\nfile = "{PLANS / "moedeplan-2027.xlsx"}"\nmatch = "Kommunalbestyrelsen"\n'
        '[[meeting]]\nid = "oekonomiudvalg"\n'
        f'[[meeting.plan]]\nfile = "{PLANS / "moedeplan-2026.ics"}"\nmatch = "Økonomiudvalget"\n'
        f'[[meeting.plan]]\nfile = "{PLANS / "moedeplan-2027.xlsx"}"\nmatch = "Økonomiudvalget"\n' + plans,
        encoding="utf-8",
    )
    return path


def starts(events, document: str, prefix: str) -> list[str]:
    ev = events[(events["document"] == document) & events["summary"].str.startswith(prefix)]
    return ev["start"].dt.strftime("%Y-%m-%d").tolist()


def test_meeting_plans_from_ics_and_xlsx_carry_the_readings(tmp_path):
    """2026 from the .ics export, 2027 from the Excel list; 2028-2029 from the assumed RRULE."""
    ev = build_plan(model_with_plans(tmp_path, ""), 2026).events
    # the council's 2026 plan: 1st reading 16 September, 2nd reading 7 October (three weeks)
    assert starts(ev, "budget-vedtagelse", "Behandling: ")[:2] == ["2026-10-07", "2027-10-06"]
    assert starts(ev, "budget-1-behandling", "Behandling: ")[:2] == ["2026-09-16", "2027-09-15"]
    assert starts(ev, "budgetforslag", "Behandling: ")[:2] == ["2026-09-09", "2027-09-08"]
    # the law's deadlines do not move onto meetings
    assert starts(ev, "budget-vedtagelse", "Lovfrist: ")[:2] == ["2026-10-15", "2027-10-15"]
    # a planned meeting is not an assumption; the years no plan covers still are
    first = ev[(ev["document"] == "budget-1-behandling") & ev["summary"].str.startswith("Behandling: ")]
    assert first["summary"].tolist()[:3] == [
        "Behandling: Budget, 1. behandling i kommunalbestyrelsen",
        "Behandling: Budget, 1. behandling i kommunalbestyrelsen",
        "Behandling: Budget, 1. behandling i kommunalbestyrelsen (antaget dato)",
    ]
    council = ev.loc[ev["document"] == "kommunalbestyrelse", "start"].dt.strftime("%Y-%m-%d").tolist()
    assert council[:12][7:9] == ["2026-09-16", "2026-10-07"] and "2026-07-01" not in council  # cancelled
    assert council[12:24][-1] == "2027-12-15"
    assert ev.loc[ev["document"] == "kommunalbestyrelse", "rule"].iloc[0] == (
        "meeting plan: moedeplan-2026.ics, moedeplan-2027.xlsx"
    )


def test_a_plan_without_meetings_from_august_to_october_fails_validate(run, tmp_path):
    plan = tmp_path / "moeder.csv"
    plan.write_text("dato;møde\n2026-06-24;Byrådet\n2026-11-25;Byrådet\n2026-12-16;Byrådet\n", encoding="utf-8")
    path = tmp_path / "kommune.toml"
    path.write_text(
        f'[model]\nid = "kommune"\ninclude = ["{CALENDARS / "dk.toml"}"]\n'
        '[[meeting]]\nid = "kommunalbestyrelse"\n[[meeting.plan]]\nfile = "moeder.csv"\n',
        encoding="utf-8",
    )
    r = run("validate", path, "--period", "2026")
    assert r.code == 2 and r.err.count("\n") == 1 and r.out == ""
    assert "regel 'budget-vedtagelse'" in r.err
    assert "intet møde i 'kommunalbestyrelse' mellem 2026-08-22 og 2026-10-15: møderne gør reglen umulig" in r.err


def test_a_changed_meeting_plan_reaches_the_cached_plan(tmp_path, monkeypatch):
    monkeypatch.setenv("CYCLE_CACHE_DIR", str(tmp_path / "cache"))
    plan = tmp_path / "moeder.csv"
    days = ("01-14", "03-11", "05-13", "08-12", "09-09", "10-14", "12-09")  # Wednesdays
    rows = "dato;møde\n" + "".join(f"2026-{d};Byrådet\n" for d in days)
    plan.write_text(rows, encoding="utf-8")
    path = tmp_path / "kommune.toml"
    path.write_text(
        f'[model]\nid = "kommune"\ninclude = ["{CALENDARS / "dk.toml"}"]\n'
        '[[meeting]]\nid = "kommunalbestyrelse"\n[[meeting.plan]]\nfile = "moeder.csv"\n',
        encoding="utf-8",
    )
    before = build_plan(path, 2026, cache=True).events
    assert starts(before, "budget-vedtagelse", "Behandling: ")[0] == "2026-10-14"
    plan.write_text(rows.replace("2026-10-14", "2026-10-07"), encoding="utf-8")
    after = build_plan(path, 2026, cache=True).events
    assert starts(after, "budget-vedtagelse", "Behandling: ")[0] == "2026-10-07"
