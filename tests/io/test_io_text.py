"""Hostile text in a model reaches no file raw: a NUL, a bell and a right-to-left override in a
document's title (the NUL made openpyxl raise IllegalCharacterError) are removed from every
workbook, CSV and calendar; a model saved with a byte order mark (Notepad) is read as meant."""

from __future__ import annotations

import zipfile

import pytest

from tests.io.test_io_corpus import DOC, HEAD

HOSTILE = 'title = "Bud\\u0000get\\u0007 \\u202eNord"'
CLEAN = "Budget Nord"
RAW = ("\x00", "\x07", "\u202e")


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text(HEAD + DOC.replace('title = "Budget"', HOSTILE), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["events", "--format", "xlsx"], "e.xlsx"),
        (["timeline", "--format", "xlsx"], "t.xlsx"),
        (["events", "--format", "csv"], "e.csv"),
        (["ical"], "f.ics"),
    ],
    ids=["events-xlsx", "timeline-xlsx", "events-csv", "ical"],
)
def test_control_characters_never_reach_a_file(run, tmp_path, model, args, name):
    out = tmp_path / name
    r = run(*args, "--model", model, "--period", "2026", "-o", out)
    assert r.code == 0, r.err
    if out.suffix == ".xlsx":
        with zipfile.ZipFile(out) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    else:
        text = out.read_text(encoding="utf-8")
    assert CLEAN in text
    assert not any(c in text for c in RAW)


def test_a_model_with_a_byte_order_mark_is_read_as_meant(run, tmp_path):
    path = tmp_path / "model.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + DOC).encode("utf-8"))
    r = run("validate", path, "--lang", "en")
    assert r.code == 0, r.err
    # one October deadline in each of the term's four years
    assert "1 documents" in r.out and "4 events in 2026-2029" in r.out
