"""How a schema is declared (:class:`Key`, :class:`Table`) and how a raw TOML table is read by it.

:func:`read` is the one place that rejects unknown keys, missing keys, values of the wrong type
and values outside their choices, each as one :class:`~cycle.errors.CycleError` naming the file,
the rule (document or meeting id) and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from ...errors import CycleError
from .values import BadValue, Type


@dataclass(frozen=True)
class Given:
    """A default: the value given for another key of the same table (``title_en`` → ``title``)."""

    key: str


@dataclass(frozen=True)
class Inherited:
    """A value from around the table: the document's title, the model's levels."""

    name: str
    en: str  # how the key reference names it
    da: str


Source = Given | Inherited


@dataclass(frozen=True)
class Key:
    """One key of a table: its type, whether it is required, its default, choices and help."""

    name: str
    type: Type
    en: str  # help text, English
    da: str  # help text, Danish
    required: bool = False
    default: Any = None  # when absent (or an empty text) and no fallback gives a value
    fallback: tuple[Source, ...] = ()  # tried in order before ``default``
    choices: tuple[str, ...] | Inherited | None = None
    noun: tuple[str, str] = ("værdi", "value")  # names the value in a choice error: "ukendt fase 'x'"
    listing: str = "comma"  # how a choice error lists the choices: comma, or, known


@dataclass(frozen=True)
class Table:
    """A TOML table of a model file and its keys, in the order the key reference lists them."""

    header: str  # as written in the file: "[[document.phase]]"
    en: str
    da: str
    keys: tuple[Key, ...]
    one_of: tuple[str, ...] = ()  # exactly one of these keys must be given
    by_name: dict[str, Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {k.name: k for k in self.keys})

    def __getitem__(self, name: str) -> Key:
        return self.by_name[name]


@dataclass(frozen=True)
class Where:
    """Where a table sits, for errors: its file, its rule, and the prefix of its keys."""

    file: Path | str
    rule: str | None
    prefix: str = ""  # "phase.", "deadline.override."

    def inside(self, prefix: str) -> Where:
        return Where(self.file, self.rule, self.prefix + prefix)

    def fail(self, key: str | None, da: str, en: str) -> NoReturn:
        raise CycleError(da, en, file=self.file, rule=self.rule, key=self.prefix + key if key else None)


def check_keys(raw: Mapping[str, Any], table: Table, where: Where) -> None:
    """No key outside the table's declaration; exactly one of its ``one_of`` keys."""
    allowed = ", ".join(sorted(table.by_name))
    for name in raw:
        if name not in table.by_name:
            where.fail(name, f"ukendt nøgle (tilladte: {allowed})", f"unknown key (allowed: {allowed})")
    if table.one_of:
        given = [k for k in table.one_of if k in raw]
        if len(given) != 1:
            da = f"angiv præcis én af {', '.join(table.one_of[:-1])} eller {table.one_of[-1]}"
            en = f"give exactly one of {', '.join(table.one_of[:-1])} or {table.one_of[-1]}"
            where.fail(given[1] if given else table.one_of[0], da, en)


def read(raw: Mapping[str, Any], table: Table, where: Where, around: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every key of ``table`` read from ``raw``: typed, defaulted and checked.

    ``around`` holds the :class:`Inherited` values (the document's title, the model's levels).
    """
    check_keys(raw, table, where)
    given: dict[str, Any] = {}
    values = {key.name: _read_key(raw, key, where, given, around or {}) for key in table.keys}
    return values


def value(raw: Mapping[str, Any], table: Table, name: str, where: Where, around: Mapping[str, Any] | None = None):
    """One key read alone (an id before the rest, ``enabled`` before a rule is parsed)."""
    return _read_key(raw, table[name], where, {}, around or {})


def _read_key(raw: Mapping[str, Any], key: Key, where: Where, given: dict, around: Mapping[str, Any]) -> Any:
    got = None
    if key.name in raw:
        try:
            got = key.type.read(raw[key.name])
        except BadValue as e:
            where.fail(key.name, e.da, e.en)
    elif key.required:
        where.fail(key.name, "mangler", "is missing")
    if got is None or (got == "" and not key.required):  # absent, or an empty text: the default
        got = _default(key, given, around)
    else:
        given[key.name] = got
    if key.choices is not None and got is not None:
        _check_choice(key, got, where, around)
    return got


def _default(key: Key, given: Mapping[str, Any], around: Mapping[str, Any]) -> Any:
    for source in key.fallback:
        found = given.get(source.key) if isinstance(source, Given) else around.get(source.name)
        if found not in (None, ""):
            return found
    return key.default


def _check_choice(key: Key, got: Any, where: Where, around: Mapping[str, Any]) -> None:
    choices = around[key.choices.name] if isinstance(key.choices, Inherited) else key.choices
    if got in choices:
        return
    listed = {
        "comma": (", ".join(choices),) * 2,
        "or": (" eller ".join(choices), " or ".join(choices)),
        "known": (f"kendte: {', '.join(choices)}", f"known: {', '.join(choices)}"),
    }[key.listing]
    noun_da, noun_en = key.noun
    where.fail(key.name, f"ukendt {noun_da} '{got}' ({listed[0]})", f"unknown {noun_en} '{got}' ({listed[1]})")
