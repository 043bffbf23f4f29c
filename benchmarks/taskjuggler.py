"""TaskJuggler's view of the same plan: a generator of the equivalent ``.tjp``, and a side-by-side
run of ``tj3`` and ``cycle ical --split unit`` on it.

The ``.tjp`` holds every event of the plan as ``cycle ical --split unit --kinds
deadline,milestone,drafting,validity,meeting --warn 14d`` writes it for ``--units`` synthetic
units on the Lemvig model (the same seeded units as ``benchmarks/split.py``): a drafting window
or validity period a task from its first to its last day, a deadline, milestone, meeting or
warning a milestone on its date; the municipality's under ``kommune`` (those that concern every
unit under ``kommune.alle``), each unit's under ``enheder.<unit>``. Its reports are what the
split export writes: one iCalendar report with every event, one per unit with the unit's own
events and those that concern every unit, and a CSV list of every task (the timeline).

    python benchmarks/taskjuggler.py --units 50 --out /tmp/plan.tjp   # write the plan only
    python benchmarks/taskjuggler.py --units 50 --run                  # and time both

``tj3`` is Debian's TaskJuggler 3.7.1 (``apt-get install tj3``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from national import synthetic_units  # noqa: E402
from split import EPOCH, MODEL, TODAY, child, cycle, cycle_env  # noqa: E402

KINDS = ("deadline", "milestone", "drafting", "validity", "meeting")


def _string(text: str) -> str:
    """A TaskJuggler string literal (double-quoted; a backslash escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def tjp(units_file: Path) -> str:
    """The plan as TaskJuggler reads it (see the module's description)."""
    from cycle import build_plan, load_units
    from cycle.views import ical as iv

    plan = build_plan(MODEL, 2026, load_units(units_file))
    opts = iv.Options(kinds=KINDS, feed=True, warn_days=14)
    rows = iv.feed_rows(iv.select(plan, opts), opts.lang, opts.warn_days)
    concerns = (rows["unit"] == "") & rows["document"].isin(iv.concerning(plan))
    first, last = rows["start"].min(), rows["end"].max()  # rows' end: exclusive (DTEND)
    name, _ = iv.calendar_name(plan, opts.lang)
    lines = [
        f"project cycle {_string(name)} {first:%Y-%m-%d} - {last:%Y-%m-%d} {{",
        '  timezone "UTC"',
        f"  now {TODAY}",
        "}",
        "",
    ]

    def milestones(part: pd.DataFrame, indent: str) -> None:
        spans = zip(part["summary"].astype(str), part["start"], part["end"], strict=True)  # end: exclusive
        for i, (summary, start, end) in enumerate(spans):
            if end - start <= pd.Timedelta(days=1):
                lines.append(f"{indent}task e{i} {_string(summary)} {{ milestone start {start:%Y-%m-%d} }}")
            else:
                lines.append(f"{indent}task e{i} {_string(summary)} {{ start {start:%Y-%m-%d} end {end:%Y-%m-%d} }}")

    lines.append('task kommune "Kommunen" {')
    milestones(rows[(rows["unit"] == "") & ~concerns], "  ")
    lines.append('  task alle "Alle enheder" {')
    milestones(rows[concerns], "    ")
    lines += ["  }", "}", 'task enheder "Enheder" {']
    units = plan.units
    own = rows[rows["unit"] != ""].groupby("unit", sort=False)
    groups = {u: g for u, g in own}
    for k, (unit, unit_name) in enumerate(zip(units["id"], units["name"], strict=True)):
        lines.append(f"  task u{k} {_string(unit_name)} {{")
        if unit in groups:
            milestones(groups[unit], "    ")
        lines.append("  }")
    lines += ["}", "", 'icalreport "all" { }', 'taskreport "timeline" { formats csv columns id, name, start, end }']
    for k in range(len(units)):
        lines.append(f'icalreport "enhed-{k}" {{ hidetask ~(ischildof(enheder.u{k}) | ischildof(kommune.alle)) }}')
    return "\n".join(lines) + "\n"


def tj3_version(tj3: str) -> str:
    out = subprocess.run([tj3, "--version"], capture_output=True, text=True, check=False).stdout
    return out.strip().splitlines()[-1] if out.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, help="write the .tjp here")
    ap.add_argument("--run", action="store_true", help="time tj3 and cycle on it")
    ap.add_argument("--json", type=Path, help="also write the timings here")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cycle-tj3-"))
    units_file = work / "units.csv"
    synthetic_units(np.random.default_rng(args.seed), MODEL, args.units).to_csv(units_file, index=False)
    os.environ.update(CYCLE_TODAY=TODAY, SOURCE_DATE_EPOCH=str(EPOCH))
    plan_file = args.out or work / "plan.tjp"
    plan_file.write_text(tjp(units_file), encoding="utf-8")
    print(f"{plan_file}: {plan_file.stat().st_size:,} bytes")
    if args.run:
        tj3 = shutil.which("tj3")
        if tj3 is None:
            sys.exit("tj3 is not installed: apt-get install -y tj3")
        reports = work / "tj3"
        reports.mkdir()
        tj = child([tj3, "--silent", "--output-dir", str(reports), str(plan_file)], cycle_env(EPOCH))
        feeds = work / "feeds"
        cy = cycle(
            [
                "ical",
                "--model",
                MODEL,
                "--units",
                str(units_file),
                "--split",
                "unit",
                "--kinds",
                ",".join(KINDS),
                "--warn",
                "14d",
                "-o",
                str(feeds),
            ],
            EPOCH,
        )
        result = {
            "units": args.units,
            "command": " ".join(["python3", *sys.argv]),
            "tj3_version": tj3_version(tj3),
            "tj3": {"seconds": round(tj.wall, 2), "cpu": round(tj.cpu, 2), "peak_rss": tj.rss},
            "tj3_reports": len(list(reports.iterdir())),
            "cycle": {"seconds": round(cy.wall, 2), "cpu": round(cy.cpu, 2), "peak_rss": cy.rss},
            "cycle_feeds": len(list(feeds.glob("*.ics"))),
            "load": Path("/proc/loadavg").read_text().strip(),
        }
        result["ratio_seconds"] = round(tj.wall / cy.wall, 1)
        result["ratio_cpu"] = round(tj.cpu / cy.cpu, 1)
        text = json.dumps(result, indent=2)
        print(text)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
    if args.out is None or args.run:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
