"""Journal entries: what the person noticed, reflected, slipped on or simply noted."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from breakwell.domain.errors import InvalidInput
from breakwell.domain.markup import extract_people, extract_tags
from breakwell.domain.platforms import Catalogue
from breakwell.domain.text import check_text
from breakwell.domain.values import field, frozen, replace

MAX_ENTRY_LENGTH = 20_000
# The most entries one page of a search shows.
MAX_PAGE = 1000


class EntryKind(StrEnum):
    OBSERVATION = "observation"
    REFLECTION = "reflection"
    SLIP = "slip"
    NOTE = "note"


@frozen
class Entry:
    created_at: datetime
    kind: EntryKind
    text: str
    break_id: int | None = None
    platform: str | None = None
    mood: int | None = None
    tags: tuple[str, ...] = field(default=())
    people: tuple[str, ...] = field(default=())
    id: int | None = None
    # When its text was last changed after it was written; None while it is as written.
    edited_at: datetime | None = None


def new_entry(
    now: datetime,
    text: str,
    kind: EntryKind,
    *,
    break_id: int | None = None,
    platform: str | None = None,
    mood: int | None = None,
) -> Entry:
    body = entry_text(text)
    if mood is not None and not 1 <= mood <= 5:
        raise InvalidInput("mood is a whole number from 1 to 5")
    return Entry(
        created_at=now,
        kind=kind,
        text=body,
        break_id=break_id,
        platform=platform,
        mood=mood,
        tags=extract_tags(body),
        people=extract_people(body),
    )


def entry_text(text: str) -> str:
    """An entry's text as kept, however it is written or rewritten, or InvalidInput."""
    # Checked whole: strip() also drops control characters such as U+0085, and a file's text
    # is kept as it came.
    body = check_text(text, "an entry").strip()
    if not body:
        raise InvalidInput("an entry needs some text")
    if len(body) > MAX_ENTRY_LENGTH:
        raise InvalidInput(f"an entry can be at most {MAX_ENTRY_LENGTH:,} characters")
    return body


def edited(entry: Entry, text: str, now: datetime) -> Entry:
    """The entry with new text: its #tags and @people read again from it, marked edited."""
    body = entry_text(text)
    return replace(
        entry,
        text=body,
        tags=extract_tags(body),
        people=extract_people(body),
        edited_at=now,
    )


@frozen
class DeletedEntry:
    """An entry as it was before it was deleted, with what pointed to it, so undoing the
    delete puts it back exactly: same number, same times, the slips that logged it."""

    entry: Entry
    updated_at: datetime
    slip_ids: tuple[int, ...] = ()


def slip_entry(now: datetime, text: str | None) -> Entry | None:
    """A slip's words, when it has any, as an entry of their own."""
    return new_entry(now, text, EntryKind.SLIP) if text and text.strip() else None


def placed(
    draft: Entry,
    *,
    kind_given: bool,
    break_id: int | None,
    attach: bool,
    running: int | None,
) -> Entry:
    """The entry linked where it belongs: to the break named, else to the running break unless
    told not to. Linked to the running break without a kind given, it is an observation."""
    link = break_id if break_id is not None else (running if attach else None)
    kind = draft.kind
    if not kind_given and link is not None and break_id is None:
        kind = EntryKind.OBSERVATION
    return replace(draft, break_id=link, kind=kind)


@frozen
class EntryQuery:
    """What to look for in the journal; every filter given must hold. Newest entries first."""

    text: str | None = None
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    platform: str | None = None
    kind: EntryKind | None = None
    break_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 50
    # Match the last word as a prefix too, for search as you type.
    prefix: bool = False
    # Keyset paging: only entries older than this (created_at, id) pair.
    before: tuple[datetime, int] | None = None


def checked_query(query: EntryQuery, catalogue: Catalogue) -> EntryQuery:
    """The query as the store takes it: a page size in range, the platform by its id."""
    if not 1 <= query.limit <= MAX_PAGE:
        raise InvalidInput(f"the limit must be between 1 and {MAX_PAGE}")
    if query.platform is not None:
        return replace(query, platform=catalogue.resolve(query.platform).id)
    return query
