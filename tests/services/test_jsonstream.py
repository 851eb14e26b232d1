"""The streaming reader reads what json.loads reads, and refuses to follow what it cannot."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breakwell.services import jsonstream
from breakwell.services.jsonstream import NotStreamable, members

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def read(text: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in members(io.StringIO(text)):
        found[key] = list(value) if isinstance(value, Iterator) else value
    return found


@pytest.fixture(autouse=True)
def _small_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reads of a few characters cut every value somewhere, as 64 KiB reads cut a large file.
    monkeypatch.setattr(jsonstream, "_READ", 3)


@given(st.dictionaries(st.text(), VALUES, max_size=5), st.lists(VALUES, max_size=5), st.booleans())
def test_members_are_what_json_loads_reads(
    rest: dict[str, Any], entries: list[Any], indent: bool
) -> None:
    document = {**rest, "entries": entries}
    text = json.dumps(document, indent=2 if indent else None, ensure_ascii=False)
    assert read(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"entries": [1, 2,]}',
        '{"entries": [1 2]}',
        '{"format": "breakwell", "format": "jrnl"}',
        '{"entries": []} []',
        '{"entries": [{"a": tru}]}',
        '{"entries": ["unterminated]}',
        "[1, 2]",
        '{"entries": [1]',
        "",
    ],
)
def test_what_json_loads_refuses_or_reads_otherwise_is_not_followed(text: str) -> None:
    with pytest.raises(NotStreamable):
        read(text)


def test_deep_nesting_is_not_followed() -> None:
    with pytest.raises(NotStreamable):
        read('{"entries": [' + "[" * 100_000 + "]" * 100_000 + "]}")
