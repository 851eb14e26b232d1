"""Frozen value classes that cost next to nothing to define.

`status` is polled by status bars, and each quick command defines some thirty value classes
before it reads one row. The standard `dataclasses` loads `inspect` (about 10 ms) and compiles
five or six functions for each class (about 0.8 ms each); together that was a fifth of
`status`. A class made here compiles one function, its `__init__`, and shares the rest.

They behave as frozen dataclasses for everything this code asks of them: fields in declaration
order (a base's first), defaults and default factories, keyword-only fields, `__post_init__`,
equality and hashing by the compared fields of the same class, a dataclass-like repr,
`__match_args__`, `replace` and `fields`, and `functools.cached_property`. Assigning to an
instance raises `dataclasses.FrozenInstanceError`, as before. Type checkers read the decorator
as a dataclass through `dataclass_transform`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class _Sentinel:
    """A value no field is given: named, so a signature shows what it stands for."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


# No default given; and, as an __init__ parameter's default, "make one with the factory".
MISSING: Any = _Sentinel("MISSING")
_FACTORY: Any = _Sentinel("<factory>")
_FIELDS = "__value_fields__"


class Field:
    """One field: its name, default or default factory, and whether repr and == see it."""

    __slots__ = ("compare", "default", "default_factory", "kw_only", "name", "repr")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        repr: bool = True,
        compare: bool = True,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot give both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.kw_only = False

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r})"


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    return Field(default, default_factory, repr, compare)


def _own_fields(cls: type, kw_only: bool) -> list[Field]:
    found: list[Field] = []
    # The class's own annotations only: a base's fields come from the base.
    own: dict[str, object] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - inspect is what this module avoids
    for name, annotation in own.items():
        if "ClassVar" in str(annotation):
            continue
        given = cls.__dict__.get(name, MISSING)
        spec = given if isinstance(given, Field) else Field(default=given)
        spec.name = name
        spec.kw_only = kw_only
        if spec.default is MISSING:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, spec.default)
        found.append(spec)
    return found


def _all_fields(cls: type, kw_only: bool) -> tuple[Field, ...]:
    by_name: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for spec in base.__dict__.get(_FIELDS, ()):
            by_name[spec.name] = spec
    for spec in _own_fields(cls, kw_only):
        by_name.pop(spec.name, None)
        by_name[spec.name] = spec
    return tuple(by_name.values())


def _init(cls: type, specs: tuple[Field, ...]) -> Callable[..., None]:
    names: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for spec in specs:
        param = spec.name
        if spec.default_factory is not MISSING:
            names[f"_f_{spec.name}"] = spec.default_factory
            param += "=_FACTORY"
            value = f"_f_{spec.name}() if {spec.name} is _FACTORY else {spec.name}"
        elif spec.default is not MISSING:
            names[f"_d_{spec.name}"] = spec.default
            param += f"=_d_{spec.name}"
            value = spec.name
        else:
            value = spec.name
        if spec.kw_only:
            keyword.append(param)
        else:
            if "=" not in param and positional and "=" in positional[-1]:
                raise TypeError(f"non-default argument {spec.name!r} follows default argument")
            positional.append(param)
        body.append(f"  _set(self, {spec.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    params = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({params}) -> None:\n" + ("\n".join(body) or "  pass") + "\n"
    # The source holds only the class's own field names; the values are passed in `names`.
    exec(source, names)
    init: Callable[..., None] = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _compared(self: object) -> tuple[Any, ...]:
    return tuple(getattr(self, spec.name) for spec in getattr(self, _FIELDS) if spec.compare)


def _eq(self: object, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return _compared(self) == _compared(other)


def _hash(self: object) -> int:
    return hash(_compared(self))


def _repr(self: object) -> str:
    shown = ", ".join(
        f"{spec.name}={getattr(self, spec.name)!r}" for spec in getattr(self, _FIELDS) if spec.repr
    )
    return f"{type(self).__qualname__}({shown})"


def _refuse_change(self: object, name: str, *_: object) -> None:
    from dataclasses import FrozenInstanceError  # loaded only for the mistake itself

    raise FrozenInstanceError(f"cannot assign to field {name!r}")


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def frozen(cls: type[T] | None = None, /, *, kw_only: bool = False) -> Any:
    """Make `cls` a frozen value class, as `@dataclass(frozen=True)` would."""

    def make(cls: type[T]) -> type[T]:
        specs = _all_fields(cls, kw_only)
        made: dict[str, object] = {
            _FIELDS: specs,
            "__init__": _init(cls, specs),
            "__match_args__": tuple(spec.name for spec in specs if not spec.kw_only),
            "__setattr__": _refuse_change,
            "__delattr__": _refuse_change,
        }
        # As dataclasses do: a class's own __eq__ and __repr__ stay, and so does its own
        # __hash__ (Python sets __hash__ to None beside an __eq__; that one is not its own).
        own_hash = cls.__dict__.get("__hash__", MISSING)
        if own_hash is MISSING or (own_hash is None and "__eq__" in cls.__dict__):
            made["__hash__"] = _hash
        if "__eq__" not in cls.__dict__:
            made["__eq__"] = _eq
        if "__repr__" not in cls.__dict__:
            made["__repr__"] = _repr
        for name, attribute in made.items():
            setattr(cls, name, attribute)
        return cls

    return make if cls is None else make(cls)


def fields(item: object) -> tuple[Field, ...]:
    """The fields of a value class or of one of its instances, in order."""
    specs: tuple[Field, ...] | None = getattr(item, _FIELDS, None)
    if specs is None:
        raise TypeError("must be called with a value class or an instance of one")
    return specs


def is_value(item: object) -> bool:
    return hasattr(item, _FIELDS)


def replace(item: T, /, **changes: Any) -> T:
    """A copy of `item` with `changes`, made through its `__init__` so its checks run again."""
    current = {spec.name: getattr(item, spec.name) for spec in fields(item)}
    return type(item)(**(current | changes))
