"""Whatever an import file holds, afterwards the journal keeps every break and plan rule, or
the import was refused and the journal is exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import MAX_LEAD
from breakwell.domain.clock import FakeClock
from breakwell.domain.durations import MAX_DURATION
from breakwell.domain.errors import BreakwellError
from breakwell.domain.plans import plan_from_fields
from breakwell.domain.text import check_text
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.store import breaks as break_store
from breakwell.store.tables import EntryRow, PlanRow
from tests.conftest import START
from tests.journal import database_of

# Many examples, each a whole journal imported.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

LOCKED_END = START + timedelta(hours=3)
PLATFORM_ROWS = {
    "x": {"id": "x", "name": "X", "domains": ["x.com"], "processes": []},
    "reddit": {"id": "reddit", "name": "Reddit", "domains": ["reddit.com"], "processes": []},
    # A platform row can be valid without this breakwell knowing it.
    "myspace": {"id": "myspace", "name": "Myspace", "domains": ["myspace.com"], "processes": []},
}


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Good nine times in ten, so that files which pass are common enough to judge."""
    return st.integers(0, 99).flatmap(lambda k: good if k >= 10 else bad)


TEXT = mostly(
    st.sampled_from(["quiet", "two\nlines", "a\ttab"]),
    st.one_of(
        st.sampled_from(["a\x00b", "\x1b[2J", "  ", "x" * 20_001, "\ud800"]),
        st.text(max_size=12),
    ),
)
PLANS = mostly(
    st.sampled_from(
        [
            ("0 21 * * mon,tue", 3600, "UTC", None),
            ("0 21 * * mon", 36000, "Europe/Berlin", "07:00"),  # a night window
        ]
    ),
    st.sampled_from(
        [
            ("61 21 * * mon", 3600, "UTC", None),  # a minute that does not exist
            ("0 21 * * 1", 3600, "UTC", None),  # not in the stored form
            ("*/5 * * * mon", 3600, "UTC", None),  # windows overlap each other
            ("0 21 * * mon", 3600, "Mars/Olympus", None),  # no such zone
            ("0 21 * * mon", 3600, "UTC", "25:00"),  # no such time
            ("0 21 * * mon", 10 * 366 * 86400, "UTC", None),  # a ten-year break
            ("0 21 30 2 *", 3600, "UTC", None),  # never happens
        ]
    ),
)
PLATFORMS = mostly(
    st.lists(st.sampled_from(["x", "reddit"]), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(list(PLATFORM_ROWS)), max_size=3),
)


def moment(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).isoformat()


@st.composite
def breaks(draw: st.DrawFn, n: int) -> dict[str, Any]:
    # Minutes from START: the locked break runs for the first 180.
    begins = draw(mostly(st.integers(-3000, 10_000), st.integers(-3000, 600_000)))
    length = draw(mostly(st.integers(1, 600), st.integers(-60, 600_000)))
    status = draw(
        st.sampled_from(["planned", "active", "completed", "ended_early", "cancelled", "missed"])
    )
    started = None if status in {"planned", "cancelled", "missed"} else moment(begins)
    ended = moment(begins + length) if status in {"completed", "ended_early"} else None
    row = {
        "id": 100 + n,
        "status": status,
        "mode": "unplug",
        "strictness": draw(st.sampled_from([s.value for s in Strictness])),
        "starts_at": moment(begins),
        "ends_at": moment(begins + length),
        "started_at": started,
        "ended_at": ended,
        "end_requested_at": None,
        "reflected_at": None,
        "intention": draw(TEXT),
        "end_reason": None,
        "plan_id": None,
        "created_at": moment(-10_000 - n),
        "updated_at": moment(-10_000 - n),
        "platforms": draw(PLATFORMS),
        "answers": [],
        "slips": [],
    }
    if draw(st.booleans()) and n == 0:
        # The running locked break, as a doctored file tells it: softer, shorter, over.
        row.update(
            created_at=START.isoformat(),
            starts_at=START.isoformat(),
            ends_at=moment(5),
            status="ended_early",
            strictness="gentle",
            started_at=START.isoformat(),
            ended_at=moment(5),
        )
    return row


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    plans = [
        {
            "id": 100 + n,
            "name": draw(mostly(st.just("nights"), st.sampled_from(["a\x00b", "x" * 81]))),
            "rule": rule,
            "length_seconds": length,
            "mode": "unplug",
            "strictness": "locked",
            "paused": False,
            "timezone": zone,
            "until": until,
            "created_at": moment(-20_000 - n),
            "updated_at": moment(-20_000 - n),
            "platforms": draw(PLATFORMS),
            "runs": [],
        }
        for n, (rule, length, zone, until) in enumerate(draw(st.lists(PLANS, max_size=2)))
    ]
    count = draw(st.integers(0, 4))
    entries = [
        {
            "id": 100 + n,
            "created_at": moment(-30_000 - n),
            "updated_at": moment(-30_000 - n),
            "kind": "note",
            "text": text,
            "break_id": None,
            "platform_id": None,
            "mood": None,
            "tags": [],
            "people": [],
        }
        for n, text in enumerate(draw(st.lists(TEXT, min_size=1, max_size=3)))
    ]
    return {
        "format": "breakwell",
        "version": 1,
        "platforms": list(PLATFORM_ROWS.values()),
        "prompts": [],
        "plans": plans,
        "breaks": [draw(breaks(n)) for n in range(count)],
        "entries": entries,
        "commitments": [],
    }


@contextmanager
def journal(clock: FakeClock) -> Iterator[tuple[Services, Path]]:
    """A fresh journal with a locked three-hour break running from START and a note."""
    with tempfile.TemporaryDirectory() as folder:
        built = build_services(load_settings({"BREAKWELL_HOME": folder}), clock)
        try:
            built.breaks.start(
                built.breaks.plan(timedelta(hours=3), platforms=["x"], strictness=Strictness.LOCKED)
            )
            built.journal.write("already here")
            yield built, Path(folder) / "breakwell.db"
        finally:
            built.close()


def contents(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def holds_every_rule(services: Services, now: datetime) -> None:
    known = services.preferences.catalogue
    services.settle()
    open_breaks = services.breaks.open_breaks()
    with database_of(services).read() as session:
        every = break_store.history(session, 10_000, None) + open_breaks
        plans = list(session.exec(select(PlanRow)))
        texts = list(session.exec(select(EntryRow.text)))
    for item in every:
        assert timedelta(0) < item.ends_at - item.starts_at <= MAX_DURATION
        check_text(item.intention)
    for item in open_breaks:
        assert item.platforms and all(known.get(p) for p in item.platforms)
        assert item.starts_at <= now + MAX_LEAD
    for a, b in combinations(open_breaks, 2):
        assert not (a.starts_at < b.ends_at and b.starts_at < a.ends_at), (a, b)
    locked = services.breaks.status().active
    assert locked is not None and locked.id == 1
    assert locked.strictness is Strictness.LOCKED and locked.ends_at == LOCKED_END
    for row in plans:
        plan_from_fields(
            rule=row.rule,
            length_seconds=row.length_seconds,
            timezone=row.timezone,
            until=row.until,
            mode=row.mode,
            strictness=row.strictness,
            name=row.name,
        )
    for text in texts:
        assert text.strip() and len(text) <= 20_000
        check_text(text)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents())
def test_an_import_keeps_every_rule_or_changes_nothing(
    clock: FakeClock, document: dict[str, Any]
) -> None:
    with journal(clock) as (services, path):
        before = contents(path)
        try:
            services.transfer.import_text(json.dumps(document), None, "the file")
        except BreakwellError as refusal:
            event("refused")
            assert str(refusal).startswith("the file") and "\n" not in str(refusal)
            assert contents(path) == before
            return
        event("imported")
        holds_every_rule(services, clock.now())
