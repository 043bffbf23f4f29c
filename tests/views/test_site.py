"""The published site: deterministic, offline, safe with hostile names, and rendered in a real
browser (headless Chromium) with the expected number of bars and marks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cycle import build_plan
from tests.conftest import CALENDARS, ROOT, SITE_ARGS, SITE_EPOCH, require_tool

EVIL = "<script>alert(1)</script>"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def evil_units(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("units") / "units.csv"
    text = (CALENDARS / "lemvig-units.csv").read_text(encoding="utf-8")
    path.write_text(text + f'evil,"{EVIL}",Test & "quotes",Leder <b>x</b>,Direktør\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory, evil_units) -> Path:
    from cycle.cli import main

    out = tmp_path_factory.mktemp("pub") / "site"
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
    try:
        with pytest.raises(SystemExit) as done:
            main(["publish", "--units", str(evil_units), "--today", "2026-11-22", "-o", str(out)])
            raise SystemExit(0)
        assert done.value.code == 0
    finally:
        mp.undo()
    return out


@pytest.mark.slow
def test_site_files(site):
    names = {p.name for p in site.iterdir()}
    assert {"index.html", "plotly.min.js", "frister.ics", "feeds", ".cycle-site.json"} <= names
    index = json.loads((site / "feeds" / "feeds.json").read_text(encoding="utf-8"))
    assert len(index["feeds"]) == 1 + 12 + 1  # all.ics, Lemvig's twelve units and the hostile one
    page = (site / "index.html").read_text(encoding="utf-8")
    for entry in index["feeds"]:
        assert f'href="feeds/{entry["file"]}"' in page
        assert (site / "feeds" / entry["file"]).is_file()
    assert "Tilføj kalender → Fra internettet" in page
    assert '<script src="plotly.min.js"></script>' in page and "http://" not in page.split("</head>")[0]


@pytest.mark.slow
def test_hostile_names_are_text(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == page.count("</script>") == 4  # plotly.js, two figures, the URL helper


@pytest.mark.slow
def test_publish_is_deterministic_and_keeps_feed_state(run, tmp_path, monkeypatch, lemvig_site):
    out = tmp_path / "site"  # published at SITE_EPOCH, then again later with nothing changed
    shutil.copytree(lemvig_site, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SITE_EPOCH) + 1_000_000))
    assert run(*SITE_ARGS, "-o", out).code == 0
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    changed = {str(k) for k in first if first[k] != second[k]}
    # only DTSTAMP follows SOURCE_DATE_EPOCH, and the printed PDFs' dates; SEQUENCE and
    # LAST-MODIFIED stay (the calendars' state beside them names their bytes, so it follows them)
    assert changed and all(name.endswith((".ics", ".cycle-state", ".pdf")) for name in changed)
    dated = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")
    for name in changed:
        if name.endswith(".pdf"):
            assert dated.sub(b"", first[Path(name)]) == dated.sub(b"", second[Path(name)])
            continue
        if name.endswith(".cycle-state"):  # the calendar's digest moved; every event's state is the same
            assert first[Path(name)].split(b"\n")[1:] == second[Path(name)].split(b"\n")[1:]
            continue
        old, new = first[Path(name)].split(b"\r\n"), second[Path(name)].split(b"\r\n")
        diff = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        assert diff and all(a.startswith(b"DTSTAMP:") and b.startswith(b"DTSTAMP:") for a, b in diff)


def test_publish_never_empties_a_foreign_folder(run, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "budget.xlsx").write_text("important", encoding="utf-8")
    r = run("publish", "-o", folder)
    assert r.code == 2 and "ikke skrevet af cycle" in r.err and len(r.err.splitlines()) == 1
    assert [p.name for p in folder.iterdir()] == ["budget.xlsx"]


def drawn(events: pd.DataFrame, year: int) -> dict[str, dict[str, int]]:
    """What the charts should draw, counted from the events table alone: a bar per drafting
    window or validity period and a mark per deadline or milestone, once per document and dates
    however many units share them; the wheel only what touches ``year``. Meetings are not drawn."""
    ev = events[events["kind"] != "meeting"].drop_duplicates(["document", "kind", "start", "end", "period"])
    in_year = ev[(ev["start"].dt.year <= year) & (ev["end"].dt.year >= year)]
    bars = ev["kind"].isin(["drafting", "validity"])
    return {
        "gantt": {"bars": int(bars.sum()), "marks": int((~bars).sum())},
        "wheel": {"bars": int(bars[in_year.index].sum()), "marks": int((~bars[in_year.index]).sum())},
    }


def test_drawn_counts_by_hand():
    """The counting above, checked by hand on Lemvig (DOMAIN.md, the seed's table): in 2026 the
    four documents of 2022-2025 stay in force until their successors, drafted in 2026 and each
    adopted 30 December, take over; the agreements are drawn once for all units."""
    plan = build_plan("lemvig", 2026)
    seed_docs = ["politisk-vision", "politikker", "strategier", "direktionens-strategi"]
    ev = plan.events[plan.events["document"].isin(seed_docs)]
    # per document in 2026: carried validity + drafting (bars), the adoption deadline (mark), and
    # for the three political documents the council's treatment on 9 December (mark); the
    # executive board's strategy also has its mid-term milestone, but in 2027
    assert drawn(ev, 2026)["wheel"] == {"bars": 4 * 2, "marks": 4 + 3}
    agreements = plan.events[plan.events["document"] == "aftaledokumenter"]
    # twelve units share each of the four yearly drafting windows and deadlines: drawn once
    assert len(agreements) == 12 * 8 and drawn(agreements, 2026)["gantt"] == {"bars": 4, "marks": 4}


@pytest.mark.browser
@pytest.mark.slow
def test_browser_renders_charts_offline(site, evil_units):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    want = drawn(build_plan("lemvig", 2026, evil_units).events, 2026)
    requests, dialogs = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto((site / "index.html").as_uri())
            page.wait_for_selector("#cycle-gantt .barlayer .point")
            page.wait_for_selector("#cycle-wheel .scatterlayer .js-fill")
            count = page.locator
            assert count("#cycle-gantt .barlayer .point").count() == want["gantt"]["bars"]
            assert count("#cycle-gantt .scatterlayer .point").count() == want["gantt"]["marks"]
            segments = "[...document.querySelectorAll('#cycle-wheel .scatterlayer .js-fill')]"
            drawn_fills = page.evaluate(f"{segments}.filter(p => (p.getAttribute('d') || '').length > 20).length")
            assert drawn_fills == want["wheel"]["bars"]  # ring segments (the legend's hatch sample draws none)
            assert count("#cycle-wheel .scatterlayer .point").count() == want["wheel"]["marks"]
            page.evaluate("document.querySelectorAll('#feeds details').forEach(d => d.open = true)")
            assert EVIL in page.inner_text("#feeds")  # shown as text (in its area's folded list) …
            assert dialogs == []  # … never run
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "site.png"), full_page=True)
        finally:
            browser.close()
    assert requests and all(u.startswith("file://") for u in requests), requests
    assert any(u.endswith("plotly.min.js") for u in requests)


@pytest.mark.slow
def test_site_without_units(run, tmp_path):
    model = tmp_path / "m.toml"
    model.write_text(
        (CALENDARS / "dk.toml").read_text(encoding="utf-8").replace('id = "dk"', 'id = "lille"', 1), encoding="utf-8"
    )
    out = tmp_path / "site"
    assert run("publish", "--model", model, "-o", out).code == 0
    assert (out / "feeds" / "all.ics").is_file()
    shutil.rmtree(out)
