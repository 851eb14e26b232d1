"""Lines for the person, written without click, so the quick commands need not load it."""

from __future__ import annotations

import sys


def say(text: str = "", *, err: bool = False) -> None:
    """One line to standard output (or error), as click.echo writes it."""
    stream = sys.stderr if err else sys.stdout
    line = text + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:
        # A terminal whose encoding cannot show every character still gets the line.
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(line.encode(encoding, "replace").decode(encoding))
    stream.flush()
