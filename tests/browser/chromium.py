"""Debian's Chromium, headless, driven by selenium through chromedriver, with the companion
extension loaded unpacked and its host manifest in a throwaway profile.

The platforms' sites are mapped to the local test server (`--host-resolver-rules`), every
other name to nowhere, and HOME and the XDG folders point at the test's own folder: Chromium
writes there even with a profile of its own."""

from __future__ import annotations

import contextlib
import json
import os
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from breakwell.browser.files import extension_folder
from breakwell.browser.ids import CHROMIUM_EXTENSION_ID
from tests.browser.host_link import HostLink
from tests.browser.missing import missing
from tests.browser.server import SITES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"
BANNER = f"{ORIGIN}note.html"
# How long anything the tests wait for may take; the host notices a change within a second.
PATIENCE = 30.0

T = TypeVar("T")


def own_environment(folder: Path) -> dict[str, str]:
    """The browser's environment: the test process's, with the home folders in `folder` and
    none of breakwell's own settings (each host gets the test's from its launcher)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BREAKWELL_")}
    for name, sub in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        path = folder / sub
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        environ[name] = str(path)
    return environ


def same_second(shown: str, moment: datetime) -> bool:
    return datetime.fromisoformat(shown).replace(microsecond=0) == moment.replace(microsecond=0)


def resolver_rules(port: int) -> str:
    mapped = [f"MAP {site} 127.0.0.1:{port}, MAP *.{site} 127.0.0.1:{port}" for site in SITES]
    return ", ".join([*mapped, "MAP * ~NOTFOUND"])


class Chromium:
    """One browser for a module's tests, with a tab for the sites and one on an extension
    page, from which the tests read what the extension knows."""

    def __init__(self, driver: Any, link: HostLink) -> None:
        self.driver = driver
        self.link = link
        self.site_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        self.extension_tab = driver.current_window_handle
        driver.get(f"{ORIGIN}block.html")
        self.wait(lambda: self._in_extension_tab("return typeof chrome.runtime.id"), "extension")

    # --- Waiting ---------------------------------------------------------------------------

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
            f"host log:\n{self.link.log()}"
        )

    # --- The extension's side --------------------------------------------------------------

    def _in_extension_tab(self, script: str, *args: object) -> Any:
        self.driver.switch_to.window(self.extension_tab)
        try:
            return self.driver.execute_script(script, *args)
        finally:
            self.driver.switch_to.window(self.site_tab)

    def _ask_extension(self, script: str) -> Any:
        """Run an async extension call in the extension tab and give its result."""
        self.driver.switch_to.window(self.extension_tab)
        try:
            return self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                f"({script}).then(done, (e) => done({{failed: String(e)}}));"
            )
        finally:
            self.driver.switch_to.window(self.site_tab)

    def state(self) -> dict[str, Any]:
        """What the extension's background holds: {"connected": ..., "breaks": [...]}."""
        answer = self._ask_extension("chrome.runtime.sendMessage({type: 'get-state'})")
        assert isinstance(answer, dict), answer
        return answer

    def rules(self) -> list[dict[str, Any]]:
        answer = self._ask_extension("chrome.declarativeNetRequest.getDynamicRules()")
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
        self.driver.switch_to.window(self.site_tab)
        with contextlib.suppress(Exception):  # an error page runs no script
            self.driver.execute_script("window.breakwellTestLeft = true;")
        self.driver.get(url)
        self.wait(
            lambda: self.driver.execute_script(
                "return !window.breakwellTestLeft && document.readyState !== 'loading'"
            ),
            f"{url} to open",
        )

    def current_url(self) -> str:
        return str(self.driver.execute_script("return location.href"))

    def probe(self, method: str, path: str) -> str:
        """Send a request from the page and say what became of it."""
        outcome = self.driver.execute_async_script(
            "window.probe(arguments[0], arguments[1]).then(arguments[2]);", method, path
        )
        return str(outcome)

    def console(self) -> str:
        return "\n".join(str(entry.get("message")) for entry in self.driver.get_log("browser"))

    # --- Frames the site's page cannot reach -------------------------------------------------
    #
    # The banner (and a block page framed by a site) is the extension's page in a frame inside
    # a closed shadow root: no page script, and so no WebDriver script either, can reach it.
    # The tests read it through DevTools, as its own document, and act on it only as a person
    # does, with the pointer and the keyboard.

    def _frame_targets(self, address: str) -> list[dict[str, Any]]:
        debugger = self.driver.capabilities["goog:chromeOptions"]["debuggerAddress"]
        with urllib.request.urlopen(f"http://{debugger}/json/list", timeout=PATIENCE) as answer:
            targets = json.loads(answer.read())
        # A tab's target id is its WebDriver window handle.
        return [
            dict(target)
            for target in targets
            if target.get("type") == "iframe"
            and target.get("parentId") == self.site_tab
            and str(target.get("url", "")).startswith(address)
        ]

    def in_frame(self, expression: str, address: str = BANNER) -> Any:
        """The JSON value of `expression` (promises awaited) in the site tab's frame of the
        extension's page at `address`; AssertionError while there is none."""
        from websockets.exceptions import InvalidStatus
        from websockets.sync.client import connect

        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        answer: dict[str, Any] | None = None
        # A frame of the page just left may still be listed for a moment, and then be gone.
        for target in self._frame_targets(address):
            address_of = target["webSocketDebuggerUrl"]
            try:
                with connect(address_of, max_size=None, open_timeout=PATIENCE) as ws:
                    ws.send(json.dumps({"id": 1, "method": "Runtime.evaluate", "params": params}))
                    while (answer := json.loads(ws.recv(timeout=PATIENCE))).get("id") != 1:
                        pass
                break
            except InvalidStatus:
                continue
        if answer is None:
            raise AssertionError(f"no frame of {address} in the site's tab")
        result = answer.get("result", {})
        if "exceptionDetails" in result or "error" in answer:
            raise AssertionError(f"the frame's script failed: {answer}")
        return result["result"].get("value")

    def banner_box(self) -> tuple[float, float, float, float]:
        """Where the banner's frame is on the page: DevTools sees into closed shadow roots."""
        document = self.driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1, "pierce": True})
        found: list[int] = []

        def walk(node: dict[str, Any], shadowed: bool) -> None:
            # The banner's frame is the one in a shadow root: a page may frame note.html too.
            attributes = node.get("attributes", [])
            if (
                shadowed
                and node.get("nodeName") == "IFRAME"
                and any("note.html" in a for a in attributes)
            ):
                found.append(node["nodeId"])
            for child in node.get("children", []):
                walk(child, shadowed)
            for child in node.get("shadowRoots", []):
                walk(child, True)

        walk(document["root"], False)
        assert len(found) == 1, f"{len(found)} banner frames on the page"
        model = self.driver.execute_cdp_cmd("DOM.getBoxModel", {"nodeId": found[0]})
        box = model["model"]
        return float(box["content"][0]), float(box["content"][1]), box["width"], box["height"]

    def click_in_banner(self, element_id: str) -> None:
        """Click the banner's element with this id, with the pointer, as a person does."""
        self.driver.switch_to.window(self.site_tab)

        def where() -> tuple[float, float] | None:
            # Once the frame has taken the banner's size, and the element shows inside it.
            x, y = self.in_frame(
                f"(() => {{ const r = document.getElementById({json.dumps(element_id)})"
                ".getBoundingClientRect(); return r.width ? [r.x + r.width / 2,"
                " r.y + r.height / 2] : [-1, -1]; })()"
            )
            left, top, width, height = self.banner_box()
            inside = 0 < x < width and 0 < y < height
            return (left + x, top + y) if inside else None

        x, y = self.wait(where, f"the banner's {element_id} to show")
        # Through the DevTools input domain, which answers once the page has the event: a
        # click that takes the banner's frame away ("hide") once left chromedriver's own
        # pointer actions waiting on the vanished frame until its timeout.
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            event = {"type": kind, "x": round(x), "y": round(y), "button": "left"}
            if kind != "mouseMoved":
                event["clickCount"] = 1
            self.driver.execute_cdp_cmd("Input.dispatchMouseEvent", event)

    def type(self, text: str) -> None:
        """Type with the keyboard into whatever has the focus."""
        from selenium.webdriver.common.action_chains import ActionChains

        self.driver.switch_to.window(self.site_tab)
        ActionChains(self.driver).send_keys(text).perform()

    def press_control_enter(self) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.driver.switch_to.window(self.site_tab)
        chord = ActionChains(self.driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER)
        chord.key_up(Keys.CONTROL).perform()

    def press_note_shortcut(self) -> None:
        """What the note shortcut (a browser command, which no test can press) makes the
        background do: tell the site tab's top frame to open the note form."""
        self._ask_extension(
            "chrome.tabs.query({}).then((tabs) => Promise.all(tabs"
            "  .filter((tab) => tab.url.startsWith('https://'))"
            "  .map((tab) => chrome.tabs.sendMessage("
            "     tab.id, {type: 'breakwell-open-note'}, {frameId: 0}).catch(() => null))))"
        )


@contextmanager
def chromium(folder: Path, sites_port: int) -> Iterator[Chromium]:
    """Start the browser with the extension (`missing` where it cannot run here)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            missing(f"{program} is not installed (Debian: chromium, chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed")
    extension = extension_folder()
    profile = folder / "profile"
    link = HostLink(folder / "host")
    link.write_manifest(profile / "NativeMessagingHosts", allowed_origins=[ORIGIN])
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # The default strategy sometimes hangs the first page load with an extension loaded.
    options.page_load_strategy = "none"
    options.accept_insecure_certs = True
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in (
        "--headless=new",
        f"--user-data-dir={profile}",
        f"--load-extension={extension}",
        f"--disable-extensions-except={extension}",
        f"--host-resolver-rules={resolver_rules(sites_port)}",
        "--ignore-certificate-errors",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    environ = own_environment(folder)
    # Selenium would otherwise look for drivers online.
    environ["SE_OFFLINE"] = "true"
    saved = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    try:
        service = Service(
            executable_path=str(CHROMEDRIVER), env=environ, log_output=str(folder / "driver.log")
        )
        driver = webdriver.Chrome(options=options, service=service)
    finally:
        if saved is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = saved
    driver.set_script_timeout(PATIENCE)
    try:
        yield Chromium(driver, link)
    finally:
        driver.quit()
        link.stop()
