"""The `breakwell` command group and the one place errors become messages and exit codes.

Exit codes: 0 ok, 1 refused by a rule (a locked break, a running cool-down), 2 bad input
(including an unreadable config or database), 130 interrupted, 70 a bug.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

import click
from click.exceptions import NoArgsIsHelpError

from breakwell import __version__
from breakwell.cli.context import CliContext, current
from breakwell.cli.lazy import LazyCommands
from breakwell.domain.errors import BreakwellError

# Each command by name, and where it lives (in breakwell.cli.commands): only the one run is
# imported.
COMMANDS = {
    "start": "breaks:start",
    "status": "breaks:status",
    "extend": "breaks:extend",
    "stop": "breaks:stop",
    "cancel": "breaks:cancel",
    "note": "journal:note",
    "slip": "journal:slip",
    "search": "journal:search",
    "edit": "entries:edit",
    "delete": "entries:delete",
    "people": "people:people",
    "reflect": "review:reflect",
    "history": "review:history",
    "show": "review:show",
    "review": "weekly:review",
    "export": "transfer:export",
    "import": "transfer:import_",
    "paths": "system:paths",
    "doctor": "system:doctor",
    "events": "system:events",
    "db": "database:database",
    "plan": "plans:plan",
    "commit": "commitments:commit",
    "prompts": "prompts:prompts",
    "daemon": "enforce:daemon",
    "unblock": "enforce:unblock",
    "blocking": "enforce:blocking",
    "browser": "browser:browser",
    "browser-host": "browser:browser_host",
    "demo": "demo:demo",
}
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BUG = 70
DEBUG_ENV = "BREAKWELL_DEBUG"


def _fail(message: str, code: int) -> NoReturn:
    # Messages may quote what the person typed; keep them to one line whatever it held.
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    click.echo(f"breakwell: {flat}", err=True)
    sys.exit(code)


class BreakwellGroup(click.Group):
    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        _refuse_undecodable(sys.argv[1:] if args is None else args)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except BreakwellError as error:
            _fail(str(error), error.exit_code)
        except NoArgsIsHelpError as error:
            # A group run without a command: its help, as click shows it, is the answer.
            error.show()
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "breakwell"
            command = where.removeprefix("breakwell").strip()
            prefix = f"{command}: " if command else ""
            _fail(f"{prefix}{error.format_message()} (see: {where} --help)", EXIT_USAGE)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _fail("interrupted", EXIT_INTERRUPTED)
        except Exception as error:
            if os.environ.get(DEBUG_ENV):
                raise
            _fail(_report_bug(error), EXIT_BUG)
        sys.exit(code if isinstance(code, int) else 0)


def _refuse_undecodable(args: Sequence[str]) -> None:
    """Arguments that were not valid UTF-8 arrive with surrogates; no database can store them.

    A NUL cannot come from a real command line, only from a caller running breakwell in
    process; refused here, it never reaches a file name or the journal.
    """
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            _fail("an argument is not valid UTF-8 text", EXIT_USAGE)
        if "\x00" in arg:
            _fail("an argument holds a NUL character", EXIT_USAGE)


def _report_bug(error: Exception) -> str:
    """Log the traceback where the person can find it, and say where."""
    try:
        from breakwell.settings.logfile import write_traceback

        where = f"details in {write_traceback(error)}"
    except Exception:
        where = f"set {DEBUG_ENV}=1 for details"
    return f"unexpected error: {error} ({where})"


@click.group(
    cls=BreakwellGroup,
    invoke_without_command=True,
    commands=LazyCommands(
        {name: f"breakwell.cli.commands.{where}" for name, where in COMMANDS.items()}
    ),
)
@click.version_option(
    __version__, "--version", "-V", prog_name="breakwell", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Plan social-media breaks, keep to them, and journal what you notice.

    Run without a command to open the app.
    """
    ctx.ensure_object(CliContext)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from breakwell.tui import run_app

        cli = current()
        # The services, and the database code with them, are built once the app has drawn.
        run_app(lambda: cli.services, cli.settings)


def run() -> None:
    # Library warnings (deprecations, driver notices) are for developers, not for the person
    # at the prompt; the test suite still turns them into errors.
    warnings.simplefilter("ignore")
    cli.main(prog_name="breakwell")
