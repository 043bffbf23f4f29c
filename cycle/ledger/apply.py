"""The ledger's facts in the events table: every event gains ``status``, ``done`` and
``reference`` (filled for deadlines), and a previous term's document stays in force until its
successor is actually adopted.

The model plans the successor's validity from its phase (Lemvig: from År 2 Q1). When the ledger
says the successor was adopted later than that, the old document is in force until the day before
the adoption and the new one from the adoption; while the successor is overdue, the old one is in
force at least up to the report's day.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..plan.progress import PROGRESS_COLUMNS as LEDGER_COLUMNS

ONE_DAY = pd.Timedelta(days=1)


def apply_progress(events: pd.DataFrame, table: pd.DataFrame, *, term_label: str, day: date) -> pd.DataFrame:
    """``events`` with the ledger columns and carried-over validity moved to the facts.
    ``table`` is :func:`cycle.ledger.progress`'s table for the same plan, as of ``day``."""
    facts = table.set_index("uid")[LEDGER_COLUMNS]
    out = events.drop(columns=[c for c in LEDGER_COLUMNS if c in events]).join(facts, on="uid")
    out["status"] = out["status"].fillna("")
    out["reference"] = out["reference"].fillna("")
    out["done"] = pd.to_datetime(out["done"])
    shared_validity = out[(out["kind"] == "validity") & (out["unit"] == "")]
    carried = set(shared_validity.loc[shared_validity["period"] != term_label, "document"])
    for document, first in _successors(table).items():
        if document in carried:
            out = _carry_over(out, document, first, term_label=term_label, day=pd.Timestamp(day))
    return out


def _successors(table: pd.DataFrame) -> dict[str, dict]:
    """Each municipality-wide document's first deadline of the term: its adoption."""
    shared = table[table["unit"] == ""].sort_values("deadline", kind="stable")
    return {rec["document"]: rec for rec in shared.drop_duplicates("document").to_dict("records")}


def _carry_over(events: pd.DataFrame, document: str, first: dict, *, term_label: str, day: pd.Timestamp):
    of_doc = (events["document"] == document) & (events["kind"] == "validity") & (events["unit"] == "")
    carried = of_doc & (events["period"] != term_label)
    new = of_doc & (events["period"] == term_label)
    if not carried.any() or not new.any():
        return events
    if first["status"] in ("done", "late"):
        adopted = first["done"]
    elif first["status"] == "overdue":
        adopted = day + ONE_DAY  # not adopted yet: the old one is in force at least until today
    else:
        return events
    starts = events.loc[new, "start"]
    begins = starts.min()
    if adopted <= begins:  # adopted in time: the model's plan stands
        return events
    events = events.copy()
    events.loc[carried, "end"] = events.loc[carried, "end"].clip(lower=adopted - ONE_DAY)
    first_new = starts.idxmin()
    events.loc[first_new, "start"] = min(adopted, events.loc[first_new, "end"])
    return events
