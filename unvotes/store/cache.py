"""The cache of fetched datasets: folder, lock, Parquet tables, manifest.

Where
    ``platformdirs.user_cache_dir("unvotes")`` (e.g. ``~/.cache/unvotes`` on
    Linux, ``~/Library/Caches/unvotes`` on macOS), or the folder named by the
    environment variable ``UNVOTES_CACHE_DIR``, or an explicit ``cache_dir``
    argument (``--cache-dir``). Nothing is created on import or by asking
    where the folder is; it is created by the first fetch.

Layout
    ::

        CACHE/.lock                     lock file (fcntl.flock)
        CACHE/hashes.json               SHA-256 of every URL fetched (trust on first use), checksummed
        CACHE/undl-ga/current           '<current version folder> <SHA-256 of its manifest.json>'
        CACHE/undl-ga/v<time>-<hash>/   raw file + rollcalls/votes/findings Parquet + manifest.json
        CACHE/undl-ga/.tmp-*            a fetch in progress (removed by the next fetch)

    A version folder is complete before the one-line ``current`` file is
    atomically replaced to point at it, so a reader sees either the old or the
    new dataset, never a mix; the previous version is kept until the next
    fetch. ``votes.parquet`` stores integer codes (roll call, country, vote)
    with their categories (the country list and the vote codes) in the
    manifest, so reloading needs no parsing or re-factorising.

Integrity
    Every byte that decides what a cached vote means is covered by a
    checksum (:mod:`unvotes.store.integrity`): the pointer records the
    SHA-256 of the manifest; the manifest records the source, URL, download
    time, package version, row counts, the categories of the codes and the
    size and SHA-256 of the raw file and of every Parquet file; the record
    of known hashes carries its own checksum. Loading checks all of them,
    the form of the manifest (exactly the expected fields, each of the
    expected JSON type) and cheap invariants of the tables, and serves
    nothing that fails:

    - a damaged or stale manifest or table (edited, truncated, an older
      cache format or package version) is rebuilt, with a warning, from the
      raw file after checking the raw file's SHA-256: against the manifest
      when the manifest verifies, else against ``hashes.json``; the rebuilt
      version replaces it and the damaged one is kept as the previous;
    - a raw file that cannot be verified, a damaged pointer or a damaged
      ``hashes.json`` is refused with a one-line error saying what to do
      (``unvotes fetch`` repairs the first two; the third names the file to
      delete). ``unvotes cache`` shows each dataset's state, and a fetch
      replaces a damaged dataset even when the file has not changed.

    Data-quality findings were computed when the raw file was parsed and are
    stored, not recomputed.

Locking
    Every change to the cache (fetch, rebuild, clear) holds an exclusive
    ``fcntl.flock`` on ``CACHE/.lock``. The kernel releases it when the
    process dies, so a killed fetch never leaves a stale lock behind. POSIX
    only (Linux, macOS), like the rest of the project's targets.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from unvotes._files import atomic_write, file_sha256, read_json_object, write_json
from unvotes.errors import ArgumentError, DataFormatError, DataQualityWarning, UnvotesError
from unvotes.model import Dataset
from unvotes.sources import combine, read
from unvotes.store.datasets import DATASETS
from unvotes.store.integrity import (
    HASHES,
    MANIFEST,
    POINTER,
    manifest_problem,
    pointer_text,
    raw_anchor,
    read_pointer,
)
from unvotes.store.tables import StaleError, read_tables, tables_problem, write_tables

__all__ = ["ENV_VAR", "cache_dir", "cache_table", "clear_cache", "load_cached"]

ENV_VAR = "UNVOTES_CACHE_DIR"
CACHE_FORMAT = 2
_LOCK = ".lock"
_META = ("url", "release", "downloaded", "raw", "description", "file")


# --------------------------------------------------------------------------- folder and lock


def cache_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: ``path``, else ``$UNVOTES_CACHE_DIR``, else the platform's user cache folder.

    Never creates the folder.

    Examples
    --------
    >>> cache_dir("/tmp/my-cache")
    PosixPath('/tmp/my-cache')
    """
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("unvotes", appauthor=False))


def _disk_error(exc: OSError, root: Path, doing: str) -> UnvotesError:
    """One clear message for the disk errors a user can fix."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UnvotesError(
            f"cannot write to the cache folder {root} while {doing} ({exc.strerror or exc}); "
            f"choose a writable folder with --cache-dir or the {ENV_VAR} environment variable"
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UnvotesError(
            f"no space left on the device of the cache folder {root} while {doing}; "
            f"free some space or choose another folder with --cache-dir or {ENV_VAR}"
        )
    return UnvotesError(f"cannot use the cache folder {root} while {doing}: {exc}")


def ensure_cache_dir(root: Path) -> Path:
    """Create the cache folder (first use) and check it is writable."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / _LOCK).touch(exist_ok=True)
    except OSError as exc:
        raise _disk_error(exc, root, "creating it") from exc
    return root


@contextlib.contextmanager
def cache_lock(root: Path, *, timeout: float = 600.0, poll: float = 0.1) -> Iterator[None]:
    """Hold the cache's exclusive lock (``fcntl.flock`` on ``root/.lock``).

    Raises
    ------
    UnvotesError
        When another process holds the lock for longer than ``timeout`` seconds.
    """
    import fcntl

    try:
        fd = os.open(root / _LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise _disk_error(exc, root, "opening the lock file") from exc
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UnvotesError(
                        f"another unvotes process is using the cache folder {root} "
                        f"(lock {root / _LOCK} held for over {timeout:g} s); try again when it has finished"
                    ) from None
                time.sleep(poll)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_stale(root: Path) -> None:
    """Remove temporary folders left by interrupted fetches (call with the lock held)."""
    for name in DATASETS:
        folder = root / name
        if folder.is_dir():
            for tmp in folder.glob(".tmp-*"):
                shutil.rmtree(tmp, ignore_errors=True)
            current, _, _ = read_pointer(folder)  # kept even when damaged: a fetch repairs it
            for version in folder.glob("v*"):  # promoted but never made current
                if version.name != current and not (version / MANIFEST).is_file():
                    shutil.rmtree(version, ignore_errors=True)


def new_staging(root: Path, name: str) -> Path:
    """A fresh temporary folder for one fetch of ``name`` (call with the lock held)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = root / name / f".tmp-{stamp}-{os.getpid()}"
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise _disk_error(exc, root, f"preparing the download of {name}") from exc
    return folder


def load_raw(path: Path) -> Dataset:
    """Parse a downloaded file through the loaders without the data-quality warning.

    Its findings are kept in the dataset (and so in the cache); other warnings still show.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return read(path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_text(path: Path, text: str) -> None:
    """Replace ``path`` atomically with ``text``, synced to disk before the rename."""
    with atomic_write(path, overwrite=True, fsync=True) as fh:
        fh.write(text.encode("utf-8"))


# --------------------------------------------------------------------------- writing a version


def promote(root: Path, staging: Path, sha256: str) -> Path:
    """Rename a staging folder holding a verified raw file to its version folder (not yet current)."""
    version = staging.parent / f"v{staging.name.split('-')[1]}-{sha256[:8]}"
    try:
        os.rename(staging, version)
    except OSError as exc:
        raise _disk_error(exc, root, f"storing {staging.parent.name}") from exc
    return version


def commit(root: Path, name: str, version: Path, dataset: Dataset, meta: dict[str, Any]) -> Path:
    """Write ``dataset`` into ``version`` (which holds the raw file), then make it the current version.

    Call with the lock held. Until the pointer is replaced, readers see the
    previous version, which is kept until the next commit. The pointer
    records the SHA-256 of the manifest it was written with.
    """
    from unvotes._version import __version__

    previous = current_version(root, name)
    try:
        entries = write_tables(dataset, version)
        manifest = {
            "format": "unvotes-cache",
            "cache_format": CACHE_FORMAT,
            "package_version": __version__,
            "dataset": name,
            **meta,
            **entries,
        }
        problem = manifest_problem(json.loads(json.dumps(manifest)), name)
        if problem is not None:
            raise UnvotesError(f"internal error: the manifest of {name} would be invalid: {problem}")
        write_json(version / MANIFEST, manifest)
        _write_text(version.parent / POINTER, pointer_text(version))
    except OSError as exc:
        raise _disk_error(exc, root, f"storing {name}") from exc
    if previous is None:  # a damaged pointer: keep the newest other version, whichever it was
        others = sorted(p for p in version.parent.glob("v*") if p.is_dir() and p != version)
        previous = others[-1] if others else None
    keep = {version.name, previous.name if previous is not None else ""}
    for old in version.parent.glob("v*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return version


# --------------------------------------------------------------------------- reading


def current_version(root: Path, name: str) -> Path | None:
    """The version folder the pointer of a cached dataset names, if it exists (verified or not), or None."""
    target, _, _ = read_pointer(root / name)
    folder = root / name / target if target is not None else None
    return folder if folder is not None and folder.is_dir() else None


def read_manifest(version: Path) -> dict[str, Any]:
    """The manifest of a version folder, as stored (not verified: see :func:`verified`)."""
    return read_json_object(version / MANIFEST, what="the cache manifest")


def _pointer_error(root: Path, name: str, problem: str) -> DataFormatError:
    return DataFormatError(
        f"the cache pointer of {name} is damaged: it {problem}, so its cached data cannot be trusted; "
        f"run `unvotes fetch --source {name}` (with --url or --file as at the first fetch) to repair it",
        path=root / name / POINTER,
    )


def verified(root: Path, name: str) -> tuple[Path, dict[str, Any]] | None:
    """The current version of a dataset and its manifest, checked against the pointer; None if not cached.

    Raises
    ------
    DataFormatError
        When the pointer itself is damaged (nothing can be trusted).
    StaleError
        When the manifest does not match the SHA-256 in the pointer, is not a
        manifest of this cache format or package version, or lacks or has
        extra fields; ``manifest`` is set only when it verified.
    """
    target, digest, problem = read_pointer(root / name)
    if problem is not None:
        raise _pointer_error(root, name, problem)
    if target is None:
        return None
    version = root / name / target
    try:
        data = (version / MANIFEST).read_bytes()
    except OSError as exc:
        raise StaleError(f"{MANIFEST} unreadable ({exc.strerror or exc})") from exc
    if digest is None:
        raise StaleError(f"written by an older unvotes (the pointer records no SHA-256 of {MANIFEST})")
    if hashlib.sha256(data).hexdigest() != digest:
        raise StaleError(f"{MANIFEST} does not match the SHA-256 recorded in {POINTER} (edited or damaged)")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as exc:  # a pointer rewritten to match a damaged manifest
        raise StaleError(f"{MANIFEST} is not readable JSON ({exc})") from exc
    if isinstance(manifest, dict) and manifest.get("cache_format") != CACHE_FORMAT:
        raise StaleError(f"cache format {manifest.get('cache_format')} (this version uses {CACHE_FORMAT})")
    if problem := manifest_problem(manifest, name):
        raise StaleError(f"{MANIFEST} {problem}")
    from unvotes._version import __version__

    if manifest["package_version"] != __version__:
        raise StaleError(
            f"written by unvotes {manifest['package_version']} (this is {__version__})", manifest
        )
    return version, manifest


def check(root: Path, name: str, *, raw: bool = False) -> tuple[str, str]:
    """``(status, reason)`` of a cached dataset without loading it: 'absent', 'ok', 'stale' or 'damaged'.

    'stale' is rebuilt from the raw file when it is next loaded; 'damaged' (the pointer, or with
    ``raw`` the raw file) is repaired by the next fetch. The Parquet files are checked against their
    recorded hashes (without parsing them), and with ``raw`` the raw file too.
    """
    problem = read_pointer(root / name)[2]
    if problem is not None:
        return "damaged", f"the pointer {POINTER} {problem}"
    try:
        current = verified(root, name)
    except StaleError as exc:
        return "stale", str(exc)
    if current is None:
        return "absent", ""
    version, manifest = current
    problem = tables_problem(version, manifest)
    if problem is not None:
        return "stale", problem
    path = version / manifest["raw"]["name"]
    if raw and (not path.is_file() or file_sha256(path) != manifest["raw"]["sha256"]):
        return "damaged", f"the raw file {path.name} is missing or does not match its recorded SHA-256"
    return "ok", ""


def _rebuild(root: Path, name: str, reason: str) -> Dataset:
    """Re-parse the raw file of the current version (hash-checked) and store it as a new version."""
    from unvotes.model.dataset import _user_stacklevel

    warnings.warn(
        f"unvotes cache: the cached tables of {name} in {root} are stale or damaged ({reason}); "
        "rebuilding them from the downloaded raw file",
        UserWarning,
        stacklevel=_user_stacklevel(),
    )
    try:
        lock = cache_lock(root)
        lock.__enter__()
    except UnvotesError:
        lock = None  # read-only cache: rebuild in memory only
    try:
        manifest: dict[str, Any] | None
        try:  # another process may have rebuilt it meanwhile
            current = verified(root, name)
            if current is None:
                raise DataFormatError(
                    f"nothing cached for {name}: run `unvotes fetch --source {name}`", path=root
                )
            return read_tables(*current)
        except StaleError as exc:
            manifest = exc.manifest
        version = current_version(root, name)
        assert version is not None  # verified() found it
        raw, meta = raw_anchor(root, name, version, manifest, reason, keep=_META)
        if lock is None:  # read-only cache: parse into memory only
            return load_raw(raw)
        staging = new_staging(root, name)
        try:
            try:
                os.link(raw, staging / raw.name)
            except OSError:
                shutil.copy2(raw, staging / raw.name)
            staging = promote(root, staging, meta["raw"]["sha256"])
            dataset = load_raw(staging / raw.name)
            commit(root, name, staging, dataset, {**meta, "rebuilt": _now()})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return dataset
    finally:
        if lock is not None:
            lock.__exit__(None, None, None)


def load_one(root: Path, name: str) -> Dataset:
    """Load one cached dataset, rebuilding damaged or stale tables from the (hash-checked) raw file."""
    try:
        current = verified(root, name)
        if current is None:
            raise DataFormatError(
                f"{name} is not cached in {root}: run `unvotes fetch --source {name}` first", path=root
            )
        return read_tables(*current)
    except StaleError as exc:
        return _rebuild(root, name, str(exc))


def load_cached(which: str | None = None, *, folder: str | os.PathLike[str] | None = None) -> Dataset:
    """Load fetched data from the cache.

    Parameters
    ----------
    which
        One of :data:`DATASETS`, or None for everything cached, combined with
        :func:`unvotes.combine` in the order of :data:`DATASETS` (UN Digital
        Library GA, then SC, then Voeten), the first taking precedence.
    folder
        The cache folder (default: see :func:`cache_dir`).

    Raises
    ------
    DataFormatError
        When nothing (or not ``which``) is cached; the message says to run
        ``unvotes fetch`` and names the folder.
    """
    root = cache_dir(folder)
    if which is not None:
        if which not in DATASETS:
            raise ArgumentError(f"unknown cached dataset {which!r}; choose one of {', '.join(DATASETS)}")
        return load_one(root, which)
    present = [n for n in DATASETS if (root / n / POINTER).exists()]
    if not present:
        raise DataFormatError(
            f"no fetched data in the cache folder {root}: run `unvotes fetch` first "
            f"(or point {ENV_VAR} at another cache folder)",
            path="cache",
        )
    datasets = [load_one(root, n) for n in present]
    if len(datasets) == 1:
        return datasets[0]

    return combine(*datasets)


# --------------------------------------------------------------------------- listing and clearing


def _tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    return len(files), sum(p.stat().st_size for p in files)


def cache_table(folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """What is cached: one row per dataset, with the state of its checksums.

    Returns
    -------
    pandas.DataFrame
        Columns ``dataset, release, rollcalls, votes, size_mb, fetched,
        status, url, path`` (no rows when nothing is cached). ``status`` is
        ``ok`` when the pointer, manifest, Parquet and raw files verify,
        else ``stale: <reason>`` (rebuilt from the raw file at the next
        load) or ``damaged: <reason>`` (run ``unvotes fetch`` again); the
        figures are shown only for a manifest that verified.
    """
    root = cache_dir(folder)
    rows = []
    for name in DATASETS:
        if not (root / name / POINTER).exists():
            continue
        status, reason = check(root, name, raw=True)
        version = current_version(root, name)
        m: dict[str, Any] = {}
        try:
            current = verified(root, name)
            m = current[1] if current is not None else {}
        except DataFormatError:
            pass
        except StaleError as exc:
            m = exc.manifest or {}
        rows.append(
            {
                "dataset": name,
                "release": m.get("release"),
                "rollcalls": m["rows"]["rollcalls"] if m else None,
                "votes": m["rows"]["votes"] if m else None,
                "size_mb": round(_tree_size(version)[1] / 1e6, 1) if version is not None else None,
                "fetched": str(m["downloaded"])[:10] if m else None,
                "status": status if status == "ok" else f"{status}: {reason}",
                "url": m.get("url"),
                "path": str(version if version is not None else root / name),
            }
        )
    columns = ["dataset", "release", "rollcalls", "votes", "size_mb", "fetched", "status", "url", "path"]
    return pd.DataFrame(rows, columns=columns)


def cache_contents(root: Path) -> tuple[int, int]:
    """Number of files and bytes that :func:`clear_cache` would delete."""
    files, size = 0, 0
    for name in DATASETS:
        n, s = _tree_size(root / name)
        files, size = files + n, size + s
    if (root / HASHES).is_file():
        files, size = files + 1, size + (root / HASHES).stat().st_size
    return files, size


def clear_cache(folder: str | os.PathLike[str] | None = None) -> tuple[int, int]:
    """Delete every cached dataset and recorded hash; returns (files, bytes) deleted.

    Only what unvotes put there is removed (the dataset folders and
    ``hashes.json``); the folder itself and its lock file stay.
    """
    root = cache_dir(folder)
    if not root.is_dir():
        return 0, 0
    with cache_lock(root):
        files, size = cache_contents(root)
        try:
            for name in DATASETS:
                if (root / name).is_dir():
                    shutil.rmtree(root / name)
            (root / HASHES).unlink(missing_ok=True)
        except OSError as exc:
            raise _disk_error(exc, root, "clearing it") from exc
    return files, size
