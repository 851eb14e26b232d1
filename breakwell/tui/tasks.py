"""Running service calls off the UI thread and reporting back through messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from textual.app import App
from textual.worker import Worker

from breakwell.domain.errors import BreakwellError
from breakwell.tui.messages import TaskDone, TaskFailed

T = TypeVar("T")


def _noop(_: object) -> None:
    return None


def run_task(
    app: App[None],
    job: Callable[[], T],
    done: Callable[[T], None] = _noop,
    *,
    name: str,
    writes: bool = False,
) -> Worker[None]:
    """Run `job` in a thread; `done(result)` then runs on the UI thread.

    A refusal (any error a person can cause) becomes a toast with the CLI's own words; anything
    else is a bug and is left to crash the worker, so it is seen rather than swallowed.
    Results go to the app, not to the screen that asked, which may have closed meanwhile.
    """

    def work() -> None:
        try:
            result = job()
        except BreakwellError as error:
            app.post_message(TaskFailed(str(error)))
            return
        app.post_message(TaskDone(partial(done, result), changed=writes))

    return app.run_worker(work, name=name, group=name, thread=True, exit_on_error=True)
