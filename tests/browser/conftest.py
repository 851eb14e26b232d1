"""Fixtures of the real-browser tests: the sites' test server and one browser per module.

A browser costs about 470 MB and seconds to start, so a module's tests share one, while each
test keeps its own breakwell home: `companion` points the browser's host at it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from breakwell.domain.clock import SystemClock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from tests.browser.chromium import Chromium, chromium
from tests.browser.missing import missing
from tests.browser.server import Sites, Unavailable


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    try:
        server = Sites(tmp_path_factory.mktemp("sites"))
    except Unavailable as reason:
        missing(str(reason))
    yield server
    server.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, sites: Sites) -> Iterator[Chromium]:
    with chromium(tmp_path_factory.mktemp("chromium"), sites.port) as started:
        yield started


@pytest.fixture
def companion(browser: Chromium, home: Path) -> Chromium:
    """The shared browser, its extension connected to a host in this test's home."""
    browser.attach(os.environ)
    return browser


@pytest.fixture
def live(home: Path) -> Iterator[Services]:
    """Services on the real clock, as the host (another process) reads the journal."""
    built = build_services(load_settings(), SystemClock())
    yield built
    built.close()
