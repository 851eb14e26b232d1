from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breakwell.domain import breaks as rules
from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import ALLOWED, Break, BreakStatus, EndPolicy
from breakwell.domain.errors import InvalidInput, ReasonRequired, RuleRefused
from breakwell.domain.platforms import DEFAULT_CATALOGUE
from breakwell.domain.values import replace

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
POLICY = EndPolicy(firm_cooldown=timedelta(seconds=60), confirm_window=timedelta(minutes=10))


def running(strictness: Strictness = Strictness.GENTLE, hours: int = 2) -> Break:
    item = rules.new_break(NOW, NOW, timedelta(hours=hours), ("x",), strictness=strictness)
    return replace(item, id=1)


def test_a_break_starting_now_is_active_at_once() -> None:
    item = running()
    assert item.status is BreakStatus.ACTIVE
    assert item.started_at == NOW
    assert item.ends_at == NOW + timedelta(hours=2)


def test_a_later_break_is_planned_then_runs_then_completes_on_time() -> None:
    later = NOW + timedelta(hours=1)
    item = rules.new_break(NOW, later, timedelta(hours=1), ("x",))
    assert item.status is BreakStatus.PLANNED
    assert rules.settle(item, later - timedelta(seconds=1)) == item
    active = rules.settle(item, later + timedelta(minutes=5))
    assert active.status is BreakStatus.ACTIVE
    assert active.started_at == later + timedelta(minutes=5)
    done = rules.settle(active, later + timedelta(hours=3))
    assert done.status is BreakStatus.COMPLETED
    # Completed at its planned end, however late the transition was applied.
    assert done.ended_at == later + timedelta(hours=1)
    assert done.awaits_reflection


def test_a_planned_break_whose_whole_window_passed_is_missed() -> None:
    item = rules.new_break(NOW, NOW + timedelta(hours=1), timedelta(hours=1), ("x",))
    assert rules.settle(item, NOW + timedelta(hours=5)).status is BreakStatus.MISSED


def test_settle_is_idempotent() -> None:
    done = rules.settle(running(), NOW + timedelta(days=1))
    assert rules.settle(done, NOW + timedelta(days=2)) == done


def test_new_breaks_are_validated() -> None:
    with pytest.raises(InvalidInput, match="in the past"):
        rules.new_break(NOW, NOW - timedelta(hours=1), timedelta(hours=1), ("x",))
    with pytest.raises(InvalidInput, match="at least one platform"):
        rules.new_break(NOW, NOW, timedelta(hours=1), ())
    with pytest.raises(InvalidInput, match="longer than zero"):
        rules.new_break(NOW, NOW, timedelta(0), ("x",))


def test_gentle_ends_at_once_with_or_without_a_reason() -> None:
    ended = rules.request_end(running(), NOW + timedelta(minutes=5), None, POLICY)
    assert ended.status is BreakStatus.ENDED_EARLY
    assert ended.ended_at == NOW + timedelta(minutes=5)


def test_firm_needs_a_reason_then_a_cool_down_then_a_confirmation() -> None:
    item = running(Strictness.FIRM)
    with pytest.raises(ReasonRequired):
        rules.request_end(item, NOW, None, POLICY)
    pending = rules.request_end(item, NOW, "a friend needs me", POLICY)
    assert pending.status is BreakStatus.ACTIVE
    assert pending.end_requested_at == NOW
    assert pending.end_ready_at(POLICY) == NOW + timedelta(seconds=60)
    with pytest.raises(RuleRefused, match="cooling down: it can end in 30s"):
        rules.request_end(pending, NOW + timedelta(seconds=30), None, POLICY)
    ended = rules.request_end(pending, NOW + timedelta(seconds=61), None, POLICY)
    assert ended.status is BreakStatus.ENDED_EARLY
    assert ended.end_reason == "a friend needs me"


def test_a_firm_end_request_lapses_if_not_confirmed_in_time() -> None:
    pending = rules.request_end(running(Strictness.FIRM), NOW, "bored", POLICY)
    much_later = NOW + timedelta(minutes=30)
    with pytest.raises(ReasonRequired):
        rules.request_end(pending, much_later, None, POLICY)
    renewed = rules.request_end(pending, much_later, "still bored", POLICY)
    assert renewed.status is BreakStatus.ACTIVE
    assert renewed.end_requested_at == much_later


def test_firm_with_no_cool_down_ends_on_the_first_request_with_a_reason() -> None:
    policy = EndPolicy(firm_cooldown=timedelta(0))
    ended = rules.request_end(running(Strictness.FIRM), NOW, "work", policy)
    assert ended.status is BreakStatus.ENDED_EARLY


def test_locked_can_never_end_early_but_can_be_extended() -> None:
    item = running(Strictness.LOCKED)
    for reason in (None, "please"):
        with pytest.raises(RuleRefused, match="locked"):
            rules.request_end(item, NOW + timedelta(hours=1), reason, POLICY)
    longer = rules.extend(item, timedelta(hours=1))
    assert longer.ends_at == item.ends_at + timedelta(hours=1)


def test_extending_clears_a_pending_end_request() -> None:
    pending = rules.request_end(running(Strictness.FIRM), NOW, "tired", POLICY)
    assert rules.extend(pending, timedelta(minutes=5)).end_requested_at is None


def test_cancel_only_applies_before_a_break_starts() -> None:
    planned = replace(
        rules.new_break(NOW, NOW + timedelta(hours=1), timedelta(hours=1), ("x",)), id=2
    )
    cancelled = rules.cancel(planned)
    assert cancelled.status is BreakStatus.CANCELLED
    assert rules.cancel(cancelled) == cancelled
    with pytest.raises(RuleRefused, match="already running"):
        rules.cancel(running())


def test_reflection_only_after_the_end_and_only_once() -> None:
    with pytest.raises(RuleRefused, match="has not ended"):
        rules.mark_reflected(running(), NOW)
    done = rules.settle(running(), NOW + timedelta(days=1))
    reflected = rules.mark_reflected(done, NOW + timedelta(days=1))
    assert not reflected.awaits_reflection
    assert rules.mark_reflected(reflected, NOW + timedelta(days=2)) == reflected


# Property-based: any sequence of actions on any break keeps the strictness promises.

action = st.one_of(
    st.tuples(st.just("wait"), st.integers(1, 4000)),
    st.tuples(st.just("stop"), st.sampled_from([None, "", "a reason"])),
    st.tuples(st.just("extend"), st.integers(1, 7200)),
    st.tuples(st.just("settle"), st.just(0)),
)


@given(
    st.sampled_from(list(Strictness)),
    st.integers(60, 4 * 3600),
    st.lists(action, max_size=25),
)
def test_strictness_rules_hold_for_any_sequence(
    strictness: Strictness, seconds: int, actions: list[tuple[str, object]]
) -> None:
    item = replace(
        rules.new_break(NOW, NOW, timedelta(seconds=seconds), ("x",), strictness=strictness),
        id=1,
    )
    now = NOW
    for kind, value in actions:
        before = item
        try:
            if kind == "wait":
                assert isinstance(value, int)
                now += timedelta(seconds=value)
            elif kind == "stop":
                assert value is None or isinstance(value, str)
                item = rules.request_end(rules.settle(item, now), now, value, POLICY)
            elif kind == "extend":
                assert isinstance(value, int)
                item = rules.extend(item, timedelta(seconds=value))
            else:
                item = rules.settle(item, now)
        except (RuleRefused, InvalidInput):
            item = rules.settle(before, now) if kind == "stop" else before
        # Never shortened, whatever the strictness.
        assert item.ends_at >= before.ends_at
        # Only allowed transitions.
        if item.status is not before.status:
            assert item.status in ALLOWED[before.status]
        if item.status is BreakStatus.ENDED_EARLY and before.status is BreakStatus.ACTIVE:
            assert strictness is not Strictness.LOCKED
            assert item.ended_at == now < item.ends_at
            if strictness is Strictness.FIRM:
                # A firm break ends only on a request made a full cool-down earlier.
                assert before.end_requested_at is not None
                assert now >= before.end_requested_at + POLICY.firm_cooldown
                assert item.end_reason
        if item.status is BreakStatus.COMPLETED:
            assert item.ended_at == item.ends_at
    if strictness is Strictness.LOCKED:
        assert item.status is not BreakStatus.ENDED_EARLY


@given(st.integers(1, 3600))
def test_gentle_ends_on_the_first_request_whenever_it_comes(after: int) -> None:
    item = running(Strictness.GENTLE, hours=2)
    ended = rules.request_end(item, NOW + timedelta(seconds=after), None, POLICY)
    assert ended.status is BreakStatus.ENDED_EARLY


def test_a_watch_break_blocks_nothing_in_the_hosts_file_yet_keeps_its_sites() -> None:
    unplug = rules.with_blocks(running(), DEFAULT_CATALOGUE)
    watch = rules.with_blocks(replace(running(), mode=Mode.WATCH), DEFAULT_CATALOGUE)
    assert "x.com" in rules.blocked_domains(unplug, DEFAULT_CATALOGUE)
    assert rules.blocked_domains(watch, DEFAULT_CATALOGUE) == ()
    # The sites a watch break is about are still kept, for the browser companion.
    assert watch.blocks == unplug.blocks
    assert rules.covered_domains(watch, DEFAULT_CATALOGUE) == unplug.blocks
