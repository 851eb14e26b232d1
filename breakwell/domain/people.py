"""The people a person chose to write about: who they are to them, in their own words.

Nothing here is a score: a person is listed with how often and when they were written about,
which the journal already says, and with the line the person wrote about why they matter.
"""

from __future__ import annotations

from datetime import datetime

from breakwell.domain.errors import InvalidInput
from breakwell.domain.text import check_text
from breakwell.domain.values import frozen

MAX_WHY = 200


@frozen
class Person:
    name: str
    entries: int
    last_mention: datetime | None
    why: str = ""


def check_why(text: str) -> str:
    """The why line as kept: one line of at most MAX_WHY characters, spaces tidied."""
    clean = check_text(text, "a why line").strip()
    if "\n" in clean or "\r" in clean:
        raise InvalidInput("a why line is one line of text")
    clean = " ".join(clean.split())
    if not clean:
        raise InvalidInput("a why line needs some words; --clear removes one")
    if len(clean) > MAX_WHY:
        raise InvalidInput(f"a why line can be at most {MAX_WHY} characters")
    return clean
