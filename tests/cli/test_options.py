"""The options every command shares: the language of the error line, the default period, and
options handed over as one object."""

from __future__ import annotations

import json
from dataclasses import dataclass

import click
import pytest
from click.testing import CliRunner

from cycle.cli.options import option_group

XLSX_DA = "cycle: fejl: nøgle 'output': xlsx kræver -o FIL.xlsx\n"
XLSX_EN = "cycle: error: key 'output': xlsx needs -o FILE.xlsx\n"


@pytest.mark.parametrize(
    "env, args, err",
    [
        (None, [], XLSX_DA),
        (None, ["--lang", "en"], XLSX_EN),
        ("en", [], XLSX_EN),
        ("en", ["--lang", "da"], XLSX_DA),
    ],
    ids=["default", "--lang en", "CYCLE_LANG=en", "--lang beats CYCLE_LANG"],
)
def test_an_error_raised_inside_a_command_is_in_the_chosen_language(run, monkeypatch, env, args, err):
    if env:
        monkeypatch.setenv("CYCLE_LANG", env)
    r = run("timeline", "--format", "xlsx", *args)
    assert (r.code, r.out, r.err) == (2, "", err)


@pytest.mark.parametrize(
    "args, err",
    [
        (["due", "--format", "x", "--lang", "en"], "cycle: error: Invalid value for '--format': 'x' is not one of"),
        (["due", "--lang", "en", "--format", "x"], "cycle: error: Invalid value for '--format': 'x' is not one of"),
        (["due", "--date", "2026-02-30", "--lang", "en"], "cycle: error: key 'date': invalid date '2026-02-30'"),
        (["gantt", "--today", "2026-02-30", "-o", "x.html"], "cycle: fejl: nøgle 'date': ugyldig dato '2026-02-30'"),
        (["events", "--units", "missing.csv", "--lang", "en"], "cycle: error: missing.csv: "),
        (["due", "--lang", "de"], "cycle: fejl: Invalid value for '--lang': 'de' is not one of 'da', 'en'."),
    ],
    ids=["choice before", "choice after", "callback", "callback, Danish", "units file", "bad language"],
)
def test_an_error_in_the_options_is_in_the_chosen_language_wherever_lang_stands(run, args, err):
    r = run(*args)
    assert r.code == 2 and r.err.startswith(err) and r.err.count("\n") == 1, r.err


def test_without_a_command_the_help(run):
    r = run()
    assert r.code == 0 and r.out.startswith("Usage: cycle [OPTIONS] COMMAND")
    assert run("--version").out.startswith("cycle, version ")


def test_shell_completion_lists_the_commands(run, monkeypatch):
    monkeypatch.setenv("_CYCLE_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "cycle ti")
    monkeypatch.setenv("COMP_CWORD", "1")
    r = run()
    assert (r.code, r.out) == (0, "plain,timeline\n")


# The default period: --period if given, else the term of the year the command is about. The terms
# are known by hand: 2030-2033 began on 1 January 2030 (the election of 20 November 2029).


def test_table_commands_take_todays_term(run, monkeypatch):
    monkeypatch.setenv("CYCLE_TODAY", "2030-06-01")
    assert json.loads(run("timeline", "--format", "json").out)["period"] == "2030-2033"
    assert json.loads(run("timeline", "--format", "json", "--period", "2027").out)["period"] == "2026-2029"


def test_due_takes_its_quarters_term(run):  # today is 2026-11-22 (the run fixture)
    drafted = json.loads(run("due", "--quarter", "2030Q1", "--format", "json").out)["drafting"]
    # The vision is drafted in År 1 of each term (the Lemvig table): now the 2030-2033 one's.
    assert {(d["document"], d["period"]) for d in drafted} >= {("politisk-vision", "2030-2033")}


@pytest.mark.slow
def test_charts_take_the_term_of_their_today_or_year(run, tmp_path):
    out = tmp_path / "gantt.html"
    assert run("gantt", "--today", "2031-03-01", "--plotlyjs", "cdn", "-o", out).code == 0
    assert "valgperioden 2030-2033" in out.read_text(encoding="utf-8")
    assert run("gantt", "--today", "2031-03-01", "--period", "2027", "--plotlyjs", "cdn", "-o", out).code == 0
    assert "valgperioden 2026-2029" in out.read_text(encoding="utf-8")
    # The wheel of a year outside the plan's term is an error: 2031 is drawn from the 2030 plan.
    assert run("wheel", "--year", "2031", "--plotlyjs", "cdn", "-o", tmp_path / "wheel.html").code == 0


def test_explain_takes_the_term_that_lists_a_carried_over_event(run):
    # The 2022-2025 vision stays in force from the first day of the 2026-2029 term.
    r = run("explain", "lemvig.2022.politisk-vision.g2026-1@cycle", "--lang", "en")
    assert r.code == 0, r.err
    assert "Date:            2026-01-01\n" in r.out and "Political vision (2022-2025)" in r.out


# ----- option_group


@dataclass(frozen=True)
class Pair:
    left: str
    right: int


@click.command()
@option_group("pair", Pair, click.option("--left", default="l"), click.option("--right", type=int, default=0))
@click.option("--other", default="o")
def _command(pair: Pair, other: str) -> None:
    click.echo(f"{pair!r} {other}")


def test_option_group_hands_its_options_over_as_one_object():
    r = CliRunner().invoke(_command, ["--right", "3", "--other", "x"])
    assert (r.exit_code, r.output) == (0, "Pair(left='l', right=3) x\n")
    assert "--left" in CliRunner().invoke(_command, ["--help"]).output
