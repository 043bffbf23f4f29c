"""The value types of model keys: what a key holds, how it is named to users, how it is read.

Each type turns a TOML value into the model's value or raises :class:`BadValue` with the
message (Danish and English); the caller adds the file, rule and key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.rrule import rrulestr

from ...errors import CycleError
from ...period import parse_term_quarter
from ..types import Offset

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_OFFSET = re.compile(r"^\s*([+-]?\d+)\s*(wd|d|w|m|y)\s*$")
_CLOSED_DAY = re.compile(r"^(\d{4}-)?\d{2}-\d{2}$")


class BadValue(Exception):
    """A value of the wrong type or form; ``da``/``en`` say what is wrong."""

    def __init__(self, da: str, en: str) -> None:
        super().__init__(en)
        self.da, self.en = da, en


@dataclass(frozen=True)
class Type:
    """A value type: its name in the key reference and its reader."""

    en: str
    da: str
    read: Callable[[Any], Any]


def _must_be(ok: bool, da: str, en: str) -> None:
    if not ok:
        raise BadValue(f"skal være {da}", f"must be {en}")


def _text(v: Any) -> str:
    _must_be(isinstance(v, str), "en tekst", "a string")
    return v.strip()


def _bool(v: Any) -> bool:
    _must_be(isinstance(v, bool), "true eller false", "true or false")
    return v


def _int(v: Any) -> int:
    _must_be(isinstance(v, int) and not isinstance(v, bool), "et heltal", "an integer")
    return v


def _texts(v: Any) -> tuple[str, ...]:
    _must_be(isinstance(v, list) and all(isinstance(x, str) for x in v), "en liste af tekster", "a list of strings")
    return tuple(v)


def _levels(v: Any) -> tuple[str, ...]:
    _must_be(bool(_texts(v)), "en liste af tekster, ikke tom", "a non-empty list of strings")
    return tuple(v)


def _years(v: Any) -> tuple[int, ...]:
    ok = isinstance(v, list) and bool(v)
    ok = ok and all(isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 4 for y in v)
    _must_be(ok, "en liste af år i valgperioden (1–4)", "a list of years of the term (1–4)")
    return tuple(sorted(set(v)))


def _date(v: Any) -> date:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        raise BadValue(f"ugyldig dato '{v}'", f"invalid date '{v}'") from None


def _dates(v: Any) -> tuple[date, ...]:
    _must_be(isinstance(v, list), "en liste af datoer", "a list of dates")
    return tuple(_date(x) for x in v)


def _id(v: Any) -> str:
    if not isinstance(v, str) or not _ID.match(v):
        raise BadValue(
            f"ugyldigt id {v!r} (små bogstaver a–z, cifre og bindestreg)",
            f"invalid id {v!r} (lowercase ASCII letters, digits and hyphens)",
        )
    return v


def _tables(v: Any) -> tuple[dict, ...]:
    ok = isinstance(v, list) and all(isinstance(x, dict) for x in v)
    if not ok:
        raise BadValue("skal være en liste af tabeller ([[...]])", "must be an array of tables ([[...]])")
    return tuple(v)


def _table(v: Any) -> dict:
    _must_be(isinstance(v, dict), "en tabel ([...])", "a table ([...])")
    return v


def _term_quarter(v: Any) -> tuple[int, int]:
    try:
        return parse_term_quarter(_text(v))
    except CycleError as e:
        raise BadValue(e.da, e.en) from None


def _offset(v: Any) -> Offset:
    text = _text(v)
    m = _OFFSET.match(text)
    if not m:
        raise BadValue(
            f"ugyldig forskydning '{text}' (fx -3w, -8wd, -1d)", f"invalid offset '{text}' (e.g. -3w, -8wd, -1d)"
        )
    return Offset(int(m[1]), m[2], text)


def _rrule(v: Any) -> str:
    text = _text(v)
    try:
        rrulestr(text, dtstart=date(2000, 1, 1), forceset=True)
    except (ValueError, TypeError) as e:
        raise BadValue(f"ugyldig RRULE: {e}", f"invalid RRULE: {e}") from None
    return text


def _month_day(v: Any) -> tuple[int, int]:
    text = _text(v)
    try:
        d = date.fromisoformat(f"2000-{text}")
    except ValueError:
        raise BadValue(f"ugyldig dag '{text}' (MM-DD)", f"invalid day '{text}' (MM-DD)") from None
    return d.month, d.day


def _closed_day(v: Any) -> str:
    ok = isinstance(v, str) and bool(_CLOSED_DAY.match(v))
    try:
        ok = ok and bool(date.fromisoformat(v if len(v) == 10 else f"2000-{v}"))
    except ValueError:
        ok = False
    if not ok:
        raise BadValue(
            f"ugyldig lukkedag {v!r} (MM-DD eller ÅÅÅÅ-MM-DD)", f"invalid closed day {v!r} (MM-DD or YYYY-MM-DD)"
        )
    return v


def _closed_days(v: Any) -> tuple[str, ...]:
    _must_be(isinstance(v, list), "en liste", "a list")
    return tuple(_closed_day(x) for x in v)


TEXT = Type("text", "tekst", _text)
BOOL = Type("true/false", "true/false", _bool)
INTEGER = Type("integer", "heltal", _int)
TEXTS = Type("list of texts", "liste af tekster", _texts)
LEVELS = Type("non-empty list of texts", "ikke-tom liste af tekster", _levels)
YEARS = Type("list of years of the term (1–4)", "liste af år i valgperioden (1–4)", _years)
DATE = Type("date (`YYYY-MM-DD`)", "dato (`ÅÅÅÅ-MM-DD`)", _date)
DATES = Type("list of dates", "liste af datoer", _dates)
ID = Type("id (`a-z`, `0-9`, `-`)", "id (`a-z`, `0-9`, `-`)", _id)
TABLE = Type("table (`[...]`)", "tabel (`[...]`)", _table)
TABLES = Type("array of tables (`[[...]]`)", "liste af tabeller (`[[...]]`)", _tables)
TERM_QUARTER = Type("quarter of the term (`År 2 Q4`)", "kvartal i valgperioden (`År 2 Q4`)", _term_quarter)
#: A phase's bound: ``År n Qn``, or ``Qn`` alone with ``years``; read as text, parsed with its phase.
PHASE_BOUND = Type(
    "quarter of the term (`År 1 Q1`; `Q1` with `years`)", "kvartal i valgperioden (`År 1 Q1`; `Q1` med `years`)", _text
)
OFFSET = Type("offset (`-3w`, `-1d`, `-8wd` working days)", "forskydning (`-3w`, `-1d`, `-8wd` hverdage)", _offset)
RRULE = Type("RRULE (RFC 5545)", "RRULE (RFC 5545)", _rrule)
MONTH_DAY = Type("day of the year (`MM-DD`)", "dag i året (`MM-DD`)", _month_day)
CLOSED_DAYS = Type(
    "list of `MM-DD` (every year) or `YYYY-MM-DD` (once)",
    "liste af `MM-DD` (hvert år) eller `ÅÅÅÅ-MM-DD` (én gang)",
    _closed_days,
)
