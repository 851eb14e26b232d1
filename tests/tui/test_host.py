"""The app is what its screens take it for: mypy holds `BreakwellApp` to `Host` here."""

from __future__ import annotations

from breakwell.services import Services
from breakwell.tui.base import SECTIONS, SectionScreen
from breakwell.tui.host import Host
from tests.tui.helpers import new_app, settle


def test_the_app_is_the_host_its_screens_expect(services: Services) -> None:
    host: Host = new_app(services)
    assert host.status is None
    assert host.enforcement_text().startswith("Nothing is blocked.")


async def test_every_section_is_given_the_apps_services(services: Services) -> None:
    app = new_app(services)
    async with app.run_test() as pilot:
        for mode, _, _ in SECTIONS:
            await app.switch_mode(mode)
            await settle(pilot)
            assert isinstance(app.screen, SectionScreen)
            assert mode == app.screen.SECTION
            assert app.screen.services is services
