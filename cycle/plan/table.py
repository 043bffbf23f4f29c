"""The events table: the scheduler's rows → one pandas DataFrame, as a pipeline of named steps
(:func:`events_table`). One row per event; columns in :data:`EVENT_COLUMNS`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import as_categories, as_text, from_codes, joined
from ..i18n import t
from ..model import KINDS, Model
from ..period import Term
from . import uid
from .phases import CARRIED_RULE
from .progress import no_progress

#: The events table's columns. ``start``/``end`` are inclusive dates; ``unit`` is empty for
#: municipality-wide events; the last columns say how each date came about (``cycle explain``).
#: Text is held as categoricals (:mod:`cycle.columns`: a per-unit document repeats its text for
#: every unit), except ``uid`` and the progress columns; ``.astype(str)`` gives plain text.
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
    # The progress ledger's facts (cycle.plan.progress): empty until a status file is applied.
    "status",
    "done",
    "reference",
]
#: Columns only some rules set; empty text elsewhere.
_OPTIONAL = ("label", "label_en", "anchor", "offset", "shift", "meeting", "note", "role")
#: What the scheduler says of a point and the summaries read; false elsewhere (not table columns).
_FLAGS = ("statutory", "assumed")
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


def events_table(model: Model, term: Term, rows: list[dict], units: pd.DataFrame | None) -> pd.DataFrame:
    return (
        pd.DataFrame(rows)
        .pipe(_fill_optional)
        .pipe(_merge_rule_attributes, model)
        .pipe(_summaries, term)
        .pipe(_dates)
        .pipe(as_categories)  # text as codes before the rows repeat per unit (:mod:`cycle.columns`)
        .pipe(_expand_units, units)
        .pipe(_sort, model)
        .pipe(_occurrence, term)
        .pipe(no_progress)
        .assign(uid=uid.build_column)[EVENT_COLUMNS]
    )


def carried_over(events: pd.DataFrame, term_label: str) -> pd.Series:
    """Per row: a validity period of a document adopted in an earlier term, still in force at
    the start of the term ``term_label`` (until its successor's adoption deadline). The one
    rule for it: the plan writes such rows (:func:`cycle.plan.phases.carried_over_rows`) and
    every view asks this."""
    return (events["kind"] == "validity") & (events["period"] != term_label)


def _fill_optional(base: pd.DataFrame) -> pd.DataFrame:
    for c in _OPTIONAL:
        base[c] = base[c].fillna("") if c in base else ""
    for c in _FLAGS:
        base[c] = base[c].fillna(False).astype(bool) if c in base else False
    return base


def _rule_attributes(model: Model) -> pd.DataFrame:
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
            "order": len(rows) + i,  # after every document
            "owner": m.parties[0] if m.parties else "",
        }
        for i, m in enumerate(model.meetings.values())
    ]
    return pd.DataFrame(rows)


def _merge_rule_attributes(base: pd.DataFrame, model: Model) -> pd.DataFrame:
    base = base.merge(_rule_attributes(model), on="document", how="left", validate="many_to_one")
    base["model"] = model.id
    return base


def _summaries(base: pd.DataFrame, term: Term) -> pd.DataFrame:
    """The event's one-line text in Danish (``summary``) and English (``summary_en``)."""
    is_carried = carried_over(base, term.label)
    for lang, suffix in (("da", ""), ("en", "_en")):
        title, label = base["title" + suffix], base["label" + suffix]
        by_kind = {
            "drafting": title + t("summary_drafting", lang),
            "validity": title + t("summary_validity", lang),
            "deadline": t("deadline_prefix", lang) + label,
            "milestone": label,
            "meeting": title,
        }
        summary = pd.Series("", index=base.index, dtype=object)
        for kind, text in by_kind.items():
            summary = summary.mask(base["kind"] == kind, text)
        summary = summary.mask(base["statutory"], t("statutory_prefix", lang) + label)
        summary = summary.mask(base["role"] == "treatment", t("treatment_prefix", lang) + label)
        summary = summary.mask(base["assumed"], summary + t("assumed_suffix", lang))
        carried_text = title + " (" + base["period"] + ")" + t("summary_carried", lang)
        base["summary" + suffix] = summary.mask(is_carried, carried_text)
    return base


def deadline_label(summary: pd.Series, lang: str) -> pd.Series:
    """A deadline's label from its summary (the inverse of :func:`_summaries` for deadlines)."""
    for key in ("statutory_prefix", "deadline_prefix"):
        summary = summary.str.removeprefix(t(key, lang))
    return summary


def _expand_units(base: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame:
    """A per-unit document's events once for every unit, owned by the unit's leader (if any);
    the municipality-wide events first, then each per-unit event for unit after unit. Rows are
    repeated as codes: no text is copied."""
    per_unit = base["per_unit"].to_numpy(dtype=bool)
    if units is None or not len(units) or not per_unit.any():
        out = base.reset_index(drop=True)
        out["unit"] = out["unit_name"] = from_codes(np.zeros(len(out), dtype=np.int64), [""], out.index)
        return out
    n, shared, each = len(units), np.flatnonzero(~per_unit), np.flatnonzero(per_unit)
    out = base.take(np.concatenate([shared, np.repeat(each, n)])).reset_index(drop=True)
    unit = np.concatenate([np.zeros(len(shared), dtype=np.int64), np.tile(np.arange(1, n + 1), len(each))])  # 0: none
    out["unit"] = from_codes(unit, ["", *units["id"]], out.index)
    out["unit_name"] = from_codes(unit, ["", *units["name"]], out.index)
    out["owner"] = _owners(out["owner"], unit, [*units["leader"]])
    return out


def _owners(owner: pd.Series, unit: np.ndarray, leaders: list[str]) -> pd.Series:
    """The unit's leader where the row is a unit's and the unit names one, else the rule's owner."""
    led = np.array([False, *(bool(x) for x in leaders)])[unit]
    rule, values = owner.cat.codes.to_numpy(), [*owner.cat.categories]
    codes = np.where(led, len(values) + unit - 1, rule)
    return from_codes(codes, [*values, *leaders], owner.index)


def _dates(base: pd.DataFrame) -> pd.DataFrame:
    for c in ("start", "end", "nominal"):
        base[c] = pd.to_datetime(base[c])
    return base


def _sort(base: pd.DataFrame, model: Model) -> pd.DataFrame:
    """By date, then level (the model's order), chain position, kind, unit and end; stable, so
    the scheduler's order breaks the remaining ties."""
    levels = {lv: i for i, lv in enumerate(model.levels)}
    base["_level"] = base["level"].map(levels).astype("int64")  # numbers, not the codes of a categorical
    base["_kind"] = base["kind"].map(_KIND_ORDER).astype("int64")
    return base.sort_values(["start", "_level", "order", "_kind", "unit", "end"], kind="stable", ignore_index=True)


def _occurrence(base: pd.DataFrame, term: Term) -> pd.DataFrame:
    """``<year>-<n>``: the n-th event of its (term, document, kind, unit) in its occurrence's year,
    so a UID survives edits to other rules and to this rule's date. The year is the rule's
    occurrence (:mod:`.points`), not where the date landed, so a deadline moved across New Year
    keeps its UID. For a row of an earlier term's rules it is held inside the plan's term, so
    the UID names the plan (:attr:`cycle.plan.uid.UidParts.plan_year`)."""
    nominal = base["occurrence_year"] if "occurrence_year" in base else pd.Series(float("nan"), index=base.index)
    year = nominal.fillna(base["start"].dt.year)
    own = base["period"] == term.label
    year = year.where(own, year.clip(term.first_year, term.last_year)).astype(int)
    n = base.groupby(["period", "document", "kind", "unit", year]).cumcount() + 1
    base["occurrence"] = joined(year, "-", n)
    return base


def notes(events: pd.DataFrame, lang: str) -> pd.Series:
    """The ``note`` column in ``lang``. Notes are the model's words (Danish), except the plan's
    own note on a carried-over document, which is given in English for ``en``."""
    if lang != "en":
        return events["note"]
    is_carried = events["rule"] == CARRIED_RULE
    if not is_carried.any():
        return events["note"]
    english = {p: t("carried_note", "en", period=p) for p in events.loc[is_carried, "period"].unique()}
    return as_text(events["note"]).mask(is_carried, events["period"].map(english))


def note_in(lang: str, note: str, rule: str, period: str) -> str:
    """:func:`notes` for one event."""
    return t("carried_note", lang, period=period) if rule == CARRIED_RULE else note
