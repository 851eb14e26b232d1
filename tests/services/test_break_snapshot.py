"""A break keeps, from the moment it is made, what it blocks and how it may end: a config
edited afterwards can widen its block or lengthen its cool-down, never narrow or shorten them."""

from datetime import timedelta
from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus, blocked_domains
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import RuleRefused
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from tests.conftest import START

CHAT = '[platforms.chat]\nname = "Chat"\ndomains = [{domains}]\n'


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text)


def chat(*domains: str) -> str:
    return CHAT.format(domains=", ".join(f'"{d}"' for d in domains))


def reopened(clock: FakeClock) -> Services:
    """The next command, run after the config was edited."""
    return build_services(load_settings(), clock)


def test_a_break_keeps_the_domains_it_started_with_when_the_config_drops_them(
    home: Path, clock: FakeClock
) -> None:
    configure(home, chat("chat.example", "www.chat.example"))
    with_old = reopened(clock)
    stored = with_old.breaks.start(with_old.breaks.plan(timedelta(hours=2), platforms=["chat"]))
    with_old.close()
    assert stored.blocks == ("chat.example", "www.chat.example")

    configure(home, chat("other.example"))
    later = reopened(clock)
    item = later.breaks.get(stored.id or 0)
    # The stored domains stay blocked; the config's new one is added, never the reverse.
    assert blocked_domains(item, later.preferences.catalogue) == (
        "chat.example",
        "other.example",
        "www.chat.example",
    )
    later.close()


def test_a_break_whose_platform_left_the_config_still_blocks_its_domains(
    home: Path, clock: FakeClock
) -> None:
    configure(home, chat("chat.example"))
    first = reopened(clock)
    stored = first.breaks.start(first.breaks.plan(timedelta(hours=2), platforms=["chat"]))
    first.close()
    configure(home, "")
    later = reopened(clock)
    assert blocked_domains(later.breaks.get(stored.id or 0), later.preferences.catalogue) == (
        "chat.example",
    )
    later.close()


def test_a_plan_made_break_keeps_its_domains_and_cool_down(home: Path, clock: FakeClock) -> None:
    configure(home, "[breaks]\nfirm_cooldown_seconds = 900\n" + chat("chat.example"))
    services = reopened(clock)
    services.plans.add(
        recurrence_from(every="day", at="20:30", length="1h"),
        platforms=["chat"],
        strictness=Strictness.FIRM,
        timezone="UTC",
    )
    [made] = services.plans.materialize()
    services.close()
    assert made.blocks == ("chat.example",)
    assert made.cooldown == timedelta(seconds=900)


def test_a_plan_window_beside_a_running_break_keeps_its_own_domains(
    home: Path, clock: FakeClock
) -> None:
    configure(home, chat("chat.example"))
    services = reopened(clock)
    running = services.breaks.start(services.breaks.plan(timedelta(hours=2), platforms=["x"]))
    services.plans.add(
        recurrence_from(every="day", at="20:30", length="1h"),
        platforms=["chat"],
        timezone="UTC",
    )
    [window] = services.plans.materialize()
    after = services.breaks.get(running.id or 0)
    services.close()
    assert after == running  # nothing added to the running break
    assert window.blocks == ("chat.example",)
    assert running.blocks is not None and "chat.example" not in running.blocks


@pytest.mark.parametrize("when", ["after the end was asked for", "before it was asked for"])
def test_a_shorter_cool_down_in_the_config_does_not_end_a_firm_break_sooner(
    home: Path, clock: FakeClock, when: str
) -> None:
    configure(home, "[breaks]\nfirm_cooldown_seconds = 600\n")
    first = reopened(clock)
    stored = first.breaks.start(
        first.breaks.plan(timedelta(hours=2), platforms=["x"], strictness=Strictness.FIRM)
    )
    if when == "after the end was asked for":
        first.breaks.stop("restless")
    first.close()

    configure(home, "[breaks]\nfirm_cooldown_seconds = 0\n")
    later = reopened(clock)
    if when == "before it was asked for":
        outcome = later.breaks.stop("restless")
        assert outcome.ready_at == START + timedelta(seconds=600)
    clock.advance(timedelta(seconds=30))
    with pytest.raises(RuleRefused, match="cooling down: it can end in 9m 30s"):
        later.breaks.stop()
    clock.advance(timedelta(seconds=600))
    assert later.breaks.stop().ended
    assert later.breaks.get(stored.id or 0).status is BreakStatus.ENDED_EARLY
    later.close()


def test_a_longer_cool_down_in_the_config_applies_to_a_running_break(
    home: Path, clock: FakeClock
) -> None:
    configure(home, "[breaks]\nfirm_cooldown_seconds = 60\n")
    first = reopened(clock)
    first.breaks.start(
        first.breaks.plan(timedelta(hours=2), platforms=["x"], strictness=Strictness.FIRM)
    )
    first.close()
    configure(home, "[breaks]\nfirm_cooldown_seconds = 300\n")
    later = reopened(clock)
    assert later.breaks.stop("restless").ready_at == START + timedelta(seconds=300)
    later.close()
