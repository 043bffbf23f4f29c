"""The targets of issue 14 judged on a ``benchmarks/split.py`` result, and the README's table.

python benchmarks/split_report.py benchmarks/results/split.json            # the targets
python benchmarks/split_report.py benchmarks/results/split.json --markdown # and the tables
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _tmpfs(r: dict) -> bool:
    return r.get("filesystem", r["folder"]).startswith(("tmpfs", "/dev/shm"))


def _where(r: dict) -> str:
    return f"{r['units']:,} units, {'tmpfs' if _tmpfs(r) else 'disk'}"


def targets(report: dict) -> list[tuple[str, float | None, float | None, str, bool | None]]:
    """(target, measured on wall time, the same on CPU time, goal, passed) for each target of
    issue 14 the run measured; passed is None where the target is set at another size."""
    rows: list[tuple[str, float | None, float | None, str, bool | None]] = []

    def ratio(a: dict, b: dict, key_a: str, key_b: str | None = None) -> tuple[float, float]:
        key_b = key_b or key_a
        wall = a[f"seconds_{key_a}"] / b[f"seconds_{key_b}"]
        return round(wall, 2), round(a[f"cpu_{key_a}"] / b[f"cpu_{key_b}"], 2)

    def at_most(name: str, values: tuple[float, float], goal: float, applies: bool = True) -> None:
        rows.append((name, *values, f"≤ {goal}", values[0] <= goal if applies else None))

    def at_least(name: str, values: tuple[float, float], goal: float, applies: bool = True) -> None:
        rows.append((name, *values, f"≥ {goal}", values[0] >= goal if applies else None))

    for r in report["runs"]:
        where = _where(r)
        big, tmpfs = r["units"] >= 10_000, _tmpfs(r)
        sp, w = r["split_process"], r["work"]
        at_most(f"ical --split unit: update / fresh, whole process ({where})", ratio(sp, sp, "update", "fresh"), 1.2)
        at_most(f"ical --split unit: update / fresh, work-only ({where})", ratio(w, w, "update", "fresh"), 1.2)
        if "publish_process" in r:
            pp = r["publish_process"]
            at_most(f"publish: update / fresh, whole process ({where})", ratio(pp, pp, "update", "fresh"), 1.2)
        if tmpfs:
            at_most(f"split work-only / floor, tmpfs ({where})", ratio(w, w, "fresh", "floor"), 5, big)
        if "icalendar" in r:
            ic = r["icalendar"]
            speed = ic["seconds_work"] / w["seconds_fresh"], ic["cpu_work"] / w["cpu_fresh"]
            at_least(
                f"split work-only: icalendar objects / bulk ({where})",
                (round(speed[0], 1), round(speed[1], 1)),
                50,
                big,
            )
            speed = ic["seconds_process"] / sp["seconds_fresh"], ic["cpu_process"] / sp["cpu_fresh"]
            at_least(
                f"split whole process: icalendar objects / cycle ({where})",
                (round(speed[0], 1), round(speed[1], 1)),
                20,
                big,
            )
            rows.append(
                (f"icalendar path wrote the same files ({where})", None, None, "identical", ic["identical_files"])
            )
        if big:
            rss = round(sp["peak_rss_update"] / 2**20)
            rows.append((f"peak RSS of the update, whole process, MiB ({where})", rss, None, "≤ 250", rss <= 250))
    s = report.get("startup")
    if s:
        period = s["seconds_period"]
        rows.append(("cycle period, wall seconds (median)", period, s["cpu_period"], "≤ 0.15", period <= 0.15))
        at_most("cycle due warm / python -c 'import pandas' (median)", ratio(s, s, "due", "pandas"), 1.2)
    return rows


def print_targets(rows) -> None:
    print("\nTargets (issue 14): wall (CPU)")
    for name, wall, cpu, goal, ok in rows:
        mark = "PASS" if ok else "FAIL" if ok is False else "----"
        shown = "" if wall is None else f"{wall}" + ("" if cpu is None else f" ({cpu})")
        print(f"  {mark}  {name}: {shown} (goal {goal})")


MiB = 2**20


def markdown(report: dict) -> str:
    """The figures as the README shows them: seconds wall (CPU), peak RSS in MiB."""
    runs = report["runs"]
    head = "| | " + " | ".join(_where(r) for r in runs) + " |\n|---|" + "---:|" * len(runs) + "\n"

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(r) for r in runs) + " |\n"

    def secs(part: str, kind: str):
        return lambda r: f"{r[part][f'seconds_{kind}']:.2f} ({r[part][f'cpu_{kind}']:.2f})" if part in r else "–"

    def rss(part: str, kind: str):
        return lambda r: f"{r[part][f'peak_rss_{kind}'] / MiB:.0f}" if part in r else "–"

    def ic(kind: str):
        def cell(r: dict) -> str:
            if "icalendar" not in r:
                return "–"
            i = r["icalendar"]
            return f"{i[f'seconds_{kind}']:.1f} ({i[f'cpu_{kind}']:.1f})"

        return cell

    text = head
    text += row("`ical --split unit` fresh, whole process, s", secs("split_process", "fresh"))
    text += row("`ical --split unit` update, whole process, s", secs("split_process", "update"))
    text += row(
        "peak RSS fresh / update, MiB",
        lambda r: f"{rss('split_process', 'fresh')(r)} / {rss('split_process', 'update')(r)}",
    )
    text += row("`publish` fresh, whole process, s", secs("publish_process", "fresh"))
    text += row("`publish` update, whole process, s", secs("publish_process", "update"))
    text += row(
        "`publish` peak RSS fresh / update, MiB",
        lambda r: f"{rss('publish_process', 'fresh')(r)} / {rss('publish_process', 'update')(r)}",
    )
    text += row("split work-only fresh, s", secs("work", "fresh"))
    text += row("split work-only update, s", secs("work", "update"))
    text += row("floor (same files and bytes), s", secs("work", "floor"))
    text += row("files / MiB written", lambda r: f"{r['work']['files']:,} / {r['work']['bytes'] / MiB:.0f}")
    text += row("icalendar objects, whole process, s", ic("process"))
    text += row("icalendar objects, work-only, s", ic("work"))
    text += row(
        "icalendar objects, peak RSS, MiB",
        lambda r: f"{r['icalendar']['peak_rss_process'] / MiB:.0f}" if "icalendar" in r else "–",
    )
    s = report.get("startup", {})
    if s:
        text += (
            f"\nStart-up (median of {report.get('repeats', {}).get('startup', 15)}, wall (CPU) s): `cycle period` {s['seconds_period']} ({s['cpu_period']}), "
            f'`cycle due` warm {s["seconds_due"]} ({s["cpu_due"]}), `python -c "import pandas"` {s["seconds_pandas"]} '
            f"({s['cpu_pandas']}), `python -c pass` {s['seconds_python']} ({s['cpu_python']}).\n"
        )
    text += "\n| target (issue 14) | wall (CPU) | goal | |\n|---|---:|---:|---|\n"
    for name, wall, cpu, goal, ok in targets(report):
        shown = "" if wall is None else f"{wall}" + ("" if cpu is None else f" ({cpu})")
        mark = "pass" if ok else "**fail**" if ok is False else "(target at 10,000)"
        text += f"| {name} | {shown} | {goal} | {mark} |\n"
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("result", type=Path)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    report = json.loads(args.result.read_text(encoding="utf-8"))
    print_targets(targets(report))
    if args.markdown:
        print()
        print(markdown(report))


if __name__ == "__main__":
    main()
