"""``cycle status``: the progress ledger's report, and the xlsx form to fill in. The query path:
no plotly, no icalendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import CycleError
from ..i18n import t
from .options import PlanInputs, emit, format_option, lang_option, output_option, plan_options, to_date, today


@click.command()
@plan_options(period=False)
@click.option("--date", "day", default=None, callback=to_date, help="The report's day (default: today).")
@click.option(
    "--by",
    type=click.Choice(("document", "unit", "area", "director")),
    default="document",
    show_default=True,
    help="Count per document, unit, area or director (and year).",
)
@click.option("--upcoming", default="30d", show_default=True, help="List what comes due this far ahead (30d, 4w).")
@click.option("--template", is_flag=True, help="Write the term's status form (xlsx) to -o, merging the ledger.")
@click.option("--force", is_flag=True, help="With --template: replace an -o file that is not the ledger.")
@format_option("text", "json", "csv", "markdown", "xlsx")
@output_option()
@lang_option
def status(
    inputs: PlanInputs,
    day: date | None,
    by: str,
    upcoming: str,
    template: bool,
    force: bool,
    fmt: str,
    output: str | None,
    lang: str,
) -> None:
    """What is done, late, overdue and coming, per deadline of the term, from the status file."""
    from ..ledger import attach, empty_ledger, parse_days
    from ..ledger import report as lr

    day = day or today()
    plan = inputs.plan(day.year, day=day, memo=True)
    if plan.ledger is None:  # no status file: nothing recorded yet, every deadline open or overdue
        click.echo(f"cycle: {t('warning', lang)}: {t('no_status_file', lang)}", err=True)
        plan = attach(plan, empty_ledger(), day=day, clock=today())
    if template:
        _template(inputs, plan, output, force=force, lang=lang)
        return
    if fmt == "xlsx" and not output:
        raise CycleError("xlsx kræver -o FIL.xlsx", "xlsx needs -o FILE.xlsx", key="output")
    name = plan.model.name_en if lang == "en" else plan.model.name
    r = lr.Report(name, plan.term.label, day, by=by, upcoming=parse_days(upcoming, key="upcoming"), lang=lang)
    emit(lr.RENDERERS[fmt](plan.progress, r), output)


def _template(inputs: PlanInputs, plan, output: str | None, *, force: bool, lang: str) -> None:
    from ..ledger.template import write_template

    if not output or not output.lower().endswith(".xlsx"):
        raise CycleError("--template kræver -o FIL.xlsx", "--template needs -o FILE.xlsx", key="output")
    source = plan.ledger.path
    target = Path(output)
    if target.exists() and not force and (source is None or target.resolve() != Path(source).resolve()):
        raise CycleError(
            "findes allerede og er ikke statusfilen: flet den ind med --status FIL, eller brug --force",
            "exists and is not the status file: merge it with --status FILE, or use --force",
            file=target,
            key="output",
        )
    emit(write_template(plan, plan.ledger, today=today(), lang=lang, plan_for=None), output)
