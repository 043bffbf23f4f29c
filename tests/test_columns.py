"""Text columns as codes (cycle/columns.py): the same values as plain pandas text would give,
in the strings' order, with each distinct combination joined once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cycle.columns import as_categories, as_text, blank, from_codes, joined, stacked
from cycle.plan import build_plan


def test_joined_gives_what_concatenating_text_gives_and_joins_each_combination_once():
    a = pd.Series(["Skole", "Skole", "Ældre", "Skole"], dtype="category")
    b = pd.Series(["Nord", "Syd", "Nord", "Nord"])
    n = pd.Series([1, 2, 1, 1])
    got = joined(a, " – ", b, "/", n)
    assert got.tolist() == ["Skole – Nord/1", "Skole – Syd/2", "Ældre – Nord/1", "Skole – Nord/1"]
    assert isinstance(got.dtype, pd.CategoricalDtype) and len(got.cat.categories) == 3
    # Rows 0 and 3 share a combination: one string object, not two equal ones.
    assert got.iloc[0] is got.iloc[3]
    plain = joined(a, b, categories=False)
    assert plain.tolist() == ["SkoleNord", "SkoleSyd", "ÆldreNord", "SkoleNord"]
    assert not isinstance(plain.dtype, pd.CategoricalDtype)


def test_joined_keeps_the_first_columns_index():
    a = pd.Series(["x", "y"], index=[10, 20])
    assert joined(a, "!").index.tolist() == [10, 20]


def test_categories_are_sorted_so_sorting_gives_the_strings_order():
    table = as_categories(pd.DataFrame({"unit": ["ø", "b", "a", ""], "n": [1, 2, 3, 4]}))
    assert table["unit"].cat.categories.tolist() == ["", "a", "b", "ø"]
    assert table.sort_values("unit")["n"].tolist() == [4, 3, 2, 1]
    assert table["n"].dtype == np.int64  # numbers are left alone


def test_from_codes_takes_repeated_values_as_one_category():
    s = from_codes(np.array([0, 1, 2, 1]), ["b", "a", "b"])
    assert s.tolist() == ["b", "a", "b", "a"] and s.cat.categories.tolist() == ["a", "b"]


def test_blank_and_stacked_keep_codes():
    owner = pd.Series(["Anna", "Bo", "Anna"], dtype="category")
    got = blank(owner, pd.Series([False, True, False]))
    assert got.tolist() == ["Anna", "", "Anna"] and isinstance(got.dtype, pd.CategoricalDtype)
    top = pd.DataFrame({"s": pd.Series(["a", "b"], dtype="category")})
    under = pd.DataFrame({"s": pd.Series(["c"], dtype="category")})
    both = stacked(top, under)
    assert both["s"].tolist() == ["a", "b", "c"] and isinstance(both["s"].dtype, pd.CategoricalDtype)
    assert both.index.tolist() == [0, 1, 2]


def test_as_text_is_plain_text_of_the_same_values():
    s = pd.Series(["a", "b", "a"], dtype="category")
    assert as_text(s).tolist() == ["a", "b", "a"] and not isinstance(as_text(s).dtype, pd.CategoricalDtype)


def test_the_events_tables_per_unit_rows_share_their_texts():
    # Lemvig's example units (calendars/lemvig-units.csv: 12 units) each get the agreement
    # document's rows: the title is one category, not twelve strings.
    events = build_plan("lemvig", 2026).events
    agreement = events[events["document"] == "aftaledokumenter"]
    assert agreement["unit"].nunique() == 12
    assert isinstance(events["title"].dtype, pd.CategoricalDtype)
    assert agreement["title"].astype(str).nunique() == 1
    assert not isinstance(events["uid"].dtype, pd.CategoricalDtype) and events["uid"].is_unique
