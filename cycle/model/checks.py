"""Reference checks over a loaded model: parents, parent cycles, anchors, anchor cycles, meetings,
treatments and the documents an override moves.

They run when the model is loaded, so a model that loads can be scheduled in dependency order.
"""

from __future__ import annotations

import graphlib

from ..errors import CycleError
from .types import Document, GroupOverride, Model, PointRule


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
    for override in model.overrides:
        _check_override(override, model)
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
        raise CycleError(da, en, file=doc.file, rule=doc.id, key=f"{rule.role}.{key}")

    docs, anchor = model.documents, rule.anchor
    if anchor and anchor not in docs and anchor not in model.meetings:
        fail("anchor", f"ukendt anker '{anchor}'", f"unknown anchor '{anchor}'")
    if anchor in docs and not dates_of(docs[anchor], rule.anchor_on):
        what_da, what_en = _WHAT[rule.anchor_on]
        fail("anchor", f"ankeret '{anchor}' har ingen {what_da}", f"the anchor '{anchor}' has no {what_en}")
    if rule.anchor_on and anchor not in docs:
        fail("anchor_on", "anchor_on kræver et dokument som anker", "anchor_on needs a document as anchor")
    if rule.meeting and rule.meeting not in model.meetings:
        fail("meeting", f"ukendt mødekalender '{rule.meeting}'", f"unknown meeting calendar '{rule.meeting}'")
    if rule.tied and not dates_of(doc, "deadline"):
        fail(
            "meeting",
            "behandlingen har ingen frist at følge: angiv rrule, at eller anchor",
            "the treatment has no deadline to follow: give rrule, at or anchor",
        )


#: What an anchor lacks, by ``anchor_on`` (None: deadlines and milestones).
_WHAT = {
    None: ("frister eller milepæle", "deadlines or milestones"),
    "deadline": ("frister", "deadlines"),
    "milestone": ("milepæle", "milestones"),
    "treatment": ("behandlinger", "treatments"),
}


def dates_of(d: Document, anchor_on: str | None) -> bool:
    """Whether the document has rules that give the dates a rule anchored on it counts from."""
    deadlines = any(p.deadline for p in d.phases) or any(r.role == "deadline" for r in d.points)
    if anchor_on == "deadline":
        return deadlines
    if anchor_on is None:
        return deadlines or any(r.role == "milestone" for r in d.points)
    return any(r.role == anchor_on for r in d.points)


def _check_override(override: GroupOverride, model: Model) -> None:
    for doc_id in override.dates:
        if doc_id not in model.documents or not dates_of(model.documents[doc_id], "deadline"):
            raise CycleError(
                f"'{doc_id}' er ikke et dokument med en frist",
                f"'{doc_id}' is not a document with a deadline",
                file=override.file,
                rule=override.id,
                key=f"dates.{doc_id}",
            )
