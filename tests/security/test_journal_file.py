"""A journal that cannot be opened is refused, never replaced by a new, empty one; a new one is
made whole, only where breakwell may make it; a read-only one can still be read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from breakwell.domain.errors import StoreUnavailable
from breakwell.store.database import Database
from tests.conftest import Cli
from tests.security.users import VICTIM, Account, shared_folder


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.parametrize(
    ("content", "detail"),
    [(b"", "the file is empty"), (b"notes, not a database\n" * 50, "file is not a database")],
)
def test_a_file_at_the_journal_path_that_is_no_journal_is_refused_and_kept(
    run: Cli, home: Path, content: bytes, detail: str
) -> None:
    home.mkdir()
    (home / "breakwell.db").write_bytes(content)
    before = files_in(home)
    for command in (("note", "hello"), ("status",), ("export", "-f", "json")):
        result = run(*command)
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1
        assert detail in result.stderr
        assert "is not a breakwell journal and nothing was written to it" in result.stderr
    assert files_in(home) == before


def test_a_journal_that_is_a_link_is_refused(run: Cli, home: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    home.mkdir()
    (home / "breakwell.db").symlink_to(real)
    result = run("note", "hello")
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert not real.exists()


def test_a_journal_in_a_missing_folder_elsewhere_is_refused_without_making_folders(
    run: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREAKWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere' / 'j.db'}")
    result = run("note", "hello")
    assert result.exit_code == 2
    assert result.stderr == (
        f"breakwell: cannot create the database at {tmp_path / 'nowhere' / 'j.db'}: the folder "
        f"{tmp_path / 'nowhere'} does not exist (breakwell makes no folders outside its own "
        "data folder)\n"
    )
    assert not (tmp_path / "nowhere").exists()
    # breakwell's own data folder is another matter: it is made, privately.
    monkeypatch.delenv("BREAKWELL_DATABASE_URL")
    assert run("note", "hello").exit_code == 0
    assert home.stat().st_mode & 0o777 == 0o700
    assert (home / "breakwell.db").stat().st_mode & 0o777 == 0o600
    assert (home / "breakwell.db").read_bytes().startswith(b"SQLite format 3\x00")
    assert not list(home.glob(".breakwell.db.new-*"))


def test_a_journal_made_by_another_process_meanwhile_is_used_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from breakwell.store import database as module

    path = tmp_path / "journal.db"
    create = module._create_journal

    def raced(at: Path, own: Path | None) -> None:
        # Another process makes and writes the journal while this one prepares its own.
        create(at, own)
        with sqlite3.connect(at) as connection:
            connection.execute("CREATE TABLE mark (x)")
        create(at, own)

    monkeypatch.setattr(module, "_create_journal", raced)
    database = Database(f"sqlite:///{path}", migrate=False)
    with database.engine.connect() as connection:
        names = connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
    assert "mark" in names
    database.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def read_only_journal(owner: Account) -> Path:
    """A journal with one note, in rollback (not WAL) mode, its file and folder read-only."""
    folder = owner.home / "journal"
    folder.mkdir()
    path = folder / "breakwell.db"
    database = Database(f"sqlite:///{path}", own_folder=folder)
    database.close()
    env = owner.environment(BREAKWELL_DATABASE_URL=f"sqlite:///{path}")
    assert Account(None, owner.home).breakwell("note", "kept safe", env=env).returncode == 0
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    for leftover in folder.iterdir():
        if leftover != path:
            leftover.unlink()
    if owner.uid is not None:
        for made in (folder, path):
            os.chown(made, owner.uid, owner.uid)
    path.chmod(0o400)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("folder_writable", [True, False])
def test_a_read_only_journal_can_be_read_and_exported_but_not_written(
    folder_writable: bool,
) -> None:
    with shared_folder() as base:
        owner = Account.make(base, VICTIM if os.geteuid() == 0 else None, "owner")
        path = read_only_journal(owner)
        path.parent.chmod(0o700 if folder_writable else 0o500)
        before = path.read_bytes()
        env = owner.environment(BREAKWELL_DATABASE_URL=f"sqlite:///{path}")

        searched = owner.breakwell("search", "kept", env=env)
        assert searched.returncode == 0, searched.stderr
        assert "kept safe" in searched.stdout
        exported = owner.breakwell("export", "-f", "json", env=env)
        assert exported.returncode == 0, exported.stderr
        assert "kept safe" in exported.stdout

        written = owner.breakwell("note", "more", env=env)
        assert written.returncode == 2
        assert written.stderr == (
            f"breakwell: the journal at {path} is read-only; nothing was written "
            "(it can still be read and exported)\n"
        )
        assert path.read_bytes() == before


def test_the_store_makes_no_folder_it_was_not_given(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="does not exist"):
        _ = Database(f"sqlite:///{tmp_path / 'missing' / 'x.db'}").engine
    assert not (tmp_path / "missing").exists()


def test_a_second_opening_in_one_process_keeps_sqlites_locks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing any descriptor on a SQLite file drops every POSIX lock this process holds on
    it; the journal check must not open the file again once SQLite may have it open."""
    import os

    from breakwell.store.database import Database

    path = tmp_path / "journal.db"
    first = Database(f"sqlite:///{path}", own_folder=tmp_path)
    opened: list[str] = []
    real_open = os.open

    def watching(name: str, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if str(name) == str(path):
            opened.append(str(name))
        return real_open(name, flags, mode, **kwargs)  # type: ignore[arg-type]

    with first.engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
        with monkeypatch.context() as patch:
            patch.setattr(os, "open", watching)
            second = Database(f"sqlite:///{path}", own_folder=tmp_path)
            _ = second.engine
        assert opened == []
        second.close()
    first.close()
