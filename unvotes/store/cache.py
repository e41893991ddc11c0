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
        CACHE/hashes.json               SHA-256 of every URL fetched (trust on first use)
        CACHE/undl-ga/current           name of the current version folder
        CACHE/undl-ga/v<time>-<hash>/   raw file + rollcalls/votes/findings Parquet + manifest.json
        CACHE/undl-ga/.tmp-*            a fetch in progress (removed by the next fetch)

    A version folder is complete before the one-line ``current`` file is
    atomically replaced to point at it, so a reader sees either the old or the
    new dataset, never a mix; the previous version is kept until the next
    fetch. ``votes.parquet`` stores integer codes (roll call, country, vote)
    with their categories in the manifest, so reloading needs no parsing or
    re-factorising.

Integrity
    The manifest records the source, URL, download time, package version,
    row counts and the size and SHA-256 of the raw file and of every Parquet
    file. Loading checks the Parquet files against it (and cheap invariants of
    the tables); a truncated, edited or stale (older cache format or package
    version) table is rebuilt from the raw file, after checking the raw
    file's hash, with a warning. Data-quality findings were computed when the
    raw file was parsed and are stored, not recomputed.

Locking
    Every change to the cache (fetch, rebuild, clear) holds an exclusive
    ``fcntl.flock`` on ``CACHE/.lock``. The kernel releases it when the
    process dies, so a killed fetch never leaves a stale lock behind. POSIX
    only (Linux, macOS), like the rest of the project's targets.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from unvotes._files import atomic_write, entry_matches, file_entry, file_sha256, read_json_object, write_json
from unvotes.errors import DataFormatError, DataQualityWarning, UnvotesError
from unvotes.model import Dataset
from unvotes.sources import combine, read
from unvotes.store.datasets import DATASETS

__all__ = ["ENV_VAR", "cache_dir", "cache_table", "clear_cache", "load_cached"]

ENV_VAR = "UNVOTES_CACHE_DIR"
CACHE_FORMAT = 1
_POINTER = "current"
_LOCK = ".lock"
_HASHES = "hashes.json"
_MANIFEST = "manifest.json"
_TABLES = ("rollcalls", "votes", "findings")
_META = ("url", "release", "downloaded", "raw", "description")


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
            current = current_version(root, name)
            for version in folder.glob("v*"):  # promoted but never made current
                if version != current and not (version / _MANIFEST).is_file():
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


# --------------------------------------------------------------------------- trust on first use


def known_hash(root: Path, url: str) -> dict[str, Any] | None:
    """The SHA-256 recorded at the first download of ``url`` (``{'sha256', 'recorded'}``), or None."""
    try:
        return json.loads((root / _HASHES).read_text(encoding="utf-8")).get(url)  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def record_hash(root: Path, url: str, sha256: str) -> None:
    """Record (or, after ``--force``, replace) the hash of ``url``; call with the lock held."""
    path = root / _HASHES
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    if table.get(url, {}).get("sha256") == sha256:
        return
    table[url] = {"sha256": sha256, "recorded": _now()}
    write_json(path, table)


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


def _write_tables(dataset: Dataset, folder: Path) -> dict[str, Any]:
    """Write the three tables into ``folder``; return their manifest entries."""
    votes = dataset.votes
    codes = pd.DataFrame(
        {
            "rcid": votes["rcid"].cat.codes.to_numpy().astype(np.int32),
            "country": votes["country"].cat.codes.to_numpy().astype(np.int16),
            "vote": votes["vote"].cat.codes.to_numpy().astype(np.int8),
        }
    )
    if not votes["rcid"].cat.categories.equals(pd.Index(dataset.rollcalls["rcid"].astype(object))):
        raise UnvotesError("internal error: the votes' roll-call categories are not the roll calls' rcids")
    frames = {"rollcalls": dataset.rollcalls, "votes": codes, "findings": dataset.findings}
    files: dict[str, Any] = {}
    for table, frame in frames.items():
        path = folder / f"{table}.parquet"
        frame.to_parquet(path, index=False, compression="zstd")
        files[path.name] = file_entry(path)
    return {
        "files": files,
        "rows": {t: len(getattr(dataset, t)) for t in _TABLES},
        "countries": [str(c) for c in votes["country"].cat.categories],
        "sources": list(dataset.sources),
    }


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
    previous version, which is kept until the next commit.
    """
    from unvotes._version import __version__

    previous = current_version(root, name)
    try:
        entries = _write_tables(dataset, version)
        manifest = {
            "format": "unvotes-cache",
            "cache_format": CACHE_FORMAT,
            "package_version": __version__,
            "dataset": name,
            **meta,
            **entries,
        }
        write_json(version / _MANIFEST, manifest)
        _write_text(version.parent / _POINTER, version.name + "\n")
    except OSError as exc:
        raise _disk_error(exc, root, f"storing {name}") from exc
    keep = {version.name, previous.name if previous is not None else ""}
    for old in version.parent.glob("v*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return version


# --------------------------------------------------------------------------- reading


def current_version(root: Path, name: str) -> Path | None:
    """The current version folder of a cached dataset, or None."""
    try:
        target = (root / name / _POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = root / name / target
    return folder if target.startswith("v") and "/" not in target and folder.is_dir() else None


def read_manifest(version: Path) -> dict[str, Any]:
    """The manifest of a version folder."""
    return read_json_object(version / _MANIFEST, what="the cache manifest")


class _StaleError(Exception):
    """The Parquet tables of a version must be rebuilt from its raw file."""


def _read_tables(version: Path, manifest: dict[str, Any]) -> Dataset:
    """Read a version's tables after checking their hashes; cheap invariants only."""
    from unvotes._version import __version__
    from unvotes.model import ROLLCALL_COLUMNS, VOTE_DTYPE

    if manifest.get("cache_format") != CACHE_FORMAT:
        raise _StaleError(f"cache format {manifest.get('cache_format')} (this version uses {CACHE_FORMAT})")
    if manifest.get("package_version") != __version__:
        raise _StaleError(f"written by unvotes {manifest.get('package_version')} (this is {__version__})")
    tables: dict[str, pd.DataFrame] = {}
    for table in _TABLES:
        path = version / f"{table}.parquet"
        expected = manifest.get("files", {}).get(path.name, {})
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _StaleError(f"{path.name} unreadable ({exc.strerror or exc})") from exc
        if not entry_matches(data, expected):
            raise _StaleError(
                f"{path.name} does not match its recorded size and SHA-256 (truncated or edited)"
            )
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pq.read_table(pa.BufferReader(data))
        except Exception as exc:  # pyarrow raises many types for corrupt files
            raise _StaleError(f"{path.name} is not readable Parquet ({exc})") from exc
        tables[table] = arrow.to_pandas() if table != "votes" else arrow  # type: ignore[assignment]
    rc = tables["rollcalls"]
    if list(rc.columns) != list(ROLLCALL_COLUMNS) or len(rc) != manifest["rows"]["rollcalls"]:
        raise _StaleError("rollcalls.parquet does not have the canonical columns and row count")
    arrow_votes: Any = tables["votes"]
    columns = {c: arrow_votes.column(c).to_numpy() for c in ("rcid", "country", "vote")}
    countries = pd.Index(manifest["countries"], dtype=object)
    n_rc, n_c = len(rc), len(countries)
    for col, size in (("rcid", n_rc), ("country", n_c), ("vote", len(VOTE_DTYPE.categories))):
        values = columns[col]
        if len(values) != manifest["rows"]["votes"] or (
            len(values) and (values.min() < 0 or values.max() >= size)
        ):
            raise _StaleError(f"votes.parquet: {col} codes out of range or wrong row count")
    key = columns["rcid"].astype(np.int64) * n_c + columns["country"]
    if len(key) and np.bincount(key, minlength=n_rc * n_c).max() > 1:
        raise _StaleError("votes.parquet: a member votes twice on one roll call")
    if rc["rcid"].duplicated().any():
        raise _StaleError("rollcalls.parquet: duplicated rcid")
    votes = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(
                columns["rcid"],
                categories=pd.Index(rc["rcid"].to_numpy(dtype=object), dtype=object),
                validate=False,
            ),
            "country": pd.Categorical.from_codes(columns["country"], categories=countries, validate=False),
            "vote": pd.Categorical.from_codes(columns["vote"], dtype=VOTE_DTYPE, validate=False),
        },
        copy=False,
    )
    sources = tuple(manifest.get("sources") or (str(version),))
    return Dataset(rc, votes, tables["findings"], sources)


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
        version = current_version(root, name)
        if version is None:
            raise DataFormatError(
                f"nothing cached for {name}: run `unvotes fetch --source {name}`", path=root
            )
        manifest = read_manifest(version)
        with contextlib.suppress(_StaleError):  # another process may have rebuilt it meanwhile
            return _read_tables(version, manifest)
        raw = version / manifest["raw"]["name"]
        if not raw.is_file() or file_sha256(raw) != manifest["raw"]["sha256"]:
            raise DataFormatError(
                f"the downloaded raw file of {name} is missing or does not match its recorded SHA-256, "
                f"so the cache cannot be rebuilt; run `unvotes fetch --source {name} --force`",
                path=raw,
            )
        if lock is None:  # read-only cache: parse into memory only
            return load_raw(raw)
        staging = new_staging(root, name)
        try:
            try:
                os.link(raw, staging / raw.name)
            except OSError:
                shutil.copy2(raw, staging / raw.name)
            staging = promote(root, staging, manifest["raw"]["sha256"])
            dataset = load_raw(staging / raw.name)
            meta: dict[str, Any] = {k: manifest[k] for k in _META if k in manifest}
            commit(root, name, staging, dataset, {**meta, "rebuilt": _now()})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return dataset
    finally:
        if lock is not None:
            lock.__exit__(None, None, None)


def load_one(root: Path, name: str) -> Dataset:
    """Load one cached dataset, rebuilding damaged or stale tables from the raw file."""
    version = current_version(root, name)
    if version is None:
        raise DataFormatError(
            f"{name} is not cached in {root}: run `unvotes fetch --source {name}` first", path=root
        )
    manifest = read_manifest(version)
    try:
        return _read_tables(version, manifest)
    except _StaleError as exc:
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
            raise ValueError(f"unknown cached dataset {which!r}; choose one of {', '.join(DATASETS)}")
        return load_one(root, which)
    present = [n for n in DATASETS if current_version(root, n) is not None]
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
    """What is cached: one row per dataset.

    Returns
    -------
    pandas.DataFrame
        Columns ``dataset, release, rollcalls, votes, size_mb, fetched, url, path``
        (no rows when nothing is cached).
    """
    root = cache_dir(folder)
    rows = []
    for name in DATASETS:
        version = current_version(root, name)
        if version is None:
            continue
        try:
            m = read_manifest(version)
        except DataFormatError:
            m = {}
        rows.append(
            {
                "dataset": name,
                "release": m.get("release"),
                "rollcalls": m.get("rows", {}).get("rollcalls"),
                "votes": m.get("rows", {}).get("votes"),
                "size_mb": round(_tree_size(version)[1] / 1e6, 1),
                "fetched": str(m.get("downloaded", ""))[:10] or None,
                "url": m.get("url"),
                "path": str(version),
            }
        )
    columns = ["dataset", "release", "rollcalls", "votes", "size_mb", "fetched", "url", "path"]
    return pd.DataFrame(rows, columns=columns)


def cache_contents(root: Path) -> tuple[int, int]:
    """Number of files and bytes that :func:`clear_cache` would delete."""
    files, size = 0, 0
    for name in DATASETS:
        n, s = _tree_size(root / name)
        files, size = files + n, size + s
    if (root / _HASHES).is_file():
        files, size = files + 1, size + (root / _HASHES).stat().st_size
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
            (root / _HASHES).unlink(missing_ok=True)
        except OSError as exc:
            raise _disk_error(exc, root, "clearing it") from exc
    return files, size
