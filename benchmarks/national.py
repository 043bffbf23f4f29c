"""National-scale benchmark: every unit's plan and feed for a synthetic Denmark.

A reproducible, seeded Denmark: 98 municipalities, ``--units`` organisation units each (default
300), the Lemvig model with the dk base, one election period. The run builds the events table,
writes every municipality's split export (``ical --split unit --warn 14d``, as users run it:
folder swapped in, state kept) and the timelines, and reports per stage: events, seconds, events
per second and bytes written. Beside the feeds stage:

- ``feeds_floor``: the same files and bytes, already in memory, written with open/write/close
  into a new folder on the same file system, municipality by municipality;
- ``feeds_update``: every split export again over its previous output (the monthly update, which
  reads each event's SEQUENCE back), a day later;
- ``split_comparison``: one municipality's split export, bulk renderer against icalendar objects
  writing the same files (``benchmarks/split.py``'s path, bytes checked);
- ``one_calendar_comparison``: one calendar of 20,000 of the national feed rows rendered and
  written to one file, bulk against icalendar objects against one write of the same bytes (a
  measure of the renderer alone, not of the split export).

``peak_rss`` is the whole process's peak (read at the end); ``scaling`` reruns at a 10× smaller
scale in a fresh process; ``startup`` times ``cycle period`` and ``cycle due`` (warm cache)
against ``python -c "import pandas"``. ``benchmarks/split.py`` measures the split export of one
municipality of 1,000 and 10,000 units, whole process and work only.

    python benchmarks/national.py                       # 98 × 300 units
    python benchmarks/national.py --units 30 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's cycle, installed or not

from cycle import build_plan, load_model  # noqa: E402
from cycle.views import ical as iv  # noqa: E402
from cycle.views.table import to_json  # noqa: E402
from cycle.views.timeline import timeline, timeline_html  # noqa: E402

MUNICIPALITIES = 98
#: The stages that scale with the country (``scaling`` compares their sum).
STAGES = ("events", "feeds", "timelines")
AREAS = ("Skole", "Dagtilbud", "Ældre", "Sundhed", "Jobcenter", "Kultur", "Teknik", "Administration")
KINDS = ("Skole", "Børnehus", "Plejecenter", "Hjemmepleje", "Bibliotek", "Center", "Værksted")
TOWNS = ("Nørre", "Sønder", "Øster", "Vester", "Ny", "Gl.", "Lille", "Store")


def peak_rss() -> int:
    """Peak resident set size of this process so far, in bytes. VmHWM, not ru_maxrss: Linux
    carries ru_maxrss across fork and exec, so a child would report its parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def synthetic_units(rng: np.random.Generator, municipality: str, n: int) -> pd.DataFrame:
    """``n`` plausible organisation units for one municipality, reproducible from the seed."""
    kinds = rng.choice(KINDS, n)
    towns = rng.choice(TOWNS, n)
    numbers = np.arange(1, n + 1)
    return pd.DataFrame(
        {
            "id": [f"{municipality}-u{i:04d}" for i in numbers],
            "name": [f"{town} {kind} {i}" for town, kind, i in zip(towns, kinds, numbers, strict=True)],
            "area": rng.choice(AREAS, n),
            "leader": [f"Leder {i}" for i in numbers],
            "director": [f"Direktør for {a}" for a in rng.choice(AREAS, n)],
        }
    )


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_floor(folder: Path, out: Path) -> float:
    """Seconds to write ``folder``'s files (already in memory) into the new folder ``out``."""
    files = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    t = time.perf_counter()
    out.mkdir()
    for name, data in files:
        fd = os.open(out / name, flags, 0o644)
        os.write(fd, data)
        os.close(fd)
    took = time.perf_counter() - t
    shutil.rmtree(out)
    return took


def national_run(units: int, seed: int, period: int, out: Path, sample_rows: int) -> dict:
    base = load_model("lemvig")
    rng = np.random.default_rng(seed)
    names = ("events", "feeds", "feeds_floor", "feeds_update", "timelines")
    stages = {name: {"events": 0, "seconds": 0.0, "bytes": 0} for name in names}
    sample: list[pd.DataFrame] = []
    plans = []
    for n in range(1, MUNICIPALITIES + 1):
        mid = f"k{n:03d}"
        model = replace(base, id=mid, name=f"Kommune {n:03d}", name_en=f"Municipality {n:03d}")
        unit_table = synthetic_units(rng, mid, units)

        t = time.perf_counter()
        plan = build_plan(model, period, unit_table)
        stages["events"]["seconds"] += time.perf_counter() - t
        stages["events"]["events"] += len(plan.events)

        t = time.perf_counter()
        iv.export_split(plan, out / mid / "feeds", iv.Options(feed=True, warn_days=14))
        stages["feeds"]["seconds"] += time.perf_counter() - t
        index = json.loads((out / mid / "feeds" / iv.INDEX).read_text(encoding="utf-8"))
        stages["feeds"]["events"] += sum(f["events"] for f in index["feeds"])
        stages["feeds"]["bytes"] += folder_bytes(out / mid / "feeds")
        stages["feeds_floor"]["seconds"] += write_floor(out / mid / "feeds", out / mid / "floor")

        t = time.perf_counter()
        tl = timeline(plan)
        (out / mid / "timeline.json").write_text(to_json(tl), encoding="utf-8")
        (out / mid / "timeline.html").write_text(timeline_html(tl), encoding="utf-8")
        stages["timelines"]["seconds"] += time.perf_counter() - t
        stages["timelines"]["events"] += int((plan.events["period"] == plan.term.label).sum())
        stages["timelines"]["bytes"] += sum((out / mid / f).stat().st_size for f in ("timeline.json", "timeline.html"))

        if sum(map(len, sample)) < sample_rows:  # the same events, for the side-by-side
            sample.append(iv.feed_rows(iv.select(plan, iv.Options()), "da", 14))
        plans.append(plan)
    stages["feeds_floor"].update(events=stages["feeds"]["events"], bytes=stages["feeds"]["bytes"])
    epoch = os.environ["SOURCE_DATE_EPOCH"]
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch) + 86400)  # a day later, nothing else changed
    for plan in plans:
        t = time.perf_counter()
        iv.export_split(plan, out / plan.model.id / "feeds", iv.Options(feed=True, warn_days=14))
        stages["feeds_update"]["seconds"] += time.perf_counter() - t
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    stages["feeds_update"].update(events=stages["feeds"]["events"], bytes=stages["feeds"]["bytes"])
    for s in stages.values():
        s["events_per_second"] = round(s["events"] / s["seconds"]) if s["seconds"] else None
        s["seconds"] = round(s["seconds"], 3)
    rows = iv.finish_rows(pd.concat(sample, ignore_index=True).iloc[:sample_rows].copy())
    return {"stages": stages, "sample": iv.stamp(rows, None, iv.now_utc()), "first_plan": plans[0]}


def best_of(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def compare(rows: pd.DataFrame, folder: Path, repeat: int = 9) -> dict:
    """Bulk renderer vs icalendar objects vs one write of the same bytes, from the same rows;
    each writes a new file. Pending writes are flushed first, and bulk and floor alternate, so
    disk writeback from the national run weighs on neither."""
    header = iv.Header(True, "Benchmark", "Benchmark", 14)
    reference = iv.to_calendar(rows, header).to_ical()
    os.sync()

    def fresh(name: str):
        path = folder / name
        path.unlink(missing_ok=True)
        return path.open("wb", buffering=0)

    def bulk() -> None:  # as cycle ical writes: chunks of about a thousand events
        with fresh("bulk.ics") as f:
            for chunk in iv.render_chunks(rows, header):
                f.write(chunk)

    def floor() -> None:
        with fresh("floor.ics") as f:
            f.write(reference)

    def icalendar_objects() -> None:
        with fresh("icalendar.ics") as f:
            f.write(iv.to_calendar(rows, header).to_ical())

    times: dict[str, list[float]] = {"bulk": [], "floor": []}
    for _ in range(repeat):
        for name, fn in (("bulk", bulk), ("floor", floor)):
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    t_obj, _ = best_of(icalendar_objects, 1)
    t_fast, t_floor = min(times["bulk"]), min(times["floor"])
    return {
        "events": len(rows),
        "bytes": len(reference),
        "identical_bytes": (folder / "bulk.ics").read_bytes() == reference,
        "seconds_bulk": round(t_fast, 4),
        "seconds_icalendar": round(t_obj, 3),
        "seconds_floor": round(t_floor, 4),
        "speedup_vs_icalendar": round(t_obj / t_fast, 1),
        "ratio_vs_floor": round(t_fast / t_floor, 2),
    }


def split_comparison(plan, folder: Path) -> dict:
    """One municipality's split export as users run it (bulk, fresh into a new folder) against
    the icalendar-object path writing the same files (``benchmarks/split.py``)."""
    from split import icalendar_split, read_folder

    bulk_out, ical_out = folder / "split-bulk", folder / "split-icalendar"
    t = time.perf_counter()
    iv.export_split(plan, bulk_out, iv.Options(feed=True, warn_days=14))
    t_bulk = time.perf_counter() - t
    t = time.perf_counter()
    icalendar_split(plan, ical_out)
    t_obj = time.perf_counter() - t
    same = read_folder(bulk_out) == read_folder(ical_out)
    files = len(read_folder(bulk_out))
    shutil.rmtree(bulk_out)
    shutil.rmtree(ical_out)
    return {
        "units": len(plan.units),
        "files": files,
        "identical_files": same,
        "seconds_bulk": round(t_bulk, 3),
        "seconds_icalendar": round(t_obj, 2),
        "speedup_vs_icalendar": round(t_obj / t_bulk, 1),
    }


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1),
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "system": platform.platform(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=300, help="organisation units per municipality")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--period", type=int, default=2026)
    ap.add_argument("--sample", type=int, default=20_000, help="feed rows for the side-by-side comparison")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--out", type=Path, help="keep the written feeds here (default: a temporary folder)")
    ap.add_argument("--no-compare", action="store_true", help=argparse.SUPPRESS)  # the scaling child run
    args = ap.parse_args()

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    out = args.out or Path(tempfile.mkdtemp(prefix="cycle-national-"))
    t0 = time.perf_counter()
    result = national_run(args.units, args.seed, args.period, out, args.sample)
    total = time.perf_counter() - t0
    report: dict = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "municipalities": MUNICIPALITIES,
        "units_per_municipality": args.units,
        "seed": args.seed,
        "stages": result["stages"],
        "seconds_total": round(total, 2),
    }
    st = result["stages"]
    report["ratios"] = {
        "feeds_vs_floor": round(st["feeds"]["seconds"] / st["feeds_floor"]["seconds"], 2),
        "feeds_update_vs_fresh": round(st["feeds_update"]["seconds"] / st["feeds"]["seconds"], 2),
    }
    if not args.no_compare:
        from split import startup

        report["split_comparison"] = split_comparison(result["first_plan"], out)
        report["one_calendar_comparison"] = compare(result["sample"], out)
        small = subprocess.run(
            [
                sys.executable,
                __file__,
                "--units",
                str(max(1, args.units // 10)),
                "--seed",
                str(args.seed),
                "--period",
                str(args.period),
                "--no-compare",
                "--json",
                "/dev/stdout",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        small_report = json.loads(
            small.stdout.split("\n{", 1)[-1] if not small.stdout.startswith("{") else small.stdout
        )
        stage_seconds = lambda r: sum(r["stages"][s]["seconds"] for s in STAGES)  # noqa: E731
        report["scaling"] = {
            "units_small": max(1, args.units // 10),
            "seconds_small": round(stage_seconds(small_report), 3),
            "seconds_full": round(stage_seconds(report), 3),
            "scaling": round(stage_seconds(report) / stage_seconds(small_report), 2),
            "peak_rss_small": small_report["peak_rss"],
        }
        report["startup"] = startup(15)
        report["machine"] = machine()
    report["peak_rss"] = peak_rss()  # the whole process: after every stage and comparison
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if str(args.json) != "/dev/stdout":
        print(text)


if __name__ == "__main__":
    main()
