"""What counts as posting on a platform: the requests a watch break refuses in the browser.

A rule is a set of methods and a regular expression over the request's whole address. The
browser companion hands the rules to the browser's own blocking (Chromium's and Firefox's
declarativeNetRequest `regexFilter`, matched case-insensitively), which speaks RE2 or a
JavaScript engine rather than Python's `re`; so a rule keeps to what all three read alike, and
`is_posting` here answers as the browser would.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Protocol, TypedDict

from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import frozen

# Reading stays open: only requests that can change something are ever refused.
POSTING_METHODS = ("POST", "PUT", "PATCH", "DELETE")
MAX_PATTERN = 2048
# RE2 refuses a repeat count above this.
MAX_REPEAT = 1000
_ANCHORS = ("^https://", "^https?://")
_ESCAPES = frozenset("dDwWsSbBnrtfv")
_CLASS_ESCAPES = frozenset("dDwWsSnrtfv")
# What JavaScript's strictest mode lets a backslash stand before (and `-` in a class).
_PUNCTUATION = frozenset("^$\\.*+?()[]{}|/")
_SET_OPERATORS = ("--", "&&", "||", "~~")
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")
_SYNTAX = (
    "; a rule keeps to what browsers' blocking rules (RE2) read: "
    "no lookarounds, backreferences, named groups, inline flags or possessive repeats"
)


@frozen
class PostingRule:
    """Requests with one of `methods` (upper-case) to an address `pattern` matches."""

    methods: tuple[str, ...]
    pattern: str

    def for_extension(self) -> ExtensionRule:
        return {"methods": [method.lower() for method in self.methods], "regex": self.pattern}


if TYPE_CHECKING:
    # For the type checker only: made at import, a TypedDict compiles each field's annotation,
    # a cost every command would pay.
    class ExtensionRule(TypedDict):
        """A rule as the browser companion receives it: declarativeNetRequest spells methods
        in lower case."""

        methods: list[str]
        regex: str


class HasPosting(Protocol):
    @property
    def posting(self) -> tuple[PostingRule, ...]: ...


def check_methods(methods: Iterable[str]) -> tuple[str, ...]:
    """The methods upper-cased, each once, in order; only methods that can change something."""
    checked: list[str] = []
    for method in methods:
        upper = method.strip().upper()
        if upper not in POSTING_METHODS:
            raise InvalidInput(
                f"{method!r} is not a posting method: use POST, PUT, PATCH or DELETE "
                "(reading stays open)"
            )
        if upper not in checked:
            checked.append(upper)
    if not checked:
        raise InvalidInput("name at least one method, such as POST")
    return tuple(checked)


def check_pattern(pattern: str) -> str:
    """Return `pattern` if Python, RE2 and JavaScript all read it alike and it is anchored to
    the start of a whole address."""
    if not pattern.isascii() or not pattern.isprintable():
        raise InvalidInput(
            "must be plain printable ASCII: browsers match rules against encoded addresses"
        )
    if len(pattern) > MAX_PATTERN:
        raise InvalidInput(f"is longer than {MAX_PATTERN} characters")
    try:
        # Python warns of what it may read differently one day ([[, --, &&...); the subset
        # check below refuses those anyway.
        with warnings.catch_warnings(action="ignore", category=FutureWarning):
            re.compile(pattern)
    except re.error as error:
        raise InvalidInput(f"is not a valid regular expression ({error})") from None
    if not pattern.startswith(_ANCHORS):
        raise InvalidInput(
            "must start with ^https:// (or ^https?://) so it matches whole addresses from the start"
        )
    _check_subset(pattern)
    return pattern


def check_rule(methods: Iterable[str], pattern: str) -> PostingRule:
    return PostingRule(check_methods(methods), check_pattern(pattern))


def _check_subset(pattern: str) -> None:
    """Refuse what RE2 or JavaScript would read differently from Python, or not at all."""
    depth = 0
    repeated = False  # the last thing read was a repeat, so a `+` now makes it possessive
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            _check_escape(pattern, i, in_class=False)
            i += 4 if pattern[i + 1] == "x" else 2
            repeated = False
            continue
        if char == "[":
            i = _skip_class(pattern, i)
            repeated = False
            continue
        if char == "(":
            if pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                raise InvalidInput(_group_error(pattern[i : i + 4]))
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            raise InvalidInput(
                "put alternatives inside a group, as in ^https://host/(?:a|b): a top-level | "
                "would match addresses anywhere"
            )
        elif char == "+" and repeated:
            raise InvalidInput("possessive repeats (*+, ++, ?+) are not allowed" + _SYNTAX)
        elif char == "{":
            i = _repeat_end(pattern, i)
            repeated = True
            continue
        elif char == "}":
            raise InvalidInput("escape a } that ends no repeat count as \\}" + _SYNTAX)
        # A `?` right after a repeat makes it lazy rather than repeating it again.
        repeated = char in "*+?" and not (char == "?" and repeated)
        i += 1


def _repeat_end(pattern: str, start: int) -> int:
    """The index just past the repeat count {n}, {n,} or {n,m} opening at `start`."""
    repeat = _REPEAT.match(pattern, start)
    if repeat is None:
        # RE2 reads {,n} and a lone { as plain text, Python {,n} as a repeat, and
        # JavaScript's strict mode neither.
        raise InvalidInput(
            "a { must open a repeat count such as {2} or {0,3}; escape it as \\{ otherwise"
        )
    if max(int(n) for n in repeat.groups() if n) > MAX_REPEAT:
        raise InvalidInput(f"a repeat count above {MAX_REPEAT} is not allowed")
    return repeat.end()


def _check_escape(pattern: str, i: int, *, in_class: bool) -> None:
    letter = pattern[i + 1]
    if letter.isdigit():
        raise InvalidInput(
            f"'\\{letter}' is a backreference or an octal escape, which are not allowed" + _SYNTAX
        )
    if letter == "x":
        return  # Python has made sure two hex digits follow
    allowed = (_CLASS_ESCAPES | {"-"}) if in_class else _ESCAPES
    if letter not in allowed and letter not in _PUNCTUATION:
        raise InvalidInput(
            f"'\\{letter}' is not allowed: use \\d \\w \\s \\b (and their capitals), "
            "\\n \\r \\t \\f \\v, \\xHH, or a backslash before one of ^$\\.*+?()[]{}|/"
        )


def _skip_class(pattern: str, start: int) -> int:
    """The index just past the character class opening at `start`."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        # Python and RE2 read a leading ] as itself, JavaScript as the end of an empty class.
        raise InvalidInput("escape a ] at the start of a character class as \\]" + _SYNTAX)
    while pattern[i] != "]":
        if pattern[i] == "\\":
            _check_escape(pattern, i, in_class=True)
            i += 4 if pattern[i + 1] == "x" else 2
            continue
        if pattern[i] == "[":
            # POSIX classes such as [[:alpha:]] mean something to RE2 and nothing to Python.
            raise InvalidInput("escape a [ inside a character class as \\[" + _SYNTAX)
        if pattern[i : i + 2] in _SET_OPERATORS:
            raise InvalidInput(
                f"write one {pattern[i]} in a character class, or escape it: Python reserves "
                f"{pattern[i : i + 2]} for set operations"
            )
        i += 1
    return i + 1


def _group_error(opening: str) -> str:
    if opening.startswith(("(?=", "(?!", "(?<=", "(?<!")):
        what = "lookarounds ((?=, (?!, (?<=, (?<!) are not allowed"
    elif opening.startswith("(?>"):
        what = "atomic groups (?>...) are not allowed"
    elif opening.startswith(("(?P", "(?<")):
        what = "named groups are not allowed; use (?:...)"
    else:
        what = "a group may only open as ( or (?:"
    return what + _SYNTAX


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # The browser's rules are not case-sensitive; neither is this.
    return re.compile(pattern, re.IGNORECASE)


def is_posting(platform: HasPosting, method: str, url: str) -> bool:
    """Whether a watch break on `platform` refuses this request in the browser."""
    upper = method.upper()
    return any(
        upper in rule.methods and _compiled(rule.pattern).match(url) is not None
        for rule in platform.posting
    )


def posting_rules_for_extension(platform: HasPosting) -> list[ExtensionRule]:
    return [rule.for_extension() for rule in platform.posting]
