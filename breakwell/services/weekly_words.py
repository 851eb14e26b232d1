"""The weekly review's words, in one place for `breakwell review`, the app's Week tab and the
enforcer's end-of-week notice.

Each of those lays the words out its own way (plain columns, markup, one line), so a phrase
changed here changes everywhere; none of them words the week itself.
"""

from __future__ import annotations

from collections.abc import Callable

from breakwell.domain.durations import format_duration
from breakwell.services.weekly import WeekReview

TIME_AWAY = "Time away"
BREAKS = "Breaks"
SLIPS = "Slips"
MOOD = "Mood"
TAGS = "Tags"
# The app's name for the same row: there it sits beside the Trends tab's "tags".
THEMES = "Themes"
PEOPLE = "People"
COMMITMENTS = "Commitments"
LEARNED = "What you learned"
QUIET = "A quiet week: no breaks, observations or commitments."


def _as_is(text: str) -> str:
    return text


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


def time_away(week: WeekReview) -> str:
    """'2h over 1 break', or 'none'."""
    away = format_duration(week.away) if week.away else "none"
    return away + (f" over {_count(week.breaks, 'break')}" if week.breaks else "")


def endings(week: WeekReview) -> str:
    return f"{week.completed} completed, {week.ended_early} ended early"


def mood(week: WeekReview, arrow: str) -> str | None:
    """The average moods before and after, or None when no break has any."""
    before, after = week.mood_average(1), week.mood_average(2)
    if before is None and after is None:
        return None
    return f"{before or '-'} before {arrow} {after or '-'} after"


def ranked(pairs: tuple[tuple[str, int], ...], sigil: str, quote: Callable[[str], str]) -> str:
    """'#tag (3), #other (1)'; `quote` makes a person's word safe where it is shown."""
    return ", ".join(f"{sigil}{quote(name)} ({count})" for name, count in pairs)


def week_rows(
    week: WeekReview,
    *,
    arrow: str = "->",
    tags: str = TAGS,
    quote: Callable[[str], str] = _as_is,
) -> list[tuple[str, str]]:
    """The review's summary as (label, value) rows; a row with nothing to say is left out."""
    rows = [(TIME_AWAY, time_away(week)), (BREAKS, endings(week)), (SLIPS, str(week.slips))]
    moods = mood(week, arrow)
    if moods is not None:
        rows.append((MOOD, moods))
    if week.tags:
        rows.append((tags, ranked(week.tags, "#", quote)))
    if week.people:
        rows.append((PEOPLE, ranked(week.people, "@", quote)))
    return rows


def short_summary(week: WeekReview) -> str:
    """One or two lines for a notification: the week in brief, numbers only where they help."""
    parts = [f"{format_duration(week.away)} away" if week.away else "no time away"]
    if week.completed or week.ended_early:
        parts.append(endings(week))
    if week.slips:
        parts.append(_count(week.slips, "slip"))
    kept = sum(1 for item in week.commitments if item.all_kept)
    if week.commitments:
        parts.append(f"commitments kept: {kept} of {len(week.commitments)}")
    learned = f' You learned: "{week.learned[-1].text}"' if week.learned else ""
    return "; ".join(parts) + "." + learned
