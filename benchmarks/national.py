"""National-scale benchmark: every unit's plan and feed for a synthetic Denmark.

A reproducible, seeded Denmark: 98 municipalities, ``--units`` organisation units each (default
300), the Lemvig model with the dk base, one election period. The run builds the events table,
writes every unit's feed (``--split unit``) and the timelines, and reports per stage: events,
seconds, events per second, bytes written and peak RSS. On a sample of the same feed rows it
compares the bulk renderer with (a) icalendar objects (one ``Event`` per event, ``to_ical()``) and
(b) the floor, one ``write`` of the same bytes. It reruns at a 10× smaller scale (in a fresh
process) for ``scaling``, and times ``cycle due``'s start-up against ``python -c "import pandas"``.

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
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from cycle import build_plan, load_model
from cycle.views import ical as iv
from cycle.views.table import to_json
from cycle.views.timeline import timeline, timeline_html

MUNICIPALITIES = 98
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


def national_run(units: int, seed: int, period: int, out: Path, sample_rows: int) -> dict:
    base = load_model("lemvig")
    rng = np.random.default_rng(seed)
    stages = {name: {"events": 0, "seconds": 0.0, "bytes": 0} for name in ("events", "feeds", "timelines")}
    sample: list[pd.DataFrame] = []
    for n in range(1, MUNICIPALITIES + 1):
        mid = f"k{n:03d}"
        model = replace(base, id=mid, name=f"Kommune {n:03d}", name_en=f"Municipality {n:03d}")
        unit_table = synthetic_units(rng, mid, units)

        t = time.perf_counter()
        plan = build_plan(model, period, unit_table)
        stages["events"]["seconds"] += time.perf_counter() - t
        stages["events"]["events"] += len(plan.events)
        stages["events"]["peak_rss"] = peak_rss()

        t = time.perf_counter()
        iv.export_split(plan, out / mid / "feeds", iv.Options(feed=True, warn_days=14))
        stages["feeds"]["seconds"] += time.perf_counter() - t
        index = json.loads((out / mid / "feeds" / iv.INDEX).read_text(encoding="utf-8"))
        stages["feeds"]["events"] += sum(f["events"] for f in index["feeds"])
        stages["feeds"]["bytes"] += folder_bytes(out / mid / "feeds")
        stages["feeds"]["peak_rss"] = peak_rss()

        t = time.perf_counter()
        tl = timeline(plan)
        (out / mid / "timeline.json").write_text(to_json(tl), encoding="utf-8")
        (out / mid / "timeline.html").write_text(timeline_html(tl), encoding="utf-8")
        stages["timelines"]["seconds"] += time.perf_counter() - t
        stages["timelines"]["events"] += int((plan.events["period"] == plan.term.label).sum())
        stages["timelines"]["bytes"] += sum((out / mid / f).stat().st_size for f in ("timeline.json", "timeline.html"))
        stages["timelines"]["peak_rss"] = peak_rss()

        if sum(map(len, sample)) < sample_rows:  # the same events, for the side-by-side
            sample.append(iv.feed_rows(iv.select(plan, iv.Options()), "da", 14))
        del plan
    for s in stages.values():
        s["events_per_second"] = round(s["events"] / s["seconds"]) if s["seconds"] else None
        s["seconds"] = round(s["seconds"], 3)
    rows = iv.finish_rows(pd.concat(sample, ignore_index=True).iloc[:sample_rows].copy())
    return {"stages": stages, "sample": iv.stamp(rows, None, iv.now_utc())}


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


def startup(repeat: int = 15) -> dict:
    """Median wall time of ``cycle due`` and of ``python -c "import pandas"``, run alternately so
    that the machine's drift touches both alike. ``cycle due`` runs as a user runs it: with its
    plan cache (a fresh one, filled by a first, untimed run)."""
    cache = tempfile.mkdtemp(prefix="cycle-cache-")
    env = {k: v for k, v in os.environ.items() if k != "CYCLE_NO_CACHE"}
    env.update(CYCLE_TODAY="2026-11-22", CYCLE_CACHE_DIR=cache)
    commands = {"due": [sys.executable, "-m", "cycle", "due"], "pandas": [sys.executable, "-c", "import pandas"]}
    subprocess.run(commands["due"], check=True, capture_output=True, env=env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - t)
    shutil.rmtree(cache, ignore_errors=True)
    due, pandas = statistics.median(times["due"]), statistics.median(times["pandas"])
    return {
        "seconds_cycle_due": round(due, 3),
        "seconds_import_pandas": round(pandas, 3),
        "ratio": round(due / pandas, 2),
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
        "peak_rss": peak_rss(),
    }
    if not args.no_compare:
        report["feed_comparison"] = compare(result["sample"], out)
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
        stage_seconds = lambda r: sum(s["seconds"] for s in r["stages"].values())  # noqa: E731
        report["scaling"] = {
            "units_small": max(1, args.units // 10),
            "seconds_small": round(stage_seconds(small_report), 3),
            "seconds_full": round(stage_seconds(report), 3),
            "scaling": round(stage_seconds(report) / stage_seconds(small_report), 2),
            "peak_rss_small": small_report["peak_rss"],
        }
        report["startup"] = startup()
        report["machine"] = machine()
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if str(args.json) != "/dev/stdout":
        print(text)


if __name__ == "__main__":
    main()
