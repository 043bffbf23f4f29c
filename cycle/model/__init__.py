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

from pathlib import Path

from .checks import _check_references
from .parse import _parse_document, _parse_meeting
from .read import _load_raw, builtin_models, calendars_dir, resolve_model_path
from .types import (
    DEFAULT_LEVELS,
    KINDS,
    LANDINGS,
    PHASE_KINDS,
    POINT_KINDS,
    Document,
    Meeting,
    Model,
    Offset,
    Override,
    Phase,
    PointRule,
)

__all__ = [
    "DEFAULT_LEVELS",
    "KINDS",
    "LANDINGS",
    "PHASE_KINDS",
    "POINT_KINDS",
    "Document",
    "Meeting",
    "Model",
    "Offset",
    "Override",
    "Phase",
    "PointRule",
    "builtin_models",
    "calendars_dir",
    "load_model",
    "resolve_model_path",
]


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
