"""The value types of model keys: what a key holds, how it is named to users, how it is read.

Each type turns a TOML value into the model's value or raises :class:`BadValue` with the
message (Danish and English); the caller adds the file, rule and key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from ...errors import CycleError
from ...period import FIRST_YEAR, LAST_YEAR, parse_term_quarter
from ...text import one_line, plain
from ..types import Offset

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_OFFSET = re.compile(r"^\s*([+-]?\d+)\s*(wd|d|w|m|y)\s*$")
_CLOSED_DAY = re.compile(r"^(\d{4}-)?\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
_EMAIL = re.compile(r"^(?:mailto:)?([^@\s<>\"(),;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})$", re.IGNORECASE)
#: Years a model may name (overrides, dates): the years cycle plans in.
YEAR_SPAN = (FIRST_YEAR, LAST_YEAR)
#: The longest offset, in each unit: five years (what a governance rule can mean; more is a typo).
MAX_OFFSET = {"d": 5 * 366, "w": 5 * 53, "m": 5 * 12, "y": 5, "wd": 5 * 261}
#: RRULE frequencies that make sense for deadlines and meetings (a date, not a time of day).
FREQUENCIES = {YEARLY: "YEARLY", MONTHLY: "MONTHLY", WEEKLY: "WEEKLY", DAILY: "DAILY"}
#: The most dates a COUNT may ask for (a daily rule for a year; a weekly one for seven).
MAX_COUNT = 366


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
    """Text as given, without control or bidirectional-override characters (cycle.text)."""
    _must_be(isinstance(v, str), "en tekst", "a string")
    return plain(v)


def _line(v: Any) -> str:
    """A name or title: one line (line breaks become spaces)."""
    _must_be(isinstance(v, str), "en tekst", "a string")
    return one_line(v)


def _url(v: Any) -> str:
    text = _text(v)
    if text and not _URL.match(text):
        raise BadValue(
            f"skal være en webadresse, der begynder med http:// eller https:// (ikke '{text}')",
            f"must be a web address starting with http:// or https:// (not '{text}')",
        )
    return text


def _email(v: Any) -> str:
    m = _EMAIL.match(_text(v))
    if not m:
        raise BadValue(
            f"skal være en e-mailadresse, fx styring@kommune.dk (ikke {v!r})",
            f"must be an e-mail address, e.g. styring@kommune.dk (not {v!r})",
        )
    return "mailto:" + m[1]


def _bool(v: Any) -> bool:
    _must_be(isinstance(v, bool), "true eller false", "true or false")
    return v


def _int(v: Any) -> int:
    _must_be(isinstance(v, int) and not isinstance(v, bool), "et heltal", "an integer")
    return v


def _texts(v: Any) -> tuple[str, ...]:
    _must_be(isinstance(v, list) and all(isinstance(x, str) for x in v), "en liste af tekster", "a list of strings")
    return tuple(one_line(x) for x in v)


def _levels(v: Any) -> tuple[str, ...]:
    levels = _texts(v)
    _must_be(bool(levels) and all(levels), "en liste af tekster, ikke tom", "a non-empty list of strings")
    _must_be(len(set(levels)) == len(levels), "en liste af forskellige niveauer", "a list of distinct levels")
    return levels


def _year(v: Any) -> int:
    _int(v)
    lo, hi = YEAR_SPAN
    _must_be(lo <= v <= hi, f"et år fra {lo} til {hi}", f"a year from {lo} to {hi}")
    return v


def _years(v: Any) -> tuple[int, ...]:
    ok = isinstance(v, list) and bool(v)
    ok = ok and all(isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 4 for y in v)
    _must_be(ok, "en liste af år i valgperioden (1–4)", "a list of years of the term (1–4)")
    return tuple(sorted(set(v)))


def _date(v: Any) -> date:
    if isinstance(v, datetime):
        raise BadValue(f"skal være en dato uden klokkeslæt (ikke {v})", f"must be a date without a time (not {v})")
    if not isinstance(v, date):
        try:
            v = date.fromisoformat(str(v))
        except ValueError:
            raise BadValue(f"ugyldig dato '{v}'", f"invalid date '{v}'") from None
    lo, hi = YEAR_SPAN
    _must_be(lo <= v.year <= hi, f"en dato i årene {lo}–{hi}", f"a date in the years {lo}–{hi}")
    return v


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
    n, unit = int(m[1]), m[2]
    if abs(n) > MAX_OFFSET[unit]:
        raise BadValue(
            f"forskydningen '{text}' er over fem år (højst {MAX_OFFSET[unit]}{unit})",
            f"the offset '{text}' is more than five years (at most {MAX_OFFSET[unit]}{unit})",
        )
    return Offset(n, unit, text)


def _rrule(v: Any) -> str:
    """An RFC 5545 RRULE that gives dates: yearly to daily, an interval of at least 1, and
    parts dateutil can expand (its parser accepts ``INTERVAL=0``, which never ends)."""
    text = _text(v)
    if not text:
        raise BadValue("må ikke være tom", "must not be empty")
    if "\n" in text or "DTSTART" in text.upper():
        raise BadValue(
            "skal være én RRULE uden DTSTART (cycle lægger datoerne i valgperioden)",
            "must be one RRULE without DTSTART (cycle places the dates in the term)",
        )
    try:
        rule = rrulestr(text, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as e:
        raise BadValue(f"ugyldig RRULE: {e}", f"invalid RRULE: {e}") from None
    if not isinstance(rule, rrule) or rule._freq not in FREQUENCIES:
        raise BadValue(
            "FREQ skal være YEARLY, MONTHLY, WEEKLY eller DAILY (frister har datoer, ikke klokkeslæt)",
            "FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY (deadlines have dates, not times of day)",
        )
    if rule._interval < 1:
        raise BadValue("INTERVAL skal være mindst 1", "INTERVAL must be at least 1")
    if rule._count is not None and not 1 <= rule._count <= MAX_COUNT:
        raise BadValue(f"COUNT skal være fra 1 til {MAX_COUNT}", f"COUNT must be from 1 to {MAX_COUNT}")
    if rule._freq == DAILY and rule._count is None and rule._until is None:
        raise BadValue(
            "FREQ=DAILY skal begrænses med COUNT eller UNTIL (ellers en frist hver dag i årevis)",
            "FREQ=DAILY must be bounded by COUNT or UNTIL (else a deadline every day for years)",
        )
    _check_nth_weekdays(rule)
    try:  # dateutil finds some impossible parts only while expanding
        rule.between(datetime(2000, 1, 1), datetime(2004, 12, 31), inc=True)
    except (ValueError, IndexError, OverflowError) as e:
        raise BadValue(f"ugyldig RRULE: {e or type(e).__name__}", f"invalid RRULE: {e or type(e).__name__}") from None
    return text


def _check_nth_weekdays(rule: rrule) -> None:
    """BYDAY's number (``+2MO``, ``-1WE``) counts within a month (1–5) under MONTHLY or a YEARLY
    rule with BYMONTH, within the year (1–53) otherwise (RFC 5545, 3.3.10); dateutil would
    otherwise fail while expanding with "list index out of range"."""
    in_month = rule._freq == MONTHLY or bool(rule._bymonth)
    most = 5 if in_month else 53
    for _weekday, n in rule._bynweekday or ():
        if not 1 <= abs(n) <= most:
            where_da, where_en = ("en måned", "a month") if in_month else ("et år", "a year")
            raise BadValue(
                f"BYDAY-tallet {n:+d} findes ikke i {where_da} (1 til {most}, eller -1 til -{most} fra slutningen)",
                f"the BYDAY number {n:+d} does not exist in {where_en} (1 to {most}, or -1 to -{most} from the end)",
            )


def _month_day(v: Any) -> tuple[int, int]:
    text = _text(v)
    try:
        d = date.fromisoformat(f"2001-{text}")  # a common year: the day must exist every year
    except ValueError:
        raise BadValue(
            f"ugyldig dag '{text}' (MM-DD, en dag der findes hvert år)",
            f"invalid day '{text}' (MM-DD, a day every year has)",
        ) from None
    return d.month, d.day


def _closed_day(v: Any) -> str:
    ok = isinstance(v, str) and bool(_CLOSED_DAY.match(v))
    try:
        ok = ok and bool(date.fromisoformat(v if len(v) == 10 else f"2001-{v}"))
    except ValueError:
        ok = False
    if not ok:
        raise BadValue(
            f"ugyldig lukkedag {v!r} (MM-DD eller ÅÅÅÅ-MM-DD)", f"invalid closed day {v!r} (MM-DD or YYYY-MM-DD)"
        )
    return v


def _calendar_years(v: Any) -> tuple[int, ...]:
    ok = isinstance(v, list) and bool(v)
    ok = ok and all(isinstance(y, int) and not isinstance(y, bool) and 1900 <= y <= 2999 for y in v)
    _must_be(ok, "en liste af kalenderår (fx [2026, 2027])", "a list of calendar years (e.g. [2026, 2027])")
    return tuple(sorted(set(v)))


def _dates_by_id(v: Any) -> dict[str, date]:
    _must_be(isinstance(v, dict) and bool(v), "en tabel af id = dato", "a table of id = date")
    return {_id(k): _date(x) for k, x in v.items()}


def _closed_days(v: Any) -> tuple[str, ...]:
    _must_be(isinstance(v, list), "en liste", "a list")
    return tuple(_closed_day(x) for x in v)


TEXT = Type("text", "tekst", _text)
LINE = Type("text on one line", "tekst på én linje", _line)
URL = Type("web address (`https://…`)", "webadresse (`https://…`)", _url)
EMAIL = Type("e-mail address", "e-mailadresse", _email)
YEAR = Type(f"year ({YEAR_SPAN[0]}–{YEAR_SPAN[1]})", f"år ({YEAR_SPAN[0]}–{YEAR_SPAN[1]})", _year)
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
#: A phase's bound: ``År n Qn``, or ``Qn`` or a day ``MM-DD`` with ``years``; read as text, parsed
#: with its phase.
PHASE_BOUND = Type(
    "quarter of the term (`År 1 Q1`; with `years`: `Q1` or a day `MM-DD`)",
    "kvartal i valgperioden (`År 1 Q1`; med `years`: `Q1` eller en dag `MM-DD`)",
    _text,
)
CALENDAR_YEARS = Type("list of calendar years", "liste af kalenderår", _calendar_years)
DATES_BY_ID = Type("table of document id = date", "tabel af dokument-id = dato", _dates_by_id)
OFFSET = Type(
    "offset (`-3w`, `-1d`, `-8wd` working days; at most five years)",
    "forskydning (`-3w`, `-1d`, `-8wd` hverdage; højst fem år)",
    _offset,
)
RRULE = Type(
    "RRULE (RFC 5545; YEARLY to DAILY, DAILY with COUNT or UNTIL)",
    "RRULE (RFC 5545; YEARLY til DAILY, DAILY med COUNT eller UNTIL)",
    _rrule,
)
MONTH_DAY = Type("day of every year (`MM-DD`)", "dag i hvert år (`MM-DD`)", _month_day)
CLOSED_DAYS = Type(
    "list of `MM-DD` (every year) or `YYYY-MM-DD` (once)",
    "liste af `MM-DD` (hvert år) eller `ÅÅÅÅ-MM-DD` (én gang)",
    _closed_days,
)
