"""Value classes behave as the frozen dataclasses they replace, for what the code asks of them."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Any, ClassVar

import pytest

from breakwell.domain.values import MISSING, field, fields, frozen, is_value, replace


@frozen(kw_only=True)
class Base:
    given: frozenset[str] = field(default=frozenset(), repr=False, compare=False)


@frozen(kw_only=True)
class Child(Base):
    name: str
    items: dict[str, int] = field(default_factory=dict)


@frozen
class Point:
    KIND: ClassVar[str] = "point"

    x: int
    y: int = 0
    label: str = field(default="", compare=False)

    @cached_property
    def total(self) -> int:
        return self.x + self.y


@dataclasses.dataclass(frozen=True)
class PointAsDataclass:
    KIND: ClassVar[str] = "point"

    x: int
    y: int = 0
    label: str = dataclasses.field(default="", compare=False)


@frozen
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")


@frozen
class OwnDunders:
    text: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnDunders) and other.text.lower() == self.text.lower()

    def __hash__(self) -> int:
        return hash(self.text.lower())

    def __repr__(self) -> str:
        return f"<{self.text}>"


def test_construction_equality_hash_and_repr_match_a_frozen_dataclass() -> None:
    cases: list[tuple[Any, ...]] = [(1,), (1, 2), (3, 4, "a")]
    for args in cases:
        made, reference = Point(*args), PointAsDataclass(*args)
        assert repr(made).removeprefix("Point") == repr(reference).removeprefix("PointAsDataclass")
        assert (made.x, made.y, made.label) == (reference.x, reference.y, reference.label)
    assert Point(1, 2, "a") == Point(1, 2, "b")  # label is not compared
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Point(1, 2) != Point(2, 1)
    other: object = PointAsDataclass(1)
    assert Point(1) != other
    assert Point(x=5).y == 0
    assert Point.__match_args__ == PointAsDataclass.__match_args__ == ("x", "y", "label")
    assert Point.KIND == "point"
    assert [spec.name for spec in fields(Point)] == ["x", "y", "label"]


def test_instances_refuse_changes_as_dataclasses_do() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.y
    assert point.x == 1
    # cached_property writes around __setattr__, as with a frozen dataclass.
    assert point.total == 1


def test_keyword_only_fields_inherit_and_defaults_are_fresh() -> None:
    first, second = Child(name="a"), Child(name="b")
    assert first.items == {}
    assert first.items is not second.items
    assert [spec.name for spec in fields(Child)] == ["given", "name", "items"]
    assert [spec.name for spec in fields(Child(name="a")) if spec.default is MISSING] == [
        "name",
        "items",
    ]
    assert Child(name="a", given=frozenset({"name"})) == Child(name="a")
    assert repr(Child(name="a")) == "Child(name='a', items={})"
    assert Child.__match_args__ == ()
    with pytest.raises(TypeError):
        Child("a")  # type: ignore[call-arg, arg-type]


def test_replace_makes_a_new_instance_through_its_checks() -> None:
    checked = Checked(1, 2)
    assert replace(checked, high=5) == Checked(1, 5)
    assert checked == Checked(1, 2)
    with pytest.raises(ValueError, match="low above high"):
        replace(checked, low=3)
    with pytest.raises(ValueError, match="low above high"):
        Checked(3, 2)
    with pytest.raises(TypeError):
        replace(checked, unknown=1)


def test_a_class_keeps_its_own_equality_hash_and_repr() -> None:
    assert OwnDunders("A") == OwnDunders("a")
    assert len({OwnDunders("A"), OwnDunders("a")}) == 1
    assert repr(OwnDunders("x")) == "<x>"


def test_a_field_without_a_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="non-default argument 'second'"):

        @frozen
        class _Wrong:
            first: int = 0
            second: int  # type: ignore[misc]


def test_fields_and_is_value_know_value_classes_only() -> None:
    assert is_value(Point) and is_value(Point(1))
    assert not is_value(PointAsDataclass(1))
    with pytest.raises(TypeError):
        fields(PointAsDataclass(1))
    with pytest.raises(ValueError):
        field(default=1, default_factory=int)
