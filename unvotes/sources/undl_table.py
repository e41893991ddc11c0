"""The UN Digital Library voting CSV as a table: layouts, sniffing, fast reading and error location.

:mod:`unvotes.sources.undl` turns the table into the canonical model; this
module knows the file: its column layouts (2024 and 2025/2026, GA and SC),
how to recognise it from its header, how to read it with pyarrow, and how to
name the line of a malformed record.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import IO, Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.sources._text import (
    decode,
    encoding_of,
    first_line,
    normalize_newlines,
    open_quote_line,
    read_bytes,
)

__all__ = ["LAYOUTS", "REQUIRED", "is_undl_csv"]

LAYOUTS: Final[dict[str, tuple[str, ...]]] = {
    "ga-2024": (
        "undl_id", "ms_codes", "ms_names", "ms_votes", "resolutions", "title", "modality", "draft",
        "committee_report", "meeting", "agenda_titles", "subjects", "date", "yes", "no", "abstentions",
        "non-voting", "total-voting", "undl_link",
    ),
    "ga-2026": (
        "undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
        "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes",
        "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link",
    ),
    "sc-2024": (
        "undl_id", "ms_codes", "ms_names", "permanent_member", "ms_votes", "resolutions", "description",
        "modality", "draft", "meeting", "agenda", "subjects", "vote_note", "date", "yes", "no",
        "abstentions", "non-voting", "total-voting", "undl_link",
    ),
    "sc-2026": (
        "undl_id", "ms_code", "ms_name", "permanent_member", "ms_vote", "date", "resolution", "draft",
        "meeting", "description", "agenda", "subjects", "vote_note", "total_yes", "total_no",
        "total_abstentions", "total_non_voting", "total_ms", "modality", "undl_link",
    ),
}  # fmt: skip
"""Column names, in file order, of each release layout."""


# File column -> internal field; the 2024 and 2025+ namings do not collide, so one map serves both.
_FIELDS: Final = {
    "ms_codes": "code", "ms_names": "name", "ms_votes": "vote", "resolutions": "resolution", "yes": "yes",
    "no": "no", "abstentions": "abstain", "non-voting": "non_voting", "ms_code": "code", "ms_name": "name",
    "ms_vote": "vote", "resolution": "resolution", "total_yes": "yes", "total_no": "no",
    "total_abstentions": "abstain", "total_non_voting": "non_voting", "date": "date", "session": "session",
    "title": "title", "description": "title", "modality": "modality", "draft": "draft", "meeting": "meeting",
    "vote_note": "vote_note",
}  # fmt: skip


REQUIRED: Final = ("code", "name", "vote", "resolution", "date")
"""Internal fields every layout must have (``ms_code(s)``, ``ms_name(s)``, ``ms_vote(s)``,
``resolution(s)``, ``date``)."""


def _header(path: Path) -> list[str] | None:
    """The header line's fields (UTF-8, optional BOM; UTF-16/32), or None when it is not a text header."""
    line = first_line(path)
    if not line or "\ufffd" in line:
        return None
    try:
        return next(csv.reader([line.removeprefix("\ufeff")]))
    except (csv.Error, StopIteration):
        return None


def _source(path: Path) -> tuple[Path | bytes, str]:
    """What to parse, and its encoding: the file itself when UTF-8, else its text re-encoded as UTF-8."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    known = encoding_of(head)
    if known is None or known[0] == "utf-8":
        return path, "UTF-8"
    decoded = decode(path, read_bytes(path))
    return decoded.text.encode("utf-8"), decoded.encoding


def _open(src: Path | bytes) -> IO[bytes]:
    return io.BytesIO(src) if isinstance(src, bytes) else src.open("rb")


def _text(src: Path | bytes, errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(_open(src), encoding="utf-8-sig", errors=errors, newline="")


def _layout_of(names: list[str]) -> str | None:
    keys = {n.strip().lower() for n in names}
    if keys & {"ms_votes", "ms_codes"}:
        gen = "2024"
    elif keys & {"ms_vote", "ms_code"}:
        gen = "2026"
    else:
        return None
    return f"{'sc' if 'permanent_member' in keys else 'ga'}-{gen}"


def is_undl_csv(path: str | os.PathLike[str]) -> str | None:
    """Detect a UN Digital Library voting CSV from its header line only.

    Parameters
    ----------
    path
        Any path; folders and files that are not text give None.

    Returns
    -------
    str or None
        ``'ga-2024'``, ``'ga-2026'``, ``'sc-2024'`` or ``'sc-2026'``, or None.
        An SC file of the first release without a ``permanent_member`` column
        is reported as ``'ga-2024'``; :func:`read_undl_csv` then tells the
        body from the symbols.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "v.csv"
    >>> _ = f.write_text(",".join(LAYOUTS["sc-2026"]) + "\\n", encoding="utf-8")
    >>> is_undl_csv(f), is_undl_csv(f.parent)
    ('sc-2026', None)
    """
    p = Path(path)
    if not p.is_file():
        return None
    names = _header(p)
    return None if names is None else _layout_of(names)


def _record_lines(src: Path | bytes, rows: list[int]) -> dict[int, int]:
    """Exact first file line of data rows (0-based row index), scanning with :mod:`csv`."""
    wanted, out = set(rows), {}
    last = max(rows) if rows else -1
    with _text(src, errors="replace") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        end = reader.line_num
        for i, _ in enumerate(reader):
            if i in wanted:
                out[i] = end + 1
            end = reader.line_num
            if i >= last:
                break
    return out


def _spans_lines(src: Path | bytes, n_rows: int) -> bool:
    """Whether some quoted value holds a line break: more line breaks than records."""
    breaks, last = 0, b""
    with _open(src) as fh:
        while chunk := fh.read(1 << 24):
            breaks += chunk.count(b"\n")
            last = chunk
    if n_rows and not last.endswith(b"\n"):
        breaks += 1
    return breaks > n_rows + 1


def _locate_parse_error(src: Path | bytes, path: Path, ncols: int, arrow_message: str) -> DataFormatError:
    """Find the first malformed record (bad UTF-8, wrong field count, open quote) with :mod:`csv`."""
    if isinstance(src, Path):
        decode(path, read_bytes(path))  # raises naming the line, column and byte of text that is not UTF-8
    with _text(src) as fh:
        reader = csv.reader(fh, strict=True)
        start = 1
        try:
            for record in reader:
                if len(record) != ncols:
                    return DataFormatError(
                        f"expected {ncols} fields, found {len(record)} (truncated or malformed record)",
                        path=path,
                        line=start,
                    )
                start = reader.line_num + 1
        except csv.Error as exc:
            if "end of data" not in str(exc):
                return DataFormatError(f"malformed CSV ({exc})", path=path, line=reader.line_num)
            with _text(src) as again:
                opened = open_quote_line(normalize_newlines(again.read()), start)
            return DataFormatError(
                "unbalanced quote: the quoted value opened on this line never closes (truncated file?)",
                path=path,
                line=opened,
            )
    return DataFormatError(f"cannot parse the CSV: {arrow_message}", path=path)


def _check_tail(src: Path | bytes, path: Path, ncols: int) -> None:
    """A file cut inside a quoted value: the reader would take it silently, so check the end."""
    with _open(src) as fh:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if tail.endswith((b"\n", b"\r")):
        return
    if _open_quote_at_end(src):
        raise _locate_parse_error(src, path, ncols, "unbalanced quote at the end of the file")


def _open_quote_at_end(src: Path | bytes) -> bool:
    """Whether the file ends inside a quoted value: an odd number of quote characters in all."""
    quotes = 0
    with _open(src) as fh:
        while chunk := fh.read(1 << 24):
            quotes += chunk.count(b'"')
    return quotes % 2 == 1


def _read_table(src: Path | bytes, path: Path, row_columns: list[str], columns: list[str], ncols: int) -> Any:
    """Read columns with pyarrow: ``row_columns`` dictionary-encoded, the rest as strings.

    Tries the fast parser first; a quoted value spanning lines makes it fail,
    and the file is then read again allowing newlines in values. A record
    longer than a block (a 10 MB title) is read again with larger blocks.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    types = {c: pa.dictionary(pa.int32(), pa.string()) if c in row_columns else pa.string() for c in columns}
    convert = pacsv.ConvertOptions(include_columns=columns, column_types=types, strings_can_be_null=False)
    size = len(src) if isinstance(src, bytes) else path.stat().st_size
    newlines, block = False, 4 << 20  # 4 MB blocks: fewer chunks to unify than the 1 MB default
    while True:
        try:
            parse = pacsv.ParseOptions(newlines_in_values=newlines)
            read = pacsv.ReadOptions(block_size=block)
            data = pa.BufferReader(src) if isinstance(src, bytes) else path
            return pacsv.read_csv(data, read_options=read, parse_options=parse, convert_options=convert)
        except pa.ArrowInvalid as exc:
            message = str(exc)
            if "straddl" in message and block <= size:
                block *= 4
            elif "UTF8" in message or newlines:
                raise _locate_parse_error(src, path, ncols, message) from None
            else:
                newlines = True


def _dense_factorize(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``pd.factorize`` for integers in ``[0, size)`` without hashing.

    Returns the ids (numbered in order of first appearance), the distinct keys
    in that order, and the row of each one's first appearance.
    """
    n = len(keys)
    first = np.full(size, n, dtype=np.int64)
    first[keys[::-1]] = np.arange(n - 1, -1, -1)  # repeated indices: the last write (the first row) wins
    present = np.flatnonzero(first < n)
    uniques = present[np.argsort(first[present], kind="stable")]
    rank = np.empty(size, dtype=np.int64)
    rank[uniques] = np.arange(len(uniques))
    return rank[keys], uniques, first[uniques]


def _take_sorted(table: Any, rows: np.ndarray) -> Any:
    """``table.take(rows)`` for ascending ``rows``, batch by batch (a chunked take is much slower)."""
    import pyarrow as pa

    batches = table.to_batches()
    ends = np.cumsum([b.num_rows for b in batches])
    which = np.searchsorted(ends, rows, side="right")
    starts = ends - np.array([b.num_rows for b in batches])
    taken = [
        batches[k].take(pa.array(rows[which == k] - starts[k])) for k in np.unique(which) if k < len(batches)
    ]
    return pa.Table.from_batches(taken, schema=table.schema) if taken else table.slice(0, 0)


def _codes(column: Any) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and stripped unique strings of a dictionary column; empty and null become -1."""
    chunks = column.unify_dictionaries().chunks if column.num_chunks else []
    if chunks:
        raw = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]).astype(np.int64)
        cats = np.asarray(chunks[0].dictionary.to_pylist(), dtype=object)
    else:
        raw, cats = np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    if column.null_count:
        nulls = np.concatenate([c.is_null().to_numpy(zero_copy_only=False) for c in chunks])
        raw[nulls] = -1
    stripped = np.array([str(c).strip() for c in cats], dtype=object)
    ids, uniques = pd.factorize(stripped)
    empty = np.flatnonzero(uniques == "")
    remap = ids.astype(np.int64)
    if len(empty):
        remap = np.where(ids == empty[0], -1, remap - (remap > empty[0]))
        uniques = np.delete(uniques, empty[0])
    out = np.where(raw >= 0, remap[np.maximum(raw, 0)] if len(remap) else -1, -1)
    return out, np.asarray(uniques, dtype=object)
