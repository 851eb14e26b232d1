"""The questions that frame a break: before it starts and after it ends."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from breakwell.domain.errors import InvalidInput
from breakwell.domain.text import check_text
from breakwell.domain.values import frozen


class Phase(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class PromptKind(StrEnum):
    TEXT = "text"
    SCALE = "scale"
    YES_NO = "yes_no"
    CHOICES = "choices"


SCALE_MIN, SCALE_MAX = 1, 5
_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0"}


class AnswerRefused(InvalidInput):
    """An answer a question does not take; `reason` says why without naming the question's key,
    for whoever just showed the question itself."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        # One argument too, as code that rewords an error (type(error)(text)) makes it.
        super().__init__(message)
        self.reason = message if reason is None else reason

    @classmethod
    def of(cls, key: str, reason: str) -> AnswerRefused:
        return cls(f"{key}: {reason}", reason)


@frozen
class Prompt:
    key: str
    phase: Phase
    kind: PromptKind
    text: str
    hint: str = ""
    choices: tuple[str, ...] = ()
    # The before-question an after-question is best read beside, for the side-by-side view.
    pairs_with: str | None = None

    def normalize(self, raw: str) -> str | None:
        """Validate an answer and return its stored form; blank means skipped (None)."""
        try:
            value = check_text(raw.strip(), "the answer")
        except InvalidInput as error:
            raise AnswerRefused.of(self.key, str(error)) from None
        if not value:
            return None
        if self.kind is PromptKind.TEXT:
            return value
        if self.kind is PromptKind.SCALE:
            if not _is_small_number(value) or not SCALE_MIN <= int(value) <= SCALE_MAX:
                raise AnswerRefused.of(
                    self.key, f"answer with a whole number from {SCALE_MIN} to {SCALE_MAX}"
                )
            return str(int(value))
        if self.kind is PromptKind.YES_NO:
            lowered = value.lower()
            if lowered in _YES:
                return "yes"
            if lowered in _NO:
                return "no"
            raise AnswerRefused.of(self.key, "answer yes or no")
        return self._normalize_choices(value)

    def _normalize_choices(self, value: str) -> str:
        picked: list[str] = []
        for part in value.split(","):
            item = part.strip()
            if not item:
                continue
            if _is_small_number(item) and 1 <= int(item) <= len(self.choices):
                item = self.choices[int(item) - 1]
            match = next((c for c in self.choices if c.lower() == item.lower()), None)
            if match is None:
                options = ", ".join(self.choices)
                raise AnswerRefused.of(self.key, f"'{item}' is not one of: {options}")
            if match not in picked:
                picked.append(match)
        return ", ".join(picked)


@frozen
class Answer:
    """An answer, with the question as it was worded when asked."""

    prompt_key: str
    phase: Phase
    kind: PromptKind
    question: str
    value: str
    answered_at: datetime


def answer(prompt: Prompt, raw: str, now: datetime) -> Answer | None:
    """Validate a raw answer to a prompt; None when it was left blank."""
    value = prompt.normalize(raw)
    if value is None:
        return None
    return Answer(prompt.key, prompt.phase, prompt.kind, prompt.text, value, now)


# Asked when a break starts; its answer is stored on the break itself, not as an answer row.
INTENTION_PROMPT = Prompt(
    "intention",
    Phase.BEFORE,
    PromptKind.TEXT,
    "What is your intention for this break?",
    "One line you can hold yourself to.",
)


def _is_small_number(text: str) -> bool:
    # str.isdigit() also accepts characters such as '²' that int() rejects.
    return text.isascii() and text.isdigit() and len(text) <= 6


# How a terminal asks for several choices; journals keep it as the question's hint.
CHOICES_HINT = "Pick any, separated by commas."

DEFAULT_PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "expect_miss",
        Phase.BEFORE,
        PromptKind.TEXT,
        "What do you expect to miss while you are away?",
        "People, news, a feeling? Be specific; you will compare later.",
    ),
    Prompt(
        "watch_for",
        Phase.BEFORE,
        PromptKind.TEXT,
        "What will you watch for from the outside?",
        "Who leads and who follows, who connects and who only broadcasts.",
    ),
    Prompt(
        "pulls",
        Phase.BEFORE,
        PromptKind.CHOICES,
        "What usually pulls you back in?",
        CHOICES_HINT,
        choices=("boredom", "notifications", "news", "friends", "work", "habit", "loneliness"),
    ),
    Prompt(
        "mood_before",
        Phase.BEFORE,
        PromptKind.SCALE,
        "How do you feel right now?",
        "1 = low, 5 = good",
    ),
    Prompt("helpful", Phase.AFTER, PromptKind.YES_NO, "Was this break helpful?"),
    Prompt(
        "learned",
        Phase.AFTER,
        PromptKind.TEXT,
        "What did you learn?",
        "About the platforms, the people on them, or yourself.",
    ),
    Prompt(
        "noticed",
        Phase.AFTER,
        PromptKind.TEXT,
        "What did you notice about how people behave there?",
        "Leading or following, building relationships or collecting followers.",
        pairs_with="watch_for",
    ),
    Prompt(
        "missed",
        Phase.AFTER,
        PromptKind.TEXT,
        "What did you actually miss?",
        pairs_with="expect_miss",
    ),
    Prompt("not_missed", Phase.AFTER, PromptKind.TEXT, "What did you not miss at all?"),
    Prompt(
        "mood_after",
        Phase.AFTER,
        PromptKind.SCALE,
        "How do you feel now?",
        "1 = low, 5 = good",
        pairs_with="mood_before",
    ),
    Prompt(
        "change",
        Phase.AFTER,
        PromptKind.TEXT,
        "What will you change from here?",
        "One small, concrete thing.",
    ),
)


def prompts_for(phase: Phase, prompts: tuple[Prompt, ...] = DEFAULT_PROMPTS) -> tuple[Prompt, ...]:
    return tuple(p for p in prompts if p.phase is phase)


def find_prompt(key: str, prompts: tuple[Prompt, ...] = DEFAULT_PROMPTS) -> Prompt:
    for prompt in prompts:
        if prompt.key == key:
            return prompt
    known = ", ".join(p.key for p in prompts)
    raise InvalidInput(f"unknown question '{key}'; known questions: {known}")
