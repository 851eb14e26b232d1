"""The weekly review as the Review screen's Week tab shows it."""

from __future__ import annotations

from textual.markup import escape
from textual.message import Message

from breakwell.services.commitments import WeekStanding
from breakwell.services.weekly import WeekReview
from breakwell.services.weekly_words import COMMITMENTS, LEARNED, QUIET, THEMES, week_rows


class WeekLoaded(Message):
    def __init__(self, review: WeekReview) -> None:
        super().__init__()
        self.review = review


def _commitment(item: WeekStanding) -> str:
    verdict = escape(item.verdict())
    shown = verdict if item.all_kept else f"[b $warning]{verdict}[/]"
    return f"{escape(item.commitment.text)}: {shown}"


def week_markup(review: WeekReview) -> str:
    first, last = review.monday.strftime("%a %d %b"), review.sunday.strftime("%a %d %b %Y")
    keys = escape("[ earlier, ] later")
    lines = [f"[b]Week {review.label}[/b]  {first} to {last}   [dim]({keys})[/]", ""]
    rows = week_rows(review, arrow="→", tags=THEMES, quote=escape)
    lines += [f"{label:<13}{value}" for label, value in rows]
    if review.commitments:
        lines += ["", f"[b]{COMMITMENTS}[/b]", *(_commitment(c) for c in review.commitments)]
    if review.learned:
        lines += ["", f"[b]{LEARNED}[/b]"]
        lines += [f"{escape(x.text)} [dim](break #{x.break_id})[/]" for x in review.learned]
    if not (review.breaks or review.commitments or review.learned or review.tags):
        lines += ["", QUIET]
    return "\n".join(lines)
