import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakwell.enforce import hosts
from breakwell.enforce.hosts import BEGIN, END, HostsError

DOMAINS = ["x.com", "twitter.com", "www.instagram.com"]

line_text = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"),
        max_size=40,
    ),
    st.sampled_from(
        [
            "127.0.0.1 localhost",
            "::1 localhost ip6-localhost",
            "# comment with ünïcödé ✓",
            "# >>> another tool's block >>>",
            "# <<< another tool <<<",
            "# >>> breakwell",  # near our marker, but not it
            "",
            "\t",
            "0.0.0.0 ads.example",
        ]
    ),
)


@st.composite
def hosts_files(draw: st.DrawFn) -> bytes:
    lines = [line.encode("utf-8") for line in draw(st.lists(line_text, max_size=25))]
    if draw(st.booleans()):
        lines.append(draw(st.binary(max_size=12)).replace(b"\n", b"").replace(b"\r", b""))
    newline = draw(st.sampled_from([b"\n", b"\r\n"]))
    mixed = draw(st.booleans())
    content = b""
    for index, line in enumerate(lines):
        content += line
        if index < len(lines) - 1 or draw(st.booleans()):
            content += draw(st.sampled_from([b"\n", b"\r\n"])) if mixed else newline
    return content


@pytest.mark.slow
@settings(max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
@given(hosts_files(), st.lists(st.sampled_from(DOMAINS), max_size=3))
def test_apply_then_remove_gives_back_the_original_bytes(original: bytes, names: list[str]) -> None:
    blocked = hosts.with_block(original, names or DOMAINS)
    assert BEGIN in blocked
    assert hosts.blocked_domains(blocked) == sorted(set(names or DOMAINS))
    assert hosts.without_block(blocked) == original
    # Applying again, or with other domains, still leaves one block over the same original.
    again = hosts.with_block(blocked, ["reddit.com"])
    assert again.count(BEGIN) == 1
    assert hosts.without_block(again) == original
    assert hosts.with_block(again, []) == original


@given(hosts_files())
def test_the_rest_of_the_file_is_untouched(original: bytes) -> None:
    blocked = hosts.with_block(original, DOMAINS)
    assert blocked.startswith(original)


def test_line_endings_follow_the_file() -> None:
    crlf = hosts.with_block(b"127.0.0.1 localhost\r\n", ["x.com"])
    assert crlf == (
        b"127.0.0.1 localhost\r\n" + BEGIN + b"\r\n0.0.0.0 x.com\r\n:: x.com\r\n" + END + b"\r\n"
    )
    no_final_newline = hosts.with_block(b"127.0.0.1 localhost", ["x.com"])
    assert no_final_newline.endswith(END)
    assert hosts.without_block(no_final_newline) == b"127.0.0.1 localhost"


@pytest.mark.parametrize(
    "bad",
    [
        "evil.com\n1.2.3.4 bank.example",
        "evil.com 1.2.3.4",
        "1.2.3.4",
        "# comment.com",
        "EVIL.com",
        "evil.com\r",
        "localhost",
        "ünï.com",
        "",
    ],
)
def test_only_plain_domains_get_in(bad: str) -> None:
    with pytest.raises(HostsError, match="not a plain domain"):
        hosts.with_block(b"", [bad])


# Every character str.strip() removes (the last is U+3000), to put at either end of a name.
SPACES = [chr(code) for code in range(0x3001) if chr(code).isspace()]
# Built rather than filtered, so Hypothesis never discards most of what it draws.
BAD_NAMES = st.one_of(
    st.builds(lambda a, c, b: a + c + b, st.text(), st.sampled_from(" \n\r\t#"), st.text()),
    st.builds(lambda a, w: a + w, st.text(), st.sampled_from(SPACES)),
    st.builds(lambda w, a: w + a, st.sampled_from(SPACES), st.text()),
)


@given(BAD_NAMES)
def test_whitespace_and_comment_characters_never_reach_the_file(bad: str) -> None:
    with pytest.raises(HostsError):
        hosts.render_block([bad], b"\n")


def test_an_unterminated_block_is_put_right() -> None:
    top = b"127.0.0.1 localhost\n"
    broken = top + BEGIN + b"\n0.0.0.0 x.com\n"
    assert hosts.with_block(broken, ["x.com"]) == hosts.with_block(top, ["x.com"])


def test_set_blocked_writes_atomically_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n")
    path.chmod(0o644)
    inode = path.stat().st_ino
    assert hosts.set_blocked(path, ["x.com"])
    assert path.stat().st_ino != inode  # replaced, not rewritten in place
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert hosts.blocked_domains(path.read_bytes()) == ["x.com"]
    backup = tmp_path / ("hosts" + hosts.BACKUP_SUFFIX)
    assert backup.read_bytes() == b"127.0.0.1 localhost\n"
    assert not hosts.set_blocked(path, ["x.com"])  # unchanged: no write
    assert hosts.set_blocked(path, [])
    assert path.read_bytes() == b"127.0.0.1 localhost\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hosts"
    path.write_bytes(b"127.0.0.1 localhost\n")

    real_replace = Path.replace

    def failing_replace(self: Path, target: Path) -> Path:
        if target == path:
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        hosts.set_blocked(path, ["x.com"])
    assert path.read_bytes() == b"127.0.0.1 localhost\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_helper_applies_clears_and_refuses_bad_domains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, state = tmp_path / "hosts", tmp_path / "state"
    path.write_bytes(b"127.0.0.1 localhost\n")
    assert hosts.main([], path, state) == 2
    assert hosts.main(["apply", "evil.com\n1.2.3.4 bank.example"], path, state) == 1
    assert "not a plain domain" in capsys.readouterr().err
    assert path.read_bytes() == b"127.0.0.1 localhost\n"
    assert hosts.main(["apply", "x.com"], path, state) == 0
    assert hosts.blocked_domains(path.read_bytes()) == ["x.com"]
    assert hosts.main(["clear"], path, state) == 0
    assert path.read_bytes() == b"127.0.0.1 localhost\n"


def test_the_test_suite_cannot_write_the_system_hosts_file() -> None:
    with pytest.raises(AssertionError, match="tried to write"):
        hosts.write_atomically(hosts.DEFAULT_HOSTS, b"")


def test_a_symlinked_hosts_file_is_changed_where_it_lives(tmp_path: Path) -> None:
    real = tmp_path / "real-hosts"
    real.write_bytes(b"127.0.0.1 localhost\n")
    link = tmp_path / "hosts"
    link.symlink_to(real)
    assert hosts.set_blocked(link, ["x.com"])
    assert link.is_symlink()
    assert hosts.blocked_domains(real.read_bytes()) == ["x.com"]


def test_read_blocked_reads_the_block_and_forgives_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    assert hosts.read_blocked(path) == []
    path.write_bytes(hosts.with_block(b"127.0.0.1 localhost\n", ["x.com", "t.co"]))
    assert hosts.read_blocked(path) == ["t.co", "x.com"]
