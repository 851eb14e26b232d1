"""What the real-browser tests do when a browser or program they need is not here."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(reason: str) -> NoReturn:
    """Skip with the reason on a developer's machine; in CI, which must run them, fail."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the real-browser tests: {reason}")
    pytest.skip(f"real-browser tests skipped: {reason}")
