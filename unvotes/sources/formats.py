"""The table of source formats: one row per format, nowhere else (pooch's ``choose_downloader``).

Each :class:`Format` recognises itself (``sniff``, reading as little as
possible) and reads a path into a :class:`~unvotes.model.Dataset`.
:func:`detect_format` asks each in order; :func:`read` reads with the one
that recognises the path. Adding a format is one row in :data:`FORMATS`.

Folders
-------
A folder that a folder format recognises (the canonical tables, the R
tables, UN extracts, meeting records) is read by it. Any other folder that
holds exactly one file in a supported format loads like that file (the
folder ``undl-wide-2021`` holding the zipped wide table); several such files
are an error listing them, none an error listing every entry and why it is
not read. Either way, every entry of the folder that is not read becomes a
finding ``"file in folder skipped"`` naming it and the reason (see
:mod:`unvotes.sources._folders`: a ``warning`` for data-like files,
sub-folders, links that cannot be followed and special files, so the
load's :class:`~unvotes.errors.DataQualityWarning` says so; an ``info``
finding for ``README``, ``LICENSE`` and the like).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset, findings_frame
from unvotes.sources._folders import Folder, scan_folder, skip_findings
from unvotes.sources._text import regular_file
from unvotes.sources.canonical import is_canonical, read_canonical
from unvotes.sources.spv import is_meeting_records, is_record_name, read_meeting_records
from unvotes.sources.undl import read_undl_csv
from unvotes.sources.undl_table import is_undl_csv
from unvotes.sources.unxml import is_json_name, is_unxml, read_unxml
from unvotes.sources.voeten import (
    _find_descriptions,
    is_unvotes_csv,
    is_unvotes_r,
    is_voeten_raw,
    read_unvotes_csv,
    read_unvotes_r,
    read_voeten_raw,
)
from unvotes.sources.wide import is_wide_table, read_wide_table

__all__ = ["FORMATS", "Format", "detect_format", "format_names", "read"]


def _itself(path: Path) -> list[Path]:
    return [path]


@dataclass(frozen=True)
class Format:
    """One source format: its name, what it is, how to recognise it, how to read it.

    ``uses`` names the files a read of a path takes (a folder format's files
    in the folder, a file and its companions): the others in the folder are
    reported as skipped.
    """

    name: str
    label: str
    sniff: Callable[[Path], bool]
    read: Callable[[Path], Dataset]
    uses: Callable[[Path], list[Path]] = _itself


def _named(*names: str) -> Callable[[Path], list[Path]]:
    return lambda p: [p / n for n in names] if p.is_dir() else [p]


def _matching(accept: Callable[[str], bool]) -> Callable[[Path], list[Path]]:
    return lambda p: scan_folder(p).named(accept) if p.is_dir() else [p]


def _with_descriptions(path: Path) -> list[Path]:
    found = _find_descriptions(path)
    return [path] if found is None else [path, found]


FORMATS: Final[tuple[Format, ...]] = (
    Format(
        "canonical",
        "a canonical Parquet folder (the bundled data, exported datasets)",
        is_canonical,
        lambda p: read_canonical(p, warn=True),
        _named("rollcalls.parquet", "votes.parquet", "findings.parquet", "sponsors.parquet", "manifest.json"),
    ),
    Format(
        "unvotes-r",
        "the R unvotes tables (.rda)",
        is_unvotes_r,
        read_unvotes_r,
        _named("un_votes.rda", "un_roll_calls.rda", "un_roll_call_issues.rda"),
    ),
    Format(
        "sc-meeting-records",
        "a folder of Security Council meeting records (S_PV.<n>.docx/.pdf/.txt)",
        is_meeting_records,
        read_meeting_records,
        _matching(is_record_name),
    ),
    Format(
        "unvotes-csv",
        "the R unvotes tables as CSV",
        is_unvotes_csv,
        read_unvotes_csv,
        _named("un_votes.csv", "un_roll_calls.csv", "un_roll_call_issues.csv"),
    ),
    Format(
        "unxml",
        "a file or folder of UN resolution extracts (.json/.jsonl)",
        is_unxml,
        read_unxml,
        _matching(is_json_name),
    ),
    Format("wide", "a wide per-country table (.csv/.zip)", is_wide_table, read_wide_table),
    Format(
        "undl-csv",
        "a UN Digital Library voting CSV",
        lambda p: is_undl_csv(p) is not None,
        read_undl_csv,
    ),
    Format("voeten-raw", "Voeten's Dataverse files", is_voeten_raw, read_voeten_raw, _with_descriptions),
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


def _expected() -> str:
    return "; ".join(f.label for f in FORMATS)


def _sniff(fmt: Format, path: Path) -> bool:
    try:
        return fmt.sniff(path)
    except OSError:  # a sniffer reads as little as it can; the reader names any problem
        return False


def _file_format(path: Path) -> Format | None:
    return next((fmt for fmt in FORMATS if _sniff(fmt, path)), None)


def _listing(folder: Folder) -> str:
    entries = [f"{f.name} (not a supported format)" for f in folder.files]
    entries += [f"{name} ({why})" for name, why in folder.others]
    shown = ", ".join(entries[:10]) + (f" and {len(entries) - 10} more" if len(entries) > 10 else "")
    return shown or "it is empty"


def _format_of(path: Path) -> tuple[Format, Path, Folder | None]:
    """The format, the path to read with it (a folder's one supported file) and the folder scanned."""
    if not os.path.lexists(path):
        raise DataFormatError("no such file or folder", path=path)
    if not path.is_dir():
        regular_file(path, what="a file or folder in a supported voting data format", empty_ok=False)
        fmt = _file_format(path)
        if fmt is None:
            raise DataFormatError(f"not a supported voting data format (expected {_expected()})", path=path)
        return fmt, path, None
    folder = scan_folder(path)
    for fmt in FORMATS:
        if _sniff(fmt, path):
            return fmt, path, folder
    found = [(f, fmt) for f in folder.files if (fmt := _file_format(f)) is not None]
    if len(found) == 1:
        return found[0][1], found[0][0], folder
    if found:
        names = ", ".join(f"{f.name} ({fmt.name})" for f, fmt in found)
        raise DataFormatError(
            f"the folder holds {len(found)} files in supported formats ({names}); expected one: "
            "load them by path (several paths are combined)",
            path=path,
        )
    raise DataFormatError(
        f"no file in a supported voting data format in the folder ({_listing(folder)}); "
        f"expected {_expected()}",
        path=path,
    )


def detect_format(path: str | os.PathLike[str]) -> str:
    """Name the format of a file or folder (one of :func:`format_names`), reading as little as possible.

    A folder holding exactly one file in a supported format has that file's format.

    Raises
    ------
    DataFormatError
        When the path does not exist, is not a readable file or folder, or no
        supported format matches (or a folder holds several supported files).
    """
    return _format_of(Path(path))[0].name


def read(path: str | os.PathLike[str]) -> Dataset:
    """Read a file or folder in any supported format (detected) into the canonical tables.

    Every entry of a folder that is not read is a ``"file in folder skipped"``
    finding with the reason (module docstring).
    """
    p = Path(path)
    fmt, target, folder = _format_of(p)
    ds = fmt.read(target)
    if folder is None:
        return ds
    reason = "not in a supported format"
    if target == p:
        reason = f"not one of the files the {fmt.name!r} format reads"
    rows = skip_findings(folder, fmt.uses(target), f"folder:{p.name}", reason)
    if not rows:
        return ds
    skipped = findings_frame(rows)
    Dataset(ds.rollcalls, ds.votes, skipped, (str(p),)).warn_findings()  # the user is told of these only
    return Dataset(ds.rollcalls, ds.votes, pd.concat([ds.findings, skipped], ignore_index=True), ds.sources)
