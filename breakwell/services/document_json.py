"""The export file as text: written in a stable order a record at a time, and read back with
errors a person can act on."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from breakwell.domain.document import Document, EntryRecord, as_plain
from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import fields

FORMAT = "breakwell"
VERSION = 1


def to_json(document: Document) -> str:
    """The export file's text: stable key order, UTC instants to the microsecond."""
    out = io.StringIO()
    write_json(document, document.entries, out)
    return out.getvalue()


def write_json(document: Document, entries: Iterable[EntryRecord], out: TextIO) -> None:
    """The export file written as `entries` come (in place of the document's own), the same
    text as one `json.dumps` of the whole. Each list of records is written a record at a time,
    dumped alone and indented to its place: a long-kept journal holds thousands of breaks as
    well as its entries, and their text is never held whole."""
    head = {"format": FORMAT, "version": VERSION}
    out.write("{")
    between = "\n  "
    for key, value in head.items():
        out.write(f"{between}{_dumps(key)}: {_dumps(value)}")
        between = ",\n  "
    for field in fields(document):
        out.write(f"{between}{_dumps(field.name)}: ")
        if field.name == "entries":
            _write_list(entries, out)
        else:
            _write_list(getattr(document, field.name), out)
    out.write("\n}\n")


def _write_list(items: Iterable[object], out: TextIO) -> None:
    between = "[\n    "
    for item in items:
        out.write(between + _dumps(as_plain(item)).replace("\n", "\n    "))
        between = ",\n    "
    out.write("\n  ]" if between != "[\n    " else "[]")


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_encode)


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{what} is not valid JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise too_deep(what) from None


def decode(raw: bytes, what: str) -> str:
    """A file's text: UTF-8, with or without the mark some editors put first."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{what} is not UTF-8 text (byte {error.start})") from None


def too_deep(what: str) -> InvalidInput:
    # No journal nests more than a few levels; a file that does is not one.
    return InvalidInput(f"{what} nests its lists or objects too deeply to be a journal")
