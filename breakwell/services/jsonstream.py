"""A JSON object read one top-level member at a time, its "entries" and "breaks" lists one
item at a time.

An export of a large journal is mostly its entries, then its breaks with their answers, so
reading it this way holds one entry or break (and the small members: platforms, plans...) at
a time, whatever the file's size.
Each value is decoded by the standard library's own decoder, so what is read is what
`json.loads` reads. This reader only follows the common shape: a file it cannot follow (any
syntax error, a member given twice, text after the object) raises `NotStreamable`, and is
then read whole, where `json.loads` says exactly what is wrong with it, as it always has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

STREAMED = frozenset({"entries", "breaks"})
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_GOES_ON = re.compile(r"[0-9.eE+\-]*")
_DECODER = json.JSONDecoder()
_READ = 1 << 16


class NotStreamable(Exception):
    """The file is not one this reader follows: read it whole instead."""


def members(file: TextIO) -> Iterator[tuple[str, Any]]:
    """The top-level object's members in the file's order. The value of "entries" or
    "breaks", when it is a list, is an iterator of its items, to be read to its end before
    the next member."""
    reader = _Reader(file)
    reader.expect("{")
    seen: set[str] = set()
    if reader.peek() == "}":
        reader.pos += 1
    else:
        while True:
            key = reader.value()
            # json.loads keeps the last of two same keys; that file is read whole.
            if not isinstance(key, str) or key in seen:
                raise NotStreamable
            seen.add(key)
            reader.expect(":")
            if key in STREAMED and reader.peek() == "[":
                reader.pos += 1
                yield key, reader.items()
            else:
                yield key, reader.value()
            if reader.peek() == "}":
                reader.pos += 1
                break
            reader.expect(",")
    if reader.peek() != "":
        raise NotStreamable


class _Reader:
    def __init__(self, file: TextIO) -> None:
        self._file = file
        self._buffer = ""
        self.pos = 0
        self._ended = False

    def _more(self) -> bool:
        """Read on, keeping what is not read yet; False at the end of the file."""
        if self._ended:
            return False
        # At least as much again as is held, so a long value is decoded a few times, not many.
        chunk = self._file.read(max(_READ, len(self._buffer) - self.pos))
        if not chunk:
            self._ended = True
            return False
        self._buffer = self._buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after white space, "" at the end of the file."""
        while True:
            found = _WHITESPACE.match(self._buffer, self.pos)
            self.pos = found.end() if found else self.pos
            if self.pos < len(self._buffer) or not self._more():
                return self._buffer[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise NotStreamable
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self.pos)
            except (ValueError, RecursionError):
                # Cut short by the end of what is read so far, or wrong: read on to know.
                if self._more():
                    continue
                raise NotStreamable from None
            # A number may go on past what is read so far ("0." of "0.5" reads as 0).
            tail = _NUMBER_GOES_ON.match(self._buffer, end)
            if tail is not None and tail.end() == len(self._buffer) and self._more():
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[Any]:
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == "]":
                self.pos += 1
                return
            self.expect(",")
