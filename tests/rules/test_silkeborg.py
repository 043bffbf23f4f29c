"""Silkeborg: the seed's three agreement levels and their parties, and one test per rule of
calendars/silkeborg.toml with dates worked out by hand.

The seed names the levels and who agrees each; its timing ("Årets gang") is in a PDF that is not
available, so the model takes it from Silkeborg's published budget pages (DOMAIN.md): a goal
seminar in February–March, the finance committee on the draft goal agreement in early April
(7 April 2015, 3 April 2017), the committees' appropriation agreements from early April to
mid-June, published in the adopted budget at the end of the year, institution agreements after
the year's budget. Where the pages give a period and no day, the day is an assumption and says
so. Silkeborg has no closed days of its own: 31 December 2028 is a Sunday (→ Friday 29th).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cycle import build_plan
from cycle.model import load_model
from tests.conftest import DATA, ROOT

SEED = "000_00be441ed50080ac.txt"
#: The seed's names of the agreements → the model's document ids.
IDS = {
    "Oplæg til målaftale": "maalaftale",
    "Bevillingsaftaler": "bevillingsaftaler",
    "Institutionsaftaler": "institutionsaftaler",
}
#: The rules of silkeborg.toml, each tested below (a new rule needs its test).
RULES = set(IDS.values())


def seed_text() -> str:
    text = (DATA / "seeds" / SEED).read_text(encoding="utf-8")
    shared = ROOT.parent / "shared" / "seeds" / SEED
    if shared.exists():  # the copy in tests/ is the seed itself
        assert shared.read_text(encoding="utf-8") == text
    return text


def seed_agreements(text: str) -> list[tuple[str, list[str]]]:
    """The bullets under "Aftalestyring": "• <agreement> - indgås mellem <a> og <b>"."""
    section = text.split("Aftalestyring", 1)[1].split("Årets gang", 1)[0]
    bullets = re.findall(r"•\s*(.+?)\s+-\s+indgås mellem\s+(.+?)\s+og\s+(.+?)\s*$", section, re.M)
    return [(name, [a, b]) for name, a, b in bullets]


def words(party: str) -> list[str]:
    return re.split(r"[/\s]+", party.lower().strip())


@pytest.fixture(scope="module")
def plan():
    return build_plan("silkeborg", 2026)


@pytest.fixture(scope="module")
def model():
    return load_model("silkeborg")


def spans(plan, document: str, kind: str, unit: str = "") -> list[tuple[str, str]]:
    ev = plan.events
    ev = ev[(ev["document"] == document) & (ev["kind"] == kind) & (ev["unit"] == unit)]
    return list(zip(ev["start"].dt.strftime("%Y-%m-%d"), ev["end"].dt.strftime("%Y-%m-%d"), strict=True))


def test_the_seed_names_three_agreement_levels():
    assert [name for name, _ in seed_agreements(seed_text())] == list(IDS)
    assert "aftalestyring på tre niveauer" in seed_text()


def test_every_agreement_is_a_document_with_the_seeds_parties(model):
    for name, parties in seed_agreements(seed_text()):
        doc = model.documents[IDS[name]]
        assert doc.title == name
        assert len(doc.parties) == len(parties) == 2, name
        # The model writes the parties in the definite form ("Byråd" → "Byrådet"): the same
        # words, each the seed's word or that word with an ending.
        for seed_party, model_party in zip(parties, doc.parties, strict=True):
            want, got = words(seed_party), words(model_party)
            assert len(want) == len(got) and all(g.startswith(w) for w, g in zip(want, got, strict=True)), (
                seed_party,
                model_party,
            )


def test_goals_cascade_down_the_three_levels_to_the_units(model, plan):
    # "Mål fra et overordnet politisk niveau falder ned til de organisatoriske enheder"
    docs = model.documents
    assert (docs["maalaftale"].level, docs["maalaftale"].parent) == ("politisk", None)
    assert docs["bevillingsaftaler"].parent == "maalaftale"
    assert docs["institutionsaftaler"].parent == "bevillingsaftaler" and docs["institutionsaftaler"].per_unit
    ev = plan.events
    assert ev.loc[ev["document"] == "maalaftale", "parties"].eq("Byrådet, Fagudvalgene").all()
    assert set(ev.loc[ev["document"] == "institutionsaftaler", "unit"]) == set(plan.units["id"])


def test_every_rule_of_the_model_has_its_test_and_names_its_sources(model, plan):
    base = load_model("dk")
    assert set(model.documents) - set(base.documents) == RULES
    for doc_id in RULES:
        source = model.documents[doc_id].source
        assert "Styringsmodel" in source and "budgetsider" in source, doc_id
    # a day the pages do not give is marked where it is shown
    ev = plan.events
    seminar = ev[ev["summary"].str.startswith("Målseminar")]
    assert len(seminar) == 4 and seminar["summary"].str.endswith("(antaget dato)").all()


def test_the_finance_committee_meets_on_the_published_days():
    """The first Monday of the month, moved to the next working day: 7 April 2015 (Monday the
    6th was 2. påskedag) and 3 April 2017, as Silkeborg's budget pages give them."""
    plan = build_plan("silkeborg", 2014)
    ev = plan.events
    treated = ev[(ev["document"] == "maalaftale") & ev["summary"].str.startswith("Behandling: ")]
    assert treated["start"].dt.strftime("%Y-%m-%d").tolist() == ["2014-04-07", "2015-04-07", "2016-04-04", "2017-04-03"]


def test_maalaftale(plan):  # goals drafted February–March, the finance committee in early April
    assert spans(plan, "maalaftale", "drafting") == [(f"{y}-02-01", f"{y}-03-31") for y in range(2026, 2030)]
    ev = plan.events
    seminar = ev[(ev["document"] == "maalaftale") & ev["summary"].str.startswith("Målseminar")]
    assert seminar["start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-05", "2027-03-04", "2028-03-02", "2029-03-01"]
    treated = ev[(ev["document"] == "maalaftale") & ev["summary"].str.startswith("Behandling: ")]
    # 2. påskedag 6 April 2026 and 2 April 2029: the Tuesday after
    assert treated["start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-04-07", "2027-04-05", "2028-04-03", "2029-04-03"]
    assert spans(plan, "maalaftale", "validity") == [(f"{y}-01-01", f"{y}-12-31") for y in range(2026, 2030)]


def test_bevillingsaftaler(plan):  # drafted early April – mid-June, published with the budget at year end
    assert spans(plan, "bevillingsaftaler", "drafting") == [(f"{y}-04-01", f"{y}-06-15") for y in range(2026, 2030)]
    assert [a for a, _ in spans(plan, "bevillingsaftaler", "deadline")] == [
        "2026-06-15",
        "2027-06-15",
        "2028-06-15",
        "2029-06-15",
    ]
    assert [a for a, _ in spans(plan, "bevillingsaftaler", "milestone")] == [
        "2026-12-31",
        "2027-12-31",
        "2028-12-29",
        "2029-12-31",
    ]
    assert spans(plan, "bevillingsaftaler", "validity") == [(f"{y}-01-01", f"{y}-12-31") for y in range(2026, 2030)]


def test_institutionsaftaler_for_every_unit(plan):  # after the year's budget, in force the budget year
    for unit, leader in zip(plan.units["id"], plan.units["leader"], strict=True):
        assert spans(plan, "institutionsaftaler", "drafting", unit) == [
            (f"{y}-10-01", f"{y}-12-31") for y in range(2026, 2030)
        ]
        assert [a for a, _ in spans(plan, "institutionsaftaler", "deadline", unit)] == [
            "2026-12-31",
            "2027-12-31",
            "2028-12-29",
            "2029-12-31",
        ]
        validity = spans(plan, "institutionsaftaler", "validity", unit)
        assert validity == [(f"{y}-01-01", f"{y}-12-31") for y in range(2026, 2030)]
        owners = plan.events.query("document == 'institutionsaftaler' and unit == @unit")["owner"]
        assert owners.eq(leader).all()


def test_an_agreement_of_every_level_is_in_force_in_every_quarter(plan):
    ev = plan.events[plan.events["kind"] == "validity"]
    for quarter in plan.term.quarters:
        first, last = pd.Timestamp(quarter.first_day), pd.Timestamp(quarter.last_day)
        for doc in RULES:
            rows = ev[(ev["document"] == doc) & (ev["start"] <= first) & (ev["end"] >= last)]
            assert len(rows), (doc, str(quarter))
