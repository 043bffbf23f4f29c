"""The site as a Danish reader meets it on 22 November 2026: the quarter as "4. kvartal 2026",
dates with weekday and week, what has passed said in words, per-unit lists folded by area in
Danish alphabetical order, feed addresses on the server's address, and a print stylesheet."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool

# Three areas and five units whose Danish order differs from their ids' and code points' order.
UNITS = """id,name,area,leader,director
a1,Ærøskov Plejecenter,Ældre og sundhed,Leder A,Direktør for Social og Sundhed
a2,Bøgely Plejehjem,Ældre og sundhed,Leder B,Direktør for Social og Sundhed
a3,Østerhøj Bosted,Ældre og sundhed,Leder C,Direktør for Social og Sundhed
b1,Aabybro Skole,Børn og unge,Leder D,Direktør for Børn og Kultur
c1,Zoologisk Have,Administration,Leder E,Kommunaldirektør
"""
BAD_URL = "intranet.lemvig.dk/styring"  # no scheme


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[str, str]:
    from cycle.cli import main

    folder = tmp_path_factory.mktemp("site")
    units = folder / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
    warned = io.StringIO()  # a feed address without http(s): warned about, feeds left relative
    args = ["publish", "--units", str(units), "--today", "2026-11-22", "--base-url", BAD_URL, "-o", str(folder / "site")]
    try:
        with pytest.raises(SystemExit) as done, contextlib.redirect_stderr(warned):
            main(args)
            raise SystemExit(0)
        assert done.value.code == 0
    finally:
        mp.undo()
    (folder / "stderr.txt").write_text(warned.getvalue(), encoding="utf-8")
    return (folder / "site" / "index.html").read_text(encoding="utf-8"), str(folder)


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}">', 1)[1].split("</section>", 1)[0]


@pytest.mark.slow
def test_quarter_heading_model_name_and_danish_dates(site):
    page, _ = site
    assert "<h2>Hvad skal ske i 4. kvartal 2026 (Lemvig Kommune)</h2>" in page
    assert "opdateret søn. 22. nov. 2026 (uge 47)" in page  # 22 November 2026 is a Sunday
    due = section(page, "due")
    # the adoption deadlines of År 1: Wednesday 30 December 2026, ISO week 53
    assert '<span class="when">ons. 30. dec. 2026 (uge 53)</span>' in due
    assert "2026-12-30" not in due


@pytest.mark.slow
def test_past_items_say_so_in_words(site):
    page, _ = site
    meetings = section(page, "due").split("<h3>Møder</h3>", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li[^>]*>.*?</li>", meetings)
    # the assumed meetings in 4. kvartal 2026 (finance committee the first Wednesday of the month,
    # council the second): 7 and 14 Oct and 4 and 11 Nov lie before 22 Nov, 2 and 9 Dec after
    past = [li for li in items if "overstået" in li]
    assert len(past) == 4 and all('class="past"' in li for li in past)
    assert [re.search(r'"when">([^<]*)<', li)[1] for li in past] == [
        "ons. 7. okt. 2026 (uge 41)",
        "ons. 14. okt. 2026 (uge 42)",
        "ons. 4. nov. 2026 (uge 45)",
        "ons. 11. nov. 2026 (uge 46)",
    ]
    assert sum("overstået" not in li for li in items) == 2
    # the term's list of deadlines and milestones marks the same way, by day
    marks = section(page, "timeline")
    assert re.search(r"tirs\. 31\. mar\. 2026 \(uge 14\) <span class=\"tag\">overstået</span>", marks)
    assert re.search(r"ons\. 30\. dec\. 2026 \(uge 53\)</td>", marks)


@pytest.mark.slow
def test_units_fold_by_area_with_a_count_in_danish_order(site):
    page, _ = site
    due = section(page, "due")
    entries = re.split(r'<li(?: class="past")?><span class="when">', due)  # one per item, units inside
    agreement = next(li for li in entries if "Frist: Aftaledokument indgået" in li)
    assert "(5 enheder)" in agreement
    summaries = re.findall(r"<summary>([^<]*)</summary>", agreement)
    assert summaries == ["Administration: 1 enhed", "Børn og unge: 1 enhed", "Ældre og sundhed: 3 enheder"]
    elderly = agreement.split("Ældre og sundhed: 3 enheder", 1)[1].split("</details>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", elderly) == ["Bøgely Plejehjem", "Ærøskov Plejecenter", "Østerhøj Bosted"]
    feeds = section(page, "feeds")
    assert re.findall(r"<summary>([^<]*)</summary>", feeds) == summaries
    # Aabybro is Åbybro: it is the only one in its area, but all units sort that way, after Ø
    names = re.findall(r"<tr><td>([^<]*)</td>", feeds)
    assert names == [
        "Alle",
        "Zoologisk Have",
        "Aabybro Skole",
        "Bøgely Plejehjem",
        "Ærøskov Plejecenter",
        "Østerhøj Bosted",
    ]


@pytest.mark.slow
def test_print_stylesheet(site):
    page, _ = site
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    printing = style[style.index("@media print") :]
    assert "nav" in printing and "display: none" in printing and "zoom: var(--print-zoom" in printing
    assert "@page { size: A4 landscape" in style
    # the charts, drawn 1300 px wide for the page, print at most at 1040/1300 (the Gantt, taller
    # with the statutory rows, scales to the page's height); the wheel (an A3 sheet's proportions,
    # 1300 × 920) scales to the page's height, 660/920
    zooms = [float(z) for z in re.findall(r'<div class="scroll chart" style="--print-zoom: ([0-9.]+)" tabindex="0"', page)]
    assert len(zooms) == 2 and all(z <= 0.800 for z in zooms)
    assert '<div class="scroll chart" style="--print-zoom: 0.717" tabindex="0" role="region"' in page
    # three areas each, folded: the agreements' drafting window and deadline in the quarter, the feeds
    # (the agreements' drafting window and deadline, the units' management information on 14 Oct
    # and dialogue meetings on 18 Nov in the quarter, the feeds: five lists of three areas each)
    assert page.count('<details class="units">') == 5 * 3


@pytest.mark.browser
@pytest.mark.slow
def test_printed_site_fits_its_charts_on_landscape_pages(site, tmp_path):
    """Chromium prints the site: A4 landscape pages, the navigation left out, each chart
    scaled to the page's width (277 mm between margins: 1047 CSS px)."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    _, folder = site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto((Path(folder) / "site" / "index.html").as_uri())
            page.wait_for_selector("#cycle-wheel .main-svg")
            page.emulate_media(media="print")
            assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
            widths = page.evaluate(
                "[...document.querySelectorAll('.chart > div')].map(d => d.getBoundingClientRect().width)"
            )
            assert len(widths) == 2 and all(0 < w <= 1047 for w in widths), widths
            pdf = page.pdf(prefer_css_page_size=True)
        finally:
            browser.close()
    (tmp_path / "site.pdf").write_bytes(pdf)
    info = subprocess.run([require_tool("pdfinfo"), str(tmp_path / "site.pdf")], capture_output=True, text=True)
    width, height = (float(v) for v in info.stdout.split("Page size:")[1].split("pts")[0].split(" x "))
    assert round(width) == 842 and round(height) == 595  # A4 landscape: 297 × 210 mm in points


@pytest.mark.slow
def test_feed_addresses_on_the_base_url(lemvig_site):
    feeds = section((lemvig_site / "index.html").read_text(encoding="utf-8"), "feeds")
    assert '<td class="url">https://intranet.lemvig.dk/styring/feeds/all.ics</td>' in feeds
    assert "https://intranet.lemvig.dk/styring/feeds/enhed-lemvig-skole-" in feeds


@pytest.mark.parametrize("bad", ["intranet.lemvig.dk/styring", "ftp://intranet/", "file:///srv/site", "https://"])
def test_only_an_http_address_is_a_base_for_the_feeds(bad):
    from cycle.views.site import feed_base

    assert feed_base(bad) is None
    assert feed_base("") == ""  # none given: relative addresses, no warning
    assert feed_base("http://intranet/styring/") == "http://intranet/styring/"


@pytest.mark.slow
def test_a_base_url_that_is_not_http_gives_one_warning_line(site):
    page, folder = site
    err = (Path(folder) / "stderr.txt").read_text(encoding="utf-8")
    assert err.count("\n") == 1 and err.startswith(f"cycle: advarsel: --base-url '{BAD_URL}'") and "http(s)" in err
    assert '<td class="url">feeds/all.ics</td>' in section(page, "feeds")  # relative: the page fills in its own


@pytest.mark.slow
def test_progress_panel_dated_as_a_danish_calendar(lemvig_site):
    page = (lemvig_site / "index.html").read_text(encoding="utf-8")  # Lemvig's status file gives the panel
    assert "<h2>Fremdrift pr. søn. 22. nov. 2026 (uge 47)</h2>" in page


@pytest.mark.slow
def test_english_site(run, tmp_path):
    out = tmp_path / "site"
    r = run("publish", "--lang", "en", "--today", "2026-11-22", "--base-url", "ftp://intranet/", "-o", out)
    assert r.code == 0
    assert r.err.count("\n") == 1 and r.err.startswith("cycle: warning: --base-url 'ftp://intranet/' is not an http(s)")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "What is due in Q4 2026 (Lemvig Municipality)" in page
    assert "updated Sun 22 Nov 2026 (week 47)" in page and "Wed 30 Dec 2026 (week 53)" in page
    assert "Børn og skole: 3 units" in page and "Administration: 1 unit<" in page
