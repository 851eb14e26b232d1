"""The one place errors become messages and exit codes, for click's commands and the front.

Exit codes: 0 ok, 1 refused by a rule (a locked break, a running cool-down), 2 bad input
(including an unreadable config or database), 130 interrupted, 70 a bug.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from breakwell.cli.output import say
from breakwell.domain.errors import BreakwellError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BUG = 70
DEBUG_ENV = "BREAKWELL_DEBUG"


def fail(message: str, code: int) -> NoReturn:
    # Messages may quote what the person typed; keep them to one line whatever it held.
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    say(f"breakwell: {flat}", err=True)
    sys.exit(code)


def guarded(work: Callable[[], object]) -> object:
    """What `work` returns; a refusal, an interruption or a bug ends the process in one line."""
    try:
        return work()
    except BreakwellError as error:
        fail(str(error), error.exit_code)
    except (EOFError, KeyboardInterrupt):
        # As click ends the line the interruption cut short, when it reads the command.
        say(err=True)
        fail("interrupted", EXIT_INTERRUPTED)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        fail(_report_bug(error), EXIT_BUG)


def refuse_undecodable(args: Sequence[str]) -> None:
    """Arguments that were not valid UTF-8 arrive with surrogates; no database can store them.

    A NUL cannot come from a real command line, only from a caller running breakwell in
    process; refused here, it never reaches a file name or the journal.
    """
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            fail("an argument is not valid UTF-8 text", EXIT_USAGE)
        if "\x00" in arg:
            fail("an argument holds a NUL character", EXIT_USAGE)


def _report_bug(error: Exception) -> str:
    """Log the traceback where the person can find it, and say where."""
    try:
        from breakwell.settings.logfile import write_traceback

        where = f"details in {write_traceback(error)}"
    except Exception:
        where = f"set {DEBUG_ENV}=1 for details"
    return f"unexpected error: {error} ({where})"
