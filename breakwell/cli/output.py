"""Lines for the person, written without click, so the quick commands need not load it."""

from __future__ import annotations

import sys

# The colours the commands use, by click's names and codes.
_COLOURS = {"green": 32, "red": 31, "cyan": 36}


def say(text: str = "", *, err: bool = False, bold: bool = False, fg: str | None = None) -> None:
    """One line to standard output (or error), as click.secho writes it: styled only on a
    terminal."""
    stream = sys.stderr if err else sys.stdout
    isatty = getattr(stream, "isatty", None)
    if (bold or fg) and isatty is not None and isatty():
        codes = ([f"\x1b[{_COLOURS[fg]}m"] if fg else []) + (["\x1b[1m"] if bold else [])
        text = "".join(codes) + text + "\x1b[0m"
    line = text + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:
        # A terminal whose encoding cannot show every character still gets the line.
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(line.encode(encoding, "replace").decode(encoding))
    stream.flush()
