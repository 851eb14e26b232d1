"""The weekly review as the Review screen's Week tab shows it."""

from __future__ import annotations

from textual.markup import escape
from textual.message import Message

from breakwell.domain.durations import format_duration
from breakwell.services.commitments import WeekStanding
from breakwell.services.weekly import WeekReview


class WeekLoaded(Message):
    def __init__(self, review: WeekReview) -> None:
        super().__init__()
        self.review = review


def _commitment(item: WeekStanding) -> str:
    verdict = escape(item.verdict())
    shown = verdict if item.all_kept else f"[b $warning]{verdict}[/]"
    return f"{escape(item.commitment.text)}: {shown}"


def _ranked(pairs: tuple[tuple[str, int], ...], sigil: str) -> str:
    return ", ".join(f"{sigil}{escape(name)} ({count})" for name, count in pairs)


def week_markup(review: WeekReview) -> str:
    first, last = review.monday.strftime("%a %d %b"), review.sunday.strftime("%a %d %b %Y")
    keys = escape("[ earlier, ] later")
    lines = [f"[b]Week {review.label}[/b]  {first} to {last}   [dim]({keys})[/]", ""]
    away = format_duration(review.away) if review.away else "none"
    plural = "s" if review.breaks != 1 else ""
    lines.append(
        f"Time away    {away}" + (f" over {review.breaks} break{plural}" if review.breaks else "")
    )
    lines.append(f"Breaks       {review.completed} completed, {review.ended_early} ended early")
    lines.append(f"Slips        {review.slips}")
    before, after = review.mood_average(1), review.mood_average(2)
    if before is not None or after is not None:
        lines.append(f"Mood         {before or '-'} before → {after or '-'} after")
    if review.tags:
        lines.append(f"Themes       {_ranked(review.tags, '#')}")
    if review.people:
        lines.append(f"People       {_ranked(review.people, '@')}")
    if review.commitments:
        lines += ["", "[b]Commitments[/b]", *(_commitment(c) for c in review.commitments)]
    if review.learned:
        lines += ["", "[b]What you learned[/b]"]
        lines += [f"{escape(x.text)} [dim](break #{x.break_id})[/]" for x in review.learned]
    if not (review.breaks or review.commitments or review.learned or review.tags):
        lines += ["", "A quiet week: no breaks, observations or commitments."]
    return "\n".join(lines)
