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

from ..errors import CycleError
from .checks import check_references
from .parse import enabled, parse_document, parse_meeting, parse_override
from .read import builtin_models, calendars_dir, read_model, resolve_model_path
from .schema import DOCUMENT, MEETING
from .types import (
    DEFAULT_LEVELS,
    KINDS,
    LANDINGS,
    PHASE_KINDS,
    POINT_KINDS,
    Document,
    GroupOverride,
    Meeting,
    MeetingPlan,
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
    "GroupOverride",
    "Meeting",
    "MeetingPlan",
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
    raw = read_model(path)
    meta = raw.meta
    model = Model(
        id=meta["id"],
        name=meta["name"],
        name_en=meta["name_en"],
        path=path,
        description=meta["description"],
        levels=meta["levels"],
        closed_days=tuple(raw.closed_days),
        url=meta["url"],
        organizer=meta["organizer"],
        files=tuple(raw.files),
    )
    if meta["units"]:
        model.units_path = (path.parent / meta["units"]).resolve()
    if meta["status"]:
        model.status_path = (path.parent / meta["status"]).resolve()
    for origin, (doc, file) in enumerate(raw.documents.values()):
        if enabled(doc, DOCUMENT, file):
            model.documents[doc["id"]] = parse_document(doc, file, origin, model.levels)
    for meeting, file in raw.meetings.values():
        if enabled(meeting, MEETING, file):
            model.meetings[meeting["id"]] = parse_meeting(meeting, file, model.levels)
    model.overrides = tuple(parse_override(o, file) for o, file in raw.overrides.values())
    # A meeting plan is read when the plan is scheduled; its content keys the plan cache too.
    model.files += tuple(p.file for m in model.meetings.values() for p in m.plans)
    if not model.documents and not model.meetings:
        raise CycleError(
            "modellen har ingen dokumenter eller mødekalendere (heller ikke fra 'include')",
            "the model has no documents or meeting calendars (nor from 'include')",
            file=path,
            key="document",
        )
    check_references(model)
    return model
