"""Silkeborg: the seed's three agreement levels and their parties, and one test per rule of
calendars/silkeborg.toml with dates worked out by hand.

The seed names the levels and who agrees each, but its timing ("Årets gang") is in a PDF that is
not available: every date here is the model's declared assumption, and the model must say so.
Silkeborg has no closed days of its own, so a "senest" deadline moves only off weekends and
holidays: 30 June 2029 is a Saturday (→ Friday 29th); 31 March 2029 is a Saturday and Easter
2029 falls on 1 April, so Langfredag (30th) and Skærtorsdag (29th) are holidays (→ Wednesday 28th);
31 December 2028 is a Sunday (→ Friday 29th).
"""

from __future__ import annotations

import re

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


def test_every_rule_of_the_model_has_its_test_and_says_its_timing_is_assumed(model):
    base = load_model("dk")
    assert set(model.documents) - set(base.documents) == RULES
    for doc_id in RULES:
        doc = model.documents[doc_id]
        assert "antaget" in doc.source, doc_id  # declared where declared
        assert all("Antagelse" in p.note for p in doc.phases if p.deadline), doc_id


def test_maalaftale(plan):  # drafted Q1-Q2 every year, agreed by the end of June
    assert spans(plan, "maalaftale", "drafting") == [
        ("2026-01-01", "2026-06-30"),
        ("2027-01-01", "2027-06-30"),
        ("2028-01-01", "2028-06-30"),
        ("2029-01-01", "2029-06-30"),
    ]
    assert [a for a, _ in spans(plan, "maalaftale", "deadline")] == [
        "2026-06-30",
        "2027-06-30",
        "2028-06-30",
        "2029-06-29",
    ]


def test_bevillingsaftaler(plan):  # drafted in Q4 after the budget, in force the next year
    assert [a for a, _ in spans(plan, "bevillingsaftaler", "drafting")] == [
        "2026-10-01",
        "2027-10-01",
        "2028-10-01",
        "2029-10-01",
    ]
    assert [a for a, _ in spans(plan, "bevillingsaftaler", "deadline")] == [
        "2026-12-31",
        "2027-12-31",
        "2028-12-29",
        "2029-12-31",
    ]
    # År 2-4; in År 1 the agreements of the previous term's År 4 hold until the new ones
    assert spans(plan, "bevillingsaftaler", "validity") == [
        ("2026-01-01", "2026-12-31"),
        ("2027-01-01", "2027-12-31"),
        ("2028-01-01", "2028-12-31"),
        ("2029-01-01", "2029-12-31"),
    ]
    periods = plan.events.query("document == 'bevillingsaftaler' and kind == 'validity'")["period"]
    assert periods.tolist() == ["2022-2025", "2026-2029", "2026-2029", "2026-2029"]


def test_institutionsaftaler_for_every_unit(plan):  # drafted in Q1, in force Q2-Q4
    for unit, leader in zip(plan.units["id"], plan.units["leader"], strict=True):
        assert [a for a, _ in spans(plan, "institutionsaftaler", "deadline", unit)] == [
            "2026-03-31",
            "2027-03-31",
            "2028-03-31",
            "2029-03-28",
        ]
        validity = spans(plan, "institutionsaftaler", "validity", unit)
        assert validity[0] == ("2026-01-01", "2026-03-31")  # the previous term's, until the new one
        assert validity[1:] == [(f"{y}-04-01", f"{y}-12-31") for y in (2026, 2027, 2028, 2029)]
        owners = plan.events.query("document == 'institutionsaftaler' and unit == @unit")["owner"]
        assert owners.eq(leader).all()
