"""The canonical tables on disk: a folder of Parquet files.

A folder holds ``rollcalls.parquet``, ``votes.parquet``, ``findings.parquet``,
``sponsors.parquet`` (the sponsor table; absent in folders written before it
existed, read as no sponsors) and ``manifest.json``. It is the format of the bundled sample and of
exported datasets (the fetched-data cache, :mod:`unvotes.store.cache`, keeps its
own versioned folders). Files are written under temporary names in the same
folder and renamed into place only when all are whole, tables first and the
manifest last; the manifest records each table's size and SHA-256, so a
folder whose tables do not match its manifest (an interrupted rewrite that
mixed two versions, a truncated or edited file) is detected on reading.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from unvotes._files import entry_matches, file_entry, read_json_object
from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.sources._text import read_bytes

__all__ = ["is_canonical", "read_canonical", "write_canonical"]

_TABLES = ("rollcalls", "votes", "findings", "sponsors")
_CHECKED = ("rollcalls", "votes", "findings")
"""The tables whose manifest entries prove the folder was written checked (older folders lack sponsors)."""
MANIFEST = "manifest.json"


def is_canonical(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder written by :func:`write_canonical`."""
    p = Path(path)
    return p.is_dir() and all((p / f"{t}.parquet").is_file() for t in ("rollcalls", "votes"))


def write_canonical(
    dataset: Dataset, folder: str | os.PathLike[str], *, extra: dict[str, Any] | None = None
) -> Path:
    """Write a dataset as Parquet files plus a manifest, atomically.

    Parameters
    ----------
    dataset
        The dataset to save.
    folder
        Target folder; created if needed. Existing tables in it are replaced
        only once every new file is completely written.
    extra
        Further manifest entries (e.g. provenance).

    Returns
    -------
    pathlib.Path
        The folder.
    """
    from unvotes._version import __version__

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": "unvotes-canonical",
        "version": 1,
        "package_version": __version__,
        "sources": list(dataset.sources),
        "rows": {t: len(getattr(dataset, t)) for t in _TABLES},
        **(extra or {}),
    }
    umask = os.umask(0)
    os.umask(umask)
    temps: list[tuple[Path, Path]] = []
    files: dict[str, Any] = {}
    manifest["files"] = files  # filled as the tables are written
    try:
        for table in _TABLES:
            frame: pd.DataFrame = getattr(dataset, table)
            fd, name = tempfile.mkstemp(prefix=f".{table}.", suffix=".tmp", dir=out)
            os.close(fd)
            temps.append((Path(name), out / f"{table}.parquet"))
            frame.to_parquet(name, index=False, compression="zstd")
            files[f"{table}.parquet"] = file_entry(Path(name))
        fd, name = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=out)
        temps.append((Path(name), out / MANIFEST))
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2, sort_keys=True)
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in temps:
        tmp.chmod(0o666 & ~umask)  # mkstemp creates 0600; give the files ordinary permissions
        tmp.replace(final)  # the manifest is last: it names the tables' hashes
    return out


def _read_parquet(data: bytes) -> pd.DataFrame:
    """A Parquet table as pandas; dictionary columns straight to categoricals.

    The votes table is three dictionary-encoded columns of a million rows:
    building each categorical from the Arrow indices and dictionary skips
    the generic conversion, which costs as much again as reading the file.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(pa.BufferReader(data))
    if not table.num_columns or not all(pa.types.is_dictionary(f.type) for f in table.schema):
        return table.to_pandas()
    table = table.unify_dictionaries()
    columns = {}
    for name in table.column_names:
        chunked = table.column(name)
        array = chunked.combine_chunks() if chunked.num_chunks != 1 else chunked.chunk(0)
        if array.null_count:
            return table.to_pandas()
        codes = array.indices.to_numpy(zero_copy_only=False)
        categories = pd.Index(array.dictionary.to_pylist(), dtype=object)
        columns[name] = pd.Categorical.from_codes(codes, categories=categories, ordered=array.type.ordered)
    return pd.DataFrame(columns, copy=False)


def read_canonical(folder: str | os.PathLike[str], *, warn: bool = False) -> Dataset:
    """Read a folder written by :func:`write_canonical`, validating it.

    Raises
    ------
    DataFormatError
        When a table is missing, truncated or not Parquet.
    SchemaError
        When a table breaks the data model; the message names the table's
        file and the 1-based record of the first failure.
    """
    p = Path(folder)
    sources: tuple[str, ...] = ()
    expected: dict[str, Any] = {}
    manifest = p / MANIFEST
    if manifest.is_file():
        meta = read_json_object(manifest, what="the folder's manifest")
        sources = tuple(meta.get("sources", ()))
        expected = meta.get("files") or {}  # absent in folders of older versions
    tables: dict[str, pd.DataFrame] = {}
    verified: set[str] = set()
    for table in _TABLES:
        file = p / f"{table}.parquet"
        if not os.path.lexists(file):
            if table in ("findings", "sponsors"):
                continue
            raise DataFormatError(f"missing table {file.name}", path=p)
        data = read_bytes(file, what="a Parquet table")  # read once: checked, then parsed
        entry = expected.get(file.name)
        if entry is not None and not entry_matches(data, entry):
            raise DataFormatError(
                "table does not match the size and SHA-256 in manifest.json (edited, truncated, "
                "or left from an interrupted rewrite); write the folder again",
                path=file,
            )
        if entry is not None:
            verified.add(table)
        try:
            tables[table] = _read_parquet(data)
        except Exception as exc:  # pyarrow raises many types for corrupt files
            raise DataFormatError(f"cannot read Parquet table ({exc})", path=file) from exc
    source = ", ".join(sources) or str(p)
    # Tables whose bytes match the manifest are the ones write_canonical checked, and their
    # findings are stored beside them: the data-quality checks need not run again.
    trusted = set(_CHECKED) <= verified
    files = {t: str(p / f"{t}.parquet") for t in ("rollcalls", "votes")}  # named, with the record, in errors
    ds = Dataset.from_raw(
        tables["rollcalls"],
        tables["votes"],
        source=source,
        warn=False,
        quality=not trusted,
        sponsors=tables.get("sponsors"),
        files=files,
    )
    # The stored findings include the ones from the original load; validation
    # of the stored tables repeats the data-quality checks, so keep the stored ones.
    findings = tables.get("findings", ds.findings)
    out = Dataset(ds.rollcalls, ds.votes, findings.reset_index(drop=True), sources or (str(p),), ds.sponsors)
    if warn:
        out.warn_findings()
    return out
