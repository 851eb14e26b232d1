"""breakwell's own export file: its schema, and reading one back with errors a person can act on.

A file is checked whole before anything is imported: a bad field is named by its path
(entries[3].created_at), a JSON syntax error by its line and column. Every row must also
meet the rules of the command that would have made it (a plan's rule as `plan add` reads
it, a commitment as `commit add` takes it, text as `note` keeps it); the rules that depend
on the journal it joins are checked by the import itself (see domain/admission). A checked
file becomes the typed Document (domain/document) the store merges and the writers read.
"""

from __future__ import annotations

import hashlib
import io
import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any, Literal, TextIO

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from breakwell.domain.admission import check_window
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.commitments import MAX_QUOTA, Period, check_note, new_commitment
from breakwell.domain.document import (
    AnswerRecord,
    BreakRecord,
    CommitmentRecord,
    Document,
    EntryRecord,
    LogRecord,
    PersonRecord,
    PlanRecord,
    PlatformRecord,
    PromptRecord,
    RunRecord,
    SlipRecord,
    as_plain,
)
from breakwell.domain.entries import MAX_ENTRY_LENGTH, EntryKind, new_entry
from breakwell.domain.errors import BreakwellError, InvalidInput
from breakwell.domain.markup import MAX_PERSON, extract_people, extract_tags, person_name
from breakwell.domain.people import check_why
from breakwell.domain.plans import plan_from_fields
from breakwell.domain.platforms import validate_domain, validate_platform_id, validate_process
from breakwell.domain.prompts import Phase, Prompt, PromptKind
from breakwell.domain.questions import check_record
from breakwell.domain.text import check_text
from breakwell.domain.values import fields, frozen, replace
from breakwell.domain.when import within_years

FORMAT = "breakwell"
VERSION = 1

# One of pydantic's errors: where ("loc") and what ("msg").
Problem = Mapping[str, Any]

# Entries read again are checked against the first reading this many at a time.
_PART = 500

# SQLite's largest integer: every number a file brings is bounded, so none can overflow the
# driver, and each is refused in a line that names its field.
LARGEST = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=LARGEST)]
# A question's place in its phase, counted from 0 as the commands store it.
Position = Annotated[int, Field(ge=0, le=LARGEST)]
Key = Annotated[str, Field(min_length=1, max_length=64)]
PlatformId = Annotated[str, Field(min_length=1, max_length=32)]
Short = Annotated[str, Field(max_length=16)]


def _within_years(moment: datetime) -> datetime:
    # Outside these years a time cannot be shown in every zone, and would break later reads.
    if not within_years(moment):
        raise ValueError(f"{moment.isoformat()} is too far from now")
    return moment


# JSON has no dates: ISO text is read into an aware datetime, which strict mode alone refuses.
Moment = Annotated[AwareDatetime, Field(strict=False), AfterValidator(_within_years)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_enum_values=True)


class PlatformIn(_Strict):
    id: PlatformId
    name: str
    domains: list[str]
    processes: list[str]


class PromptIn(_Strict):
    key: Key
    phase: Phase = Field(strict=False)
    kind: PromptKind = Field(strict=False)
    text: str
    hint: str
    choices: list[str]
    position: Position
    active: bool
    created_at: Moment


class RunIn(_Strict):
    occurs_at: Moment
    break_id: Id | None
    outcome: Short


class PlanIn(_Strict):
    id: Id
    name: str
    rule: str
    length_seconds: Annotated[int, Field(ge=1, le=LARGEST)]
    mode: Mode = Field(strict=False)
    strictness: Strictness = Field(strict=False)
    paused: bool
    timezone: Annotated[str, Field(max_length=64)]
    until: Annotated[str, Field(pattern=r"^\d\d:\d\d$")] | None
    created_at: Moment
    updated_at: Moment
    platforms: list[PlatformId]
    runs: list[RunIn]


class AnswerIn(_Strict):
    prompt_key: Key
    phase: Phase = Field(strict=False)
    kind: PromptKind = Field(strict=False)
    question: str
    value: str
    answered_at: Moment


class SlipIn(_Strict):
    occurred_at: Moment
    platform_id: PlatformId | None
    entry_id: Id | None


class BreakIn(_Strict):
    id: Id
    status: BreakStatus = Field(strict=False)
    mode: Mode = Field(strict=False)
    strictness: Strictness = Field(strict=False)
    starts_at: Moment
    ends_at: Moment
    started_at: Moment | None
    ended_at: Moment | None
    end_requested_at: Moment | None
    reflected_at: Moment | None
    intention: str
    end_reason: str | None
    plan_id: Id | None
    created_at: Moment
    updated_at: Moment
    platforms: list[PlatformId]
    answers: list[AnswerIn]
    slips: list[SlipIn]


class EntryIn(_Strict):
    id: Id
    created_at: Moment
    updated_at: Moment
    kind: EntryKind = Field(strict=False)
    text: Annotated[str, Field(min_length=1, max_length=MAX_ENTRY_LENGTH)]
    break_id: Id | None
    platform_id: PlatformId | None
    mood: Annotated[int, Field(ge=1, le=5)] | None
    tags: list[Annotated[str, Field(min_length=1, max_length=64)]]
    people: list[Annotated[str, Field(min_length=1, max_length=128)]]
    # Files written before entries could be edited have no such field.
    edited_at: Moment | None = None


class LogIn(_Strict):
    logged_at: Moment
    note: str


class CommitmentIn(_Strict):
    id: Id
    text: Annotated[str, Field(min_length=1)]
    max_count: Annotated[int, Field(ge=0, le=MAX_QUOTA)]
    period: Period = Field(strict=False)
    created_at: Moment
    archived_at: Moment | None
    logs: list[LogIn]


class PersonIn(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=MAX_PERSON)]
    why: str
    created_at: Moment
    updated_at: Moment


class DocumentIn(_Strict):
    format: Literal["breakwell"]
    version: Literal[1]
    platforms: list[PlatformIn]
    prompts: list[PromptIn]
    plans: list[PlanIn]
    breaks: list[BreakIn]
    entries: list[EntryIn]
    commitments: list[CommitmentIn]
    # Added after version 1 was first written: older files have none.
    people: list[PersonIn] = []


def to_json(document: Document) -> str:
    """The export file's text: stable key order, UTC instants to the microsecond."""
    out = io.StringIO()
    write_json(document, document.entries, out)
    return out.getvalue()


def write_json(document: Document, entries: Iterable[EntryRecord], out: TextIO) -> None:
    """The export file written as `entries` come (in place of the document's own), the same
    text as one `json.dumps` of the whole. Each list of records is written a record at a time,
    dumped alone and indented to its place: a long-kept journal holds thousands of breaks as
    well as its entries, and their text is never held whole."""
    head = {"format": FORMAT, "version": VERSION}
    out.write("{")
    between = "\n  "
    for key, value in head.items():
        out.write(f"{between}{_dumps(key)}: {_dumps(value)}")
        between = ",\n  "
    for field in fields(document):
        out.write(f"{between}{_dumps(field.name)}: ")
        if field.name == "entries":
            _write_list(entries, out)
        else:
            _write_list(getattr(document, field.name), out)
    out.write("\n}\n")


def _write_list(items: Iterable[object], out: TextIO) -> None:
    between = "[\n    "
    for item in items:
        out.write(between + _dumps(as_plain(item)).replace("\n", "\n    "))
        between = ",\n    "
    out.write("\n  ]" if between != "[\n    " else "[]")


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_encode)


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{what} is not valid JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise _too_deep(what) from None


def decode(raw: bytes, what: str) -> str:
    """A file's text: UTF-8, with or without the mark some editors put first."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{what} is not UTF-8 text (byte {error.start})") from None


def field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path or "the file"


def explain(error: ValidationError, what: str) -> InvalidInput:
    return _explained(error.errors()[0], what)


def _explained(first: Problem, what: str) -> InvalidInput:
    problem = first["msg"].removeprefix("Value error, ")
    return InvalidInput(one_line(f"{what}: {field_path(first['loc'])}: {problem}"))


def _too_deep(what: str) -> InvalidInput:
    # No journal nests more than a few levels; a file that does is not one.
    return InvalidInput(f"{what} nests its lists or objects too deeply to be a journal")


def one_line(message: str) -> str:
    """A message quoting the file's own text, kept to the one line an error is."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def is_document(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_document(data: Any, what: str = "the file") -> Document:
    """A parsed export checked whole, as the document the store merges."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f'{what} is not a breakwell export (no "format": "breakwell")')
    head = dict(data)
    seen = Entries(what)
    breaks = Breaks(what)
    kept: list[EntryIn] = []
    if isinstance(head.get("breaks"), list):
        for raw in head["breaks"]:
            breaks.add(raw)
        head["breaks"] = []
    if isinstance(head.get("entries"), list):
        for raw in head["entries"]:
            entry = seen.add(raw)
            if entry is not None:
                kept.append(entry)
        head["entries"] = []
    document = _checked(head, seen, breaks, what)
    return replace(document, entries=tuple(_entry(e) for e in kept))


@frozen
class Checked:
    """An export file checked whole but its entries, which are only counted: they are read
    again from the file as they are merged (see `entries_of`)."""

    document: Document
    entries: Entries


def check_file(
    file: TextIO, what: str, reading: Callable[[], None] = lambda: None
) -> Checked | None:
    """An export file checked as `read_document` checks it, reading one entry and one break
    at a time (and calling `reading` every so many entries). None when the file is no
    breakwell export (then it may be jrnl's). A file this reader does not follow raises
    NotStreamable (see jsonstream), to be read whole instead."""
    from breakwell.services.jsonstream import members

    head: dict[str, Any] = {}
    seen = Entries(what)
    breaks = Breaks(what)
    for key, value in members(file):
        head[key] = value
        if isinstance(value, Iterator):
            if key == "breaks":
                for raw in value:
                    breaks.add(raw)
            else:
                for raw in value:
                    seen.add(raw)
                    if seen.count % 1000 == 0:
                        reading()
            head[key] = []
    if head.get("format") != FORMAT:
        return None
    return Checked(_checked(head, seen, breaks, what), seen)


def entries_of(file: TextIO, checked: Checked) -> Iterator[EntryRecord]:
    """The entries of a file `check_file` has checked, read again: each part of them given
    only once it is found to be what was checked, so a file changed in between is refused
    before anything unchecked is merged."""
    from breakwell.services.jsonstream import members

    what = checked.entries.what
    again = Entries(what)
    taken: list[EntryRecord] = []
    for key, value in members(file):
        if key == "breaks" and isinstance(value, Iterator):
            for _ in value:
                pass  # kept from the first reading
        elif key == "entries" and isinstance(value, Iterator):
            for raw in value:
                # Only the schema, for the records: the same entries were checked whole.
                entry = again.add(raw, rules=False)
                if entry is not None:
                    taken.append(_entry(entry))
                if again.count % _PART == 0:
                    _same(again, checked.entries)
                    yield from taken
                    taken.clear()
    if again.summary() != checked.entries.summary():
        raise _changed(what)
    yield from taken


def _same(again: Entries, checked: Entries) -> None:
    done = len(again.parts)
    if again.parts != checked.parts[:done]:
        raise _changed(again.what)


def _changed(what: str) -> InvalidInput:
    return InvalidInput(f"{what} changed while it was imported; nothing was imported")


def _checked(head: dict[str, Any], seen: Entries, breaks: Breaks, what: str) -> Document:
    """The file but its entries and breaks against the schema, the references and the rules,
    with the first problem of its entries and breaks (gathered by `seen` and `breaks`)
    reported where a check of the whole file would have found it; as the document to merge,
    its entries left out."""
    if head.get("version") != VERSION:
        raise InvalidInput(
            f"{what} is version {head.get('version')!r} of breakwell's export; "
            f"this breakwell reads version {VERSION}"
        )
    errors: Sequence[Problem] = []
    try:
        document = DocumentIn.model_validate(head)
    except ValidationError as error:
        errors = error.errors()
    except RecursionError:
        raise _too_deep(what) from None
    # The whole file's first error: its fields are checked in order, then unknown fields.
    firsts = [*errors[:1], *(p for p in (breaks.invalid, seen.invalid) if p is not None)]
    if firsts:
        raise _explained(min(firsts, key=_rank), what)
    _check_references(document, breaks.records, seen, what)
    _check_rules(document, breaks, seen, what)
    return _as_document(document, breaks.records)


def _rank(error: Problem) -> int:
    order = list(DocumentIn.model_fields)
    field = error["loc"][0] if error["loc"] else None
    return order.index(field) if field in order else len(order)


class Entries:
    """What the checks need of a file's entries, gathered one entry at a time, so the entries
    need not be kept: the first entry against the schema (`invalid`) and against the rules
    (`broken`), the ids, and for each break and platform named, the first entry naming it."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.count = 0
        self.invalid: Problem | None = None
        self.broken: BreakwellError | None = None
        self._ids = array("q")
        self._rising = True
        self._breaks: dict[int, int] = {}
        self._platforms: dict[str, int] = {}
        self._digest = hashlib.blake2b(digest_size=16)
        self.parts: list[bytes] = []

    def add(self, raw: Any, *, rules: bool = True) -> EntryIn | None:
        """Check the next entry (against the schema only, without `rules`); None once an
        entry has broken the schema."""
        n = self.count
        self.count += 1
        # The entries as read, a part at a time, so a second reading shows they are the same.
        self._digest.update(repr(raw).encode("utf-8", "surrogatepass"))
        if self.count % _PART == 0:
            self.parts.append(self._digest.digest())
            self._digest = hashlib.blake2b(digest_size=16)
        if self.invalid is not None:
            return None
        try:
            entry = EntryIn.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            self.invalid = {**first, "loc": ("entries", n, *first["loc"])}
            return None
        except RecursionError:
            raise _too_deep(self.what) from None
        if self._ids and entry.id <= self._ids[-1]:
            self._rising = False
        self._ids.append(entry.id)
        if entry.break_id is not None:
            self._breaks.setdefault(entry.break_id, n)
        if entry.platform_id is not None:
            self._platforms.setdefault(entry.platform_id, n)
        if rules and self.broken is None:
            try:
                _check_entry(entry)
            except BreakwellError as error:
                self.broken = type(error)(one_line(f"{self.what}: entries[{n}]: {error}"))
        return entry

    def having(self, wanted: set[int]) -> set[int]:
        """Which of `wanted` are ids of entries."""
        return {entry_id for entry_id in self._ids if entry_id in wanted} if wanted else set()

    def repeated(self) -> bool:
        return not self._rising and len(set(self._ids)) != len(self._ids)

    def first_unknown(self, breaks: set[int], platforms: set[str]) -> tuple[str, object] | None:
        """The path and value of the first link to a break or platform not in the file."""
        found: list[tuple[int, int, str, object]] = [
            (n, 0, "break_id", b) for b, n in self._breaks.items() if b not in breaks
        ]
        found += [
            (n, 1, "platform_id", p) for p, n in self._platforms.items() if p not in platforms
        ]
        if not found:
            return None
        n, _, field, value = min(found, key=lambda link: (link[0], link[1]))
        return f"entries[{n}].{field}", value

    def summary(self) -> tuple[int, list[bytes], bytes, bool]:
        """What two readings of the same entries agree on."""
        fine = self.invalid is None and self.broken is None
        return self.count, self.parts, self._digest.digest(), fine


class Breaks:
    """A file's breaks, checked one at a time as they are read and kept only as the records
    the merge needs: a break's decoded JSON and its model take about thirteen times the
    memory of its record (the bench's 1,000,000-entry journal has 4,000 breaks). Keeps the
    first break against the schema (`invalid`) and against the rules (`broken`)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.records: list[BreakRecord] = []
        self.invalid: Problem | None = None
        self.broken: BreakwellError | None = None

    def add(self, raw: Any) -> None:
        n = len(self.records)
        if self.invalid is not None:
            return
        try:
            item = BreakIn.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            self.invalid = {**first, "loc": ("breaks", n, *first["loc"])}
            return
        except RecursionError:
            raise _too_deep(self.what) from None
        record = _break(item)
        self.records.append(record)
        if self.broken is None:
            try:
                _check_break(item, record)
            except BreakwellError as error:
                self.broken = type(error)(one_line(f"{self.what}: breaks[{n}]: {error}"))


def read_dumped(taken: Document, what: str) -> Document:
    """A document dumped from another journal, checked as an export file of it would be."""
    return read_document({"format": FORMAT, "version": VERSION, **as_plain(taken)}, what)


def _check_references(
    document: DocumentIn, records: Sequence[BreakRecord], seen: Entries, what: str
) -> None:
    """Every number the file points at must be a row in the file."""
    platforms = {p.id for p in document.platforms}
    plans = {p.id for p in document.plans}
    breaks = {b.id for b in records}
    slips = [slip for item in records for slip in item.slips]
    entries = seen.having({slip.entry_id for slip in slips if slip.entry_id is not None})
    used: list[tuple[str, int, Sequence[str]]] = [
        ("plans", n, p.platforms) for n, p in enumerate(document.plans)
    ]
    used += [("breaks", n, b.platforms) for n, b in enumerate(records)]
    for kind, n, names in used:
        for k, platform in enumerate(names):
            _need(platform in platforms, what, f"{kind}[{n}].platforms[{k}]", platform)
    for n, plan in enumerate(document.plans):
        for k, run in enumerate(plan.runs):
            _need(
                run.break_id is None or run.break_id in breaks,
                what,
                f"plans[{n}].runs[{k}].break_id",
                run.break_id,
            )
    for n, item in enumerate(records):
        ok = item.plan_id is None or item.plan_id in plans
        _need(ok, what, f"breaks[{n}].plan_id", item.plan_id)
        for k, slip in enumerate(item.slips):
            at = f"breaks[{n}].slips[{k}]"
            ok = slip.entry_id is None or slip.entry_id in entries
            _need(ok, what, f"{at}.entry_id", slip.entry_id)
            ok = slip.platform_id is None or slip.platform_id in platforms
            _need(ok, what, f"{at}.platform_id", slip.platform_id)
    unknown = seen.first_unknown(breaks, platforms)
    if unknown is not None:
        _need(False, what, *unknown)
    for kind, ids, rows in (("plans", plans, document.plans), ("breaks", breaks, records)):
        if len(ids) != len(rows):
            raise InvalidInput(f"{what}: {kind}: the same id is used twice")
    if seen.repeated():
        raise InvalidInput(f"{what}: entries: the same id is used twice")


def _need(ok: bool, what: str, path: str, value: object) -> None:
    if not ok:
        raise InvalidInput(f"{what}: {path}: {value!r} is not in the file")


# The rules of the commands that make each row ----------------------------------------------


def _check_rules(document: DocumentIn, breaks: Breaks, seen: Entries, what: str) -> None:
    """Each row against the rules of the command that makes it, in the file's order."""

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
    if breaks.broken is not None:
        raise breaks.broken
    if seen.broken is not None:
        raise seen.broken
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
    check_record(_prompt(prompt))


def _check_break(item: BreakIn, record: BreakRecord) -> None:
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


def _check_entry(entry: EntryIn) -> None:
    new_entry(entry.created_at, entry.text, EntryKind(entry.kind), mood=entry.mood)
    if entry.edited_at is not None and entry.edited_at < entry.created_at:
        raise InvalidInput("an entry cannot be edited before it was written")
    for tag in entry.tags:
        check_text(tag, "a tag")
    for person in entry.people:
        check_text(person, "a person")


# The checked file as the document the store merges -----------------------------------------
# The models keep enum fields as their values (use_enum_values), so each is read back here.


def _as_document(document: DocumentIn, breaks: Sequence[BreakRecord]) -> Document:
    return Document(
        platforms=tuple(
            PlatformRecord(p.id, p.name, tuple(p.domains), tuple(p.processes))
            for p in document.platforms
        ),
        prompts=tuple(_prompt(p) for p in document.prompts),
        plans=tuple(_plan(p) for p in document.plans),
        breaks=tuple(breaks),
        entries=tuple(_entry(e) for e in document.entries),
        commitments=tuple(_commitment(c) for c in document.commitments),
        people=tuple(
            PersonRecord(p.name, p.why, p.created_at, p.updated_at) for p in document.people
        ),
    )


def _prompt(prompt: PromptIn) -> PromptRecord:
    return PromptRecord(
        key=prompt.key,
        phase=Phase(prompt.phase),
        kind=PromptKind(prompt.kind),
        text=prompt.text,
        hint=prompt.hint,
        choices=tuple(prompt.choices),
        position=prompt.position,
        active=prompt.active,
        created_at=prompt.created_at,
    )


def _plan(plan: PlanIn) -> PlanRecord:
    return PlanRecord(
        id=plan.id,
        name=plan.name,
        rule=plan.rule,
        length_seconds=plan.length_seconds,
        mode=Mode(plan.mode),
        strictness=Strictness(plan.strictness),
        paused=plan.paused,
        timezone=plan.timezone,
        until=plan.until,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        platforms=tuple(plan.platforms),
        runs=tuple(RunRecord(r.occurs_at, r.break_id, r.outcome) for r in plan.runs),
    )


def _break(item: BreakIn) -> BreakRecord:
    return BreakRecord(
        id=item.id,
        status=BreakStatus(item.status),
        mode=Mode(item.mode),
        strictness=Strictness(item.strictness),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        started_at=item.started_at,
        ended_at=item.ended_at,
        end_requested_at=item.end_requested_at,
        reflected_at=item.reflected_at,
        intention=item.intention,
        end_reason=item.end_reason,
        plan_id=item.plan_id,
        created_at=item.created_at,
        updated_at=item.updated_at,
        platforms=tuple(item.platforms),
        answers=tuple(
            AnswerRecord(
                a.prompt_key, Phase(a.phase), PromptKind(a.kind), a.question, a.value, a.answered_at
            )
            for a in item.answers
        ),
        slips=tuple(SlipRecord(s.occurred_at, s.platform_id, s.entry_id) for s in item.slips),
    )


def _entry(entry: EntryIn) -> EntryRecord:
    return EntryRecord(
        id=entry.id,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        kind=EntryKind(entry.kind),
        text=entry.text,
        break_id=entry.break_id,
        platform_id=entry.platform_id,
        mood=entry.mood,
        # Read from the text as a written entry's are: a file's own lists could name people
        # and tags no entry says, which no command could make.
        tags=extract_tags(entry.text),
        people=extract_people(entry.text),
        edited_at=entry.edited_at,
    )


def _commitment(commitment: CommitmentIn) -> CommitmentRecord:
    return CommitmentRecord(
        id=commitment.id,
        text=commitment.text,
        max_count=commitment.max_count,
        period=Period(commitment.period),
        created_at=commitment.created_at,
        archived_at=commitment.archived_at,
        logs=tuple(LogRecord(log.logged_at, log.note) for log in commitment.logs),
    )
