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
    (``--force``) to accept the new file. The record carries a checksum: a
    damaged one is refused (never trusted, never started afresh) and the
    message names the file to delete to reset it; even then the verified
    current manifest of the same URL still refuses a changed file.

Downloads
    Standard library only (:mod:`urllib.request`), with a timeout, retries
    with exponential backoff on transient failures (connection errors,
    timeouts, truncated bodies, HTTP 408/429/5xx), a progress bar on a
    terminal (:mod:`tqdm`) and nothing printed otherwise. The body goes to a
    temporary folder inside the cache folder; it becomes the cached copy only
    when whole (``Content-Length``), not an HTML page (``Content-Type`` and
    first bytes), hash-checked, detected as the expected format and parsed
    into the canonical tables (see :mod:`unvotes.store.cache`). Any failure leaves
    a previously cached copy as it was. A file that has not changed is
    "unchanged" only when its cached copy verifies whole (pointer, manifest,
    Parquet and raw files); otherwise it is stored again ("repaired").

Bot protection and files saved in a browser
    The UN Digital Library may answer scripts with a browser check: an empty
    HTTP 202 or an HTML challenge page. Both are detected and the message
    says to save the file in a browser and pass it with ``file=``
    (``--file PATH``), which goes through the same checks as a download
    (not a web page, the expected format, parsed, its SHA-256 checked
    against and recorded for the URL it stands for).

Options
    :func:`check_options` and :func:`check_url` check every option before
    anything is downloaded or written: a positive finite timeout, 0 or
    more retries, an http(s) URL with a host.
"""

from __future__ import annotations

import hashlib
import http.client
import math
import os
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from unvotes.errors import ArgumentError, DataFormatError, UnvotesError
from unvotes.sources.formats import detect_format
from unvotes.store import cache, integrity
from unvotes.store.datasets import DATASETS, RemoteDataset

__all__ = ["FetchResult", "check_file", "check_options", "check_url", "describe", "fetch"]


_TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504})
_BLOCK = 1 << 20


@dataclass(frozen=True)
class FetchResult:
    """What one fetch did: ``status`` is 'fetched', 'unchanged', 'replaced' or 'repaired'.

    'repaired': the file had not changed but the cached copy was stale or
    damaged, so it was stored again.
    """

    name: str
    url: str
    path: Path
    size: int
    sha256: str
    rollcalls: int
    votes: int
    status: str
    findings: int = 0
    """Data-quality findings of the file (kept in ``Dataset.findings`` of the cached data)."""


class _TransientError(Exception):
    """A failure worth retrying."""


class WebPageError(DataFormatError):
    """The server sent a web page or a bot-protection answer instead of the file."""


_BROWSER = (
    "the URL may be wrong, the site may be down, or it may be asking for a browser check (bot protection)"
)


def check_options(
    *, timeout: float = 60.0, retries: int = 3, backoff: float = 1.0, lock_timeout: float = 600.0
) -> None:
    """Check the download options, naming the bad one (``--timeout``, ``--retries``), before any work.

    Raises
    ------
    ArgumentError
        For a timeout that is not a positive finite number of seconds, a
        negative or non-integer number of retries, or a negative backoff.

    Examples
    --------
    >>> check_options(retries=-1)
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: retries (--retries) must be a whole number 0 or more, not -1
    """
    for label, value in (("timeout (--timeout)", timeout), ("lock_timeout", lock_timeout)):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value <= 0
        ):
            raise ArgumentError(f"{label} must be a positive number of seconds, not {value!r}")
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ArgumentError(f"retries (--retries) must be a whole number 0 or more, not {retries!r}")
    if (
        isinstance(backoff, bool)
        or not isinstance(backoff, int | float)
        or not math.isfinite(backoff)
        or backoff < 0
    ):
        raise ArgumentError(f"backoff must be a number of seconds 0 or more, not {backoff!r}")


def check_url(url: str, *, option: str = "url (--url)") -> str:
    """Check that ``url`` is a full http(s) address (scheme and host); returns it.

    Examples
    --------
    >>> check_url("un.org/x.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: url (--url) 'un.org/x.csv' has no scheme; give the full address, ...
    """
    if not isinstance(url, str) or not url.strip():
        raise ArgumentError(f"{option} is empty; give the full address of the file, such as https://...")
    parts = urllib.parse.urlsplit(url.strip())
    if not parts.scheme or "://" not in url:
        raise ArgumentError(
            f"{option} {url!r} has no scheme; give the full address, such as https://{url.strip().lstrip('/')}"
        )
    if parts.scheme.lower() not in {"http", "https"}:
        raise ArgumentError(f"{option} {url!r} is not an http or https address (scheme {parts.scheme!r})")
    if not parts.hostname:
        raise ArgumentError(f"{option} {url!r} names no host")
    return url.strip()


def _sources(source: str) -> list[str]:
    if source == "all":
        return [n for n, f in DATASETS.items() if f.url is not None]
    if source not in DATASETS:
        raise ArgumentError(f"unknown source {source!r}; choose one of {', '.join([*DATASETS, 'all'])}")
    return [source]


def _filename(url: str, name: str) -> str:
    base = os.path.basename(urllib.parse.urlparse(url).path)
    return base if base and not base.startswith(".") else f"{name}.csv"


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
        status = getattr(response, "status", 200)
        if status == 202:
            raise WebPageError(
                "the server answered HTTP 202 Accepted instead of sending the file: "
                "the site is asking for a browser check (bot protection)",
                path=url,
            )
        if status != 200:
            raise DataFormatError(
                f"the server answered HTTP {status} {response.reason}, not the file", path=url
            )
        ctype = response.headers.get("Content-Type", "") or ""
        if "html" in ctype.lower():
            raise WebPageError(
                f"the server sent a web page (Content-Type {ctype!r}), not the data file; {_BROWSER}",
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
                        raise WebPageError(
                            "the server sent a web page, not the data file (the body starts with HTML); "
                            + _BROWSER,
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
    check_options(timeout=timeout, retries=retries, backoff=backoff)
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            return _download_once(url, dest, timeout=timeout, quiet=quiet)
        except _TransientError as exc:
            last = exc
            if attempt < retries:
                time.sleep(backoff * 2**attempt)
    raise UnvotesError(f"download of {url} failed after {retries + 1} attempt(s): {last}")


def _copy_file(path: Path, dest: Path, url: str) -> tuple[str, int]:
    """Copy a file the user downloaded into the staging folder; its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as src, open(dest, "wb") as out:
        while block := src.read(_BLOCK):
            if size == 0 and _looks_like_html(block[:512]):
                raise WebPageError(
                    "this is a web page, not the data file (it starts with HTML): the browser saved the "
                    f"site's page instead of the file; open {url} in a browser and save the file it sends",
                    path=path,
                )
            out.write(block)
            digest.update(block)
            size += len(block)
    if size == 0:
        raise DataFormatError("the file is empty", path=path)
    return digest.hexdigest(), size


def _fetch_one(
    root: Path, entry: RemoteDataset, url: str, *, file: Path | None, force: bool, timeout: float,
    retries: int, backoff: float, quiet: bool,
) -> FetchResult:  # fmt: skip
    name = entry.name
    staging = cache.new_staging(root, name)
    try:
        raw = staging / (file.name if file is not None else _filename(url, name))
        try:
            if file is not None:
                sha, size = _copy_file(file, raw, url)
            else:
                sha, size = _download(
                    url, raw, timeout=timeout, retries=retries, backoff=backoff, quiet=quiet
                )
        except WebPageError as exc:
            if file is not None:
                raise
            raise WebPageError(
                f"{exc.reason}; if a browser gets the file, save it from {url} and load it with "
                f"`unvotes fetch --source {name} --file PATH`",
                path=url,
            ) from exc
        except OSError as exc:  # writing the file: full disk, permissions
            raise cache._disk_error(exc, root, f"downloading {name}") from exc
        state, _ = cache.check(root, name, raw=True)
        current = cache.verified(root, name) if state == "ok" else None
        _check_hash(root, entry, url, sha, force=force, current=current)
        if current is not None and not force:
            version, manifest = current
            if manifest["url"] == url and manifest["raw"]["sha256"] == sha:
                shutil.rmtree(staging, ignore_errors=True)
                integrity.record_hash(root, url, sha)  # after a reset of the record
                rows = manifest["rows"]
                return FetchResult(name, url, version / manifest["raw"]["name"], size, sha, rows["rollcalls"],
                                   rows["votes"], "unchanged", rows["findings"])  # fmt: skip
        staging = cache.promote(root, staging, sha)  # the version folder, not current yet
        raw = staging / raw.name
        try:
            kind = detect_format(raw)
        except DataFormatError:
            kind = "unknown"
        if kind not in entry.kinds:
            where = f"the file {file}" if file is not None else "the downloaded file"
            raise DataFormatError(
                f"{where} is not in the expected format for {name} "
                f"(expected {' or '.join(entry.kinds)}, detected {kind}); the cached copy is unchanged",
                path=file if file is not None else url,
            )
        try:
            dataset = cache.load_raw(raw)
        except DataFormatError as exc:  # name the user's file or the URL, not the temporary copy
            raise DataFormatError(
                f"{exc.reason}; the cached copy is unchanged",
                path=file if file is not None else url,
                line=exc.line,
                column=exc.column,
            ) from exc
        meta = {
            "url": url,
            "release": integrity.release_of(url, entry.url, entry.release),
            "downloaded": datetime.now(UTC).isoformat(timespec="seconds"),
            "raw": {"name": raw.name, "size": size, "sha256": sha},
            "description": entry.description,
            **({"file": str(file)} if file is not None else {}),
        }
        version = cache.commit(root, name, staging, dataset, meta)
        integrity.record_hash(root, url, sha)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    status = {"absent": "fetched", "ok": "replaced"}.get(state, "repaired")
    return FetchResult(name, url, version / raw.name, size, sha, len(dataset.rollcalls), len(dataset.votes),
                       status, len(dataset.findings))  # fmt: skip


def _check_hash(
    root: Path, entry: RemoteDataset, url: str, sha: str, *, force: bool, current: tuple[Path, dict] | None
) -> None:
    """Refuse a file whose SHA-256 differs from the registry's or the recorded one (unless ``force``).

    The record is ``hashes.json`` (refused when damaged); the verified
    current manifest of the same URL also counts, so deleting the record
    does not let a changed file in.
    """
    if entry.sha256 is not None and url == entry.url and sha != entry.sha256 and not force:
        raise DataFormatError(
            f"SHA-256 mismatch: expected {entry.sha256} (registry), got {sha}; the file was damaged in "
            f"transit or replaced; the cached copy is unchanged (use --force to accept it anyway)",
            path=url,
        )
    known = integrity.known_hashes(root).get(url)
    if known is None and current is not None and current[1]["url"] == url:
        known = {"sha256": current[1]["raw"]["sha256"], "recorded": current[1]["downloaded"]}
    if known is not None and known["sha256"] != sha and not force:
        raise DataFormatError(
            f"the file has changed since it was first downloaded on {str(known['recorded'])[:10]} "
            f"(recorded SHA-256 {known['sha256']}, got {sha}); the cached copy is unchanged. "
            f"If the publisher replaced the file, accept the new one with "
            f"`unvotes fetch --source {entry.name} --force`",
            path=url,
        )


def fetch(
    source: str = "all",
    *,
    url: str | None = None,
    file: str | os.PathLike[str] | None = None,
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
    file
        A file already downloaded (e.g. in a browser, when the site asks for
        a browser check) to use instead of downloading; only with a single
        ``source``. It goes through the same checks as a download (not a
        web page, the expected format, parsed, the SHA-256 checked against
        and recorded for ``url`` or the registry's URL, which it stands
        for); the file itself is copied, not moved.
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
    ArgumentError
        A bad option (checked before anything is downloaded or written).
    UnvotesError
        Network failures (after retries), HTTP errors, disk errors.
    DataFormatError
        An HTML page or bot-protection answer, a changed or corrupt file, a
        file in the wrong format, a damaged record of known hashes.
    """
    check_options(timeout=timeout, retries=retries, backoff=backoff, lock_timeout=lock_timeout)
    names = _sources(source)
    if url is not None:
        url = check_url(url)
    if (url is not None or file is not None) and len(names) != 1:
        raise ArgumentError(
            f"{'url= (--url)' if url is not None else 'file= (--file)'} needs a single source, not 'all'"
        )
    local = check_file(file, DATASETS[names[0]]) if file is not None else None
    for name in names:
        if (url or DATASETS[name].url) is None:
            raise ArgumentError(
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
                results.append(_fetch_one(root, entry, target, file=local, force=force, timeout=timeout,
                                          retries=retries, backoff=backoff, quiet=quiet))  # fmt: skip
            except OSError as exc:
                raise cache._disk_error(exc, root, f"storing {name}") from exc
    return results


def check_file(file: str | os.PathLike[str], entry: RemoteDataset) -> Path:
    """The path of ``file=`` (``--file``), checked to be a readable file."""
    path = Path(file).expanduser()
    if not path.exists():
        raise ArgumentError(f"file (--file) {str(file)!r}: no such file")
    if not path.is_file():
        raise ArgumentError(
            f"file (--file) {str(file)!r} is not a file (a folder?); give the file of {entry.name}"
        )
    if not os.access(path, os.R_OK):
        raise ArgumentError(f"file (--file) {str(file)!r} is not readable (permissions)")
    return path.resolve()


def describe(result: FetchResult) -> str:
    """One line about a fetch, as printed by ``unvotes fetch``."""
    verb = {"fetched": "fetched", "replaced": "updated", "unchanged": "unchanged", "repaired": "repaired"}[
        result.status
    ]
    findings = f", {result.findings:,} data-quality findings" if result.findings else ""
    return (
        f"{result.name}: {verb} {result.path} ({result.size / 1e6:,.1f} MB, sha256 {result.sha256[:16]}..., "
        f"{result.rollcalls:,} roll calls, {result.votes:,} votes{findings})"
    )
