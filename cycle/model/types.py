"""The loaded model's parts: frozen dataclasses and the vocabularies of kinds and landings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

PHASE_KINDS = ("drafting", "validity")
POINT_KINDS = ("deadline", "milestone")
KINDS = (*PHASE_KINDS, *POINT_KINDS, "meeting")
#: What a point rule is: a deadline ("senest"; a statutory one is shown as Lovfrist), a
#: milestone, or a treatment ("Behandling": the meeting that handles the matter, an event of
#: kind ``milestone`` tied to the document's deadline).
ROLES = ("deadline", "milestone", "treatment")
#: Which of an anchored document's dates a rule counts from; unset: its deadlines and milestones.
ANCHOR_ON = ROLES
LANDINGS = ("on_or_before", "on_or_after")
#: A meeting that falls on a holiday or closed day: moved to the next or previous working day,
#: dropped, or kept.
MEETING_SHIFTS = ("next", "previous", "skip", "none")
EDGES = ("start", "end")  # of a quarter, for a point rule's `at`
SPLITS = ("quarter", "year")  # a phase's `every`
DEFAULT_LEVELS = ("politisk", "administrativt")


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
    #: Day bounds inside each block's year, ``((month, day), (month, day))``, for a yearly window
    #: such as 1 April – 15 June; None: the blocks' whole quarters.
    days: tuple[tuple[int, int], tuple[int, int]] | None = None


@dataclass(frozen=True)
class Override:
    year: int
    date: date
    note: str


@dataclass(frozen=True)
class GroupOverride:
    """One declaration that moves several documents' deadlines of one calendar year together
    (the minister moved budget 2020's dates); rules anchored on them follow, each saying so."""

    id: str
    year: int
    dates: dict[str, date]  # document id → its deadline's new date that year
    note: str
    note_en: str
    source: str
    file: str


@dataclass(frozen=True)
class PointRule:
    """A deadline, milestone or treatment: a date rule, then offset, shift and landing on a
    meeting. A treatment lands on a meeting on or before its document's deadline."""

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
    role: str = "deadline"  # one of ROLES; ``kind`` is the event kind it makes
    statutory: bool = False  # the law's deadline: shown as "Lovfrist"
    assumed: bool | None = False  # the date is an assumption; None (treatments): as its meeting's
    anchor_on: str | None = None  # with ``anchor``: which of the anchor's dates (one of ANCHOR_ON)
    not_before: tuple[int, int] | None = None  # (month, day): a meeting no earlier than this

    @property
    def tied(self) -> bool:
        """A treatment with no date rule of its own: it follows its document's deadlines."""
        return self.role == "treatment" and not (self.rrule or self.at or self.anchor)


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
class MeetingPlan:
    """A council's real meeting days for some years, from a file (.ics, .csv or .xlsx)."""

    file: Path
    match: str | None  # only meetings whose title contains this
    sheet: str | None  # an xlsx file's sheet
    covers: tuple[int, ...] | None  # the calendar years it replaces; None: the years of its days


@dataclass(frozen=True)
class Meeting:
    """A council or committee meeting calendar: an RRULE, exceptions and extra dates, and real
    meeting plans that replace the RRULE's days in the years they cover."""

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
    shift: str = "next"  # one of MEETING_SHIFTS
    assumed: bool = True  # the RRULE's days are an assumption (a plan's days are not)
    plans: tuple[MeetingPlan, ...] = ()


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
    status_path: Path | None = None  # the progress ledger (cycle.ledger), if the model keeps one
    url: str = ""
    organizer: str = ""  # "mailto:…": each calendar event's ORGANIZER (iTIP), if the model names one
    files: tuple[Path, ...] = ()  # every file the model was read from (itself, includes, meeting plans)
    overrides: tuple[GroupOverride, ...] = ()

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
