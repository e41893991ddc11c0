"""What the cache trusts, checked: the ``current`` pointer, the manifests and the record of known hashes.

Every byte that decides what a cached vote means is covered by a checksum:

``<dataset>/current``
    One line, ``<version folder> <SHA-256 of its manifest.json>``. It binds
    the dataset to one version and to the exact bytes of that version's
    manifest; a pointer that does not have this form is damaged.
``<version>/manifest.json``
    Its SHA-256 is the one in the pointer. It records the size and SHA-256
    of the raw file and of every Parquet file, the row counts and the
    categories the integer codes of ``votes.parquet`` stand for (the
    country list and the vote codes). :func:`manifest_problem` also checks
    that it has exactly the expected keys, each of the expected JSON type.
``hashes.json``
    The SHA-256 of every URL fetched (trust on first use). It carries a
    checksum of its own content and must be exactly the text unvotes
    writes, so any edit is detected and the record is refused, never
    trusted or silently started afresh. A record written by unvotes 0.1
    (no checksum) is still read when it has exactly the old form, and is
    rewritten with a checksum at the next fetch.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from unvotes._files import file_sha256, write_json
from unvotes.errors import DataFormatError
from unvotes.store.datasets import DATASETS

__all__ = [
    "HASHES",
    "MANIFEST",
    "POINTER",
    "TABLE_FILES",
    "known_hashes",
    "manifest_problem",
    "pointer_text",
    "raw_anchor",
    "read_pointer",
    "record_hash",
    "release_of",
]

POINTER: Final = "current"
MANIFEST: Final = "manifest.json"
HASHES: Final = "hashes.json"
TABLE_FILES: Final = ("rollcalls.parquet", "votes.parquet", "findings.parquet")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_VERSION = r"v\d{8}T\d{6,12}-[0-9a-f]{8}"
_POINTER_LINE = re.compile(rf"^({_VERSION}) ([0-9a-f]{{64}})\n$")
_LEGACY_POINTER = re.compile(rf"^({_VERSION})\n$")
_HASHES_FORMAT = "unvotes-hashes"


# --------------------------------------------------------------------------- the pointer


def pointer_text(version: Path) -> str:
    """The pointer line naming ``version`` and the SHA-256 of its (already written) manifest."""
    digest = hashlib.sha256((version / MANIFEST).read_bytes()).hexdigest()
    return f"{version.name} {digest}\n"


def read_pointer(folder: Path) -> tuple[str | None, str | None, str | None]:
    """``(version name, manifest SHA-256, problem)`` of a dataset folder's pointer.

    All None when there is no pointer (nothing cached). A pointer written by
    unvotes 0.1 names its version without a manifest hash (the hash is None,
    no problem). Otherwise a problem says what is wrong with it.
    """
    path = folder / POINTER
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None, None
    except OSError as exc:
        return None, None, f"is unreadable ({exc.strerror or exc})"
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None, None, "is not the one line '<version> <manifest SHA-256>' unvotes writes (not ASCII)"
    if match := _POINTER_LINE.match(text):
        name, digest = match[1], match[2]
    elif match := _LEGACY_POINTER.match(text):
        name, digest = match[1], None
    else:
        return (
            None,
            None,
            f"is not the one line '<version> <manifest SHA-256>' unvotes writes (found {text[:80]!r})",
        )
    if not (folder / name).is_dir():
        return name, digest, f"names the version folder {name}, which does not exist"
    return name, digest, None


# --------------------------------------------------------------------------- the manifest


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _entry_problem(
    entry: Any, field: str, keys: frozenset[str] = frozenset({"size", "sha256"})
) -> str | None:
    if not isinstance(entry, dict) or set(entry) != keys:
        return (
            f"field {field!r} is not an object with exactly {', '.join(sorted(keys))} (found {_show(entry)})"
        )
    if not _is_int(entry["size"]):
        return f"field {field}.size is not a whole number of bytes (found {_show(entry['size'])})"
    if not isinstance(entry["sha256"], str) or not _HEX64.match(entry["sha256"]):
        return f"field {field}.sha256 is not 64 hexadecimal digits (found {_show(entry['sha256'])})"
    return None


def _show(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


_REQUIRED: Final[dict[str, type | tuple[type, ...]]] = {
    "format": str,
    "cache_format": int,
    "package_version": str,
    "dataset": str,
    "url": str,
    "release": (str, type(None)),
    "downloaded": str,
    "raw": dict,
    "description": str,
    "files": dict,
    "rows": dict,
    "categories": dict,
    "sources": list,
}
_OPTIONAL: Final[dict[str, type | tuple[type, ...]]] = {"rebuilt": str, "file": str}


def manifest_problem(manifest: Any, dataset: str) -> str | None:
    """What is wrong with the form of a cache manifest (keys, JSON types, values), or None.

    Examples
    --------
    >>> manifest_problem([], "undl-ga")
    'not a JSON object (found [])'
    """
    if not isinstance(manifest, dict):
        return f"not a JSON object (found {_show(manifest)})"
    missing = sorted(set(_REQUIRED) - set(manifest))
    if missing:
        return f"missing field(s) {', '.join(map(repr, missing))}"
    extra = sorted(set(manifest) - set(_REQUIRED) - set(_OPTIONAL))
    if extra:
        return f"unexpected field(s) {', '.join(map(repr, extra))}"
    for key, kind in {**_REQUIRED, **_OPTIONAL}.items():
        if key in manifest and (not isinstance(manifest[key], kind) or isinstance(manifest[key], bool)):
            return f"field {key!r} has the wrong JSON type (found {_show(manifest[key])})"
    if manifest["format"] != "unvotes-cache" or manifest["dataset"] != dataset:
        found = f"format {manifest['format']!r}, dataset {manifest['dataset']!r}"
        return f"is not the manifest of {dataset} ({found})"
    raw = manifest["raw"]
    if problem := _entry_problem(raw, "raw", frozenset({"name", "size", "sha256"})):
        return problem
    if not isinstance(raw.get("name"), str) or not _plain_name(raw["name"]):
        return f"field raw.name is not a plain file name (found {_show(raw.get('name'))})"
    files = manifest["files"]
    if set(files) != set(TABLE_FILES):
        return f"field 'files' lists {sorted(files)}, expected {list(TABLE_FILES)}"
    for name in TABLE_FILES:
        if problem := _entry_problem(files[name], f"files.{name}"):
            return problem
    rows = manifest["rows"]
    if set(rows) != {"rollcalls", "votes", "findings"} or not all(_is_int(v) for v in rows.values()):
        return f"field 'rows' is not the three row counts rollcalls, votes, findings (found {_show(rows)})"
    categories = manifest["categories"]
    if set(categories) != {"country", "vote"}:
        return f"field 'categories' has keys {sorted(categories)}, expected ['country', 'vote']"
    for key, values in categories.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            return f"field categories.{key} is not a list of names (found {_show(values)})"
        if len(set(values)) != len(values):
            return f"field categories.{key} lists a name twice"
    if not all(isinstance(s, str) for s in manifest["sources"]):
        return f"field 'sources' is not a list of strings (found {_show(manifest['sources'])})"
    return None


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in {".", "..", MANIFEST, POINTER}


def release_of(url: str, registry_url: str | None, registry_release: str | None) -> str | None:
    """The release of a file: the registry's for its own URL, else the date in a Library file name.

    Examples
    --------
    >>> release_of("https://example.org/files/2027_1_5_ga_voting.csv", None, None)
    '2027-01-05'
    """
    if url == registry_url:
        return registry_release
    base = url.rstrip("/").rsplit("/", 1)[-1]
    match = re.match(r"(\d{4})_(\d{1,2})_(\d{1,2})_", base)
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


def raw_anchor(
    root: Path,
    name: str,
    version: Path,
    manifest: dict[str, Any] | None,
    reason: str,
    *,
    keep: tuple[str, ...],
) -> tuple[Path, dict[str, Any]]:
    """The verified raw file of a version and the manifest fields (``keep``) its rebuild keeps.

    With a verified ``manifest`` the raw file must match its record. Without
    one (the manifest is damaged), it must be the one file beside the tables,
    its SHA-256 must begin as the folder's name ends and be recorded in
    ``hashes.json`` (which must itself verify); the URL, release and date
    are then those of that record.

    Raises
    ------
    DataFormatError
        When the raw file cannot be verified; the message says to fetch again.
    """

    def refuse(why: str) -> DataFormatError:
        return DataFormatError(
            f"the cache of {name} is stale or damaged ({reason}) and cannot be rebuilt: {why}; "
            f"run `unvotes fetch --source {name}` (with --url or --file as at the first fetch) to replace it",
            path=version,
        )

    if manifest is not None:
        raw = version / manifest["raw"]["name"]
        if not raw.is_file() or file_sha256(raw) != manifest["raw"]["sha256"]:
            raise refuse(
                f"the downloaded raw file {raw.name} is missing or does not match its recorded SHA-256"
            )
        return raw, {k: manifest[k] for k in keep if k in manifest}
    others = sorted(
        p
        for p in version.iterdir()
        if p.is_file() and p.name not in {MANIFEST, *TABLE_FILES} and not p.name.startswith(".")
    )
    if len(others) != 1:
        raise refuse(f"the version folder holds {len(others)} candidate raw files, expected 1")
    raw = others[0]
    sha = file_sha256(raw)
    known = known_hashes(root)
    urls = sorted(u for u, e in known.items() if e["sha256"] == sha)
    if not version.name.endswith("-" + sha[:8]) or not urls:
        raise refuse(f"no fetch recorded the SHA-256 of the raw file {raw.name} ({sha[:16]}...)")
    entry = DATASETS[name]
    url = entry.url if entry.url in urls else urls[0]
    return raw, {
        "url": url,
        "release": release_of(url, entry.url, entry.release),
        "downloaded": known[url]["recorded"],
        "raw": {"name": raw.name, "size": raw.stat().st_size, "sha256": sha},
        "description": entry.description,
    }


# --------------------------------------------------------------------------- the record of known hashes


def _checksum(urls: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"format": _HASHES_FORMAT, "urls": urls}, sort_keys=True, separators=(",", ":"), ensure_ascii=True
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _urls_problem(urls: Any) -> str | None:
    if not isinstance(urls, dict):
        return f"the list of URLs is not a JSON object (found {_show(urls)})"
    for url, entry in urls.items():
        if not isinstance(entry, dict) or set(entry) != {"sha256", "recorded"}:
            return f"the entry of {url!r} is not an object with exactly 'sha256' and 'recorded'"
        if not isinstance(entry["sha256"], str) or not _HEX64.match(entry["sha256"]):
            return f"the SHA-256 of {url!r} is not 64 hexadecimal digits (found {_show(entry['sha256'])})"
        if not isinstance(entry["recorded"], str):
            return f"the date recorded for {url!r} is not a string (found {_show(entry['recorded'])})"
    return None


def _damaged(path: Path, problem: str) -> DataFormatError:
    return DataFormatError(
        f"the record of known file hashes is damaged ({problem}), so unvotes will not trust it nor any "
        f"download checked against it; if you trust the files cached so far, delete {path} and fetch "
        "again (their hashes are then recorded anew), or start afresh with `unvotes cache --clear --yes`",
        path=path,
    )


def known_hashes(root: Path) -> dict[str, dict[str, str]]:
    """The recorded ``{url: {"sha256", "recorded"}}`` of a cache folder ({} when there is no record).

    Raises
    ------
    DataFormatError
        When ``hashes.json`` is unreadable, not the exact text unvotes
        writes, or its checksum does not match its content; the message says
        how to reset it.
    """
    path = root / HASHES
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise _damaged(path, f"unreadable: {exc.strerror or exc}") from exc
    try:
        table = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _damaged(path, f"not readable JSON: {exc}") from exc
    if not isinstance(table, dict):
        raise _damaged(path, f"not a JSON object (found {_show(table)})")
    if json.dumps(table, indent=2, sort_keys=True).encode("utf-8") != data:
        raise _damaged(path, "not the exact text unvotes writes: edited")
    if table.get("format") == _HASHES_FORMAT or "checksum" in table:
        if set(table) != {"format", "urls", "checksum"}:
            raise _damaged(path, f"fields {sorted(table)}, expected ['checksum', 'format', 'urls']")
        if problem := _urls_problem(table["urls"]):
            raise _damaged(path, problem)
        if table["checksum"] != _checksum(table["urls"]):
            raise _damaged(path, "its checksum does not match its content: edited or corrupted")
        return table["urls"]  # type: ignore[no-any-return]
    if problem := _urls_problem(table):  # the unvotes 0.1 form: {url: entry}, no checksum
        raise _damaged(path, problem)
    return table


def record_hash(root: Path, url: str, sha256: str) -> None:
    """Record (or, after ``--force``, replace) the hash of ``url``; call with the lock held."""
    urls = dict(known_hashes(root))
    if urls.get(url, {}).get("sha256") == sha256:
        if b'"checksum"' in (root / HASHES).read_bytes():
            return
    else:
        urls[url] = {"sha256": sha256, "recorded": datetime.now(UTC).isoformat(timespec="seconds")}
    write_json(root / HASHES, {"format": _HASHES_FORMAT, "urls": urls, "checksum": _checksum(urls)})
