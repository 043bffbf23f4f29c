"""Single-file outputs: the target is resolved (a symbolic link keeps pointing where it did and
its target is replaced), special files and folders are refused, and every failure is one line,
exit code 2, with the old output untouched and no temporary file left behind."""

from __future__ import annotations

import fcntl
import os
import socket
import stat
from pathlib import Path

import pytest

from cycle.errors import CycleError
from cycle.io import OutputError, temp_prefix, write_atomic


def entries(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def one_line(r, *needles: str) -> str:
    assert r.code == 2, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- symbolic links


def test_symlink_keeps_the_link_and_replaces_its_target(tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "frister.ics").write_text("old")
    link = tmp_path / "frister.ics"
    link.symlink_to("www/frister.ics")
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == "www/frister.ics"
    assert (www / "frister.ics").read_text() == "new"
    assert entries(www) == ["frister.ics"] and entries(tmp_path) == ["frister.ics", "www"]


def test_chain_of_links_and_dangling_link(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "b").symlink_to("real/f.txt")  # dangling: the file is created where it points
    (tmp_path / "a").symlink_to("b")
    write_atomic(tmp_path / "a", b"one")
    assert (tmp_path / "real" / "f.txt").read_bytes() == b"one"
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
    write_atomic(tmp_path / "a", b"two")
    assert (tmp_path / "real" / "f.txt").read_bytes() == b"two"


def test_symlink_loop_is_one_line(tmp_path):
    (tmp_path / "x").symlink_to("y")
    (tmp_path / "y").symlink_to("x")
    with pytest.raises(CycleError, match="loop"):
        write_atomic(tmp_path / "x", "data")
    assert (tmp_path / "x").is_symlink() and (tmp_path / "y").is_symlink()


def test_cli_output_through_a_link(run, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    link = tmp_path / "frister.ics"
    link.symlink_to(www / "frister.ics")
    assert run("ical", "-o", link).code == 0
    assert link.is_symlink() and (www / "frister.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    before = (www / "frister.ics").read_bytes()
    assert run("ical", "-o", link).code == 0  # again: the same events, the same file
    assert (www / "frister.ics").read_bytes() == before and link.is_symlink()


# --------------------------------------------------------------------------- what is refused


def test_special_files_are_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        for target in (fifo, tmp_path / "sock", Path("/dev/null")):
            with pytest.raises(OutputError, match="special file") as e:
                write_atomic(target, "x")
            assert e.value.message("en").startswith(str(target))
        assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISSOCK((tmp_path / "sock").stat().st_mode)
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    finally:
        sock.close()
    assert entries(tmp_path) == ["pipe", "sock"]


def test_link_to_a_device_is_refused(tmp_path):
    (tmp_path / "out.ics").symlink_to("/dev/null")
    with pytest.raises(OutputError, match="special file"):
        write_atomic(tmp_path / "out.ics", "x")
    assert os.readlink(tmp_path / "out.ics") == "/dev/null"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("ical", "--force", "-o", "{d}/folder"), "is a folder"),
        (("ical", "-o", "{d}/file.txt/x.ics"), "a part of the path is a file"),
        (("timeline", "--format", "csv", "-o", "{d}/file.txt/deeper/x.csv"), "a part of the path is a file"),
        (("ical", "--force", "-o", "{d}/pipe"), "special file"),
        (("timeline", "--format", "csv", "-o", "{d}/" + "n" * 252 + ".csv"), "name is too long"),
    ],
)
def test_cli_refuses_with_one_line_and_touches_nothing(run, tmp_path, args, needle):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "keep.txt").write_text("keep")
    (tmp_path / "file.txt").write_text("text")
    os.mkfifo(tmp_path / "pipe")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    r = run(*[a.format(d=tmp_path) for a in args], "--lang", "en")
    one_line(r, needle)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before and entries(tmp_path) == ["file.txt", "folder", "pipe"]


def test_long_names(tmp_path):
    name = "æ" * 127  # 254 bytes in UTF-8: a legal name; the temporary file must fit too
    write_atomic(tmp_path / name, "ok")
    assert entries(tmp_path) == [name]
    name = "n" * 254
    write_atomic(tmp_path / name, "ok")
    write_atomic(tmp_path / name, "again")
    assert (tmp_path / name).read_text() == "again" and len(entries(tmp_path)) == 2
    with pytest.raises(OutputError, match="too long"):
        write_atomic(tmp_path / ("n" * 256), "x")
    assert len(entries(tmp_path)) == 2


def test_mode_of_a_replaced_file_is_kept(tmp_path):
    f = tmp_path / "private.ics"
    f.write_text("old")
    f.chmod(0o600)
    write_atomic(f, "new")
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    write_atomic(tmp_path / "fresh.ics", "x")
    assert stat.S_IMODE((tmp_path / "fresh.ics").stat().st_mode) == 0o644


# --------------------------------------------------------------------------- failing machines


def test_full_disk_leaves_the_old_file_and_no_temporary(tmpfs, run, monkeypatch):
    disk = tmpfs("1M")
    out = disk / "frister.ics"
    out.write_bytes(b"BEGIN:VCALENDAR old\r\n")
    with pytest.raises(OutputError, match="no space left") as e:
        write_atomic(out, b"x" * 3_000_000)
    assert e.value.message("en").startswith(str(out))
    assert out.read_bytes() == b"BEGIN:VCALENDAR old\r\n" and entries(disk) == ["frister.ics"]
    # the whole command: Lemvig's events table (about 1 MB of JSON) does not fit in what is left
    (disk / "filler").write_bytes(b"f" * (1024 * 1024 - 64 * 1024))
    monkeypatch.setenv("CYCLE_LANG", "en")
    r = run("events", "--format", "json", "-o", disk / "events.json")
    one_line(r, "events.json", "no space left")
    assert entries(disk) == ["filler", "frister.ics"]


@pytest.fixture
def read_only_folder(tmp_path, tmpfs):
    """A folder holding ``frister.ics`` that cannot be written: a read-only mount as root (root
    ignores file modes), a folder with mode 0555 otherwise."""
    if os.geteuid() == 0:
        folder = tmpfs("1M")
        (folder / "frister.ics").write_text("old")
        tmpfs.read_only(folder)
        yield folder
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "frister.ics").write_text("old")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_read_only_folder(read_only_folder, run):
    out = read_only_folder / "frister.ics"
    with pytest.raises(OutputError, match="read-only"):
        write_atomic(out, "new")
    one_line(run("ical", "-o", out, "--force", "--lang", "en"), "frister.ics", "read-only")
    one_line(run("ical", "-o", read_only_folder / "new.ics", "--lang", "en"), "new.ics", "read-only")
    assert out.read_text() == "old" and entries(read_only_folder) == ["frister.ics"]


# --------------------------------------------------------------------------- leftovers


def test_killed_runs_temporaries_are_swept_but_a_live_writers_is_not(tmp_path):
    out = tmp_path / "frister.ics"
    out.write_text("old")
    dead = tmp_path / f"{temp_prefix(out.name)}abcd1234.tmp"
    dead.write_text("half")
    live = tmp_path / f"{temp_prefix(out.name)}live5678.tmp"
    live.write_text("being written")
    other = tmp_path / ".notes.abcd1234.tmp"  # not ours to judge: another name's
    other.write_text("user")
    user = tmp_path / f"{temp_prefix(out.name)}x.tmp"  # not the shape of our temporary files
    user.write_text("user")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        write_atomic(out, "new")
    finally:
        os.close(fd)
    assert out.read_text() == "new"
    assert not dead.exists() and live.exists() and other.exists() and user.exists()


def test_split_export_through_a_link_to_a_folder(run, tmp_path):
    (tmp_path / "www").mkdir()
    link = tmp_path / "feeds"
    link.symlink_to("www/feeds")  # dangling until the first export makes the folder
    assert run("ical", "--split", "unit", "-o", link).code == 0
    assert run("ical", "--split", "unit", "--warn", "7d", "-o", link).code == 0
    assert link.is_symlink() and os.readlink(link) == "www/feeds"
    assert (tmp_path / "www" / "feeds" / "feeds.json").is_file()
    assert entries(tmp_path) == ["feeds", "www"] and entries(tmp_path / "www") == ["feeds"]


def test_full_disk_under_a_split_export_leaves_the_old_feeds(tmpfs, run, monkeypatch):
    """The second export of the feeds (about 470 kB) does not fit beside the first: one line,
    exit 2, the first export as it was, and nothing left beside it."""
    disk = tmpfs("1M")
    feeds = disk / "feeds"
    monkeypatch.setenv("CYCLE_LANG", "en")
    assert run("ical", "--split", "unit", "-o", feeds).code == 0
    before = {p.name: p.read_bytes() for p in feeds.iterdir()}
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"f" * (free - 100 * 1024))
    one_line(run("ical", "--split", "unit", "--warn", "7d", "-o", feeds), "feeds", "no space left")
    assert {p.name: p.read_bytes() for p in feeds.iterdir()} == before
    assert entries(disk) == ["feeds", "filler"]
