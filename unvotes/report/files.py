"""The report's files: the manifest that guards against overwriting anything the report did not write.

The report folder holds ``.unvotes-report.json``: the relative path and
SHA-256 of every file the report wrote. A new run replaces only files listed
there whose content is unchanged since; it refuses (``FileExistsError``,
before writing anything) when it would overwrite a file it did not create or
one the user has edited, and it removes the files of an earlier run that the
new one no longer produces (again only when unchanged).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from unvotes._files import file_sha256, read_json_object, write_json
from unvotes.errors import ArgumentError, DataFormatError

MANIFEST: Final = ".unvotes-report.json"


def read_manifest(out_dir: Path) -> dict[str, str]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        files = read_json_object(path, what="the report manifest").get("files")
    except DataFormatError as exc:
        raise FileExistsError(f"{exc}; remove the folder or choose another --out") from exc
    if not isinstance(files, dict):
        raise FileExistsError(
            f"{path}: the report manifest has no 'files' object; remove the folder or choose another --out"
        )
    return {str(k): str(v) for k, v in files.items()}


def conflicts(out_dir: Path, names: Iterable[str], manifest: dict[str, str]) -> list[str]:
    """Files that writing ``names`` would overwrite although the report did not write them (as they are)."""
    bad = []
    for name in names:
        target = out_dir / name
        if not target.exists() and not target.is_symlink():
            continue
        if target.is_dir() or target.is_symlink():
            bad.append(f"{name} (not a regular file)")
        elif name not in manifest:
            bad.append(f"{name} (not written by unvotes report)")
        elif file_sha256(target) != manifest[name]:
            bad.append(f"{name} (changed since unvotes report wrote it)")
    return bad


def precheck(out_dir: Path) -> None:
    """Fail before any work on the certain conflicts: a foreign ``index.html``, an edited file.

    ``out_dir`` that is a file (not a folder) is an :class:`~unvotes.errors.ArgumentError`.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ArgumentError(f"{out_dir} is a file, not a folder; choose a folder to write the report in")
    manifest = read_manifest(out_dir)
    _raise_on(out_dir, conflicts(out_dir, ["index.html", *manifest], manifest))


def _raise_on(out_dir: Path, bad: list[str]) -> None:
    if bad:
        shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise FileExistsError(
            f"{out_dir}: refusing to overwrite files unvotes report did not create or that were edited: "
            f"{shown}. Move them away or choose another --out"
        )


def install(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move staged files into ``out_dir``, remove stale ones, and write the manifest last."""
    manifest = read_manifest(out_dir)
    _raise_on(
        out_dir, conflicts(out_dir, [*names, MANIFEST], {**manifest, MANIFEST: _hash_or(out_dir / MANIFEST)})
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    hashes = {}
    for name in names:
        source = staging / name
        hashes[name] = file_sha256(source)
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, out_dir / name)
    for name, digest in manifest.items():
        stale = out_dir / name
        if name not in hashes and stale.is_file() and file_sha256(stale) == digest:
            stale.unlink()
    write_json(out_dir / MANIFEST, {"tool": "unvotes report", "files": hashes})


def _hash_or(path: Path) -> str:
    return file_sha256(path) if path.is_file() else ""


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
