"""The published site's progress panel, read in a real browser (headless Chromium).

The default run uses the example status file (calendars/lemvig-status.csv). On 1 March 2027:
nine of the twelve units concluded their 2026 agreement; the job centre, Teknisk Drift and
Borgerservice have not, 61 days after the deadline of 30 December 2026; the vision, policies,
strategies and the executive board's strategy are not adopted either (seven overdue in all).
"""

from __future__ import annotations

import pytest

from tests.conftest import require_tool


@pytest.mark.browser
@pytest.mark.slow
def test_the_site_shows_progress_and_the_overdue_by_director(run, tmp_path, monkeypatch):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    out = tmp_path / "site"
    assert run("publish", "--today", "2027-03-01", "--warn", "", "-o", out).code == 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto((out / "index.html").as_uri())
            panel = page.locator("#progress")
            lines = panel.locator("ul").first.locator("li").all_inner_texts()
            assert "Aftaledokumenter 2026: 9 af 12 indgået, 3 overskredet" in lines
            assert "Halvårsregnskab 2026: 1 af 1 udført, heraf 1 for sent" in lines  # 7 Oct, a week late
            assert panel.locator("h3").last.inner_text() == "Overskredne frister (7)"
            directors = panel.locator("h4").all_inner_texts()
            assert directors == [
                "Kommunen (fælles)",
                "Direktør for Social og Sundhed",
                "Direktør for Teknik og Miljø",
                "Kommunaldirektør",
            ]
            job_centre = panel.locator("h4:text('Direktør for Social og Sundhed') + ul li").all_inner_texts()
            assert job_centre == [
                "⚠ 2026-12-30 Frist: Aftaledokument indgået — Jobcenter Lemvig [Jobcenterchef Peter Møller] 61 dage over fristen"
            ]
            assert page.locator("nav a").first.inner_text() == "Fremdrift"
        finally:
            browser.close()
