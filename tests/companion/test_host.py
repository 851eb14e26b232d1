"""`breakwell browser-host`, run in a thread on pipes as the browser would run it."""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from breakwell.browser.host import REFUSED, run_host
from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID
from breakwell.browser.protocol import MAX_MESSAGE, read_message, write_message
from breakwell.domain.break_kinds import Mode
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind, EntryQuery
from breakwell.domain.posting import posting_rules_for_extension
from breakwell.enforce.companions import connected_companions
from breakwell.services import Services
from tests.journal import settings_of

CHROMIUM = [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
FIREFOX = [
    "/home/ann/.mozilla/native-messaging-hosts/org.breakwell.companion.json",
    FIREFOX_EXTENSION_ID,
]
# Long enough for a busy machine; every wait ends as soon as what it waits for arrives.
PATIENCE = 20.0


class Connection:
    """The browser's end of the two pipes."""

    def __init__(self, services: Services, argv: list[str]) -> None:
        into_host, self._to_host_fd = os.pipe()
        self._from_host_fd, out_of_host = os.pipe()
        self._to_host = os.fdopen(self._to_host_fd, "wb")
        self._from_host = os.fdopen(self._from_host_fd, "rb")
        self._replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.code: list[int] = []
        settings = settings_of(services)

        def host() -> None:
            with os.fdopen(into_host, "rb") as stdin, os.fdopen(out_of_host, "wb") as stdout:
                self.code.append(run_host(services, settings, argv, stdin, stdout, poll=0.02))

        def replies() -> None:
            while (message := read_message(self._from_host)) is not None:
                self._replies.put(message)
            self._replies.put(None)

        self._threads = [threading.Thread(target=host), threading.Thread(target=replies)]
        for thread in self._threads:
            thread.start()

    def send(self, message: dict[str, Any]) -> None:
        write_message(self._to_host, message)

    def send_raw(self, data: bytes) -> None:
        self._to_host.write(data)
        self._to_host.flush()

    def receive(self) -> dict[str, Any] | None:
        return self._replies.get(timeout=PATIENCE)

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        reply = self.receive()
        assert reply is not None
        return reply

    def close(self) -> int:
        """Close the host's input, as the browser does, and wait for it to end."""
        if not self._to_host.closed:
            self._to_host.close()
        for thread in self._threads:
            thread.join(timeout=PATIENCE)
        self._from_host.close()
        assert self.code, "the host did not end when its input closed"
        return self.code[0]


@pytest.fixture
def connect(services: Services) -> Iterator[Any]:
    opened: list[Connection] = []

    def open_one(argv: list[str] = CHROMIUM) -> Connection:
        opened.append(Connection(services, argv))
        return opened[-1]

    yield open_one
    for connection in opened:
        connection.close()


def start(services: Services, *platforms: str, mode: Mode = Mode.WATCH) -> int:
    planned = services.breaks.plan(
        timedelta(hours=2), platforms=platforms, mode=mode, intention="see who leads"
    )
    stored = services.breaks.start(planned)
    assert stored.id is not None
    return stored.id


def hello(connection: Connection, request: int | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "hello", "browser": "chromium", "version": "1.0"}
    if request is not None:
        message["request"] = request
    return connection.ask(message)


def nothing_written(services: Services) -> bool:
    return services.journal.search(EntryQuery()) == []


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"],
        [f"chrome-extension://{CHROMIUM_EXTENSION_ID}"],
        ["/somewhere/manifest.json", "other@example.org"],
        [FIREFOX_EXTENSION_ID],
    ],
)
def test_an_unknown_caller_gets_one_error_and_the_host_exits(connect: Any, argv: list[str]) -> None:
    connection = connect(argv)
    assert connection.receive() == {"type": "error", "message": REFUSED}
    assert connection.receive() is None
    assert connection.close() == 1


@pytest.mark.parametrize("argv", [CHROMIUM, FIREFOX, [*CHROMIUM, "--parent-window=0"]])
def test_the_extensions_it_was_installed_for_are_answered(connect: Any, argv: list[str]) -> None:
    connection = connect(argv)
    assert connection.ask({"type": "ping", "request": 3}) == {"type": "pong", "request": 3}
    assert connection.close() == 0


def test_hello_is_answered_with_the_state(services: Services, connect: Any) -> None:
    break_id = start(services, "x")
    connection = connect()
    state = hello(connection, request=1)
    x = settings_of(services).catalogue.get("x")
    assert x is not None
    assert state == {
        "type": "state",
        "request": 1,
        "breaks": [
            {
                "id": break_id,
                "mode": "watch",
                "strictness": "gentle",
                "ends_at": "2026-11-23T22:00:00Z",
                "ends_text": "Mon 22:00",
                "intention": "see who leads",
                "platforms": [
                    {
                        "id": "x",
                        "name": x.name,
                        "domains": list(x.domains),
                        "posting": posting_rules_for_extension(x),
                    }
                ],
            }
        ],
    }


def test_the_state_is_pushed_when_a_break_starts_and_ends(
    backend: str, services: Services, connect: Any
) -> None:
    """On both databases: each tells the host of a change its own way (store/changes.py)."""
    connection = connect()
    assert hello(connection)["breaks"] == []
    break_id = start(services, "instagram", mode=Mode.UNPLUG)
    pushed = connection.receive()
    assert pushed is not None
    assert [(b["id"], b["mode"]) for b in pushed["breaks"]] == [(break_id, "unplug")]
    assert "request" not in pushed
    services.breaks.stop()
    assert connection.receive() == {"type": "state", "breaks": []}


def test_a_break_that_comes_to_its_end_is_settled_and_pushed(
    backend: str, services: Services, clock: FakeClock, connect: Any
) -> None:
    start(services, "x")
    connection = connect()
    assert len(hello(connection)["breaks"]) == 1
    clock.advance(timedelta(hours=2, seconds=1))
    assert connection.receive() == {"type": "state", "breaks": []}
    assert services.breaks.status().active is None


def test_nothing_is_pushed_before_hello(services: Services, connect: Any) -> None:
    connection = connect()
    start(services, "x")
    assert connection.ask({"type": "ping"}) == {"type": "pong"}
    assert hello(connection)["breaks"] != []


def test_a_slip_from_the_block_page_is_saved_with_its_break(
    services: Services, connect: Any
) -> None:
    break_id = start(services, "instagram", mode=Mode.UNPLUG)
    connection = connect()
    hello(connection)
    reply = connection.ask(
        {
            "type": "slip",
            "break_id": break_id,
            "text": "a friend's story #friends",
            "url": "https://www.instagram.com/stories/ann/",
            "request": 5,
        }
    )
    [entry] = services.journal.search(EntryQuery())
    assert reply == {
        "type": "saved",
        "kind": "slip",
        "entry_id": entry.id,
        "break_id": break_id,
        "request": 5,
    }
    assert (entry.kind, entry.platform, entry.tags) == (EntryKind.SLIP, "instagram", ("friends",))
    assert "https://www.instagram.com/stories/ann/" in entry.text
    assert services.breaks.detail(break_id).slips == 1


def test_a_note_from_the_page_is_saved_with_break_platform_address_and_tags(
    services: Services, connect: Any
) -> None:
    break_id = start(services, "x")
    connection = connect()
    hello(connection)
    reply = connection.ask(
        {
            "type": "note",
            "text": "@ann leads, @bob follows #emulation",
            "url": "https://x.com/ann/status/1",
            "quote": "big news",
        }
    )
    [entry] = services.journal.search(EntryQuery())
    assert reply == {"type": "saved", "kind": "note", "entry_id": entry.id, "break_id": break_id}
    assert (entry.kind, entry.break_id, entry.platform) == (EntryKind.OBSERVATION, break_id, "x")
    assert (entry.tags, entry.people) == (("emulation",), ("ann", "bob"))
    assert entry.text.endswith("> big news\n\nhttps://x.com/ann/status/1")


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ({"type": "dance"}, "unknown message type 'dance'"),
        ({"text": "no type"}, "unknown message type 'None'"),
        ({"type": "note", "text": 5, "url": "https://x.com/"}, "'text' must be text"),
        ({"type": "note", "text": "hi", "url": "x.com"}, "not a web address"),
        ({"type": "note", "text": "hi", "url": "https://x.com/", "quote": 3}, "'quote'"),
        ({"type": "slip", "break_id": "1", "text": "hi", "url": "https://x.com/"}, "break_id"),
        ({"type": "slip", "break_id": True, "text": "hi", "url": "https://x.com/"}, "break_id"),
        ({"type": "slip", "break_id": 99, "text": "hi", "url": "https://x.com/"}, "#99"),
        ({"type": "hello", "browser": "../../etc"}, "'browser'"),
        ({"type": "ping", "request": "7"}, "'request' must be a whole number"),
    ],
)
def test_a_bad_request_gets_an_error_reply_and_changes_nothing(
    services: Services, connect: Any, message: dict[str, Any], error: str
) -> None:
    start(services, "x")
    connection = connect()
    reply = connection.ask({**message, **({"request": 9} if "request" not in message else {})})
    assert reply["type"] == "error"
    assert error in reply["message"]
    assert "\n" not in reply["message"]
    assert connection.ask({"type": "ping"}) == {"type": "pong"}
    assert nothing_written(services)


@pytest.mark.parametrize(
    "data",
    [
        (5).to_bytes(4, sys.byteorder) + b"{nope",
        (6).to_bytes(4, sys.byteorder) + b"[1, 2]",
        (MAX_MESSAGE + 1).to_bytes(4, sys.byteorder) + b" " * (MAX_MESSAGE + 1),
    ],
)
def test_a_malformed_or_oversized_message_gets_an_error_and_the_host_goes_on(
    services: Services, connect: Any, data: bytes
) -> None:
    break_id = start(services, "x")
    connection = connect()
    sender = threading.Thread(target=connection.send_raw, args=(data,))
    sender.start()  # a pipe holds less than a megabyte: the host reads while it is written
    reply = connection.receive()
    sender.join(timeout=PATIENCE)
    assert reply is not None and reply["type"] == "error"
    assert connection.ask({"type": "ping"}) == {"type": "pong"}
    assert nothing_written(services)
    assert services.breaks.detail(break_id).slips == 0


def test_the_companion_counts_as_connected_while_the_host_runs(
    services: Services, connect: Any
) -> None:
    runtime = settings_of(services).paths.runtime_dir
    connection = connect()
    assert connection.ask({"type": "ping"}) == {"type": "pong"}
    assert connected_companions(runtime) == []  # not before it said hello
    hello(connection)
    assert connected_companions(runtime) == ["chromium"]
    assert connection.close() == 0
    assert connected_companions(runtime) == []


class _Broken:
    """Standard input that fails in a way no stream should."""

    def read(self, _size: int = -1) -> bytes:
        raise RuntimeError("a reader that breaks")


def test_a_reader_that_dies_ends_the_host_instead_of_leaving_it_polling(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    import io
    from typing import cast

    argv = [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
    stdin = cast("io.BytesIO", _Broken())
    assert run_host(services, settings_of(services), argv, stdin, io.BytesIO(), poll=0.02) == 0
    assert "reading from the browser failed" in caplog.text
