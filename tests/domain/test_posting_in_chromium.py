"""Chromium itself accepts every built-in posting rule, and JavaScript reads each as Python does.

Python cannot tell whether a pattern fits Chromium's limit (RE2 with 2 KB of memory per rule,
after its literal prefix), so a real browser is asked: `isRegexSupported` for each pattern, the
whole set added as dynamic rules, and the sample table matched with JavaScript's RegExp (the
engine Firefox's blocking rules use).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from breakwell.domain.platforms import BUILTIN_PLATFORMS
from tests.domain.test_posting import SAMPLES

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# A public key only, so the extension's id is known before it loads.
KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3rv09YekL7pHKCJsVpGOkbYxTGsH/lDM0eQWuqmKK5mS"
    "8cKZy8y9Xnmv9YhkRc502/OAzStbP+OIciUm4hg5UR76Skp61P0Z/nBBUsPAwNAIAZp5GJuOqyoGvDD3ew+NzlAY"
    "cSzSoKdtyqpAZ/DMC5wT/+ult3dJd0zB1wuDawF3CbC4rgD20OLRV/WfV+3BH/czp8mp57n+8BNYB0tfRzQMISZU"
    "ILhgWzeHSVEmh/kuNoDycZ4jTiDRVp+zEP955vg88fl1L8EYbiojKSFJEULSNu+hLwTVCvxQY/+9eOeCFPc3CU1e"
    "3VjQvjDiDtoVstDVSeVySSKp6VzgQIEqyQIDAQAB"
)
PAGE_JS = """
window.check = async (rules, samples) => {
  const dnr = chrome.declarativeNetRequest;
  const unsupported = [];
  for (const rule of rules) {
    const answer = await dnr.isRegexSupported({regex: rule.regex, isCaseSensitive: false});
    if (!answer.isSupported) unsupported.push([rule.regex, answer.reason]);
  }
  const disagree = [];
  for (const [platform, method, url, expected] of samples) {
    for (const flags of ["i", "iu"]) {
      const hit = rules.some(rule => rule.platform === platform
        && rule.methods.includes(method.toLowerCase()) && new RegExp(rule.regex, flags).test(url));
      if (hit !== expected) disagree.push([flags, method, url, expected]);
    }
  }
  let added = "ok";
  try {
    await dnr.updateDynamicRules({addRules: rules.map((rule, index) => ({
      id: index + 1, priority: 1, action: {type: "block"},
      condition: {regexFilter: rule.regex, isUrlFilterCaseSensitive: false,
                  requestMethods: rule.methods}}))});
  } catch (error) { added = String(error); }
  const installed = (await dnr.getDynamicRules()).length;
  return {unsupported, disagree, added, installed};
};
"""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def extension_id(key: str) -> str:
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _missing("Debian's chromium and chromium-driver are not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    extension = tmp_path / "extension"
    extension.mkdir()
    manifest = {
        "manifest_version": 3,
        "name": "posting rules check",
        "version": "1",
        "key": KEY,
        "permissions": ["declarativeNetRequest"],
    }
    (extension / "manifest.json").write_text(json.dumps(manifest))
    (extension / "page.html").write_text('<script src="page.js"></script>')
    (extension / "page.js").write_text(PAGE_JS)
    home = tmp_path / "browser-home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "SE_OFFLINE": "true",
    }
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--load-extension={extension}",
        f"--disable-extensions-except={extension}",
        *(["--no-sandbox"] if os.geteuid() == 0 else []),
    ):
        options.add_argument(argument)
    # With an extension loaded, waiting for a page load now and then never returns.
    options.page_load_strategy = "none"
    os.environ["SE_OFFLINE"] = "true"
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER, env=env))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(home, ignore_errors=True)


def test_chromium_takes_every_rule_and_javascript_agrees_with_python(browser: Any) -> None:
    browser.get(f"chrome-extension://{extension_id(KEY)}/page.html")
    deadline = time.monotonic() + 30
    while browser.execute_script("return typeof window.check") != "function":
        assert time.monotonic() < deadline, "the extension page did not load"
        time.sleep(0.05)
    rules = [
        {"platform": platform.id, **rule.for_extension()}
        for platform in BUILTIN_PLATFORMS
        for rule in platform.posting
    ]
    samples = [[pid, *case] for pid, cases in SAMPLES.items() for case in cases]
    browser.set_script_timeout(60)
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.check(arguments[0], arguments[1]).then(done, e => done({error: String(e)}));",
        rules,
        samples,
    )
    assert found == {"unsupported": [], "disagree": [], "added": "ok", "installed": len(rules)}
