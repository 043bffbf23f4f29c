"""Every key of every table of a model file, through the loader itself (not the CLI).

For each key: the value when it is left out, a value that is accepted and what it becomes, and a
value that is rejected with its one line naming the file, the rule and the key. The expected
values are written out by hand from the README's key reference and DOMAIN.md's rules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cycle.errors import CycleError
from cycle.model import DEFAULT_LEVELS, MeetingPlan, Offset, Override, schema
from cycle.model.parse import enabled, parse_document, parse_meeting, parse_override, parse_phase, parse_point
from cycle.model.read import read_model
from cycle.model.schema import Where

FILE = Path("m.toml")
DROP = object()  # a key to leave out of the base table


class Fails:
    """The key is rejected: the whole one-line message, in English."""

    def __init__(self, message: str) -> None:
        self.message = message


def with_keys(base: dict, change: dict) -> dict:
    out = {**base, **change}
    return {k: v for k, v in out.items() if v is not DROP}


def check(parse, base: dict, key: str, change: dict, expected: Any, get) -> None:
    raw = with_keys(base, change)
    if isinstance(expected, Fails):
        with pytest.raises(CycleError) as e:
            parse(raw)
        assert e.value.message("en") == expected.message
    else:
        assert get(parse(raw), key) == expected


def attr(obj, key):
    return getattr(obj, key)


def cases(table: schema.Table, rows: list[tuple]) -> list:
    """(key, left out → expected, accepted change, → expected, rejected change, → message), with ids."""
    return [pytest.param(*row, id=f"{table.header}:{row[0]}") for row in rows]


# --------------------------------------------------------------------------- [[document]]

DOC = {"id": "vision", "title": "Politisk vision", "level": "politisk", "source": "Styrelsesloven § 37"}
AT_DOC = "m.toml, rule 'vision', key"


def parse_doc(raw: dict):
    return parse_document(raw, FILE, 0, DEFAULT_LEVELS)


def doc_get(d, key):
    return {
        "phase": lambda: [p.blocks for p in d.phases],
        "deadline": lambda: [(p.kind, p.at) for p in d.points],
        "milestone": lambda: [(p.kind, p.at) for p in d.points],
        "treatment": lambda: [(p.kind, p.role, p.meeting, p.tied) for p in d.points],
    }.get(key, lambda: getattr(d, key))()


DOC_CASES = [
    ("title", Fails(f"{AT_DOC} 'title': is missing"), {"title": " Vision "}, "Vision",
     {"title": 5}, Fails(f"{AT_DOC} 'title': must be a string")),
    ("title_en", "Politisk vision", {"title_en": "Political vision"}, "Political vision",
     {"title_en": ["x"]}, Fails(f"{AT_DOC} 'title_en': must be a string")),
    ("level", Fails(f"{AT_DOC} 'level': is missing"), {"level": "administrativt"}, "administrativt",
     {"level": "kommunalt"}, Fails(f"{AT_DOC} 'level': unknown level 'kommunalt' (known: politisk, administrativt)")),
    ("parties", (), {"parties": ["Kommunalbestyrelsen", "Økonomiudvalget"]}, ("Kommunalbestyrelsen", "Økonomiudvalget"),
     {"parties": ["Kommunalbestyrelsen", 1]}, Fails(f"{AT_DOC} 'parties': must be a list of strings")),
    ("parent", None, {"parent": "budget"}, "budget",
     {"parent": 5}, Fails(f"{AT_DOC} 'parent': must be a string")),
    ("per_unit", False, {"per_unit": True}, True,
     {"per_unit": "yes"}, Fails(f"{AT_DOC} 'per_unit': must be true or false")),
    ("concerns_units", None, {"concerns_units": False}, False,
     {"concerns_units": 1}, Fails(f"{AT_DOC} 'concerns_units': must be true or false")),
    ("purpose", "", {"purpose": "  Retning for valgperioden.\n"}, "Retning for valgperioden.",
     {"purpose": 3}, Fails(f"{AT_DOC} 'purpose': must be a string")),
    ("purpose_en", "", {"purpose_en": "Direction for the term."}, "Direction for the term.",
     {"purpose_en": True}, Fails(f"{AT_DOC} 'purpose_en': must be a string")),
    ("source", Fails(f"{AT_DOC} 'source': is missing"), {"source": "Byrådet 2024"}, "Byrådet 2024",
     {"source": ["Styrelsesloven"]}, Fails(f"{AT_DOC} 'source': must be a string")),
    ("url", "", {"url": "https://www.lemvig.dk/politik"}, "https://www.lemvig.dk/politik",
     {"url": 1}, Fails(f"{AT_DOC} 'url': must be a string")),
    ("phase", [], {"phase": [{"kind": "drafting", "from": "År 1 Q1", "to": "År 1 Q4"}]}, [(((1, 1), (1, 4)),)],
     {"phase": {"kind": "drafting"}}, Fails(f"{AT_DOC} 'phase': must be an array of tables ([[...]])")),
    ("deadline", [], {"deadline": [{"at": "År 2 Q4"}]}, [("deadline", (2, 4))],
     {"deadline": [1]}, Fails(f"{AT_DOC} 'deadline': must be an array of tables ([[...]])")),
    ("milestone", [], {"milestone": [{"at": "År 4 Q4"}]}, [("milestone", (4, 4))],
     {"milestone": "År 4 Q4"}, Fails(f"{AT_DOC} 'milestone': must be an array of tables ([[...]])")),
    ("treatment", [], {"treatment": [{"meeting": "kommunalbestyrelse"}]},
     [("milestone", "treatment", "kommunalbestyrelse", True)],
     {"treatment": [{"at": "År 4 Q4"}]}, Fails(f"{AT_DOC} 'treatment.meeting': is missing")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.DOCUMENT, DOC_CASES))
def test_document_key(key, absent, good, parsed, bad, message):
    check(parse_doc, DOC, key, {key: DROP}, absent, doc_get)
    check(parse_doc, DOC, key, good, parsed, doc_get)
    check(parse_doc, DOC, key, bad, message, doc_get)


def test_document_fallbacks_come_from_the_given_keys():
    d = parse_doc({**DOC, "purpose": "Retning", "title_en": "", "parent": ""})
    assert (d.title_en, d.purpose_en, d.parent) == ("Politisk vision", "Retning", None)


@pytest.mark.parametrize("table, raw, rule", [(schema.DOCUMENT, DOC, "vision"), (schema.MEETING, {"id": "kb"}, "kb")])
def test_enabled_key(table, raw, rule):
    assert enabled(raw, table, FILE) is True
    assert enabled({**raw, "enabled": False}, table, FILE) is False
    with pytest.raises(CycleError) as e:
        enabled({**raw, "enabled": "no"}, table, FILE)
    assert e.value.message("en") == f"m.toml, rule '{rule}', key 'enabled': must be true or false"


# --------------------------------------------------------------------------- [[document.phase]]

PHASE = {"kind": "drafting", "from": "År 1 Q1", "to": "År 1 Q4"}
AT_PHASE = "m.toml, rule 'vision', key 'phase."
DOC_AROUND = {"title": "Politisk vision", "title_en": "Political vision", "source": "Styrelsesloven § 37"}


def parse_ph(raw: dict):
    return parse_phase(raw, Where(FILE, "vision", "phase."), DOC_AROUND)


def phase_get(p, key):
    return p.blocks if key in ("from", "to", "years", "every") else getattr(p, key)


ONE_YEAR = (((1, 1), (1, 4)),)
PHASE_CASES = [
    ("kind", Fails(f"{AT_PHASE}kind': is missing"), {"kind": "validity"}, "validity",
     {"kind": "draft"}, Fails(f"{AT_PHASE}kind': unknown phase kind 'draft' (drafting or validity)")),
    ("from", Fails(f"{AT_PHASE}from': is missing"), {"from": "År 1 Q3"}, (((1, 3), (1, 4)),),
     {"from": "År 1 Q5"}, Fails(f"{AT_PHASE}from': 'År 1 Q5' is outside the election period (År 1–4, Q1–Q4)")),
    ("to", Fails(f"{AT_PHASE}to': is missing"), {"to": "Y2Q2"}, (((1, 1), (2, 2)),),
     {"to": "Q4"}, Fails(f"{AT_PHASE}to': 'Q4' is not a quarter of the election period (use e.g. 'År 2 Q3')")),
    ("years", ONE_YEAR, {"years": [3, 1], "from": "Q1", "to": "Q2"}, (((1, 1), (1, 2)), ((3, 1), (3, 2))),
     {"years": [1, 5], "from": "Q1", "to": "Q2"}, Fails(f"{AT_PHASE}years': must be a list of years of the term (1–4)")),
    ("every", ONE_YEAR, {"every": "quarter", "to": "År 1 Q3"}, (((1, 1), (1, 1)), ((1, 2), (1, 2)), ((1, 3), (1, 3))),
     {"every": "month"}, Fails(f"{AT_PHASE}every': unknown split 'month' (quarter or year)")),
    ("deadline", False, {"deadline": True}, True,
     {"deadline": "true"}, Fails(f"{AT_PHASE}deadline': must be true or false")),
    ("deadline_label", None, {"deadline_label": "Aftaledokument indgået"}, "Aftaledokument indgået",
     {"deadline_label": 1}, Fails(f"{AT_PHASE}deadline_label': must be a string")),
    ("deadline_label_en", None, {"deadline_label_en": "Agreement concluded"}, "Agreement concluded",
     {"deadline_label_en": 1}, Fails(f"{AT_PHASE}deadline_label_en': must be a string")),
    ("shift", "previous", {"shift": "next"}, "next",
     {"shift": "sideways"}, Fails(f"{AT_PHASE}shift': unknown shift policy 'sideways' (previous, next, none)")),
    ("source", "Styrelsesloven § 37", {"source": "Byrådet 2024"}, "Byrådet 2024",
     {"source": 1}, Fails(f"{AT_PHASE}source': must be a string")),
    ("note", "", {"note": "Antagelse"}, "Antagelse",
     {"note": 1}, Fails(f"{AT_PHASE}note': must be a string")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.PHASE, PHASE_CASES))
def test_phase_key(key, absent, good, parsed, bad, message):
    check(parse_ph, PHASE, key, {key: DROP}, absent, phase_get)
    check(parse_ph, PHASE, key, good, parsed, phase_get)
    check(parse_ph, PHASE, key, bad, message, phase_get)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"years": [1], "from": "År 1 Q1", "to": "Q4"},
            "from': with 'years', give the quarter alone or a day, e.g. 'Q1' or '04-01' (not 'År 1 Q1')",
        ),
        ({"from": "År 2 Q1", "to": "År 1 Q4"}, "to': 'to' is before 'from' (År 1 Q4 < År 2 Q1)"),
        ({"years": [1], "from": "04-01", "to": "Q2"}, "to': give both bounds as days (MM-DD), not 'Q2'"),
        ({"years": [1], "from": "06-15", "to": "04-01"}, "to': 'to' is before 'from' (04-01 < 06-15)"),
        ({"years": [1], "from": "04-01", "to": "06-31"}, "to': give both bounds as days (MM-DD), not '06-31'"),
        ({"years": [2], "from": "Q3", "to": "Q2"}, "to': 'to' is before 'from' (Q2 < Q3)"),
    ],
)
def test_phase_bounds_that_do_not_fit(change, message):
    check(parse_ph, PHASE, "from", change, Fails(AT_PHASE + message), phase_get)


def test_a_window_of_days_in_each_year_lies_in_its_quarters():
    """Silkeborg's committees draft from early April to mid-June: days, not whole quarters."""
    p = parse_ph({**PHASE, "years": [2, 3], "from": "04-01", "to": "06-15"})
    assert (p.days, p.blocks) == (((4, 1), (6, 15)), (((2, 2), (2, 2)), ((3, 2), (3, 2))))


def test_every_year_splits_at_the_turn_of_the_year():
    p = parse_ph({**PHASE, "from": "År 1 Q3", "to": "År 3 Q1", "every": "year"})
    assert p.blocks == (((1, 3), (1, 4)), ((2, 1), (2, 4)), ((3, 1), (3, 1)))


# --------------------------------------------------------------------------- [[document.deadline]]

POINT = {"rrule": "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"}
AT_POINT = "m.toml, rule 'vision', key 'deadline."


def parse_pt(raw: dict, kind: str = "deadline"):
    return parse_point(raw, kind, 0, Where(FILE, "vision", f"{kind}."), DOC_AROUND)


def point_get(p, key):
    return p.overrides if key == "override" else getattr(p, key)


POINT_CASES = [
    ("label", "Politisk vision", {"label": "Budget vedtaget"}, "Budget vedtaget",
     {"label": 1}, Fails(f"{AT_POINT}label': must be a string")),
    ("label_en", "Political vision", {"label_en": "Budget adopted"}, "Budget adopted",
     {"label_en": 1}, Fails(f"{AT_POINT}label_en': must be a string")),
    ("rrule", Fails(f"{AT_POINT}rrule': give exactly one of rrule, at or anchor"),
     {"rrule": "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=15"}, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=15",
     {"rrule": "FREQ=SOMETIMES"}, Fails(f"{AT_POINT}rrule': invalid RRULE: invalid 'FREQ': SOMETIMES")),
    ("at", None, {"at": "År 2 Q4", "rrule": DROP}, (2, 4),
     {"at": "År 5 Q1", "rrule": DROP}, Fails(f"{AT_POINT}at': 'År 5 Q1' is outside the election period (År 1–4, Q1–Q4)")),
    ("edge", "end", {"edge": "start"}, "start",
     {"edge": "middle"}, Fails(f"{AT_POINT}edge': unknown edge 'middle' (start or end)")),
    ("anchor", None, {"anchor": "budget-vedtagelse", "rrule": DROP}, "budget-vedtagelse",
     {"anchor": 5, "rrule": DROP}, Fails(f"{AT_POINT}anchor': must be a string")),
    ("offset", None, {"offset": " -8wd "}, Offset(-8, "wd", "-8wd"),
     {"offset": "3 days"}, Fails(f"{AT_POINT}offset': invalid offset '3 days' (e.g. -3w, -8wd, -1d)")),
    ("years", None, {"years": [4, 1, 4]}, (1, 4),
     {"years": []}, Fails(f"{AT_POINT}years': must be a list of years of the term (1–4)")),
    ("not_after", None, {"not_after": "09-15"}, (9, 15),
     {"not_after": "02-29"}, Fails(f"{AT_POINT}not_after': invalid day '02-29' (MM-DD, a day every year has)")),
    ("shift", "previous", {"shift": "none"}, "none",
     {"shift": "later"}, Fails(f"{AT_POINT}shift': unknown shift policy 'later' (previous, next, none)")),
    ("meeting", None, {"meeting": "kommunalbestyrelse"}, "kommunalbestyrelse",
     {"meeting": ["kommunalbestyrelse"]}, Fails(f"{AT_POINT}meeting': must be a string")),
    ("landing", "on_or_before", {"landing": "on_or_after"}, "on_or_after",
     {"landing": "before"}, Fails(f"{AT_POINT}landing': unknown landing 'before' (on_or_before, on_or_after)")),
    ("anchor_on", None, {"anchor_on": "treatment"}, "treatment",
     {"anchor_on": "meeting"}, Fails(f"{AT_POINT}anchor_on': unknown kind 'meeting' (deadline, milestone, treatment)")),
    ("not_before", None, {"not_before": "08-22"}, (8, 22),
     {"not_before": "22-08"}, Fails(f"{AT_POINT}not_before': invalid day '22-08' (MM-DD, a day every year has)")),
    ("statutory", False, {"statutory": True}, True,
     {"statutory": "ja"}, Fails(f"{AT_POINT}statutory': must be true or false")),
    ("assumed", False, {"assumed": True}, True,
     {"assumed": 1}, Fails(f"{AT_POINT}assumed': must be true or false")),
    ("source", "Styrelsesloven § 37", {"source": "Bekendtgørelse"}, "Bekendtgørelse",
     {"source": 1}, Fails(f"{AT_POINT}source': must be a string")),
    ("note", "", {"note": "Senest 15. oktober"}, "Senest 15. oktober",
     {"note": 1}, Fails(f"{AT_POINT}note': must be a string")),
    ("override", (), {"override": [{"year": 2019, "date": "2019-11-05", "note": "Flyttet"}]},
     (Override(2019, date(2019, 11, 5), "Flyttet"),),
     {"override": {"year": 2019}}, Fails(f"{AT_POINT}override': must be an array of tables ([[...]])")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.POINT, POINT_CASES))
def test_point_key(key, absent, good, parsed, bad, message):
    check(parse_pt, POINT, key, {key: DROP}, absent, point_get)
    check(parse_pt, POINT, key, good, parsed, point_get)
    check(parse_pt, POINT, key, bad, message, point_get)


def test_a_milestone_stays_on_its_day_and_names_its_kind():
    m = parse_pt(POINT, "milestone")
    assert (m.kind, m.shift) == ("milestone", "none")
    check(lambda r: parse_pt(r, "milestone"), POINT, "edge", {"edge": "x"},
          Fails("m.toml, rule 'vision', key 'milestone.edge': unknown edge 'x' (start or end)"), point_get)  # fmt: skip


def test_label_en_falls_back_to_the_label_before_the_english_title():
    assert parse_pt({**POINT, "label": "Budget vedtaget"}).label_en == "Budget vedtaget"


def test_a_statutory_deadline_is_never_moved_onto_a_meeting():
    check(parse_pt, POINT, "meeting", {"statutory": True, "meeting": "kommunalbestyrelse"},
          Fails(f"{AT_POINT}meeting': a statutory deadline is not moved onto a meeting: give the meeting as a "
                "[[document.treatment]]"), point_get)  # fmt: skip


def test_two_date_rules_are_refused_on_the_second():
    check(parse_pt, POINT, "at", {"at": "År 1 Q1"}, Fails(f"{AT_POINT}at': give exactly one of rrule, at or anchor"),
          point_get)  # fmt: skip


# --------------------------------------------------------------------------- [[document.deadline.override]]

OVERRIDE = {"year": 2019, "date": date(2019, 11, 5)}
AT_OVERRIDE = "m.toml, rule 'vision', key 'deadline.override."


def parse_ov(raw: dict):
    return parse_pt({**POINT, "override": [raw]}).overrides[0]


OVERRIDE_CASES = [
    ("year", Fails(f"{AT_OVERRIDE}year': is missing"), {"year": 2020, "date": "2020-11-05"}, 2020,
     {"year": "2019"}, Fails(f"{AT_OVERRIDE}year': must be an integer")),
    ("date", Fails(f"{AT_OVERRIDE}date': is missing"), {"date": "2019-11-06"}, date(2019, 11, 6),
     {"date": "2019-02-30"}, Fails(f"{AT_OVERRIDE}date': invalid date '2019-02-30'")),
    ("note", "", {"note": "Flyttet af ministeren"}, "Flyttet af ministeren",
     {"note": 2019}, Fails(f"{AT_OVERRIDE}note': must be a string")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.OVERRIDE, OVERRIDE_CASES))
def test_override_key(key, absent, good, parsed, bad, message):
    check(parse_ov, OVERRIDE, key, {key: DROP}, absent, attr)
    check(parse_ov, OVERRIDE, key, good, parsed, attr)
    check(parse_ov, OVERRIDE, key, bad, message, attr)


# --------------------------------------------------------------------------- [[document.treatment]]

TREATMENT = {"meeting": "kommunalbestyrelse"}
AT_TREATMENT = "m.toml, rule 'vision', key 'treatment."


def parse_tr(raw: dict):
    return parse_pt(raw, "treatment")


TREATMENT_CASES = [
    ("label", "Politisk vision", {"label": "Budget, 2. behandling"}, "Budget, 2. behandling",
     {"label": 2}, Fails(f"{AT_TREATMENT}label': must be a string")),
    ("label_en", "Political vision", {"label_en": "Budget, second reading"}, "Budget, second reading",
     {"label_en": 2}, Fails(f"{AT_TREATMENT}label_en': must be a string")),
    ("meeting", Fails(f"{AT_TREATMENT}meeting': is missing"), {"meeting": "oekonomiudvalg"}, "oekonomiudvalg",
     {"meeting": 1}, Fails(f"{AT_TREATMENT}meeting': must be a string")),
    ("rrule", None, {"rrule": "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1"}, "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1",
     {"rrule": "FREQ=YEARLY", "at": "År 1 Q1"}, Fails(f"{AT_TREATMENT}at': give at most one of rrule, at or anchor")),
    ("at", None, {"at": "År 2 Q4"}, (2, 4),
     {"at": "Q4"}, Fails(f"{AT_TREATMENT}at': 'Q4' is not a quarter of the election period (use e.g. 'År 2 Q3')")),
    ("edge", "end", {"edge": "start"}, "start",
     {"edge": "midt"}, Fails(f"{AT_TREATMENT}edge': unknown edge 'midt' (start or end)")),
    ("anchor", None, {"anchor": "budget-vedtagelse"}, "budget-vedtagelse",
     {"anchor": ["x"]}, Fails(f"{AT_TREATMENT}anchor': must be a string")),
    ("anchor_on", None, {"anchor_on": "treatment"}, "treatment",
     {"anchor_on": "all"}, Fails(f"{AT_TREATMENT}anchor_on': unknown kind 'all' (deadline, milestone, treatment)")),
    ("offset", None, {"offset": "-3w"}, Offset(-3, "w", "-3w"),
     {"offset": "3 uger"}, Fails(f"{AT_TREATMENT}offset': invalid offset '3 uger' (e.g. -3w, -8wd, -1d)")),
    ("years", None, {"years": [2]}, (2,),
     {"years": [0]}, Fails(f"{AT_TREATMENT}years': must be a list of years of the term (1–4)")),
    ("landing", "on_or_before", {"landing": "on_or_after"}, "on_or_after",
     {"landing": "near"}, Fails(f"{AT_TREATMENT}landing': unknown landing 'near' (on_or_before, on_or_after)")),
    ("not_before", None, {"not_before": "08-01"}, (8, 1),
     {"not_before": "8-1"}, Fails(f"{AT_TREATMENT}not_before': invalid day '8-1' (MM-DD, a day every year has)")),
    ("not_after", None, {"not_after": "04-15"}, (4, 15),
     {"not_after": "04-31"}, Fails(f"{AT_TREATMENT}not_after': invalid day '04-31' (MM-DD, a day every year has)")),
    ("assumed", None, {"assumed": False}, False,
     {"assumed": "nej"}, Fails(f"{AT_TREATMENT}assumed': must be true or false")),
    ("source", "Styrelsesloven § 37", {"source": "Beredskabsloven § 25"}, "Beredskabsloven § 25",
     {"source": 25}, Fails(f"{AT_TREATMENT}source': must be a string")),
    ("note", "", {"note": "Sidste møde før fristen"}, "Sidste møde før fristen",
     {"note": 1}, Fails(f"{AT_TREATMENT}note': must be a string")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.TREATMENT, TREATMENT_CASES))
def test_treatment_key(key, absent, good, parsed, bad, message):
    check(parse_tr, TREATMENT, key, {key: DROP}, absent, attr)
    check(parse_tr, TREATMENT, key, good, parsed, attr)
    check(parse_tr, TREATMENT, key, bad, message, attr)


def test_a_treatment_is_a_milestone_tied_to_its_documents_deadline_unless_it_has_a_date_rule():
    t = parse_tr(TREATMENT)
    assert (t.kind, t.role, t.tied, t.shift) == ("milestone", "treatment", True, "none")
    assert parse_tr({**TREATMENT, "anchor": "budget-vedtagelse"}).tied is False


# --------------------------------------------------------------------------- [[override]]

GROUP = {"id": "budget-2020", "year": 2019, "dates": {"budget-vedtagelse": date(2019, 11, 5)},
         "note": "Flyttet af ministeren", "source": "Økonomi- og Indenrigsministeriet 2019"}  # fmt: skip
AT_GROUP = "m.toml, rule 'budget-2020', key"


def parse_gr(raw: dict):
    return parse_override(raw, FILE)


GROUP_CASES = [
    ("id", Fails("m.toml, key 'id': is missing"), {"id": "budget-2021"}, "budget-2021",
     {"id": "Budget 2020"}, Fails("m.toml, rule 'Budget 2020', key 'id': invalid id 'Budget 2020' (lowercase ASCII letters, digits and hyphens)")),
    ("year", Fails(f"{AT_GROUP} 'year': is missing"), {"year": 2019}, 2019,
     {"year": "2019"}, Fails(f"{AT_GROUP} 'year': must be an integer")),
    ("dates", Fails(f"{AT_GROUP} 'dates': is missing"),
     {"dates": {"budgetforslag": "2019-10-06", "budget-vedtagelse": date(2019, 11, 5)}},
     {"budgetforslag": date(2019, 10, 6), "budget-vedtagelse": date(2019, 11, 5)},
     {"dates": {"budget-vedtagelse": date(2020, 11, 5)}},
     Fails(f"{AT_GROUP} 'dates.budget-vedtagelse': the date 2020-11-05 is not in the year 2019")),
    ("note", Fails(f"{AT_GROUP} 'note': is missing"), {"note": "Budget 2020"}, "Budget 2020",
     {"note": 2020}, Fails(f"{AT_GROUP} 'note': must be a string")),
    ("note_en", "Flyttet af ministeren", {"note_en": "Moved by the minister"}, "Moved by the minister",
     {"note_en": 1}, Fails(f"{AT_GROUP} 'note_en': must be a string")),
    ("source", Fails(f"{AT_GROUP} 'source': is missing"), {"source": "Ministeriet"}, "Ministeriet",
     {"source": []}, Fails(f"{AT_GROUP} 'source': must be a string")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.GROUP_OVERRIDE, GROUP_CASES))
def test_group_override_key(key, absent, good, parsed, bad, message):
    check(parse_gr, GROUP, key, {key: DROP}, absent, attr)
    check(parse_gr, GROUP, key, good, parsed, attr)
    check(parse_gr, GROUP, key, bad, message, attr)


def test_group_override_dates_name_documents():
    check(parse_gr, GROUP, "dates", {"dates": {"Budget": date(2019, 11, 5)}},
          Fails(f"{AT_GROUP} 'dates': invalid id 'Budget' (lowercase ASCII letters, digits and hyphens)"), attr)  # fmt: skip


# --------------------------------------------------------------------------- [[meeting]]

MEETING = {"id": "kb", "title": "Kommunalbestyrelsesmøde", "rrule": "FREQ=MONTHLY;BYDAY=-1WE", "source": "Mødeplan"}
PLAN_ICS = (Path(__file__).parent.parent / "data" / "meetings" / "moedeplan-2026.ics").resolve()
AT_MEETING = "m.toml, rule 'kb', key"


def parse_mt(raw: dict):
    return parse_meeting(raw, FILE, DEFAULT_LEVELS)


MEETING_CASES = [
    ("title", Fails(f"{AT_MEETING} 'title': is missing"), {"title": "Byrådsmøde"}, "Byrådsmøde",
     {"title": 1}, Fails(f"{AT_MEETING} 'title': must be a string")),
    ("title_en", "Kommunalbestyrelsesmøde", {"title_en": "Council meeting"}, "Council meeting",
     {"title_en": 1}, Fails(f"{AT_MEETING} 'title_en': must be a string")),
    ("level", "politisk", {"level": "administrativt"}, "administrativt",
     {"level": "kommunalt"}, Fails(f"{AT_MEETING} 'level': unknown level 'kommunalt' (known: politisk, administrativt)")),
    ("parties", (), {"parties": ["Økonomiudvalget"]}, ("Økonomiudvalget",),
     {"parties": "Økonomiudvalget"}, Fails(f"{AT_MEETING} 'parties': must be a list of strings")),
    ("rrule", Fails(f"{AT_MEETING} 'rrule': is missing"), {"rrule": "FREQ=MONTHLY;BYDAY=-2WE"}, "FREQ=MONTHLY;BYDAY=-2WE",
     {"rrule": "FREQ=SOMETIMES"}, Fails(f"{AT_MEETING} 'rrule': invalid RRULE: invalid 'FREQ': SOMETIMES")),
    ("exdate", (), {"exdate": [date(2027, 9, 29), "2027-12-29"]}, (date(2027, 9, 29), date(2027, 12, 29)),
     {"exdate": ["2027-09-31"]}, Fails(f"{AT_MEETING} 'exdate': invalid date '2027-09-31'")),
    ("rdate", (), {"rdate": [date(2027, 10, 6)]}, (date(2027, 10, 6),),
     {"rdate": date(2027, 10, 6)}, Fails(f"{AT_MEETING} 'rdate': must be a list of dates")),
    ("source", Fails(f"{AT_MEETING} 'source': is missing"), {"source": "Mødeplan 2027"}, "Mødeplan 2027",
     {"source": 1}, Fails(f"{AT_MEETING} 'source': must be a string")),
    ("shift", "next", {"shift": "skip"}, "skip",
     {"shift": "later"}, Fails(f"{AT_MEETING} 'shift': unknown shift policy 'later' (next, previous, skip, none)")),
    ("assumed", True, {"assumed": False}, False,
     {"assumed": "false"}, Fails(f"{AT_MEETING} 'assumed': must be true or false")),
    ("plan", (), {"plan": [{"file": str(PLAN_ICS), "match": "Kommunalbestyrelsen"}]},
     (MeetingPlan(PLAN_ICS, "Kommunalbestyrelsen", None, None),),
     {"plan": [{"file": "moeder.ics"}]}, Fails(f"{AT_MEETING} 'plan.file': the meeting plan 'moeder.ics' does not exist")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.MEETING, MEETING_CASES))
def test_meeting_key(key, absent, good, parsed, bad, message):
    def get(m, key):
        return m.plans if key == "plan" else getattr(m, key)

    check(parse_mt, MEETING, key, {key: DROP}, absent, get)
    check(parse_mt, MEETING, key, good, parsed, get)
    check(parse_mt, MEETING, key, bad, message, get)


PLAN = {"file": str(PLAN_ICS)}
AT_PLAN = "m.toml, rule 'kb', key 'plan."


def parse_pl(raw: dict):
    return parse_mt({**MEETING, "plan": [raw]}).plans[0]


PLAN_CASES = [
    ("file", Fails(f"{AT_PLAN}file': is missing"), {"file": str(PLAN_ICS.with_name("moedeplan-2027.xlsx"))},
     PLAN_ICS.with_name("moedeplan-2027.xlsx"),
     {"file": 2026}, Fails(f"{AT_PLAN}file': must be a string")),
    ("match", None, {"match": "Økonomiudvalget"}, "Økonomiudvalget",
     {"match": ["x"]}, Fails(f"{AT_PLAN}match': must be a string")),
    ("sheet", None, {"sheet": "Mødeplan 2027"}, "Mødeplan 2027",
     {"sheet": 1}, Fails(f"{AT_PLAN}sheet': must be a string")),
    ("covers", None, {"covers": [2027, 2026]}, (2026, 2027),
     {"covers": [26]}, Fails(f"{AT_PLAN}covers': must be a list of calendar years (e.g. [2026, 2027])")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.MEETING_PLAN, PLAN_CASES))
def test_meeting_plan_key(key, absent, good, parsed, bad, message):
    check(parse_pl, PLAN, key, {key: DROP}, absent, attr)
    check(parse_pl, PLAN, key, good, parsed, attr)
    check(parse_pl, PLAN, key, bad, message, attr)


def test_messages_come_in_danish_too():
    with pytest.raises(CycleError) as e:
        parse_ph({**PHASE, "every": "month"})
    assert (
        e.value.message("da")
        == "m.toml, regel 'vision', nøgle 'phase.every': ukendt opdeling 'month' (quarter eller year)"
    )


# --------------------------------------------------------------------------- [model] and the top level, from files


def toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return str(value)


def read_meta(tmp_path: Path, meta: dict, body: str = ""):
    path = tmp_path / "m.toml"
    path.write_text("[model]\n" + "".join(f"{k} = {toml(v)}\n" for k, v in meta.items()) + body, encoding="utf-8")
    return read_model(path)


MODEL = {"id": "minkommune"}
MODEL_CASES = [
    ("id", Fails("rule 'model', key 'id': is missing"), {"id": "lemvig-2"}, "lemvig-2",
     {"id": "Min Kommune"}, Fails("rule 'model', key 'id': invalid id 'Min Kommune' (lowercase ASCII letters, digits and hyphens)")),
    ("name", "minkommune", {"name": "Min Kommune"}, "Min Kommune",
     {"name": 5}, Fails("rule 'model', key 'name': must be a string")),
    ("name_en", "minkommune", {"name_en": "My Municipality"}, "My Municipality",
     {"name_en": 5}, Fails("rule 'model', key 'name_en': must be a string")),
    ("description", "", {"description": "Styringskæden"}, "Styringskæden",
     {"description": False}, Fails("rule 'model', key 'description': must be a string")),
    ("include", (), {"include": ["dk"]}, ("dk",),
     {"include": "dk"}, Fails("rule 'model', key 'include': must be a list of strings")),
    ("units", None, {"units": "enheder.csv"}, "enheder.csv",
     {"units": 5}, Fails("rule 'model', key 'units': must be a string")),
    ("status", "", {"status": "status.xlsx"}, "status.xlsx",
     {"status": ["status.csv"]}, Fails("rule 'model', key 'status': must be a string")),
    ("url", "", {"url": "https://www.lemvig.dk"}, "https://www.lemvig.dk",
     {"url": "www.lemvig.dk"},
     Fails("rule 'model', key 'url': must be a web address starting with http:// or https:// (not 'www.lemvig.dk')")),
    ("organizer", "", {"organizer": "styring@lemvig.dk"}, "mailto:styring@lemvig.dk",
     {"organizer": "Styring"},
     Fails("rule 'model', key 'organizer': must be an e-mail address, e.g. styring@kommune.dk (not 'Styring')")),
    ("levels", ("politisk", "administrativt"), {"levels": ["politisk", "faglig"]}, ("politisk", "faglig"),
     {"levels": []}, Fails("rule 'model', key 'levels': must be a non-empty list of strings")),
    ("closed_days", (), {"closed_days": ["12-24", "2027-05-07"]}, ("12-24", "2027-05-07"),
     {"closed_days": ["24-12"]}, Fails("rule 'model', key 'closed_days': invalid closed day '24-12' (MM-DD or YYYY-MM-DD)")),
    ("source", "", {"source": "Lemvig Kommunes styringsmodel"}, "Lemvig Kommunes styringsmodel",
     {"source": 1}, Fails("rule 'model', key 'source': must be a string")),
]  # fmt: skip


@pytest.mark.parametrize("key, absent, good, parsed, bad, message", cases(schema.MODEL, MODEL_CASES))
def test_model_key(tmp_path, key, absent, good, parsed, bad, message):
    def parse(raw):
        return read_meta(tmp_path, raw).meta

    def get(meta, k):
        return meta[k]

    def at_file(expected):  # the file is the test's own: its path leads the message
        return Fails(f"{tmp_path / 'm.toml'}, {expected.message}") if isinstance(expected, Fails) else expected

    check(parse, MODEL, key, {key: DROP}, at_file(absent), get)
    check(parse, MODEL, key, good, parsed, get)
    check(parse, MODEL, key, bad, at_file(message), get)


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[document]]\nid = "x"\n', "key 'model': is missing"),
        ('model = "minkommune"\n', "key 'model': must be a table ([...])"),
        ('document = 5\n[model]\nid = "m"\n', "key 'document': must be an array of tables ([[...]])"),
        ('meeting = [1]\n[model]\nid = "m"\n', "key 'meeting': must be an array of tables ([[...]])"),
        ('override = {}\n[model]\nid = "m"\n', "key 'override': must be an array of tables ([[...]])"),
        (
            'kalender = []\n[model]\nid = "m"\n',
            "key 'kalender': unknown key (allowed: document, meeting, model, override)",
        ),
    ],
    ids=["model missing", "model not a table", "document", "meeting", "override", "unknown"],
)
def test_top_level_keys(tmp_path, text, message):
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CycleError) as e:
        read_model(path)
    assert e.value.message("en") == f"{path}, {message}"


def test_every_schema_key_has_a_case():
    covered = {
        schema.DOCUMENT: {row[0] for row in DOC_CASES} | {"id", "enabled"},  # id: tests/model/test_model_files.py
        schema.PHASE: {row[0] for row in PHASE_CASES},
        schema.POINT: {row[0] for row in POINT_CASES},
        schema.TREATMENT: {row[0] for row in TREATMENT_CASES},
        schema.OVERRIDE: {row[0] for row in OVERRIDE_CASES},
        schema.GROUP_OVERRIDE: {row[0] for row in GROUP_CASES},
        schema.MEETING: {row[0] for row in MEETING_CASES} | {"id", "enabled"},
        schema.MEETING_PLAN: {row[0] for row in PLAN_CASES},
        schema.MODEL: {row[0] for row in MODEL_CASES},
        schema.ROOT: {"model", "document", "meeting", "override"},
    }
    assert set(covered) == set(schema.ALL)
    for table, keys in covered.items():
        assert keys == {k.name for k in table.keys}, table.header
