"""The fields the forms share, built and read the same way wherever they appear."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, SelectionList

from breakwell.domain.platforms import Catalogue
from breakwell.tui.text import plain


def filled(field: Input) -> str | None:
    """What a text field says; a blank field was not filled in."""
    return field.value.strip() or None


def choice_set(
    values: list[str], chosen: str, set_id: str, labels: Mapping[str, str] | None = None
) -> RadioSet:
    """One of `values`, each shown as its label when given, else as itself."""
    shown = labels or {}
    return RadioSet(
        *(RadioButton(shown.get(v, v), value=v == chosen, name=v) for v in values), id=set_id
    )


def choice_group(
    title: str, values: list[str], chosen: str, set_id: str, explain: str | None = None
) -> Vertical:
    """A titled set of choices, with a line on what the chosen one means (`#SET_ID-help`)."""
    parts: list[Widget] = [
        Label(title, classes="section-label"),
        choice_set(values, chosen, set_id),
    ]
    if explain is not None:
        parts.append(Label(explain, id=f"{set_id}-help"))
    return Vertical(*parts, classes="choice-group")


def chosen(radio: RadioSet) -> str | None:
    pressed = radio.pressed_button
    return pressed.name if pressed is not None else None


def platform_list(
    catalogue: Catalogue, ticked: Collection[str], list_id: str
) -> SelectionList[str]:
    """Every known platform, those in `ticked` ticked: what a break or plan keeps away from."""
    return SelectionList[str](
        *((plain(p.name), p.id, p.id in ticked) for p in catalogue.all()),
        id=list_id,
    )


def platform_select(catalogue: Catalogue, select_id: str) -> Select[str]:
    """One platform or none: what an entry is about, or what a search keeps to."""
    options = [(p.name, p.id) for p in catalogue.all()]
    return Select(options, prompt="Platform (optional)", id=select_id, compact=True)


def selected(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


def show_problem(line: Label, text: str, *, error: bool) -> None:
    """A form's line under its fields: what it will do, or in the error colour what is wrong.
    Both may quote what was typed, so the line is never read as markup."""
    line.update(plain(text))
    line.set_class(error, "-error")
