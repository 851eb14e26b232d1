"""Commitments set and archived in the app, by the rules `commit add` and `commit archive`
follow."""

from textual.widgets import Input, OptionList, RadioButton

from breakwell.services import Services
from breakwell.tui.dialogs.commitment_form import CommitmentForm
from breakwell.tui.dialogs.confirm import ConfirmScreen
from breakwell.tui.screens.now import NowScreen
from tests.tui.helpers import Refusals, new_app, settle, text_of, type_text

BIG = (120, 50)


async def test_c_sets_a_commitment_from_a_form(services: Services) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommitmentForm)
        await type_text(pilot, "at most 2 political posts")
        app.screen.query_one("#commit-max", Input).value = "2"
        day = next(b for b in app.screen.query(RadioButton) if b.name == "day")
        day.value = True
        await settle(pilot)
        assert text_of(app, "#commit-problem") == "at most 2 political posts: at most 2 per day."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)
        [standing] = services.commitments.standings()
        item = standing.commitment
        assert (item.text, item.max_count, item.period.value) == (
            "at most 2 political posts",
            2,
            "day",
        )
        listed = app.screen.query_one("#commitments", OptionList)
        assert listed.display and "at most 2 political posts" in str(
            listed.get_option_at_index(0).prompt
        )


async def test_the_palette_offers_the_form(services: Services) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        assert "Go to People" in commands
        await commands["Add a commitment"]()
        await settle(pilot)
        assert isinstance(app.screen, CommitmentForm)


async def test_bad_input_is_named_in_commit_adds_words_and_nothing_is_written(
    services: Services,
) -> None:
    refusals = Refusals()
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG, message_hook=refusals) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert text_of(app, "#commit-problem") == ""  # nothing is wrong before typing
        await pilot.press("enter")  # no words yet
        await settle(pilot)
        assert isinstance(app.screen, CommitmentForm)
        assert text_of(app, "#commit-problem") == (
            "a commitment needs some words, such as 'at most 1 political post'"
        )
        await type_text(pilot, "one post")
        quota = app.screen.query_one("#commit-max", Input)
        for typed in ("-1", "1001", "two", ""):
            quota.value = typed
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, CommitmentForm)
            assert text_of(app, "#commit-problem") == (
                "the most times a period is a whole number from 0 to 1000"
            )
        app.screen.query_one("#commit-text", Input).value = "x" * 200 + "y"
        quota.value = "0"
        await settle(pilot)
        assert text_of(app, "#commit-problem") == "a commitment can be at most 200 characters"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)
    assert services.commitments.standings() == []
    assert refusals.texts == []


async def test_d_archives_the_highlighted_commitment_after_asking(services: Services) -> None:
    services.commitments.add("one political post", 1, "week")
    kept = services.commitments.add("no doomscrolling", 0, "day")
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        listed = app.screen.query_one("#commitments", OptionList)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # declined: nothing archived
        await settle(pilot)
        assert len(services.commitments.standings()) == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [s.commitment.id for s in services.commitments.standings()] == [kept.id]
        listed = app.screen.query_one("#commitments", OptionList)
        assert listed.option_count == 1
        assert "no doomscrolling" in str(listed.get_option_at_index(0).prompt)


async def test_d_does_nothing_without_commitments(services: Services) -> None:
    app = new_app(services, offer_reflections=False)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        assert app.screen.check_action("archive_commitment", ()) is False
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, NowScreen)
