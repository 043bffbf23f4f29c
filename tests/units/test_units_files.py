"""Units from where units live: files as Danish Excel and other tools write them, and one clear
line for each file that cannot be read. The expected units are written out by hand."""

from __future__ import annotations

import codecs

import pytest

from cycle.errors import CycleError
from cycle.units import load_units
from tests.conftest import DATA

UNITS = DATA / "units"

# What every one of the example files holds (tests/data/units/make_units_files.py wrote them).
EXPECTED = [
    ["thyboroen-skole", "Thyborøn Skole", "Børn og unge – skole", "Skoleleder Jens Bæk", "Direktør for Børn og Kultur"],
    ["afd-2-nord", "Afdeling #2 Nord", "Social; Sundhed", "Leder Åse Ørum", "Direktør for Social og Sundhed"],
    [
        "plejecenter-tangsgade",
        "Plejecenter Tangsgade",
        "Ældre, pleje",
        'Leder "Bo" Ravn',
        "Direktør for Social og Sundhed",
    ],
    ["101", "Musikskolen", "Kultur", "", "Kommunaldirektør"],
]
FILES = ["enheder-semikolon.csv", "enheder-utf8.csv", "units-comma.csv", "enheder.xlsx"]


@pytest.mark.parametrize("name", FILES)
def test_every_shape_gives_the_same_units(name):
    units = load_units(UNITS / name)
    assert list(units.columns) == ["id", "name", "area", "leader", "director"]
    assert units.values.tolist() == EXPECTED


def test_the_example_files_are_in_the_shapes_excel_writes():
    """Guards the fixtures themselves: a regenerated file must keep what the tests rely on."""
    semi = (UNITS / "enheder-semikolon.csv").read_bytes()
    assert b"\r\n" in semi and b"\xf8" in semi and b"\x96" in semi  # cp1252 ø and en dash, CRLF
    assert b"Kultur;;\r\n" in semi  # trailing separators on a data row
    assert b'"Plejecenter\nTangsgade"' in semi  # Alt+Enter: a bare LF inside quotes
    assert (UNITS / "enheder-utf8.csv").read_bytes().startswith(codecs.BOM_UTF8 + b"# EKSEMPELDATA")
    assert (UNITS / "units-comma.csv").read_bytes().startswith(b'"# EKSEMPELDATA')  # Excel quoted it


def test_xlsx_other_sheet_by_name():
    units = load_units(UNITS / "enheder.xlsx", sheet="Institutioner")
    assert units.values.tolist() == [
        ["balleskolen", "Balleskolen", "Skole", "Skoleleder Hanne Friis", "Afdelingschef for Skole"]
    ]


def test_the_built_in_example_units_still_read():
    units = load_units(DATA.parent.parent / "calendars" / "lemvig-units.csv")
    assert len(units) == 12
    assert units.iloc[0].tolist() == [
        "lemvig-skole",
        "Lemvig Skole",
        "Børn og skole",
        "Skoleleder Anne Holm",
        "Direktør for Børn og Kultur",
    ]


def test_hash_inside_a_value_is_data_and_only_a_leading_hash_comments(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text(
        "# kommentar, med komma\nid,name,area,leader,director\n"
        "x,Afdeling #2 Nord,Område #1,L,D\n#y,Udkommenteret,A,L,D\n  # z,Z,A,L,D\n",
        encoding="utf-8",
    )
    units = load_units(path)
    assert units["id"].tolist() == ["x"]  # a first cell beginning with '#' (after spaces) comments the row
    assert units.loc[0, ["name", "area"]].tolist() == ["Afdeling #2 Nord", "Område #1"]


def test_a_line_starting_with_hash_inside_a_quoted_cell_is_data(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(b'id;name;area;leader;director\r\nx;"Skole\n#2";A;L;D\r\n')
    assert load_units(path)["name"].tolist() == ["Skole #2"]


def test_column_names_in_any_case_and_order_extra_columns_ignored(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("DIREKTØR;Note;navn;ENHED;leder;Område\nD;n;N;i;L;A\n", encoding="utf-8")
    assert load_units(path).values.tolist() == [["i", "N", "A", "L", "D"]]


def test_tab_separated_utf16_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "u.txt"
    path.write_bytes("Enhed\tNavn\tOmråde\tLeder\tDirektør\r\nø\tØ\tA\tL\tD\r\n".encode("utf-16"))
    assert load_units(path).values.tolist() == [["ø", "Ø", "A", "L", "D"]]


def test_unit_ids_and_rows_are_named_by_the_files_own_row_numbers(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("# c\nid;name;area;leader;director\nx;X;A;L;D\n\ny;;A;L;D\n", encoding="utf-8")
    with pytest.raises(CycleError) as e:
        load_units(path)
    assert "row 5" in e.value.message("en") and e.value.key == "name"
    path.write_text("id;name;area;leader;director\nx;X;A;L;D\ny;Y;A;L;D\nx;Z;A;L;D\n", encoding="utf-8")
    with pytest.raises(CycleError) as e:
        load_units(path)
    assert "(rows 2 and 4)" in e.value.message("en") and e.value.rule == "x"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD = {
    "one field per line, another separator": (
        "u.csv",
        "Enhed|Navn|Område\nx|X|A\n".encode("cp1252"),
        ["u.csv", "fandt ét felt pr. linje", "er kolonnerne skilt med '|'?", "semikolon, komma eller tabulator"],
    ),
    "one field per line, no separator known": (
        "u.csv",
        b"Enheds nr\nx\n",
        ["fandt ét felt pr. linje", "hvilket tegn skiller kolonnerne?"],
    ),
    "a column missing, says what it found": (
        "u.csv",
        "Enhed;Navn;Område;Leder;Chef\r\nx;X;A;L;D\r\n".encode("cp1252"),
        ["mangler kolonne(r): director/direktør (fandt: Enhed, Navn, Område, Leder, Chef)", "nøgle 'director'"],
    ),
    "an unquoted separator in a value": (
        "u.csv",
        b"id,name,area,leader,director\nx,Skole, Nord,A,L,D\n",
        ["række 2 har 6 felter, overskriften (række 1) 5", "skilletegn"],
    ),
    "a doubled column": (
        "u.csv",
        b"id;enhed;name;area;leader;director\nx;x;X;A;L;D\n",
        ["kolonnen 'id' står flere gange ('id', 'enhed')"],
    ),
    "old xls": ("u.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), [".xls", "gem den som .xlsx eller CSV"]),
    "a damaged xlsx": ("u.xlsx", b"PK\x03\x04 not really a zip", ["kan ikke læses som Excel-regneark"]),
    "not text": ("u.csv", b"\xff\xfe\x00\x00" + bytes(range(256)), ["hverken UTF-8, UTF-16 eller Windows-1252"]),
    "binary with NUL": ("u.csv", b"id\x00name\x00\x81\x8d", ["hverken tekst (CSV) eller et Excel-regneark"]),
    "empty": ("u.csv", b"# kun en kommentar\r\n;;;;\r\n", ["enhedsfilen er tom", "id/enhed"]),
    "not there": (None, b"", ["enhedsfilen findes ikke"]),
}


@pytest.mark.parametrize("name, data, needles", BAD.values(), ids=BAD.keys())
def test_a_file_that_cannot_be_read_gets_one_line(tmp_path, name, data, needles):
    path = write(tmp_path, name, data) if name else tmp_path / "mangler.csv"
    with pytest.raises(CycleError) as e:
        load_units(path)
    line = e.value.message("da")
    assert "\n" not in line and line.startswith(str(path))
    for needle in needles:
        assert needle in line, line


def test_unknown_sheet_lists_the_sheets():
    with pytest.raises(CycleError) as e:
        load_units(UNITS / "enheder.xlsx", sheet="Ark1")
    assert "arket 'Ark1' findes ikke (ark: Enheder, Institutioner)" in e.value.message("da")
    with pytest.raises(CycleError) as e:
        load_units(UNITS / "units-comma.csv", sheet="Ark1")
    assert e.value.key == "sheet"


def test_the_cli_reads_excel_units(run):
    r = run("events", "--model", "lemvig", "--units", UNITS / "enheder.xlsx", "--format", "json")
    assert r.code == 0, r.err
    assert '"unit_name": "Plejecenter Tangsgade"' in r.out.replace('":"', '": "')
    r = run("events", "--model", "lemvig", "--units", UNITS / "enheder-semikolon.csv")
    assert r.code == 0 and "Thyborøn Skole" in r.out


def test_the_cli_says_what_it_found_in_one_line(run, tmp_path):
    path = write(tmp_path, "enheder.csv", "Enhed|Navn|Område|Leder|Direktør\r\nx|X|A|L|D\r\n".encode("cp1252"))
    r = run("events", "--units", path)
    assert r.code == 2 and r.out == ""
    assert r.err.strip().count("\n") == 0 and "fandt ét felt pr. linje" in r.err


def test_the_cli_reads_a_named_sheet(run):
    r = run("events", "--units", UNITS / "enheder.xlsx", "--sheet", "Institutioner", "--format", "json")
    assert r.code == 0, r.err
    assert '"unit": "balleskolen"' in r.out.replace('":"', '": "') and "Thyborøn" not in r.out
    r = run("due", "--units", UNITS / "enheder.xlsx", "--sheet", "Ark1")
    assert r.code == 2 and r.err.count("\n") == 1 and "arket 'Ark1' findes ikke" in r.err
    r = run("due", "--sheet", "Institutioner")
    assert r.code == 2 and "--sheet kræver --units" in r.err
