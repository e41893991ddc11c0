"""Fetch the official voting datasets into the local cache, verified.

Known files (:data:`unvotes.store.datasets.DATASETS`)
    ``undl-ga``
        UN Digital Library, General Assembly voting data, record 4060887:
        ``2026_02_06_ga_voting.csv`` (release of 6 February 2026).
    ``undl-sc``
        UN Digital Library, Security Council voting data, record 4055387:
        ``2026_02_06_sc_voting.csv`` (release of 6 February 2026).
    ``voeten``
        Erik Voeten's UNGA voting data on the Harvard Dataverse
        (hdl:1902.1/12379). Dataverse file ids change with every version of
        the dataset and downloads go through its API, so there is no stable
        file URL to ship: pass ``url=`` (``--url``) with the address of the
        votes file (the combined layout with the description columns, or the
        R ``unvotes`` tables).

    A newer release is fetched by passing its URL.

Hashes: trust on first use
    The SHA-256 of a file is checked against the registry where it is known.
    The Library publishes no hashes, so for the UN files (and any ``url=``)
    the hash is recorded at the first download (``hashes.json`` in the cache
    folder) and every later download of the same URL must match it. A
    changed file is never silently accepted: the fetch fails, the cached
    copy stays, and the message says to re-run with ``force=True``
    (``--force``) to accept the new file.

Downloads
    Standard library only (:mod:`urllib.request`), with a timeout, retries
    with exponential backoff on transient failures (connection errors,
    timeouts, truncated bodies, HTTP 408/429/5xx), a progress bar on a
    terminal (:mod:`tqdm`) and nothing printed otherwise. The body goes to a
    temporary folder inside the cache folder; it becomes the cached copy only
    when whole (``Content-Length``), not an HTML page (``Content-Type`` and
    first bytes), hash-checked, detected as the expected format and parsed
    into the canonical tables (see :mod:`unvotes.store.cache`). Any failure leaves
    a previously cached copy as it was.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from unvotes.errors import DataFormatError, UnvotesError
from unvotes.sources.formats import detect_format
from unvotes.store import cache
from unvotes.store.datasets import DATASETS, RemoteDataset

__all__ = ["FetchResult", "describe", "fetch"]


_TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504})
_BLOCK = 1 << 20


@dataclass(frozen=True)
class FetchResult:
    """What one fetch did: ``status`` is 'fetched', 'unchanged' or 'replaced'."""

    name: str
    url: str
    path: Path
    size: int
    sha256: str
    rollcalls: int
    votes: int
    status: str


class _TransientError(Exception):
    """A failure worth retrying."""


def _sources(source: str) -> list[str]:
    if source == "all":
        return [n for n, f in DATASETS.items() if f.url is not None]
    if source not in DATASETS:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join([*DATASETS, 'all'])}")
    return [source]


def _filename(url: str, name: str) -> str:
    base = os.path.basename(urllib.parse.urlparse(url).path)
    return base if base and not base.startswith(".") else f"{name}.csv"


def _release(url: str) -> str | None:
    """The release date in a Library file name (``2026_02_06_ga_voting.csv`` -> ``2026-02-06``)."""
    match = re.match(r"(\d{4})_(\d{1,2})_(\d{1,2})_", _filename(url, ""))
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml"))


def _download_once(url: str, dest: Path, *, timeout: float, quiet: bool) -> tuple[str, int]:
    from unvotes._version import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"unvotes/{__version__}"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code in _TRANSIENT_STATUS:
            raise _TransientError(f"HTTP {exc.code} {exc.reason}") from exc
        raise UnvotesError(f"download of {url} failed: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise _TransientError(f"cannot connect ({exc.reason})") from exc
    except (TimeoutError, ConnectionError, http.client.HTTPException) as exc:
        raise _TransientError(f"{type(exc).__name__}: {exc}") from exc
    with response:
        ctype = response.headers.get("Content-Type", "") or ""
        if "html" in ctype.lower():
            raise DataFormatError(
                f"the server sent a web page (Content-Type {ctype!r}), not the data file; "
                "the URL may be wrong or the site may be down",
                path=url,
            )
        length_text = response.headers.get("Content-Length")
        length = int(length_text) if length_text and length_text.isdigit() else None
        digest, received = hashlib.sha256(), 0
        from tqdm import tqdm

        bar = tqdm(
            total=length,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc=dest.name,
            disable=quiet or not sys.stderr.isatty(),
            file=sys.stderr,
            leave=False,
        )
        try:
            with bar, open(dest, "wb") as out:
                while True:
                    try:
                        block = response.read(_BLOCK)
                    except http.client.IncompleteRead as exc:
                        raise _TransientError(
                            f"connection closed after {received + len(exc.partial):,} bytes"
                        ) from exc
                    except (TimeoutError, ConnectionError) as exc:
                        raise _TransientError(
                            f"{type(exc).__name__} after {received:,} bytes: {exc}"
                        ) from exc
                    if not block:
                        break
                    if received == 0 and _looks_like_html(block[:512]):
                        raise DataFormatError(
                            "the server sent a web page, not the data file (the body starts with HTML); "
                            "the URL may be wrong or the site may be down",
                            path=url,
                        )
                    out.write(block)
                    digest.update(block)
                    received += len(block)
                    bar.update(len(block))
        except urllib.error.URLError as exc:
            raise _TransientError(str(exc.reason)) from exc
    if length is not None and received != length:
        raise _TransientError(f"truncated body: received {received:,} of {length:,} bytes")
    if received == 0:
        raise DataFormatError("the server sent an empty file", path=url)
    return digest.hexdigest(), received


def _download(
    url: str, dest: Path, *, timeout: float, retries: int, backoff: float, quiet: bool
) -> tuple[str, int]:
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            return _download_once(url, dest, timeout=timeout, quiet=quiet)
        except _TransientError as exc:
            last = exc
            if attempt < retries:
                time.sleep(backoff * 2**attempt)
    raise UnvotesError(f"download of {url} failed after {retries + 1} attempt(s): {last}")


def _fetch_one(
    root: Path, entry: RemoteDataset, url: str, *, force: bool, timeout: float, retries: int, backoff: float,
    quiet: bool,
) -> FetchResult:  # fmt: skip
    name = entry.name
    staging = cache.new_staging(root, name)
    try:
        raw = staging / _filename(url, name)
        try:
            sha, size = _download(url, raw, timeout=timeout, retries=retries, backoff=backoff, quiet=quiet)
        except OSError as exc:  # writing the file: full disk, permissions
            raise cache._disk_error(exc, root, f"downloading {name}") from exc
        _check_hash(root, entry, url, sha, force=force)
        current = cache.current_version(root, name)
        if current is not None and not force:
            manifest = cache.read_manifest(current)
            if manifest.get("url") == url and manifest.get("raw", {}).get("sha256") == sha:
                shutil.rmtree(staging, ignore_errors=True)
                rows = manifest.get("rows", {})
                return FetchResult(name, url, current / raw.name, size, sha, rows.get("rollcalls", 0),
                                   rows.get("votes", 0), "unchanged")  # fmt: skip
        staging = cache.promote(root, staging, sha)  # the version folder, not current yet
        raw = staging / raw.name
        try:
            kind = detect_format(raw)
        except DataFormatError:
            kind = "unknown"
        if kind not in entry.kinds:
            raise DataFormatError(
                f"the downloaded file is not in the expected format for {name} "
                f"(expected {' or '.join(entry.kinds)}, detected {kind}); the cached copy is unchanged",
                path=url,
            )
        dataset = cache.load_raw(raw)
        meta = {
            "url": url,
            "release": entry.release if url == entry.url else _release(url),
            "downloaded": datetime.now(UTC).isoformat(timespec="seconds"),
            "raw": {"name": raw.name, "size": size, "sha256": sha},
            "description": entry.description,
        }
        version = cache.commit(root, name, staging, dataset, meta)
        cache.record_hash(root, url, sha)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    status = "fetched" if current is None else "replaced"
    return FetchResult(name, url, version / raw.name, size, sha, len(dataset.rollcalls), len(dataset.votes),
                       status)  # fmt: skip


def _check_hash(root: Path, entry: RemoteDataset, url: str, sha: str, *, force: bool) -> None:
    if entry.sha256 is not None and url == entry.url and sha != entry.sha256 and not force:
        raise DataFormatError(
            f"SHA-256 mismatch: expected {entry.sha256} (registry), got {sha}; the file was damaged in "
            f"transit or replaced; the cached copy is unchanged (use --force to accept it anyway)",
            path=url,
        )
    known = cache.known_hash(root, url)
    if known is not None and known.get("sha256") != sha and not force:
        raise DataFormatError(
            f"the file has changed since it was first downloaded on {str(known.get('recorded'))[:10]} "
            f"(recorded SHA-256 {known.get('sha256')}, got {sha}); the cached copy is unchanged. "
            f"If the publisher replaced the file, accept the new one with "
            f"`unvotes fetch --source {entry.name} --force`",
            path=url,
        )


def fetch(
    source: str = "all",
    *,
    url: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    quiet: bool = True,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 1.0,
    lock_timeout: float = 600.0,
) -> list[FetchResult]:
    """Download datasets into the cache, verify them and store their canonical tables.

    Parameters
    ----------
    source
        ``'undl-ga'``, ``'undl-sc'``, ``'voeten'`` or ``'all'`` (every
        registry file with a known URL: ``undl-ga`` and ``undl-sc``).
    url
        Download this URL instead of the registry's (a newer release); only
        with a single ``source``. Required for ``'voeten'``.
    cache_dir
        The cache folder (default: ``$UNVOTES_CACHE_DIR`` or the platform's
        user cache folder); created if needed.
    force
        Accept a file whose SHA-256 differs from the recorded one, and
        rebuild the tables even when the file is unchanged.
    quiet
        No progress bar (it is only ever shown on a terminal).
    timeout, retries, backoff
        Seconds before a stalled connection fails; extra attempts after a
        transient failure, waiting ``backoff * 2**attempt`` seconds between.
    lock_timeout
        Seconds to wait for another process using the cache.

    Returns
    -------
    list of FetchResult

    Raises
    ------
    UnvotesError
        Network failures (after retries), HTTP errors, disk errors.
    DataFormatError
        An HTML page, a changed or corrupt file, a file in the wrong format.
    """
    names = _sources(source)
    if url is not None and len(names) != 1:
        raise ValueError("url= (--url) needs a single source, not 'all'")
    for name in names:
        if (url or DATASETS[name].url) is None:
            raise ValueError(
                f"{name} has no stable download URL ({DATASETS[name].description}); "
                "pass the address of the file with url= (--url)"
            )
    root = cache.ensure_cache_dir(cache.cache_dir(cache_dir))
    results = []
    with cache.cache_lock(root, timeout=lock_timeout):
        cache.remove_stale(root)
        for name in names:
            entry = DATASETS[name]
            target = url or entry.url
            assert target is not None  # checked above
            try:
                results.append(_fetch_one(root, entry, target, force=force, timeout=timeout, retries=retries,
                                          backoff=backoff, quiet=quiet))  # fmt: skip
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS):
                    raise cache._disk_error(exc, root, f"storing {name}") from exc
                raise
    return results


def describe(result: FetchResult) -> str:
    """One line about a fetch, as printed by ``unvotes fetch``."""
    verb = {"fetched": "fetched", "replaced": "updated", "unchanged": "unchanged"}[result.status]
    return (
        f"{result.name}: {verb} {result.path} ({result.size / 1e6:,.1f} MB, sha256 {result.sha256[:16]}..., "
        f"{result.rollcalls:,} roll calls, {result.votes:,} votes)"
    )
