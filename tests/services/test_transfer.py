"""The JSON export is lossless: out, into an empty home, and out again gives the same file."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakwell.demo import fill_demo
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.commitments import Period
from breakwell.domain.document import BreakRecord, Document, EntryRecord
from breakwell.domain.entries import EntryKind, EntryQuery, new_entry
from breakwell.domain.errors import InvalidInput
from breakwell.domain.platforms import BUILTIN_PLATFORMS
from breakwell.domain.prompts import DEFAULT_PROMPTS, answer
from breakwell.domain.values import replace
from breakwell.services import Services, build_services
from breakwell.services.document import read_document
from breakwell.services.transfer import ExportFormat, ImportFormat, Selection
from breakwell.settings import load_settings
from breakwell.store import answers as answer_store
from breakwell.store import breaks as break_store
from breakwell.store import entries as entry_store
from breakwell.store import slips as slip_store
from breakwell.store.dump import dump
from breakwell.store.platforms import ensure_platforms
from tests.conftest import START
from tests.journal import database_of

EVERYTHING = Selection()


@contextmanager
def fresh_home(clock: FakeClock) -> Iterator[Services]:
    with tempfile.TemporaryDirectory() as folder:
        built = build_services(load_settings({"BREAKWELL_HOME": folder}), clock)
        try:
            yield built
        finally:
            built.close()


def exported(services: Services) -> str:
    text = services.transfer.export(ExportFormat.JSON, EVERYTHING)[""]
    assert isinstance(text, str)
    return text


def round_trip(services: Services, clock: FakeClock) -> None:
    first = exported(services)
    with fresh_home(clock) as other:
        fmt, merged = other.transfer.import_text(first, None, "the export")
        assert fmt is ImportFormat.BREAKWELL
        assert not merged.present  # an empty home had none of it
        assert exported(other) == first
        _, again = other.transfer.import_text(first, ImportFormat.BREAKWELL, "the export")
        assert not again.added  # a second import adds nothing
        assert exported(other) == first


def test_the_demo_journal_survives_a_round_trip(services: Services, clock: FakeClock) -> None:
    summary = fill_demo(services, clock, weeks=6, zone="UTC")
    services.commitments.add("at most one political post", 1, "week")
    clock.advance(timedelta(days=3))
    assert services.plans.materialize()  # plans now have runs, some linked to breaks
    document = json.loads(exported(services))
    assert len(document["breaks"]) > summary.breaks
    assert len(document["entries"]) == summary.entries
    assert len(document["plans"]) == summary.plans
    assert any(b["answers"] for b in document["breaks"])
    assert any(b["slips"] for b in document["breaks"])
    assert any(p["runs"] for p in document["plans"])
    round_trip(services, clock)


def test_every_writer_of_the_document_writes_the_same_after_a_round_trip(
    services: Services, clock: FakeClock
) -> None:
    fill_demo(services, clock, weeks=4, zone="UTC")
    services.commitments.add("at most one political post", 1, "week")
    formats = (ExportFormat.JSON, ExportFormat.MD, ExportFormat.CSV)
    before = {fmt: services.transfer.export(fmt, EVERYTHING) for fmt in formats}
    assert "### Before" in str(before[ExportFormat.MD][""])
    assert set(before[ExportFormat.CSV]) == {"breaks", "entries"}
    with fresh_home(clock) as other:
        other.transfer.import_text(exported(services), None, "the export")
        for fmt in formats:
            assert other.transfer.export(fmt, EVERYTHING) == before[fmt]


def test_a_merge_into_a_journal_renumbers_and_keeps_every_link(
    services: Services, clock: FakeClock
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=2), platforms=["x"]))
    services.journal.write("seen during the break #first")
    services.journal.slip("gave in", "x")
    text = exported(services)
    with fresh_home(clock) as other:
        other.journal.write("already here, numbered 1")
        later = other.breaks.plan(
            timedelta(hours=1), at=START + timedelta(days=1), platforms=["reddit"]
        )
        other.breaks.start(later)
        other.transfer.import_text(text, None, "the export")
        [ours] = [b for b in other.breaks.open_breaks() if b.platforms == ("x",)]
        assert ours.id == 2  # #1 was taken
        entries = other.journal.search(EntryQuery(break_id=ours.id))
        assert [e.text for e in entries] == ["gave in", "seen during the break #first"]
        assert entries[1].id == 2 and entries[1].tags == ("first",)


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=80,
).filter(str.strip)
WORD = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
MICROSECONDS = st.integers(min_value=0, max_value=60 * 24 * 3600 * 10**6)


class BreakSpec(NamedTuple):
    ago: int  # microseconds before START
    hours: int
    status: BreakStatus
    mode: Mode
    strictness: Strictness
    intention: str
    platforms: list[str]
    answered: bool


class EntrySpec(NamedTuple):
    ago: int
    kind: EntryKind
    text: str
    tags: list[str]
    people: list[str]
    mood: int | None
    link: int | None  # the index of a break, if it exists


class CommitmentSpec(NamedTuple):
    text: str
    most: int
    per: str


class Journal(NamedTuple):
    breaks: list[BreakSpec]
    entries: list[EntrySpec]
    commitments: list[CommitmentSpec]


BREAKS = st.builds(
    BreakSpec,
    MICROSECONDS,
    st.integers(1, 72),
    st.sampled_from(list(BreakStatus)),
    st.sampled_from(list(Mode)),
    st.sampled_from(list(Strictness)),
    TEXT,
    st.lists(st.sampled_from(["x", "reddit", "tiktok"]), min_size=1, max_size=3, unique=True),
    st.booleans(),
)
ENTRIES = st.builds(
    EntrySpec,
    MICROSECONDS,
    st.sampled_from(list(EntryKind)),
    TEXT,
    st.lists(WORD, max_size=3),
    st.lists(WORD, max_size=2),
    st.one_of(st.none(), st.integers(1, 5)),
    st.one_of(st.none(), st.integers(0, 5)),
)
COMMITMENTS = st.builds(
    CommitmentSpec, TEXT, st.integers(0, 9), st.sampled_from(["day", "week", "month"])
)
JOURNALS = st.builds(
    Journal,
    st.lists(BREAKS, max_size=6),
    st.lists(ENTRIES, max_size=15),
    st.lists(COMMITMENTS, max_size=2),
)


def write_journal(services: Services, journal: Journal) -> None:
    prompts = {p.key: p for p in DEFAULT_PROMPTS}
    used = [p for p in BUILTIN_PLATFORMS if p.id in {"x", "reddit", "tiktok"}]
    break_ids: list[int] = []
    still_open: list[tuple[datetime, datetime]] = []
    with database_of(services).write() as session:
        ensure_platforms(session, used)
        for spec in journal.breaks:
            begins = START - timedelta(microseconds=spec.ago)
            ends = begins + timedelta(hours=spec.hours)
            status = spec.status
            # As the app keeps them: no two breaks open at once overlap.
            if status.is_open and ends > START:
                if any(begins < end and start < ends for start, end in still_open):
                    status = BreakStatus.CANCELLED
                else:
                    still_open.append((begins, ends))
            item = Break(
                begins,
                ends,
                tuple(spec.platforms),
                mode=spec.mode,
                strictness=spec.strictness,
                status=status,
                intention=spec.intention,
                started_at=begins if status is not BreakStatus.PLANNED else None,
            )
            saved = break_store.add_break(session, item, begins)
            assert saved.id is not None
            break_ids.append(saved.id)
            if spec.answered:
                pairs = (("mood_before", "2"), ("learned", spec.intention))
                given = [answer(prompts[key], value, begins) for key, value in pairs]
                answer_store.save_answers(session, saved.id, [a for a in given if a])
                slip_store.add_slip(session, saved.id, begins, None, None)
        for entry_spec in journal.entries:
            moment = START - timedelta(microseconds=entry_spec.ago)
            marks = [f"#{t}" for t in entry_spec.tags] + [f"@{p}" for p in entry_spec.people]
            body = entry_spec.text + " " + " ".join(marks)
            link = entry_spec.link
            linked = break_ids[link] if link is not None and link < len(break_ids) else None
            entry = new_entry(moment, body, entry_spec.kind, mood=entry_spec.mood)
            entry_store.add_entry(session, replace(entry, break_id=linked))
    for commitment in journal.commitments:
        made = services.commitments.add(commitment.text, commitment.most, commitment.per)
        assert made.id is not None
        services.commitments.log(made.id, commitment.text)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(journal=JOURNALS)
def test_any_journal_survives_a_round_trip(clock: FakeClock, journal: Journal) -> None:
    with fresh_home(clock) as services:
        write_journal(services, journal)
        document = json.loads(exported(services))
        assert len(document["entries"]) == len(journal.entries)
        assert len(document["breaks"]) == len(journal.breaks)
        round_trip(services, clock)


def test_a_bad_file_imports_nothing(services: Services) -> None:
    services.journal.write("one entry")
    document = json.loads(exported(services))
    document["entries"][0]["created_at"] = "yesterday"
    with pytest.raises(InvalidInput, match=r"entries\[0\]\.created_at"):
        services.transfer.import_text(json.dumps(document), None, "the file")
    document["entries"][0]["created_at"] = "2026-11-20T10:00:00+00:00"
    document["entries"].append({**document["entries"][0], "id": 2, "break_id": 7})
    with pytest.raises(InvalidInput, match=r"entries\[1\]\.break_id: 7 is not in the file"):
        services.transfer.import_text(json.dumps(document), None, "the file")
    assert len(services.journal.search(EntryQuery())) == 1


def test_moments_outside_breakwells_years_are_refused(services: Services) -> None:
    services.journal.write("one entry")
    document = json.loads(exported(services))
    document["entries"][0]["created_at"] = "0001-01-01T00:00:00+00:00"
    with pytest.raises(InvalidInput, match=r"entries\[0\]\.created_at: .* too far from now"):
        services.transfer.import_text(json.dumps(document), None, "the file")


def test_an_over_long_word_is_not_a_tag_so_every_export_imports_again(
    services: Services, clock: FakeClock
) -> None:
    entry = services.journal.write("#" + "a" * 65 + " #fine @" + "b" * 129)
    assert (entry.tags, entry.people) == (("fine",), ())
    round_trip(services, clock)


def test_the_store_takes_out_and_the_import_reads_back_the_same_typed_document(
    services: Services,
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=2), platforms=["x"]))
    services.journal.slip("gave in", "x")
    services.commitments.add("at most one political post", 1, "week")
    with database_of(services).read() as session:
        taken = dump(session, EVERYTHING)
    assert isinstance(taken, Document)
    [item] = taken.breaks
    assert isinstance(item, BreakRecord)
    assert item.status is BreakStatus.ACTIVE and item.platforms == ("x",)
    [entry] = taken.entries
    assert isinstance(entry, EntryRecord)
    assert (entry.kind, entry.break_id, entry.platform_id) == (EntryKind.SLIP, item.id, "x")
    assert item.slips[0].entry_id == entry.id
    assert taken.commitments[0].period is Period.WEEK
    # The file in between holds the document exactly: read back, it is the same value.
    assert read_document(json.loads(exported(services)), "the export") == taken
