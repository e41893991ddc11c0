"""Registered measures evaluated over pair tables, and the tidy tables built from them.

:func:`evaluate` computes the counts and every requested measure for all
rows of a :class:`~unvotes.engine.pairs.PairTables`: table-based measures in
chunks small enough for the CPU cache (each linear statistic of a chunk is
computed once, when a measure first reads it, in float32 where its integers
stay exact), model-based ones once from the vote matrix.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine.matrix import VoteMatrix
from unvotes.engine.pairs import PairStats, PairStream, PairTables
from unvotes.errors import ArgumentError, check_strings
from unvotes.measures.registry import get_measure

__all__ = [
    "COUNT_COLUMNS",
    "evaluate",
    "long_table",
    "measure_list",
    "per_row",
    "period_values",
    "row_periods",
]

COUNT_COLUMNS: Final = ("same", "opposite", "partial", "absent")
"""Counts returned beside every value: identical Y/A/N votes, Y against N, A against Y or N, and the
roll calls on which both were members and at least one did not vote."""
_CHUNK: Final = 1 << 15


def measure_list(measure: str | Sequence[str]) -> list[str]:
    """A measure argument (one name or several) as a non-empty list of registered names."""
    names = check_strings(measure, "measure")
    if not names:
        raise ArgumentError("no measure given")
    for name in names:
        get_measure(name)
    return names


def evaluate(
    pt: PairTables | PairStream,
    vm: VoteMatrix,
    measures: Sequence[str],
    opts: Mapping[str, Any],
    order: np.ndarray | None = None,
    *,
    min_votes: int = 1,
    with_n: bool = True,
    dtype: Any = np.int64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts (n, same, opposite, partial, absent), values and n of each measure, for rows of ``pt``.

    Values computed from fewer than ``min_votes`` (the measure's ``n``) are NaN. The counts and
    the n are of ``dtype``; with ``with_n=False`` (and ``min_votes`` 1) the n of each measure is
    not kept and an empty array is returned in its place. A :class:`PairStream` is read chunk by
    chunk (its tables are never all kept), unless ``order`` is given or a measure is model-based.
    """
    entries = [get_measure(m) for m in measures]
    if isinstance(pt, PairStream) and (order is not None or any(e.from_matrix for e in entries)):
        pt = pt.tables()
    total = len(pt) if order is None else len(order)
    counts = np.empty((1 + len(COUNT_COLUMNS), total), dtype=dtype)
    values = np.empty((len(measures), total), dtype=np.float64)
    keep_n = with_n or min_votes > 1
    ns = np.empty((len(measures), total) if keep_n else (len(measures), 0), dtype=dtype)
    max_n = max((len(c) for c in pt.columns), default=0) if pt.columns else None
    years = _RowYears(pt)
    both = isinstance(pt, PairStream)  # its chunks count both members where the tables count absences
    for lo, hi, cells, idx in _chunks(pt, order):
        part = slice(lo, hi)
        st = PairStats(cells, functools.partial(years.of, idx), max_n=max_n, both=both)
        small = np.empty(hi - lo, dtype=np.int32)
        for row, key in enumerate(("n", *COUNT_COLUMNS)):
            count = st.exact(key)
            if count.dtype == np.float32 and counts.dtype.itemsize > 4:  # float32 -> int32 -> int64:
                small[...] = count  # two vectorised casts, faster than one that is not
                count = small
            counts[row, part] = count
        for row, entry in enumerate(entries):
            if entry.compute is not None:
                st.destination = values[row, part]
                value, n = entry.compute(st, opts)
                if value is not st.destination:
                    values[row, part] = value
                if keep_n:
                    ns[row, part] = n
    for row, entry in enumerate(entries):
        if entry.from_matrix is not None:
            assert isinstance(pt, PairTables)
            value, n = entry.from_matrix(vm, pt, opts)
            take: Any = slice(None) if order is None else order
            values[row] = np.asarray(value)[take]
            if keep_n:
                ns[row] = np.asarray(n)[take]
    if min_votes > 1:
        values[ns < min_votes] = np.nan
    return counts, values, ns


def _chunks(
    pt: PairTables | PairStream, order: np.ndarray | None
) -> Iterator[tuple[int, int, np.ndarray, Any]]:
    """``(lo, hi, cells, rows)``: output positions ``lo:hi``, their (10, hi − lo) cells and rows of ``pt``."""
    if isinstance(pt, PairStream):
        for lo, hi, cells in pt.chunks(_CHUNK):
            yield lo, hi, cells, slice(lo, hi)
        return
    block = pt.cell_block()
    total = len(pt) if order is None else len(order)
    for lo in range(0, total, _CHUNK):
        hi = min(lo + _CHUNK, total)
        idx: Any = slice(lo, hi) if order is None else order[lo:hi]
        yield lo, hi, block[:, idx], idx


class _RowYears:
    """Each row's report year, found once for all rows when a measure first reads one."""

    def __init__(self, pt: PairTables | PairStream) -> None:
        self._pt = pt
        self._years: np.ndarray | None = None

    def of(self, idx: Any) -> np.ndarray:
        if self._years is None:
            report = np.asarray(self._pt.report_year)
            small = len(report) and report.min() > -(2**15) and report.max() < 2**15
            report = report.astype(np.int16 if small else np.int64)
            pt = self._pt
            self._years = pt.repeat(report) if isinstance(pt, PairStream) else report[pt.period]
        return self._years[idx]


def period_values(pt: PairTables | PairStream, index: np.ndarray) -> np.ndarray:
    """The period labels of rows: integers for years, strings for sessions and single periods."""
    labels = pt.labels
    if labels and isinstance(labels[0], int):
        return np.asarray(labels, dtype=np.int64)[index]
    return np.asarray(labels, dtype=object)[index]


def row_periods(pt: PairTables | PairStream) -> np.ndarray:
    """The period label of every row of ``pt`` (:func:`period_values` of all rows)."""
    if isinstance(pt, PairStream):
        labels = pt.labels
        kind = np.int64 if labels and isinstance(labels[0], int) else object
        return pt.repeat(np.asarray(labels, dtype=kind))
    return period_values(pt, pt.period)


def per_row(pt: PairTables | PairStream, per_period: np.ndarray) -> np.ndarray:
    """A value per period, for every row of ``pt``."""
    return pt.repeat(per_period) if isinstance(pt, PairStream) else np.asarray(per_period)[pt.period]


def categorical(codes: Sequence[str], positions: np.ndarray) -> pd.Categorical:
    """Country codes as a categorical over ``codes`` (in their order) at the given positions."""
    cats = pd.Index(list(dict.fromkeys(codes)), dtype=object)
    if len(cats) == len(codes) or not len(positions):  # no code repeated: positions are the codes
        pos = positions
    else:
        pos = cats.get_indexer(pd.Index(list(codes), dtype=object))[positions]
    return pd.Categorical.from_codes(pos, categories=cats.astype(str))


def long_table(
    pt: PairTables | PairStream,
    vm: VoteMatrix,
    measures: Sequence[str],
    opts: Mapping[str, Any],
    first: tuple[str, Sequence[str]],
    second: tuple[str, Sequence[str]],
    order: np.ndarray | None = None,
    *,
    min_votes: int = 1,
) -> pd.DataFrame:
    """Tidy rows (one per period, pair and measure) with the fixed columns.

    Columns: ``first[0], second[0], period, measure, value, n, same, opposite, partial, absent``.
    The two country columns and ``measure`` are categorical, ``period`` is
    ``int16`` for years (strings for sessions), ``value`` float64 and the
    counts ``int32``: a table of every pair by year over the whole record has
    millions of rows.
    """
    counts, values, ns = evaluate(pt, vm, measures, opts, order, min_votes=min_votes, dtype=np.int32)
    # Each column built once at its full length (measure-major), from categorical and small-integer
    # columns; the counts are one int32 block handed to pandas without copying. No per-measure frames
    # are concatenated: for all pairs by year that doubled the peak memory of a table of 5 M rows.
    k, rows = len(measures), values.shape[1]
    if order is None:
        a, b, period = pt.a, pt.b, row_periods(pt)
    else:
        a, b, period = pt.a[order], pt.b[order], period_values(pt, pt.period[order])
    first_cat = categorical(first[1], a)
    second_cat = categorical(second[1], b)
    if period.dtype.kind == "i" and (not len(period) or np.abs(period).max() < 2**15):
        period = period.astype(np.int16)
    ints = np.empty((1 + len(COUNT_COLUMNS), k, rows), dtype=np.int32)
    ints[0] = ns
    ints[1:] = counts[1:, None, :]
    names = pd.Index(list(measures), dtype="str")
    keys = pd.DataFrame(
        {
            first[0]: pd.Categorical.from_codes(np.tile(first_cat.codes, k), dtype=first_cat.dtype),
            second[0]: pd.Categorical.from_codes(np.tile(second_cat.codes, k), dtype=second_cat.dtype),
            "period": np.tile(period, k),
            "measure": pd.Categorical.from_codes(
                np.repeat(np.arange(k, dtype=np.int8), rows), categories=names
            ),
            "value": values.reshape(-1),
        },
        copy=False,
    )
    counted = pd.DataFrame(ints.reshape(len(ints), -1).T, columns=["n", *COUNT_COLUMNS], copy=False)
    return pd.concat([keys, counted], axis=1)
