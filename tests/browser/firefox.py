"""Debian's Firefox ESR, headless, driven over WebDriver BiDi (bidi.py), with the companion
installed as a temporary add-on and its host manifest in a throwaway HOME.

Firefox cannot map a name to a port: `network.dns.localDomains` sends the platforms' names to
this machine, so the test sites must listen on 127.0.0.1:443 (a port only root may take; CI
runs the tests as root). The extension's internal id is fixed by a preference, so its pages
have an address known beforehand."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from breakwell.browser.files import extension_folder
from breakwell.browser.ids import FIREFOX_EXTENSION_ID
from tests.browser.bidi import BiDiError, Firefox, firefox_binary, private_environment
from tests.browser.chromium import same_second
from tests.browser.host_link import HostLink
from tests.browser.missing import missing
from tests.browser.server import SITES

SITES_PORT = 443
EXTENSION_UUID = "0b8c1f0e-6d4b-4c57-9a3e-1b2c3d4e5f60"
ORIGIN = f"moz-extension://{EXTENSION_UUID}/"
BANNER = f"{ORIGIN}note.html"
# How long anything the tests wait for may take; the host notices a change within a second.
PATIENCE = 30.0

T = TypeVar("T")


def preferences() -> dict[str, object]:
    """The profile's preferences: the sites on this machine, the extension's fixed address."""
    return {
        # Exact names only: the pages the tests open.
        "network.dns.localDomains": ",".join(n for s in SITES for n in (s, f"www.{s}")),
        # DNS over HTTPS would ask the network; the preload list would refuse the test sites'
        # self-signed certificate (the session accepts it otherwise).
        "network.trr.mode": 5,
        "network.stricttransportsecurity.preloadlist": False,
        "extensions.autoDisableScopes": 0,
        "extensions.webextensions.uuids": json.dumps({FIREFOX_EXTENSION_ID: EXTENSION_UUID}),
    }


class FirefoxCompanion:
    """One browser for a module's tests, with a tab for the sites and one on an extension
    page, from which the tests read what the extension knows."""

    def __init__(self, browser: Firefox, link: HostLink) -> None:
        self.browser = browser
        self.link = link
        self.site_tab = browser.tabs()[0]
        self.extension_tab = browser.new_tab()
        # WebDriver may not navigate to an extension's page, but a web page may open one the
        # extension lets the web reach.
        browser.navigate(self.extension_tab, f"https://{SITES[-1]}/")
        self.wait(
            lambda: browser.evaluate(self.extension_tab, "document.readyState") == "complete",
            "a page to open the extension's from",
        )
        browser.evaluate(
            self.extension_tab, f"location.assign({json.dumps(ORIGIN)} + 'block.html')"
        )
        self.wait(
            lambda: (
                browser.evaluate(self.extension_tab, "typeof globalThis.browser?.runtime?.id")
                == "string"
            ),
            "the extension's page",
        )

    def wait(self, probe: Callable[[], T | None], what: str, patience: float = PATIENCE) -> T:
        """Poll `probe` until it gives something other than None or False."""
        deadline = time.monotonic() + patience
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                found = probe()
            except Exception as error:  # the page may be between documents
                last_error = error
                found = None
            if found is not None and found is not False:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"waited {patience:.0f} s for {what}; last error: {last_error}\n"
            f"host log:\n{self.link.log()}\nFirefox:\n{self.browser.log_tail()}"
        )

    # --- The extension's side --------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """What the extension's background holds: {"connected": ..., "breaks": [...]}."""
        answer = self.browser.evaluate(
            self.extension_tab, "browser.runtime.sendMessage({type: 'get-state'})"
        )
        assert isinstance(answer, dict), answer
        return answer

    def rules(self) -> list[dict[str, Any]]:
        answer = self.browser.evaluate(
            self.extension_tab, "browser.declarativeNetRequest.getDynamicRules()"
        )
        assert isinstance(answer, list), answer
        return answer

    def attach(self, environ: Mapping[str, str]) -> None:
        """Have the extension talk to a host in this test's home, and wait until it does."""
        before = self.link.running()
        self.link.point_at(environ)
        self.wait(
            lambda: (pid := self.link.running()) is not None and pid != before,
            "the extension to start a host in the test's home",
        )
        self.wait(lambda: self.state()["connected"], "the extension to hear from its host")

    def wait_for_break(self, break_id: int, ends_at: datetime) -> dict[str, Any]:
        """Wait until the extension enforces this break (its rules are set by then)."""

        def found() -> dict[str, Any] | None:
            for item in self.state()["breaks"]:
                if item["id"] == break_id and same_second(item["ends_at"], ends_at):
                    return dict(item)
            return None

        return self.wait(found, f"break #{break_id} to reach the extension")

    def wait_for_no_break(self, break_id: int) -> None:
        self.wait(
            lambda: all(item["id"] != break_id for item in self.state()["breaks"]),
            f"break #{break_id} to leave the extension",
        )

    # --- The site's side -------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Navigate the sites' tab and wait for the new document (what it shows is waited
        for by the tests): until then the last page, and its banner, may still answer."""
        with contextlib.suppress(BiDiError):  # an error page runs no script
            self.browser.evaluate(self.site_tab, "window.breakwellTestLeft = true")
        self.browser.activate(self.site_tab)
        self.browser.navigate(self.site_tab, url)
        self.wait(
            lambda: self.browser.evaluate(
                self.site_tab, "!window.breakwellTestLeft && document.readyState !== 'loading'"
            ),
            f"{url} to open",
        )

    def current_url(self) -> str:
        return self.browser.url(self.site_tab)

    def run(self, function: str, *arguments: object) -> Any:
        """The JSON value of the page's `function` called with `arguments`, awaited."""
        return self.browser.call(self.site_tab, function, *arguments)

    def probe(self, method: str, path: str) -> str:
        """Send a request from the page and say what became of it."""
        return str(self.run("(method, path) => window.probe(method, path)", method, path))

    # --- Frames the site's page cannot reach -------------------------------------------------
    #
    # The banner is the extension's page in a frame inside a closed shadow root: no page script
    # can reach it. WebDriver BiDi sees it as a frame of the tab; the tests read it there and
    # act on it only as a person does, with the pointer and the keyboard.

    def _frame(self, address: str) -> str:
        for context, url in self.browser.children(self.site_tab):
            if url.startswith(address):
                return context
        raise AssertionError(f"no frame of {address} in the site's tab")

    def in_frame(self, expression: str, address: str = BANNER) -> Any:
        """The JSON value of `expression` (promises awaited) in the site tab's frame of the
        extension's page at `address`; AssertionError while there is none."""
        return self.browser.evaluate(self._frame(address), expression)

    def click_in_banner(self, element_id: str) -> None:
        """Click the banner's element with this id, with the pointer, as a person does."""
        frame = self._frame(BANNER)
        # Once the frame has taken the banner's size, and the element shows inside it.
        self.wait(
            lambda: self.in_frame(
                f"(() => {{ const r = document.getElementById({json.dumps(element_id)})"
                ".getBoundingClientRect(); return r.width > 0 && r.right <= innerWidth"
                " && r.bottom <= innerHeight; })()"
            ),
            f"the banner's {element_id} to show",
        )
        element = self.browser.element(frame, f"document.getElementById({json.dumps(element_id)})")
        self.browser.click(frame, element)

    def type(self, text: str, held: str = "") -> None:
        """Type with the keyboard into whatever has the focus."""
        self.browser.type(self.site_tab, text, held)


@contextmanager
def firefox(folder: Path) -> Iterator[FirefoxCompanion]:
    """Start the browser with the extension (`missing` where it cannot run here)."""
    binary = firefox_binary()
    if binary is None:
        missing("firefox-esr is not installed (Debian: firefox-esr)")
    link = HostLink(folder / "host")
    # Each host gets the test's breakwell settings from its launcher, none from the browser.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("BREAKWELL_")}
    environ = private_environment(folder / "home", inherited)
    link.write_manifest(
        Path(environ["HOME"]) / ".mozilla" / "native-messaging-hosts",
        allowed_extensions=[FIREFOX_EXTENSION_ID],
    )
    with Firefox(folder, preferences(), environ, binary) as browser:
        try:
            installed = browser.install_extension(extension_folder())
            assert installed == FIREFOX_EXTENSION_ID, installed
            yield FirefoxCompanion(browser, link)
        finally:
            link.stop()
