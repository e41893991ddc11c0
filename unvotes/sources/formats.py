"""The table of source formats: one row per format, nowhere else (pooch's ``choose_downloader``).

Each :class:`Format` recognises itself (``sniff``, reading as little as
possible) and reads a path into a :class:`~unvotes.model.Dataset`.
:func:`detect_format` asks each in order; :func:`read` reads with the one
that recognises the path. Adding a format is one row in :data:`FORMATS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.sources.canonical import is_canonical, read_canonical
from unvotes.sources.spv import is_meeting_records, read_meeting_records
from unvotes.sources.undl import read_undl_csv
from unvotes.sources.undl_table import is_undl_csv
from unvotes.sources.unxml import is_unxml, read_unxml
from unvotes.sources.voeten import (
    is_unvotes_csv,
    is_unvotes_r,
    is_voeten_raw,
    read_unvotes_csv,
    read_unvotes_r,
    read_voeten_raw,
)
from unvotes.sources.wide import is_wide_table, read_wide_table

__all__ = ["FORMATS", "Format", "detect_format", "format_names", "read"]


@dataclass(frozen=True)
class Format:
    """One source format: its name, what it is, how to recognise it, how to read it."""

    name: str
    label: str
    sniff: Callable[[Path], bool]
    read: Callable[[Path], Dataset]


FORMATS: Final[tuple[Format, ...]] = (
    Format(
        "canonical",
        "a canonical Parquet folder (the bundled data, exported datasets)",
        is_canonical,
        lambda p: read_canonical(p, warn=True),
    ),
    Format("unvotes-r", "the R unvotes tables (.rda)", is_unvotes_r, read_unvotes_r),
    Format(
        "sc-meeting-records",
        "a folder of Security Council meeting records (S_PV.<n>.docx/.pdf/.txt)",
        is_meeting_records,
        read_meeting_records,
    ),
    Format("unvotes-csv", "the R unvotes tables as CSV", is_unvotes_csv, read_unvotes_csv),
    Format("unxml", "a file or folder of UN resolution extracts (.json)", is_unxml, read_unxml),
    Format("wide", "a wide per-country table (.csv/.zip)", is_wide_table, read_wide_table),
    Format(
        "undl-csv",
        "a UN Digital Library voting CSV",
        lambda p: is_undl_csv(p) is not None,
        read_undl_csv,
    ),
    Format("voeten-raw", "Voeten's Dataverse files", is_voeten_raw, read_voeten_raw),
)
"""Every supported format, in the order :func:`detect_format` tries them."""


def format_names() -> tuple[str, ...]:
    """The names of the supported formats.

    Examples
    --------
    >>> format_names()
    ('canonical', 'unvotes-r', 'sc-meeting-records', 'unvotes-csv', 'unxml', 'wide', 'undl-csv', 'voeten-raw')
    """
    return tuple(f.name for f in FORMATS)


def _format_of(path: Path) -> Format:
    if not path.exists():
        raise DataFormatError("no such file or folder", path=path)
    for fmt in FORMATS:
        if fmt.sniff(path):
            return fmt
    expected = "; ".join(f.label for f in FORMATS)
    raise DataFormatError(f"not a supported voting data format (expected {expected})", path=path)


def detect_format(path: str | os.PathLike[str]) -> str:
    """Name the format of a file or folder (one of :func:`format_names`), reading as little as possible.

    Raises
    ------
    DataFormatError
        When the path does not exist or no supported format matches.
    """
    return _format_of(Path(path)).name


def read(path: str | os.PathLike[str]) -> Dataset:
    """Read a file or folder in any supported format (detected) into the canonical tables."""
    p = Path(path)
    return _format_of(p).read(p)
