"""A sample journal, written through the services as a person would have written it.

Time walks forward on a FakeClock, so every break, answer, entry and event carries the moment
it would really have happened. The same start (and zone) always gives the same journal, which
the screenshots rely on. What is written comes from demo.toml.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import Recurrence, recurrence_from
from breakwell.domain.values import frozen
from breakwell.domain.when import localize
from breakwell.services import Services

MIN_WEEKS, MAX_WEEKS = 4, 52
RUNNING_FOR = timedelta(hours=5)
UPCOMING_IN_DAYS = 4
# Room kept between one break's end and the next one's start, for reflecting and notes.
MIN_GAP = timedelta(hours=10)
PLANNING_AT = timedelta(hours=3)  # into the running break
# Reflections and notes wait for the morning rather than land in the night.
MORNING, NIGHT = 8, 23


@frozen
class DemoSummary:
    """What was written: every break (the cancelled and planned ones too), entry and plan."""

    breaks: int
    entries: int
    plans: int
    running_break_id: int
    waiting_break_id: int


@frozen
class _Seen:
    at: float  # hours into the break
    platform: str | None
    text: str
    slip: bool


@frozen
class _Break:
    hours: int
    starts: int  # the hour of the day
    platforms: tuple[str, ...]
    mode: Mode
    strictness: Strictness
    intention: str
    before: dict[str, str]
    seen: tuple[_Seen, ...]
    after: dict[str, str]
    ended_early: str | None
    note: tuple[str, int | None] | None
    cancelled: _Break | None


@frozen
class _Plan:
    rule: Recurrence
    name: str
    platforms: tuple[str, ...]
    mode: Mode
    strictness: Strictness


@frozen
class _Script:
    past: tuple[_Break, ...]
    running: _Break
    upcoming: _Break
    plans: tuple[_Plan, ...]
    commitments: tuple[Mapping[str, Any], ...]
    # Why some of the people written about matter, by name.
    people: Mapping[str, str]


def _answers(raw: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in raw.items()}


def _seen(raw: Mapping[str, Any]) -> _Seen:
    return _Seen(raw["at"], raw.get("platform"), raw["text"], raw.get("slip", False))


def _break(raw: Mapping[str, Any]) -> _Break:
    note = raw.get("note")
    return _Break(
        hours=raw["hours"],
        starts=raw.get("starts", 0),
        platforms=tuple(raw["platforms"]),
        mode=Mode(raw["mode"]),
        strictness=Strictness(raw["strictness"]),
        intention=raw["intention"],
        before=_answers(raw.get("before", {})),
        seen=tuple(sorted((_seen(item) for item in raw.get("seen", ())), key=lambda s: s.at)),
        after=_answers(raw.get("after", {})),
        ended_early=raw.get("ended_early"),
        note=(note["text"], note.get("mood")) if note else None,
        cancelled=_break(raw["cancelled"]) if "cancelled" in raw else None,
    )


@cache
def _script() -> _Script:
    raw = tomllib.loads((files("breakwell") / "demo.toml").read_text(encoding="utf-8"))
    plans = tuple(
        _Plan(
            recurrence_from(**item["rule"]),
            item["name"],
            tuple(item["platforms"]),
            Mode(item["mode"]),
            Strictness(item["strictness"]),
        )
        for item in raw["plans"]
    )
    past = tuple(_break(item) for item in raw["past"])
    commitments = tuple(raw.get("commitments", ()))
    return _Script(
        past,
        _break(raw["running"]),
        _break(raw["upcoming"]),
        plans,
        commitments,
        dict(raw.get("people", {})),
    )


class _Walk:
    """Writes through the services, moving the clock forward only, and counts what it wrote."""

    def __init__(self, services: Services, clock: FakeClock, tz: ZoneInfo | None) -> None:
        self.services = services
        self.clock = clock
        self.tz = tz
        # Its own generator, so the journal never depends on who else draws random numbers.
        self.rng = random.Random(7)
        self.breaks = 0
        self.entries = 0
        self.logs: list[tuple[datetime, int, str]] = []

    def to(self, moment: datetime) -> None:
        assert moment >= self.clock.now(), "the sample journal went back in time"
        # Commitment logs due on the way are written at their own moments, in order.
        while self.logs and self.logs[0][0] <= moment:
            at, commitment_id, note = self.logs.pop(0)
            self.clock.set(max(at, self.clock.now()))
            self.services.commitments.log(commitment_id, note)
        self.clock.set(moment)

    def awake(self, moment: datetime, until: datetime) -> None:
        """Go to `moment`, or if that is at night, to the next morning if it comes in time.

        Never backwards: a moment already passed means now.
        """
        local = moment.astimezone(self.tz) if self.tz else moment.astimezone()
        if not MORNING <= local.hour < NIGHT:
            day = local.date() + timedelta(days=1 if local.hour >= NIGHT else 0)
            morning = _wall(day, MORNING, self.tz) + timedelta(minutes=local.minute)
            moment = morning if morning < until else moment
        self.to(max(_minute(moment), self.clock.now()))

    def start(self, spec: _Break, length: timedelta, at: datetime | None = None) -> Break:
        proposed = self.services.breaks.plan(
            length,
            at=at,
            platforms=spec.platforms,
            mode=spec.mode,
            strictness=spec.strictness,
            intention=spec.intention,
        )
        self.breaks += 1
        return self.services.breaks.start(proposed, spec.before)

    def observe(self, begins: datetime, stops: datetime, seen: tuple[_Seen, ...]) -> None:
        """Write what was seen at its hour into the break, squeezed in if the break is short."""
        if not seen:
            return
        room = (stops - begins) * 0.9
        squeeze = min(1.0, room / timedelta(hours=max(item.at for item in seen) or 1))
        for item in seen:
            jitter = timedelta(minutes=self.rng.randint(-6, 6))
            moment = begins + timedelta(hours=item.at) * squeeze + jitter
            self.to(max(_minute(moment), self.clock.now()))
            if item.slip:
                written = self.services.journal.slip(item.text, item.platform)
            else:
                written = self.services.journal.write(item.text, platform=item.platform)
            self.entries += written is not None

    def end_early(self, item: Break, reason: str) -> None:
        assert item.id is not None
        outcome = self.services.breaks.stop(reason, item.id)
        if not outcome.ended and outcome.ready_at is not None:
            # A firm break: sit out the cool-down, then ask again.
            self.to(outcome.ready_at + timedelta(seconds=20))
            self.services.breaks.stop(None, item.id)


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _wall(day: date, hour: int, tz: ZoneInfo | None) -> datetime:
    return localize(datetime.combine(day, time(hour)), tz)


def _local_date(moment: datetime, tz: ZoneInfo | None) -> date:
    return (moment.astimezone(tz) if tz else moment.astimezone()).date()


def fill_demo(
    services: Services, clock: FakeClock, *, weeks: int = 10, zone: str | None = None
) -> DemoSummary:
    """Write `weeks` of sample journal up to the clock's current time, and end there.

    Meant for an empty journal; the services must run on `clock`. Breaks begin on the hour
    in `zone` (default: this machine's zone), which the plans follow too.
    """
    if services.clock is not clock:
        raise ValueError("fill_demo needs the clock the services run on")
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"a demo covers {MIN_WEEKS} to {MAX_WEEKS} weeks, not {weeks}")
    script = _script()
    now = clock.now()
    tz = ZoneInfo(zone) if zone else None
    clock.set(now - timedelta(weeks=weeks))
    walk = _Walk(services, clock, tz)
    _commitments(walk, script, now)
    running_start = now - RUNNING_FOR
    first = _local_date(clock.now(), tz) + timedelta(days=1)
    span = (_local_date(running_start, tz) - timedelta(days=2) - first).days
    last = len(script.past) - 1
    starts = [
        _wall(first + timedelta(days=i * span // last), spec.starts, tz)
        for i, spec in enumerate(script.past)
    ]
    waiting: Break | None = None
    for index, spec in enumerate(script.past):
        following = starts[index + 1] if index < last else running_start
        length = min(timedelta(hours=spec.hours), following - starts[index] - MIN_GAP)
        item = _past_break(walk, spec, starts[index], length)
        if spec.after:
            _after_break(walk, spec, item, following - timedelta(hours=1))
        else:
            waiting = item
    running = _running_break(walk, script, now, zone)
    walk.to(now)
    for name, why in script.people.items():
        services.people.set_why(name, why)
    assert waiting is not None and waiting.id is not None and running.id is not None
    return DemoSummary(walk.breaks, walk.entries, len(script.plans), running.id, waiting.id)


def _commitments(walk: _Walk, script: _Script, now: datetime) -> None:
    """Commitments made as the journal begins; their logs wait for the walk to reach them."""
    for raw in script.commitments:
        item = walk.services.commitments.add(raw["text"], raw["max"], raw["per"])
        assert item.id is not None
        for log in raw.get("logs", ()):
            at = now - timedelta(days=log["days_ago"], hours=log.get("hours_ago", 0))
            walk.logs.append((at, item.id, log.get("note", "")))
    walk.logs.sort()


def _past_break(walk: _Walk, spec: _Break, begins: datetime, length: timedelta) -> Break:
    walk.to(begins)
    item = walk.start(spec, length)
    assert item.id is not None
    stops = begins + length / 2 if spec.ended_early else begins + length
    walk.observe(begins, stops, spec.seen)
    walk.to(stops)
    if spec.ended_early:
        walk.end_early(item, spec.ended_early)
    else:
        walk.services.settle()
    return walk.services.breaks.get(item.id)


def _after_break(walk: _Walk, spec: _Break, item: Break, until: datetime) -> None:
    """Reflect, maybe plan a break and call it off, maybe jot a note; all before `until`."""
    assert item.id is not None
    ended = walk.clock.now()
    gap = until - ended
    walk.awake(ended + gap * 0.15, until)
    walk.services.reflections.reflect(item.id, spec.after)
    if spec.cancelled:
        walk.awake(ended + gap * 0.3, until)
        later = ended + gap * 0.7
        length = min(timedelta(hours=spec.cancelled.hours), gap * 0.2)
        planned = walk.start(spec.cancelled, length, at=later.replace(minute=0, second=0))
        assert planned.id is not None
        walk.awake(ended + gap * 0.4, until)
        walk.services.breaks.cancel(planned.id)
    if spec.note:
        walk.awake(ended + gap * 0.5, until)
        walk.services.journal.write(spec.note[0], mood=spec.note[1])
        walk.entries += 1


def _running_break(walk: _Walk, script: _Script, now: datetime, zone: str | None) -> Break:
    begins = now - RUNNING_FOR
    walk.to(begins)
    spec = script.running
    item = walk.start(spec, timedelta(hours=spec.hours))
    walk.observe(begins, begins + PLANNING_AT, spec.seen[:3])
    # Partway through, the weeks ahead get planned.
    walk.to(begins + PLANNING_AT)
    upcoming = script.upcoming
    day = _local_date(now, walk.tz) + timedelta(days=UPCOMING_IN_DAYS)
    walk.start(upcoming, timedelta(hours=upcoming.hours), at=_wall(day, upcoming.starts, walk.tz))
    for plan in script.plans:
        walk.services.plans.add(
            plan.rule,
            platforms=plan.platforms,
            mode=plan.mode,
            strictness=plan.strictness,
            name=plan.name,
            timezone=zone,
        )
    walk.observe(begins, now, spec.seen[3:])
    return item
