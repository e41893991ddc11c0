"""Reading a folder: every entry is either read or listed as skipped, with the reason.

:func:`scan_folder` lists a folder once (no recursion); readers take the
files they use from :attr:`Folder.files`, and :func:`unvotes.sources.read`
(so :func:`unvotes.load`) turns every other entry into a finding with
:func:`skip_findings`:

* a file with a data extension (``.csv``, ``.json``, ``.jsonl``, ``.zip``,
  ``.rda``, ``.parquet``, ``.tsv``, ``.txt``, ``.xlsx``) that the reader does not use, a
  sub-folder, a symbolic link that cannot be followed (a loop, or its target
  missing), a named pipe or device: a ``warning`` (the user is told, in the
  :class:`~unvotes.errors.DataQualityWarning` of the load);
* any other file (``README.md``, ``LICENSE``, ``SHA256SUMS``, hidden files
  such as ``.DS_Store``): an ``info`` finding, kept in ``Dataset.findings``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import DataFormatError

__all__ = ["DATA_SUFFIXES", "Folder", "scan_folder", "skip_findings", "unreadable_data"]

DATA_SUFFIXES = frozenset({".csv", ".json", ".jsonl", ".zip", ".rda", ".parquet", ".tsv", ".txt", ".xlsx"})
"""Extensions of files that may hold data: skipping one is a warning, not an info finding."""


@dataclass(frozen=True)
class Folder:
    """A folder's entries: the regular files (links followed) and the others, each with its reason."""

    path: Path
    files: tuple[Path, ...]
    others: tuple[tuple[str, str], ...]

    def named(self, accept: Callable[[str], bool]) -> list[Path]:
        """The regular files whose names ``accept`` takes, in name order."""
        return [f for f in self.files if accept(f.name)]


def _kind(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (after links), else why the entry is not one."""
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        if entry.is_symlink():
            looped = exc.errno == errno.ELOOP
            return "a symbolic link loop" if looped else "a broken symbolic link (its target is missing)"
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None if os.access(entry.path, os.R_OK) else "a file without read permission"
    if stat.S_ISDIR(mode):
        return "a sub-folder (folders are not read recursively)"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    return "a socket or device, not a regular file"


def scan_folder(folder: str | os.PathLike[str]) -> Folder:
    """The entries of ``folder`` in name order.

    Raises
    ------
    DataFormatError
        When the folder cannot be listed (permission denied, not a folder).
    """
    p = Path(folder)
    try:
        entries = sorted(os.scandir(p), key=lambda e: e.name)
    except OSError as exc:
        raise DataFormatError(f"cannot list the folder: {exc.strerror or exc}", path=p) from None
    files: list[Path] = []
    others: list[tuple[str, str]] = []
    for entry in entries:
        kind = _kind(entry)
        if kind is None:
            files.append(p / entry.name)
        else:
            others.append((entry.name, kind))
    return Folder(p, tuple(files), tuple(others))


def unreadable_data(folder: Folder, accept: Callable[[str], bool], what: str) -> None:
    """Refuse an entry whose name says it is one of the reader's files but that is not a readable file."""
    for name, why in folder.others:
        if accept(name):
            raise DataFormatError(f"{why}; expected {what}", path=folder.path / name)


def skip_findings(
    folder: Folder, used: Iterable[str | os.PathLike[str]], source: str, reason: str
) -> list[dict[str, object]]:
    """One finding per entry of ``folder`` not in ``used``: ``reason`` for unused files, else its own."""
    taken = {Path(u).name for u in used}
    rows: list[tuple[str, str]] = [(f.name, reason) for f in folder.files if f.name not in taken]
    rows += [(name, why) for name, why in folder.others if name not in taken]
    out: list[dict[str, object]] = []
    for name, why in sorted(rows):
        data = Path(name).suffix.lower() in DATA_SUFFIXES or why != reason
        out.append(
            {
                "severity": "warning" if data else "info",
                "check": "file in folder skipped",
                "source": source,
                "message": f"{folder.path / name}: skipped, {why}",
            }
        )
    return out
