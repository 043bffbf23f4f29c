"""The loader under generated models (hypothesis): every model file, however wrong, either loads
and plans or is refused with one CycleError on one line; never another exception, never a hang.

The models are drawn from the schema itself (every table's keys, each with plausible and hostile
values of every type), serialised to TOML; a second test damages a valid file byte by byte.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cycle.errors import CycleError
from cycle.model import load_model, schema
from cycle.plan import build_plan

pytestmark = pytest.mark.slow

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- values


HOSTILE = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "\x00", "a\nb", "\u202eevil", "=HYPERLINK(1)", "x" * 300]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.lists(st.integers(-10, 10), max_size=3),
    st.dictionaries(st.sampled_from(["a", "id"]), st.integers(), max_size=2),
)

PLAUSIBLE = {
    "id": st.sampled_from(["budget", "kb", "vision", "a", "Bad Id", "æ", ""]),
    "kind": st.sampled_from(["drafting", "validity", "deadline", "x"]),
    "level": st.sampled_from(["politisk", "administrativt", "faglig"]),
    "levels": st.sampled_from([["politisk", "administrativt"], [], ["a", "a"], ["x"]]),
    "from": st.sampled_from(["År 1 Q1", "Q1", "År 5 Q1", "År 0 Q0", "Q9", ""]),
    "to": st.sampled_from(["År 1 Q4", "Q4", "År 4 Q4", "År 1 Q0", ""]),
    "years": st.lists(st.integers(-1, 6), max_size=4),
    "every": st.sampled_from(["quarter", "year", "month"]),
    "rrule": st.sampled_from(
        [
            "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15",
            "FREQ=MONTHLY;BYDAY=-1WE",
            "FREQ=DAILY;COUNT=3",
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=SECONDLY",
            "FREQ=HOURLY",
            "FREQ=MONTHLY;BYDAY=+60MO",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=YEARLY;UNTIL=19990101",
            "FREQ=WEEKLY;COUNT=999999999",
            "DTSTART:20260101\nRRULE:FREQ=YEARLY",
            "",
        ]
    ),
    "at": st.sampled_from(["År 2 Q4", "År 9 Q1", ""]),
    "edge": st.sampled_from(["start", "end", "middle"]),
    "anchor": st.sampled_from(["budget", "kb", "vision", "ghost", ""]),
    "offset": st.sampled_from(["-3w", "+8wd", "-1d", "-99999d", "99999999999y", "9999wd", "5", "-1m"]),
    "shift": st.sampled_from(["previous", "next", "none", "later"]),
    "meeting": st.sampled_from(["kb", "ghost", ""]),
    "landing": st.sampled_from(["on_or_before", "on_or_after", "maybe"]),
    "not_after": st.sampled_from(["10-01", "02-29", "13-01", "9-1"]),
    "year": st.integers(-1, 10000),
    "date": st.one_of(st.dates(date(1900, 1, 1), date(2200, 1, 1)), st.just(datetime(2027, 10, 1, 10))),
    "url": st.sampled_from(["https://lemvig.dk/x?a=1,2;b", "javascript:alert(1)", "", "www.x.dk"]),
    "organizer": st.sampled_from(["styring@lemvig.dk", "mailto:a@b.dk", "Styring", ""]),
    "closed_days": st.lists(st.sampled_from(["12-24", "02-29", "2027-05-07", "24-12", "13-40"]), max_size=3),
    "exdate": st.lists(st.dates(date(1960, 1, 1), date(2300, 1, 1)), max_size=2),
    "rdate": st.lists(st.dates(date(1960, 1, 1), date(2300, 1, 1)), max_size=2),
    "enabled": st.sampled_from([True, False, "false"]),
    "per_unit": st.booleans(),
    "deadline": st.booleans(),
    "parent": st.sampled_from(["budget", "vision", "ghost", ""]),
    "include": st.sampled_from([[], ["dk"], ["nope"], "dk"]),
}


def value(key: str) -> st.SearchStrategy:
    plausible = PLAUSIBLE.get(key, st.text(max_size=20))
    return st.one_of(plausible, plausible, plausible, HOSTILE)


def table(spec: schema.Table, inner: dict[str, st.SearchStrategy] | None = None) -> st.SearchStrategy:
    """A raw table: some of the declared keys (``inner`` gives nested tables), now and then one
    unknown key."""
    inner = inner or {}
    keys = [k.name for k in spec.keys if k.name not in inner]
    return st.fixed_dictionaries(
        {},
        optional={
            **{k: value(k) for k in keys},
            **inner,
            "unknown_key": HOSTILE,
        },
    )


OVERRIDES = st.lists(table(schema.OVERRIDE), max_size=2)
POINTS = st.lists(table(schema.POINT, {"override": OVERRIDES}), max_size=2)
DOCUMENTS = st.lists(
    table(
        schema.DOCUMENT, {"phase": st.lists(table(schema.PHASE), max_size=2), "deadline": POINTS, "milestone": POINTS}
    ),
    max_size=3,
)
MODELS = st.fixed_dictionaries(
    {"model": table(schema.MODEL).map(lambda m: {"id": "fuzz", **m})},
    optional={"document": DOCUMENTS, "meeting": st.lists(table(schema.MEETING), max_size=2)},
)

# --------------------------------------------------------------------------- TOML


def toml_value(v: object) -> str:
    """A value as TOML (inline; strings with every control escaped, as TOML requires)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    if isinstance(v, str):
        text = json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
        return "".join(c if not 0xD800 <= ord(c) <= 0xDFFF else "\\ufffd" for c in text)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def toml(model: dict) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in model.items())


# --------------------------------------------------------------------------- properties


def loads_or_refuses(path: Path) -> None:
    try:
        build_plan(load_model(path), 2026)
    except CycleError as e:
        for lang in ("da", "en"):
            line = e.message(lang)
            assert line and "\n" not in line and "\r" not in line, line


@SETTINGS
@given(MODELS)
def test_generated_models(tmp_path_factory, model):
    path = tmp_path_factory.mktemp("fuzz") / "model.toml"
    path.write_text(toml(model), encoding="utf-8")
    loads_or_refuses(path)


VALID = """[model]
id = "fuzz"
[[document]]
id = "budget"
title = "Budget"
level = "politisk"
source = "test"
[[document.phase]]
kind = "drafting"
from = "År 1 Q1"
to = "År 1 Q4"
deadline = true
[[document.deadline]]
rrule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=15"
offset = "-2wd"
""".encode()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.binary(max_size=3), st.integers(0, 3)), max_size=4))
def test_damaged_files(tmp_path_factory, edits):
    data = bytearray(VALID)
    for at, insert, cut in edits:
        data[at : at + cut] = insert
    path = tmp_path_factory.mktemp("fuzz") / "model.toml"
    path.write_bytes(bytes(data))
    loads_or_refuses(path)


def test_the_generator_reaches_both_outcomes(tmp_path):
    """Guards the generator: the valid file loads, and a schema-drawn model can be refused."""
    path = tmp_path / "model.toml"
    path.write_bytes(VALID)
    # the drafting window, its adoption deadline and the October deadline of each of four years
    assert len(build_plan(load_model(path), 2026).events) == 6
    path.write_text(toml({"model": {"id": "fuzz"}, "document": [{"id": "x", "title": 5}]}), encoding="utf-8")
    with pytest.raises(CycleError, match="'title'"):
        load_model(path)
