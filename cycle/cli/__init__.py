"""The command line: a thin click layer over the Python API. A :class:`CycleError` becomes one
line on stderr, in the chosen language, and exit code 2 here, at the edge.

The options the commands share are decorators in :mod:`.options`; the commands that answer on
stdout are in :mod:`.query`, those that write files in :mod:`.export`. The query path
(``cycle due``, ``cycle period``) must stay light: plotly and icalendar are imported inside the
commands that need them, never at module level.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import threading
from typing import Any

import click

from ..errors import CycleError
from ..i18n import t
from .options import lang_of

__all__ = ["cli", "main"]

#: Each command and its module (:mod:`.query`, :mod:`.status`, :mod:`.export`), imported when
#: the command runs: ``cycle period`` need not build the options of ``cycle publish``.
COMMANDS = {
    **dict.fromkeys(("models", "period", "events", "timeline", "due", "explain", "validate"), "query"),
    "status": "status",
    **dict.fromkeys(("ical", "gantt", "wheel", "publish"), "export"),
}


class _Commands(click.Group):
    """The commands, each imported when asked for (click's recipe for lazy subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        return getattr(importlib.import_module(f"{__package__}.{module}"), cmd_name) if module else None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cycle")
def cli() -> None:
    """cycle: the annual cycle and election period of a Danish municipality's governance."""


def main(argv: list[str] | None = None) -> None:
    """The ``cycle`` program: bad input is one line on stderr and exit code 2, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]
    if "_CYCLE_COMPLETE" in os.environ:  # shell completion: click's own entry point answers
        cli.main(args, prog_name="cycle")
    meta: dict[str, Any] = {}
    try:
        # The context is made here rather than in cli.main so that its meta, where --lang keeps
        # the language, is still at hand when a command raises.
        with cli.make_context("cycle", args) as ctx:
            meta = ctx.meta
            cli.invoke(ctx)
        if argv is None:  # the program itself, not a caller in-process (tests, notebooks)
            _exit_without_teardown()
    except click.exceptions.Exit as e:  # --help, --version
        sys.exit(e.exit_code)
    except (CycleError, click.ClickException) as e:
        lang = lang_of(meta)
        message = e.message(lang) if isinstance(e, CycleError) else e.format_message()
        click.echo(f"cycle: {t('error', lang)}: {message}", err=True)
        sys.exit(2)
    except click.Abort:
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
    except OSError as e:  # the last net: an I/O error that no layer turned into a CycleError
        where = f"{e.filename}: " if e.filename else ""
        click.echo(f"cycle: {t('error', lang_of(meta))}: {where}{e.strerror or e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


def _exit_without_teardown() -> None:
    """End a successful run now: every output is closed by the command, and the interpreter's
    teardown (freeing pandas' and numpy's modules one by one, about 0.15 s) would only delay
    the prompt. The exit handlers still run (temporary folders, logging) and stdout and stderr
    are flushed first; if other threads are alive, or a flush fails (a closed pipe), the normal
    exit is left to do its work."""
    if threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)
