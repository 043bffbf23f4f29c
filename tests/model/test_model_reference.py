"""The README's key reference is the schema's rendering, so it cannot drift from the loader."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cycle.model.schema import markdown
from tests.conftest import ROOT

START, END = "<!-- keys:start -->\n", "<!-- keys:end -->"


def test_readme_key_reference_equals_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(START) == 1 and readme.count(END) == 1
    between = readme[readme.index(START) + len(START) : readme.index(END)]
    assert between == markdown(), "run: python -m cycle.model.schema and paste it between the markers"


def test_reference_names_every_table_and_a_key_with_its_default():
    text = markdown()
    for header in ("`[model]`", "`[[document]]`", "`[[document.phase]]`", "`[[meeting]]`"):
        assert f"#### {header}\n" in text
    assert '| `landing` | text, one of `on_or_before`, `on_or_after` | `"on_or_before"` |' in text
    assert (
        "| `shift` | text, one of `previous`, `next`, `none` | `previous` for a deadline, `none` for a milestone |"
        in text
    )


@pytest.mark.slow
def test_module_prints_the_reference_in_danish_too():
    out = subprocess.run(
        [sys.executable, "-m", "cycle.model.schema", "da"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stderr == ""
    assert "| nøgle | type | standard | hvad den er |" in out.stdout
    assert "| `title` | tekst på én linje | skal angives | Titlen. |" in out.stdout
