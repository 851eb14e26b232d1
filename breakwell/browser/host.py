"""`breakwell browser-host`: the native messaging host the browser starts for the companion.

It answers only the extension it was installed for, pushes the running breaks when the
extension says hello and whenever they change (the journal's change watcher, and due
transitions settled each poll), and saves slips and notes from the page. One thread reads
standard input; the main thread does all the journal's work; writes share a lock. It ends
when the browser closes standard input.
"""

from __future__ import annotations

import logging
import queue
import threading
from datetime import UTC
from typing import IO, Any

from breakwell.browser.ids import CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID
from breakwell.browser.protocol import ConnectionClosed, ProtocolError, read_message, write_message
from breakwell.domain.entries import Entry
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.domain.posting import posting_rules_for_extension
from breakwell.enforce.companions import BROWSER_NAME, hold_companion
from breakwell.enforce.lock import EnforcerLock
from breakwell.services import Services
from breakwell.services.companion import CompanionState
from breakwell.settings import Settings

log = logging.getLogger("breakwell.browser")

EXIT_REFUSED = 1
REFUSED = "breakwell answers only the browser companion it was installed for"
_END = object()


def caller_allowed(argv: list[str]) -> bool:
    """Whether the browser says the host was started by breakwell's own extension: Chromium
    passes the extension's origin first, Firefox the manifest's path and the extension's id."""
    if argv and argv[0].startswith("chrome-extension://"):
        return argv[0] == f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
    return len(argv) >= 2 and argv[1] == FIREFOX_EXTENSION_ID


def state_message(state: CompanionState) -> dict[str, Any]:
    return {
        "type": "state",
        "breaks": [
            {
                "id": shown.item.id,
                "mode": shown.item.mode.value,
                "strictness": shown.item.strictness.value,
                "ends_at": shown.item.ends_at.astimezone(UTC)
                .isoformat(timespec="seconds")
                .replace("+00:00", "Z"),
                "ends_text": shown.ends_text,
                "intention": shown.intention,
                "platforms": [
                    {
                        "id": platform.id,
                        "name": platform.name,
                        "domains": list(platform.domains),
                        "posting": posting_rules_for_extension(platform),
                    }
                    for platform in shown.platforms
                ],
            }
            for shown in state.breaks
        ],
    }


class _Channel:
    """Standard output, one whole message at a time."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self.closed = False

    def send(self, message: dict[str, Any]) -> None:
        with self._lock:
            if self.closed:
                return
            try:
                try:
                    write_message(self._stream, message)
                except ProtocolError as error:
                    write_message(self._stream, _error(str(error), message.get("request")))
            except OSError:
                self.closed = True  # the browser is gone; the loop ends with its input


def _error(message: str, request: object = None) -> dict[str, Any]:
    flat = message.replace("\r", " ").replace("\n", " ")
    reply: dict[str, Any] = {"type": "error", "message": flat}
    if request is not None:
        reply["request"] = request
    return reply


def _text(message: dict[str, Any], name: str, *, optional: bool = False) -> str | None:
    value = message.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"'{name}' must be text")
    return value


class _Host:
    def __init__(self, services: Services, settings: Settings, channel: _Channel) -> None:
        self._services = services
        self._runtime_dir = settings.paths.runtime_dir
        self._channel = channel
        self._watcher = services.enforcement.watch_changes()
        self._greeted = False
        self._lock: EnforcerLock | None = None
        self._last_state: dict[str, Any] | None = None
        self._last_error: str | None = None

    def handle(self, message: dict[str, Any]) -> None:
        request = message.get("request")
        if request is not None and (isinstance(request, bool) or not isinstance(request, int)):
            self._channel.send(_error("'request' must be a whole number"))
            return
        try:
            reply = self._answer(message)
        except BreakwellError as error:
            reply = _error(str(error))
        if request is not None:
            reply["request"] = request
        self._channel.send(reply)

    def _answer(self, message: dict[str, Any]) -> dict[str, Any]:
        kind = message.get("type")
        if kind == "hello":
            return self._hello(message)
        if kind == "ping":
            return {"type": "pong"}
        if kind == "slip":
            break_id = message.get("break_id")
            if isinstance(break_id, bool) or not isinstance(break_id, int):
                raise InvalidInput("'break_id' must be a whole number")
            entry = self._services.companion.slip(
                break_id, _text(message, "text") or "", _text(message, "url") or ""
            )
            return _saved("slip", entry)
        if kind == "note":
            entry = self._services.companion.note(
                _text(message, "text") or "",
                _text(message, "url") or "",
                _text(message, "quote", optional=True),
            )
            return _saved("note", entry)
        shown = kind if isinstance(kind, str) else repr(kind)
        raise InvalidInput(f"unknown message type '{shown[:40]}'")

    def _hello(self, message: dict[str, Any]) -> dict[str, Any]:
        browser = _text(message, "browser") or ""
        if not BROWSER_NAME.fullmatch(browser):
            raise InvalidInput("'browser' must name the browser in lower-case letters")
        _text(message, "version", optional=True)
        if self._lock is None:
            self._lock = hold_companion(self._runtime_dir, browser)
        self._greeted = True
        self._watcher.mark()
        # The state as it stands now, with whatever time has brought settled first.
        self._services.settle()
        self._last_state = state_message(self._services.companion.state())
        return dict(self._last_state)

    def refresh(self) -> None:
        """Push the state when the journal changed or a transition came due since the last."""
        if not self._greeted:
            return
        try:
            settled = self._services.settle()
            if not settled and not self._watcher.changed():
                return
            self._watcher.mark()
            state = state_message(self._services.companion.state())
        except BreakwellError as error:
            # A database gone away: said once, and tried again at the next poll.
            if str(error) != self._last_error:
                self._last_error = str(error)
                self._channel.send(_error(str(error)))
            return
        self._last_error = None
        if state != self._last_state:
            self._last_state = state
            self._channel.send(state)

    def close(self) -> None:
        self._watcher.close()
        if self._lock is not None:
            self._lock.release()


def _saved(kind: str, entry: Entry) -> dict[str, Any]:
    return {"type": "saved", "kind": kind, "entry_id": entry.id, "break_id": entry.break_id}


def _read_all(stdin: IO[bytes], inbox: queue.Queue[object]) -> None:
    try:
        while True:
            try:
                message = read_message(stdin)
            except ProtocolError as error:
                inbox.put(error)
                continue
            except (ConnectionClosed, OSError, ValueError):
                return  # a stream cut short or closed under the reader ends it all
            if message is None:
                return
            inbox.put(message)
    except Exception:  # any other failure of the reader ends the host as well, said in the log
        log.exception("reading from the browser failed")
    finally:
        # Whatever stopped the reader, the host ends with it instead of polling on alone.
        inbox.put(_END)


def run_host(
    services: Services,
    settings: Settings,
    argv: list[str],
    stdin: IO[bytes],
    stdout: IO[bytes],
    *,
    poll: float = 1.0,
) -> int:
    """Serve the extension until standard input closes; the exit code."""
    channel = _Channel(stdout)
    if not caller_allowed(argv):
        channel.send(_error(REFUSED))
        return EXIT_REFUSED
    host = _Host(services, settings, channel)
    inbox: queue.Queue[object] = queue.Queue()
    reader = threading.Thread(
        target=_read_all, args=(stdin, inbox), name="browser-host-reader", daemon=True
    )
    reader.start()
    try:
        while not channel.closed:
            try:
                item = inbox.get(timeout=poll)
            except queue.Empty:
                item = None
            if item is _END:
                break
            if isinstance(item, ProtocolError):
                channel.send(_error(str(item)))
            elif isinstance(item, dict):
                host.handle(item)
            host.refresh()
    finally:
        host.close()
    return 0
