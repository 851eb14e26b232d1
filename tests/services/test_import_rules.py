"""An import brings in only what the commands themselves could have made, or nothing at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryQuery
from breakwell.domain.errors import BreakwellError, InvalidInput, RuleRefused
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from breakwell.services.transfer import ExportFormat, Selection

Change = Callable[[dict[str, Any]], None]
NUL = "with a \x00 inside"


def export(services: Services) -> str:
    text = services.transfer.export(ExportFormat.JSON, Selection())[""]
    assert isinstance(text, str)
    return text


@pytest.fixture
def document(services: Services, clock: FakeClock) -> dict[str, Any]:
    """The journal's own export: a note, a commitment, a plan and a running locked break.

    It goes back into the same journal, so only the rows a test adds, or gives another
    identity, are new to it."""
    services.journal.write("a note")
    services.commitments.add("one post", 1, "week")
    services.plans.add(
        recurrence_from(every="weekday", at="09:00", length="1h"), platforms=["x"], timezone="UTC"
    )
    services.breaks.start(
        services.breaks.plan(timedelta(hours=3), platforms=["x"], strictness=Strictness.LOCKED)
    )
    data: dict[str, Any] = json.loads(export(services))
    return data


def new_break(document: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A copy of the file's running break that the journal does not hold (another identity)."""
    row: dict[str, Any] = json.loads(json.dumps(document["breaks"][0]))
    row.update(id=50, created_at="2026-11-20T10:00:00+00:00", answers=[], slips=[])
    row.update(fields)
    document["breaks"].append(row)
    return row


def refused(services: Services, document: dict[str, Any], message: str) -> BreakwellError:
    before = export(services)
    with pytest.raises(BreakwellError) as caught:
        services.transfer.import_text(json.dumps(document), None, "the file")
    assert message in str(caught.value)
    assert str(caught.value).startswith("the file: ")
    assert "\n" not in str(caught.value)
    assert export(services) == before
    return caught.value


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"starts_at": "2026-11-01T00:00:00+00:00", "ends_at": "2040-01-01T00:00:00+00:00"},
            "breaks[1]: a break can last at most 365 days",
        ),
        (
            {"starts_at": "2026-11-23T20:00:00+00:00", "ends_at": "2026-11-23T19:00:00+00:00"},
            "breaks[1]: the break ends before it starts",
        ),
        (
            {
                "status": "planned",
                "started_at": None,
                "starts_at": "2036-11-23T20:00:00+00:00",
                "ends_at": "2036-11-23T21:00:00+00:00",
            },
            "breaks[1]: a break can be planned at most 366 days ahead",
        ),
        (
            {
                "starts_at": "2026-11-24T20:00:00+00:00",
                "ends_at": "2026-11-24T21:00:00+00:00",
            },
            "breaks[1]: the break is running but its window has not begun",
        ),
        (
            {
                "starts_at": "2026-11-24T20:00:00+00:00",
                "ends_at": "2026-11-24T21:00:00+00:00",
                "status": "planned",
                "started_at": None,
                "platforms": [],
            },
            "breaks[1]: a break needs at least one platform",
        ),
        (
            {
                "starts_at": "2026-11-24T20:00:00+00:00",
                "ends_at": "2026-11-24T21:00:00+00:00",
                "status": "planned",
                "started_at": None,
                "platforms": ["x", "x"],
            },
            "breaks[1]: the platform 'x' is given twice",
        ),
        ({"intention": NUL}, "breaks[1]: the intention holds the control character U+0000"),
        ({"status": "completed", "ended_at": None, "end_reason": "\x1b[2J"}, "U+001B"),
    ],
)
def test_a_break_the_commands_could_not_make_is_refused(
    services: Services, document: dict[str, Any], fields: dict[str, Any], message: str
) -> None:
    new_break(document, **fields)
    refused(services, document, message)


def test_an_open_break_over_the_running_locked_one_is_refused(
    services: Services, document: dict[str, Any]
) -> None:
    # The case that lifted a locked break's block: active, no platform, 300 days, overlapping.
    new_break(document, platforms=[], ends_at="2027-09-20T20:00:00+00:00")
    refused(services, document, "breaks[1]: a break needs at least one platform")
    document["breaks"][1]["platforms"] = ["reddit"]
    document["platforms"].append(
        {"id": "reddit", "name": "Reddit", "domains": ["reddit.com"], "processes": []}
    )
    error = refused(services, document, "breaks[1]: it overlaps break #1, which is running")
    assert isinstance(error, RuleRefused)


def test_two_open_breaks_in_the_file_may_not_overlap(
    services: Services, document: dict[str, Any]
) -> None:
    later = {"starts_at": "2026-12-01T10:00:00+00:00", "ends_at": "2026-12-01T12:00:00+00:00"}
    new_break(document, status="planned", started_at=None, **later)
    new_break(document, id=51, created_at="2026-11-21T10:00:00+00:00", status="planned",
              started_at=None, starts_at="2026-12-01T11:00:00+00:00",
              ends_at="2026-12-01T13:00:00+00:00")  # fmt: skip
    refused(services, document, "breaks[2]: it overlaps breaks[1], also open")


def test_an_unknown_platform_on_an_open_break_is_refused_as_start_refuses_it(
    services: Services, document: dict[str, Any]
) -> None:
    document["platforms"].append(
        {"id": "myspace", "name": "Myspace", "domains": ["myspace.com"], "processes": []}
    )
    later = {"starts_at": "2026-12-01T10:00:00+00:00", "ends_at": "2026-12-01T12:00:00+00:00"}
    new_break(document, status="planned", started_at=None, platforms=["myspace"], **later)
    refused(services, document, "breaks[1]: unknown platform 'myspace'")
    # A past break keeps whatever it blocked then.
    document["breaks"][1].update(
        status="completed",
        starts_at="2026-11-01T10:00:00+00:00",
        ends_at="2026-11-01T12:00:00+00:00",
        ended_at="2026-11-01T12:00:00+00:00",
    )
    _, merged = services.transfer.import_text(json.dumps(document), None, "the file")
    assert merged.added["breaks"] == 1


def test_a_platform_row_must_be_one_the_config_could_hold(
    services: Services, document: dict[str, Any]
) -> None:
    document["platforms"].append(
        {"id": "evil", "name": "Evil", "domains": ["bad\n1.2.3.4 bank.com"], "processes": []}
    )
    refused(services, document, "platforms[1]: ")


def test_a_doctored_copy_of_the_running_locked_break_changes_nothing(
    services: Services, document: dict[str, Any], clock: FakeClock
) -> None:
    running = services.breaks.status().active
    assert running is not None and running.strictness is Strictness.LOCKED
    # The same break, as the file claims it: ended, gentle, and over an hour ago.
    document["breaks"][0].update(
        status="ended_early",
        strictness="gentle",
        ends_at="2026-11-23T20:30:00+00:00",
        ended_at="2026-11-23T20:30:00+00:00",
    )
    # And under a new identity, still running but ending sooner.
    new_break(document, status="active", ended_at=None, ends_at="2026-11-23T20:30:00+00:00")
    refused(services, document, "breaks[1]: it overlaps break #1, which is running")
    document["breaks"].pop()
    _, merged = services.transfer.import_text(json.dumps(document), None, "the file")
    assert merged.present["breaks"] == 1 and not merged.added
    clock.advance(timedelta(hours=1))
    after = services.breaks.status().active
    assert after == running


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(rule="61 9 * * mon"), "plans[0]: "),
        (lambda p: p.update(rule="0 9 * * 1"), "the day-of-week field '1' must list day names"),
        (lambda p: p.update(timezone="Mars/Olympus"), "unknown time zone 'Mars/Olympus'"),
        (lambda p: p.update(until="25:00"), "plans[0]: "),
        (lambda p: p.update(length_seconds=10 * 366 * 86400), "at most 7 days"),
        (lambda p: p.update(rule="*/5 * * * mon", length_seconds=3600), "make it shorter"),
        (lambda p: p.update(name=NUL), "plans[0]: a plan's name is one line"),
        (lambda p: p.update(platforms=[]), "plans[0]: a plan needs at least one platform"),
    ],
)
def test_a_plan_must_be_one_plan_add_could_make(
    services: Services,
    document: dict[str, Any],
    change: Callable[[dict[str, Any]], None],
    message: str,
) -> None:
    plan = document["plans"][0]
    plan["created_at"] = "2026-11-20T10:00:00+00:00"  # a plan the journal lacks
    change(plan)
    refused(services, document, message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["entries"][0].update(text=NUL), "entries[0]: an entry holds the control"),
        (lambda d: d["entries"][0].update(text="  "), "entries[0]: an entry needs some text"),
        (lambda d: d["entries"][0].update(tags=["a\x00"]), "entries[0]: a tag holds"),
        (lambda d: d["commitments"][0].update(text="x" * 201), "at most 200 characters"),
        (lambda d: d["commitments"][0].update(text=NUL), "commitments[0]: a commitment holds"),
        (
            lambda d: d["commitments"][0]["logs"].append(
                {"logged_at": "2026-11-23T20:00:00+00:00", "note": "\x07"}
            ),
            "commitments[0]: a note holds the control character U+0007",
        ),
        (
            lambda d: d["breaks"][0]["answers"].append(
                {
                    "prompt_key": "mood_before",
                    "phase": "before",
                    "kind": "scale",
                    "question": "How?",
                    "value": "9",
                    "answered_at": "2026-11-23T20:00:00+00:00",
                }
            ),
            "breaks[0]: mood_before: answer with a whole number from 1 to 5",
        ),
        (
            lambda d: d["prompts"].append(
                {
                    "key": "own",
                    "phase": "after",
                    "kind": "choices",
                    "text": "Which?",
                    "hint": "",
                    "choices": [],
                    "position": 0,
                    "active": True,
                    "created_at": "2026-11-23T20:00:00+00:00",
                }
            ),
            "prompts[0]: a question of kind choices needs 2 to 20 choices",
        ),
        (
            lambda d: d["entries"][0].update(edited_at="2020-01-01T00:00:00+00:00"),
            "entries[0]: an entry cannot be edited before it was written",
        ),
        # Control characters that Python's strip() takes for spaces, at the text's edge.
        *(
            (
                lambda d, c=c: d["entries"][0].update(text=f"0{c}"),
                f"entries[0]: an entry holds the control character U+{ord(c):04X}",
            )
            for c in ("\x85", "\x1c", "\x0c")
        ),
    ],
)
def test_text_and_answers_meet_the_commands_rules(
    services: Services, document: dict[str, Any], change: Change, message: str
) -> None:
    document["entries"][0]["created_at"] = "2026-11-20T10:00:00+00:00"
    document["commitments"][0]["created_at"] = "2026-11-20T10:00:00+00:00"
    change(document)
    refused(services, document, message)


def test_the_commands_refuse_control_characters_too(services: Services) -> None:
    with pytest.raises(InvalidInput, match=r"an entry holds the control character U\+0000"):
        services.journal.write(NUL)
    with pytest.raises(InvalidInput, match=r"U\+0000"):
        services.commitments.add(NUL, 1, "week")
    with pytest.raises(InvalidInput, match=r"the intention holds the control character U\+001B"):
        services.breaks.plan(timedelta(hours=1), platforms=["x"], intention="\x1b[31m")
    with pytest.raises(InvalidInput, match=r"U\+0085"):
        services.journal.write("seen\x85")
    # Tabs and line breaks are writing.
    assert services.journal.write("one\ttwo\nthree").text == "one\ttwo\nthree"


def test_an_entrys_tags_and_people_are_read_from_its_text_not_from_the_file(
    services: Services, document: dict[str, Any]
) -> None:
    """A file's lists could name people and tags its text never says, which no command could
    make (and the People view would list someone writing @name would never find)."""
    entry = document["entries"][0]
    entry.update(
        created_at="2026-11-20T10:00:00+00:00",
        text="met @Ana at #home",
        tags=["planted"],
        people=["Evil Name", "UPPER"],
    )
    services.transfer.import_text(json.dumps(document), None, "the file")
    [found] = services.journal.search(EntryQuery(text="met"))
    assert (found.tags, found.people) == (("home",), ("ana",))
    assert [p.name for p in services.people.everyone()] == ["ana"]
