"""The `breakwell` command group; cli/outcome.py turns its errors into messages and exit codes.

The console command starts in cli/front.py, which answers the quick commands' plain forms
without loading click and hands everything else to `run` here.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError

from breakwell import __version__
from breakwell.cli.context import CliContext, current
from breakwell.cli.lazy import LazyCommands
from breakwell.cli.outcome import EXIT_INTERRUPTED, EXIT_USAGE, fail, guarded, refuse_undecodable

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


class BreakwellGroup(click.Group):
    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        extra.pop("standalone_mode", None)
        refuse_undecodable(sys.argv[1:] if args is None else args)
        code = guarded(lambda: self._parsed_main(args, prog_name, **extra))
        sys.exit(code if isinstance(code, int) else 0)

    def _parsed_main(self, args: Sequence[str] | None, prog_name: str | None, **extra: Any) -> Any:
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except NoArgsIsHelpError as error:
            # A group run without a command: its help, as click shows it, is the answer.
            error.show()
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "breakwell"
            command = where.removeprefix("breakwell").strip()
            prefix = f"{command}: " if command else ""
            fail(f"{prefix}{error.format_message()} (see: {where} --help)", EXIT_USAGE)
        except click.ClickException as error:
            fail(error.format_message(), error.exit_code)
        except click.Abort:
            fail("interrupted", EXIT_INTERRUPTED)


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
        from breakwell.cli.answers.system import app

        app(current())


def run() -> None:
    # Library warnings (deprecations, driver notices) are for developers, not for the person
    # at the prompt; the test suite still turns them into errors.
    warnings.simplefilter("ignore")
    cli.main(prog_name="breakwell")
