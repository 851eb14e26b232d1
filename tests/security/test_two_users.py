"""Attacks by one local user on another's breakwell, with real processes under two uids."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.users import ATTACKER, VICTIM, Account, require_root, shared_folder

# Real breakwell processes under two accounts.
pytestmark = pytest.mark.slow


@pytest.fixture
def accounts() -> Iterator[tuple[Account, Account, Path]]:
    """The victim and the attacker, each with a private home, and a sticky /tmp-like folder."""
    require_root()
    with shared_folder() as base:
        shared = base / "shared"
        shared.mkdir()
        shared.chmod(0o1777)
        yield Account.make(base, VICTIM, "victim"), Account.make(base, ATTACKER, "attacker"), shared


def victim_with_a_journal(victim: Account) -> bytes:
    """The victim's config (a hosts file of its own) and journal, made by the victim."""
    hosts = victim.home / "hosts"
    config = victim.home / ".config" / "breakwell"
    text = f'[blocking]\nhosts_file = "{hosts}"\n'
    made = victim.python(
        f"import os; open({str(hosts)!r}, 'w').write('127.0.0.1 localhost\\n'); "
        f"os.makedirs({str(config)!r}, 0o700); "
        f"open({str(config / 'config.toml')!r}, 'w').write({text!r})"
    )
    assert made.returncode == 0, made.stderr
    noted = victim.breakwell("note", "something private")
    assert noted.returncode == 0, noted.stderr
    return victim.journal().read_bytes()


def test_a_link_planted_in_a_shared_runtime_folder_cannot_truncate_the_journal(
    accounts: tuple[Account, Account, Path],
) -> None:
    victim, attacker, shared = accounts
    env = victim.environment(XDG_RUNTIME_DIR=str(shared))
    before = victim_with_a_journal(victim)
    hosts = (victim.home / "hosts").resolve()
    digest = hashlib.sha256(str(hosts).encode()).hexdigest()[:16]
    planted = attacker.python(
        textwrap.dedent(f"""
            import os
            folder = {str(shared / "breakwell")!r}
            os.mkdir(folder)
            os.chmod(folder, 0o777)
            for name in ("enforcer.lock", "hosts-{digest}.lock"):
                os.symlink({str(victim.journal())!r}, os.path.join(folder, name))
        """)
    )
    assert planted.returncode == 0, planted.stderr

    result = victim.breakwell("daemon", "run", env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "belongs to another user (uid 61002)" in result.stderr
    assert "Traceback" not in result.stderr
    assert victim.journal().read_bytes() == before
    assert victim.breakwell("search", "private").returncode == 0


def test_a_folder_made_first_where_the_hosts_lock_used_to_be_changes_nothing(
    accounts: tuple[Account, Account, Path],
) -> None:
    victim, attacker, shared = accounts
    before = victim_with_a_journal(victim)
    # The old, predictable place, /tmp/breakwell-<uid>, made first with a link to the journal.
    old_place = shared / f"breakwell-{VICTIM}"
    digest = hashlib.sha256(str((victim.home / "hosts").resolve()).encode()).hexdigest()[:16]
    squatted = attacker.python(
        f"import os; os.mkdir({str(old_place)!r}); os.chmod({str(old_place)!r}, 0o777); "
        f"os.symlink({str(victim.journal())!r}, {str(old_place / f'hosts-{digest}.lock')!r})"
    )
    assert squatted.returncode == 0, squatted.stderr
    probe = textwrap.dedent(f"""
        from pathlib import Path
        from breakwell.enforce.lock import hosts_lock
        lock = hosts_lock(Path({str(victim.home / "hosts")!r}))
        print(lock.acquire(patience=0), lock.path)
    """)
    result = victim.python(probe, env=victim.environment(TMPDIR=str(shared)))
    assert result.returncode == 0, result.stderr
    got, path = result.stdout.split()
    assert got == "True"
    assert Path(path).parent == victim.home / "runtime" / "breakwell"
    assert victim.journal().read_bytes() == before


def test_a_folder_made_first_at_the_runtime_place_is_reported_not_waited_on(
    accounts: tuple[Account, Account, Path],
) -> None:
    victim, attacker, shared = accounts
    victim_with_a_journal(victim)
    squatted = attacker.python(f"import os; os.mkdir({str(shared / 'breakwell')!r}, 0o700)")
    assert squatted.returncode == 0, squatted.stderr
    result = victim.breakwell("daemon", "run", env=victim.environment(XDG_RUNTIME_DIR=str(shared)))
    assert result.returncode == 1
    assert result.stderr == (
        f"breakwell: {shared / 'breakwell'} belongs to another user (uid {ATTACKER}); breakwell "
        "will not use it: remove it, or point XDG_RUNTIME_DIR at a folder of your own\n"
    )


def test_another_user_cannot_read_the_journal_or_the_logs(
    accounts: tuple[Account, Account, Path],
) -> None:
    victim, attacker, _shared = accounts
    victim_with_a_journal(victim)
    # Folders the person made readable, as many homes are: breakwell's files stay private.
    victim.home.chmod(0o755)
    logs = victim.home / ".local" / "state" / "breakwell" / "log"
    rotate = textwrap.dedent(f"""
        import logging, os
        from pathlib import Path
        from breakwell.enforce.daemon import _log_to
        os.makedirs({str(logs)!r}, 0o755)
        for folder in ({str(victim.home / ".local")!r}, {str(victim.home / ".local" / "share")!r},
                       {str(victim.home / ".local" / "state")!r}, {str(logs.parent)!r}):
            os.chmod(folder, 0o755)
        _log_to(Path({str(logs / "daemon.log")!r}), echo=False)
        for _ in range(4):
            logging.getLogger("breakwell").info("private %s", "x" * 400_000)
    """)
    rotated = victim.python(rotate)
    assert rotated.returncode == 0, rotated.stderr
    secrets = [victim.journal(), *sorted(logs.iterdir())]
    assert {path.name for path in secrets} >= {"breakwell.db", "daemon.log", "daemon.log.1"}
    for path in secrets:
        peek = attacker.python(f"open({str(path)!r}, 'rb').read(1)")
        assert peek.returncode != 0, f"{path} can be read by another user"
        assert "PermissionError" in peek.stderr
    assert victim.journal().stat().st_mode & 0o077 == 0
