"""Which rings an årshjul has, and how each ring's arcs are packed into lanes.

A ring is a level (``--rings level``), a document (``documents``, ``chain``, ``statutory`` or a
list of ids) and holds that level's or document's arcs (drafting windows, validity periods) and
marks (deadlines, milestones). Arcs that overlap in time go to separate lanes, so none hides
another. Lanes are measured in *weights* here; the wheel turns weights into radii.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pandas as pd

from ...errors import CycleError
from ...i18n import level_word
from ...model import Model
from ..style import CARRIED, MARKS

#: ``--rings`` words other than a list of document ids.
RING_MODES = ("level", "documents", "chain", "statutory")
#: Radial weight of a lane: a lane of arcs is 1; the others are narrower.
WEIGHTS = {"header": 0.75, "marks": 0.8, "arcs": 1.0, CARRIED: 0.8}
GAP_DEGREES = 0.6  # arcs closer than this in one lane would touch


@dataclass
class Lane:
    """One circle of a ring: its ring name (``header``), its marks, or arcs that never overlap."""

    kind: str  # header | marks | arcs | carried
    arcs: list[int] = field(default_factory=list)  # row labels in the wheel's events
    r0: float = 0.0
    r1: float = 0.0

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]


@dataclass(frozen=True)
class Ring:
    key: str
    name: str
    level: str
    docs: tuple[str, ...]
    lanes: tuple[Lane, ...] = ()


def _docs(model: Model, rings: str) -> list[list[str]]:
    """The documents of each ring, rings in chain order (grouped by level)."""
    chain = model.chain
    if rings == "level":
        return [[d.id for d in chain if d.level == lv] for lv in model.levels]
    if rings == "documents":
        chosen = chain
    elif rings == "chain":  # the governance chain: documents that are drafted and then in force
        chosen = [d for d in chain if d.phases]
    elif rings == "statutory":  # the included base model's documents (dk); a base model's own
        own = {str(model.path)}
        chosen = [d for d in chain if d.file not in own] or chain
    else:
        ids = [i.strip() for i in rings.split(",") if i.strip()]
        unknown = [i for i in ids if i not in model.documents]
        if unknown or not ids:
            raise CycleError(
                f"ukendt dokument i --rings: '{', '.join(unknown)}' (brug level, documents, chain, statutory "
                "eller dokument-id'er adskilt af komma)",
                f"unknown document in --rings: '{', '.join(unknown)}' (use level, documents, chain, statutory "
                "or comma-separated document ids)",
                key="rings",
            )
        chosen = [d for d in chain if d.id in ids]
    return [[d.id] for d in chosen]


def select_rings(model: Model, rings: str, lang: str) -> list[Ring]:
    """The wheel's rings, outermost first: the first level's (politisk) outside."""
    out = []
    for ids in _docs(model, rings):
        if not ids:
            continue
        first = model.documents[ids[0]]
        if rings == "level":
            out.append(Ring(f"level:{first.level}", level_word(first.level, lang), first.level, tuple(ids)))
        else:
            out.append(Ring(first.id, first.title_en if lang == "en" else first.title, first.level, (first.id,)))
    return out


def pack(ring: Ring, events: pd.DataFrame, *, header: bool) -> Ring:
    """The ring's lanes, outside in: header, marks, arcs, carried-over arcs. ``events`` has the
    wheel's columns ``a0``/``a1`` (degrees) and ``carried``."""
    ev = events[events["document"].isin(ring.docs)]
    arcs = ev[~ev["kind"].isin(MARKS)].sort_values(["carried", "a0", "a1"], kind="stable")
    lanes: list[Lane] = [Lane("header")] if header else []
    has_marks = ev["kind"].isin(MARKS).any()
    own_marks_lane = has_marks and (len(ring.docs) > 1 or arcs.empty)
    if own_marks_lane:
        lanes.append(Lane("marks"))
    spans: dict[int, list[tuple[float, float]]] = {}
    for i, a0, a1, carried in arcs[["a0", "a1", "carried"]].itertuples():
        kind = CARRIED if carried else "arcs"
        lane = next(
            (
                lane
                for lane in lanes
                if lane.kind == kind
                and all(a1 + GAP_DEGREES <= b0 or b1 + GAP_DEGREES <= a0 for b0, b1 in spans[id(lane)])
            ),
            None,
        )
        if lane is None:
            lane = Lane(kind)
            lanes.append(lane)
            spans[id(lane)] = []
        lane.arcs.append(i)
        spans[id(lane)].append((a0, a1))
    return Ring(ring.key, ring.name, ring.level, ring.docs, tuple(lanes))


def marks_lane(ring: Ring) -> Lane | None:
    """Where the ring's marks sit: its own marks lane, else (one document with arcs) its first
    lane of arcs."""
    return next((lane for lane in ring.lanes if lane.kind == "marks"), None) or next(
        (lane for lane in ring.lanes if lane.kind in ("arcs", CARRIED)), None
    )


def assign_radii(rings: list[Ring], inner: float, outer: float, max_lane: float, gaps: tuple[float, float]) -> float:
    """Radii for every lane, outermost ring first, filling ``inner``..``outer`` at most
    ``max_lane`` per unit of weight; ``gaps`` between rings, and (wider) between levels.
    Returns the outer radius actually used."""
    between = [gaps[1] if a.level != b.level else gaps[0] for a, b in itertools.pairwise(rings)]
    weight = sum(lane.weight for ring in rings for lane in ring.lanes)
    unit = min(max_lane, (outer - inner - sum(between)) / weight) if weight else 0.0
    r = top = inner + unit * weight + sum(between)
    for ring, gap in zip(rings, [*between, 0.0], strict=True):
        for lane in ring.lanes:
            lane.r1, lane.r0 = r, r - unit * lane.weight
            r = lane.r0
        r -= gap
    return top
