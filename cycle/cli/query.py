"""Commands that answer on stdout (or ``-o FILE``): models, period, events, timeline, due,
explain, validate. ``due`` and ``period`` are the query path: they never import plotly or
icalendar, so every import of a view happens inside the command that needs it."""

from __future__ import annotations

from datetime import date

import click

from ..errors import CycleError
from ..i18n import t
from .options import (
    PlanInputs,
    emit,
    format_option,
    lang_option,
    output_option,
    period_option,
    plan_options,
    to_date,
    today,
)


@click.command()
@lang_option
def models(lang: str) -> None:
    """List the built-in models."""
    from ..model import builtin_models, load_model

    for name in builtin_models():
        m = load_model(name)
        click.echo(f"{name:12} {m.name_en if lang == 'en' else m.name} — {m.description}")


@click.command()
@click.argument("day", required=False, callback=to_date)
@format_option("text", "json")
@lang_option
def period(day: date | None, fmt: str, lang: str) -> None:
    """The election period of DAY (default: today)."""
    from ..period import term_for

    day = day or today()
    info = term_for(day).info(day)
    if fmt == "json":
        from ..views.table import to_json

        emit(to_json(info), None)
        return
    from ..views.words import format_date

    def when(key: str) -> str:
        return format_date(date.fromisoformat(str(info[key])), lang)

    click.echo(
        f"{t('period', lang)}: {info['period']} ({t('year', lang)} {info['year_of_period']}, "
        f"Q{info['quarter']}, {when('date')})"
    )
    click.echo(f"{t('election', lang)}: {when('election')}")
    click.echo(f"{t('constituting', lang)}: {when('constituting_deadline')}")
    click.echo(f"{t('next_election', lang)}: {when('next_election')}")


@click.command()
@plan_options()
@format_option("csv", "json", "xlsx")
@output_option()
@lang_option
def events(inputs: PlanInputs, fmt: str, output: str | None, lang: str) -> None:
    """The events table: one row per event, with how each date came about (xlsx: a sheet to
    filter, in the --lang language; csv and json: the machine formats)."""
    from ..views.table import records, to_csv, to_json

    if fmt == "xlsx" and not output:
        raise CycleError("xlsx kræver -o FIL.xlsx", "xlsx needs -o FILE.xlsx", key="output")
    ev = inputs.plan().events
    if fmt == "xlsx":
        from ..views.events_xlsx import events_xlsx

        emit(events_xlsx(ev, lang), output)
    else:
        emit(to_json(records(ev)) if fmt == "json" else to_csv(ev), output)


@click.command()
@plan_options()
@format_option("text", "csv", "json", "markdown", "html", "xlsx", "pdf")
@click.option(
    "--paper", type=click.Choice(("a3", "a4")), default="a3", show_default=True, help="A pdf's sheet (landscape)."
)
@output_option()
@lang_option
def timeline(inputs: PlanInputs, fmt: str, paper: str, output: str | None, lang: str) -> None:
    """The quarter-by-quarter timeline of the election period."""
    from ..views import timeline as tv
    from ..views.pdf import timeline_pdf
    from ..views.table import to_json
    from ..views.timeline_xlsx import timeline_xlsx

    if output and output.lower().endswith(".pdf") and fmt == "text":
        fmt = "pdf"  # -o X.pdf says which
    if fmt in ("xlsx", "pdf") and not output:
        raise CycleError(f"{fmt} kræver -o FIL.{fmt}", f"{fmt} needs -o FILE.{fmt}", key="output")
    tl = tv.timeline(inputs.plan(), lang)
    render = {
        "text": tv.timeline_text,
        "csv": tv.timeline_csv,
        "markdown": tv.timeline_markdown,
        "html": tv.timeline_html,
        "xlsx": timeline_xlsx,
        "pdf": lambda x, lg: timeline_pdf(x, lg, paper),
        "json": lambda x, _: to_json(x),
    }[fmt]
    emit(render(tl, lang), output)


@click.command()
@plan_options(period=False)
@click.option("--date", "day", default=None, callback=to_date, help="A date: its quarter (default: today).")
@click.option("--quarter", "-q", default=None, help="A quarter such as 2026Q4.")
@click.option("--unit", "unit_ids", multiple=True, help="Only this unit's events (and the municipality's).")
@format_option("text", "json", "csv")
@output_option()
@lang_option
def due(
    inputs: PlanInputs,
    day: date | None,
    quarter: str | None,
    unit_ids: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str,
) -> None:
    """What is being drafted, due, decided and in force in a quarter."""
    from ..period import Quarter
    from ..views import due as dv
    from ..views.table import plain, to_csv, to_json

    if day and quarter:
        raise CycleError("brug enten --date eller --quarter", "use either --date or --quarter", key="quarter")
    q = Quarter.parse(quarter) if quarter else Quarter.of(day or today())
    # Progress as of --date (else today): what the status file knew then.
    result = dv.due(inputs.plan(q.year, day=day, memo=True), q, units=list(unit_ids) or None)
    if fmt == "json":
        emit(to_json(result), output)
    elif fmt == "csv":
        import pandas as pd

        frames = [plain(result[s]).assign(section=s) for s in dv.SECTIONS]
        emit(to_csv(pd.concat(frames, ignore_index=True)), output)
    else:
        emit(dv.due_text(result, lang), output)


# The fields ``explain`` shows, in order, with the word each is labelled by (i18n keys).
_EXPLAINED = {
    "summary": "document",
    "start": "date",
    "end": "",
    "rule": "rule",
    "nominal": "nominal",
    "anchor": "anchor",
    "offset": "offset",
    "shift": "shift",
    "meeting": "meeting",
    "source": "source",
    "note": "note",
}


@click.command()
@click.argument("uid")
@plan_options()
@lang_option
def explain(uid: str, inputs: PlanInputs, lang: str) -> None:
    """How an event's date came about: its rule, source, anchor, offset and shift."""
    from ..plan.uid import parse

    # The plan that lists the event is the one of its start's year; for a document carried
    # over from the previous term that is not the term in the UID.
    info = inputs.plan(parse(uid).plan_year).explain(uid, lang)
    for key, word in _EXPLAINED.items():
        value = info["summary_en" if key == "summary" and lang == "en" else key]
        if value:
            click.echo(f"{(t(word, lang) if word else '→') + ':':16} {value}")


@click.command()
@click.argument("file", type=click.Path())
@period_option
@lang_option
def validate(file: str, period: str | None, lang: str) -> None:
    """Check a model file (and its units and meetings) and say what is wrong, or that it is fine."""
    from ..model import load_model
    from ..period import parse_term, term_for
    from ..plan import build_plan

    m = load_model(file)
    # Scheduling errors (a budget reading no meeting can hold) show only when dates are built:
    # build the chosen term, or today's and the next.
    terms = [parse_term(period)] if period else [term_for(today())]
    if not period:
        terms.append(parse_term(terms[0].first_year + 4))
    plans = [build_plan(m, term) for term in terms]
    from ..ledger import attach

    attach(plans[0], day=today(), clock=today())  # the model's status file: every row names a deadline
    for plan in plans:  # a treatment the meetings push past its deadline
        if plan.problems:
            raise plan.problems[0]
    counts = {"docs": len(m.documents), "meetings": len(m.meetings), "events": len(plans[0].events)}
    click.echo(t("valid", lang, file=file, period=plans[0].term.label, **counts))
