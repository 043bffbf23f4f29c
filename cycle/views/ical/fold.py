"""What the ledger adds to calendars, and shared feeds without duplicates.

- A deadline the ledger records as met reads "✔ Frist: …", and its description names the date
  and the reference, so a unit leader sees it in Outlook; SEQUENCE moves for it (its summary and
  description changed) and for nothing else.
- In a feed for many units (``all.ics``, an area's, a director's), the per-unit events of one
  rule and date are one event, "Frist: Aftaledokument indgået (12 enheder)", whose description
  lists the units and their progress; its UID is the per-unit UID without the unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...columns import as_text
from ...i18n import t
from ...plan import uid
from ..common import FOLD_KEYS

DONE_MARK = "✔ "
MET = ("done", "late")


def _status(events: pd.DataFrame) -> pd.Series:
    return events["status"] if "status" in events else pd.Series("", index=events.index)


def _met_text(row, lang: str) -> str:
    """'Indgået 2026-10-29 (Sag 26/2101)', with how late when it was."""
    word = t("concluded_on" if row.unit else "adopted_on", lang, day=row.done.date().isoformat())
    if row.status == "late":
        word += f", {t('days_late', lang, n=int((row.done - row.start).days))}"
    return word + (f" ({row.reference})" if row.reference else "")


def mark_met(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Deadlines the ledger records as met: "✔ " before the summary, the date and reference
    after the note (which the description shows)."""
    met = _status(events).isin(MET)
    if not met.any():
        return events
    out = events.copy()
    for c in ("summary", "summary_en", "note"):
        out[c] = as_text(out[c])  # written into below
    for c in ("summary", "summary_en"):
        out.loc[met, c] = DONE_MARK + out.loc[met, c]
    texts = pd.Series([_met_text(r, lang) for r in out[met].itertuples()], index=out.index[met], dtype=object)
    out.loc[met, "note"] = (out.loc[met, "note"] + "\n").where(out.loc[met, "note"] != "", "") + texts
    return out


def _unit_line(row, lang: str) -> str:
    status = getattr(row, "status", "")
    if status in MET:
        return f"{row.unit_name}: ✔ {_met_text(row, lang)}"
    return f"{row.unit_name}: {t('status_' + status, lang)}" if status else row.unit_name


def fold_units(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per-unit events of one rule and date as one event (see the module's description), in the
    place of the first; run before :func:`mark_met`, which leaves folded events alone. Works on
    positions: a national export folds 280,000 rows, and a copy of them would be 30 MiB."""
    at = np.flatnonzero((events["unit"] != "").to_numpy())
    if not len(at):
        return events
    keys = events[FOLD_KEYS].take(at)  # only what tells the groups apart
    groups = [at[g] for g in keys.groupby(FOLD_KEYS, sort=False).indices.values()]  # positions in events
    del keys
    lines = _unit_lines(events, at, lang)  # all at once: a national export folds 10,000 units per rule
    out = pd.concat([events[(events["unit"] == "").to_numpy()], _folded(events, groups, lines, lang)])
    return out.sort_index(kind="stable")


def _unit_lines(events: pd.DataFrame, at: np.ndarray, lang: str) -> np.ndarray:
    """The line of each per-unit row (at positions ``at``) in its folded event
    (:func:`_unit_line`), as an array by position in ``events`` (None elsewhere)."""
    lines = np.full(len(events), None, dtype=object)
    lines[at] = events["unit_name"].to_numpy(dtype=object)[at]
    status = _status(events).to_numpy(dtype=object)
    per_unit = np.zeros(len(events), dtype=bool)
    per_unit[at] = True
    met = per_unit & np.isin(status, MET)
    other = per_unit & (status != "") & ~met
    if other.any():
        words = {s: t("status_" + s, lang) for s in set(status[other])}
        lines[other] = [f"{name}: {words[s]}" for name, s in zip(lines[other], status[other], strict=True)]
    if met.any():
        lines[met] = [_unit_line(r, lang) for r in events[met].itertuples()]
    return lines


def _folded(events: pd.DataFrame, groups: list[np.ndarray], lines: np.ndarray, lang: str) -> pd.DataFrame:
    """Each group's first row, counting and listing the group's units (a group at a time would
    copy a row of the table per group); ``groups`` hold positions in ``events``."""
    first = events.iloc[[at[0] for at in groups]].copy()
    met = _status(events).isin(MET).to_numpy()
    counts = [len(at) for at in groups]
    done = [DONE_MARK if met[at].all() else "" for at in groups]
    for c, lg in (("summary", "da"), ("summary_en", "en")):
        first[c] = [
            f"{mark}{s} ({n} {t('unit_one', lg) if n == 1 else t('units', lg)})"
            for mark, s, n in zip(done, first[c], counts, strict=True)
        ]
    heads = [(t("unit_one", lang) if n == 1 else t("units", lang)).capitalize() + ":" for n in counts]
    first["note"] = [
        "\n".join(filter(None, [note, head, *lines[at]]))
        for note, head, at in zip(first["note"], heads, groups, strict=True)
    ]
    first["uid"] = [_shared_uid(u) for u in first["uid"]]
    first["unit"] = first["unit_name"] = first["owner"] = ""
    if "status" in events:
        first["status"], first["reference"], first["done"] = "", "", pd.NaT
    return first


def _shared_uid(unit_uid: str) -> str:
    p = uid.parse(unit_uid)
    return uid.build(p.model, p.term_first_year, p.document, p.kind, p.occurrence)
