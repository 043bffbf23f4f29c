"""Reference checks over a loaded model: parents, parent cycles, anchors, anchor cycles, meetings.

They run when the model is loaded, so a model that loads can be scheduled in dependency order.
"""

from __future__ import annotations

import graphlib

from ..errors import CycleError
from .types import Document, Model, PointRule


def check_references(model: Model) -> None:
    """Ids are unique across documents and meetings; parents exist and form no cycle; anchors and
    meetings exist; anchors form no cycle."""
    for mid, meeting in model.meetings.items():
        if mid in model.documents:  # an anchor or an event's row could not tell them apart
            raise CycleError(
                f"id'et '{mid}' bruges både af et dokument og en mødekalender",
                f"the id '{mid}' is used by both a document and a meeting calendar",
                file=meeting.file,
                rule=mid,
                key="id",
            )
    for doc in model.documents.values():
        _check_parent(doc, model.documents)
        for rule in doc.points:
            _check_point(doc, rule, model)
    anchor_order(model)


def anchor_order(model: Model) -> list[Document]:
    """The documents in an order where every anchor comes before the rules anchored to it."""
    docs = model.documents
    graph = {d.id: {r.anchor for r in d.points if r.anchor in docs} for d in docs.values()}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as e:
        cycle = e.args[1]
        d = docs[cycle[0]]
        raise CycleError(
            f"ankrene løber i ring: {' → '.join(cycle)}",
            f"the anchors form a cycle: {' → '.join(cycle)}",
            file=d.file,
            rule=d.id,
            key="anchor",
        ) from None
    return [docs[i] for i in order]


def _check_parent(doc: Document, docs: dict[str, Document]) -> None:
    def fail(da: str, en: str) -> None:
        raise CycleError(da, en, file=doc.file, rule=doc.id, key="parent")

    if doc.parent and doc.parent not in docs:
        fail(f"ukendt overordnet dokument '{doc.parent}'", f"unknown parent '{doc.parent}'")
    seen, parent = {doc.id}, doc.parent
    while parent:
        if parent in seen:
            fail(
                f"styringskæden løber i ring gennem '{parent}'", f"the governance chain has a cycle through '{parent}'"
            )
        seen.add(parent)
        parent = docs[parent].parent


def _check_point(doc: Document, rule: PointRule, model: Model) -> None:
    def fail(key: str, da: str, en: str) -> None:
        raise CycleError(da, en, file=doc.file, rule=doc.id, key=f"{rule.kind}.{key}")

    docs, anchor = model.documents, rule.anchor
    if anchor and anchor not in docs and anchor not in model.meetings:
        fail("anchor", f"ukendt anker '{anchor}'", f"unknown anchor '{anchor}'")
    if anchor in docs and not _has_points(docs[anchor]):
        fail(
            "anchor",
            f"ankeret '{anchor}' har ingen frister eller milepæle",
            f"the anchor '{anchor}' has no deadlines or milestones",
        )
    if anchor in docs and docs[anchor].per_unit:
        fail("anchor", f"ankeret '{anchor}' er pr. enhed", f"the anchor '{anchor}' is per unit")
    if rule.meeting and rule.meeting not in model.meetings:
        fail("meeting", f"ukendt mødekalender '{rule.meeting}'", f"unknown meeting calendar '{rule.meeting}'")


def _has_points(d: Document) -> bool:
    return bool(d.points) or any(p.deadline for p in d.phases)
