"""Reference checks over a loaded model: parents, parent cycles, anchors, anchor cycles, meetings."""

from __future__ import annotations

from ..errors import CycleError
from .types import Document, Model


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
