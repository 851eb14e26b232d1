"""Each row of an export file against the rules of the command that would have made it (a
plan's rule as `plan add` reads it, a commitment as `commit add` takes it, text as `note` keeps
it). The rules that depend on the journal it joins are checked by the import itself (see
domain/admission); that each number points at a row of the file, by services/document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from breakwell.domain.admission import check_window
from breakwell.domain.commitments import check_note, new_commitment
from breakwell.domain.document import BreakRecord
from breakwell.domain.entries import EntryKind, new_entry
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.domain.markup import person_name
from breakwell.domain.people import check_why
from breakwell.domain.plans import plan_from_fields
from breakwell.domain.platforms import validate_domain, validate_platform_id, validate_process
from breakwell.domain.prompts import Phase, Prompt, PromptKind
from breakwell.domain.questions import check_record
from breakwell.domain.text import check_text
from breakwell.services.document_records import prompt_record
from breakwell.services.document_schema import (
    AnswerIn,
    BreakIn,
    DocumentIn,
    EntryIn,
    PersonIn,
    PromptIn,
)


def one_line(message: str) -> str:
    """A message quoting the file's own text, kept to the one line an error is."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


# The rules of the commands that make each row ----------------------------------------------


def check_rules(document: DocumentIn, gathered: Sequence[BreakwellError | None], what: str) -> None:
    """Each row against the rules of the command that makes it, in the file's order; the
    breaks and entries were checked as they were read, and `gathered` holds the first of each
    that broke a rule, raised where the file's order puts them."""

    @contextmanager
    def at(path: str) -> Iterator[None]:
        try:
            yield
        except BreakwellError as error:
            raise type(error)(one_line(f"{what}: {path}: {error}")) from None

    with at("platforms"):
        _unique((p.id for p in document.platforms), "platform id")
    for n, platform in enumerate(document.platforms):
        with at(f"platforms[{n}]"):
            validate_platform_id(platform.id)
            _line(platform.name, "a platform's name")
            for domain in platform.domains:
                validate_domain(domain)
            for process in platform.processes:
                validate_process(process)
    with at("prompts"):
        _unique((p.key for p in document.prompts), "question key")
    for n, prompt in enumerate(document.prompts):
        with at(f"prompts[{n}]"):
            _check_prompt(prompt)
    for n, plan in enumerate(document.plans):
        with at(f"plans[{n}]"):
            # The one judge of a plan, as `plan add` and every stored plan read back use it.
            plan_from_fields(
                rule=plan.rule,
                length_seconds=plan.length_seconds,
                timezone=plan.timezone,
                until=plan.until,
                mode=plan.mode,
                strictness=plan.strictness,
                name=plan.name,
            )
            _platforms(plan.platforms)
            _unique((r.occurs_at for r in plan.runs), "occurrence")
            for run in plan.runs:
                check_text(run.outcome, "an outcome")
    for broken in gathered:
        if broken is not None:
            raise broken
    for n, commitment in enumerate(document.commitments):
        with at(f"commitments[{n}]"):
            new_commitment(commitment.text, commitment.max_count, commitment.period)
            for log in commitment.logs:
                check_note(log.note)
    with at("people"):
        _unique((p.name for p in document.people), "person")
    for n, person in enumerate(document.people):
        with at(f"people[{n}]"):
            _check_person(person)


def _unique(keys: Iterable[object], kind: str) -> None:
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            raise InvalidInput(f"the {kind} {key!r} is given twice")
        seen.add(key)


def _platforms(names: list[str]) -> None:
    if not names:
        raise InvalidInput("a plan needs at least one platform")
    _unique(names, "platform")


def _line(text: str, what: str) -> None:
    if not check_text(text, what).strip() or "\n" in text:
        raise InvalidInput(f"{what} is one line of text")


def _check_prompt(prompt: PromptIn) -> None:
    # The rules `prompts add` and `prompts word` apply, so an import stores no question they
    # would refuse.
    check_record(prompt_record(prompt))


def check_break(item: BreakIn, record: BreakRecord) -> None:
    check_window(record.as_break())
    check_text(item.intention, "the intention")
    check_text(item.end_reason or "", "the reason")
    _unique(item.platforms, "platform")
    _unique((a.prompt_key for a in item.answers), "question")
    for given in item.answers:
        _check_answer(given)


def _check_answer(given: AnswerIn) -> None:
    """An answer `reflect` could have stored: its value in the form its kind keeps."""
    check_text(given.question, "the question")
    prompt = Prompt(given.prompt_key, Phase(given.phase), PromptKind(given.kind), given.question)
    if given.kind == PromptKind.CHOICES:
        check_text(given.value, f"{given.prompt_key}: the answer")
        if not given.value.strip():
            raise InvalidInput(f"{given.prompt_key}: the answer is empty")
        return
    if prompt.normalize(given.value) != given.value:
        raise InvalidInput(f"{given.prompt_key}: {given.value!r} is not an answer it keeps")


def _check_person(person: PersonIn) -> None:
    """A name as the journal picks it up and a why line as `people why` keeps it."""
    if person_name(person.name) != person.name:
        raise InvalidInput(f"'{person.name}' is not a name as the journal keeps it")
    if check_why(person.why) != person.why:
        raise InvalidInput("a why line is kept without spaces around or doubled")


def check_entry(entry: EntryIn) -> None:
    new_entry(entry.created_at, entry.text, EntryKind(entry.kind), mood=entry.mood)
    if entry.edited_at is not None and entry.edited_at < entry.created_at:
        raise InvalidInput("an entry cannot be edited before it was written")
    for tag in entry.tags:
        check_text(tag, "a tag")
    for person in entry.people:
        check_text(person, "a person")
