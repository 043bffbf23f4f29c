"""The views' shared rules: which events are carried over, and folding per-unit rows."""

from __future__ import annotations

import pandas as pd
import pytest

from cycle import build_plan
from cycle.views.common import carried_over, fold_units

SEED_DOCUMENTS = {"politisk-vision", "politikker", "strategier", "direktionens-strategi"}


@pytest.fixture(scope="module")
def plan():
    return build_plan("lemvig", 2026)


def test_carried_over_are_the_previous_terms_documents_until_their_successors_take_effect(plan):
    """DOMAIN.md / the seed: the four documents valid through År 4 of 2022-2025 stay in force
    until the day before their successors' validity starts (År 2 Q1): 31 December 2026, so that
    no day is without a document in force (issue 11)."""
    ev = plan.events[carried_over(plan.events, plan.term.label)]
    assert set(ev["document"]) == SEED_DOCUMENTS and len(ev) == 4
    assert set(ev["period"]) == {"2022-2025"} and set(ev["kind"]) == {"validity"}
    assert set(ev["start"].dt.date.astype(str)) == {"2026-01-01"}
    assert set(ev["end"].dt.date.astype(str)) == {"2026-12-31"}


def test_the_terms_own_validity_is_not_carried_over(plan):
    ev = plan.events
    own = ev[(ev["kind"] == "validity") & (ev["document"] == "politisk-vision") & (ev["period"] == "2026-2029")]
    assert len(own) == 1 and not carried_over(own, plan.term.label).any()


def test_the_national_base_carries_nothing_over():
    dk = build_plan("dk", 2026)
    assert not carried_over(dk.events, dk.term.label).any()


def test_fold_counts_and_names_the_units(plan):
    ev = plan.events
    agreements = ev[ev["document"] == "aftaledokumenter"]  # 12 units × (4 windows + 4 deadlines)
    folded = fold_units(agreements, names=True)
    assert len(agreements) == 96 and len(folded) == 8
    assert (folded["units"] == 12).all()
    by_id = tuple(plan.units.sort_values("id")["name"])  # the table orders a day's units by id
    assert all(names == by_id for names in folded["unit_names"])
    shared = fold_units(ev[ev["unit"] == ""], names=True)
    assert len(shared) == (ev["unit"] == "").sum()  # nothing to fold
    assert (shared["units"] == 0).all() and set(shared["unit_names"]) == {()}


def test_fold_keeps_two_rules_on_the_same_day_apart():
    """Two milestones of one document on one day, from two rules, stay two rows."""
    day = pd.Timestamp("2027-03-01")
    ev = pd.DataFrame(
        {
            "document": ["d", "d", "d"],
            "kind": ["milestone"] * 3,
            "start": [day] * 3,
            "end": [day] * 3,
            "period": ["2026-2029"] * 3,
            "rule": ["milestone[0]", "milestone[0]", "milestone[1]"],
            "unit": ["a", "b", "a"],
            "unit_name": ["A", "B", "A"],
        }
    )
    folded = fold_units(ev, names=True)
    assert folded["rule"].tolist() == ["milestone[0]", "milestone[1]"]
    assert folded["units"].tolist() == [2, 1] and folded["unit_names"].tolist() == [("A", "B"), ("A",)]
    assert fold_units(ev.iloc[:0], names=True).empty  # a quarter with nothing in a section
