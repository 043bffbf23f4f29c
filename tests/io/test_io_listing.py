"""Listings (feeds.json, the folder manifest): an item per line, each exactly as ``json.dumps``
writes it alone, whatever the text holds (the fast path encodes all items in one call)."""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from cycle.io import PrivateFolder, json_listing

hostile = st.text(alphabet=st.sampled_from(list('ab,: {}[]"\\\x00\x01\n\t–😀')), max_size=12)
scalar = st.one_of(hostile, st.integers(-5, 10**6), st.booleans(), st.none())
flat = st.dictionaries(hostile, scalar, max_size=4)
nested = st.dictionaries(hostile, st.lists(flat, max_size=2), min_size=1, max_size=2)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(hostile, max_size=6), st.lists(flat, max_size=6), st.lists(nested, max_size=3)))
def test_each_item_is_its_own_line_as_json_writes_it(items):
    text = json_listing({"model": "m", "feeds": items}, "feeds")
    assert json.loads(text) == {"model": "m", "feeds": items}
    if items:
        lines = text.split("\n")
        assert lines[:3] == ["{", '  "model": "m",', '  "feeds": [']
        assert lines[-2:] == ["  ]", "}"]
        expected = [json.dumps(i, ensure_ascii=False) for i in items]
        assert lines[3:-2] == [f"    {e}," for e in expected[:-1]] + [f"    {expected[-1]}"]


def test_a_listing_with_a_nul_and_braces_in_a_name():
    """The separator the fast path uses, and the braces it looks for, inside a unit's name."""
    items = [{"unit": "a}\x00{b", "events": 2}, {"unit": "}, {", "events": 3}]
    assert json_listing({"feeds": items}, "feeds", indent=1) == (
        '{\n "feeds": [\n  {"unit": "a}\\u0000{b", "events": 2},\n  {"unit": "}, {", "events": 3}\n ]\n}'
    )


def test_pieces_with_their_size_are_written_whole(tmp_path):
    """A file of more pieces than one writev takes, and one given its size."""
    many = [bytes([65 + i % 26]) * (i % 7) for i in range(2500)]
    few = [b"BEGIN", b":", b"X\r\n"]
    with PrivateFolder(tmp_path) as out:
        out.write("many", many)
        out.write("few", few, size=9)
    assert (tmp_path / "many").read_bytes() == b"".join(many)
    assert (tmp_path / "few").read_bytes() == b"BEGIN:X\r\n"
    assert sorted(os.listdir(tmp_path)) == ["few", "many"]
