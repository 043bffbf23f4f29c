"""WCAG 2.1 AA, the rule for Danish public bodies' web pages (intranets included): every HTML
output, checked by axe-core (Deque's engine, tests/js) inside the real Chromium, has no
violation of the WCAG 2.0/2.1 A and AA rules; and what axe cannot judge is checked by hand:
language and title, a text alternative beside every chart, scrolling regions reachable by
keyboard, past items said in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from cycle.cli import main
from tests.conftest import CALENDARS, require_tool
from tests.views.conftest import JS

AXE = JS / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Areas and names that sort differently in Danish than by code point, and one hostile name.
EXTRA_UNITS = (
    "aeroeskov,Ærøskov Plejecenter,Ældre og sundhed,Leder Å,Direktør\n"
    "boegely,Bøgely Plejehjem,Ældre og sundhed,Leder B,Direktør\n"
    'evil,"<img src=x onerror=alert(1)>",Øvrige & andet,Leder <b>x</b>,Direktør\n'
)


def _cycle(*args: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([*args])
        raise SystemExit(0)
    assert done.value.code == 0, args


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every HTML output cycle writes, in Danish and in English."""
    out = tmp_path_factory.mktemp("a11y")
    units = out / "units.csv"
    units.write_text((CALENDARS / "lemvig-units.csv").read_text(encoding="utf-8") + EXTRA_UNITS, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("CYCLE_TODAY", "2026-11-22")
    mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
    made = {}
    try:
        for lang in ("da", "en"):
            common = ["--units", str(units), "--lang", lang]
            _cycle("publish", *common, "-o", str(out / f"site-{lang}"))
            made[f"site-{lang}"] = out / f"site-{lang}" / "index.html"
            for name, args in {
                "timeline": ["timeline", "--format", "html"],
                "gantt": ["gantt", "--expand-units"],
                "wheel": ["wheel", "--year", "2026"],
            }.items():
                made[f"{name}-{lang}"] = out / f"{name}-{lang}.html"
                _cycle(*args, *common, "-o", str(made[f"{name}-{lang}"]))
    finally:
        mp.undo()
    return made


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: run the README's test command (npm ci in tests/js)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


NAMES = [f"{n}-{lang}" for lang in ("da", "en") for n in ("site", "timeline", "gantt", "wheel")]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_axe_finds_no_wcag_violation(pages, browser, name):
    page = _open(browser, pages[name])
    try:
        # the folded lists open too, so axe sees every unit's name and feed
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_AA,
        )
    finally:
        page.close()
    found = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == []
    assert len(result["passes"]) >= 10  # axe really ran its rules on the page


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_language_title_text_alternative_and_keyboard(pages, browser, name):
    lang = name.rsplit("-", 1)[1]
    page = _open(browser, pages[name])
    try:
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.title().strip()
        charts = page.locator(".js-plotly-plot").count()
        # every chart is followed, in the same section or page, by a table saying what it shows
        if charts:
            tables_after = page.evaluate(
                """() => [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
                    const box = chart.closest('section') || document.body;
                    return [...box.querySelectorAll('table')].some(t =>
                        chart.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
                })"""
            )
            if name.startswith("site"):  # the Gantt's alternative is the timeline section under it
                tables_after[0] = page.locator("#timeline table.cycle-timeline").count() == 1
            assert all(tables_after), tables_after
        # a region that scrolls can be reached by Tab and is named
        for region in page.locator(".scroll").all():
            assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    finally:
        page.close()
