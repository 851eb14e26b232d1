"""The binding ids the config accepts are exactly the ids the app's bindings carry."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import breakwell.tui
from breakwell.settings.keys import BINDING_IDS


def app_binding_ids() -> set[str]:
    found: set[str] = set()
    # Screens, dialogs and widgets each sit in a package of their own under the app's.
    for module_info in pkgutil.walk_packages(breakwell.tui.__path__, "breakwell.tui."):
        module = importlib.import_module(module_info.name)
        for item in vars(module).values():
            if (
                inspect.isclass(item)
                and issubclass(item, DOMNode)
                and item.__module__ == module.__name__
            ):
                for binding in item.__dict__.get("BINDINGS", []):
                    if isinstance(binding, Binding) and binding.id is not None:
                        found.add(binding.id)
    return found


def test_the_config_knows_every_binding_id_and_no_other() -> None:
    assert len(set(BINDING_IDS)) == len(BINDING_IDS)
    assert set(BINDING_IDS) == app_binding_ids()
