"""A machine without kaleido or Chromium, as the README's first command meets it: the site is
published without its print PDFs (one warning line says what to install), and a chart asked
for as PNG is one error line, not a wait for ever (kaleido's sync server, finding no browser,
fails in its own thread and leaves its caller waiting)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cycle.errors import CycleError
from tests.conftest import ROOT


@pytest.fixture
def no_chromium(tmp_path, monkeypatch) -> Path:
    """A PATH that holds no browser (nothing at all: cycle finds Python by its own path)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture
def no_kaleido(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "kaleido", None)  # `import kaleido` raises ImportError


def test_image_browser_names_what_to_install(no_chromium):
    from cycle.views.charts import image_browser

    with pytest.raises(CycleError) as e:
        image_browser()
    assert e.value.da == "PDF, PNG og SVG kræver Chromium: apt-get install chromium"


def test_image_browser_without_kaleido(no_kaleido):
    from cycle.views.charts import image_browser

    with pytest.raises(CycleError) as e:
        image_browser()
    assert "pip install 'cycle[images]'" in e.value.en and "apt-get install chromium" in e.value.en


@pytest.mark.slow
def test_png_without_chromium_is_one_line_not_a_hang(tmp_path, no_chromium):
    out = tmp_path / "gantt.png"
    r = subprocess.run(
        [sys.executable, "-m", "cycle", "gantt", "-o", str(out)],
        env={"PATH": str(no_chromium), "PYTHONPATH": str(ROOT), "CYCLE_TODAY": "2026-11-22", "CYCLE_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        timeout=120,  # it waited for ever before
        check=False,
    )
    assert r.returncode == 2, r.stderr
    assert r.stderr == "cycle: fejl: nøgle 'output': PDF, PNG og SVG kræver Chromium: apt-get install chromium\n"
    assert not out.exists() and list(tmp_path.iterdir()) == [no_chromium]


@pytest.mark.slow
@pytest.mark.parametrize(
    "missing, needle",
    [("no_kaleido", "pip install 'cycle[images]' og apt-get install chromium"), ("no_chromium", "apt-get install")],
)
def test_publish_without_the_print_tools_makes_the_site_without_print(run, tmp_path, request, missing, needle):
    request.getfixturevalue(missing)
    out = tmp_path / "site"
    r = run("publish", "-o", out)
    assert r.code == 0, r.err
    assert r.out == f"{out}/index.html\n"
    lines = r.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cycle: advarsel: siden laves uden udskrifterne (PDF): ")
    assert needle in lines[0]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert not (out / "print").exists()
    assert 'id="print"' not in page and 'href="#print"' not in page
    assert (out / "feeds" / "all.ics").is_file() and 'id="gantt"' in page and 'id="wheel"' in page
