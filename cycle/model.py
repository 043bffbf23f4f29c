"""The rules loader: a municipality's model file (TOML) → a validated :class:`Model`.

A model declares its governance documents, each with phases relative to the election period
(drafting windows, validity periods) and point rules (deadlines, milestones), plus the meeting
calendars and closed days its deadlines depend on. A model can ``include`` another (``dk``, the
statutory cycle): documents and meetings merge by id, the including file's keys winning, so a
municipality switches a statutory rule off (``enabled = false``) or moves it without code.

>>> m = load_model("lemvig")
>>> [d.id for d in m.chain][:3]
['politisk-vision', 'politikker', 'strategier']
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from .errors import CycleError
from .period import parse_term_quarter
from .workdays import SHIFT_POLICIES

PHASE_KINDS = ("drafting", "validity")
POINT_KINDS = ("deadline", "milestone")
KINDS = (*PHASE_KINDS, *POINT_KINDS, "meeting")
LANDINGS = ("on_or_before", "on_or_after")
DEFAULT_LEVELS = ("politisk", "administrativt")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_OFFSET = re.compile(r"^\s*([+-]?\d+)\s*(wd|d|w|m|y)\s*$")
_QUARTER_ONLY = re.compile(r"^\s*Q([1-4])\s*$", re.IGNORECASE)

_MODEL_KEYS = {"id", "name", "name_en", "include", "units", "url", "levels", "closed_days", "source", "description"}
_DOC_KEYS = {
    "id",
    "title",
    "title_en",
    "level",
    "parties",
    "parent",
    "per_unit",
    "purpose",
    "purpose_en",
    "source",
    "url",
    "enabled",
    "concerns_units",
    "phase",
    "deadline",
    "milestone",
}
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
_MEETING_KEYS = {"id", "title", "title_en", "level", "parties", "rrule", "exdate", "rdate", "source", "enabled"}


# --------------------------------------------------------------------------- the model's parts


@dataclass(frozen=True)
class Offset:
    """A distance such as ``-3w`` (calendar) or ``-8wd`` (working days, hverdage)."""

    n: int
    unit: str  # d, w, m, y (calendar, via relativedelta) or wd (working days)
    text: str

    @property
    def delta(self) -> relativedelta:
        return {
            "d": relativedelta(days=self.n),
            "w": relativedelta(weeks=self.n),
            "m": relativedelta(months=self.n),
            "y": relativedelta(years=self.n),
        }[self.unit]


@dataclass(frozen=True)
class Phase:
    """A drafting window or validity period, in quarters of the term.

    Absolute (``from = "År 1 Q1"``, ``to = "År 1 Q4"``) or yearly (``years = [1, 2, 3, 4]``,
    ``from = "Q1"``, ``to = "Q4"``); ``every`` splits it into quarter or year blocks, the way the
    seed's table shows the budget (16 quarter cells) and the agreement documents (four years).
    """

    kind: str
    blocks: tuple[tuple[tuple[int, int], tuple[int, int]], ...]  # ((År, Q), (År, Q)) inclusive
    deadline: bool
    deadline_label: str | None
    deadline_label_en: str | None
    shift: str
    source: str
    note: str


@dataclass(frozen=True)
class Override:
    year: int
    date: date
    note: str


@dataclass(frozen=True)
class PointRule:
    """A deadline or milestone: a date rule, then offset, shift and landing on a meeting."""

    kind: str
    index: int
    label: str
    label_en: str
    rrule: str | None
    at: tuple[int, int] | None
    edge: str
    anchor: str | None
    years: tuple[int, ...] | None
    offset: Offset | None
    shift: str
    meeting: str | None
    landing: str
    not_after: tuple[int, int] | None  # (month, day): the law's latest date in the year
    source: str
    note: str
    overrides: tuple[Override, ...]


@dataclass(frozen=True)
class Document:
    """A governance document type (or a statutory item) and its rules."""

    id: str
    title: str
    title_en: str
    level: str
    parties: tuple[str, ...]
    parent: str | None
    per_unit: bool
    purpose: str
    purpose_en: str
    source: str
    url: str
    concerns_units: bool | None
    phases: tuple[Phase, ...]
    points: tuple[PointRule, ...]
    file: str
    origin: int  # position in chain order: the model's own documents first, then included ones


@dataclass(frozen=True)
class Meeting:
    """A council or committee meeting calendar: an RRULE, exceptions and extra dates."""

    id: str
    title: str
    title_en: str
    level: str
    parties: tuple[str, ...]
    rrule: str
    exdate: tuple[date, ...]
    rdate: tuple[date, ...]
    source: str
    file: str


@dataclass
class Model:
    """A loaded, validated model: what the plan is built from."""

    id: str
    name: str
    name_en: str
    path: Path
    description: str = ""
    levels: tuple[str, ...] = DEFAULT_LEVELS
    documents: dict[str, Document] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    closed_days: tuple[str, ...] = ()
    units_path: Path | None = None
    url: str = ""
    files: tuple[Path, ...] = ()  # every file the model was read from (itself and its includes)

    @property
    def chain(self) -> list[Document]:
        """Documents grouped by level, in chain order (own documents before included ones)."""
        docs = list(self.documents.values())
        return sorted(docs, key=lambda d: (self.levels.index(d.level), d.origin))

    def concerns_units(self, doc: Document) -> bool:
        """Whether a document's events go into the per-unit feeds: per-unit documents, their
        ancestors in the chain, and documents that say so."""
        if doc.concerns_units is not None:
            return doc.concerns_units
        if doc.per_unit:
            return True
        return any(self._is_ancestor(doc.id, d) for d in self.documents.values() if d.per_unit)

    def _is_ancestor(self, doc_id: str, of: Document) -> bool:
        parent = of.parent
        while parent:
            if parent == doc_id:
                return True
            parent = self.documents[parent].parent if parent in self.documents else None
        return False


# --------------------------------------------------------------------------- finding models


def calendars_dir() -> Path:
    """The built-in models: inside the installed package, or the checkout's ``calendars/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "calendars", here.parent / "calendars"):
        if candidate.is_dir():
            return candidate
    raise CycleError("de indbyggede modeller blev ikke fundet", "the built-in models were not found")


def builtin_models() -> dict[str, Path]:
    return {p.stem: p for p in sorted(calendars_dir().glob("*.toml"))}


def resolve_model_path(name: str | Path, relative_to: Path | None = None) -> Path:
    text = str(name)
    builtins = builtin_models()
    if text in builtins:
        return builtins[text]
    path = Path(text)
    if relative_to is not None and not path.is_absolute():
        path = relative_to.parent / path
    if path.suffix == ".toml" and path.is_file():
        return path
    known = ", ".join(sorted(builtins))
    raise CycleError(
        f"ukendt model '{text}' (indbyggede: {known}; eller stien til en .toml-fil)",
        f"unknown model '{text}' (built-in: {known}; or the path to a .toml file)",
        file=relative_to,
        key="model" if relative_to is None else "include",
    )


# --------------------------------------------------------------------------- loading


def load_model(name: str | Path) -> Model:
    """Load a built-in model by name, or a model file by path, with its includes."""
    path = resolve_model_path(name)
    files: list[Path] = []
    raw_docs, raw_meetings, head = _load_raw(path, seen=(), files=files)
    meta = head["model"]
    model = Model(
        id=meta["id"],
        name=meta.get("name", meta["id"]),
        name_en=meta.get("name_en", meta.get("name", meta["id"])),
        path=path,
        description=meta.get("description", ""),
        levels=tuple(meta.get("levels", DEFAULT_LEVELS)),
        closed_days=tuple(head["closed_days"]),
        url=meta.get("url", ""),
        files=tuple(files),
    )
    if "units" in meta:
        model.units_path = (path.parent / meta["units"]).resolve()
    for origin, (doc_id, (raw, file)) in enumerate(raw_docs.items()):
        if raw.get("enabled", True) is False:
            continue
        model.documents[doc_id] = _parse_document(raw, file, origin, model.levels)
    for mid, (raw, file) in raw_meetings.items():
        if raw.get("enabled", True) is False:
            continue
        model.meetings[mid] = _parse_meeting(raw, file, model.levels)
    _check_references(model)
    return model


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise CycleError(f"ugyldig TOML: {e}", f"malformed TOML: {e}", file=path) from None
    except OSError as e:
        raise CycleError(f"kan ikke læses: {e.strerror}", f"cannot be read: {e.strerror}", file=path) from None


def _load_raw(path: Path, seen: tuple[Path, ...], files: list[Path]):
    """Read a model file and its includes; merge documents and meetings by id."""
    path = path.resolve()
    files.append(path)
    if path in seen:
        raise CycleError("modellen inkluderer sig selv", "the model includes itself", file=path, key="include")
    data = _read_toml(path)
    _check_keys(data, {"model", "document", "meeting"}, path, None)
    meta = data.get("model")
    if not isinstance(meta, dict):
        raise CycleError("tabellen [model] mangler", "the [model] table is missing", file=path, key="model")
    _check_keys(meta, _MODEL_KEYS, path, "model")
    if "id" not in meta:
        raise CycleError("[model] mangler 'id'", "[model] has no 'id'", file=path, key="id")
    _check_id(meta["id"], path, "model", "id")

    included: dict[str, tuple[dict, Path]] = {}
    meetings: dict[str, tuple[dict, Path]] = {}
    closed: list[str] = []
    for inc in _as_list(meta.get("include", []), path, "model", "include"):
        inc_docs, inc_meetings, inc_head = _load_raw(resolve_model_path(inc, path), (*seen, path), files)
        included.update(inc_docs)
        meetings.update(inc_meetings)
        closed += inc_head["closed_days"]
    for spec in _as_list(meta.get("closed_days", []), path, "model", "closed_days"):
        _check_closed_day(spec, path)
        closed.append(spec)

    own = _table_list(data.get("document", []), path, "document")
    _check_unique(own, path, "document")
    new: dict[str, tuple[dict, Path]] = {}
    for raw in own:
        _check_keys(raw, _DOC_KEYS, path, raw["id"])
        if raw["id"] in included:  # a patch of an included document: this file's keys win
            included[raw["id"]] = ({**included[raw["id"]][0], **raw}, path)
        else:
            new[raw["id"]] = (raw, path)
    docs = {**new, **included}  # chain order: the model's own documents, then included ones

    own_meetings = _table_list(data.get("meeting", []), path, "meeting")
    _check_unique(own_meetings, path, "meeting")
    for raw in own_meetings:
        _check_keys(raw, _MEETING_KEYS, path, raw["id"])
        base = meetings.get(raw["id"], ({}, path))[0]
        meetings[raw["id"]] = ({**base, **raw}, path)
    return docs, meetings, {"model": meta, "closed_days": closed}


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


def _check_references(model: Model) -> None:
    """Parents exist and form no cycle; anchors and meetings exist."""
    docs = model.documents
    for d in docs.values():
        if d.parent and d.parent not in docs:
            raise CycleError(
                f"ukendt overordnet dokument '{d.parent}'",
                f"unknown parent '{d.parent}'",
                file=d.file,
                rule=d.id,
                key="parent",
            )
        seen, p = {d.id}, d.parent
        while p:
            if p in seen:
                raise CycleError(
                    f"styringskæden løber i ring gennem '{p}'",
                    f"the governance chain has a cycle through '{p}'",
                    file=d.file,
                    rule=d.id,
                    key="parent",
                )
            seen.add(p)
            p = docs[p].parent
        for r in d.points:
            if r.anchor and r.anchor not in docs and r.anchor not in model.meetings:
                raise CycleError(
                    f"ukendt anker '{r.anchor}'",
                    f"unknown anchor '{r.anchor}'",
                    file=d.file,
                    rule=d.id,
                    key=f"{r.kind}.anchor",
                )
            if r.anchor in docs and not _has_points(docs[r.anchor]):
                raise CycleError(
                    f"ankeret '{r.anchor}' har ingen frister eller milepæle",
                    f"the anchor '{r.anchor}' has no deadlines or milestones",
                    file=d.file,
                    rule=d.id,
                    key=f"{r.kind}.anchor",
                )
            if r.anchor in docs and docs[r.anchor].per_unit:
                raise CycleError(
                    f"ankeret '{r.anchor}' er pr. enhed",
                    f"the anchor '{r.anchor}' is per unit",
                    file=d.file,
                    rule=d.id,
                    key=f"{r.kind}.anchor",
                )
            if r.meeting and r.meeting not in model.meetings:
                raise CycleError(
                    f"ukendt mødekalender '{r.meeting}'",
                    f"unknown meeting calendar '{r.meeting}'",
                    file=d.file,
                    rule=d.id,
                    key=f"{r.kind}.meeting",
                )


def _has_points(d: Document) -> bool:
    return bool(d.points) or any(p.deadline for p in d.phases)


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


def _tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _check_keys(raw: dict, allowed: set[str], file: Path, rule: str | None, prefix: str = "") -> None:
    for key in raw:
        if key not in allowed:
            raise CycleError(
                f"ukendt nøgle (tilladte: {', '.join(sorted(allowed))})",
                f"unknown key (allowed: {', '.join(sorted(allowed))})",
                file=file,
                rule=rule,
                key=prefix + key,
            )


def _check_id(value: Any, file: Path, rule: str | None, key: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise CycleError(
            f"ugyldigt id {value!r} (små bogstaver a–z, cifre og bindestreg)",
            f"invalid id {value!r} (lowercase ASCII letters, digits and hyphens)",
            file=file,
            rule=rule,
            key=key,
        )


def _check_shift(shift: str, g: _Getter) -> None:
    if shift not in SHIFT_POLICIES:
        g.fail(
            "shift",
            f"ukendt flytning '{shift}' ({', '.join(SHIFT_POLICIES)})",
            f"unknown shift policy '{shift}' ({', '.join(SHIFT_POLICIES)})",
        )


def _check_closed_day(spec: Any, file: Path) -> None:
    ok = isinstance(spec, str) and bool(re.match(r"^(\d{4}-)?\d{2}-\d{2}$", spec))
    if ok:
        try:
            date.fromisoformat(spec if len(spec) == 10 else f"2000-{spec}")
        except ValueError:
            ok = False
    if not ok:
        raise CycleError(
            f"ugyldig lukkedag {spec!r} (MM-DD eller ÅÅÅÅ-MM-DD)",
            f"invalid closed day {spec!r} (MM-DD or YYYY-MM-DD)",
            file=file,
            rule="model",
            key="closed_days",
        )


def _as_list(value: Any, file: Path, rule: str, key: str) -> list:
    if not isinstance(value, list):
        raise CycleError("skal være en liste", "must be a list", file=file, rule=rule, key=key)
    return value


def _table_list(value: Any, file: Path, rule: str, keyed: bool = True) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CycleError(
            "skal være en liste af tabeller ([[...]])",
            "must be an array of tables ([[...]])",
            file=file,
            rule=rule,
            key=rule if keyed else None,
        )
    if keyed:
        for v in value:
            _check_id(v.get("id"), file, v.get("id") if isinstance(v.get("id"), str) else rule, "id")
    return value


def _check_unique(items: Iterable[dict], file: Path, what: str) -> None:
    seen = set()
    for item in items:
        if item["id"] in seen:
            raise CycleError(
                f"{item['id']!r} er erklæret to gange",
                f"{item['id']!r} is declared twice",
                file=file,
                rule=item["id"],
                key="id",
            )
        seen.add(item["id"])
