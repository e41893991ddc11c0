"""Loaders: every supported source format into the canonical tables.

:func:`load` is the one entry point; it detects the format of a file or
folder. Each format also has its own reader:

==========================================  ===============================================
format                                      reader
==========================================  ===============================================
bundled sample / canonical Parquet folder   :func:`~unvotes.sources.canonical.read_canonical`
UN machine-readable resolution extracts     :func:`~unvotes.sources.unxml.read_unxml`
UN Digital Library voting CSV (2024, 2026)  :func:`~unvotes.sources.undl.read_undl_csv`
wide per-country table                      :func:`~unvotes.sources.wide.read_wide_table`
R ``unvotes`` tables (``.rda``)             :func:`~unvotes.sources.voeten.read_unvotes_r`
R ``unvotes`` tables as CSV                 :func:`~unvotes.sources.voeten.read_unvotes_csv`
Voeten's Dataverse raw files                :func:`~unvotes.sources.voeten.read_voeten_raw`
==========================================  ===============================================
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from unvotes.dataset import Dataset
from unvotes.errors import DataFormatError

__all__ = ["detect_format", "load", "sample_path"]

SAMPLE = "sample"
CACHE = "cache"


def sample_path() -> Path:
    """The folder of the bundled sample inside the installed package."""
    return Path(str(resources.files("unvotes") / "_data" / "sample"))


def detect_format(path: str | os.PathLike[str]) -> str:
    """Name the format of a file or folder, reading as little as possible.

    Returns one of ``canonical``, ``unxml``, ``unvotes-r``, ``unvotes-csv``,
    ``voeten-raw``, ``undl-csv``, ``wide``.

    Raises
    ------
    DataFormatError
        When the path does not exist or no supported format matches.
    """
    from unvotes.sources import canonical, undl, unxml, voeten, wide

    p = Path(path)
    if not p.exists():
        raise DataFormatError("no such file or folder", path=p)
    checks = [
        ("canonical", canonical.is_canonical),
        ("unvotes-r", voeten.is_unvotes_r),
        ("unvotes-csv", voeten.is_unvotes_csv),
        ("unxml", unxml.is_unxml),
        ("wide", wide.is_wide_table),
        ("undl-csv", lambda q: undl.is_undl_csv(q) is not None),
        ("voeten-raw", voeten.is_voeten_raw),
    ]
    for name, check in checks:
        if check(p):
            return name
    raise DataFormatError(
        "not a supported voting data format (expected a UN Digital Library voting CSV, "
        "a folder or file of UN resolution extracts (.json), a wide per-country table (.csv/.zip), "
        "the R unvotes tables (.rda or CSV), Voeten's Dataverse files, or a canonical Parquet folder)",
        path=p,
    )


def _load_one(source: str | os.PathLike[str]) -> Dataset:
    from unvotes.sources import canonical, undl, unxml, voeten, wide

    if isinstance(source, str) and source == SAMPLE:
        return canonical.read_canonical(sample_path())
    if isinstance(source, str) and (source == CACHE or source.startswith(CACHE + ":")):
        from unvotes.cache import load_cached

        return load_cached(source.partition(":")[2] or None)
    kind = detect_format(source)
    readers = {
        "canonical": lambda p: canonical.read_canonical(p, warn=True),
        "unxml": unxml.read_unxml,
        "unvotes-r": voeten.read_unvotes_r,
        "unvotes-csv": voeten.read_unvotes_csv,
        "voeten-raw": voeten.read_voeten_raw,
        "undl-csv": undl.read_undl_csv,
        "wide": wide.read_wide_table,
    }
    return readers[kind](source)


def load(*sources: str | os.PathLike[str]) -> Dataset:
    """Load voting data from any supported source into the canonical tables.

    Parameters
    ----------
    *sources
        ``"sample"`` (the default: the bundled GA sessions 74–80, ES-10,
        ES-11 and SC 2000–2026 sample, offline); ``"cache"`` (every dataset
        fetched with ``unvotes fetch``, combined: UN Digital Library GA, then
        SC, then Voeten) or ``"cache:undl-ga"`` (one of them, see
        :func:`unvotes.cache.load_cached`); or paths to files or folders
        in any supported format (see :func:`detect_format`). Several sources
        are combined with :func:`unvotes.combine`, the first taking
        precedence.

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
    from unvotes.combine import combine

    if not sources:
        sources = (SAMPLE,)
    datasets = [_load_one(s) for s in sources]
    if len(datasets) == 1:
        return datasets[0]
    return combine(*datasets)
