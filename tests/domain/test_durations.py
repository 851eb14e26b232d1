import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breakwell.domain.durations import EXAMPLES, MAX_DURATION, format_duration, parse_duration
from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import MAX_PLAN_LENGTH
from breakwell.domain.when import LOOKBACK_LIMIT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5s", timedelta(seconds=5)),
        ("45m", timedelta(minutes=45)),
        ("2h", timedelta(hours=2)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("2d", timedelta(days=2)),
        ("90 minutes", timedelta(minutes=90)),
        ("1 hour and 15 minutes", timedelta(hours=1, minutes=15)),
        ("1.5h", timedelta(minutes=90)),
        ("1w", timedelta(weeks=1)),
        ("  48H ", timedelta(hours=48)),
    ],
)
def test_reads_the_forms_people_type(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2x", "unknown unit 'x' in '2x'"),
        ("-5m", "must be positive"),
        ("0m", "longer than zero"),
        ("90", "needs a unit after 90"),
        ("", "a duration is needed"),
        ("soon", "cannot read 'soon' as a duration"),
        ("1h2h", "same unit twice"),
        ("400d", "longer than the limit of 365 days"),
        ("0.2s", "longer than zero"),
        ("99999999999999999999999999s", "longer than the limit of 365 days"),
        ("1" + "0" * 400 + "s", "longer than the limit"),
        ("9" * 5000 + "h", "longer than the limit"),
    ],
)
def test_explains_exactly_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_duration(text)


units = st.fixed_dictionaries(
    {
        "d": st.integers(0, 300),
        "h": st.integers(0, 23),
        "m": st.integers(0, 59),
        "s": st.integers(0, 59),
    }
)


@given(units, st.sampled_from(["", " "]))
def test_any_combination_of_units_adds_up(parts: dict[str, int], separator: str) -> None:
    text = separator.join(f"{amount}{unit}" for unit, amount in parts.items() if amount)
    expected = timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"])
    if expected == timedelta(0):
        with pytest.raises(InvalidInput):
            parse_duration(text)
    else:
        assert parse_duration(text) == expected


@given(st.text(max_size=30))
def test_any_text_parses_to_a_bounded_positive_duration_or_says_why(text: str) -> None:
    try:
        result = parse_duration(text)
    except InvalidInput as error:
        assert str(error)
    else:
        assert timedelta(0) < result <= MAX_DURATION


@given(st.text(max_size=20))
def test_a_leading_minus_is_always_refused(rest: str) -> None:
    with pytest.raises(InvalidInput):
        parse_duration("-" + rest)


@given(st.integers(1, 24 * 60 - 1))
def test_formatting_whole_minutes_under_a_day_reads_back_exactly(minutes: int) -> None:
    duration = timedelta(minutes=minutes)
    assert parse_duration(format_duration(duration)) == duration


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(seconds=45), "45s"),
        (timedelta(minutes=90), "1h 30m"),
        (timedelta(hours=2), "2h"),
        (timedelta(days=2, hours=4, minutes=5), "2d 4h"),
        (timedelta(0), "0s"),
        (timedelta(days=1, seconds=30), "1d"),
    ],
)
def test_formats_with_at_most_two_units(duration: timedelta, text: str) -> None:
    assert format_duration(duration) == text


# Suggestions are themselves accepted ---------------------------------------------------------

_AS_IN = re.compile(r"\(as in '([^']+)'\)")
LIMITS = (MAX_DURATION, MAX_PLAN_LENGTH, LOOKBACK_LIMIT)


def suggestion(text: str, limit: timedelta = MAX_DURATION) -> str | None:
    with pytest.raises(InvalidInput) as refused:
        parse_duration(text, limit)
    found = _AS_IN.search(str(refused.value))
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("90", MAX_DURATION, "90m"),
        ("1h 30", MAX_DURATION, "1h 30m"),
        ("30 1h", MAX_DURATION, "30m 1h"),
        ("0.5", MAX_DURATION, "0.5m"),
        # 0.001 minutes rounds to nothing; hours are the first reading that is a duration.
        ("0.001", MAX_DURATION, "0.001h"),
        ("200", MAX_PLAN_LENGTH, "200m"),
        ("0", MAX_DURATION, None),
        ("0 0", MAX_DURATION, None),
        ("600000", MAX_DURATION, None),
        ("20000", MAX_PLAN_LENGTH, None),
        ("5 2x", MAX_DURATION, None),
    ],
)
def test_a_missing_unit_suggests_only_what_would_be_accepted(
    text: str, limit: timedelta, expected: str | None
) -> None:
    assert suggestion(text, limit) == expected


def test_zero_without_a_unit_is_refused_as_zero_not_for_its_unit() -> None:
    with pytest.raises(InvalidInput, match="must be longer than zero, got '0'"):
        parse_duration("0")


def test_a_suggestion_reads_as_it_was_typed_around_it() -> None:
    with pytest.raises(InvalidInput, match=r"'in 5' needs a unit after 5.*as in 'in 5m'"):
        parse_duration("5", form="in {}")
    with pytest.raises(InvalidInput, match="such as 'in 45m', 'in 2h'"):
        parse_duration("600000", form="in {}")


@pytest.mark.parametrize("limit", LIMITS)
def test_the_examples_given_are_accepted_under_every_limit(limit: timedelta) -> None:
    for example in EXAMPLES:
        assert parse_duration(example, limit) > timedelta(0)


def test_many_bare_numbers_are_refused_at_once() -> None:
    # Each bare number has two readings: trying them all in turn would never finish.
    with pytest.raises(InvalidInput, match="needs a unit after 1:"):
        parse_duration(" ".join(str(n) for n in range(1, 60)))


@given(
    st.lists(
        st.tuples(st.decimals(0, 10**7, places=3).map(str), st.sampled_from(["", "s", "m", "h"])),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(LIMITS),
)
def test_any_suggestion_is_accepted(parts: list[tuple[str, str]], limit: timedelta) -> None:
    text = " ".join(number + unit for number, unit in parts)
    try:
        parse_duration(text, limit)
    except InvalidInput as refused:
        found = _AS_IN.search(str(refused))
        if found:
            assert parse_duration(found.group(1), limit) > timedelta(0)


def test_what_is_suggested_also_fits_what_the_caller_accepts() -> None:
    ten_minutes = timedelta(minutes=10)
    with pytest.raises(InvalidInput) as refused:
        parse_duration("5", MAX_PLAN_LENGTH, fits=ten_minutes)
    assert "(as in '5m')" in str(refused.value)
    # 20 minutes, or hours, would not fit: the longest that does is the example.
    with pytest.raises(InvalidInput) as refused:
        parse_duration("20", MAX_PLAN_LENGTH, fits=ten_minutes)
    assert str(refused.value) == "'20' needs a unit after 20: s, m, h, d or w, such as 10m"
    with pytest.raises(InvalidInput) as refused:
        parse_duration("5x", MAX_PLAN_LENGTH, fits=timedelta(days=1))
    assert "such as 45m, 2h, 1h30m or 90 minutes" in str(refused.value)
    # What fits is still only what is asked of the suggestion, not of the duration.
    assert parse_duration("20m", MAX_PLAN_LENGTH, fits=ten_minutes) == timedelta(minutes=20)
