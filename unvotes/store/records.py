"""Fetch official Security Council meeting records (S/PV) by symbol, so users can fill the gaps.

The UN documents service gives a record as Word by its symbol, e.g.
``https://documents.un.org/api/symbol/access?s=S/PV.8979&l=en&t=docx``.
:func:`fetch_meeting_records` downloads each requested record with the
downloader of :mod:`unvotes.store.download` (timeout, retries, no HTML
page taken for a record) into ``<cache>/sc-meeting-records/S_PV.8979.docx``,
checks that it parses (:func:`unvotes.sources.spv.read_meeting_record`) and
only then renames it into place. A record already there is kept unless
``force``. Read the folder back with ``unvotes.load(folder)`` or
:func:`unvotes.sources.spv.read_meeting_records`.
"""

from __future__ import annotations

import os
import re
import tempfile
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from unvotes.errors import ArgumentError, DataFormatError, UnvotesError
from unvotes.store.cache import cache_dir

__all__ = ["DOCUMENTS_URL", "RECORDS_FOLDER", "check_template", "fetch_meeting_records", "record_filename"]

DOCUMENTS_URL: Final = "https://documents.un.org/api/symbol/access?s={symbol}&l=en&t=docx"
"""The UN documents service's address of a document by symbol, in English, as Word."""
RECORDS_FOLDER: Final = "sc-meeting-records"
_SYMBOL = re.compile(r"^S/PV\.\d{1,5}(?:\s*\(Resumption\s*\d*\))?$", re.I)


def record_filename(symbol: str) -> str:
    """The file name of a record in the cache: ``S/PV.8979`` is ``S_PV.8979.docx``.

    Raises
    ------
    ArgumentError
        When the symbol is not a Security Council meeting record (``S/PV.<n>``).

    Examples
    --------
    >>> record_filename(" s/pv.8979 ")
    'S_PV.8979.docx'
    """
    text = " ".join(str(symbol).split()).upper()
    if not _SYMBOL.match(text):
        raise ArgumentError(f"a meeting record symbol is like S/PV.8979, not {symbol!r}")
    return text.replace("/", "_").replace(" ", "") + ".docx"


def check_template(url_template: str) -> str:
    """Check an address template: a full http(s) address with ``{symbol}`` where the symbol goes.

    Raises
    ------
    ArgumentError
        Naming the template and what is missing.
    """
    from unvotes.store.download import check_url

    if not isinstance(url_template, str) or "{symbol}" not in url_template:
        raise ArgumentError(
            f"url_template (--url) {url_template!r} has no {{symbol}} where the record's symbol goes, "
            f"such as {DOCUMENTS_URL}"
        )
    check_url(url_template.replace("{symbol}", "S/PV.1"), option=f"url_template (--url) {url_template!r}:")
    return url_template


def fetch_meeting_records(
    symbols: Iterable[str],
    *,
    cache_dir_path: str | os.PathLike[str] | None = None,
    url_template: str = DOCUMENTS_URL,
    force: bool = False,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 1.0,
    quiet: bool = True,
) -> list[Path]:
    """Download meeting records by symbol into the cache; returns their paths (module docstring).

    Raises
    ------
    ArgumentError
        For a symbol that is not ``S/PV.<n>``.
    UnvotesError
        When a download fails (after the retries) or the file is not a
        readable record; nothing is left in the folder for it.
    """
    from unvotes.store.download import check_options

    check_options(timeout=timeout, retries=retries, backoff=backoff)
    check_template(url_template)
    wanted = [(s, record_filename(s)) for s in symbols]
    if not wanted:
        raise ArgumentError("give at least one meeting record symbol, e.g. --symbols S/PV.8979")
    root = cache_dir(cache_dir_path)
    try:
        return _fetch_records(wanted, root, url_template, force, timeout, retries, backoff, quiet)
    except OSError as exc:
        from unvotes.store.cache import _disk_error

        raise _disk_error(exc, root, "storing meeting records") from exc


def _fetch_records(
    wanted: list[tuple[str, str]], root: Path, url_template: str, force: bool, timeout: float, retries: int,
    backoff: float, quiet: bool,
) -> list[Path]:  # fmt: skip
    from unvotes.sources.spv import read_meeting_record
    from unvotes.store.download import _download

    folder = root / RECORDS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for symbol, name in wanted:
        final = folder / name
        if final.exists() and not force:
            paths.append(final)
            continue
        url = url_template.format(symbol=urllib.parse.quote(" ".join(symbol.split()).upper(), safe="/.()"))
        with tempfile.TemporaryDirectory(dir=folder, prefix=".part-") as tmp:
            part = Path(tmp) / name
            _download(url, part, timeout=timeout, retries=retries, backoff=backoff, quiet=quiet)
            if part.read_bytes()[:2] != b"PK":
                raise DataFormatError(f"{symbol}: the service did not send a Word document", path=url)
            try:
                read_meeting_record(part)
            except DataFormatError as exc:
                raise UnvotesError(f"{symbol}: the downloaded record does not parse: {exc.reason}") from exc
            part.replace(final)
        paths.append(final)
    return paths
