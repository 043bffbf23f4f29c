"""Writing charts: deterministic self-contained HTML, PNG/SVG through kaleido, clear refusals."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_html_is_deterministic_and_self_contained(run, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run("gantt", "--today", "2026-11-22", "-o", a).code == 0
    assert run("gantt", "--today", "2026-11-22", "-o", b).code == 0
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert 'id="cycle-gantt"' in text and '<script src="http' not in text and len(text) > 3_000_000
    c = tmp_path / "c.html"
    assert run("gantt", "--plotlyjs", "cdn", "-o", c).code == 0 and c.stat().st_size < 500_000
    assert run("wheel", "--year", "2027", "-o", tmp_path / "w.html").code == 0


def test_unknown_image_type(run, tmp_path):
    r = run("gantt", "-o", tmp_path / "g.gif")
    assert r.code == 2 and "'.gif'" in r.err and ".pdf" in r.err
    assert not (tmp_path / "g.gif").exists()


@pytest.mark.browser
@pytest.mark.slow
def test_png_and_svg_through_kaleido_and_chromium(run, tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium")
    png, svg = tmp_path / "g.png", tmp_path / "w.svg"
    assert run("gantt", "--today", "2026-11-22", "-o", png).code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    assert run("wheel", "--year", "2027", "-o", svg).code == 0
    assert b"<svg" in svg.read_bytes()[:500]


def test_image_without_kaleido_says_what_to_install(run, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_kaleido(name, *args, **kwargs):
        if name == "kaleido":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_kaleido)
    r = run("gantt", "-o", tmp_path / "g.png")
    assert r.code == 2 and "pip install 'cycle[images]'" in r.err and "chromium" in r.err
    assert not (tmp_path / "g.png").exists()
