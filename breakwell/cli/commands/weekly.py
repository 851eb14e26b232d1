"""`breakwell review`: one week looked back on, for people and for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.render import emit_json
from breakwell.domain.timefmt import iso_local

if TYPE_CHECKING:
    from breakwell.services.commitments import WeekStanding
    from breakwell.services.weekly import WeekReview


def _commitment(item: WeekStanding) -> dict[str, Any]:
    return {
        "id": item.commitment.id,
        "text": item.commitment.text,
        "max": item.commitment.max_count,
        "per": item.commitment.period.value,
        "periods": len(item.periods),
        "kept": item.kept,
        "count": item.count,
    }


def week_json(week: WeekReview) -> dict[str, Any]:
    return {
        "week": week.label,
        "starts": week.monday.isoformat(),
        "ends": week.sunday.isoformat(),
        "time_away_seconds": round(week.away.total_seconds()),
        "breaks": week.breaks,
        "completed": week.completed,
        "ended_early": week.ended_early,
        "slips": week.slips,
        "mood": {
            "before": week.mood_average(1),
            "after": week.mood_average(2),
            "breaks": [
                {"break_id": break_id, "before": before, "after": after}
                for break_id, before, after in week.moods
            ],
        },
        "tags": [{"tag": tag, "count": count} for tag, count in week.tags],
        "people": [{"person": person, "count": count} for person, count in week.people],
        "commitments": [_commitment(item) for item in week.commitments],
        "learned": [
            {"break_id": x.break_id, "answered_at": iso_local(x.answered_at), "text": x.text}
            for x in week.learned
        ],
    }


def commitment_line(item: WeekStanding) -> str:
    return f"#{item.commitment.id} {item.commitment.text}: {item.verdict()}"


def week_text(week: WeekReview) -> list[str]:
    # Here, not at the top: the services package brings the ORM, which quick commands such as
    # --version and search never load.
    from breakwell.services.weekly_words import COMMITMENTS, LEARNED, week_rows

    first = week.monday.strftime("%a %d %b")
    last = week.sunday.strftime("%a %d %b %Y")
    lines = [f"Week {week.label} ({first} - {last})", ""]
    lines += [f"{label:<14}{value}" for label, value in week_rows(week)]
    for index, item in enumerate(week.commitments):
        lines.append(f"{COMMITMENTS if index == 0 else '':<14}" + commitment_line(item))
    if week.learned:
        lines += ["", LEARNED]
        lines += [f"  break #{x.break_id}: {x.text}" for x in week.learned]
    return lines


@click.command()
@click.option("--week", "-w", metavar="WEEK", help="2026-W48, 'this' (default) or 'last'.")
@json_option
def review(week: str | None, as_json: bool) -> None:
    """Look back on one week: time away, moods, themes, lessons."""
    services = current().services
    # A week that cannot be read is refused before anything is written.
    services.weekly.monday(week)
    services.settle()
    found = services.weekly.review(week)
    if as_json:
        emit_json(week_json(found))
        return
    click.echo("\n".join(week_text(found)))
