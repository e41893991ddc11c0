"""Fitted ideal points kept on disk: the fit shipped with the embedded data, and a cache keyed by the data.

A whole-record fit with a bootstrap costs a minute or more, so its table
(:data:`~unvotes.measures.ideal.IDEAL_COLUMNS`) is kept:

- **shipped**: ``unvotes/_data/ideal/`` holds the General Assembly fit of the
  embedded default (``table.parquet``) and a ``manifest.json`` naming the
  data's key (:func:`data_key`), the package version, the method, the
  replicates and the seed, and the table's SHA-256. It is built by
  ``scripts/build_ideal.py`` whenever the embedded data change.
- **cached**: any other data are fitted once and the table is written (atomically)
  to ``<cache>/ideal-points/<key>-v<version>-b<replicates>.parquet``.

A shipped or cached table is used only when every one of these matches the
request; otherwise the model is fitted again. The key covers the roll calls'
ids, dates and bodies and every vote, so a change in the data never serves an
old fit.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Final

import pandas as pd

from unvotes._version import __version__
from unvotes.model import Dataset

__all__ = ["SHIPPED", "cached_path", "data_key", "read_shipped", "write_shipped"]

SHIPPED: Final = Path(__file__).resolve().parents[1] / "_data" / "ideal"
"""Folder of the shipped fit of the embedded default."""


def data_key(dataset: Dataset) -> str:
    """SHA-256 (24 hex digits) of the roll calls' ids, dates and bodies and of every vote."""
    digest = hashlib.sha256()
    for table in (dataset.rollcalls[["rcid", "date", "body"]], dataset.votes):
        digest.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:24]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_shipped(key: str, bootstrap: int, *, folder: Path = SHIPPED) -> pd.DataFrame | None:
    """The shipped table when it was fitted on the data of ``key`` with ``bootstrap`` replicates.

    None when there is none, it is for other data, another version or
    another number of replicates, or its bytes differ from the manifest's hash.
    """
    manifest = folder / "manifest.json"
    table = folder / "table.parquet"
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    wanted = {"data_key": key, "version": __version__, "method": "map", "bootstrap": bootstrap}
    if not isinstance(meta, dict) or any(meta.get(k) != v for k, v in wanted.items()):
        return None
    try:
        if _sha256(table) != meta.get("sha256"):
            return None
        return pd.read_parquet(table)
    except (OSError, ValueError):
        return None


def write_shipped(
    table: pd.DataFrame, key: str, bootstrap: int, seed: int, *, folder: Path = SHIPPED
) -> Path:
    """Write the shipped fit (``table.parquet`` and ``manifest.json``); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "table.parquet"
    tmp = folder / ".table.parquet.tmp"
    table.reset_index(drop=True).to_parquet(tmp, index=False, compression="zstd")
    os.replace(tmp, path)
    meta = {
        "data_key": key,
        "version": __version__,
        "method": "map",
        "bootstrap": bootstrap,
        "seed": seed,
        "rows": len(table),
        "sha256": _sha256(path),
    }
    text = json.dumps(meta, indent=2, sort_keys=True) + "\n"
    (folder / ".manifest.json.tmp").write_text(text, encoding="utf-8")
    os.replace(folder / ".manifest.json.tmp", folder / "manifest.json")
    return folder


def cached_path(cache: Path, key: str, bootstrap: int) -> Path:
    """Where a fit of the data of ``key`` with ``bootstrap`` replicates is cached under ``cache``."""
    return cache / "ideal-points" / f"{key}-v{__version__}-b{bootstrap}.parquet"
