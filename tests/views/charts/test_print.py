"""The charts on paper: no two texts of the wheel overlap as Chromium draws them, and the
Gantt's today line passes behind the dates it crosses; a PDF is one landscape A3 (or A4) sheet
with its fonts embedded; SVG and PDF bytes repeat."""

from __future__ import annotations

import itertools
import re
import subprocess
from datetime import date

import pytest

from cycle import build_plan
from cycle.views import charts
from tests.conftest import DATA, require_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every drawn text of the wheel: its box from getBBox(), turned into page coordinates by the
# element's transform (the names along the rings are rotated), as four corners.
BOXES_JS = """() => [...document.querySelectorAll('.main-svg text')].flatMap(el => {
    const text = el.textContent.trim();
    if (!text || getComputedStyle(el).visibility === 'hidden') return [];
    const b = el.getBBox();
    if (!b.width || !b.height) return [];
    const m = el.getScreenCTM();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]];
    return [{text, corners: corners.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f])}];
})"""


def _overlap(a: list[list[float]], b: list[list[float]], slack: float = 0.5) -> bool:
    """Two convex quadrilaterals overlap by more than ``slack`` px (separating axis test)."""
    for poly in (a, b):
        for (x0, y0), (x1, y1) in itertools.pairwise([*poly, poly[0]]):
            nx, ny = y1 - y0, x0 - x1
            length = (nx * nx + ny * ny) ** 0.5 or 1.0
            pa = [(x * nx + y * ny) / length for x, y in a]
            pb = [(x * nx + y * ny) / length for x, y in b]
            if max(pa) - slack <= min(pb) or max(pb) - slack <= min(pa):
                return False
    return True


def test_the_overlap_test_can_fail():
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    assert _overlap(square, [[5, 5], [15, 5], [15, 15], [5, 15]])
    assert not _overlap(square, [[10, 0], [20, 0], [20, 10], [10, 10]])  # touching is fine
    diamond = [[15, 5], [20, 0], [25, 5], [20, 10]]  # rotated, beside the square's corner
    assert not _overlap(square, diamond)


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def drawn(browser, tmp_path, fig, script: str):
    """What ``script`` reads of ``fig`` as Chromium draws it on a page the sheet's size."""
    page = tmp_path / "chart.html"
    page.write_text(charts.figure_html(fig, "cycle-chart"), encoding="utf-8")
    tab = browser.new_page(viewport={"width": charts.PAGE[0], "height": charts.PAGE[1]})
    tab.goto(page.as_uri())
    tab.wait_for_selector(".main-svg .annotation text")
    found = tab.evaluate(script)
    tab.close()
    return found


@pytest.mark.parametrize(
    ("model", "units", "year", "rings"),
    [
        ("lemvig", None, 2026, "level"),
        ("lemvig", None, 2027, "chain"),
        ("lemvig", None, 2026, "statutory"),
        ("lemvig", None, 2026, "documents"),
        ("lemvig", DATA / "units-60.csv", 2026, "level"),
        ("silkeborg", None, 2026, "level"),
        ("dk", None, 2026, "level"),
    ],
)
def test_no_two_texts_of_the_wheel_overlap(browser, tmp_path, model, units, year, rings):
    plan = build_plan(model, 2026, units)
    boxes = drawn(browser, tmp_path, charts.wheel(plan, year, today=date(2026, 11, 22), rings=rings), BOXES_JS)
    marks = plan.events[plan.events["kind"].isin(["deadline", "milestone"]) & (plan.events["start"].dt.year == year)]
    if rings == "chain":  # the chain wheel draws only documents drafted and then in force
        marks = marks[marks["document"].isin([d.id for d in plan.model.chain if d.phases])]
    assert len(boxes) > 2 * 12 + len(marks.drop_duplicates(["document", "kind", "start"])) // 2  # the texts are there
    clashes = [
        (a["text"], b["text"]) for a, b in itertools.combinations(boxes, 2) if _overlap(a["corners"], b["corners"])
    ]
    assert clashes == []
    width, height = charts.PAGE  # and every text on the sheet, none cut at its edge
    outside = [b["text"] for b in boxes if not all(0 <= x <= width and 0 <= y <= height for x, y in b["corners"])]
    assert outside == []


# The Gantt's today line (the dotted red shape) and every annotation's text box, its halo (the
# text's shadow) and whether it is painted after the line (over it), as Chromium lays them out.
TODAY_JS = """() => {
    const line = [...document.querySelectorAll('.shapelayer path')]
        .find(p => getComputedStyle(p).stroke === 'rgb(192, 0, 0)');
    const l = line.getBoundingClientRect();
    return {x: l.left + l.width / 2, top: l.top, bottom: l.bottom,
            labels: [...document.querySelectorAll('.annotation')].map(a => {
        const text = a.querySelector('text'), r = text.getBoundingClientRect();
        return {text: a.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                halo: getComputedStyle(text).textShadow,
                over: Boolean(line.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)};
    })};
}"""


@pytest.mark.parametrize(("units", "today"), [(None, date(2026, 11, 22)), (DATA / "units-60.csv", date(2027, 5, 10))])
def test_the_today_line_passes_behind_the_gantts_dates(browser, tmp_path, units, today):
    # A date the line would cross goes on the mark's other side; where that side is taken,
    # the date is painted over the line with a white halo round its letters.
    plan = build_plan("lemvig", 2026, units)
    line = drawn(browser, tmp_path, charts.gantt(plan, today=today, expand_units=units is not None), TODAY_JS)
    dates = [a for a in line["labels"] if line["top"] <= a["top"] and a["bottom"] <= line["bottom"]]
    assert len(dates) > 100  # the marks' dates and numbers are there
    crossed = [a for a in dates if a["left"] < line["x"] < a["right"]]
    assert crossed  # dates with no free side: the case tests the halo
    haloed = [a for a in crossed if a["halo"].count("rgb(255, 255, 255)") == 3 and a["over"]]
    assert [a["text"] for a in crossed if a not in haloed] == []


def _pdfinfo(path) -> dict[str, str]:
    out = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _embedded(path) -> list[str]:
    out = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[-5] for line in out.splitlines()[2:]]  # the "emb" column


def test_gantt_pdf_is_one_a3_landscape_page_with_fonts(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run("gantt", "--units", DATA / "units-60.csv", "--expand-units", "-o", a).code == 0
    info = _pdfinfo(a)
    assert info["Pages"].strip() == "1"
    w, h = map(float, re.match(r"\s*([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (420, 297)  # A3, landscape
    assert "Lemvig Kommune" in info["Title"] and "2026 UTC" in info["CreationDate"]
    assert _embedded(a) and set(_embedded(a)) == {"yes"}
    assert run("gantt", "--units", DATA / "units-60.csv", "--expand-units", "-o", b).code == 0
    assert a.read_bytes() == b.read_bytes()


def test_wheel_pdf_on_a4_and_timeline_pdf(run, tmp_path):
    wheel, timeline = tmp_path / "w.pdf", tmp_path / "t.pdf"
    assert run("wheel", "--rings", "statutory", "--paper", "a4", "-o", wheel).code == 0
    w, h = map(float, re.match(r"\s*([\d.]+) x ([\d.]+) pts", _pdfinfo(wheel)["Page size"]).groups())
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (297, 210)
    assert run("timeline", "--units", DATA / "units-60.csv", "-o", timeline).code == 0
    info = _pdfinfo(timeline)
    assert info["Pages"].strip() == "1" and "A3" in info["Page size"]
    assert set(_embedded(timeline)) == {"yes"}


def test_svg_bytes_repeat(run, tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert run("gantt", "-o", a).code == 0 and run("gantt", "-o", b).code == 0
    assert a.read_bytes() == b.read_bytes()
    assert b'id="defs-cycle0"' in a.read_bytes()


def test_publish_puts_the_pdfs_under_print(lemvig_site):
    site = lemvig_site
    page = (site / "index.html").read_text(encoding="utf-8")
    section = page.split('<section id="print">', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="print/([^"]+)"', section)
    # the Gantt, the wheel of 2026 by level, of the chain and of the statutory year (Lemvig
    # includes dk), the timeline
    assert links == [
        "valgperioden.pdf", "aarshjul-2026.pdf", "aarshjul-2026-kaede.pdf", "aarshjul-2026-lovbestemt.pdf",
        "tidsramme.pdf",
    ]  # fmt: skip
    assert "<h2>Udskrift</h2>" in section and '<a href="#print">' in page
    for name in links:
        assert _pdfinfo(site / "print" / name)["Pages"].strip() == "1"
