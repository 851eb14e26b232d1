"""Firefox ESR driven over its built-in WebDriver BiDi, with no geckodriver.

Debian ships no geckodriver, and it cannot be fetched here; Firefox itself speaks WebDriver
BiDi on a websocket when started with `--remote-debugging-port`. This is the small part of the
protocol the companion's tests need: a session, installing the unpacked extension, tabs,
navigation (never waiting for a load: the tests poll for what they expect), and running script
in a page. Firefox runs headless in its own profile, with HOME and the XDG folders in the test's
temporary folder, so nothing is read from or written to the real home.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

FIREFOX = "firefox-esr"
# Firefox prints this once its BiDi server listens; port 0 lets it choose a free port.
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")
STARTUP_TIMEOUT = 60.0
COMMAND_TIMEOUT = 30.0


class BiDiError(Exception):
    """Firefox answered a command with an error, or a script threw."""


def firefox_binary() -> str | None:
    """Where Firefox ESR is, or None."""
    return shutil.which(FIREFOX)


def user_prefs(prefs: Mapping[str, object]) -> str:
    """The profile's user.js, setting each preference as Firefox reads them at startup."""
    return "".join(
        f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items()
    )


def private_environment(folder: Path, base: Mapping[str, str]) -> dict[str, str]:
    """`base` with HOME and the XDG folders moved under `folder`: Firefox writes into them even
    with its own profile, and reads native messaging manifests from HOME. (The hosts it starts
    are given the test's own runtime folder by their launcher.)"""
    environment = dict(base)
    places = {
        "HOME": folder,
        "XDG_CONFIG_HOME": folder / ".config",
        "XDG_CACHE_HOME": folder / ".cache",
        "XDG_DATA_HOME": folder / ".local" / "share",
        "XDG_STATE_HOME": folder / ".local" / "state",
        "XDG_RUNTIME_DIR": folder / "runtime",
    }
    for name, path in places.items():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        environment[name] = str(path)
    # A desktop session's display would otherwise be tried despite --headless.
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(name, None)
    environment["MOZ_HEADLESS"] = "1"
    return environment


class Firefox:
    """One headless Firefox with a BiDi session; a context manager that always ends it."""

    def __init__(
        self,
        folder: Path,
        prefs: Mapping[str, object],
        environment: Mapping[str, str],
        binary: str = FIREFOX,
    ) -> None:
        self.folder = folder
        self.profile = folder / "profile"
        self.log = folder / "firefox.log"
        self.profile.mkdir(parents=True, exist_ok=True)
        (self.profile / "user.js").write_text(user_prefs(prefs), encoding="utf-8")
        self._ids = itertools.count(1)
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: ClientConnection | None = None
        self._connection = contextlib.ExitStack()
        self._binary = binary
        self._environment = dict(environment)

    def __enter__(self) -> Firefox:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    self._binary,
                    "--headless",
                    "--no-remote",
                    "--remote-debugging-port=0",
                    "--profile",
                    str(self.profile),
                    "about:blank",
                ],
                env=self._environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        url = self._wait_for_listening()
        self._socket = self._connection.enter_context(
            connect(f"{url}/session", max_size=None, open_timeout=COMMAND_TIMEOUT)
        )
        self.command(
            "session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}}
        )

    def _wait_for_listening(self) -> str:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            found = LISTENING.search(self.log.read_text(encoding="utf-8", errors="replace"))
            if found:
                return found.group(1)
            if self._process is not None and self._process.poll() is not None:
                raise BiDiError(
                    f"Firefox exited with {self._process.returncode}: {self.log_tail()}"
                )
            time.sleep(0.1)
        raise BiDiError(
            f"Firefox did not open its BiDi port in {STARTUP_TIMEOUT}s: {self.log_tail()}"
        )

    def log_tail(self, lines: int = 20) -> str:
        """The end of Firefox's own output, for a failure's message."""
        if not self.log.exists():
            return ""
        return "\n".join(
            self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        )

    def close(self) -> None:
        """End the session and the browser; kill it if it does not go in time."""
        if self._socket is not None:
            with contextlib.suppress(Exception):
                self.command("browser.close", {}, timeout=10)
            with contextlib.suppress(Exception):
                self._connection.close()
            self._socket = None
        if self._process is not None:
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=20)
            self._process = None

    def command(
        self, method: str, params: Mapping[str, Any], timeout: float = COMMAND_TIMEOUT
    ) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are dropped
        (the tests subscribe to none)."""
        if self._socket is None:
            raise BiDiError("no BiDi session")
        number = next(self._ids)
        self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BiDiError(f"{method}: no answer in {timeout}s")
            try:
                message = json.loads(self._socket.recv(timeout=left))
            except TimeoutError:
                continue
            if message.get("id") != number:
                continue
            if message.get("type") == "error":
                raise BiDiError(f"{method}: {message.get('error')}: {message.get('message')}")
            result: dict[str, Any] = message["result"]
            return result

    def install_extension(self, folder: Path) -> str:
        """Install an unpacked extension (as a temporary add-on) and return its id."""
        result = self.command(
            "webExtension.install", {"extensionData": {"type": "path", "path": str(folder)}}
        )
        return str(result["extension"])

    def tabs(self) -> list[str]:
        """The top-level browsing contexts, oldest first."""
        tree = self.command("browsingContext.getTree", {"maxDepth": 0})
        return [str(context["context"]) for context in tree["contexts"]]

    def new_tab(self) -> str:
        return str(self.command("browsingContext.create", {"type": "tab"})["context"])

    def activate(self, context: str) -> None:
        """Bring the tab to the front: a tab behind another is drawn late, so its frames
        take a new size late, and a click meant for them may land on the page below."""
        self.command("browsingContext.activate", {"context": context})

    def close_tab(self, context: str) -> None:
        self.command("browsingContext.close", {"context": context})

    def navigate(self, context: str, url: str) -> None:
        """Start loading `url`; what the page should show is waited for by polling."""
        self.command("browsingContext.navigate", {"context": context, "url": url, "wait": "none"})

    def url(self, context: str) -> str:
        """Where the tab is now, redirects included."""
        tree = self.command("browsingContext.getTree", {"root": context, "maxDepth": 0})
        return str(tree["contexts"][0]["url"])

    def children(self, context: str) -> list[tuple[str, str]]:
        """The frames in the tab's page, each as (context, address)."""
        tree = self.command("browsingContext.getTree", {"root": context})
        return [
            (str(child["context"]), str(child["url"]))
            for child in tree["contexts"][0].get("children") or []
        ]

    def element(self, context: str, expression: str) -> str:
        """A reference to the element `expression` gives in the page, for input actions."""
        result = self.command(
            "script.evaluate",
            {
                "expression": expression,
                "target": {"context": context},
                "awaitPromise": False,
                "resultOwnership": "none",
            },
        )
        value = result.get("result", {})
        if result.get("type") == "exception" or value.get("type") != "node":
            raise BiDiError(f"{expression} is no element: {result}")
        return str(value["sharedId"])

    def click(self, context: str, element: str) -> None:
        """Click the middle of an element with the mouse: real input, as a person gives."""
        pointer = [
            {
                "type": "pointerMove",
                "x": 0,
                "y": 0,
                "origin": {"type": "element", "element": {"sharedId": element}},
            },
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        self.command(
            "input.performActions",
            {
                "context": context,
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "parameters": {"pointerType": "mouse"},
                        "actions": pointer,
                    }
                ],
            },
        )

    def type(self, context: str, keys: str, held: str = "") -> None:
        """Type `keys` with the keyboard into what has the focus, `held` (WebDriver key
        values such as Control's) kept down meanwhile."""
        actions = [{"type": "keyDown", "value": key} for key in held]
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        actions += [{"type": "keyUp", "value": key} for key in reversed(held)]
        self.command(
            "input.performActions",
            {
                "context": context,
                "actions": [{"type": "key", "id": "keyboard", "actions": actions}],
            },
        )

    def evaluate(self, context: str, expression: str) -> Any:
        """The JSON value of `expression` in the tab's page, promises awaited."""
        result = self.command(
            "script.evaluate",
            {
                "expression": f"(async () => JSON.stringify(await ({expression})))()",
                "target": {"context": context},
                "awaitPromise": True,
                "resultOwnership": "none",
            },
        )
        return _json_value(result)

    def call(self, context: str, function: str, *arguments: object) -> Any:
        """The JSON value of calling the function `function` with JSON `arguments` in the page."""
        result = self.command(
            "script.callFunction",
            {
                "functionDeclaration": (
                    "async (...args) => "
                    f"JSON.stringify(await ({function})(...args.map(JSON.parse)))"
                ),
                "arguments": [_remote_value(argument) for argument in arguments],
                "target": {"context": context},
                "awaitPromise": True,
                "resultOwnership": "none",
            },
        )
        return _json_value(result)


def _json_value(result: Mapping[str, Any]) -> Any:
    if result.get("type") == "exception":
        details = result.get("exceptionDetails", {})
        raise BiDiError(f"the script threw: {details.get('text')}")
    value = result["result"]
    if value.get("type") != "string":
        # JSON.stringify gives undefined for undefined and for functions.
        return None
    return json.loads(value["value"])


def _remote_value(value: object) -> dict[str, Any]:
    """A JSON value as a BiDi local value, passed through JSON so any shape goes."""
    return {"type": "string", "value": json.dumps(value)}
