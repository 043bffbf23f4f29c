"""The README's statutory section lists every rule of dk.toml with its legal basis, and says
which dates are assumptions: checked against the model, so the two cannot drift apart."""

from __future__ import annotations

from cycle.model import load_model
from tests.conftest import ROOT


def statutory_rows() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The statutory cycle", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0].split("`")[1]] = cells
    return rows


def test_every_rule_is_listed_with_its_legal_basis():
    model = load_model("dk")
    rows = statutory_rows()
    assert set(rows) == set(model.documents) | set(model.meetings) | {o.id for o in model.overrides}
    for doc in model.documents.values():
        assert rows[doc.id][3] == doc.source, doc.id
    for meeting in model.meetings.values():
        assert rows[meeting.id][3] == meeting.source, meeting.id
    for override in model.overrides:
        assert rows[override.id][3] == override.source


def test_the_assumed_column_says_what_the_model_declares():
    model = load_model("dk")
    rows = statutory_rows()
    for doc in model.documents.values():
        said = rows[doc.id][4]
        if any(r.assumed for r in doc.points):
            assert said.startswith("yes"), doc.id
        elif any(r.role == "treatment" for r in doc.points):  # the meeting is on an assumed calendar
            assert "assumed calendar" in said, doc.id
        else:
            assert said == "no: the law's date", doc.id
    for meeting in model.meetings.values():
        assert meeting.assumed and rows[meeting.id][4].startswith("yes"), meeting.id
