"""Fitting the status file to the plan: each recorded row names exactly one deadline.

A row's document may be written as its id or its title, its unit as id or name (case does not
matter). Rows are checked against the deadlines of the term their year falls in, so one status
file can span election periods. Every bad row is one line naming the file, the row and the
column; nothing is half-read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from ..period import Term, term_of_year
from .read import Ledger

#: A plan's deadlines: the events the ledger can record.
DEADLINE_KIND = "deadline"
#: How far ahead a status file may name a year: this term and the next.
YEARS_AHEAD = 8


def deadline_events(events: pd.DataFrame) -> pd.DataFrame:
    """The deadline rows of an events table, with ``year`` (the calendar year of the date)."""
    dl = events[events["kind"] == DEADLINE_KIND]
    return dl.assign(year=dl["start"].dt.year.astype(int))


def _names(pairs: list[tuple[str, list[str]]]) -> dict[str, str]:
    """Every way of writing an id (the id, its titles), case-folded → the id."""
    out: dict[str, str] = {}
    for ident, titles in pairs:
        for name in (ident, *titles):
            out.setdefault(str(name).casefold(), ident)
    return out


def _listed(known: list[str], limit: int = 12) -> str:
    shown = ", ".join(sorted(known)[:limit])
    return shown + (", …" if len(known) > limit else "")


def resolve(ledger: Ledger, model, units: pd.DataFrame | None, today: date) -> pd.DataFrame:
    """The rows with document and unit ids, checked for unknown names, years and future dates."""
    docs = _names([(d.id, [d.title, d.title_en]) for d in model.documents.values()])
    unit_names = {} if units is None else _names([(u, [n]) for u, n in zip(units["id"], units["name"], strict=True)])
    rows = ledger.rows.copy()
    for i, rec in zip(rows.index, rows.to_dict("records"), strict=True):
        row = rec["row"]
        doc = docs.get(rec["document"].casefold())
        if doc is None:
            raise ledger.error(
                row,
                f"ukendt dokument '{rec['document']}' (kendte: {_listed(list(model.documents))})",
                f"unknown document '{rec['document']}' (known: {_listed(list(model.documents))})",
                "document",
            )
        rows.at[i, "document"] = doc
        if rec["unit"]:
            unit = unit_names.get(rec["unit"].casefold())
            if unit is None:
                raise ledger.error(
                    row,
                    f"ukendt enhed '{rec['unit']}' (kendte: {_listed(list(unit_names.values())) or 'ingen'})",
                    f"unknown unit '{rec['unit']}' (known: {_listed(list(unit_names.values())) or 'none'})",
                    "unit",
                )
            rows.at[i, "unit"] = unit
        if not 1900 <= rec["year"] <= today.year + YEARS_AHEAD:
            raise ledger.error(
                row,
                f"ukendt år {rec['year']} (1900–{today.year + YEARS_AHEAD})",
                f"unknown year {rec['year']} (1900–{today.year + YEARS_AHEAD})",
                "year",
            )
        if rec["done"] is not None and rec["done"] > today:
            raise ledger.error(
                row,
                f"datoen {rec['done'].isoformat()} ligger efter i dag ({today.isoformat()})",
                f"the date {rec['done'].isoformat()} is after today ({today.isoformat()})",
                "done",
            )
    return rows


#: A term's deadlines by document, year and unit: [(date, uid), …] in date order.
DeadlineIndex = dict[str, dict[int, dict[str, list[tuple[date, str]]]]]


def deadline_index(events: pd.DataFrame) -> DeadlineIndex:
    """The deadlines of an events table, for looking a row up without scanning the table."""
    index: DeadlineIndex = {}
    dl = events.loc[events["kind"] == DEADLINE_KIND, ["uid", "document", "unit", "start"]]
    for uid, doc, unit, start in dl.itertuples(index=False):
        index.setdefault(doc, {}).setdefault(start.year, {}).setdefault(unit, []).append((start.date(), uid))
    return index


def match(
    ledger: Ledger, rows: pd.DataFrame, plan_events: Callable[[Term], pd.DataFrame], per_unit: set[str]
) -> pd.DataFrame:
    """Each row's deadline: ``rows`` (resolved) with its ``uid`` and ``term``. ``plan_events``
    gives the events table of a term; ``per_unit`` the documents that have a deadline per unit."""
    indexes: dict[str, DeadlineIndex] = {}
    uids, terms = [], []
    for rec in rows.to_dict("records"):
        term = term_of_year(rec["year"])
        if term.label not in indexes:
            indexes[term.label] = deadline_index(plan_events(term))
        uids.append(_one_deadline(ledger, rec, indexes[term.label], rec["document"] in per_unit))
        terms.append(term.label)
    out = rows.assign(uid=uids, term=terms)
    _no_duplicates(ledger, out)
    return out


def _one_deadline(ledger: Ledger, rec: dict, index: DeadlineIndex, per_unit: bool) -> str:
    doc, year, unit, row = rec["document"], rec["year"], rec["unit"], rec["row"]
    of_doc = index.get(doc)
    if not of_doc:
        raise ledger.error(
            row, f"'{doc}' har ingen frister i modellen", f"'{doc}' has no deadlines in the model", "document"
        )
    in_year = of_doc.get(year)
    if not in_year:
        years = ", ".join(str(y) for y in sorted(of_doc))
        raise ledger.error(
            row,
            f"'{doc}' har ingen frist i {year} (valgperiodens frister ligger i {years})",
            f"'{doc}' has no deadline in {year} (the term's deadlines fall in {years})",
            "year",
        )
    if per_unit and not unit:
        raise ledger.error(
            row,
            f"'{doc}' har en frist pr. enhed: skriv enheden",
            f"'{doc}' has a deadline per unit: fill in the unit",
            "unit",
        )
    if unit and not per_unit:
        raise ledger.error(
            row,
            f"'{doc}' er fælles for kommunen: lad enheden stå tom (ikke '{unit}')",
            f"'{doc}' is municipality-wide: leave the unit empty (not '{unit}')",
            "unit",
        )
    candidates = in_year.get(unit, [])
    # The deadline's date tells two deadlines of one year apart; otherwise it is not needed.
    found = [u for d, u in candidates if len(candidates) == 1 or rec["deadline"] in (None, d)]
    if len(found) != 1:
        days = ", ".join(d.isoformat() for d, _ in candidates)
        raise ledger.error(
            row,
            f"matcher {len(found)} frister for '{doc}' {year} ({days}): skriv fristens dato i kolonnen 'frist'",
            f"matches {len(found)} deadlines of '{doc}' {year} ({days}): write the deadline's date in 'deadline'",
            "deadline",
        )
    return found[0]


def _no_duplicates(ledger: Ledger, rows: pd.DataFrame) -> None:
    dup = rows[rows["uid"].duplicated(keep=False)]
    if dup.empty:
        return
    pair = dup[dup["uid"] == dup["uid"].iloc[0]]
    first, second = pair["row"].iloc[0], pair["row"].iloc[1]
    rec = pair.iloc[0]
    what = f"{rec['document']} {rec['year']}" + (f" {rec['unit']}" if rec["unit"] else "")
    raise ledger.error(
        second,
        f"samme frist som række {first} ({what}): hver frist står én gang",
        f"the same deadline as row {first} ({what}): each deadline is recorded once",
        "document",
    )
