"""Where breakwell keeps things and how the person configured it."""

from breakwell.settings.config import Config, Settings, load_settings
from breakwell.settings.paths import Paths, resolve_paths

__all__ = ["Config", "Paths", "Settings", "load_settings", "resolve_paths"]
