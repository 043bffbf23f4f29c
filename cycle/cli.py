"""The command line: a thin click layer over the Python API. A :class:`CycleError` becomes one
line on stderr and exit code 2 here, at the edge.

The query path (``cycle due``, ``cycle period``) must stay light: plotly and icalendar are
imported inside the commands that need them, never at module level.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from .errors import CycleError
from .i18n import LANGS, t

FORMATS_TIMELINE = ("text", "csv", "json", "markdown", "html", "xlsx")


# --------------------------------------------------------------------------- shared options


def _lang(f):
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=lambda: os.environ.get("CYCLE_LANG", "da"),
        show_default="da",
        help="Sprog / language for user-facing text.",
    )(f)


def _model(f):
    return click.option(
        "--model",
        "-m",
        default="lemvig",
        show_default=True,
        help="A built-in model (cycle models) or the path to a model file.",
    )(f)


def _period(f):
    return click.option("--period", "-p", default=None, help="Any year of the election period (default: today's).")(f)


def _units(f):
    return click.option(
        "--units",
        "-u",
        default=None,
        type=click.Path(dir_okay=False),
        help="Organisation units CSV (default: the model's example units).",
    )(f)


def _output(f):
    return click.option("--output", "-o", default=None, type=click.Path(), help="Write to a file instead of stdout.")(f)


def _emit(data: str | bytes, output: str | None) -> None:
    if output:
        from .io import write_atomic

        write_atomic(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        click.echo(data, nl=False)


def _plan(model: str, period: str | None, units: str | None, day: date | None = None):
    from .plan import build_plan

    return build_plan(model, period, units, today=day, cache=True)


def _today() -> date:
    """Today, unless pinned by CYCLE_TODAY (reproducible reports, tests)."""
    from .period import parse_date

    pinned = os.environ.get("CYCLE_TODAY")
    return parse_date(pinned) if pinned else date.today()


# --------------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cycle")
def cli() -> None:
    """cycle: the annual cycle and election period of a Danish municipality's governance."""


@cli.command()
@_lang
def models(lang: str) -> None:
    """List the built-in models."""
    from .model import builtin_models, load_model

    for name in builtin_models():
        m = load_model(name)
        click.echo(f"{name:12} {m.name_en if lang == 'en' else m.name} — {m.description}")


@cli.command()
@click.argument("day", required=False)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@_lang
def period(day: str | None, fmt: str, lang: str) -> None:
    """The election period of DAY (default: today)."""
    from .period import parse_date, term_for
    from .views.table import to_json

    when = parse_date(day) if day else _today()
    info = term_for(when).info(when)
    if fmt == "json":
        _emit(to_json(info), None)
        return
    click.echo(
        f"{t('period', lang)}: {info['period']} ({t('year', lang)} {info['year_of_period']}, "
        f"Q{info['quarter']}, {info['date']})"
    )
    click.echo(f"{t('election', lang)}: {info['election']}")
    click.echo(f"{t('constituting', lang)}: {info['constituting_deadline']}")
    click.echo(f"{t('next_election', lang)}: {info['next_election']}")


@cli.command()
@_model
@_period
@_units
@click.option("--format", "fmt", type=click.Choice(("csv", "json")), default="csv", show_default=True)
@_output
def events(model: str, period: str | None, units: str | None, fmt: str, output: str | None) -> None:
    """The events table: one row per event, with how each date came about."""
    from .views.table import records, to_csv, to_json

    ev = _plan(model, period, units, _today()).events
    _emit(to_json(records(ev)) if fmt == "json" else to_csv(ev), output)


@cli.command()
@_model
@_period
@_units
@click.option("--format", "fmt", type=click.Choice(FORMATS_TIMELINE), default="text", show_default=True)
@_output
@_lang
def timeline(model: str, period: str | None, units: str | None, fmt: str, output: str | None, lang: str) -> None:
    """The quarter-by-quarter timeline of the election period."""
    from .views import timeline as tv
    from .views.table import to_json

    tl = tv.timeline(_plan(model, period, units, _today()), lang)
    render = {
        "text": tv.timeline_text,
        "csv": tv.timeline_csv,
        "markdown": tv.timeline_markdown,
        "html": tv.timeline_html,
        "xlsx": tv.timeline_xlsx,
        "json": lambda x, _: to_json(x),
    }[fmt]
    if fmt == "xlsx" and not output:
        raise CycleError("xlsx kræver -o FIL.xlsx", "xlsx needs -o FILE.xlsx", key="output")
    _emit(render(tl, lang), output)


@cli.command()
@_model
@_units
@click.option("--date", "day", default=None, help="A date: its quarter (default: today).")
@click.option("--quarter", "-q", default=None, help="A quarter such as 2026Q4.")
@click.option("--unit", "unit_ids", multiple=True, help="Only this unit's events (and the municipality's).")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "csv")), default="text", show_default=True)
@_output
@_lang
def due(
    model: str,
    units: str | None,
    day: str | None,
    quarter: str | None,
    unit_ids: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str,
) -> None:
    """What is being drafted, due, decided and in force in a quarter."""
    from .period import Quarter, parse_date
    from .views import due as dv
    from .views.table import plain, to_csv, to_json

    if day and quarter:
        raise CycleError("brug enten --date eller --quarter", "use either --date or --quarter", key="quarter")
    q = Quarter.parse(quarter) if quarter else Quarter.of(parse_date(day) if day else _today())
    result = dv.due(_plan(model, str(q.year), units), q, units=list(unit_ids) or None)
    if fmt == "json":
        _emit(to_json(result), output)
    elif fmt == "csv":
        import pandas as pd

        frames = [plain(result[s]).assign(section=s) for s in dv.SECTIONS]
        _emit(to_csv(pd.concat(frames, ignore_index=True)), output)
    else:
        _emit(dv.due_text(result, lang), output)


@cli.command()
@click.argument("uid")
@_model
@_period
@_units
@_lang
def explain(uid: str, model: str, period: str | None, units: str | None, lang: str) -> None:
    """How an event's date came about: its rule, source, anchor, offset and shift."""
    info = _plan(model, period or _period_of_uid(uid), units, _today()).explain(uid)
    keys = ("summary", "start", "end", "rule", "nominal", "anchor", "offset", "shift", "meeting", "source", "note")
    names = {
        "summary": t("document", lang),
        "start": t("date", lang),
        "end": "→",
        "rule": t("rule", lang),
        "nominal": t("nominal", lang),
        "anchor": t("anchor", lang),
        "offset": t("offset", lang),
        "shift": t("shift", lang),
        "meeting": t("meeting", lang),
        "source": t("source", lang),
        "note": t("note", lang),
    }
    for k in keys:
        value = info["summary_en" if k == "summary" and lang == "en" else k]
        if value:
            click.echo(f"{names[k] + ':':16} {value}")


def _period_of_uid(uid: str) -> str | None:
    parts = uid.split(".")
    return parts[1].split("-")[0] if len(parts) > 2 else None


@cli.command()
@click.argument("file", type=click.Path())
@_period
@_lang
def validate(file: str, period: str | None, lang: str) -> None:
    """Check a model file (and its units and meetings) and say what is wrong, or that it is fine."""
    from .model import load_model
    from .period import parse_term, term_for
    from .plan import build_plan

    m = load_model(file)
    # Scheduling errors (a budget reading no meeting can hold) show only when dates are built:
    # build the chosen term, or today's and the next.
    terms = [parse_term(period)] if period else [term_for(_today())]
    if not period:
        terms.append(parse_term(terms[0].first_year + 4))
    plans = [build_plan(m, term) for term in terms]
    click.echo(
        t(
            "valid",
            lang,
            file=file,
            docs=len(m.documents),
            meetings=len(m.meetings),
            events=len(plans[0].events),
            period=plans[0].term.label,
        )
    )


@cli.command()
@_model
@_period
@_units
@click.option("--unit", "unit_ids", multiple=True, help="Only these units' events (and those that concern them).")
@click.option("--document", "documents", multiple=True, help="Only these documents.")
@click.option("--level", "levels", multiple=True, help="Only these levels (politisk, administrativt).")
@click.option(
    "--kinds",
    default="deadline,milestone",
    show_default=True,
    help="Comma-separated: deadline, milestone, drafting, validity, meeting.",
)
@click.option(
    "--feed", is_flag=True, help="A subscription feed (calendar name, refresh hints) instead of an import file."
)
@click.option("--warn", default=None, help="Add warning events this long before each deadline, e.g. 14d or 2w.")
@click.option("--split", type=click.Choice(("unit",)), default=None, help="One feed per unit, into the -o directory.")
@click.option("--output", "-o", required=True, type=click.Path(), help="FILE.ics, or a directory with --split unit.")
@click.option("--force", is_flag=True, help="Overwrite a file or directory that cycle did not write.")
@_lang
def ical(
    model: str,
    period: str | None,
    units: str | None,
    unit_ids: tuple[str, ...],
    documents: tuple[str, ...],
    levels: tuple[str, ...],
    kinds: str,
    feed: bool,
    warn: str | None,
    split: str | None,
    output: str,
    force: bool,
    lang: str,
) -> None:
    """Deadlines as iCalendar, to import into or subscribe from Outlook."""
    from .views import ical as iv

    opts = iv.Options(
        kinds=iv.parse_kinds(kinds),
        units=unit_ids,
        documents=documents,
        levels=levels,
        feed=feed or bool(split),
        warn_days=iv.parse_warn(warn),
        lang=lang,
    )
    plan = _plan(model, period, units, _today())
    if split:
        iv.export_split(plan, output, opts, force=force)
    else:
        iv.export(plan, output, opts, force=force)


def _today_option(f):
    return click.option("--today", "today", default=None, help="The date the chart marks as today (default: today).")(f)


@cli.command()
@_model
@_period
@_units
@_today_option
@click.option("--expand-units", is_flag=True, help="A row per unit under per-unit documents.")
@click.option(
    "--plotlyjs",
    type=click.Choice(("inline", "cdn")),
    default="inline",
    show_default=True,
    help="inline works offline; cdn makes a small file that needs the internet.",
)
@click.option("--output", "-o", required=True, type=click.Path(), help="FILE.html, .png or .svg")
@_lang
def gantt(
    model: str,
    period: str | None,
    units: str | None,
    today: str | None,
    expand_units: bool,
    plotlyjs: str,
    output: str,
    lang: str,
) -> None:
    """The election-period Gantt chart."""
    from .period import parse_date
    from .views import charts

    day = parse_date(today) if today else _today()
    plan = _plan(model, period or str(day.year), units, day)
    charts.write_figure(
        charts.gantt(plan, lang=lang, today=day, expand_units=expand_units), output, "cycle-gantt", plotlyjs
    )


@cli.command()
@_model
@_units
@click.option("--year", type=int, default=None, help="The year (default: this year).")
@_today_option
@click.option("--plotlyjs", type=click.Choice(("inline", "cdn")), default="inline", show_default=True)
@click.option("--output", "-o", required=True, type=click.Path(), help="FILE.html, .png or .svg")
@_lang
def wheel(
    model: str, units: str | None, year: int | None, today: str | None, plotlyjs: str, output: str, lang: str
) -> None:
    """The årshjul: the year's windows and deadlines around twelve months."""
    from .period import parse_date
    from .views import charts

    day = parse_date(today) if today else _today()
    year = year or day.year
    plan = _plan(model, str(year), units, day)
    charts.write_figure(charts.wheel(plan, year, lang=lang, today=day), output, "cycle-wheel", plotlyjs)


@cli.command()
@_model
@_period
@_units
@_today_option
@click.option("--base-url", default="", help="Where the site is served, for the feeds' full addresses.")
@click.option("--warn", default="14d", show_default=True, help="Warning events before each deadline ('' for none).")
@click.option("--output", "-o", default="site", show_default=True, type=click.Path(file_okay=False))
@_lang
def publish(
    model: str,
    period: str | None,
    units: str | None,
    today: str | None,
    base_url: str,
    warn: str,
    output: str,
    lang: str,
) -> None:
    """A static site for the intranet: charts, timeline, due this quarter and Outlook feeds."""
    from .period import parse_date
    from .views import ical as iv
    from .views import site

    day = parse_date(today) if today else _today()
    plan = _plan(model, period, units, day)
    site.publish(plan, output, today=day, lang=lang, base_url=base_url, warn_days=iv.parse_warn(warn))
    click.echo(f"{output}/index.html")


# --------------------------------------------------------------------------- entry point


def _lang_of(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return os.environ.get("CYCLE_LANG", "da")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        cli.main(args=argv, prog_name="cycle", standalone_mode=False)
    except CycleError as e:
        click.echo(f"cycle: {t('error', lang)}: {e.message(lang)}", err=True)
        sys.exit(2)
    except click.ClickException as e:
        click.echo(f"cycle: {t('error', lang)}: {e.format_message()}", err=True)
        sys.exit(2)
    except click.Abort:
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
    except KeyboardInterrupt:
        sys.exit(130)
