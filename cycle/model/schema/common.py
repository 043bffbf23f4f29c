"""What the schema's tables share: the values a key inherits from around its table, and
the keys written alike in several tables (shift policy, source)."""

from __future__ import annotations

from ...workdays import SHIFT_POLICIES
from .keys import Inherited, Key
from .values import TEXT

#: A point rule's default shift off a non-working day: "senest"-deadlines move back, milestones stay.
POINT_SHIFT = {"deadline": "previous", "milestone": "none"}

MODEL_LEVELS = Inherited("levels", "one of the model's `levels`", "et af modellens `levels`")
FIRST_LEVEL = Inherited("level", "the first of the model's `levels`", "det første af modellens `levels`")
DOC_TITLE = Inherited("title", "the document's `title`", "dokumentets `title`")
DOC_TITLE_EN = Inherited("title_en", "the document's `title_en`", "dokumentets `title_en`")
DOC_SOURCE = Inherited("source", "the document's `source`", "dokumentets `source`")
KIND_SHIFT = Inherited(
    "shift",
    " for a deadline, ".join(f"`{v}`" for v in POINT_SHIFT.values()) + " for a milestone",
    " for en frist, ".join(f"`{v}`" for v in POINT_SHIFT.values()) + " for en milepæl",
)


def shift_key(default: str | None, fallback: tuple = ()) -> Key:
    """The shift policy off a non-working day; its choices are the working-day module's."""
    return Key(
        "shift",
        TEXT,
        "Moves a date off a non-working day: to the previous or next working day, or not at all.",
        "Flytter en dato, der ikke er en hverdag: til forrige eller næste hverdag, eller slet ikke.",
        default=default,
        fallback=fallback,
        choices=tuple(SHIFT_POLICIES),
        noun=("flytning", "shift policy"),
    )


def source_key(en: str, da: str, **kw) -> Key:
    return Key("source", TEXT, en, da, **kw)
