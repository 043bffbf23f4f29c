"""The bulk iCalendar path is proven equal to the icalendar-object path: on samples of the
national benchmark's synthetic Denmark, on hostile text, and parsed back by ical.js."""

from __future__ import annotations

import importlib.util
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from cycle import build_plan, load_model
from cycle.views import ical as iv
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("national", ROOT / "benchmarks" / "national.py")
national = importlib.util.module_from_spec(spec)
spec.loader.exec_module(national)


pytestmark = pytest.mark.usefixtures("pinned_time")


@pytest.fixture(scope="module")
def synthetic_rows():
    base = load_model("lemvig")
    rng = np.random.default_rng(7)
    frames = []
    for n in (1, 2):
        model = replace(base, id=f"k{n:03d}", name=f"Kommune {n:03d}")
        plan = build_plan(model, 2026, national.synthetic_units(rng, model.id, 40))
        frames.append(iv.feed_rows(plan.events, "da", 14))  # every kind, warnings too
    rows = iv.finish_rows(pd.concat(frames, ignore_index=True))
    return iv.stamp(rows, None, iv.now_utc())


def events_of(raw: bytes) -> list[tuple]:
    cal = Calendar.from_ical(raw)
    return [
        (
            str(e["UID"]),
            e.decoded("DTSTART"),
            e.decoded("DTEND"),
            str(e["SUMMARY"]),
            str(e["DESCRIPTION"]),
            str(e.get("LOCATION", "")),
            int(e["SEQUENCE"]),
            len(e.walk("VALARM")),
        )
        for e in cal.walk("VEVENT")
    ]


@pytest.mark.slow
@pytest.mark.parametrize("feed", [True, False])
def test_synthetic_sample_bulk_equals_objects(synthetic_rows, feed):
    header = iv.Header(feed, "Kommune 001: frister", "Beskrivelse", 14)
    fast = iv.render(synthetic_rows, header)
    reference = iv.to_calendar(synthetic_rows, header).to_ical()
    assert fast == reference
    assert events_of(fast) == events_of(reference)
    assert len(events_of(fast)) == len(synthetic_rows)


@pytest.mark.node
@pytest.mark.slow
def test_synthetic_sample_parses_the_same_in_ical_js(synthetic_rows, tmp_path, ical_js):
    header = iv.Header(True, "Kommune", "Beskrivelse", 14)
    sample = synthetic_rows.sample(600, random_state=3).sort_index()
    fast, ref = tmp_path / "fast.ics", tmp_path / "ref.ics"
    fast.write_bytes(iv.render(sample, header))
    ref.write_bytes(iv.to_calendar(sample, header).to_ical())
    parsed = ical_js(fast, ref)
    assert parsed[str(fast)] == parsed[str(ref)]
    assert len(parsed[str(fast)]["events"]) == 600


def test_split_feeds_hold_the_reference_events(tmp_path):
    """Each per-unit file of the bulk writer equals the icalendar objects for the same rows."""
    rng = np.random.default_rng(3)
    plan = build_plan(replace(load_model("lemvig"), id="k009"), 2026, national.synthetic_units(rng, "k009", 5))
    opts = iv.Options(feed=True, warn_days=14)
    iv.export_split(plan, tmp_path / "feeds", opts)
    rows = iv.stamp(iv.feed_rows(iv.select(plan, opts), "da", 14), None, iv.now_utc())
    shared = rows["document"].isin(iv.concerning(plan)) & (rows["unit"] == "")
    for unit, name in zip(plan.units["id"], plan.units["name"], strict=True):
        mine = rows[shared | (rows["unit"] == unit)]
        title, desc = iv.calendar_name(plan, "da", name)
        reference = iv.to_calendar(mine, iv.Header(True, title, desc, 14, "da")).to_ical()
        assert (tmp_path / "feeds" / iv.safe_name(unit)).read_bytes() == reference


text = st.text(alphabet=st.sampled_from(list("abcæøåÆØÅ ;,:\\\n\"'<>&–€😀")), min_size=0, max_size=160)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(text, text, text, st.integers(0, 3)), min_size=1, max_size=8))
def test_hostile_text_bulk_equals_objects(values):
    n = len(values)
    rows = pd.DataFrame(
        {
            "uid": [f"x{i}.{'u' * (60 + i)}@cycle" for i in range(n)],
            "start": pd.to_datetime(["2027-01-04"] * n),
            "end": pd.to_datetime(["2027-01-05"] * n),
            "summary": [v[0] or "s" for v in values],
            "description": [v[1] for v in values],
            "categories": [f"Politisk\x1f{v[2] or 'x'}" for v in values],
            "url": [""] * n,
            "location": [v[2] for v in values],
            "contact": [v[0][:20] for v in values],
            "alarm": [v[3] == 1 for v in values],
            "unit": [""] * n,
            "document": ["d"] * n,
        }
    )
    rows = iv.stamp(iv.finish_rows(rows), None, iv.now_utc())
    rows["sequence"] = [v[3] for v in values]
    header = iv.Header(False, warn_days=7)
    fast = iv.render(rows, header)
    assert fast == iv.to_calendar(rows, header).to_ical()
    for line in fast.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")


name_text = st.text(alphabet=st.sampled_from(list("abcæøåÆØÅ ;,:\\\"'<>&–€😀")), min_size=0, max_size=120)


@settings(max_examples=80, deadline=None)
@given(st.lists(name_text, min_size=1, max_size=6))
def test_feed_names_bulk_equals_objects(names):
    """Each feed's NAME and X-WR-CALNAME, rendered once per distinct name beside a header
    rendered once, equal icalendar's whole calendar for that name (escaping, folding)."""
    from cycle.views.ical.bulk import calendar_chunks

    for name in [*names, *names]:  # the second time from the cache
        header = iv.Header(True, name, "Beskrivelse", 14)
        assert b"".join(calendar_chunks(header, [])) == iv.header_calendar(header).to_ical()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.text(alphabet=st.sampled_from(list("ab.%-9æ😀")), max_size=12)),
        unique_by=lambda r: r[1],
        max_size=30,
    ),
    st.booleans(),
)
def test_rows_are_ordered_as_pandas_orders_them(rows, long):
    """Feed rows by start, then UID: the byte-wise shortcut gives pandas' order, for ASCII UIDs
    (cycle's) and for any other (non-ASCII, very long)."""
    from cycle.views.ical.rows import _by_start_and_uid

    frame = pd.DataFrame(
        {
            "start": pd.to_datetime([f"2027-01-0{1 + d}" for d, _ in rows], format="%Y-%m-%d"),
            "uid": [u + ("x" * 300 if long else "") for _, u in rows],
        }
    )
    expected = frame.sort_values(["start", "uid"], kind="stable").index.to_numpy()
    assert _by_start_and_uid(frame).tolist() == expected.tolist()


def test_the_fold_limit_is_icalendars():
    """icalendar writes a content line of 74 octets as it is and folds one of 75 (RFC 5545:
    "SHOULD NOT be longer than 75 octets, excluding the line break"); the bulk path's shortcut
    for lines that need no folding relies on exactly that limit."""
    from icalendar import Parameters, vText
    from icalendar.parser import Contentline

    def line(n: int) -> bytes:
        return Contentline.from_parts("UID", Parameters(), vText("u" * (n - len("UID:")))).to_ical()

    assert iv.UNFOLDED_OCTETS == 74
    assert line(74) == b"UID:" + b"u" * 70
    assert line(75) == b"UID:" + b"u" * 70 + b"\r\n u"


@pytest.mark.parametrize("octets", [73, 74, 75, 76])
@pytest.mark.parametrize("tail", ["", "ø"])  # a two-octet character across the limit
def test_lines_at_the_fold_limit_equal_objects(octets, tail):
    """A UID, a summary and a location of exactly ``octets`` octets on their line."""
    fill = lambda name, n: "x" * (n - len(name) - 1 - len(tail.encode())) + tail  # noqa: E731
    rows = pd.DataFrame(
        {
            "uid": [fill("UID", octets)],
            "start": pd.to_datetime(["2027-01-04"]),
            "end": pd.to_datetime(["2027-01-05"]),
            "summary": [fill("SUMMARY", octets)],
            "description": ["d"],
            "categories": ["Politisk\x1fx"],
            "url": [""],
            "location": [fill("LOCATION", octets)],
            "contact": [""],
            "alarm": [False],
            "unit": [""],
            "document": ["d"],
        }
    )
    rows = iv.stamp(iv.finish_rows(rows), None, iv.now_utc())
    fast = iv.render(rows, iv.Header(False))
    assert fast == iv.to_calendar(rows, iv.Header(False)).to_ical()
    folded = octets > iv.UNFOLDED_OCTETS
    assert (f"\r\nUID:{rows['uid'][0]}\r\n".encode() in fast) is not folded
