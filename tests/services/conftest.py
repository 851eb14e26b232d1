"""Every test here runs on SQLite and on PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _each_backend(backend: str) -> str:
    return backend
