"""Reading a break request: the rules the start form and `start` share."""

from datetime import UTC, datetime, timedelta

import pytest

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.errors import InvalidInput
from breakwell.domain.requests import BreakRequest, parse_break_request

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def test_a_length_alone_starts_now_with_the_defaults() -> None:
    request = parse_break_request(NOW, length="90m")
    assert request == BreakRequest(timedelta(minutes=90))


def test_every_field_is_read() -> None:
    request = parse_break_request(
        NOW,
        length="2h",
        at="in 1h",
        platforms=["x", "reddit"],
        mode="watch",
        strictness="firm",
        intention="notice who leads",
    )
    assert request == BreakRequest(
        timedelta(hours=2),
        at=NOW + timedelta(hours=1),
        platforms=("x", "reddit"),
        mode=Mode.WATCH,
        strictness=Strictness.FIRM,
        intention="notice who leads",
    )


@pytest.mark.parametrize("at", [None, "", "  ", "now"])
def test_no_start_or_now_means_now(at: str | None) -> None:
    assert parse_break_request(NOW, length="1h", at=at).at is None


def test_an_end_time_gives_the_length_from_the_start() -> None:
    assert parse_break_request(NOW, until="in 3h").length == timedelta(hours=3)
    later = parse_break_request(NOW, at="in 1h", until="in 3h")
    assert later.at == NOW + timedelta(hours=1)
    assert later.length == timedelta(hours=3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"length": "2x"}, "unknown unit 'x' in '2x'"),
        ({"length": "-5m"}, "a duration must be positive, got '-5m'"),
        ({"length": ""}, "a duration is needed"),
        ({"length": "30m", "at": "tomorow 9"}, "cannot read 'tomorow 9' as a time"),
        ({"length": "1h", "until": "23:00"}, "give a length or an end time, not both"),
        ({}, "say how long: a length such as 2h, or an end time"),
        ({"at": "21:00"}, "say how long: a length such as 2h, or an end time"),
        ({"length": "1h", "platforms": []}, "a break needs at least one platform"),
        ({"length": "1h", "mode": "sleep"}, "unknown mode 'sleep': choose unplug, watch"),
        ({"length": "1h", "strictness": "iron"}, "unknown strictness 'iron'"),
    ],
)
def test_faults_are_named(fields: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_break_request(NOW, **fields)  # type: ignore[arg-type]


def test_a_bad_length_is_reported_before_a_bad_start() -> None:
    with pytest.raises(InvalidInput, match="unknown unit"):
        parse_break_request(NOW, length="2x", at="tomorow 9")


def test_no_platforms_given_means_the_defaults() -> None:
    assert parse_break_request(NOW, length="1h", platforms=None).platforms == ()


def test_after_the_questions_a_start_now_passed_means_at_once() -> None:
    soon = parse_break_request(NOW, length="1h", at="in 30s")
    assert soon.after_questions(NOW) is soon
    assert soon.after_questions(NOW + timedelta(minutes=1)).at is None
    now = parse_break_request(NOW, length="1h")
    assert now.after_questions(NOW + timedelta(minutes=1)) == now
