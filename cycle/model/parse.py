"""Parsing one model's raw tables into its typed parts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from dateutil.rrule import rrulestr

from ..errors import CycleError
from ..period import parse_term_quarter
from ..workdays import SHIFT_POLICIES
from .read import _check_keys, _table_list
from .types import LANDINGS, PHASE_KINDS, POINT_KINDS, Document, Meeting, Offset, Override, Phase, PointRule

_OFFSET = re.compile(r"^\s*([+-]?\d+)\s*(wd|d|w|m|y)\s*$")
_QUARTER_ONLY = re.compile(r"^\s*Q([1-4])\s*$", re.IGNORECASE)

_PHASE_KEYS = {
    "kind",
    "from",
    "to",
    "years",
    "every",
    "deadline",
    "deadline_label",
    "deadline_label_en",
    "shift",
    "source",
    "note",
}
_POINT_KEYS = {
    "label",
    "label_en",
    "rrule",
    "at",
    "edge",
    "anchor",
    "years",
    "offset",
    "shift",
    "meeting",
    "landing",
    "not_after",
    "source",
    "note",
    "override",
}
_OVERRIDE_KEYS = {"year", "date", "note"}


def _parse_document(raw: dict, file: Path, origin: int, levels: tuple[str, ...]) -> Document:
    rid = raw["id"]
    g = _Getter(raw, file, rid)
    title = g.str("title", required=True)
    level = g.str("level", required=True)
    if level not in levels:
        g.fail(
            "level",
            f"ukendt niveau '{level}' (kendte: {', '.join(levels)})",
            f"unknown level '{level}' (known: {', '.join(levels)})",
        )
    source = g.str("source", required=True)
    phases = tuple(
        _parse_phase(p, file, rid, source) for p in _table_list(raw.get("phase", []), file, rid, keyed=False)
    )
    points: list[PointRule] = []
    for kind in POINT_KINDS:
        for i, p in enumerate(_table_list(raw.get(kind, []), file, rid, keyed=False)):
            points.append(_parse_point(p, kind, i, file, rid, source, title, g.str("title_en") or title))
    return Document(
        id=rid,
        title=title,
        title_en=g.str("title_en") or title,
        level=level,
        parties=tuple(g.str_list("parties")),
        parent=g.str("parent") or None,
        per_unit=g.bool("per_unit", False),
        purpose=g.str("purpose"),
        purpose_en=g.str("purpose_en") or g.str("purpose"),
        source=source,
        url=g.str("url"),
        concerns_units=g.bool("concerns_units", None),
        phases=phases,
        points=tuple(points),
        file=str(file),
        origin=origin,
    )


def _parse_phase(raw: dict, file: Path, rid: str, default_source: str) -> Phase:
    _check_keys(raw, _PHASE_KEYS, file, rid, prefix="phase.")
    g = _Getter(raw, file, rid, prefix="phase.")
    kind = g.str("kind", required=True)
    if kind not in PHASE_KINDS:
        g.fail(
            "kind",
            f"ukendt fase '{kind}' (drafting eller validity)",
            f"unknown phase kind '{kind}' (drafting or validity)",
        )
    first, last = g.str("from", required=True), g.str("to", required=True)
    years = raw.get("years")
    if years is not None:  # yearly recurring: Q-only bounds inside each listed year of the term
        ys = g.years("years")
        qa, qb = (_quarter_only(x, g, key) for x, key in ((first, "from"), (last, "to")))
        spans = [((y, qa), (y, qb)) for y in ys]
    else:
        try:
            spans = [(parse_term_quarter(first), parse_term_quarter(last))]
        except CycleError as e:
            g.fail("from" if _bad(first) else "to", e.da, e.en)
    for a, b in spans:
        if b < a:
            g.fail("to", f"'to' ligger før 'from' ({last} < {first})", f"'to' is before 'from' ({last} < {first})")
    every = g.str("every") or None
    if every not in (None, "quarter", "year"):
        g.fail("every", f"ukendt opdeling '{every}' (quarter eller year)", f"unknown split '{every}' (quarter or year)")
    blocks = [blk for span in spans for blk in _split(span, every)]
    shift = g.str("shift") or "previous"
    _check_shift(shift, g)
    return Phase(
        kind=kind,
        blocks=tuple(blocks),
        deadline=g.bool("deadline", False),
        deadline_label=g.str("deadline_label") or None,
        deadline_label_en=g.str("deadline_label_en") or None,
        shift=shift,
        source=g.str("source") or default_source,
        note=g.str("note"),
    )


def _bad(text: str) -> bool:
    try:
        parse_term_quarter(text)
    except CycleError:
        return True
    return False


def _quarter_only(text: str, g: _Getter, key: str) -> int:
    m = _QUARTER_ONLY.match(text)
    if not m:
        g.fail(
            key,
            f"med 'years' angives kvartalet alene, fx 'Q1' (ikke '{text}')",
            f"with 'years', give the quarter alone, e.g. 'Q1' (not '{text}')",
        )
    return int(m[1])


def _split(span, every):
    (ya, qa), (yb, qb) = span
    a, b = (ya - 1) * 4 + qa - 1, (yb - 1) * 4 + qb - 1
    as_tq = lambda n: (n // 4 + 1, n % 4 + 1)  # noqa: E731
    if every == "quarter":
        return [(as_tq(n), as_tq(n)) for n in range(a, b + 1)]
    if every == "year":
        out, n = [], a
        while n <= b:
            end = min(b, (n // 4) * 4 + 3)
            out.append((as_tq(n), as_tq(end)))
            n = end + 1
        return out
    return [(as_tq(a), as_tq(b))]


def _parse_point(raw, kind, index, file, rid, default_source, title, title_en) -> PointRule:
    prefix = f"{kind}."
    _check_keys(raw, _POINT_KEYS, file, rid, prefix=prefix)
    g = _Getter(raw, file, rid, prefix=prefix)
    whens = [k for k in ("rrule", "at", "anchor") if k in raw]
    if len(whens) != 1:
        g.fail(
            whens[1] if whens else "rrule",
            "angiv præcis én af rrule, at eller anchor",
            "give exactly one of rrule, at or anchor",
        )
    rule = g.str("rrule") or None
    if rule:
        try:
            rrulestr(rule, dtstart=date(2000, 1, 1))
        except (ValueError, TypeError) as e:
            g.fail("rrule", f"ugyldig RRULE: {e}", f"invalid RRULE: {e}")
    at = None
    if "at" in raw:
        try:
            at = parse_term_quarter(g.str("at"))
        except CycleError as e:
            g.fail("at", e.da, e.en)
    edge = g.str("edge") or "end"
    if edge not in ("start", "end"):
        g.fail("edge", f"ukendt kant '{edge}' (start eller end)", f"unknown edge '{edge}' (start or end)")
    offset = None
    if "offset" in raw:
        text = g.str("offset")
        m = _OFFSET.match(text)
        if not m:
            g.fail(
                "offset",
                f"ugyldig forskydning '{text}' (fx -3w, -8wd, -1d)",
                f"invalid offset '{text}' (e.g. -3w, -8wd, -1d)",
            )
        offset = Offset(int(m[1]), m[2], text.strip())
    shift = g.str("shift") or ("previous" if kind == "deadline" else "none")
    _check_shift(shift, g)
    landing = g.str("landing") or "on_or_before"
    if landing not in LANDINGS:
        g.fail(
            "landing",
            f"ukendt placering '{landing}' ({', '.join(LANDINGS)})",
            f"unknown landing '{landing}' ({', '.join(LANDINGS)})",
        )
    not_after = None
    if "not_after" in raw:
        text = g.str("not_after")
        try:
            d = date.fromisoformat(f"2000-{text}")
        except ValueError:
            g.fail("not_after", f"ugyldig dag '{text}' (MM-DD)", f"invalid day '{text}' (MM-DD)")
        not_after = (d.month, d.day)
    overrides = []
    for o in _table_list(raw.get("override", []), file, rid, keyed=False):
        _check_keys(o, _OVERRIDE_KEYS, file, rid, prefix=prefix + "override.")
        og = _Getter(o, file, rid, prefix=prefix + "override.")
        overrides.append(Override(year=og.int("year"), date=og.date("date"), note=og.str("note")))
    return PointRule(
        kind=kind,
        index=index,
        label=g.str("label") or title,
        label_en=g.str("label_en") or g.str("label") or title_en,
        rrule=rule,
        at=at,
        edge=edge,
        anchor=g.str("anchor") or None,
        years=tuple(g.years("years")) if "years" in raw else None,
        offset=offset,
        shift=shift,
        meeting=g.str("meeting") or None,
        landing=landing,
        not_after=not_after,
        source=g.str("source") or default_source,
        note=g.str("note"),
        overrides=tuple(overrides),
    )


def _parse_meeting(raw: dict, file: Path, levels) -> Meeting:
    g = _Getter(raw, file, raw["id"])
    rule = g.str("rrule", required=True)
    try:
        rrulestr(rule, dtstart=date(2000, 1, 1), forceset=True)
    except (ValueError, TypeError) as e:
        g.fail("rrule", f"ugyldig RRULE: {e}", f"invalid RRULE: {e}")
    level = g.str("level") or levels[0]
    if level not in levels:
        g.fail("level", f"ukendt niveau '{level}'", f"unknown level '{level}'")
    return Meeting(
        id=raw["id"],
        title=g.str("title", required=True),
        title_en=g.str("title_en") or g.str("title"),
        level=level,
        parties=tuple(g.str_list("parties")),
        rrule=rule,
        exdate=tuple(g.date_list("exdate")),
        rdate=tuple(g.date_list("rdate")),
        source=g.str("source", required=True),
        file=str(file),
    )


# --------------------------------------------------------------------------- checking helpers


class _Getter:
    """Typed access to one rule's keys, failing with file, rule and key named."""

    def __init__(self, raw: dict, file: Path, rule: str, prefix: str = "") -> None:
        self.raw, self.file, self.rule, self.prefix = raw, file, rule, prefix

    def fail(self, key: str, da: str, en: str):
        raise CycleError(da, en, file=self.file, rule=self.rule, key=self.prefix + key)

    def _typed(self, key, types, what_da, what_en, default, required=False):
        if key not in self.raw:
            if required:
                self.fail(key, "mangler", "is missing")
            return default
        value = self.raw[key]
        if not isinstance(value, types) or (bool not in _tuple(types) and isinstance(value, bool)):
            self.fail(key, f"skal være {what_da}", f"must be {what_en}")
        return value

    def str(self, key: str, required: bool = False) -> str:
        return self._typed(key, str, "en tekst", "a string", "", required).strip()

    def bool(self, key: str, default):
        return self._typed(key, bool, "true eller false", "true or false", default)

    def int(self, key: str) -> int:
        return self._typed(key, int, "et heltal", "an integer", 0, required=True)

    def str_list(self, key: str) -> list[str]:
        value = self._typed(key, list, "en liste af tekster", "a list of strings", [])
        if not all(isinstance(v, str) for v in value):
            self.fail(key, "skal være en liste af tekster", "must be a list of strings")
        return value

    def years(self, key: str) -> list[int]:
        value = self._typed(key, list, "en liste af år i valgperioden (1–4)", "a list of years of the term (1–4)", [])
        if not value or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 4 for v in value):
            self.fail(key, "skal være en liste af år i valgperioden (1–4)", "must be a list of years of the term (1–4)")
        return sorted(set(value))

    def date(self, key: str) -> date:
        value = self.raw.get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"ugyldig dato '{value}'", f"invalid date '{value}'")

    def date_list(self, key: str) -> list[date]:
        value = self._typed(key, list, "en liste af datoer", "a list of dates", [])
        out = []
        for v in value:
            try:
                out.append(v if isinstance(v, date) else date.fromisoformat(str(v)))
            except ValueError:
                self.fail(key, f"ugyldig dato '{v}'", f"invalid date '{v}'")
        return out


def _check_shift(shift: str, g: _Getter) -> None:
    if shift not in SHIFT_POLICIES:
        g.fail(
            "shift",
            f"ukendt flytning '{shift}' ({', '.join(SHIFT_POLICIES)})",
            f"unknown shift policy '{shift}' ({', '.join(SHIFT_POLICIES)})",
        )


def _tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _check_shift(shift: str, g: _Getter) -> None:
    if shift not in SHIFT_POLICIES:
        g.fail(
            "shift",
            f"ukendt flytning '{shift}' ({', '.join(SHIFT_POLICIES)})",
            f"unknown shift policy '{shift}' ({', '.join(SHIFT_POLICIES)})",
        )
