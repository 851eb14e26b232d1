"""Starting a break: how long, from what, how strict and why; then the before-questions."""

from __future__ import annotations

from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Input, Label, RadioSet, SelectionList

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration
from breakwell.domain.errors import BreakwellError
from breakwell.domain.events import EventKind
from breakwell.domain.prompts import Phase, Prompt
from breakwell.domain.requests import BreakRequest, parse_break_request
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.host import Host
from breakwell.tui.tasks import run_task
from breakwell.tui.widgets.fields import choice_group, chosen, filled, platform_list, show_problem
from breakwell.tui.widgets.prompts import answers_of, focus_first_answer, prompt_fields

MODE_HELP = {
    Mode.UNPLUG: "Unplug: no use at all; their sites are blocked on this computer.",
    Mode.WATCH: "Watch: read and observe, but no posting.",
}

STRICTNESS_HELP = {
    Strictness.GENTLE: "Gentle: you can end it whenever you like.",
    Strictness.FIRM: "Firm: ending early needs a reason and a short cool-down.",
    Strictness.LOCKED: "Locked: it cannot end early, only be extended.",
}


class StartScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without starting."),
        Binding("ctrl+s", "go", "Start", id="form.start", tooltip="Start the break as it stands."),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        # What the form asked for when Next was pressed, and the break it made then.
        self._request: BreakRequest | None = None
        self._proposal: Break | None = None
        self._prompts: tuple[Prompt, ...] = ()

    def compose(self) -> ComposeResult:
        settings = self.services.preferences
        with Vertical(id="dialog", classes="tall") as dialog:
            dialog.border_title = "Start a break"
            with ContentSwitcher(initial="step-form", id="steps"):
                with VerticalScroll(id="step-form"):
                    # Hints below the fields, not placeholders: a placeholder looks like a value.
                    with Horizontal(classes="row"):
                        yield Label("For", classes="field-label")
                        yield Input(id="length")
                        yield Label("or until", classes="field-label")
                        yield Input(id="until")
                    yield Label(
                        "A length such as 2h, 90m or 2d, or an end such as 21:00 or tomorrow 9am.",
                        classes="hint field-hint",
                    )
                    with Horizontal(classes="row"):
                        yield Label("Starting", classes="field-label")
                        yield Input(id="at")
                    yield Label(
                        "Empty starts it now; or a time such as sunday 9am, or in 2h.",
                        classes="hint field-hint",
                    )
                    yield Label("", id="form-problem", classes="problem")
                    with Horizontal(classes="row list-head"):
                        yield Label("Platforms", classes="section-label")
                        yield Button("All", id="platforms-all", compact=True)
                        yield Button("None", id="platforms-none", compact=True)
                    yield platform_list(settings.catalogue, self._ticked(), "platforms")
                    with Horizontal(classes="row choices"):
                        mode, strict = settings.default_mode, settings.default_strictness
                        yield choice_group(
                            "Mode", [m.value for m in Mode], mode, "mode", MODE_HELP[mode]
                        )
                        yield choice_group(
                            "Strictness",
                            [s.value for s in Strictness],
                            strict,
                            "strictness",
                            STRICTNESS_HELP[strict],
                        )
                    yield Label("What is your intention for this break?", classes="section-label")
                    yield Input(id="intention")
                    yield Label("One line you can hold yourself to.", classes="hint")
                yield VerticalScroll(id="step-questions")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Back", id="back")
                yield Button("Next", id="next", variant="primary")
                yield Button("Start the break", id="go", variant="primary")

    def _ticked(self) -> tuple[str, ...]:
        """The platforms ticked when the form opens: those of the last break started here,
        else the configured defaults. Remembered by the app rather than read from the last
        break, which a plan may have made: it is the person's own choice that is repeated."""
        settings = self.services.preferences
        known = {p.id for p in settings.catalogue.all()}
        last = cast(Host, self.app).last_platforms or ()
        return tuple(p for p in last if p in known) or settings.default_platforms

    def on_mount(self) -> None:
        self._show_step("step-form")
        self.query_one("#length", Input).focus()
        run_task(
            self.app,
            lambda: self.services.reflections.prompts(Phase.BEFORE),
            self._got_prompts,
            name="start-prompts",
        )

    def _got_prompts(self, prompts: tuple[Prompt, ...]) -> None:
        self._prompts = prompts
        self.query_one("#step-questions").mount_all(prompt_fields(prompts, {}))

    def _show_step(self, step: str) -> None:
        self.query_one("#steps", ContentSwitcher).current = step
        on_form = step == "step-form"
        self.query_one("#back").display = not on_form
        self.query_one("#go").display = not on_form
        self.query_one("#next").display = on_form

    # The form ------------------------------------------------------------------------------

    def _value(self, selector: str) -> str | None:
        return filled(self.query_one(selector, Input))

    def request(self) -> BreakRequest:
        """The break the form asks for, read with the same rules and words as the CLI."""
        return parse_break_request(
            self.services.clock.now(),
            length=self._value("#length"),
            until=self._value("#until"),
            at=self._value("#at"),
            platforms=list(self.query_one("#platforms", SelectionList).selected),
            mode=chosen(self.query_one("#mode", RadioSet)),
            strictness=chosen(self.query_one("#strictness", RadioSet)),
            intention=self._value("#intention") or "",
        )

    def _check(self) -> tuple[BreakRequest, Break] | None:
        """The request the form makes and the break it describes, or None with the fault shown."""
        problem = self.query_one("#form-problem", Label)
        if not self.query_one("#platforms", SelectionList).selected:
            # Nothing ticked would mean the defaults to the command line; here it is a slip.
            show_problem(problem, "tick at least one platform", error=True)
            return None
        try:
            request = self.request()
            proposal = self.services.breaks.propose(request)
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return None
        now = self.services.clock.now()
        when = "now" if proposal.starts_at <= now else describe_moment(proposal.starts_at, now)
        show_problem(
            problem, f"{format_duration(proposal.planned_length)}, starting {when}", error=False
        )
        return request, proposal

    @on(Input.Changed, "#length, #until, #at")
    @on(SelectionList.SelectedChanged, "#platforms")
    def _revalidate(self) -> None:
        self._check()

    @on(Button.Pressed, "#platforms-all")
    def _tick_all(self) -> None:
        self.query_one("#platforms", SelectionList).select_all()

    @on(Button.Pressed, "#platforms-none")
    def _tick_none(self) -> None:
        self.query_one("#platforms", SelectionList).deselect_all()

    @on(RadioSet.Changed, "#mode")
    def _explain_mode(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name
        if name:
            self.query_one("#mode-help", Label).update(MODE_HELP[Mode(name)])

    @on(RadioSet.Changed, "#strictness")
    def _explain_strictness(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name
        if name:
            self.query_one("#strictness-help", Label).update(STRICTNESS_HELP[Strictness(name)])

    @on(Button.Pressed, "#next")
    @on(Input.Submitted, "#length, #until, #at, #intention")
    def action_next(self) -> None:
        checked = self._check()
        if checked is None:
            return
        request, proposal = checked
        self._request, self._proposal = request, proposal
        run_task(
            self.app,
            lambda: self.services.breaks.check_can_start(proposal),
            lambda _: self._to_questions(),
            name="start-check",
        )

    def _to_questions(self) -> None:
        if not self.is_attached:
            return
        self._show_step("step-questions")
        focus_first_answer(self.query_one("#step-questions"))

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self._show_step("step-form")

    @on(Button.Pressed, "#go")
    def action_go(self) -> None:
        if self.query_one("#steps", ContentSwitcher).current == "step-form":
            self.action_next()
            return
        if self._check() is None:
            self._show_step("step-form")
            return
        answers = answers_of(self.query_one("#step-questions"))

        def start() -> Break:
            # Answering takes time: "now" means when the questions are done.
            return self.services.breaks.start(self.propose_again(), answers)

        run_task(self.app, start, self._started, name="start-break", writes=True)

    def propose_again(self) -> Break:
        assert self._request is not None and self._proposal is not None
        now = self.services.clock.now()
        if self._proposal.starts_at <= now:
            return self.services.breaks.propose(self._request.after_questions(now))
        return self._proposal

    def _started(self, item: Break) -> None:
        host = cast(Host, self.app)
        host.remember_platforms(item.platforms)
        now = self.services.clock.now()
        if item.starts_at <= now:
            host.told(EventKind.BREAK_STARTED, item)
            message = f"{item.label} runs until {describe_moment(item.ends_at, now)}."
        else:
            message = f"{item.label} starts {describe_moment(item.starts_at, now)}."
        self.app.notify(
            message, title="Break started" if item.starts_at <= now else "Break planned"
        )
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss()
