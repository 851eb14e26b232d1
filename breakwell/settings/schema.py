"""A small, strict checker for TOML tables, light enough for every command to load.

Types are strict (a bool is not an integer, an integer is not text), a table refuses keys it
does not know, and the first fault is reported at its dotted place, in the words the config's
errors have always used (they were pydantic's), so a message people know stays the same.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from breakwell.domain.errors import InvalidInput
from breakwell.domain.values import MISSING, field, fields, frozen

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
TableT = TypeVar("TableT", bound="Table")

Where = tuple[str | int, ...]
# A check takes a value as TOML gave it and returns it checked, or raises Invalid.
Check = Callable[[object], T]


class Invalid(Exception):
    """One fault, with where it is: table keys and array indexes, outermost first."""

    def __init__(self, message: str, where: Where = ()) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def inside(self, *outer: str | int) -> Invalid:
        return Invalid(self.message, (*outer, *self.where))

    def __str__(self) -> str:
        location = ".".join(str(part) for part in self.where)
        return f"{location}: {self.message}" if location else self.message


@frozen(kw_only=True)
class Table:
    """A checked table. `given` names the keys the file gave; the others hold defaults."""

    given: frozenset[str] = field(default=frozenset(), repr=False, compare=False)


def _then(rule: Callable[[T], T] | None, value: T) -> T:
    """Run a rule of the value's own (often a domain check) once its type is right."""
    if rule is None:
        return value
    try:
        return rule(value)
    except Invalid:
        raise
    # A ValueError from a rule is a fault in the value, as it always was here.
    except (InvalidInput, ValueError) as error:
        raise Invalid(str(error)) from None


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def text(
    *, min_length: int = 0, max_length: int | None = None, then: Callable[[str], str] | None = None
) -> Check[str]:
    def check(value: object) -> str:
        if not isinstance(value, str):
            raise Invalid("Input should be a valid string")
        if len(value) < min_length:
            raise Invalid(f"String should have at least {_count(min_length, 'character')}")
        if max_length is not None and len(value) > max_length:
            raise Invalid(f"String should have at most {_count(max_length, 'character')}")
        return _then(then, value)

    return check


def integer(*, ge: int, le: int) -> Check[int]:
    def check(value: object) -> int:
        if type(value) is not int:  # a bool is an int to Python, not to a config file
            raise Invalid("Input should be a valid integer")
        if value < ge:
            raise Invalid(f"Input should be greater than or equal to {ge}")
        if value > le:
            raise Invalid(f"Input should be less than or equal to {le}")
        return value

    return check


def boolean() -> Check[bool]:
    def check(value: object) -> bool:
        if not isinstance(value, bool):
            raise Invalid("Input should be a valid boolean")
        return value

    return check


def choice(kind: type[E]) -> Check[E]:
    values = [f"'{member.value}'" for member in kind]
    expected = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"

    def check(value: object) -> E:
        for member in kind:
            if type(value) is str and value == member.value:
                return member
        raise Invalid(f"Input should be {expected}")

    return check


def tuple_of(
    item: Check[T],
    *,
    max_length: int | None = None,
    then: Callable[[tuple[T, ...]], tuple[T, ...]] | None = None,
) -> Check[tuple[T, ...]]:
    def check(value: object) -> tuple[T, ...]:
        if not isinstance(value, list | tuple):
            raise Invalid("Input should be a valid tuple")
        items: list[T] = []
        first: Invalid | None = None
        for index, element in enumerate(value):
            try:
                items.append(item(element))
            except Invalid as error:
                first = first or error.inside(index)
                continue
            # Too many good items outweighs a bad one anywhere in the array.
            if max_length is not None and len(items) > max_length:
                raise Invalid(
                    f"Tuple should have at most {_count(max_length, 'item')} after validation,"
                    f" not {len(value)}"
                )
        if first is not None:
            raise first
        return _then(then, tuple(items))

    return check


def table_of(
    item: Check[T], *, then: Callable[[dict[str, T]], dict[str, T]] | None = None
) -> Check[dict[str, T]]:
    """A table of names chosen by the person, each holding the same kind of value."""

    def check(value: object) -> dict[str, T]:
        if not isinstance(value, dict):
            raise Invalid("Input should be a valid dictionary")
        checked: dict[str, T] = {}
        for key, element in value.items():
            if not isinstance(key, str):
                raise Invalid("Input should be a valid string", (key, "[key]"))
            try:
                checked[key] = item(element)
            except Invalid as error:
                raise error.inside(key) from None
        return _then(then, checked)

    return check


def table(kind: type[TableT], **checks: Check[Any]) -> Check[TableT]:
    """A table of known keys, checked in the order `kind` declares them, then unknown keys."""
    declared = [spec for spec in fields(kind) if spec.name != "given"]
    if {spec.name for spec in declared} != set(checks):
        raise TypeError(f"{kind.__name__}: a check for each field and none else")
    required = {
        spec.name
        for spec in declared
        if spec.default is MISSING and spec.default_factory is MISSING
    }

    def check(value: object) -> TableT:
        if isinstance(value, kind):
            return value
        if not isinstance(value, dict):
            raise Invalid(f"Input should be a valid dictionary or instance of {kind.__name__}")
        checked: dict[str, Any] = {}
        for spec in declared:
            if spec.name in value:
                try:
                    checked[spec.name] = checks[spec.name](value[spec.name])
                except Invalid as error:
                    raise error.inside(spec.name) from None
            elif spec.name in required:
                raise Invalid("Field required", (spec.name,))
        for key in value:
            if key not in checks:
                raise Invalid("unknown key", (key,))
        return kind(**checked, given=frozenset(checked))

    return check
