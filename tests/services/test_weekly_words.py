"""The weekly review's words: one wording, laid out by the command, the app and the notice."""

from datetime import UTC, date, datetime, timedelta

from breakwell.services.views import Learned
from breakwell.services.weekly import WeekReview
from breakwell.services.weekly_words import THEMES, short_summary, week_rows

MONDAY = date(2026, 11, 23)


def week(**changes: object) -> WeekReview:
    fields: dict[str, object] = {
        "monday": MONDAY,
        "away": timedelta(),
        "breaks": 0,
        "completed": 0,
        "ended_early": 0,
        "slips": 0,
        "moods": (),
        "tags": (),
        "people": (),
        "commitments": (),
        "learned": (),
    }
    return WeekReview(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_quiet_week_has_only_the_three_rows_that_always_show() -> None:
    assert week_rows(week()) == [
        ("Time away", "none"),
        ("Breaks", "0 completed, 0 ended early"),
        ("Slips", "0"),
    ]
    assert short_summary(week()) == "no time away."


def test_a_full_week_in_each_way_it_is_shown() -> None:
    full = week(
        away=timedelta(hours=5),
        breaks=2,
        completed=1,
        ended_early=1,
        slips=1,
        moods=((1, 2, 4), (2, None, 3)),
        tags=(("a[b]", 2),),
        people=(("anna", 1), ("bob", 1)),
    )
    assert week_rows(full) == [
        ("Time away", "5h over 2 breaks"),
        ("Breaks", "1 completed, 1 ended early"),
        ("Slips", "1"),
        ("Mood", "2.0 before -> 3.5 after"),
        ("Tags", "#a[b] (2)"),
        ("People", "@anna (1), @bob (1)"),
    ]
    app = dict(week_rows(full, arrow="→", tags=THEMES, quote=lambda t: t.replace("[", "\\[")))
    assert app["Mood"] == "2.0 before → 3.5 after"
    assert app["Themes"] == "#a\\[b] (2)"
    assert short_summary(full) == "5h away; 1 completed, 1 ended early; 1 slip."


def test_one_break_is_not_plural_and_what_was_learned_ends_the_notice() -> None:
    one = week(
        away=timedelta(hours=2),
        breaks=1,
        completed=1,
        learned=(Learned(1, datetime(2026, 11, 24, tzinfo=UTC), "people copy the loud"),),
    )
    assert week_rows(one)[0] == ("Time away", "2h over 1 break")
    assert short_summary(one) == (
        '2h away; 1 completed, 0 ended early. You learned: "people copy the loud"'
    )
