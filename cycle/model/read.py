"""Finding built-in models and reading model files: TOML, includes and patches merged by id."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CycleError
from . import schema

# --------------------------------------------------------------------------- finding models


def calendars_dir() -> Path:
    """The built-in models: inside the installed package, or the checkout's ``calendars/``."""
    here = Path(__file__).resolve().parent.parent  # the cycle package
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


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables. UTF-8, with or without the byte order mark Windows editors write;
    anything else is one line naming the file and where it goes wrong."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CycleError(f"kan ikke læses: {e.strerror}", f"cannot be read: {e.strerror}", file=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CycleError(
            f"er ikke UTF-8 (byte 0x{data[e.start]:02x} i linje {line}); gem filen som UTF-8",
            f"is not UTF-8 (byte 0x{data[e.start]:02x} on line {line}); save the file as UTF-8",
            file=path,
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CycleError(f"ugyldig TOML: {e}", f"malformed TOML: {e}", file=path) from None
    except RecursionError:
        raise CycleError(
            "ugyldig TOML: lister eller tabeller er indlejret for dybt",
            "malformed TOML: lists or tables are nested too deeply",
            file=path,
        ) from None


@dataclass
class RawModel:
    """A model file read with its includes: raw documents and meetings by id, not yet parsed.

    Documents are in chain order: the file's own first, then the included ones; each keeps the
    file it was (last) declared in. ``meta`` is the top file's ``[model]`` table, read by the schema.
    """

    meta: dict[str, Any]
    documents: dict[str, tuple[dict, Path]] = field(default_factory=dict)
    meetings: dict[str, tuple[dict, Path]] = field(default_factory=dict)
    closed_days: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file read, the top one first
    overrides: dict[str, tuple[dict, Path]] = field(default_factory=dict)  # [[override]] by id


def read_model(path: Path, seen: tuple[Path, ...] = (), files: list[Path] | None = None) -> RawModel:
    """Read a model file and its includes; merge documents and meetings by id (patches)."""
    path = path.resolve()
    files = [] if files is None else files
    files.append(path)
    if path in seen:
        raise CycleError("modellen inkluderer sig selv", "the model includes itself", file=path, key="include")
    top = schema.read(read_toml(path), schema.ROOT, schema.Where(path, None))
    meta = schema.read(top["model"], schema.MODEL, schema.Where(path, "model"))
    raw = RawModel(meta, files=files)
    included: dict[str, tuple[dict, Path]] = {}
    for name in meta["include"]:
        inc = read_model(resolve_model_path(name, path), (*seen, path), files)
        included.update(inc.documents)
        raw.meetings.update(inc.meetings)
        raw.overrides.update(inc.overrides)
        raw.closed_days += inc.closed_days
    raw.closed_days += meta["closed_days"]

    own: dict[str, tuple[dict, Path]] = {}
    for doc in _own_tables(top["document"], schema.DOCUMENT, path):
        if doc["id"] in included:  # a patch of an included document: this file's keys win
            included[doc["id"]] = ({**included[doc["id"]][0], **doc}, path)
        else:
            own[doc["id"]] = (doc, path)
    raw.documents = {**own, **included}  # chain order: the model's own documents, then included ones
    for meeting in _own_tables(top["meeting"], schema.MEETING, path):
        base = raw.meetings.get(meeting["id"], ({}, path))[0]
        raw.meetings[meeting["id"]] = ({**base, **meeting}, path)
    for override in _own_tables(top["override"], schema.GROUP_OVERRIDE, path):
        raw.overrides[override["id"]] = (override, path)  # the same id replaces an included one
    return raw


def _own_tables(tables: tuple[dict, ...], table: schema.Table, path: Path) -> list[dict]:
    """One file's documents (or meetings): each id valid and declared once, no unknown keys.

    Only the keys are checked here: a patch may leave out what its base gives, so values are
    read after merging, when the rule is parsed."""
    seen: set[str] = set()
    for raw in tables:
        rid = raw.get("id")
        where = schema.Where(path, rid if isinstance(rid, str) else table.header.strip("[]"))
        schema.value(raw, table, "id", where)
        if rid in seen:
            raise CycleError(
                f"{rid!r} er erklæret to gange", f"{rid!r} is declared twice", file=path, rule=rid, key="id"
            )
        seen.add(rid)
        schema.check_keys(raw, table, where)
    return list(tables)
