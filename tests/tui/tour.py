"""How to reach each screen from a fresh start: shared by the snapshot tests and the script
that redraws the README's screenshots (scripts/screenshots.py), so both always show the same
screens. It drives the app as the tests do, so it lives with them rather than in the package."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from breakwell.tui.widgets.paging import PagedTable

ROUNDS = 4


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the workers are done and the screen is redrawn; results can start more
    workers, so a few rounds let every chain finish."""
    for _ in range(ROUNDS):
        # An exclusive worker replaced by a newer one is cancelled; the newer one is waited for.
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _keys(pilot: Pilot[None], *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    # No blinking cursor, so two drawings of the same screen are the same picture.
    pilot.app.screen.set_focus(None)
    await pilot.pause()


async def now(pilot: Pilot[None]) -> None:
    await _keys(pilot)


async def journal(pilot: Pilot[None]) -> None:
    await _keys(pilot, "2")


async def plan(pilot: Pilot[None]) -> None:
    await _keys(pilot, "3")


async def review(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4")


async def people(pilot: Pilot[None]) -> None:
    await _keys(pilot, "5")


async def why(pilot: Pilot[None]) -> None:
    await _keys(pilot, "5", "w")


async def commitment(pilot: Pilot[None]) -> None:
    await _keys(pilot, "c")


async def week(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4", "w")


async def trends(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4", "t")


async def learned(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4", "l")


async def detail(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4")
    table = pilot.app.screen.query_one("#history", PagedTable)
    table.focus()
    # The first row is the running break; open the latest finished one.
    finished = next(
        row for row in range(table.row_count) if table.get_row_at(row)[3] == "completed"
    )
    table.move_cursor(row=finished)
    await _keys(pilot, "enter")


async def questions(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4", "k")


async def question_form(pilot: Pilot[None]) -> None:
    await _keys(pilot, "4", "k", "a")


async def start(pilot: Pilot[None]) -> None:
    await _keys(pilot, "s", "4", "8", "h")


async def plan_form(pilot: Pilot[None]) -> None:
    await _keys(pilot, "3", "a")


async def end(pilot: Pilot[None]) -> None:
    await _keys(pilot, "x")


async def reflect(pilot: Pilot[None]) -> None:
    await _keys(pilot, "a")


async def edit_entry(pilot: Pilot[None]) -> None:
    await _keys(pilot, "2", "escape", "e")


async def delete_entry(pilot: Pilot[None]) -> None:
    await _keys(pilot, "2", "escape", "d")


async def help_screen(pilot: Pilot[None]) -> None:
    await _keys(pilot, "question_mark")


STOPS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "now": now,
    "journal": journal,
    "plan": plan,
    "review": review,
    "people": people,
    "week": week,
    "trends": trends,
    "learned": learned,
    "detail": detail,
    "questions": questions,
    "question_form": question_form,
    "start": start,
    "plan_form": plan_form,
    "end": end,
    "reflect": reflect,
    "edit": edit_entry,
    "delete": delete_entry,
    "help": help_screen,
    "commitment": commitment,
    "why": why,
}
