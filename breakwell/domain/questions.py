"""The person's list of questions: what is asked before and after a break, in their order.

One model: each phase has one ordered list, the built-in questions and the person's own alike,
and any of them can be reworded, moved, retired and restored. Until the person changes
anything nothing is stored, and the list is the built-in set followed by any questions an
import brought; the first change stores the whole list, so from then on the stored rows are
the list. Retired questions keep their key and place at the end of their phase's list: answers
name questions by key, and each answer keeps the question's words as they were asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from breakwell.domain.document import PromptRecord
from breakwell.domain.errors import InvalidInput, NotFound, RuleRefused
from breakwell.domain.prompts import DEFAULT_PROMPTS, INTENTION_PROMPT, Phase, Prompt, PromptKind
from breakwell.domain.values import frozen, replace

MAX_QUESTION = 200
MAX_HINT = 200
MAX_CHOICE = 64
MAX_CHOICES = 20
MAX_KEY = 40
_KEY = re.compile(rf"^[a-z][a-z0-9_]{{0,{MAX_KEY - 1}}}$")
BUILT_IN = {p.key: p for p in DEFAULT_PROMPTS}
# Answers to the intention live on the break itself, so its key can name no other question.
RESERVED = frozenset({INTENTION_PROMPT.key})
KIND_WORDS = {
    PromptKind.TEXT: "text",
    PromptKind.SCALE: "1-5",
    PromptKind.YES_NO: "yes/no",
    PromptKind.CHOICES: "choices",
}


@frozen
class Question:
    """A question on the person's list, asked or retired."""

    prompt: Prompt
    active: bool = True
    created_at: datetime | None = None

    @property
    def key(self) -> str:
        return self.prompt.key

    @property
    def phase(self) -> Phase:
        return self.prompt.phase

    @property
    def built_in(self) -> bool:
        return self.key in BUILT_IN


def _one_line(text: str, what: str, limit: int) -> str:
    clean = " ".join(text.split())
    if any(unicodedata.category(c) in {"Cc", "Cs"} for c in text if c not in "\t\n\r"):
        raise InvalidInput(f"{what} holds a control character, which breakwell does not keep")
    if len(clean) > limit:
        raise InvalidInput(f"{what} can be at most {limit} characters")
    return clean


def check_wording(text: str) -> str:
    clean = _one_line(text, "a question", MAX_QUESTION)
    if not clean:
        raise InvalidInput("a question needs some words, such as 'Who did you miss?'")
    return clean


def check_hint(hint: str) -> str:
    return _one_line(hint, "a question's hint", MAX_HINT)


def check_choices(kind: PromptKind, choices: Iterable[str]) -> tuple[str, ...]:
    given = [_one_line(c, "a choice", MAX_CHOICE) for c in choices]
    if kind is not PromptKind.CHOICES:
        if given:
            raise InvalidInput(f"only a question of kind choices takes choices, not {kind}")
        return ()
    if any(not c for c in given):
        raise InvalidInput("a choice needs some words")
    # Several choices are answered, and kept, as one line separated by commas.
    if any("," in c for c in given):
        raise InvalidInput("a choice cannot hold a comma")
    if len({c.lower() for c in given}) != len(given):
        raise InvalidInput("each choice can be given once")
    if len(given) < 2 or len(given) > MAX_CHOICES:
        raise InvalidInput(f"a question of kind choices needs 2 to {MAX_CHOICES} choices")
    return tuple(given)


def _kind_forms(kind: PromptKind) -> tuple[str, ...]:
    # As the list and the app show it, and by its stored name, which JSON and imports use.
    return tuple(dict.fromkeys((KIND_WORDS[kind], kind.value)))


# Every form a kind is accepted in, as help and refusals say them: "1-5 (or scale)".
KINDS_SAID = ", ".join(
    " (or ".join(_kind_forms(k)) + (")" if len(_kind_forms(k)) > 1 else "") for k in PromptKind
)


def check_kind(kind: str) -> PromptKind:
    said = kind.strip().lower()
    for known in PromptKind:
        if said in _kind_forms(known):
            return known
    raise InvalidInput(f"'{kind}' is not a kind of question; kinds: {KINDS_SAID}")


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise InvalidInput(
            f"'{key}' is not a question key: a lowercase letter, then up to {MAX_KEY - 1} "
            "lowercase letters, digits or _"
        )
    if key in RESERVED:
        raise InvalidInput(f"'{key}' is kept for the intention question")
    return key


def key_from(text: str, taken: Iterable[str]) -> str:
    """A key made from a question's words, not yet used by any question, asked or retired."""
    ascii_words = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_words).strip("_")[: MAX_KEY - 4].strip("_")
    if not base or not base[0].isalpha():
        base = f"q_{base}".strip("_")
    used = set(taken) | RESERVED
    key, n = base, 2
    while key in used:
        key, n = f"{base}_{n}", n + 1
    return key


def check_record(record: PromptRecord) -> None:
    """An imported question passes the rules `prompts add` and `word` apply, in the form they
    store."""
    check_key(record.key)
    # Only the tidy form they store: an untidied one would list and be asked as they never
    # show a question (on two lines, or with spaces doubled).
    _as_kept(record.text, check_wording(record.text), "a question")
    _as_kept(record.hint, check_hint(record.hint), "a question's hint")
    choices = check_choices(record.kind, record.choices)
    for given, kept in zip(record.choices, choices, strict=True):
        _as_kept(given, kept, "a choice")
    default = BUILT_IN.get(record.key)
    if default is not None and (default.phase, default.kind) != (record.phase, record.kind):
        raise InvalidInput(
            f"'{record.key}' is a built-in {default.phase} question of kind {default.kind}"
        )


def _as_kept(given: str, kept: str, what: str) -> None:
    if given != kept:
        raise InvalidInput(f"{what} is kept on one line without spaces around or doubled")


def arrange(records: Sequence[PromptRecord]) -> list[Question]:
    """The whole list from stored rows (in stored order): before-questions, then after."""
    stored_keys = {r.key for r in records}
    seeded = any(key in BUILT_IN for key in stored_keys)
    ordered = sorted(records, key=lambda r: r.position) if seeded else list(records)
    stored = [_question(r) for r in ordered]
    missing = [Question(p) for p in DEFAULT_PROMPTS if p.key not in stored_keys]
    # Before any change the built-in set leads; built-ins a stored list lacks (added in a later
    # version, or left out of an import) join its end.
    items = stored + missing if seeded else missing + stored
    return [
        q
        for phase in Phase
        for q in sorted((q for q in items if q.phase is phase), key=lambda q: not q.active)
    ]


def _question(record: PromptRecord) -> Question:
    default = BUILT_IN.get(record.key)
    prompt = Prompt(
        record.key,
        default.phase if default is not None else record.phase,
        default.kind if default is not None else record.kind,
        record.text,
        record.hint,
        record.choices,
        pairs_with=default.pairs_with if default is not None else None,
    )
    return Question(prompt, record.active, record.created_at)


def records_of(questions: Sequence[Question], now: datetime) -> list[PromptRecord]:
    """The rows that store `questions`, each phase's positions counted from 0."""
    counted: dict[Phase, int] = {}
    out: list[PromptRecord] = []
    for q in questions:
        position = counted.get(q.phase, 0)
        counted[q.phase] = position + 1
        p = q.prompt
        out.append(
            PromptRecord(
                p.key, p.phase, p.kind, p.text, p.hint, p.choices, position, q.active,
                q.created_at or now,
            )
        )  # fmt: skip
    return out


def asked(questions: Sequence[Question], phase: Phase) -> tuple[Prompt, ...]:
    return tuple(q.prompt for q in questions if q.active and q.phase is phase)


def find(questions: Sequence[Question], key: str) -> Question:
    for q in questions:
        if q.key == key:
            return q
    known = ", ".join(q.key for q in questions)
    raise NotFound(f"no question '{key}'; known questions: {known}")


# Changes: each takes the whole list and gives the new one, or refuses with nothing changed.


def add(
    questions: Sequence[Question],
    *,
    phase: Phase,
    kind: str,
    text: str,
    hint: str = "",
    choices: Iterable[str] = (),
    key: str | None = None,
) -> list[Question]:
    wording = check_wording(text)
    kind_value = check_kind(kind)
    prompt = Prompt(
        "",
        phase,
        kind_value,
        wording,
        check_hint(hint),
        check_choices(kind_value, choices),
    )
    taken = {q.key for q in questions} | set(BUILT_IN)
    if key is not None:
        check_key(key)
        if key in taken:
            raise InvalidInput(f"a question with the key '{key}' exists already")
    same = next(
        (q for q in questions if q.phase is phase and q.prompt.text.lower() == wording.lower()),
        None,
    )
    if same is not None:
        raise InvalidInput(f"'{same.key}' asks that already")
    made = Question(replace(prompt, key=key or key_from(wording, taken)))
    return _with_phase(questions, phase, lambda items: [*_active(items), made, *_retired(items)])


def reword(
    questions: Sequence[Question], key: str, text: str, hint: str | None = None
) -> list[Question]:
    found = find(questions, key)
    wording = check_wording(text)
    prompt = replace(
        found.prompt, text=wording, hint=found.prompt.hint if hint is None else check_hint(hint)
    )
    if prompt == found.prompt:
        raise RuleRefused(f"'{key}' is worded that way already")
    return [replace(q, prompt=prompt) if q.key == key else q for q in questions]


def move(questions: Sequence[Question], key: str, where: str) -> list[Question]:
    """`where`: a position counted from 1 among the phase's asked questions, up, down,
    first or last."""
    found = find(questions, key)
    if not found.active:
        raise RuleRefused(f"'{key}' is retired; restore it before moving it")
    phase = found.phase
    active = _active([q for q in questions if q.phase is phase])
    index = active.index(found)
    target = _target(where.strip().lower(), index, len(active))
    if target == index:
        raise RuleRefused(f"'{key}' is at position {index + 1} already")
    active.pop(index)
    active.insert(target, found)
    return _with_phase(questions, phase, lambda items: active + _retired(items))


def _target(where: str, index: int, count: int) -> int:
    named = {"up": index - 1, "down": index + 1, "first": 0, "last": count - 1}
    if where in named:
        return min(max(named[where], 0), count - 1)
    if where.isascii() and where.isdigit() and 1 <= int(where) <= count:
        return int(where) - 1
    raise InvalidInput(f"'{where}' is not a position: give 1 to {count}, up, down, first or last")


def retire(questions: Sequence[Question], key: str) -> list[Question]:
    found = find(questions, key)
    if not found.active:
        raise RuleRefused(f"'{key}' is retired already")
    gone = replace(found, active=False)
    return _with_phase(
        questions,
        found.phase,
        lambda items: [q for q in _active(items) if q.key != key] + [gone] + _retired(items),
    )


def restore(questions: Sequence[Question], key: str) -> list[Question]:
    found = find(questions, key)
    if found.active:
        raise RuleRefused(f"'{key}' is asked already")
    back = replace(found, active=True)
    return _with_phase(
        questions,
        found.phase,
        lambda items: _active(items) + [back] + [q for q in _retired(items) if q.key != key],
    )


def _active(items: Sequence[Question]) -> list[Question]:
    return [q for q in items if q.active]


def _retired(items: Sequence[Question]) -> list[Question]:
    return [q for q in items if not q.active]


def _with_phase(
    questions: Sequence[Question],
    phase: Phase,
    change: Callable[[list[Question]], list[Question]],
) -> list[Question]:
    changed = change([q for q in questions if q.phase is phase])
    kept = [q for q in questions if q.phase is not phase]
    return [q for p in Phase for q in (changed if p is phase else kept) if q.phase is p]
