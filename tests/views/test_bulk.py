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


@pytest.mark.parametrize("parts", [False, True])  # the UID whole, or as its rule's and unit's parts
@pytest.mark.parametrize("octets", [73, 74, 75, 76])
@pytest.mark.parametrize("tail", ["", "ø"])  # a two-octet character across the limit
def test_lines_at_the_fold_limit_equal_objects(octets, tail, parts):
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
    if parts:
        rows["uid_rule"] = pd.Categorical(rows["uid"].str[:12])
        rows["uid_unit"] = pd.Categorical(rows["uid"].str[12:])
    rows = iv.stamp(iv.finish_rows(rows), None, iv.now_utc())
    fast = iv.render(rows, iv.Header(False))
    assert fast == iv.to_calendar(rows, iv.Header(False)).to_ical()
    folded = octets > iv.UNFOLDED_OCTETS
    assert (f"\r\nUID:{rows['uid'][0]}\r\n".encode() in fast) is not folded


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["k.2026.budget.f2026-1", "k.2026.plan.g2026-10"]), text), min_size=1))
def test_uid_parts_bulk_equals_objects(uids):
    """UIDs rendered from their rule's and unit's parts (shared pieces), whatever a unit's id
    holds: escaped, folded or plain, the bytes of the UIDs rendered whole."""
    n = len(uids)
    rows = pd.DataFrame(
        {
            "uid": [rule + unit + "@cycle" for rule, unit in uids],
            "uid_rule": pd.Categorical([rule for rule, _ in uids]),
            "uid_unit": pd.Categorical([unit + "@cycle" for _, unit in uids]),
            "start": pd.to_datetime(["2027-01-04"] * n),
            "end": pd.to_datetime(["2027-01-05"] * n),
            "summary": ["s"] * n,
            "description": ["d"] * n,
            "categories": ["Politisk\x1fx"] * n,
            "url": [""] * n,
            "location": [unit for _, unit in uids],
            "contact": [""] * n,
            "alarm": [False] * n,
            "unit": [unit for _, unit in uids],
            "document": ["d"] * n,
        }
    )
    rows = iv.stamp(iv.finish_rows(rows), None, iv.now_utc())
    fast = iv.render(rows, iv.Header(True))
    assert fast == iv.to_calendar(rows, iv.Header(True)).to_ical()
    assert [str(e["UID"]) for e in Calendar.from_ical(fast).walk("VEVENT")] == rows["uid"].tolist()


def test_feed_rows_carry_their_uids_in_two_parts():
    """Every row of a split's feeds (per-unit, municipality-wide, warnings, and all.ics's folded
    ones) has the UID its rule's part and unit's part make."""
    plan = build_plan("lemvig", 2026, national.synthetic_units(np.random.default_rng(5), "lemvig", 30))
    from cycle.views.ical.fold import fold_units

    for events in (plan.events, fold_units(plan.events, "da")):
        rows = iv.feed_rows(events, "da", 14)
        whole = rows["uid_rule"].astype(str) + rows["uid_unit"].astype(str)
        assert (whole == rows["uid"].astype(str)).all()
        assert rows["uid"].str.contains(".w14@cycle", regex=False).any()
        assert rows["uid_unit"].nunique() <= 2 * (30 + 1)  # a unit's, or none; a warning's or not
    per_unit = iv.feed_rows(plan.events[plan.events["unit"] != ""], "da", 14)
    counts = per_unit["uid_rule"].value_counts()
    assert (counts % 30 == 0).all() and len(counts) == 28  # each rule's part shared by the 30 units


def test_each_unit_feed_lists_its_own_and_the_shared_rows_in_row_order():
    """Where each feed's events are (:func:`_feed_positions`), against the plain way: for each
    unit, its own rows and the rows every unit's feed shares, sorted."""
    from cycle.views.ical.write import _feed_positions

    plan = build_plan("lemvig", 2026, national.synthetic_units(np.random.default_rng(9), "lemvig", 7))
    rows = iv.feed_rows(iv.select(plan, iv.Options(feed=True, warn_days=14)), "da", 14)
    units = plan.units["id"].tolist()[1:]  # one unit without a feed: its rows are in none
    sizes = np.arange(len(rows), dtype=np.int64) * 3 + 1
    bounds, positions, totals = _feed_positions(plan, rows, units, sizes)
    shared = set(np.flatnonzero((rows["unit"] == "") & rows["document"].isin(iv.concerning(plan))))
    for k, unit in enumerate(units):
        expected = sorted(shared | set(np.flatnonzero(rows["unit"] == unit)))
        assert positions[bounds[k] : bounds[k + 1]].tolist() == expected
        assert totals[k] == sum(int(sizes[i]) for i in expected)
    assert bounds[-1] == len(positions) == len(units) * len(shared) + (rows["unit"].isin(units)).sum()
