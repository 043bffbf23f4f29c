"""Commands that write files: ical, gantt, wheel, publish."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import PlanInputs, lang_option, option_group, output_option, plan_options, today_option

if TYPE_CHECKING:
    from ..plan import Plan
    from ..views.ical import Options

#: glibc's mallopt parameter for the size from which an allocation is a mapping of its own.
_M_MMAP_THRESHOLD = -3


def return_dropped_arrays(threshold: int = 1 << 20) -> None:
    """Make arrays of a megabyte and more mappings of their own, returned to the system when
    dropped. An export makes and drops columns of a few megabytes phase after phase; glibc's
    threshold otherwise slides up to the largest one freed, and later ones stay in the heap
    when freed, where they count in the process's memory (about 15 MiB of a 10,000-unit
    export's peak). The exporting commands only: a program's policy, not a library's. Linux and
    glibc; elsewhere nothing happens."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # no mallopt (not glibc): the default stays
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, threshold)


_PLOTLYJS = click.option(
    "--plotlyjs",
    type=click.Choice(("inline", "cdn")),
    default="inline",
    show_default=True,
    help="inline works offline; cdn makes a small file that needs the internet.",
)
_FIGURE = output_option(required=True, help="FILE.html, .png, .svg or .pdf")
_PAPER = click.option(
    "--paper", type=click.Choice(("a3", "a4")), default="a3", show_default=True, help="A .pdf's sheet (landscape)."
)


@dataclass(frozen=True)
class Calendar:
    """What ``cycle ical`` writes: the calendar options, and whether one feed per unit."""

    options: Options
    split: str | None

    def export(self, plan: Plan, output: str, *, force: bool) -> Path:
        from ..views import ical as iv

        if self.split:
            return iv.export_split(plan, output, self.options, force=force, by=self.split)
        return iv.export(plan, output, self.options, force=force)


def _calendar(
    unit_ids: tuple[str, ...],
    documents: tuple[str, ...],
    levels: tuple[str, ...],
    kinds: str,
    feed: bool,
    warn: str | None,
    split: str | None,
    lang: str,
) -> Calendar:
    from ..views import ical as iv

    options = iv.Options(
        kinds=iv.parse_kinds(kinds),
        units=unit_ids,
        documents=documents,
        levels=levels,
        feed=feed or bool(split),
        warn_days=iv.parse_warn(warn),
        lang=lang,
    )
    return Calendar(options, split=split)


calendar_options = option_group(
    "calendar",
    _calendar,
    click.option("--unit", "unit_ids", multiple=True, help="Only these units' events (and those that concern them)."),
    click.option("--document", "documents", multiple=True, help="Only these documents."),
    click.option("--level", "levels", multiple=True, help="Only these levels (politisk, administrativt)."),
    click.option(
        "--kinds",
        default="deadline,milestone",
        show_default=True,
        help="Comma-separated: deadline, milestone, drafting, validity, meeting.",
    ),
    click.option(
        "--feed", is_flag=True, help="A subscription feed (calendar name, refresh hints) instead of an import file."
    ),
    click.option("--warn", default=None, help="Add warning events this long before each deadline, e.g. 14d or 2w."),
    click.option(
        "--split",
        type=click.Choice(("unit", "area", "director")),
        default=None,
        help="One feed per unit, area or director, into the -o directory.",
    ),
    lang_option,
)


@click.command()
@plan_options()
@calendar_options
@output_option(required=True, help="FILE.ics, or a directory with --split.")
@click.option("--force", is_flag=True, help="Overwrite a file or directory that cycle did not write.")
def ical(inputs: PlanInputs, calendar: Calendar, output: str, force: bool) -> None:
    """Deadlines as iCalendar, to import into or subscribe from Outlook."""
    return_dropped_arrays()
    calendar.export(inputs.plan(), output, force=force)


@click.command()
@plan_options()
@today_option
@click.option("--expand-units", is_flag=True, help="A row per unit under per-unit documents.")
@click.option(
    "--group-units",
    type=click.Choice(("area", "director")),
    default="area",
    show_default=True,
    help="With --expand-units: a header row per area or per director.",
)
@_PLOTLYJS
@_PAPER
@_FIGURE
@lang_option
def gantt(
    inputs: PlanInputs,
    day: date,
    expand_units: bool,
    group_units: str,
    plotlyjs: str,
    paper: str,
    output: str,
    lang: str,
) -> None:
    """The election-period Gantt chart."""
    from ..views import charts
    from ..views.alternative import gantt_page

    pdf = output.lower().endswith(".pdf")  # a PDF is one sheet: the rows share its height
    plan = inputs.plan(day.year, day=day)
    fig = charts.gantt(
        plan,
        lang=lang,
        today=day,
        expand_units=expand_units,
        group_by=group_units,
        height=charts.PAGE[1] if pdf else None,
    )
    charts.write_figure(
        fig, output, "cycle-gantt", plotlyjs, page=gantt_page(plan, lang, today=day), paper=paper, lang=lang
    )


@click.command()
@plan_options(period=False)
@click.option("--year", type=int, default=None, help="The year (default: this year).")
@click.option(
    "--rings",
    default="level",
    show_default=True,
    help="A ring per: level, documents, chain (drafted, then in force), statutory (the base model's "
    "documents: the statutory year), or document ids separated by commas.",
)
@today_option
@_PLOTLYJS
@_PAPER
@_FIGURE
@lang_option
def wheel(
    inputs: PlanInputs, year: int | None, rings: str, day: date, plotlyjs: str, paper: str, output: str, lang: str
) -> None:
    """The årshjul: the year's windows and deadlines around twelve months."""
    from ..period import check_year
    from ..views import charts
    from ..views.alternative import wheel_page

    year = check_year(year, "year") if year is not None else day.year  # --year 0 is no year, not this one
    plan = inputs.plan(year, day=day)
    fig = charts.wheel(plan, year, lang=lang, today=day, rings=rings)
    charts.write_figure(
        fig, output, "cycle-wheel", plotlyjs, page=wheel_page(plan, year, lang, today=day), paper=paper, lang=lang
    )


@click.command()
@plan_options()
@today_option
@click.option("--base-url", default="", help="Where the site is served, for the feeds' full addresses.")
@click.option("--warn", default="14d", show_default=True, help="Warning events before each deadline ('' for none).")
@output_option(default="site", file_okay=False, help="The folder to publish into.")
@click.option(
    "--force", is_flag=True, help="Publish into a folder cycle did not write, or over a user's file of a site's name."
)
@lang_option
def publish(inputs: PlanInputs, day: date, base_url: str, warn: str, output: str, force: bool, lang: str) -> None:
    """A static site for the intranet: charts, timeline, due this quarter and Outlook feeds."""
    return_dropped_arrays()
    from ..errors import CycleError
    from ..i18n import t
    from ..views import ical as iv
    from ..views import site
    from ..views.charts import image_browser

    base = site.feed_base(base_url)
    if base is None:
        click.echo(f"cycle: {t('warning', lang)}: {t('base_url_warning', lang, url=base_url)}", err=True)
    try:  # the site without its print PDFs rather than none, on a machine that cannot print
        image_browser()
        print_pdfs = True
    except CycleError as e:
        click.echo(f"cycle: {t('warning', lang)}: {t('no_print_warning', lang, why=e.text(lang))}", err=True)
        print_pdfs = False
    warn_days = iv.parse_warn(warn)
    site.publish(
        inputs.plan(day.year, day=day),
        output,
        today=day,
        lang=lang,
        base_url=base or "",
        warn_days=warn_days,
        force=force,
        print_pdfs=print_pdfs,
    )
    click.echo(f"{output}/index.html")
