"""The plan: a model, an election period and the organisation units → one events table.

Every output (timeline, due, iCalendar, charts, site) is a view of :attr:`Plan.events`, a pandas
DataFrame with one row per event (columns in :data:`EVENT_COLUMNS`, dates inclusive).

>>> plan = build_plan("lemvig", 2026)
>>> vision = plan.events.query("document == 'politisk-vision' and kind == 'deadline'")
>>> vision[["start", "summary"]].astype(str).values.tolist()
[['2026-12-30', 'Frist: Politisk vision vedtages']]
"""

from __future__ import annotations

import graphlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from dateutil.rrule import rrulestr

from ..errors import CycleError
from ..i18n import t
from ..model import KINDS, Document, Meeting, Model, Phase, PointRule, load_model
from ..period import Term, parse_term, term_for
from ..units import load_units
from ..workdays import WorkingDays
from . import uid

#: The events table's columns. ``start``/``end`` are inclusive dates; ``unit`` is empty for
#: municipality-wide events; the last columns say how each date came about (``cycle explain``).
EVENT_COLUMNS = [
    "uid",
    "model",
    "period",
    "document",
    "title",
    "title_en",
    "kind",
    "start",
    "end",
    "level",
    "owner",
    "unit",
    "unit_name",
    "summary",
    "summary_en",
    "parties",
    "purpose",
    "purpose_en",
    "source",
    "url",
    "occurrence",
    "rule",
    "nominal",
    "anchor",
    "offset",
    "shift",
    "meeting",
    "note",
]
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


@dataclass
class Plan:
    """A model's events for one election period."""

    model: Model
    term: Term
    events: pd.DataFrame
    units: pd.DataFrame | None = None

    def explain(self, uid: str) -> dict[str, str]:
        """How one event's date came about: the rule, its source, anchor, offset and shift."""
        rows = self.events[self.events["uid"] == uid]
        if rows.empty:
            raise CycleError(f"ukendt begivenhed '{uid}'", f"unknown event '{uid}'", key="uid")
        row = rows.iloc[0]
        return {k: _text(row[k]) for k in EVENT_COLUMNS}


def _text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def build_plan(
    model: Model | str | Path = "lemvig",
    period: Term | int | str | None = None,
    units: pd.DataFrame | str | Path | None = None,
    *,
    today: date | None = None,
    cache: bool = False,
) -> Plan:
    """Build the events table. ``period`` is any year of the term (default: today's term);
    ``units`` a units file or table (default: the model's own example units, if any);
    ``cache`` reads and keeps the table in the on-disk cache (:mod:`cycle.cache`)."""
    if not isinstance(model, Model):
        model = load_model(model)
    if isinstance(period, Term):
        term = period
    elif period is None:
        term = term_for(today or date.today())
    else:
        term = parse_term(period)
    if units is None and model.units_path is not None:
        units = model.units_path
    if units is not None and not isinstance(units, pd.DataFrame):
        units = load_units(units)
    if cache:
        from . import cache as plan_cache

        k = plan_cache.key(model.files, term.label, units)
        events = plan_cache.load(k)
        if events is None:
            events = _events_table(model, term, _Scheduler(model, term).rows(), units)
            plan_cache.store(k, events)
        return Plan(model, term, events, units)
    rows = _Scheduler(model, term).rows()
    return Plan(model, term, _events_table(model, term, rows, units), units)


# --------------------------------------------------------------------------- scheduling


class _Scheduler:
    """Resolves every rule of a model to dated rows for one term (municipality-wide)."""

    def __init__(self, model: Model, term: Term) -> None:
        self.model, self.term = model, term
        # Rules are resolved over the neighbouring years too, so anchors near the term's edges
        # find their anchor; only rows inside the term are kept.
        self.years = range(term.first_year - 1, term.last_year + 2)
        self.wd = WorkingDays(range(term.first_year - 5, term.last_year + 3), model.closed_days)
        self.meeting_dates = {mid: self._meeting_dates(m) for mid, m in model.meetings.items()}
        self.point_dates: dict[str, list[date]] = {}

    def rows(self) -> list[dict]:
        rows: list[dict] = []
        for meeting in self.model.meetings.values():
            rows += [
                {
                    "document": meeting.id,
                    "kind": "meeting",
                    "start": d,
                    "end": d,
                    "period": self.term.label,
                    "rule": "meeting: " + meeting.rrule,
                    "nominal": d,
                    "source": meeting.source,
                }
                for d in self.meeting_dates[meeting.id]
                if self.term.start <= d <= self.term.end
            ]
        for doc in self.model.documents.values():
            rows += self._phase_rows(doc, self.term)
            rows += self._carried_over(doc)
        for doc in self._anchor_order():
            points = [r for r in self._phase_deadlines(doc, self.term.previous())]
            points += [r for r in self._phase_deadlines(doc, self.term)]
            points += [r for rule in doc.points for r in self._point_rows(doc, rule)]
            self.point_dates[doc.id] = sorted(r["start"] for r in points)
            rows += [r for r in points if self.term.start <= r["start"] <= self.term.end]
        return rows

    # ----- meetings

    def _meeting_dates(self, m: Meeting) -> list[date]:
        first = datetime(self.years[0] - 1, 1, 1)
        rules = rrulestr(m.rrule, dtstart=first, forceset=True)
        for d in m.rdate:
            rules.rdate(datetime.combine(d, datetime.min.time()))
        for d in m.exdate:
            rules.exdate(datetime.combine(d, datetime.min.time()))
        return [dt.date() for dt in rules.between(first, datetime(self.years[-1], 12, 31), inc=True)]

    # ----- phases (drafting windows and validity periods)

    def _blocks(self, phase: Phase, term: Term):
        for a, b in phase.blocks:
            yield a, b, term.quarter_of_term(*a).first_day, term.quarter_of_term(*b).last_day

    def _phase_rows(self, doc: Document, term: Term) -> list[dict]:
        rows = []
        for i, phase in enumerate(doc.phases):
            for a, b, start, end in self._blocks(phase, term):
                rows.append(
                    {
                        "document": doc.id,
                        "kind": phase.kind,
                        "start": start,
                        "end": end,
                        "period": term.label,
                        "rule": f"phase[{i}]: {phase.kind} År {a[0]} Q{a[1]} – År {b[0]} Q{b[1]}",
                        "nominal": start,
                        "source": phase.source,
                        "note": phase.note,
                    }
                )
        return rows

    def _phase_deadlines(self, doc: Document, term: Term) -> list[dict]:
        """The adoption deadline at the end of each drafting window that asks for one."""
        rows = []
        for i, phase in enumerate(doc.phases):
            if not phase.deadline:
                continue
            for _, b, _, end in self._blocks(phase, term):
                day = self.wd.shift(end, phase.shift)
                rows.append(
                    {
                        "document": doc.id,
                        "kind": "deadline",
                        "start": day,
                        "end": day,
                        "period": term.label,
                        "label": phase.deadline_label or f"{doc.title} vedtages",
                        "label_en": phase.deadline_label_en or f"{doc.title_en} adopted",
                        "rule": f"phase[{i}].deadline: end of drafting window År {b[0]} Q{b[1]}",
                        "nominal": end,
                        "shift": phase.shift,
                        "source": phase.source,
                        "note": phase.note,
                    }
                )
        return rows

    def _carried_over(self, doc: Document) -> list[dict]:
        """A document of the previous term stays in force until its successor's adoption."""
        validity = [p for p in doc.phases if p.kind == "validity"]
        previous = self.term.previous()
        prev_ends = [end for p in validity for *_, end in self._blocks(p, previous)]
        starts = [start for p in validity for _, _, start, _ in self._blocks(p, self.term)]
        if not prev_ends or max(prev_ends) != previous.end or min(starts) == self.term.start:
            return []
        deadlines = [r["start"] for r in self._phase_deadlines(doc, self.term)]
        until = min(deadlines) if deadlines else min(starts) - timedelta(days=1)
        return [
            {
                "document": doc.id,
                "kind": "validity",
                "start": self.term.start,
                "end": until,
                "period": previous.label,
                "rule": "carried over: in force until the successor's adoption deadline",
                "nominal": self.term.start,
                "source": doc.source,
                "note": f"Dokumentet fra valgperioden {previous.label} gælder, indtil efterfølgeren er vedtaget",
            }
        ]

    # ----- point rules (deadlines, milestones)

    def _anchor_order(self) -> list[Document]:
        docs = self.model.documents
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

    def _nominal_dates(self, rule: PointRule) -> list[date]:
        if rule.rrule:
            first = datetime(self.years[0], 1, 1)
            return [
                dt.date()
                for dt in rrulestr(rule.rrule, dtstart=first).between(first, datetime(self.years[-1], 12, 31), inc=True)
            ]
        if rule.at:
            terms = (self.term.previous(), self.term, Term(self.term.first_year + 4))
            q = [t.quarter_of_term(*rule.at) for t in terms]
            return [x.first_day if rule.edge == "start" else x.last_day for x in q]
        if rule.anchor in self.meeting_dates:
            return list(self.meeting_dates[rule.anchor])
        return list(self.point_dates[rule.anchor])

    def _point_rows(self, doc: Document, rule: PointRule) -> list[dict]:
        rows = []
        overrides = {o.year: o for o in rule.overrides}
        for anchor_day in self._nominal_dates(rule):
            day = anchor_day
            if rule.offset:
                day = self.wd.add(day, rule.offset.n) if rule.offset.unit == "wd" else day + rule.offset.delta
            if rule.years and (day.year - 2) % 4 + 1 not in rule.years:
                continue
            note = rule.note
            if day.year in overrides:
                day, note = overrides[day.year].date, overrides[day.year].note
            if rule.not_after:  # "no later than": a later date moves back to the law's date
                day = min(day, date(day.year, *rule.not_after))
            nominal = day
            day = self.wd.shift(day, rule.shift)
            if rule.meeting:
                day = self._land(doc, rule, day)
            rows.append(
                {
                    "document": doc.id,
                    "kind": rule.kind,
                    "start": day,
                    "end": day,
                    "period": self.term.label,
                    "label": rule.label,
                    "label_en": rule.label_en,
                    "rule": f"{rule.kind}[{rule.index}]: " + _describe(rule),
                    "nominal": nominal,
                    "anchor": rule.anchor or "",
                    "offset": rule.offset.text if rule.offset else "",
                    "shift": rule.shift,
                    "meeting": rule.meeting or "",
                    "source": rule.source,
                    "note": note,
                }
            )
        return rows

    def _land(self, doc: Document, rule: PointRule, day: date) -> date:
        """Move a date onto a meeting of the rule's calendar in the same year."""
        dates = self.meeting_dates[rule.meeting]
        if rule.landing == "on_or_before":
            i = bisect_right(dates, day) - 1
            found = dates[i] if i >= 0 and dates[i].year == day.year else None
            da, en = "på eller før", "on or before"
        else:
            i = bisect_left(dates, day)
            found = dates[i] if i < len(dates) and dates[i].year == day.year else None
            da, en = "på eller efter", "on or after"
        if found is None:
            raise CycleError(
                f"intet møde i '{rule.meeting}' {da} {day.isoformat()} samme år: møderne gør reglen umulig",
                f"no '{rule.meeting}' meeting {en} {day.isoformat()} in the same year: the meetings make the rule impossible",
                file=doc.file,
                rule=doc.id,
                key=f"{rule.kind}.meeting",
            )
        return found


def _describe(rule: PointRule) -> str:
    if rule.rrule:
        what = f"RRULE {rule.rrule}"
    elif rule.at:
        what = f"{rule.edge} of År {rule.at[0]} Q{rule.at[1]}"
    else:
        what = f"anchor {rule.anchor}"
    parts = [what]
    if rule.years:
        parts.append("years of term " + ",".join(map(str, rule.years)))
    if rule.offset:
        parts.append(f"offset {rule.offset.text}")
    parts.append(f"shift {rule.shift}")
    if rule.meeting:
        parts.append(f"{rule.landing.replace('_', ' ')} a '{rule.meeting}' meeting")
    if rule.not_after:
        parts.append(f"not after {rule.not_after[0]:02}-{rule.not_after[1]:02}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- the table


def _rule_table(model: Model) -> pd.DataFrame:
    """One row per document and meeting calendar: the attributes every event inherits."""
    rows = [
        {
            "document": d.id,
            "title": d.title,
            "title_en": d.title_en,
            "level": d.level,
            "parties": ", ".join(d.parties),
            "purpose": d.purpose,
            "purpose_en": d.purpose_en,
            "url": d.url or model.url,
            "per_unit": d.per_unit,
            "order": d.origin,
            "owner": d.parties[0] if d.parties else "",
        }
        for d in model.documents.values()
    ]
    rows += [
        {
            "document": m.id,
            "title": m.title,
            "title_en": m.title_en,
            "level": m.level,
            "parties": ", ".join(m.parties),
            "purpose": "",
            "purpose_en": "",
            "url": model.url,
            "per_unit": False,
            "order": len(rows) + i,
            "owner": m.parties[0] if m.parties else "",
        }
        for i, m in enumerate(model.meetings.values())
    ]
    return pd.DataFrame(rows)


# How each kind of event reads, in Danish and English (prefix or suffix of title/label).
_LABELS = {
    "drafting": (": udarbejdelse", ": drafting"),
    "validity": (": gyldighedsperiode", ": validity period"),
    "carried": (": gælder indtil efterfølgeren vedtages", ": in force until its successor is adopted"),
    "deadline": (t("deadline_prefix", "da"), t("deadline_prefix", "en")),
}


def _events_table(model: Model, term: Term, rows: list[dict], units: pd.DataFrame | None) -> pd.DataFrame:
    base = pd.DataFrame(rows)
    for col in ("label", "label_en", "anchor", "offset", "shift", "meeting", "note"):
        base[col] = base[col].fillna("") if col in base else ""
    base = base.merge(_rule_table(model), on="document", how="left", validate="many_to_one")
    base["model"] = model.id

    carried = (base["kind"] == "validity") & (base["period"] != term.label)
    for lang, suffix in ((0, ""), (1, "_en")):
        title, label = base["title" + suffix], base["label" + suffix]
        by_kind = {
            "drafting": title + _LABELS["drafting"][lang],
            "validity": title + _LABELS["validity"][lang],
            "deadline": _LABELS["deadline"][lang] + label,
            "milestone": label,
            "meeting": title,
        }
        summary = pd.Series("", index=base.index, dtype=object)
        for kind, text in by_kind.items():
            summary = summary.mask(base["kind"] == kind, text)
        carried_text = title + " (" + base["period"] + ")" + _LABELS["carried"][lang]
        base["summary" + suffix] = summary.mask(carried, carried_text)
    base["unit"] = ""
    base["unit_name"] = ""
    if units is not None and len(units) and base["per_unit"].any():
        per_unit = (
            base[base["per_unit"]]
            .merge(
                units.rename(columns={"id": "unit", "name": "unit_name", "leader": "unit_leader"})[
                    ["unit", "unit_name", "unit_leader"]
                ],
                how="cross",
                suffixes=("_drop", ""),
            )
            .drop(columns=["unit_drop", "unit_name_drop"])
        )
        per_unit["owner"] = per_unit["unit_leader"].where(per_unit["unit_leader"] != "", per_unit["owner"])
        base = pd.concat([base[~base["per_unit"]], per_unit.drop(columns="unit_leader")], ignore_index=True)

    for col in ("start", "end", "nominal"):
        base[col] = pd.to_datetime(base[col])
    levels = {lv: i for i, lv in enumerate(model.levels)}
    base["_level"] = base["level"].map(levels)
    base["_kind"] = base["kind"].map(_KIND_ORDER)
    base = base.sort_values(["start", "_level", "order", "_kind", "unit", "end"], kind="stable", ignore_index=True)

    # Occurrence: the n-th event of its (document, kind, unit) in its year, so a UID survives
    # edits to other rules and to this rule's date within the year.
    year = base["start"].dt.year.astype(str)
    n = base.groupby(["period", "document", "kind", "unit", year]).cumcount() + 1
    base["occurrence"] = year + "-" + n.astype(str)
    base["uid"] = uid.build_column(base)
    return base[EVENT_COLUMNS]
