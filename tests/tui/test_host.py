"""The app is what its screens take it for: mypy holds `BreakwellApp` to `Host` here."""

from __future__ import annotations

from breakwell.services import Services
from breakwell.tui.host import Host
from tests.tui.helpers import new_app


def test_the_app_is_the_host_its_screens_expect(services: Services) -> None:
    host: Host = new_app(services)
    assert host.services is services
    assert host.status is None
