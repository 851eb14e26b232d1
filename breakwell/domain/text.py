"""What characters the journal's text may hold, however it arrives: typed, imported or merged.

Tabs and line breaks are writing; every other control character (NUL above all, which
PostgreSQL cannot store and which cuts text short in many readers) and every lone surrogate
(which no UTF-8 file or database can hold) is refused, so a journal always moves whole.
"""

from __future__ import annotations

import re

from breakwell.domain.errors import InvalidInput

_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(text: str, what: str = "the text") -> str:
    """`text` unchanged, or InvalidInput naming the first character it cannot hold."""
    found = _UNWRITABLE.search(text)
    if found is not None:
        raise InvalidInput(
            f"{what} holds the control character U+{ord(found.group()):04X}, which breakwell "
            "does not keep"
        )
    return text
