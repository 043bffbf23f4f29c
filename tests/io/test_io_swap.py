"""Folder outputs: swapped whole, so a SIGKILL at any instant leaves the old or the new folder;
one run at a time per folder; files a user added kept; leftovers of killed runs removed by the
next run; every failure one line with the old folder untouched."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cycle.outdir as outdir
from cycle.errors import CycleError
from cycle.outdir import MANIFEST, folder_lock, read_manifest, replace_folder

sys.path.insert(0, str(Path(__file__).parent))
import swap_worker

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("swap_worker.py")
FILES, SIZE = 40, 3000


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(path, files: dict[str, str], **kw) -> None:
    with replace_folder(path, **kw) as b:
        for name, text in files.items():
            (b.path / name).parent.mkdir(parents=True, exist_ok=True)
            (b.path / name).write_text(text)


def worker(target: Path, first: int, count: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(target), str(first), str(count), str(FILES), str(SIZE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def version_of(site: Path) -> int:
    """The one version every file of the folder holds; fails on a mix, a gap or a lost file."""
    expected = {("feeds/" if i % 2 else "") + f"f{i}.txt" for i in range(FILES)}
    assert read_manifest(site) == expected
    found = snapshot(site)
    assert found.pop("notes/intern.txt") == b"added by a user"  # carried through every swap
    found.pop(MANIFEST)
    assert set(found) == expected
    versions = {data[: data.index(b"\n")] for data in found.values()}
    assert len(versions) == 1, versions
    (v,) = versions
    assert all(data == v + b"\n" * 1 + (v + b"\n") * (SIZE - 1) for data in found.values())
    return int(v[1:])


# --------------------------------------------------------------------------- contents


def test_user_files_are_kept_and_the_manifest_lists_only_cycles(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": "v1", "feeds/a.ics": "a1", "feeds/gone.ics": "g"})
    (site / "README-intern.txt").write_text("mine")
    (site / "billeder").mkdir()
    (site / "billeder" / "logo.png").write_bytes(b"\x89PNG")
    (site / "feeds" / "egen.ics").write_text("my own feed")
    (site / "link").symlink_to("billeder")
    build(site, {"index.html": "v2", "feeds/a.ics": "a2"})
    assert snapshot(site) == {
        MANIFEST: snapshot(site)[MANIFEST],
        "README-intern.txt": b"mine",
        "billeder/logo.png": b"\x89PNG",
        "feeds/a.ics": b"a2",
        "feeds/egen.ics": b"my own feed",
        "index.html": b"v2",
    }
    assert os.readlink(site / "link") == "billeder"
    assert read_manifest(site) == {"index.html", "feeds/a.ics"}  # gone.ics was cycle's: removed
    assert sorted(os.listdir(tmp_path)) == ["site"]


def test_a_user_file_where_cycle_now_writes_is_refused_naming_it(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": "v1"})
    (site / "plotly.min.js").write_text("the user's own")
    before = snapshot(site)
    with pytest.raises(CycleError, match=r"plotly\.min\.js.*--force"):
        build(site, {"index.html": "v2", "plotly.min.js": "cycle's"})
    assert snapshot(site) == before and sorted(os.listdir(tmp_path)) == ["site"]
    build(site, {"index.html": "v2", "plotly.min.js": "cycle's"}, force=True)
    assert (site / "plotly.min.js").read_text() == "cycle's"


def test_a_folder_cycle_did_not_write(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work")
    with pytest.raises(CycleError, match="not written by cycle"):
        build(mine, {"index.html": "v1"})
    assert snapshot(mine) == {"thesis.tex": b"years of work"}
    build(mine, {"index.html": "v1"}, force=True)  # insisting keeps every file that was there
    assert snapshot(mine)["thesis.tex"] == b"years of work" and read_manifest(mine) == {"index.html"}
    build(tmp_path / "empty", {"a": "1"})
    (tmp_path / "empty2").mkdir()
    build(tmp_path / "empty2", {"a": "1"})  # an empty folder is fine
    assert read_manifest(tmp_path / "empty2") == {"a"}


def test_an_older_versions_folder_without_a_manifest(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / ".cycle-site.json").write_text("{}")
    (site / "index.html").write_text("old")
    (site / "gone.ics").write_text("a feed of a unit that is gone")
    (site / "extra.txt").write_text("user")

    def legacy(folder: Path) -> set[str] | None:
        return {".cycle-site.json", "index.html", "gone.ics"} if (folder / ".cycle-site.json").exists() else None

    build(site, {"index.html": "new", ".cycle-site.json": "{}"}, legacy=legacy)
    assert snapshot(site) == {
        ".cycle-site.json": b"{}",
        MANIFEST: snapshot(site)[MANIFEST],
        "extra.txt": b"user",
        "index.html": b"new",
    }


def test_symlinked_folder_keeps_the_link(tmp_path):
    (tmp_path / "www").mkdir()
    build(tmp_path / "www" / "site", {"index.html": "v1"})
    link = tmp_path / "site"
    link.symlink_to("www/site")
    build(link, {"index.html": "v2"})
    assert link.is_symlink() and os.readlink(link) == "www/site"
    assert (tmp_path / "www" / "site" / "index.html").read_text() == "v2"
    assert sorted(os.listdir(tmp_path / "www")) == ["site"]


@pytest.mark.parametrize("make", ["file", "fifo", "link-to-file", "root"])
def test_not_a_folder(tmp_path, make):
    target = tmp_path / "site"
    if make == "file":
        target.write_text("a file")
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "link-to-file":
        (tmp_path / "f").write_text("a file")
        target.symlink_to("f")
    else:
        target = Path("/")
    with pytest.raises(CycleError, match=r"not a folder|root folder"):
        build(target, {"a": "1"})
    assert "a" not in os.listdir(tmp_path)


def test_failing_build_leaves_the_old_folder(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": "v1"})
    with pytest.raises(ZeroDivisionError), replace_folder(site) as b:
        (b.path / "index.html").write_text("half")
        1 / 0  # noqa: B018
    assert snapshot(site)["index.html"] == b"v1" and sorted(os.listdir(tmp_path)) == ["site"]


# --------------------------------------------------------------------------- failing machines


def test_full_disk_leaves_the_old_folder(tmpfs):
    disk = tmpfs("1M")
    build(disk / "site", {"index.html": "v1"})
    with pytest.raises(CycleError, match="no space left") as e:
        build(disk / "site", {"index.html": "v2", "big.bin": "x" * 2_000_000})
    assert e.value.message("en").startswith(str(disk / "site"))
    assert snapshot(disk / "site")["index.html"] == b"v1" and sorted(os.listdir(disk)) == ["site"]


def test_read_only_parent(tmpfs):
    disk = tmpfs("1M")
    build(disk / "site", {"index.html": "v1"})
    tmpfs.read_only(disk)
    with pytest.raises(CycleError, match="read-only"):
        build(disk / "site", {"index.html": "v2"})
    assert snapshot(disk / "site")["index.html"] == b"v1"


# --------------------------------------------------------------------------- crashes


def prepared(tmp_path: Path) -> Path:
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    p = worker(site, 0, 1)
    assert p.wait(60) == 0, p.stderr.read()
    (site / "notes").mkdir()
    (site / "notes" / "intern.txt").write_bytes(b"added by a user")
    return site


@pytest.mark.slow
@pytest.mark.parametrize("no_exchange", ["", "1"], ids=["exchange", "two-renames"])
def test_sigkill_at_random_instants(tmp_path, no_exchange):
    site = prepared(tmp_path)
    rng = random.Random(13)
    last = 0
    for trial in range(6):
        p = worker(site, last + 1, 1000, {"SWAP_NO_EXCHANGE": no_exchange})
        assert p.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.6))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=60)
        done = [int(v) for v in out.split()]
        if not no_exchange or site.exists():
            now = version_of(site)  # old or new, never neither, never a mix
            assert now in ([last, *done] + ([done[-1] + 1] if done else [last + 1])), (trial, now, done)
            assert now >= (done[-1] if done else last)
        else:  # killed between the two renames: the next run puts the old folder back
            assert any(n.startswith(".site.old-") for n in os.listdir(site.parent))
        with replace_folder(site) as b:  # the next run
            swap_worker.write_version(b.path, 10_000 * (trial + 1), FILES, SIZE)
        last = version_of(site)
        assert last == 10_000 * (trial + 1)
        assert sorted(os.listdir(site.parent)) == ["site"], trial  # leftovers and lock removed


@pytest.mark.slow
def test_killed_between_the_two_renames_gets_the_old_folder_back(tmp_path):
    site = prepared(tmp_path)
    before = snapshot(site)
    code = (
        "import os, sys, cycle.outdir as o\n"
        "o.exchange = lambda a, b: False\n"
        "real = os.rename\n"
        "def rename(a, b):\n"
        "    real(a, b)\n"
        "    if '.old-' in str(b): os.kill(os.getpid(), 9)\n"
        "o.os.rename = rename\n"
        "with o.replace_folder(sys.argv[1]) as b:\n"
        "    (b.path / 'f0.txt').write_text('new')\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(site)], env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == -signal.SIGKILL
    assert not site.exists()
    with outdir.folder_lock(site, site):
        outdir.recover(site)
    assert snapshot(site) == before
    assert sorted(os.listdir(site.parent)) == ["site"]


# --------------------------------------------------------------------------- concurrency


@pytest.mark.slow
def test_two_runs_into_one_folder_take_turns(tmp_path):
    site = prepared(tmp_path)
    env = {"SWAP_EXCLUSIVE": str(tmp_path / "inside"), "SWAP_SLOW": "0.01"}
    a, b = worker(site, 100, 2, env), worker(site, 200, 2, env)
    outs = [p.communicate(timeout=120) for p in (a, b)]
    assert (a.returncode, b.returncode) == (0, 0), outs
    assert outs[0][0].split() == ["ready", "100", "101"] and outs[1][0].split() == ["ready", "200", "201"]
    assert version_of(site) in (101, 201)
    assert sorted(os.listdir(site.parent)) == ["site"]


def test_a_run_that_cannot_get_the_lock_refuses_with_one_line(tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(site, {"index.html": "v1"})
    monkeypatch.setenv("CYCLE_LOCK_TIMEOUT", "0.3")
    waited = []
    with folder_lock(site, site):  # another run is writing
        t = time.monotonic()
        with (
            pytest.raises(CycleError, match="another cycle run is still writing"),
            replace_folder(site, on_wait=lambda: waited.append(1)) as b,
        ):
            (b.path / "index.html").write_text("v2")
        assert 0.3 <= time.monotonic() - t < 5 and waited == [1]
    assert snapshot(site)["index.html"] == b"v1"
    build(site, {"index.html": "v2"})  # free again
    assert snapshot(site)["index.html"] == b"v2" and sorted(os.listdir(tmp_path)) == ["site"]


def test_a_large_old_folder_is_removed_after_the_run(tmp_path):
    """Over 1,000 entries, the swapped-out folder goes to a detached process: the run does not
    wait for thousands of unlinks, and the folder is gone soon after."""
    site = tmp_path / "site"
    many = {f"feeds/f{i}.ics": "v1" for i in range(outdir.BACKGROUND_REMOVAL + 100)}
    build(site, many)
    build(site, {"index.html": "v2"})
    assert snapshot(site) == {MANIFEST: snapshot(site)[MANIFEST], "index.html": b"v2"}
    deadline = time.monotonic() + 60
    while sorted(os.listdir(tmp_path)) != ["site"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(os.listdir(tmp_path)) == ["site"]


def test_a_killed_first_split_export_does_not_stop_the_next(run, tmp_path):
    """A first export killed before its swap leaves only its build folder (half the feeds): the
    next run removes it and exports, instead of refusing a folder it did not write."""
    half = tmp_path / ".feeds.new-k1ll3d00"
    half.mkdir()
    (half / "all.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")  # cut off mid-write
    assert run("ical", "--split", "unit", "-o", tmp_path / "feeds").code == 0
    assert sorted(os.listdir(tmp_path)) == ["feeds"]
    assert (tmp_path / "feeds" / "all.ics").read_bytes().rstrip().endswith(b"END:VCALENDAR")


def test_a_removal_killed_midway_is_finished_by_the_next_run(tmp_path):
    """The detached remover killed halfway leaves ``.site.trash-*``: the next run removes it, and
    removes nothing else beside the folder (a user's look-alike names are kept)."""
    site = tmp_path / "site"
    build(site, {"index.html": "v1"})
    trash = tmp_path / ".site.trash-abcd1234"
    (trash / "feeds").mkdir(parents=True)
    (trash / "feeds" / "f1.ics").write_text("old")
    kept = [tmp_path / ".site.trash-notmine", tmp_path / ".other.trash-abcd1234", tmp_path / "site.trash-abcd1234"]
    for k in kept:
        k.mkdir()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep")
    (tmp_path / ".site.trash-l1nk0000").symlink_to(precious)  # a link is never followed
    build(site, {"index.html": "v2"})
    assert not trash.exists() and all(k.is_dir() for k in kept)
    assert (precious / "keep.txt").read_text() == "keep"
    assert snapshot(site)["index.html"] == b"v2"
