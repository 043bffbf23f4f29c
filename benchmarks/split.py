"""The split export users run, timed the way they wait for it, against the icalendar-object path
and against the floor of writing the same files.

For each size (default 1,000 and 10,000 synthetic units on the Lemvig model, 14-day warnings)
and each folder (default ``/dev/shm``, a tmpfs, and ``/var/tmp``, a disk):

- **whole process**: ``cycle ical --split unit`` and ``cycle publish`` as a user runs them (a child
  process, plan cache off), fresh into an empty place and again over the previous output (the
  monthly update, which reads SEQUENCE back), ``--process-repeat`` such pairs (unless given: 15
  of the split export below 10,000 units, whose run takes about a second, so that a stall of a
  few tenths on this shared machine moves its median less; 7 otherwise);
  wall time, CPU time and the highest peak RSS of the child (through GNU ``time``, so nothing of
  this process is counted);
- **work-only**: the export itself in a process that has the plan already: bulk renderer, fresh
  and update, alternating, ``--repeat`` rounds (20 below 10,000 units, 7 from there, unless
  given: a 1,000-unit round takes 0.2-0.35 s here, as much as the machine's own variation
  between rounds);
- **icalendar objects**: the same files, byte for byte (checked), from ``icalendar.Event`` objects
  (each event built once and shared by the feeds that hold it), written plainly: once, in a child
  process that reports its own work-only time too;
- **floor**: the same files and bytes, already in memory, written with ``open``/``write``/``close``
  into a new folder on the same file system, alternating with the work-only runs.

Every timed run starts alike (:func:`places.level_start`): the machine settled, then a spare GiB
freed a moment before, so that a fresh export and an update find the same warm memory (on this
VM, memory its balloon handed back to the host costs about 2 s per GiB to write into again:
``benchmarks/page_reporting.py``). A folder on a disk is timed on a new ext4 file system made
for the run (:func:`places.disk_place`; ``--disk-as-found`` times the folder's own): on ext4
without a journal, as this VM's root is, every file written steps over each inode freed in the
last minute or five, so a timing loop's own removals made the disk figures drift by seconds.

It ends with ``cycle period`` and warm ``cycle due`` (asked once before: its plan cache and its
kept plan, :mod:`cycle.ledger.memo`, are filled) against ``python -c "import pandas"``, then
prints every target of issue 14 with pass or fail, on wall time, with the CPU-time ratio beside
it (on a shared machine the CPU ratio is the steadier). A ratio of two things timed in pairs is
judged on the median of the pairs' ratios (``split_report.paired`` says why), with the best of
one against the best of the other beside it; every round is kept in the results. A comparison
whose target is set at 10,000 units is shown at 1,000 too, without pass or fail. Every child
runs cycle's modules byte-compiled, as an installed cycle runs them.

    python benchmarks/split.py --json benchmarks/results/split.json
    python benchmarks/split.py --units 1000 --folders /dev/shm --repeat 3   # a quick look
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from national import machine, synthetic_units  # noqa: E402
from places import can_make_disk_place, level_start, place, spare_mib  # noqa: E402
from split_report import print_targets, targets  # noqa: E402

MODEL = "lemvig"
EPOCH = 1795000000  # the first export's build time; the update's is a day later
TODAY = "2026-11-22"


# --------------------------------------------------------------------------- child processes


@dataclass
class Run:
    """A child process: wall seconds, CPU seconds (user + system), peak RSS in bytes, stdout."""

    wall: float
    cpu: float
    rss: int
    out: str


TIME = shutil.which("time", path="/usr/bin:/bin")


def child(cmd: list[str], env: dict[str, str]) -> Run:
    """Run ``cmd`` and read its own resource use: wall and CPU seconds and peak RSS, through GNU
    ``time`` (``/usr/bin/time``). Linux carries a process's peak RSS across fork and exec, so a
    child spawned straight from this (large) process would report this process's peak; ``time``
    is small, and reports its child's own. Without it, ``wait4``'s figures (RSS then an upper bound)."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        usage_file = Path(tempfile.mkstemp(prefix="cycle-time-")[1])
        spawn = [TIME, "-f", "%e %U %S %M", "-o", str(usage_file), *cmd] if TIME else cmd
        t = time.perf_counter()
        pid = os.posix_spawn(
            spawn[0],
            spawn,
            env,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, out_file.fileno(), 1),
                (os.POSIX_SPAWN_DUP2, err_file.fileno(), 2),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - t
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read().decode(), err_file.read().decode()
        measured = usage_file.read_text().split()[-4:] if TIME else []
        usage_file.unlink()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    if measured:
        _, user, system, rss_kib = measured
        return Run(wall, float(user) + float(system), int(rss_kib) * 1024, out)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out)


def cycle_env(epoch: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CYCLE_CACHE_DIR",)}
    env.update(PYTHONPATH=str(ROOT), CYCLE_NO_CACHE="1", CYCLE_TODAY=TODAY, SOURCE_DATE_EPOCH=str(epoch))
    return env


def cycle(args: list[str], epoch: int, folder: Path | None = None) -> Run:
    """``cycle ARGS`` in a child process; with ``folder``, from a level start there."""
    if folder is not None:
        level_start(folder)
    return child([sys.executable, "-m", "cycle", *args], cycle_env(epoch))


# --------------------------------------------------------------------------- in-process work


def load_plan(units_file: Path):
    from cycle import build_plan, load_units

    return build_plan(MODEL, 2026, load_units(units_file))


def split_options():
    from cycle.views import ical as iv

    return iv.Options(feed=True, warn_days=14)


def bulk_split(plan, out: Path) -> None:
    from cycle.views import ical as iv

    iv.export_split(plan, out, split_options())


def icalendar_split(plan, out: Path) -> None:
    """What ``export_split`` writes into a new folder, rendered by icalendar objects: each event
    an ``icalendar.Event`` built once, each file a ``Calendar`` holding its events, ``to_ical()``,
    and a plain write. The sidecars, the index and the manifest as cycle writes them."""
    from cycle.i18n import t
    from cycle.io import json_listing
    from cycle.outdir import MANIFEST, MANIFEST_VERSION
    from cycle.views.ical import state
    from cycle.views.ical import write as w
    from cycle.views.ical.reference import alarm, header_calendar, organizer, to_calendar, to_event

    opts = split_options()
    selected = w.select(plan, opts)
    out.mkdir(parents=True)
    files: dict[str, bytes] = {}

    def calendar(name: str, raw: bytes, rows) -> None:
        files[name] = raw
        digest = state.Digest()
        for _ in digest.of(raw):
            pass
        files[state.sidecar(Path(name)).name] = b"".join(state.dumps(rows, digest))

    shared = w._stamped_rows(plan, opts, w.mark_met(w.fold_units(selected, opts.lang), opts.lang), None, False)
    header = w._header(plan, opts)
    calendar(w.ALL_FILE, to_calendar(shared, header).to_ical(), shared)
    rows = w._stamped_rows(plan, opts, w.mark_met(selected, opts.lang), None, False)
    valarm, who = alarm(header), organizer(header)
    events = [to_event(r, valarm, who) for r in rows.itertuples(index=False)]
    whole = header_calendar(header)
    for ev in events:
        whole.add_component(ev)
    calendar(w.STATE_FILE, whole.to_ical(), rows)
    index = [{"unit": "", "name": t("all_units", opts.lang), "file": w.ALL_FILE, "events": len(shared)}]
    ids, names = plan.units["id"].tolist(), plan.units["name"].tolist()
    bounds, positions, _ = w._feed_positions(plan, rows, ids, np.zeros(len(rows), dtype=np.int64))
    for k, (unit, name) in enumerate(zip(ids, names, strict=True)):
        cal = header_calendar(w._header(plan, opts, name))
        for i in positions[bounds[k] : bounds[k + 1]]:
            cal.add_component(events[i])
        file = w.safe_name(unit)
        files[file] = cal.to_ical()
        index.append({"unit": unit, "name": name, "file": file, "events": int(bounds[k + 1] - bounds[k])})
    data = {"model": plan.model.id, "period": plan.term.label, "split": "unit", "feeds": index}
    files[w.INDEX] = (json_listing(data, "feeds") + "\n").encode()
    manifest = {"cycle": MANIFEST_VERSION, "files": sorted(files)}
    files[MANIFEST] = (json_listing(manifest, "files", indent=1) + "\n").encode()
    for name, raw in files.items():
        with open(out / name, "wb") as f:
            f.write(raw)


def read_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def floor(files: dict[str, bytes], out: Path) -> None:
    """The same files and bytes, from memory: open, write, close, into a new folder."""
    out.mkdir()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    for name, data in files.items():
        fd = os.open(out / name, flags, 0o644)
        os.write(fd, data)
        os.close(fd)


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def work_only(units_file: Path, folder: Path, repeat: int) -> dict:
    """Bulk fresh, bulk update and the floor (also followed by one ``syncfs``, as cycle syncs the
    folder it swaps in), alternating in one process that has the plan."""
    from cycle.io import sync_filesystem

    os.environ.update(CYCLE_TODAY=TODAY, SOURCE_DATE_EPOCH=str(EPOCH))
    plan = load_plan(units_file)
    out, floor_out = folder / "work", folder / "work-floor"
    times: dict[str, list[tuple[float, float]]] = {"fresh": [], "update": [], "floor": [], "floor_synced": []}
    files: dict[str, bytes] = {}
    for i in range(repeat + 1):  # the first round warms the caches and is not counted
        for kind in ("fresh", "update", "floor", "floor_synced"):
            if kind.startswith("floor"):
                shutil.rmtree(floor_out, ignore_errors=True)
                level_start(folder)
                start = clock()
                floor(files, floor_out)
                if kind == "floor_synced":  # as cycle flushes a folder before swapping it in
                    sync_filesystem(floor_out)
            else:
                if kind == "fresh":
                    shutil.rmtree(out, ignore_errors=True)
                os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH + (86400 if kind == "update" else 0))
                level_start(folder)
                start = clock()
                bulk_split(plan, out)
            took = since(start)
            if kind == "fresh" and not files:
                files = read_folder(out)
            if i:
                times[kind].append(took)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(floor_out, ignore_errors=True)
    best = {k: min(v) for k, v in times.items()}
    return {
        "files": len(files),
        "bytes": sum(map(len, files.values())),
        **{f"seconds_{k}": round(v[0], 3) for k, v in best.items()},
        **{f"cpu_{k}": round(v[1], 3) for k, v in best.items()},
        "rounds": {k: [[round(w, 3), round(c, 3)] for w, c in v] for k, v in times.items()},
    }


def icalendar_child(units_file: Path, folder: Path) -> None:
    """(In a child process.) The icalendar-object path end to end; prints its work-only time."""
    os.environ.update(CYCLE_TODAY=TODAY, SOURCE_DATE_EPOCH=str(EPOCH))
    plan = load_plan(units_file)
    out = folder / "icalendar"
    shutil.rmtree(out, ignore_errors=True)
    start = clock()
    icalendar_split(plan, out)
    wall, cpu = since(start)
    print(json.dumps({"seconds": round(wall, 3), "cpu": round(cpu, 3)}))
    sys.stdout.flush()
    os._exit(0)  # as cycle's own exit: no teardown of a gigabyte of icalendar objects


# --------------------------------------------------------------------------- one size, one folder


def process_pairs(args: list[str], target: Path, folder: Path, repeat: int) -> dict:
    """``cycle ARGS`` fresh into an empty ``target``, then over its output a day later, ``repeat``
    times: the best wall time of each (with its CPU time) and the highest peak RSS."""
    runs: dict[str, list[Run]] = {"fresh": [], "update": []}
    for _ in range(repeat):
        shutil.rmtree(target, ignore_errors=True)
        runs["fresh"].append(cycle(args, EPOCH, folder))
        runs["update"].append(cycle(args, EPOCH + 86400, folder))
    out: dict = {}
    for kind, rs in runs.items():
        best = min(rs, key=lambda r: r.wall)
        out |= {f"seconds_{kind}": round(best.wall, 3), f"cpu_{kind}": round(best.cpu, 3)}
        out[f"peak_rss_{kind}"] = max(r.rss for r in rs)
    out["rounds"] = {kind: [[round(r.wall, 3), round(r.cpu, 3), r.rss] for r in rs] for kind, rs in runs.items()}
    return out


def run_size(
    n: int,
    folder: Path,
    filesystem: str,
    units_file: Path,
    repeats: tuple[int, int, int],
    icalendar: bool,
    publish: bool,
) -> dict:
    """Both commands' fresh and update pairs, the work-only rounds and the icalendar path, for
    ``n`` units in ``folder``; ``repeats`` is (split pairs, publish pairs, work-only rounds)."""
    split_repeat, publish_repeat, repeat = repeats
    feeds, site = folder / "feeds", folder / "site"
    split = ["ical", "--model", MODEL, "--units", str(units_file), "--split", "unit", "--warn", "14d", "-o", str(feeds)]
    result: dict = {"units": n, "folder": str(folder), "filesystem": filesystem}
    result["repeats"] = {"split_process": split_repeat, "publish_process": publish_repeat, "work": repeat}
    result["split_process"] = process_pairs(split, feeds, folder, split_repeat)
    if publish:
        pub = ["publish", "--model", MODEL, "--units", str(units_file), "--today", TODAY, "-o", str(site)]
        result["publish_process"] = process_pairs(pub, site, folder, publish_repeat)
        shutil.rmtree(site, ignore_errors=True)
    result["work"] = work_only(units_file, folder, repeat)
    if icalendar:
        shutil.rmtree(feeds, ignore_errors=True)
        cycle(split, EPOCH)  # the bulk files to compare with, written fresh at the same time
        env = cycle_env(EPOCH)
        level_start(folder)
        ic = child([sys.executable, __file__, "--icalendar-child", str(units_file), str(folder)], env)
        inner = json.loads(ic.out.strip().splitlines()[-1])
        bulk_files, ical_files = read_folder(feeds), read_folder(folder / "icalendar")
        result["icalendar"] = {
            "identical_files": bulk_files == ical_files,
            "files": len(ical_files),
            "seconds_process": round(ic.wall, 3),
            "cpu_process": round(ic.cpu, 3),
            "peak_rss_process": ic.rss,
            "seconds_work": inner["seconds"],
            "cpu_work": inner["cpu"],
        }
        shutil.rmtree(folder / "icalendar", ignore_errors=True)
    shutil.rmtree(feeds, ignore_errors=True)
    return result


# --------------------------------------------------------------------------- start-up


def startup(repeat: int) -> dict:
    """Median wall time of ``cycle period``, of ``cycle due`` (asked once before: warm) and of
    ``python -c "import pandas"``, run in turn so that the machine's drift touches all alike."""
    cache = tempfile.mkdtemp(prefix="cycle-cache-")
    env = {k: v for k, v in os.environ.items() if k != "CYCLE_NO_CACHE"}
    env.update(PYTHONPATH=str(ROOT), CYCLE_TODAY=TODAY, CYCLE_CACHE_DIR=cache)
    commands = {
        "period": [sys.executable, "-m", "cycle", "period"],
        "due": [sys.executable, "-m", "cycle", "due"],
        "pandas": [sys.executable, "-c", "import pandas"],
        "python": [sys.executable, "-c", "pass"],
    }
    child(commands["due"], env)  # fills the plan cache and the kept plan
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(child(cmd, env))
    shutil.rmtree(cache, ignore_errors=True)
    out = {}
    for name, rs in runs.items():
        out[f"seconds_{name}"] = round(statistics.median(r.wall for r in rs), 3)
        out[f"cpu_{name}"] = round(statistics.median(r.cpu for r in rs), 3)
    out["ratio_due_to_pandas"] = round(out["seconds_due"] / out["seconds_pandas"], 2)
    out["cpu_ratio_due_to_pandas"] = round(out["cpu_due"] / out["cpu_pandas"], 2)
    return out


# --------------------------------------------------------------------------- main


def commit() -> str:
    """The commit measured, ``-dirty`` if cycle's code or this benchmark differ from it."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "cycle", "benchmarks"], capture_output=True, text=True)
    changed = [line for line in dirty.stdout.splitlines() if not line.endswith(".json")]
    return (head or "unknown") + ("-dirty" if changed else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--folders", type=Path, nargs="+", default=[Path("/dev/shm"), Path("/var/tmp")])
    ap.add_argument("--repeat", type=int, help="work-only rounds; 20 below 10,000 units, 7 from there")
    ap.add_argument(
        "--process-repeat",
        type=int,
        help="whole-process fresh/update pairs; 15 of the split export below 10,000 units, else 7",
    )
    ap.add_argument("--no-icalendar", action="store_true", help="skip the (slow) icalendar-object path")
    ap.add_argument("--no-publish", action="store_true")
    ap.add_argument(
        "--disk-as-found",
        action="store_true",
        help="time a disk folder's own file system, not a new ext4 made for the run (which needs root)",
    )
    ap.add_argument("--startup-repeat", type=int, default=15)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--icalendar-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.icalendar_child:
        icalendar_child(Path(args.icalendar_child[0]), Path(args.icalendar_child[1]))
        return

    if not args.disk_as_found and not can_make_disk_place():
        sys.exit(
            "split.py: a disk is timed on a new ext4 file system, which needs root, mkfs.ext4 and losetup; or --disk-as-found"
        )

    # cycle's modules byte-compiled first, as an installed package is (pip compiles at install;
    # an editable install caches at the first run): where the environment sets
    # PYTHONDONTWRITEBYTECODE, every child would otherwise compile them again, about 30 ms of
    # each start that pandas, click and the standard library, compiled at install, do not pay.
    compileall.compile_dir(ROOT / "cycle", quiet=1)
    report: dict = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "model": MODEL,
        "seed": args.seed,
        "machine": machine(),
        "commit": commit(),
        "bytecode": "cycle's modules compiled before the runs (as at install)",
        "start": f"each timed run from a level start: settled, then {spare_mib()} MiB freed a moment before",
        "repeats": {"startup": args.startup_repeat},
        "load_before": Path("/proc/loadavg").read_text().strip(),
        "runs": [],
    }
    work = Path(tempfile.mkdtemp(prefix="cycle-split-"))
    for n in args.units:
        units_file = work / f"units-{n}.csv"
        synthetic_units(np.random.default_rng(args.seed), MODEL, n).to_csv(units_file, index=False)
        small = n < 10_000
        pairs = args.process_repeat or (15 if small else 7), args.process_repeat or 7
        repeats = (*pairs, args.repeat or (20 if small else 7))
        for i, base in enumerate(args.folders):
            with place(base, new_fs=not args.disk_as_found) as (folder, filesystem):
                # The icalendar path once per size, on the first folder (it writes the same files).
                icalendar = not args.no_icalendar and i == 0
                r = run_size(n, folder, filesystem, units_file, repeats, icalendar, not args.no_publish)
            report["runs"].append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)
    shutil.rmtree(work, ignore_errors=True)
    report["startup"] = startup(args.startup_repeat)
    report["load_after"] = Path("/proc/loadavg").read_text().strip()
    rows = targets(report)
    report["targets"] = [
        {"target": n, "measured": v, "measured_cpu": c, "goal": g, "pass": ok, "best_against_best": b}
        for n, v, c, g, ok, b in rows
    ]
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    print_targets(rows)


if __name__ == "__main__":
    main()
