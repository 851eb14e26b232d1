"""The command palette offers what applies now, once each; help writes keys one way."""

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Markdown

from breakwell.services import Services
from breakwell.tui.dialogs.help import HelpScreen
from tests.tui.helpers import new_app, settle

BREAK_ONLY = ("End the break early", "Extend the break", "Log a slip")


async def test_break_actions_are_offered_only_while_a_break_runs(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not set(BREAK_ONLY) & set(titles)
        assert "Reflect on a break" not in titles
        services.breaks.start(services.breaks.plan(timedelta(hours=1)))
        app.refresh_all()
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert set(BREAK_ONLY) <= set(titles)


async def test_help_is_listed_once_not_beside_textuals_keys(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles
        assert "Keys" not in titles


async def test_help_writes_every_key_the_same_way(services: Services) -> None:
    app = new_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", Markdown).source
        assert "| `ctrl+s` | Save what you wrote. |" in text
        assert "| `ctrl+p` |" in text
        assert "`^" not in text


async def test_a_screenshot_is_saved_beside_the_journal_and_says_where(
    services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A home with no Downloads folder, as on the machine where it failed.
    monkeypatch.setenv("HOME", str(tmp_path / "bare-home"))
    app = new_app(services)
    said: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.notify = lambda message, **_: said.append(str(message))  # type: ignore[method-assign]
        app.deliver_screenshot(filename="shot.svg")
        await settle(pilot)
        await pilot.pause()
        await settle(pilot)
    folder = services.preferences.data_dir / "screenshots"
    assert (folder / "shot.svg").read_text().startswith("<svg")
    assert any(str(folder) in text for text in said)
    assert not (tmp_path / "bare-home").exists()


async def test_a_screenshot_folder_that_cannot_be_made_is_said_not_a_crash(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file where the folder would go: the folder cannot be made.
    services.preferences.data_dir.mkdir(parents=True, exist_ok=True)
    (services.preferences.data_dir / "screenshots").write_text("not a folder")
    app = new_app(services)
    said: list[tuple[str, str]] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.notify = lambda message, severity="information", **_: said.append(  # type: ignore[method-assign]
            (str(message), severity)
        )
        assert app.deliver_screenshot(filename="shot.svg") is None
        await settle(pilot)
    assert [severity for _, severity in said] == ["error"]
    assert said[0][0].startswith("Cannot save the screenshot: ")
