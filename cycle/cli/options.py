"""Options the commands share, as reusable decorators (click's idiom).

- :func:`plan_options`: ``--model``, ``--period``, ``--units``, ``--sheet``, handed to the command as one
  :class:`PlanInputs`, whose :meth:`PlanInputs.plan` holds the one rule for the default period.
- :func:`option_group`: any set of options handed over as one object (``cycle ical`` uses it).
- :data:`lang_option`: ``--lang``, default ``CYCLE_LANG``, else Danish. Its callback keeps the
  language in ``ctx.meta``, shared by every context of the run, so the entry point can word an
  error in it even when the error comes from inside a command.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..i18n import LANGS

if TYPE_CHECKING:
    from ..plan import Plan

F = TypeVar("F", bound=Callable[..., Any])

LANG_KEY = "cycle.lang"


# --------------------------------------------------------------------------- language


def default_lang() -> str:
    """``CYCLE_LANG`` if it names a language, else Danish."""
    lang = os.environ.get("CYCLE_LANG", "da")
    return lang if lang in LANGS else "da"


def lang_of(meta: Mapping[str, Any]) -> str:
    """The language ``--lang`` chose, from a context's meta (``CYCLE_LANG`` or Danish before it
    was read, or for a command without ``--lang``)."""
    return meta.get(LANG_KEY) or default_lang()


def _keep_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[LANG_KEY] = value
    return value


#: ``--lang``, keyword ``lang``. Eager: read before the other options, so that an error in them
#: is already worded in this language.
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="da",
    envvar="CYCLE_LANG",
    show_default=True,
    is_eager=True,
    callback=_keep_lang,
    help="Sprog / language for user-facing text (CYCLE_LANG sets the default).",
)


# --------------------------------------------------------------------------- dates


def today() -> date:
    """Today, unless pinned by CYCLE_TODAY (reproducible reports, tests)."""
    from ..period import parse_date

    pinned = os.environ.get("CYCLE_TODAY")
    return parse_date(pinned) if pinned else date.today()


def to_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """Callback: an ISO date, or None when not given (a bad date is a CycleError, key 'date')."""
    from ..period import parse_date

    return parse_date(value) if value else None


def _to_date_or_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    return to_date(ctx, param, value) or today()


today_option = click.option(
    "--today",
    "day",
    default=None,
    callback=_to_date_or_today,
    help="The date the chart marks as today (default: today).",
)


# --------------------------------------------------------------------------- grouped options


def option_group(name: str, build: Callable[..., Any], *options: Callable[[F], F]) -> Callable[[F], F]:
    """Add ``options`` to a command and hand it their values as one object, keyword ``name``,
    built by ``build`` (whose parameters are the options' names), instead of one each."""
    keys = tuple(inspect.signature(build).parameters)

    def decorator(f: F) -> F:
        @functools.wraps(f)
        def command(*args: Any, **kwargs: Any) -> Any:
            values = {k: kwargs.pop(k) for k in keys if k in kwargs}
            return f(*args, **{name: build(**values)}, **kwargs)

        for option in reversed(options):
            command = option(command)
        return command  # type: ignore[return-value]

    return decorator


@dataclass(frozen=True)
class PlanInputs:
    """What a command's plan is built from: ``--model``, ``--period``, ``--units`` (with its
    ``--sheet``, an Excel workbook's sheet; the first if not given) and ``--status``."""

    model: str = "lemvig"
    period: str | None = None
    units: str | None = None
    status: str | None = None
    sheet: str | None = None

    def plan(self, year: int | None = None, day: date | None = None, *, memo: bool = False) -> Plan:
        """The plan of ``--period``, else of the term that holds ``year`` (default: today's).

        The one rule for a command's default period: each command names the year it is about
        (``due`` its quarter's, ``gantt`` and ``publish`` their ``--today``'s, ``wheel`` its
        ``--year``, ``explain`` its UID's) and the rest take today's. The status file is applied
        as of ``day`` (default: today); ``memo``: a query's plan, kept between runs
        (:mod:`cycle.ledger.memo`).
        """
        from ..ledger.memo import Inputs, query_plan

        clock = today()
        given = Inputs(self.model, self.period or year or clock.year, self.units, self.sheet, self.status)
        return query_plan(given, day=day or clock, clock=clock, memo=memo)


_model = click.option(
    "--model",
    "-m",
    default="lemvig",
    show_default=True,
    help="A built-in model (cycle models) or the path to a model file.",
)
period_option = click.option("--period", "-p", default=None, help="Any year of the election period (default: today's).")
_units = click.option(
    "--units",
    "-u",
    default=None,
    type=click.Path(dir_okay=False),
    help="Organisation units: .xlsx or CSV, Danish or English column names (default: the model's example units).",
)
_sheet = click.option(
    "--sheet", default=None, help="With an .xlsx --units file: the sheet to read (default: the first)."
)


_status = click.option(
    "--status",
    "-s",
    default=None,
    type=click.Path(dir_okay=False),
    help="The progress ledger, CSV or xlsx (default: the model's, if it names one).",
)


def plan_options(*, period: bool = True) -> Callable[[F], F]:
    """``--model``, ``--period`` (unless ``period=False``: the command names its own),
    ``--units``, ``--sheet`` and ``--status`` as one :class:`PlanInputs`, keyword ``inputs``."""
    options = (_model, period_option, _units, _sheet, _status) if period else (_model, _units, _sheet, _status)
    return option_group("inputs", PlanInputs, *options)


# --------------------------------------------------------------------------- output


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format``, keyword ``fmt``; the first choice is the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format."
    )


def output_option(
    *, required: bool = False, default: str | None = None, file_okay: bool = True, help: str | None = None
) -> Callable[[F], F]:
    """``--output``/``-o``, keyword ``output``: a file (or folder) written atomically."""
    return click.option(
        "--output",
        "-o",
        required=required,
        default=default,
        show_default=default is not None,
        type=click.Path(file_okay=file_okay),
        help=help or "Write to a file instead of stdout.",
    )


def emit(data: str | bytes, output: str | None) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout."""
    if output:
        from ..io import write_atomic

        write_atomic(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        click.echo(data, nl=False)
