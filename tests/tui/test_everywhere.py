"""What holds on every screen: themes kept, help, the command palette, keys people remap."""

from pathlib import Path

from textual.widgets import Markdown

from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.settings.uistate import UiState, load_ui_state, save_ui_state, ui_state_path
from breakwell.tui.dialogs.help import HelpScreen
from breakwell.tui.screens.journal import JournalScreen
from breakwell.tui.screens.now import NowScreen
from breakwell.tui.screens.plan import PlanScreen
from breakwell.tui.screens.review import ReviewScreen
from tests.tui.helpers import new_app, settle, type_text


async def test_the_chosen_theme_is_kept_for_next_time(services: Services) -> None:
    app = new_app(services)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    path = ui_state_path(services.preferences.data_dir)
    assert load_ui_state(path).theme == "nord"
    assert path.stat().st_mode & 0o077 == 0
    again = new_app(services)
    async with again.run_test() as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_a_damaged_or_unknown_saved_theme_is_ignored(services: Services) -> None:
    path = ui_state_path(services.preferences.data_dir)
    save_ui_state(path, UiState(theme="no-such-theme"))
    app = new_app(services)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
    path.write_text("{not json")
    assert load_ui_state(path) == UiState()


async def test_number_keys_move_between_sections(services: Services) -> None:
    app = new_app(services)
    async with app.run_test() as pilot:
        await settle(pilot)
        for key, screen in (("2", JournalScreen), ("3", PlanScreen), ("4", ReviewScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            app.screen.set_focus(None)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)


async def test_help_lists_the_keys_of_the_screen_it_was_opened_on(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", Markdown).source
        assert "| `s` | Start a break. |" in text
        assert "| `q` | Close the app; breaks keep running. |" in text
        await pilot.press("escape")
        assert isinstance(app.screen, NowScreen)


async def test_every_action_is_in_the_command_palette(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Start a break",
            "Write an observation",
            "Go to Journal",
            "Add a plan",
            "Theme",
        ):
            assert title in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "go to review")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_keys_can_be_remapped_in_the_config(home: Path, clock: object) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\n"go.journal" = "j"\n"break.start" = "n"\n')
    services = build_services(load_settings(), clock)  # type: ignore[arg-type]
    app = new_app(services)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
    services.close()
