"""Native messaging framing: a 4-byte length in this machine's byte order, then that many bytes
of UTF-8 JSON, one object per message.

Chromium refuses a message over 1 MiB from a host; breakwell holds messages to it both ways,
so a runaway or hostile page cannot make the host read gigabytes into memory. A message that
breaks a rule is skipped whole, so the next one is read from its start.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from breakwell.domain.errors import InvalidInput

MAX_MESSAGE = 1024 * 1024
_HEADER = 4
_CHUNK = 64 * 1024


class ProtocolError(InvalidInput):
    """A message the host cannot take; the stream is still in step after it."""


class MessageTooLarge(ProtocolError):
    pass


class MalformedMessage(ProtocolError):
    pass


class ConnectionClosed(InvalidInput):
    """The stream ended inside a message: nothing more can be read."""


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next message, or None when the stream ended between messages."""
    header = _read(stream, _HEADER)
    if not header:
        return None
    if len(header) < _HEADER:
        raise ConnectionClosed("the connection closed inside a message's length")
    length = int.from_bytes(header, sys.byteorder)
    if length > MAX_MESSAGE:
        _skip(stream, length)
        raise MessageTooLarge(f"a message of {length:,} bytes is over the limit ({MAX_MESSAGE:,})")
    body = _read(stream, length)
    if len(body) < length:
        raise ConnectionClosed("the connection closed inside a message")
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise MalformedMessage("a message is not UTF-8 JSON") from None
    if not isinstance(value, dict):
        raise MalformedMessage("a message must be a JSON object")
    return value


def encode_message(message: dict[str, Any]) -> bytes:
    """The framed bytes of `message`, or MessageTooLarge."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    if len(body) > MAX_MESSAGE:
        raise MessageTooLarge(
            f"a reply of {len(body):,} bytes is over the limit of {MAX_MESSAGE:,}"
        )
    return len(body).to_bytes(_HEADER, sys.byteorder) + body


def write_message(stream: IO[bytes], message: dict[str, Any]) -> None:
    stream.write(encode_message(message))
    stream.flush()


def _read(stream: IO[bytes], count: int) -> bytes:
    """Up to `count` bytes: fewer only where the stream ended."""
    parts: list[bytes] = []
    left = count
    while left:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _skip(stream: IO[bytes], count: int) -> None:
    left = count
    while left:
        part = stream.read(min(left, _CHUNK))
        if not part:
            raise ConnectionClosed("the connection closed inside a message")
        left -= len(part)
