"""The export's state kept beside the calendar (cycle.views.ical.state): an update read from the
sidecar writes the very bytes of an update that parses the earlier calendar, and a sidecar that
is missing, stale, damaged or foreign is ignored (the calendar is parsed) and written anew."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from cycle.views.ical import state
from cycle.views.ical import write as write_module
from tests.conftest import CALENDARS

E1, E2, E3 = 1795000000, 1796000000, 1797000000  # 2026-11-18, 2026-11-30, 2026-12-11 (UTC)
#: The calendars of a split whose state a sidecar keeps: all.ics (folded) and the unit feeds' events.
SPLIT_CALENDARS = ("all.ics", write_module.STATE_FILE)


def utc(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y%m%dT%H%M%SZ")


@pytest.fixture
def units(tmp_path) -> tuple[Path, Path]:
    """Lemvig's example units, and the same a month later: one unit renamed (with a comma, to
    be escaped), one closed, one opened."""
    before = tmp_path / "units-1.csv"
    shutil.copy(CALENDARS / "lemvig-units.csv", before)
    text = before.read_text(encoding="utf-8")
    assert "Lemvig Skole," in text and "\nthyboroen-skole," in text
    after = tmp_path / "units-2.csv"
    lines = [ln for ln in text.splitlines() if not ln.startswith("thyboroen-skole,")]
    lines = [ln.replace("Lemvig Skole,", '"Lemvig Skole, afd. Nord",', 1) for ln in lines]
    lines.append("ny-enhed,Ny Enhed,Børn og skole,Leder Ny,Direktør for Børn og Kultur")
    after.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return before, after


def counted(monkeypatch, owner: object, name: str) -> list[Path]:
    """The paths ``owner.name`` is called with from now on (each call passed through)."""
    calls: list[Path] = []
    real = getattr(owner, name)

    def counting(path: Path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """The calendars an export parsed (instead of reading their state from a sidecar)."""
    return counted(monkeypatch, write_module, "previous_state")


@pytest.fixture
def hashes(monkeypatch) -> list[Path]:
    """The earlier calendars an export read whole to check its sidecar (not trusted by its mark)."""
    return counted(monkeypatch, state, "_sha256")


def split(run, monkeypatch, units: Path, out: Path, epoch: int) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    r = run("ical", "--units", units, "--split", "unit", "--warn", "14d", "-o", out)
    assert r.code == 0, r.err


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(path: Path) -> dict[str, tuple[int, str]]:
    """UID → (SEQUENCE, LAST-MODIFIED) as a subscriber reads them."""
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): (int(e["SEQUENCE"]), e["LAST-MODIFIED"].to_ical().decode()) for e in cal.walk("VEVENT")}


@pytest.mark.slow
def test_update_from_the_sidecar_gives_the_bytes_of_an_update_that_parses(
    run, tmp_path, monkeypatch, units, parses, hashes
):
    kept, parsed = tmp_path / "kept", tmp_path / "parsed"
    split(run, monkeypatch, units[0], kept, E1)
    assert all(state.sidecar(kept / c).is_file() for c in SPLIT_CALENDARS)
    assert parses == []  # a first export has nothing to read
    shutil.copytree(kept, parsed)
    for c in SPLIT_CALENDARS:
        state.sidecar(parsed / c).unlink()

    split(run, monkeypatch, units[1], kept, E2)
    assert parses == []  # read from the sidecars: no calendar parsed
    assert hashes == []  # nor read whole: each is as cycle wrote and marked it
    split(run, monkeypatch, units[1], parsed, E2)
    assert parses == [parsed / c for c in SPLIT_CALENDARS]
    assert files(kept) == files(parsed)  # every feed, the index, the manifest, the new sidecar

    # By hand: the renamed unit's events are seen anew (LOCATION), the new unit's are new,
    # everything else is as a subscriber saw it on 18 November.
    # (Per-unit events as the unit feeds hold them: all.ics folds per-unit deadlines.)
    seen = stamps(kept / write_module.STATE_FILE)
    renamed = {u for u in seen if ".lemvig-skole" in u}
    new = {u for u in seen if ".ny-enhed" in u}
    assert renamed and new and not any(".thyboroen-skole" in u for u in seen)
    assert {seen[u] for u in renamed} == {(1, utc(E2))}
    assert {seen[u] for u in new} == {(0, utc(E2))}
    assert {seen[u] for u in set(seen) - renamed - new} == {(0, utc(E1))}
    assert b"LOCATION:Lemvig Skole\\, afd. Nord\r\n" in (kept / write_module.STATE_FILE).read_bytes()


@pytest.mark.slow
def test_a_stale_sidecar_is_ignored(run, tmp_path, monkeypatch, units, parses):
    """The state of an earlier export beside a later calendar (a calendar restored, a run killed
    between the two files) describes other bytes: the calendar is parsed."""
    out = tmp_path / "feeds"
    split(run, monkeypatch, units[0], out, E1)
    first = {c: state.sidecar(out / c).read_bytes() for c in SPLIT_CALENDARS}
    split(run, monkeypatch, units[1], out, E2)
    second = {c: stamps(out / c) for c in SPLIT_CALENDARS}
    for c in SPLIT_CALENDARS:
        state.sidecar(out / c).write_bytes(first[c])
    split(run, monkeypatch, units[1], out, E3)
    assert parses == [out / c for c in SPLIT_CALENDARS]
    # Nothing changed since 30 November: every event keeps that export's stamps. Had the stale
    # state been trusted, the renamed and the new unit's events would say 11 December.
    renamed = {u for u in second[write_module.STATE_FILE] if ".lemvig-skole" in u}
    assert {second[write_module.STATE_FILE][u] for u in renamed} == {(1, utc(E2))}
    for c in SPLIT_CALENDARS:
        assert stamps(out / c) == second[c]
        assert state.load(out / c) is not None  # written anew, for the next export


@pytest.mark.slow
@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p, other: p.unlink(), id="missing"),
        pytest.param(lambda p, other: p.write_bytes(p.read_bytes()[:5000]), id="truncated"),
        pytest.param(
            lambda p, other: p.write_bytes(p.read_bytes().replace(b'"version": 2', b'"version": 9')), id="newer"
        ),
        pytest.param(lambda p, other: p.write_bytes(b"BEGIN:VCALENDAR\r\nmy notes\r\n"), id="not-a-sidecar"),
        pytest.param(lambda p, other: shutil.copy(other, p), id="of-another-calendar"),
    ],
)
def test_a_missing_damaged_or_foreign_sidecar_falls_back_to_the_calendar(
    run, tmp_path, monkeypatch, units, parses, spoil
):
    out, reference, other = tmp_path / "feeds", tmp_path / "reference", tmp_path / "other"
    split(run, monkeypatch, units[0], out, E1)
    split(run, monkeypatch, units[1], other, E1)  # another export's state
    shutil.copytree(out, reference)
    for c in SPLIT_CALENDARS:
        state.sidecar(reference / c).unlink()
        spoil(state.sidecar(out / c), state.sidecar(other / c))
    split(run, monkeypatch, units[1], out, E2)
    split(run, monkeypatch, units[1], reference, E2)
    assert parses == [out / c for c in SPLIT_CALENDARS] + [reference / c for c in SPLIT_CALENDARS]
    assert files(out) == files(reference)


def test_single_file_keeps_its_state_beside_the_file_a_link_points_to(run, tmp_path, monkeypatch, parses):
    www = tmp_path / "www"
    www.mkdir()
    link = tmp_path / "frister.ics"
    link.symlink_to(www / "frister.ics")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E1))
    assert run("ical", "--warn", "14d", "-o", link).code == 0
    assert sorted(p.name for p in www.iterdir()) == [".frister.ics.cycle-state", "frister.ics"]
    assert link.is_symlink() and state.load(www / "frister.ics") is not None
    once = (www / "frister.ics").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E2))
    assert run("ical", "--warn", "14d", "-o", link).code == 0
    assert parses == []
    # Nothing changed: every event keeps the first export's SEQUENCE and LAST-MODIFIED.
    assert set(stamps(www / "frister.ics").values()) == {(0, utc(E1))}
    assert (www / "frister.ics").read_bytes() == once.replace(
        f"DTSTAMP:{utc(E1)}".encode(), f"DTSTAMP:{utc(E2)}".encode()
    )


def test_a_file_cycle_did_not_write_is_not_replaced_by_a_sidecar(run, tmp_path, monkeypatch, parses):
    out = tmp_path / "d.ics"
    notes = tmp_path / ".d.ics.cycle-state"
    notes.write_text("my own notes\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E1))
    assert run("ical", "-o", out).code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E2))
    assert run("ical", "-o", out).code == 0
    assert parses == [out]  # its state could not be kept, so it was read from the calendar
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    assert set(stamps(out).values()) == {(0, utc(E1))}


@pytest.mark.slow
def test_publish_updates_from_its_sidecars_as_if_it_parsed(run, tmp_path, monkeypatch, units, parses):
    kept, parsed = tmp_path / "kept", tmp_path / "parsed"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E1))
    assert run("publish", "--units", units[0], "-o", kept).code == 0
    calendars = [*(f"feeds/{c}" for c in SPLIT_CALENDARS), "frister.ics"]
    assert all(state.sidecar(kept / c).is_file() for c in calendars)
    shutil.copytree(kept, parsed, symlinks=True)
    for c in calendars:
        state.sidecar(parsed / c).unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(E2))
    assert run("publish", "--units", units[1], "-o", kept).code == 0
    assert parses == []
    assert run("publish", "--units", units[1], "-o", parsed).code == 0
    assert sorted(parses) == sorted(parsed / c for c in calendars)
    assert files(kept) == files(parsed)


def test_an_update_finds_each_events_earlier_state_in_any_order():
    # One deadline's summary changes: its SEQUENCE goes 0 → 1 and its LAST-MODIFIED to the new
    # time; every other event keeps 0 and the old time, whether the earlier export listed the
    # events in the same order (no lookup needed) or in another (looked up by UID).
    from cycle.plan import build_plan
    from cycle.views.ical.rows import feed_rows
    from cycle.views.ical.sequence import stamp

    events = build_plan("lemvig", 2026).events
    rows = feed_rows(events[events["kind"] == "deadline"])
    first = stamp(rows, None, datetime(2026, 1, 1, tzinfo=UTC))
    earlier = first.set_index("uid")[["sequence", "modified", "content"]]
    summary = rows["summary"].astype(str)
    changed = rows.assign(summary=summary.where(rows.index != 3, "Ny frist"))
    for previous in (earlier, earlier.iloc[::-1]):
        got = stamp(changed, previous, datetime(2026, 2, 1, tzinfo=UTC))
        assert got["sequence"].tolist() == [1 if i == 3 else 0 for i in range(len(rows))]
        assert got["modified"].astype(str).tolist() == [
            "20260201T000000Z" if i == 3 else "20260101T000000Z" for i in range(len(rows))
        ]
        assert list(got["modified"].cat.categories) == ["20260101T000000Z", "20260201T000000Z"]


def test_a_sidecar_of_the_same_uids_is_read_without_making_them_again(tmp_path):
    # An update of the same events (the monthly case): the kept state is indexed by this
    # export's own UID strings, and the sidecar's UIDs are only compared; in another order, or
    # with one UID more, they are read as before. The numbers are the kept ones either way.
    from cycle.plan import build_plan
    from cycle.views.ical.rows import feed_rows
    from cycle.views.ical.sequence import stamp

    events = build_plan("lemvig", 2026).events
    rows = stamp(feed_rows(events[events["kind"] == "deadline"]), None, datetime(2026, 1, 1, tzinfo=UTC))
    rows["sequence"] = range(len(rows))
    calendar = tmp_path / "f.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    digest = state.Digest()
    list(digest.of(calendar.read_bytes()))
    state.save(calendar, rows, digest, lambda path, chunks: path.write_bytes(b"".join(chunks)))
    uids = rows["uid"].copy()
    same = state.load(calendar, uids=uids)
    assert all(a is b for a, b in zip(same.index, uids, strict=True))
    assert same["sequence"].tolist() == list(range(len(rows)))
    for other in (uids.iloc[::-1], uids.iloc[:-1]):
        kept = state.load(calendar, uids=other)
        assert kept.index.tolist() == uids.tolist() and kept.index[0] is not uids.iloc[0]
        assert kept["sequence"].tolist() == list(range(len(rows)))


def test_the_earlier_calendar_is_hashed_whole_across_reads(tmp_path):
    # The check reads the earlier calendar in parts (16 MiB): a change past the first part,
    # keeping the length, must still change the digest the sidecar is compared with.
    data = bytearray(range(256)) * ((state._HASH_CHUNK + 5000) // 256)
    calendar = tmp_path / "big.ics"
    calendar.write_bytes(data)
    assert state.digest_later(calendar)() == hashlib.sha256(data).hexdigest()
    data[state._HASH_CHUNK + 7] ^= 1
    calendar.write_bytes(data)
    assert state.digest_later(calendar)() == hashlib.sha256(data).hexdigest()
    calendar.write_bytes(b"")
    assert state.digest_later(calendar)() == hashlib.sha256(b"").hexdigest()
    assert state.digest_later(tmp_path / "missing.ics")() is None


def test_a_calendar_as_cycle_wrote_it_is_known_by_its_mark_and_any_other_is_hashed(tmp_path, hashes):
    # The sidecar is trusted without reading the calendar while its mtime's nanoseconds are the
    # mark of the SHA-256 it names (its first 15 hex digits as a number, modulo 10⁹). Written
    # again, even with the same bytes, the mark is gone: the calendar is hashed, and trusted only
    # if its bytes are the same.
    from cycle.plan import build_plan
    from cycle.views.ical.rows import feed_rows
    from cycle.views.ical.sequence import stamp

    events = build_plan("lemvig", 2026).events
    rows = stamp(feed_rows(events[events["kind"] == "deadline"]), None, datetime(2026, 1, 1, tzinfo=UTC))
    calendar = tmp_path / "f.ics"
    data = b"BEGIN:VCALENDAR\r\nX-NOTE:one\r\nEND:VCALENDAR\r\n"
    calendar.write_bytes(data)
    written = calendar.stat().st_mtime_ns
    digest = state.Digest()
    list(digest.of(data))
    state.save(calendar, rows, digest, lambda path, chunks: path.write_bytes(b"".join(chunks)))
    marked = calendar.stat().st_mtime_ns
    assert marked % 10**9 == int(hashlib.sha256(data).hexdigest()[:15], 16) % 10**9
    assert marked // 10**9 == written // 10**9  # the second it was written is kept
    assert state.check_later(calendar) is None and state.load(calendar) is not None
    assert hashes == []

    calendar.write_bytes(data)  # the same bytes, written again: no mark
    assert state.check_later(calendar)() == hashlib.sha256(data).hexdigest()
    assert state.load(calendar) is not None and hashes == [calendar, calendar]

    calendar.write_bytes(data.replace(b"one", b"two"))  # other bytes of the same length
    assert state.check_later(calendar)() == hashlib.sha256(data.replace(b"one", b"two")).hexdigest()
    assert state.load(calendar) is None and hashes == [calendar] * 4
