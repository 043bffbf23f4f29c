"""Text columns as codes. The events table repeats a per-unit document's text for every unit: a
national plan has 280,000 rows but a few hundred distinct titles, summaries and notes. Held as
pandas categoricals (codes into the distinct values), its text costs a byte or two a cell, and
joining texts costs one join per distinct combination instead of one per row.

Categories are kept sorted, so sorting or grouping by a text column gives the strings' order.

>>> s = pd.Series(["b", "a", "b"], dtype="category")
>>> joined(s, ": ", pd.Series(["x", "y", "x"])).tolist()
['b: x', 'a: y', 'b: x']
>>> from_codes(np.array([2, 0, 2]), ["c", "a", "c"]).tolist(), as_text(from_codes(np.array([1]), ["", "a"])).tolist()
(['c', 'c', 'c'], ['a'])
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat

import numpy as np
import pandas as pd


def is_text(values: pd.Series) -> bool:
    """Whether a column holds text (str or object), not dates, numbers, flags or codes."""
    return pd.api.types.is_string_dtype(values.dtype) and not isinstance(values.dtype, pd.CategoricalDtype)


def as_categories(table: pd.DataFrame, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """``table`` with its text columns (but ``keep``) as categoricals with sorted categories."""
    for c in table.columns:
        if c not in keep and is_text(table[c]):
            table[c] = categorical(table[c])
    return table


def categorical(values: pd.Series) -> pd.Series:
    """A text column as a categorical with sorted categories (a categorical is left as it is)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values
    codes, uniques = pd.factorize(values, sort=True)
    return pd.Series(pd.Categorical.from_codes(codes, categories=uniques), index=values.index, name=values.name)


def from_codes(codes: np.ndarray, values: list[str], index: pd.Index | None = None) -> pd.Series:
    """The column ``values[codes]`` as a categorical; ``values`` may repeat a string."""
    own, uniques = pd.factorize(pd.Series(values, dtype=object), sort=True)
    return pd.Series(pd.Categorical.from_codes(own[codes], categories=uniques), index=index)


def blank(values: pd.Series, where: pd.Series) -> pd.Series:
    """``values`` with the empty text ``where`` is true, as a categorical."""
    values = categorical(values)
    if "" not in values.cat.categories:
        values = values.cat.set_categories(values.cat.categories.append(pd.Index([""])).sort_values())
    return values.mask(where, "")


def stacked(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """``first`` above ``second``, a new index; a column categorical in both stays categorical
    (pandas would make it text where their categories differ)."""
    for c in first.columns.intersection(second.columns):
        a, b = first[c], second[c]
        if isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype):
            both = a.cat.categories.union(b.cat.categories)
            first = first.assign(**{c: a.cat.set_categories(both)})
            second = second.assign(**{c: b.cat.set_categories(both)})
    return pd.concat([first, second], ignore_index=True)


def as_text(values: pd.Series) -> pd.Series:
    """A column as plain text (a categorical's values: the same string objects, no copies)."""
    return values.astype(str) if isinstance(values.dtype, pd.CategoricalDtype) else values


def codes(values: pd.Series) -> tuple[np.ndarray, list]:
    """Codes per row and the distinct values (a categorical brings its own; other columns are
    factorised in order of appearance)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories.tolist()
    found, uniques = pd.factorize(values, sort=False)
    return found, uniques.tolist()  # tolist: iterating a pandas array is slow


def combined(columns: list[pd.Series], make: Callable[..., list[str]], *, categories: bool = True) -> pd.Series:
    """Per row, ``make``'s text for the row's values of ``columns``, as a categorical (or, with
    ``categories=False``, plain text, for values that differ on most rows). ``make`` is called
    once, with a list per column of each distinct combination's values, and gives a text per
    combination: each is made once. Columns share the first one's index and hold no missing
    values (the events table has none)."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    coded = []
    for c in columns:
        found, uniques = codes(c)
        key, _ = pd.factorize(key * max(len(uniques), 1) + found)  # renumbered: stays below the rows
        coded.append((found, uniques))
    _, first = np.unique(key, return_index=True)  # a row of each combination, by its number
    values = make(*([uniques[i] for i in found[first].tolist()] for found, uniques in coded))
    if not categories:
        return pd.Series(pd.array(values, dtype="str").take(key), index=columns[0].index)
    return from_codes(key, values, columns[0].index)


def joined(*parts: pd.Series | str, sep: str = "", categories: bool = True) -> pd.Series:
    """The row-wise concatenation of text columns (or numbers) and constants: :func:`combined`."""

    def make(*values: list) -> list[str]:
        picked = iter(values)
        per_part = [map(str, next(picked)) if isinstance(p, pd.Series) else repeat(p) for p in parts]
        return list(map(sep.join, zip(*per_part, strict=False)))  # a constant repeats as long as the columns

    return combined([p for p in parts if isinstance(p, pd.Series)], make, categories=categories)
