"""A damaged marker never stops blocking or repair: breakwell knows its own lines, removes
exactly those, and keeps every other byte of the file."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from breakwell.enforce import hosts
from breakwell.enforce.hosts import BEGIN, END
from tests.enforce.test_hosts import DOMAINS, hosts_files

MANGLED_ENDS = [
    END[:-3],  # cut short
    END[:7],
    END + b"  ",
    END.upper(),
    END.replace(b"<<< b", b"<< b"),
    b"#<<< breakwell",
]
TOP = b"127.0.0.1 localhost\n"
BOTTOM = b"# added by hand\n192.168.1.9 nas\n"


def damaged(end_line: bytes | None) -> bytes:
    lines = [BEGIN, b"0.0.0.0 x.com", b":: x.com"] + ([end_line] if end_line is not None else [])
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize("end_line", [None, *MANGLED_ENDS])
def test_a_block_with_a_damaged_end_is_repaired_and_the_rest_kept(end_line: bytes | None) -> None:
    broken = TOP + damaged(end_line) + BOTTOM
    assert hosts.without_block(broken) == TOP + BOTTOM
    assert hosts.with_block(broken, ["x.com"]) == hosts.with_block(TOP + BOTTOM, ["x.com"])
    assert hosts.orphaned_lines(broken) == [
        line.decode() for line in damaged(end_line).splitlines()
    ]
    assert hosts.blocked_domains(broken) == []  # not a whole block: reported, not trusted


def test_an_end_marker_without_its_start_takes_its_address_lines_and_a_mangled_start() -> None:
    for start in (b"", b"# >>> breakwell: sites blocked\n"):
        broken = TOP + start + b"0.0.0.0 x.com\n:: x.com\n" + END + b"\n" + BOTTOM
        assert hosts.without_block(broken) == TOP + BOTTOM
        assert len(hosts.orphaned_lines(broken)) == 3 + bool(start)


def test_only_breakwell_lines_go_when_its_markers_are_damaged() -> None:
    # After the address lines comes someone's own line: it is not ours, whatever it says.
    broken = TOP + BEGIN + b"\n0.0.0.0 x.com\n# <<< another tool <<<\n0.0.0.0 ads.example\n"
    assert hosts.without_block(broken) == TOP + b"# <<< another tool <<<\n0.0.0.0 ads.example\n"


def test_a_file_cut_off_inside_the_block_loses_only_breakwell_lines() -> None:
    blocked = hosts.with_block(TOP, ["x.com", "t.co"])
    line_ends = [i + 1 for i, byte in enumerate(blocked) if byte == ord("\n") and i > len(TOP)]
    inside_end = range(len(blocked) - len(END) + 5, len(blocked) - 1)
    for cut in [len(TOP) + len(BEGIN), *line_ends, *inside_end]:
        assert hosts.without_block(blocked[:cut]) == TOP, blocked[:cut]


def test_set_blocked_repairs_a_damaged_file_and_an_idle_one_comes_clean(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    path.write_bytes(TOP + damaged(END[:-4]) + BOTTOM)
    assert hosts.set_blocked(path, ["t.co"])
    assert hosts.blocked_domains(path.read_bytes()) == ["t.co"]
    assert hosts.orphaned_lines(path.read_bytes()) == []
    path.write_bytes(TOP + damaged(None))
    assert hosts.set_blocked(path, [])
    assert path.read_bytes() == TOP


def _ours(line: bytes) -> bool:
    text = line.rstrip(b"\r")
    return (
        text.startswith((b"0.0.0.0", b"::"))
        or b"breakwell" in text.lower()
        or text
        in (
            BEGIN[: len(text)],
            END[: len(text)],
        )
    )


@st.composite
def damages(draw: st.DrawFn) -> tuple[bytes, bytes, list[str]]:
    """An original file, the same file with a damaged breakwell block, and the domains."""
    original = draw(hosts_files())
    names = draw(st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=3))
    blocked = hosts.with_block(original, names)
    lines = blocked.splitlines(keepends=True)
    how = draw(st.sampled_from(["drop end", "mangle end", "drop start", "drop both"]))
    end = max(i for i, line in enumerate(lines) if line.rstrip(b"\r\n") == END)
    start = max(i for i, line in enumerate(lines) if line.rstrip(b"\r\n") == BEGIN)
    if how == "mangle end":
        # Where the file ends inside the block, the line break before the block cannot be told
        # from one of the file's own (the end may have been cut off), so it is kept: one byte.
        assume(lines[end].endswith(b"\n"))
        tail = lines[end][len(END) :]
        lines[end] = draw(st.sampled_from(MANGLED_ENDS)) + tail
    if how in ("drop end", "drop both"):
        # As above: a file ending on the address lines may have been cut off.
        assume(lines[end].endswith(b"\n"))
        del lines[end]
    if how in ("drop start", "drop both"):
        # The line before the block must not itself look like ours.
        assume(start == 0 or not _ours(lines[start - 1].rstrip(b"\r\n")))
        del lines[start]
    if how == "drop both":
        # Bare address lines with no marker at all are nobody's to take: not recognisable.
        assume(False)
    return original, b"".join(lines), names


@pytest.mark.slow
@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(damages())
def test_whatever_the_damage_the_rest_of_the_file_is_kept_byte_for_byte(
    case: tuple[bytes, bytes, list[str]],
) -> None:
    original, broken, names = case
    assert hosts.without_block(broken) == original
    assert hosts.with_block(broken, names) == hosts.with_block(original, names)
    assert hosts.orphaned_lines(hosts.with_block(broken, names)) == []


@pytest.mark.slow
@settings(max_examples=500)
@given(hosts_files(), st.sampled_from([None, *MANGLED_ENDS]), st.integers(0, 40))
def test_a_damaged_block_anywhere_comes_out_and_nothing_else(
    original: bytes, end_line: bytes | None, where: int
) -> None:
    boundaries = [0] + [i + 1 for i, byte in enumerate(original) if byte == ord("\n")]
    at = boundaries[where % len(boundaries)]
    following = original[at:].split(b"\n", 1)[0]
    assume(not _ours(following))
    assume(not any(line.rstrip(b"\r") in (BEGIN, END) for line in original.split(b"\n")))
    broken = original[:at] + damaged(end_line) + original[at:]
    assert hosts.without_block(broken) == original
