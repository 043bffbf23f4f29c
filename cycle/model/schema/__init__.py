"""The schema of a model file: every TOML table's keys with their type, default, choices and help.

It is the one home of what a model file may say. The loader reads every table through
:func:`read` (unknown keys, missing keys, wrong types and unknown choices are rejected there),
and the README's key reference is :func:`markdown`'s output (``python -m cycle.model.schema``).

>>> read({"kind": "drafting", "from": "År 1 Q1", "to": "År 1 Q4"}, PHASE, Where("m.toml", "vision", "phase."),
...      {"source": "Styrelsesloven"})["source"]
'Styrelsesloven'
"""

from .common import POINT_SHIFT
from .keys import Given, Inherited, Key, Table, Where, check_keys, read, value
from .markdown import markdown
from .tables import (
    ALL,
    DOCUMENT,
    GROUP_OVERRIDE,
    MEETING,
    MEETING_PLAN,
    MODEL,
    OVERRIDE,
    PHASE,
    POINT,
    ROOT,
    TREATMENT,
)

__all__ = [
    "ALL",
    "DOCUMENT",
    "GROUP_OVERRIDE",
    "MEETING",
    "MEETING_PLAN",
    "MODEL",
    "OVERRIDE",
    "PHASE",
    "POINT",
    "POINT_SHIFT",
    "ROOT",
    "TREATMENT",
    "Given",
    "Inherited",
    "Key",
    "Table",
    "Where",
    "check_keys",
    "markdown",
    "read",
    "value",
]
