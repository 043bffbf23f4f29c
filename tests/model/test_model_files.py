"""Model files as a whole: includes and patches, ids, and the reference checks run at load time
(parents, cycles in the chain and among anchors, meetings)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cycle.errors import CycleError
from cycle.model import load_model

VISION = """
[[document]]
id = "vision"
title = "Vision"
level = "politisk"
source = "test"
"""


def write(tmp_path: Path, text: str, name: str = "m.toml", head: str = '[model]\nid = "minkommune"\n') -> Path:
    path = tmp_path / name
    path.write_text(head + text, encoding="utf-8")
    return path


def fails(path: Path) -> str:
    with pytest.raises(CycleError) as e:
        load_model(path)
    return e.value.message("en")


def doc(doc_id: str, extra: str = "") -> str:
    return VISION.replace('"vision"', f'"{doc_id}"').replace('source = "test"\n', f'source = "test"\n{extra}')


# --------------------------------------------------------------------------- includes and patches


def test_a_patch_replaces_the_keys_it_gives_and_keeps_the_rest(tmp_path):
    # dk: the half-year accounts before the budget proposal, no date of their own (DOMAIN.md);
    # the municipality adds its own deadline, 20 August, and keeps the base's treatment.
    path = write(
        tmp_path,
        'include = ["dk"]\n[[document]]\nid = "halvaarsregnskab"\n'
        '[[document.deadline]]\nrrule = "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=20"\n',
    )
    d = load_model(path).documents["halvaarsregnskab"]
    assert [(p.role, p.rrule, p.anchor) for p in d.points] == [
        ("deadline", "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=20", None),
        ("treatment", None, None),  # tied to the deadline: the committee meeting on or before it
    ]
    assert (d.title, d.title_en, d.level) == ("Halvårsregnskab", "Half-year accounts", "politisk")
    assert d.file == str(path.resolve())  # errors in the merged rule name the patching file


def test_enabled_false_switches_an_included_rule_off(tmp_path):
    path = write(tmp_path, 'include = ["dk"]\n[[document]]\nid = "beredskabsplan"\nenabled = false\n')
    m = load_model(path)
    assert "beredskabsplan" not in m.documents
    assert "planstrategi" in m.documents


def test_a_meeting_patch_keeps_the_base_title(tmp_path):
    path = write(
        tmp_path, 'include = ["dk"]\n[[meeting]]\nid = "kommunalbestyrelse"\nrrule = "FREQ=MONTHLY;BYDAY=1TU"\n'
    )
    kb = load_model(path).meetings["kommunalbestyrelse"]
    assert (kb.title, kb.rrule) == ("Kommunalbestyrelsesmøde", "FREQ=MONTHLY;BYDAY=1TU")


def test_a_switched_off_meeting_is_gone_and_rules_landing_on_it_are_refused(tmp_path):
    path = write(tmp_path, 'include = ["dk"]\n[[meeting]]\nid = "kommunalbestyrelse"\nenabled = false\n')
    message = fails(path)
    assert message.endswith("unknown meeting calendar 'kommunalbestyrelse'")
    assert "key 'treatment.meeting'" in message  # the budget's readings are treatments at its meetings


def test_own_documents_come_before_included_ones_and_closed_days_merge(tmp_path):
    base = write(tmp_path, doc("base-doc"), "base.toml", head='[model]\nid = "base"\nclosed_days = ["12-24"]\n')
    path = write(tmp_path, 'include = ["base.toml"]\nclosed_days = ["2027-05-07"]\n' + doc("own-doc"))
    m = load_model(path)
    assert [d.id for d in m.chain] == ["own-doc", "base-doc"]
    assert m.closed_days == ("12-24", "2027-05-07")
    assert m.files == (path.resolve(), base.resolve())


def test_units_are_found_next_to_the_model(tmp_path):
    path = write(tmp_path, doc("vision"), head='[model]\nid = "minkommune"\nunits = "enheder.csv"\n')
    assert load_model(path).units_path == tmp_path.resolve() / "enheder.csv"


def test_a_model_that_includes_itself(tmp_path):
    path = write(tmp_path, 'include = ["m.toml"]\n')
    assert fails(path) == f"{path.resolve()}, key 'include': the model includes itself"


def test_an_unknown_include(tmp_path):
    path = write(tmp_path, 'include = ["atlantis"]\n')
    assert fails(path).startswith(f"{path.resolve()}, key 'include': unknown model 'atlantis' (built-in: dk, ")


# --------------------------------------------------------------------------- keys and ids


@pytest.mark.parametrize(
    "text, message",
    [
        (
            VISION + 'titel = "x"\n',
            "rule 'vision', key 'titel': unknown key (allowed: concerns_units, deadline, enabled, id, level, "
            "milestone, parent, parties, per_unit, phase, purpose, purpose_en, source, title, title_en, treatment, "
            "url)",
        ),
        (
            VISION + '[[document.phase]]\nkind = "drafting"\nfra = "År 1 Q1"\n',
            "rule 'vision', key 'phase.fra': unknown key (allowed: deadline, deadline_label, deadline_label_en, "
            "every, from, kind, note, shift, source, to, years)",
        ),
        (
            VISION + '[[document.milestone]]\nat = "År 1 Q1"\n[[document.milestone.override]]\naar = 2027\n',
            "rule 'vision', key 'milestone.override.aar': unknown key (allowed: date, note, year)",
        ),
        (
            '[[meeting]]\nid = "kb"\nwhen = "monthly"\n',
            "rule 'kb', key 'when': unknown key (allowed: assumed, enabled, exdate, id, level, parties, plan, rdate, "
            "rrule, shift, source, title, title_en)",
        ),
        (
            VISION + VISION,
            "rule 'vision', key 'id': 'vision' is declared twice",
        ),
        (
            '[[meeting]]\nid = "kb"\n[[meeting]]\nid = "kb"\n',
            "rule 'kb', key 'id': 'kb' is declared twice",
        ),
        (
            VISION.replace('"vision"', '"Årsplan"'),
            "rule 'Årsplan', key 'id': invalid id 'Årsplan' (lowercase ASCII letters, digits and hyphens)",
        ),
        (
            '[[document]]\ntitle = "Vision"\n',
            "rule 'document', key 'id': is missing",
        ),
    ],
    ids=["document", "phase", "override", "meeting", "duplicate document", "duplicate meeting", "bad id", "no id"],
)
def test_unknown_keys_and_bad_ids(tmp_path, text, message):
    path = write(tmp_path, text)
    assert fails(path) == f"{path.resolve()}, {message}"


# --------------------------------------------------------------------------- references and cycles

PHASE_DEADLINE = '[[document.phase]]\nkind = "drafting"\nfrom = "År 1 Q1"\nto = "År 1 Q4"\ndeadline = true\n'


@pytest.mark.parametrize(
    "text, message",
    [
        (doc("vision", 'parent = "nope"\n'), "rule 'vision', key 'parent': unknown parent 'nope'"),
        (
            doc("a", 'parent = "b"\n') + doc("b", 'parent = "a"\n'),
            "rule 'a', key 'parent': the governance chain has a cycle through 'a'",
        ),
        (doc("a", 'parent = "a"\n'), "rule 'a', key 'parent': the governance chain has a cycle through 'a'"),
        (
            doc("a") + '[[document.deadline]]\nanchor = "ghost"\n',
            "rule 'a', key 'deadline.anchor': unknown anchor 'ghost'",
        ),
        (
            doc("a") + doc("b") + '[[document.deadline]]\nanchor = "a"\n',
            "rule 'b', key 'deadline.anchor': the anchor 'a' has no deadlines or milestones",
        ),
        (
            doc("a") + PHASE_DEADLINE + doc("b") + '[[document.milestone]]\nanchor = "a"\nanchor_on = "treatment"\n',
            "rule 'b', key 'milestone.anchor': the anchor 'a' has no treatments",
        ),
        (
            doc("a") + '[[document.deadline]]\nat = "År 1 Q4"\nmeeting = "byraad"\n',
            "rule 'a', key 'deadline.meeting': unknown meeting calendar 'byraad'",
        ),
    ],
    ids=[
        "unknown parent",
        "parent cycle",
        "own parent",
        "unknown anchor",
        "anchor without dates",
        "anchor without treatments",
        "meeting",
    ],
)
def test_references_are_checked_when_loading(tmp_path, text, message):
    path = write(tmp_path, text)
    assert fails(path) == f"{path.resolve()}, {message}"


ANCHORED = '[[document.deadline]]\nanchor = "{0}"\noffset = "-1w"\n'


@pytest.mark.parametrize(
    "docs, cycle",
    [
        ({"vision": "b", "b": "vision"}, "vision → b → vision"),
        ({"vision": "vision"}, "vision → vision"),
        # told the way dates flow: c is anchored to a (a gives c its dates), b to c, a to b
        ({"a": "b", "b": "c", "c": "a"}, "a → c → b → a"),
    ],
    ids=["two", "itself", "three"],
)
def test_an_anchor_cycle_is_found_when_loading(tmp_path, docs, cycle):
    first = next(iter(docs))
    path = write(tmp_path, "".join(doc(d) + ANCHORED.format(a) for d, a in docs.items()))
    assert fails(path) == f"{path.resolve()}, rule '{first}', key 'anchor': the anchors form a cycle: {cycle}"
    with pytest.raises(CycleError) as e:
        load_model(path)
    assert e.value.message("da").endswith(f"ankrene løber i ring: {cycle}")


def test_anchors_without_a_cycle_load(tmp_path):
    # b a week before a, c a week before b: a chain, not a ring; a meeting can be an anchor too.
    meeting = '[[meeting]]\nid = "kb"\ntitle = "KB"\nrrule = "FREQ=MONTHLY;BYDAY=-1WE"\nsource = "Mødeplan"\n'
    text = (
        meeting + doc("a") + ANCHORED.format("kb") + doc("b") + ANCHORED.format("a") + doc("c") + ANCHORED.format("b")
    )
    m = load_model(write(tmp_path, text))
    assert [d.points[0].anchor for d in m.chain] == ["kb", "a", "b"]
    assert m.meetings["kb"].exdate == () and m.meetings["kb"].level == "politisk"


def test_builtin_override_is_read_as_dates():
    # Budget 2020: the minister moved the adoption deadline to 5 November 2019 (dk.toml, DOMAIN.md),
    # three weeks later, and the proposal's with it.
    (move,) = load_model("dk").overrides
    assert (move.id, move.year) == ("budget-2020", 2019)
    assert move.dates == {"budget-vedtagelse": date(2019, 11, 5), "budgetforslag": date(2019, 10, 6)}


def test_a_rule_may_count_from_a_per_unit_documents_dates(tmp_path):
    """Lemvig: the dialogue meeting before each unit's agreement (the dates are the same for
    every unit, so a rule may count from them)."""
    text = doc("a", "per_unit = true\n") + PHASE_DEADLINE + doc("b") + '[[document.milestone]]\nanchor = "a"\n'
    assert load_model(write(tmp_path, text)).documents["b"].points[0].anchor == "a"


def test_an_override_must_name_documents_with_deadlines(tmp_path):
    text = (
        doc("a") + '[[override]]\nid = "o"\nyear = 2027\ndates = { a = 2027-11-05 }\nnote = "x"\nsource = "y"\n'
    )
    path = write(tmp_path, text)
    assert fails(path) == f"{path.resolve()}, rule 'o', key 'dates.a': 'a' is not a document with a deadline"
