"""File helpers shared by every writer: atomic replacement, SHA-256 digests and the JSON manifests."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from unvotes.errors import DataFormatError

__all__ = ["atomic_write", "entry_matches", "file_entry", "file_sha256", "read_json_object", "write_json"]


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, overwrite: bool = False, fsync: bool = False
) -> Iterator[IO[bytes]]:
    """Open a temporary binary file beside ``path``; on success it replaces ``path``.

    The temporary file gets ordinary permissions (``mkstemp`` makes it 0600)
    and is removed if anything fails, so ``path`` is either the old file or
    the whole new one. With ``fsync`` the data reaches the disk before the rename.

    Raises
    ------
    FileExistsError
        When ``path`` exists and ``overwrite`` is False.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; pass overwrite=True to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def file_entry(path: str | os.PathLike[str]) -> dict[str, Any]:
    """``{"size", "sha256"}`` of a file, as the Parquet manifests record it."""
    return {"size": Path(path).stat().st_size, "sha256": file_sha256(path)}


def write_json(path: str | os.PathLike[str], data: Any, *, fsync: bool = True) -> None:
    """Replace ``path`` atomically with ``data`` as indented JSON (the manifests of every writer)."""
    with atomic_write(path, overwrite=True, fsync=fsync) as fh:
        fh.write(json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def read_json_object(path: str | os.PathLike[str], *, what: str) -> dict[str, Any]:
    """Read a JSON object (a manifest): one check, one error, for every manifest of the package.

    Raises
    ------
    DataFormatError
        Naming the file, when it is missing, unreadable, not JSON or not a JSON object.
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFormatError(f"{what} is missing", path=p) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataFormatError(f"{what} is not readable JSON ({exc})", path=p) from exc
    if not isinstance(data, dict):
        raise DataFormatError(f"{what} is not a JSON object (found {type(data).__name__})", path=p)
    return data


def entry_matches(data: bytes, entry: Any) -> bool:
    """Whether ``data`` has the size and SHA-256 that a manifest entry (:func:`file_entry`) records."""
    return (
        isinstance(entry, dict)
        and entry.get("size") == len(data)
        and entry.get("sha256") == hashlib.sha256(data).hexdigest()
    )
