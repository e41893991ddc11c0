"""Delimited text tables read with their line numbers: decoding, separators, typed columns.

Shared helpers of the loaders of :mod:`unvotes.sources.voeten`: every value that
cannot be read raises :class:`~unvotes.errors.DataFormatError` naming the file,
the 1-based line and the column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model.values import ISO_DATE, check_date, parse_dates
from unvotes.sources._text import check_header, decode, normalize_newlines, open_quote_line, read_bytes

_MISSING = frozenset({"", "na", "nan", ".", "null", "none"})
_INTEGER = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
"""An integer as a text table writes it: ASCII digits, optionally '.0' (R and Stata write 3 as 3.0)."""
_SLASH_DATE = re.compile(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


_SNIFF_BYTES = 65536


class _Lines:
    """Map 0-based data-row positions of a table to 1-based line numbers in its file."""

    def __init__(self, starts: np.ndarray | None = None, offset: int = 2, encoding: str = "UTF-8") -> None:
        self.starts = starts
        self.offset = offset
        self.encoding = encoding  # as the file was decoded (see unvotes.sources._text.decode)

    def __call__(self, row: int) -> int:
        if self.starts is not None:
            return int(self.starts[row])
        return int(row) + self.offset


_Source = tuple[pd.DataFrame, Path, _Lines]
"""A table as read: the frame, its file, and its row-to-line map."""


def _error(path: Path, message: str, **where: Any) -> DataFormatError:
    """A :class:`DataFormatError` for ``path``; ``where`` is ``line=`` and/or ``column=``."""
    return DataFormatError(message, path=path, **where)


def _integers(
    values: Any,
    path: Path,
    column: str,
    lines: _Lines,
    *,
    allow_missing: bool = False,
    minimum: int | None = None,
    maximum: int | None = None,
) -> np.ndarray:
    """Parse integer codes (``'3'``, ``'3.0'``, 3.0) to floats; NaN for missing values when allowed.

    Text must be ASCII digits (no superscripts, no exponent); ``minimum`` and
    ``maximum`` bound the values, naming the line of the first one outside.
    """
    series = pd.Series(values, copy=False)
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        numbers = series.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(numbers)
    else:
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
        texts = [str(u).strip() for u in uniques]
        blank = np.array([t.lower() in _MISSING for t in texts] + [True], dtype=bool)
        parsed = pd.to_numeric(
            pd.Series(
                [None if t.lower() in _MISSING or not _INTEGER.fullmatch(t) else t for t in texts],
                dtype=object,
            ),
            errors="coerce",
        )
        numbers = np.append(parsed.to_numpy(dtype=float, na_value=np.nan), np.nan)[codes]
        missing = blank[codes]
    bad = (np.isnan(numbers) & ~missing) | (~np.isnan(numbers) & (numbers != np.round(numbers)))
    if not allow_missing:
        bad |= missing
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _error(path, f"expected an integer, got {series.iloc[row]!r}", line=lines(row), column=column)
    with np.errstate(invalid="ignore"):
        low = (numbers < minimum) if minimum is not None else np.zeros(len(numbers), dtype=bool)
        high = (numbers > maximum) if maximum is not None else np.zeros(len(numbers), dtype=bool)
    if (low | high).any():
        row = int(np.flatnonzero(low | high)[0])
        span = f"{minimum if minimum is not None else '-inf'} to {maximum if maximum is not None else 'inf'}"
        raise _error(
            path, f"{series.iloc[row]!r} is out of range; expected {span}", line=lines(row), column=column
        )
    return numbers


def _flags(values: Any, path: Path, column: str, lines: _Lines) -> pd.arrays.BooleanArray:
    """0/1 (or missing) to a nullable boolean array; anything else is an error."""
    numbers = _integers(values, path, column, lines, allow_missing=True)
    bad = ~np.isnan(numbers) & (numbers != 0) & (numbers != 1)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _error(path, f"expected 0 or 1, got {numbers[row]:g}", line=lines(row), column=column)
    return pd.array(np.where(np.isnan(numbers), None, numbers == 1), dtype="boolean")


def _dates(values: Any, path: Path, column: str, lines: _Lines) -> pd.DatetimeIndex:
    """Dates in one form for the whole column: ISO ``YYYY-MM-DD`` (R, readr), or ``M/D/YYYY``
    month first (Stata's US export of the Dataverse files) when the first date is written so.

    Never guessed value by value: ``07/11/2019`` is 11 July in an ``M/D/YYYY``
    column, and a column mixing the forms (or writing ``07.11.2019``) is refused
    at the first date not in its form. Dates before the UN or in the future are
    refused too.
    """
    series = pd.Series(values, copy=False)
    if not len(series):
        return pd.DatetimeIndex([], dtype="datetime64[ns]")
    known = series.dropna()
    if len(known) and not isinstance(known.iloc[0], str):
        stamps = pd.to_datetime(series, errors="coerce")  # datetimes already (an .rda table's dates)
        for row in np.flatnonzero(stamps.isna().to_numpy() & series.notna().to_numpy())[:1]:
            raise _error(
                path, f"expected a date, got {series.iloc[row]!r}", line=lines(int(row)), column=column
            )
        for row, when in enumerate(stamps):
            if pd.notna(when):
                try:
                    check_date(when)
                except DataFormatError as exc:
                    raise _error(path, exc.reason, line=lines(row), column=column) from None
        missing = np.flatnonzero(stamps.isna().to_numpy())
        if len(missing):
            raise _error(path, "empty date; expected YYYY-MM-DD", line=lines(int(missing[0])), column=column)
        return pd.DatetimeIndex(stamps).astype("datetime64[ns]")
    texts = series.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
    first = next((t for t in texts if isinstance(t, str) and t), "")
    fmt = "%m/%d/%Y" if _SLASH_DATE.fullmatch(first) else ISO_DATE
    texts = texts.where(texts.map(lambda v: isinstance(v, str) and v != ""), None)
    parsed = parse_dates(texts.to_numpy(), fmt, path=path, column=column, line_of=lines)
    return pd.DatetimeIndex(parsed).astype("datetime64[ns]")


def _text(values: Any) -> pd.Series:
    """Strings with surrounding space removed; empty, missing and R's bare ``NA`` are None."""
    series = pd.Series(values, copy=False).astype(object)
    series = series.where(series.notna(), None).map(lambda v: None if v is None else str(v).strip() or None)
    return series.where(series != "NA", None).astype("str")


def _check_unique(
    keys: np.ndarray,
    path: Path,
    column: str,
    lines: Callable[[int], int],
    what: str,
    label: Callable[[int], str] | None = None,
) -> None:
    dup = pd.Series(keys).duplicated(keep=False).to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)
        first = rows[0]
        second = rows[1:][keys[rows[1:]] == keys[first]][0]
        shown = (
            label(first)
            if label is not None
            else repr(keys[first].item() if hasattr(keys[first], "item") else keys[first])
        )
        raise _error(
            path,
            f"duplicated {what} {shown}: lines {lines(first)} and {lines(second)}",
            line=lines(second),
            column=column,
        )


def _missing_columns(frame: pd.DataFrame, required: tuple[str, ...], path: Path, line: int | None) -> None:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise _error(
            path,
            f"missing column(s) {', '.join(missing)}; found {', '.join(map(str, frame.columns))}",
            line=line,
            column=missing[0],
        )


def _positions(rcids: np.ndarray, known: pd.Index, path: Path, lines: _Lines, table: str) -> np.ndarray:
    pos = known.get_indexer(rcids)
    if (pos < 0).any():
        row = int(np.flatnonzero(pos < 0)[0])
        raise _error(path, f"rcid {int(rcids[row])} is not in {table}", line=lines(row), column="rcid")
    return pos


def encoding_findings(tables: list[tuple[Path, _Lines]], source: str) -> list[dict[str, object]]:
    """An ``info`` finding for each table that was not UTF-8 text, saying what it was read as."""
    return [
        {"severity": "info", "check": "text encoding", "source": source,
         "message": f"{path.name} is {lines.encoding} text, not UTF-8; read as such"}
        for path, lines in tables
        if lines.encoding != "UTF-8"
    ]  # fmt: skip


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of a table (see :func:`unvotes.sources._text.decode`, with Voeten's single-byte
    encoding allowed), line ends normalised; reject binary content.

    Content is binary when it holds a NUL byte (outside UTF-16/32) or when more
    than 1 in 1000 characters are other control characters (the real
    descriptions hold a few stray backspaces, which are kept).
    """
    decoded = decode(path, raw, legacy=True)
    text = normalize_newlines(decoded.text)
    first = _CONTROL.search(text)
    if first is not None and len(_CONTROL.findall(text)) * 1000 > len(text):
        line = text.count("\n", 0, first.start()) + 1
        raise _error(
            path, f"binary content (control byte {ord(first.group()):#04x}): expected a text table", line=line
        )
    return text, decoded.encoding


def _separator(header: str) -> str:
    return "\t" if "\t" in header else ";" if header.count(";") > header.count(",") else ","


def _read_table(path: Path, required: tuple[str, ...]) -> tuple[pd.DataFrame, _Lines]:
    """Read a delimited text file as strings with lower-case column names.

    Short rows (a truncated file), unterminated quotes and rows with too many
    fields are errors naming their line; blank lines are skipped.
    """
    raw = read_bytes(path, what="a text table")
    text, encoding = _decode(path, raw)
    if not text.strip():
        raise _error(
            path, f"empty file: expected a header line with the columns {', '.join(required)}", line=1
        )
    if not raw.isascii() or b"\r" in raw or raw.startswith(codecs.BOM_UTF8):
        raw = text.encode("utf-8")  # the byte scan below counts lines on UTF-8 with \n line ends
    sep = _separator(text.split("\n", 1)[0])
    counts, starts = _field_counts(path, raw, text, sep)
    ncols = int(counts[0])
    lines = _Lines(starts, encoding=encoding)
    blank = counts[1:] == 0
    short = ~blank & (counts[1:] != ncols)
    if short.any():
        row = int(np.flatnonzero(short)[0])
        raise _error(
            path,
            f"expected {ncols} fields as in the header, found {counts[row + 1]} (truncated or malformed)",
            line=lines(row),
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False, engine="c"
        )
    except pd.errors.ParserError as exc:  # not expected after the field counts; keep pandas' own words
        raise _error(path, f"malformed table: {exc}") from exc
    except (pd.errors.EmptyDataError, UnicodeError) as exc:
        raise _error(path, f"not a readable table: {exc}", line=1) from exc
    check_header(path, next(csv.reader([text.split("\n", 1)[0]], delimiter=sep)))
    frame.columns = [str(c).strip().strip('"').strip().lower() for c in frame.columns]
    _missing_columns(frame, required, path, 1)
    if len(frame) != len(blank):
        raise _error(path, f"malformed table: {len(blank)} records but {len(frame)} rows parsed")
    if frame.columns[0] in ("", "unnamed: 0"):  # R write.csv row names, pandas index
        frame = frame.iloc[:, 1:]
    if blank.any():
        keep = np.flatnonzero(~blank)
        frame = frame.iloc[keep].reset_index(drop=True)
        lines = _Lines(keep + 2 if starts is None else starts[keep], encoding=encoding)
    return frame, lines


def _field_counts(path: Path, raw: bytes, text: str, sep: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Fields per record, header first (0 for a blank line), and, when quoted fields may span
    lines, the start line of each data record (else ``None``: data row ``i`` is line ``i + 2``).
    """
    if '"' not in text:  # vectorised on the bytes: ',', '\t', '\n' are single bytes in UTF-8 and Latin-1
        data = np.frombuffer(raw, dtype=np.uint8)
        ends = np.flatnonzero(data == 10)
        if len(data) and data[-1] != 10:
            ends = np.append(ends, len(data))
        seps = np.flatnonzero(data == ord(sep))
        starts = np.concatenate([[0], ends[:-1] + 1])
        nsep = np.searchsorted(seps, ends) - np.searchsorted(seps, starts)
        width = ends - starts - (data[np.maximum(ends - 1, 0)] == 13)
        return np.where((nsep == 0) & (width <= 0), 0, nsep + 1), None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    counts: list[int] = []
    starts_list: list[int] = []
    last = 0
    try:
        for row in reader:
            counts.append(len(row))
            starts_list.append(last + 1)
            last = reader.line_num
    except csv.Error as exc:
        if "end of data" in str(exc) or "EOF" in str(exc):
            opened = open_quote_line(text, last + 1, sep)
            message = "unbalanced quote: the quoted value opened on this line never closes (truncated file?)"
            raise _error(path, message, line=opened) from None
        raise _error(path, f"malformed table: {exc}", line=reader.line_num) from None
    return np.asarray(counts, dtype=np.int64), np.asarray(starts_list[1:], dtype=np.int64)
