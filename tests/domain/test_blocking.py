from breakwell.domain.blocking import MachineFacts, block_state

WANTED = frozenset({"x.com", "twitter.com"})


def machine(**changes: object) -> MachineFacts:
    facts: dict[str, object] = {
        "hosts_file": "/etc/hosts",
        "blocked": frozenset(),
        "enforcer": 40,
        "lock_holder": 40,
    }
    facts.update(changes)
    return MachineFacts(**facts)  # type: ignore[arg-type]


def test_a_block_that_holds_every_wanted_domain_is_blocked_whatever_else_is_wrong() -> None:
    state = block_state(
        1, WANTED, machine(blocked=WANTED, enforcer=None), emergency=False, failure="x"
    )
    assert (state.blocked, state.missing, state.reasons) == (True, 0, ())


def test_the_enforcer_holding_the_lock_is_not_a_reason() -> None:
    state = block_state(
        1, WANTED, machine(blocked=frozenset({"x.com"})), emergency=False, failure=None
    )
    assert (state.blocked, state.missing) == (False, 1)
    assert state.reasons == ("the enforcer has not applied it yet",)


def test_every_reason_that_applies_is_given_most_telling_first() -> None:
    state = block_state(
        3,
        WANTED,
        machine(blocked=None, enforcer=None, lock_holder=77, cannot_write="may not edit"),
        emergency=True,
        failure="helper failed",
    )
    assert state.reasons == (
        "you lifted its block with an emergency unblock",
        "/etc/hosts cannot be read",
        "no enforcer is running (start one with: breakwell daemon run)",
        "another process (pid 77) holds the lock on /etc/hosts, so no enforcer may write it",
        "the last attempt failed: helper failed",
        "may not edit",
    )
    assert state.missing == 2
