"""Finding built-in models and reading model files: TOML, includes and patches merged by id."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import CycleError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
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
_MEETING_KEYS = {"id", "title", "title_en", "level", "parties", "rrule", "exdate", "rdate", "source", "enabled"}

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
