"""Reading jrnl's JSON export (`jrnl --format json`) into journal entries.

jrnl keeps naive local wall-clock times, splits each entry into a title (its first sentence or
line) and a body, and lists tags with their sigils (#work, @anna). Every jrnl tag becomes a
breakwell tag without its sigil; @names in the text are also picked up as people, as breakwell
reads them; a starred entry is tagged "starred".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from breakwell.domain.document import OutsideEntry
from breakwell.domain.entries import MAX_ENTRY_LENGTH, EntryKind
from breakwell.domain.errors import InvalidInput
from breakwell.domain.markup import MAX_TAG, extract_people, extract_tags, normalize_tag
from breakwell.domain.text import check_text
from breakwell.domain.when import localize, within_years
from breakwell.services.document import explain

STARRED = "starred"
_SENTENCE_END = (".", "!", "?", "\u3002", "\uff01", "\uff1f")  # and the CJK forms


class JrnlEntry(BaseModel):
    # jrnl adds keys for some journal types (uuid, creator); they carry nothing to keep.
    model_config = ConfigDict(extra="ignore", frozen=True)

    title: str
    body: str = ""
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    time: Annotated[str, Field(pattern=r"^\d{2}:\d{2}(:\d{2})?$")] = "00:00"
    tags: list[str] = Field(default_factory=list)
    starred: bool = False

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date") from None
        return value

    @field_validator("time")
    @classmethod
    def _real_time(cls, value: str) -> str:
        try:
            time.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a time of day") from None
        return value


class JrnlExport(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    entries: list[JrnlEntry]


def entry_text(entry: JrnlEntry) -> str:
    title, body = entry.title.strip(), entry.body.strip()
    if not body or not title:
        return title or body
    # jrnl split one typed text in two: after its first sentence, or after its first line.
    joiner = " " if title.endswith(_SENTENCE_END) else "\n"
    return title + joiner + body


def read_jrnl(data: Any, zone: tzinfo | None, what: str = "the file") -> list[OutsideEntry]:
    """A parsed jrnl export's entries, ready for the store; the whole file or nothing."""
    if not isinstance(data, dict) or "entries" not in data:
        raise InvalidInput(f'{what} is not a jrnl JSON export (no "entries" list)')
    try:
        export = JrnlExport.model_validate(data)
    except ValidationError as error:
        raise explain(error, what) from None
    entries: list[OutsideEntry] = []
    for n, entry in enumerate(export.entries):
        body = entry_text(entry)
        if not body:
            raise InvalidInput(f"{what}: entries[{n}]: the entry has no text")
        if len(body) > MAX_ENTRY_LENGTH:
            raise InvalidInput(
                f"{what}: entries[{n}]: longer than breakwell's {MAX_ENTRY_LENGTH:,} characters"
            )
        try:
            for text in (body, *entry.tags):
                check_text(text, "the entry")
        except InvalidInput as error:
            raise InvalidInput(f"{what}: entries[{n}]: {error}") from None
        wall = datetime.combine(date.fromisoformat(entry.date), time.fromisoformat(entry.time))
        try:
            moment: datetime | None = localize(wall, zone).astimezone(UTC)
        except (OverflowError, OSError, ValueError):
            moment = None  # so far from now that the zone's offset leaves the calendar
        # Outside breakwell's years a time cannot be shown in every zone: refused, as typed.
        if moment is None or not within_years(moment):
            raise InvalidInput(f"{what}: entries[{n}].date: {entry.date} is too far from now")
        given = [normalize_tag(tag.lstrip("@")) for tag in entry.tags]
        tags = [tag for tag in given if len(tag) <= MAX_TAG]
        tags += list(extract_tags(body)) + ([STARRED] if entry.starred else [])
        entries.append(
            OutsideEntry(
                created_at=moment,
                kind=EntryKind.NOTE,
                text=body,
                tags=tuple(tag for tag in dict.fromkeys(tags) if tag),
                people=tuple(extract_people(body)),
            )
        )
    return entries
