"""The property table: one row per VEVENT with its property values before escaping. Both
renderers (:mod:`.bulk` and :mod:`.reference`) read it, so they cannot disagree on content."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...columns import blank, combined, joined, stacked
from ...i18n import col, level_word, t
from ...plan import notes, uid
from ...plan.table import deadline_label

#: Text columns with few distinct values: categoricals, so rendering factorises them for free.
_CATEGORICAL = ("summary", "description", "categories", "url", "location", "contact")
ONE_DAY = pd.Timedelta(days=1)


def feed_rows(events: pd.DataFrame, lang: str = "da", warn_days: int | None = None) -> pd.DataFrame:
    """One row per VEVENT. Warning events ("Frist om 14 dage: …") are added for deadlines when
    ``warn_days`` is set."""
    level = events["level"].map({lv: level_word(lv, lang) for lv in events["level"].unique().tolist()})
    uid_rule, uid_unit = uid.line_parts(events)  # the UID's pieces, for the bulk renderer
    rows = pd.DataFrame(
        {
            "uid": events["uid"],
            "uid_rule": uid_rule,
            "uid_unit": uid_unit,
            "start": events["start"],
            "end": events["end"] + ONE_DAY,  # DTEND is exclusive for all-day events
            "summary": events[col("summary", lang)],
            "description": _description(events, lang),
            "categories": joined(level, "\x1f", events[col("title", lang)]),
            "url": events["url"],
            "location": events["unit_name"],  # Outlook shows it beside the subject
            "contact": blank(events["owner"], events["unit"] == ""),
            "alarm": events["kind"] == "deadline",
            "unit": events["unit"],
            "document": events["document"],
        }
    )
    if warn_days:
        warnings = _warnings(rows[rows["alarm"]], lang, warn_days)
        rows = stacked(rows, warnings)
        rows = rows.take(_by_start_and_uid(rows))
    return finish_rows(rows.reset_index(drop=True))


#: UIDs longer than this are sorted as Python strings (a byte array of them would be large).
_SHORT_UID = 200


def _by_start_and_uid(rows: pd.DataFrame) -> np.ndarray:
    """The order of ``sort_values(["start", "uid"], kind="stable")``, faster: UIDs are ASCII (the
    unit part is percent-encoded), so as bytes they sort as the strings do, in numpy's C loop."""
    uids = rows["uid"].tolist()
    if uids and max(map(len, uids)) <= _SHORT_UID:
        try:
            return np.lexsort((np.array(uids, dtype="S"), rows["start"].to_numpy()))
        except UnicodeEncodeError:  # not ASCII after all: Python's order
            pass
    return rows.reset_index(drop=True).sort_values(["start", "uid"], kind="stable").index.to_numpy()


def _warnings(deadlines: pd.DataFrame, lang: str, days: int) -> pd.DataFrame:
    """A one-day event ``days`` before each deadline, named after the deadline's label (Outlook
    drops alarms on subscribed calendars, so the warning is an event of its own)."""
    day = deadlines["start"] - pd.Timedelta(days=days)
    # The plan writes a deadline's summary as its prefix + label (cycle.plan): its inverse.
    label = deadline_label(deadlines["summary"], lang)
    return deadlines.assign(
        uid=uid.warning_column(deadlines["uid"], days),
        uid_unit=uid.warning_column(deadlines["uid_unit"], days),
        start=day,
        end=day + ONE_DAY,
        summary=joined(t("warn_summary", lang, days=days), label),
        alarm=False,
    )


def finish_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Few-valued text as categoricals: rendering then factorises them for free. Categories in
    order of appearance (hashing, not sorting): only the codes matter to the renderers."""
    for c in _CATEGORICAL:
        if not isinstance(rows[c].dtype, pd.CategoricalDtype):
            codes, uniques = pd.factorize(rows[c], sort=False)
            rows[c] = pd.Categorical.from_codes(codes, categories=uniques)
    return rows


def _description(events: pd.DataFrame, lang: str) -> pd.Series:
    """Purpose, parties, note and source: the same for every unit, so few distinct strings; each
    distinct combination is joined once."""
    cols = [events[col("purpose", lang)], events["parties"], notes(events, lang), events["source"]]
    names = ("", t("parties", lang) + ": ", "", t("source", lang) + ": ")

    def texts(*values: list[str]) -> list[str]:
        return ["\n".join(n + v for n, v in zip(names, parts, strict=True) if v) for parts in zip(*values, strict=True)]

    return combined(cols, texts)
