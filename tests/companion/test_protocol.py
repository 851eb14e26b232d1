"""Native messaging framing: a native-endian length, UTF-8 JSON, 1 MiB at most either way."""

import io
import json
import sys

import pytest

from breakwell.browser.protocol import (
    MAX_MESSAGE,
    ConnectionClosed,
    MalformedMessage,
    MessageTooLarge,
    encode_message,
    read_message,
    write_message,
)


def frame(body: bytes, length: int | None = None) -> bytes:
    return (len(body) if length is None else length).to_bytes(4, sys.byteorder) + body


def padded(size: int) -> dict[str, str]:
    """A message whose JSON is exactly `size` bytes."""
    return {"a": "x" * (size - len('{"a":""}'))}


def test_a_message_goes_and_comes_back_whole() -> None:
    stream = io.BytesIO()
    message = {"type": "note", "text": "Zoë watches #déjà-vu", "request": 7}
    write_message(stream, message)
    data = stream.getvalue()
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()
    assert data == frame(body)
    assert read_message(io.BytesIO(data)) == message


def test_the_end_of_the_stream_between_messages_is_none() -> None:
    stream = io.BytesIO(frame(b'{"type":"ping"}'))
    assert read_message(stream) == {"type": "ping"}
    assert read_message(stream) is None


def test_a_message_of_exactly_the_limit_is_read_and_written() -> None:
    data = encode_message(padded(MAX_MESSAGE))
    assert len(data) == 4 + MAX_MESSAGE
    assert read_message(io.BytesIO(data)) == padded(MAX_MESSAGE)


def test_a_message_over_the_limit_is_refused_and_skipped_whole() -> None:
    body = json.dumps(padded(MAX_MESSAGE + 1)).replace(" ", "").encode()
    stream = io.BytesIO(frame(body) + frame(b'{"type":"ping"}'))
    with pytest.raises(MessageTooLarge, match="over the limit"):
        read_message(stream)
    assert read_message(stream) == {"type": "ping"}


def test_a_huge_announced_length_is_refused_without_reading_it_into_memory() -> None:
    stream = io.BytesIO(frame(b"", length=2**32 - 1))
    with pytest.raises(ConnectionClosed):
        read_message(stream)


def test_a_reply_over_the_limit_is_not_written() -> None:
    stream = io.BytesIO()
    with pytest.raises(MessageTooLarge):
        write_message(stream, padded(MAX_MESSAGE + 1))
    assert stream.getvalue() == b""


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"{not json", "not UTF-8 JSON"),
        (b'{"text": "\xff"}', "not UTF-8 JSON"),
        (b"[1, 2]", "JSON object"),
        (b'"ping"', "JSON object"),
        (b"[" * 100_000, "not UTF-8 JSON"),
    ],
)
def test_a_malformed_message_is_refused_and_the_next_one_read(body: bytes, why: str) -> None:
    stream = io.BytesIO(frame(body) + frame(b'{"type":"ping"}'))
    with pytest.raises(MalformedMessage, match=why):
        read_message(stream)
    assert read_message(stream) == {"type": "ping"}


@pytest.mark.parametrize("data", [b"\x05\x00", frame(b'{"type":"ping"}')[:-3]])
def test_a_stream_cut_inside_a_message_is_closed(data: bytes) -> None:
    with pytest.raises(ConnectionClosed):
        read_message(io.BytesIO(data))
