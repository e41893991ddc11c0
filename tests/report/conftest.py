"""Fixtures of the report tests: one cache folder for the ideal-point fit, shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def report_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder the report's fitted ideal points go to (fitted once per session and data)."""
    return tmp_path_factory.mktemp("unvotes-cache")
