"""The footer is built again only when the keys it shows change, never for a status read
that leaves them as they were."""

from textual.widgets._footer import FooterKey

from breakwell.services import Services
from breakwell.tui.widgets.footer import Footer
from tests.tui.helpers import new_app, settle
from tests.tui.test_app import start_break


def keys(footer: Footer) -> list[FooterKey]:
    return list(footer.query(FooterKey))


async def test_a_status_read_that_changes_no_key_leaves_the_footer_as_it_is(
    services: Services,
) -> None:
    app = new_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        before = keys(footer)
        assert [key.key for key in before] == ["s", "o", "question_mark", "q", "ctrl+p"]
        for _ in range(3):
            await pilot.press("ctrl+r")
            await settle(pilot)
        # The very widgets: not rebuilt.
        assert keys(footer) == before
        start_break(services)
        await pilot.press("ctrl+r")
        await settle(pilot)
        after = [key.key for key in keys(footer)]
        # A break now runs: its keys are offered, by newly built keys.
        assert {"l", "e", "x"} <= set(after)
        assert not set(keys(footer)) & set(before)


async def test_a_key_whose_name_changes_is_drawn_again(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        before = keys(footer)
        app.set_keymap({"break.start": "b"})
        app.refresh_bindings()
        await settle(pilot)
        assert "b" in [key.key for key in keys(footer)]
        assert keys(footer) != before
