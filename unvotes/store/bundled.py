"""The dataset bundled with the package: where it is, and reading it offline."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from unvotes.model import Dataset
from unvotes.sources.canonical import read_canonical

__all__ = ["bundled_path", "load_bundled"]


def bundled_path() -> Path:
    """The folder of the bundled canonical tables inside the installed package."""
    return Path(str(resources.files("unvotes") / "_data" / "sample"))


def load_bundled() -> Dataset:
    """The bundled dataset (no network, no cache)."""
    return read_canonical(bundled_path())
