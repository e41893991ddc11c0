"""The store: named datasets, the bundled one, the download registry, fetching and the cache.

:func:`load` is the one entry point for data by name or path: ``"sample"``
(the bundled dataset), ``"cache"`` / ``"cache:NAME"`` (datasets fetched
with ``unvotes fetch``) or any path a source format recognises. The store
uses :mod:`unvotes.sources`; the sources never import the store.

- :mod:`~unvotes.store.datasets`: the one registry of downloadable datasets;
- :mod:`~unvotes.store.download`: verified downloads;
- :mod:`~unvotes.store.cache`: the versioned, locked, checksummed cache;
- :mod:`~unvotes.store.integrity`: the checksums it trusts (pointer, manifests, the record of hashes);
- :mod:`~unvotes.store.tables`: its Parquet tables, read back only when they verify;
- :mod:`~unvotes.store.bundled`: the bundled dataset.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final

from unvotes._lazy import lazy_exports
from unvotes.errors import ArgumentError
from unvotes.model import Dataset

if TYPE_CHECKING:
    from unvotes.store.bundled import bundled_path, load_bundled
    from unvotes.store.cache import cache_dir, cache_table, clear_cache, load_cached
    from unvotes.store.datasets import DATASETS, RemoteDataset, dataset_names
    from unvotes.store.download import FetchResult, fetch

_EXPORTS = {
    "DATASETS": "unvotes.store.datasets",
    "FetchResult": "unvotes.store.download",
    "RemoteDataset": "unvotes.store.datasets",
    "bundled_path": "unvotes.store.bundled",
    "cache_dir": "unvotes.store.cache",
    "cache_table": "unvotes.store.cache",
    "clear_cache": "unvotes.store.cache",
    "dataset_names": "unvotes.store.datasets",
    "fetch": "unvotes.store.download",
    "load_bundled": "unvotes.store.bundled",
    "load_cached": "unvotes.store.cache",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "BUNDLED",
    "CACHE",
    "DATASETS",
    "FetchResult",
    "RemoteDataset",
    "bundled_path",
    "cache_dir",
    "cache_table",
    "clear_cache",
    "dataset_names",
    "fetch",
    "load",
    "load_bundled",
    "load_cached",
]

BUNDLED: Final = "sample"
"""The name of the bundled dataset in :func:`load` and ``--data``."""
CACHE: Final = "cache"
"""The name of the fetched datasets in :func:`load` and ``--data`` (``cache:NAME`` for one)."""


def _load_one(source: str | os.PathLike[str]) -> Dataset:
    # imported here: ``unvotes votes`` on the bundled data needs neither the readers nor the cache
    if isinstance(source, str) and source == BUNDLED:
        from unvotes.store.bundled import load_bundled

        return load_bundled()
    if isinstance(source, str) and (source == CACHE or source.startswith(CACHE + ":")):
        from unvotes.store.cache import load_cached

        return load_cached(source.partition(":")[2] or None)
    from unvotes.sources import read

    return read(source)


def load(*sources: str | os.PathLike[str]) -> Dataset:
    """Load voting data from any supported source into the canonical tables.

    Parameters
    ----------
    *sources
        ``"sample"`` (the default: the bundled dataset, offline); ``"cache"``
        (every dataset fetched with ``unvotes fetch``, combined: UN Digital
        Library GA, then SC, then Voeten) or ``"cache:undl-ga"`` (one of
        them, see :func:`unvotes.store.cache.load_cached`); or paths to files
        or folders in any supported format (see
        :func:`unvotes.sources.detect_format`). Several sources are combined
        with :func:`unvotes.sources.combine`, the first taking precedence.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> ds.tally("A/RES/ES-11/1")["Y"]
    141
    """
    if not sources:
        sources = (BUNDLED,)
    for source in sources:
        if not isinstance(source, (str, os.PathLike)) or not str(source).strip():
            raise ArgumentError(f"a source is a name or a path, not {source!r}")
    datasets = [_load_one(s) for s in sources]
    if len(datasets) == 1:
        return datasets[0]
    from unvotes.sources import combine

    return combine(*datasets)
