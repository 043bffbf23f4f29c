"""Event UIDs: built and taken apart in one place (cycle.plan.uid), exact strings kept."""

from __future__ import annotations

import pandas as pd
import pytest

from cycle import build_plan
from cycle.errors import CycleError
from cycle.plan import uid


def test_the_uid_of_a_deadline_reads_model_term_document_kind_and_occurrence():
    assert uid.build("lemvig", 2026, "politisk-vision", "deadline", "2026-1") == (
        "lemvig.2026.politisk-vision.f2026-1@cycle"
    )
    assert uid.build("dk", 2026, "kommunalbestyrelse", "meeting", "2027-11") == (
        "dk.2026.kommunalbestyrelse.mo2027-11@cycle"
    )


def test_a_unit_is_percent_encoded_and_decoded():
    u = uid.build("lemvig", 2026, "aftaledokumenter", "drafting", "2026-1", "a<script>/æ")
    assert u == "lemvig.2026.aftaledokumenter.u2026-1.a%3Cscript%3E%2F%C3%A6@cycle"
    assert uid.parse(u).unit == "a<script>/æ"


def test_a_warning_uid_marks_the_days_and_names_its_deadline():
    deadline = "silkeborg.2026.institutionsaftaler.f2027-1.balleskolen@cycle"
    warning = uid.warning(deadline, 14)
    assert warning == "silkeborg.2026.institutionsaftaler.f2027-1.balleskolen.w14@cycle"
    parts = uid.parse(warning)
    assert (parts.unit, parts.warn_days, parts.event_uid) == ("balleskolen", 14, deadline)
    assert uid.warning_column(pd.Series([deadline]), 7).tolist() == [
        "silkeborg.2026.institutionsaftaler.f2027-1.balleskolen.w7@cycle"
    ]


def test_a_carried_over_uid_names_the_documents_term_and_the_plans_year():
    parts = uid.parse("lemvig.2022.politisk-vision.g2026-1@cycle")
    assert (parts.model, parts.term_first_year, parts.document, parts.kind) == (
        "lemvig",
        2022,
        "politisk-vision",
        "validity",
    )
    assert (parts.occurrence, parts.plan_year, parts.unit, parts.warn_days) == ("2026-1", 2026, "", None)


@pytest.mark.parametrize(
    "text",
    [
        "nope@cycle",
        "lemvig.2026.budget.x2026-1@cycle",
        "lemvig.2026.budget.f2026-1",
        "Lemvig.2026.budget.f2026-1@cycle",
    ],
)
def test_a_malformed_uid_is_one_clear_error(text):
    with pytest.raises(CycleError) as e:
        uid.parse(text)
    assert e.value.key == "uid" and text in str(e.value)


def test_every_uid_of_a_plan_takes_apart_into_its_row():
    ev = build_plan("lemvig", 2026).events
    parts = [uid.parse(u) for u in ev["uid"]]
    got = pd.DataFrame(
        {
            "model": [p.model for p in parts],
            "period": [f"{p.term_first_year}-{p.term_first_year + 3}" for p in parts],
            "document": [p.document for p in parts],
            "kind": [p.kind for p in parts],
            "occurrence": [p.occurrence for p in parts],
            "unit": [p.unit for p in parts],
        }
    )
    pd.testing.assert_frame_equal(got, ev[list(got.columns)].astype(str).reset_index(drop=True), check_dtype=False)
    assert [p.event_uid for p in parts] == ev["uid"].tolist()
    assert {p.plan_year for p in parts} == {2026, 2027, 2028, 2029}
