"""Joint-vote tables of pairs of countries, per period, from products of indicator matrices.

Every pairwise measure of :mod:`unvotes.measures` is a function of the 3 × 3
table of joint votes of a pair (how often *i* voted *k* while *j* voted
*l*, for k, l in Y/A/N) and, for the State Department's method, of the
number of roll calls on which both were members and at least one did not
vote. :func:`pair_tables` computes these tables for every pair at once from
products of indicator matrices, one period (year, session) at a time, in
single precision through BLAS (exact for counts below 2**24). There is no
Python loop over pairs or roll calls.

Per period the indicators of Y, A and N of the period's countries are
stacked into one (3·C) × R matrix ``L``; the one product ``L @ L.T``
(symmetric, so BLAS computes half of it) holds all nine joint counts
``J_kl = (M == k) @ (M == l).T`` as its blocks, and the product of the
membership indicator with itself gives the roll calls on which both were
members, from which the absences follow (both members minus joint votes).
:func:`period_products` gives exactly these operands, so that a benchmark can
time the products on their own.

:class:`PairStats` turns the tables into the statistics that are linear in
their nine cells (``n``, ``same``, ``opposite``, ``partial``, distances,
margins), each computed when a measure first reads it; the measures are
written on these. :func:`table_stats` gives all of them at once.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np

from unvotes.engine.matrix import ABSTAIN, NO, NOT_MEMBER, YES, VoteMatrix

__all__ = [
    "STAT_NAMES",
    "VOTE_DISTANCE",
    "PairStats",
    "PairTables",
    "pair_tables",
    "period_products",
    "single_threaded_blas",
    "table_stats",
]


@dataclass(frozen=True, eq=False)
class PairTables:
    """Joint-vote tables of many pairs over many periods, one row per (period, pair).

    Attributes
    ----------
    labels : list
        Period labels in time order.
    report_year : numpy.ndarray
        Per period, its latest year (the "report year" of the State
        Department's method).
    period : numpy.ndarray
        Per row, the position of its period in ``labels``.
    a, b : numpy.ndarray
        Per row, the positions of the two countries in the requested row lists.
    table : numpy.ndarray
        ``float32`` array (rows, 3, 3) of exact integer counts:
        ``table[p, k, l]`` counts the roll calls on which *a* voted k and *b*
        voted l, with k, l = 0, 1, 2 for Y, A, N. It is a view of
        :attr:`cells`, so that each cell is contiguous.
    absent : numpy.ndarray
        Per row, the roll calls on which both were members and at least one
        did not vote (X); a view of :attr:`cells`.
    columns : list of numpy.ndarray
        Per period, the positions of its columns in the vote matrix.
    rows_a, rows_b : numpy.ndarray or None
        The requested row lists that ``a`` and ``b`` index (None when ``a``
        and ``b`` are rows of the vote matrix themselves, as with ``triangle``).
    cells : numpy.ndarray or None
        ``float32`` array (10, rows): the nine cells ``k * 3 + l`` and the
        absences, the storage that ``table`` and ``absent`` view (built from
        them when not given).
    """

    labels: list[Any]
    report_year: np.ndarray
    period: np.ndarray
    a: np.ndarray
    b: np.ndarray
    table: np.ndarray
    absent: np.ndarray
    columns: list[np.ndarray] = field(default_factory=list)
    rows_a: np.ndarray | None = None
    rows_b: np.ndarray | None = None
    cells: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.period)

    def vm_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row, the positions in the vote matrix of the two countries (-1 for one without votes).

        What a model-based measure (:class:`~unvotes.measures.registry.Measure` with
        ``from_matrix``) reads, with :attr:`columns`, to find the pair's votes.
        """
        if self.rows_a is None or self.rows_b is None:
            return self.a, self.b
        return self.rows_a[self.a], self.rows_b[self.b]

    def cell_block(self) -> np.ndarray:
        """The (10, rows) array of the nine cells and the absences (:attr:`cells`, or built from them)."""
        if self.cells is not None:
            return self.cells
        block = np.empty((10, len(self)), dtype=self.table.dtype)
        block[:9] = np.asarray(self.table).reshape(len(self), 9).T
        block[9] = self.absent
        return block


def _stacked(sub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (3·C) × R stacked indicators of Y, A, N and the C × R membership indicator, float32."""
    out = np.empty((4, *sub.shape), dtype=np.float32)
    for k, code in enumerate((YES, ABSTAIN, NO)):
        out[k] = sub == code
    out[3] = sub != NOT_MEMBER
    return out[:3].reshape(3 * sub.shape[0], sub.shape[1]), out[3]


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run BLAS single-threaded for the many small products of :func:`pair_tables`.

    OpenBLAS threads busy-wait; on products this small they bring no speed
    and, on a busy machine, make each product tens of times slower.
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


@functools.cache
def _blas_controller() -> Any:
    """The thread-pool controller, found once: scanning the loaded libraries costs tens of ms.

    It knows the BLAS that numpy loaded at import, which is the one the products use.
    """
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _period_codes(vm: VoteMatrix, cols: np.ndarray) -> np.ndarray:
    lo, hi = int(cols.min()), int(cols.max()) + 1
    return vm.codes[:, lo:hi] if hi - lo == len(cols) else vm.codes[:, cols]  # years are contiguous


def _take_rows(sub: np.ndarray, rows: np.ndarray) -> np.ndarray:
    out = sub[np.maximum(rows, 0)]
    out[rows < 0] = NOT_MEMBER
    return out


@dataclass(frozen=True)
class _Plan:
    """Per period, the code blocks whose products give its tables and the positions of its rows."""

    groups: list[np.ndarray]
    blocks: list[tuple[np.ndarray, np.ndarray | None]]  # (codes of a, codes of b or None: the same)
    present: list[np.ndarray | None]  # triangle: the period's rows with a vote row
    sizes: np.ndarray


def _plan(
    vm: VoteMatrix, groups: list[np.ndarray], ra: np.ndarray, rb: np.ndarray, symmetric: bool, triangle: bool
) -> _Plan:
    blocks: list[tuple[np.ndarray, np.ndarray | None]] = []
    present: list[np.ndarray | None] = []
    sizes = np.zeros(len(groups), dtype=np.int64)
    for p, cols in enumerate(groups):
        sub = _period_codes(vm, cols)
        if triangle:
            rows = np.flatnonzero((sub != NOT_MEMBER).any(axis=1))
            blocks.append((sub[rows], None))
            present.append(rows)
            sizes[p] = len(rows) * (len(rows) - 1) // 2
        else:
            blocks.append((_take_rows(sub, ra), None if symmetric else _take_rows(sub, rb)))
            present.append(None)
            sizes[p] = len(ra) * len(rb)
    return _Plan(groups, blocks, present, sizes)


def period_products(
    vm: VoteMatrix,
    *,
    by: str | None = None,
    rows_a: np.ndarray | None = None,
    rows_b: np.ndarray | None = None,
    triangle: bool = False,
) -> list[tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]]:
    """The operands of the BLAS products that :func:`pair_tables` computes, per period.

    Each item is ``((L_a, L_b), (M_a, M_b))``: the stacked Y/A/N indicators
    and the membership indicators (``float32``) whose products ``L_a @ L_b.T``
    and ``M_a @ M_b.T`` hold the period's joint counts (``L_b`` is ``L_a``
    itself, the same array, for the symmetric products). With the same
    arguments as :func:`pair_tables`; for timing the products on their own.
    """
    _, groups, _ = vm.periods(by)
    ra, rb, symmetric = _row_lists(vm, rows_a, rows_b, triangle)
    out = []
    for sub_a, sub_b in _plan(vm, groups, ra, rb, symmetric, triangle).blocks:
        la, ma = _stacked(sub_a)
        lb, mb = (la, ma) if sub_b is None else _stacked(sub_b)
        out.append(((la, lb), (ma, mb)))
    return out


def _row_lists(
    vm: VoteMatrix, rows_a: np.ndarray | None, rows_b: np.ndarray | None, triangle: bool
) -> tuple[np.ndarray, np.ndarray, bool]:
    if triangle and (rows_a is not None or rows_b is not None):
        raise ValueError("triangle=True needs rows_a and rows_b to be None")
    ra = np.arange(vm.shape[0]) if rows_a is None else np.asarray(rows_a, dtype=np.int64)
    symmetric = rows_b is None
    return ra, ra if symmetric else np.asarray(rows_b, dtype=np.int64), symmetric


def pair_tables(
    vm: VoteMatrix,
    *,
    by: str | None = None,
    rows_a: np.ndarray | None = None,
    rows_b: np.ndarray | None = None,
    triangle: bool = False,
) -> PairTables:
    """Joint-vote tables of pairs of countries, per period.

    Parameters
    ----------
    vm
        The vote matrix.
    by
        ``"year"``, ``"session"`` or ``None`` (see :meth:`VoteMatrix.periods`).
    rows_a, rows_b
        Row positions in ``vm`` of the first and second countries of the
        pairs (-1 for a country without votes: its tables are all zero).
        Default: every row. The result has every (a, b) combination per
        period, unless ``triangle``.
    triangle
        With ``rows_a = rows_b = None`` only: keep each unordered pair of
        distinct countries once (a before b in ``vm.countries``), and per
        period only the countries with a vote row in that period.

    Returns
    -------
    PairTables
    """
    labels, groups, report = vm.periods(by)
    ra, rb, symmetric = _row_lists(vm, rows_a, rows_b, triangle)
    lists: dict[str, Any] = {} if triangle else {"rows_a": ra, "rows_b": rb}
    plan = _plan(vm, groups, ra, rb, symmetric, triangle)
    total = int(plan.sizes.sum())
    cells = np.empty((10, total), dtype=np.float32)
    a = np.empty(total, dtype=np.int64)
    b = np.empty(total, dtype=np.int64)
    with single_threaded_blas():
        _fill(plan, triangle, cells, a, b)
    period = np.repeat(np.arange(len(groups), dtype=np.int64), plan.sizes)
    return PairTables(
        labels if groups else [],
        report,
        period,
        a,
        b,
        cells[:9].reshape(3, 3, total).transpose(2, 0, 1),
        cells[9],
        groups if groups else [],
        **lists,
        cells=cells,
    )


class _Triangles:
    """Row-major positions (i, j), i < j, of the upper triangle of n × n matrices, n up to ``size``.

    Read backwards, the pairs of an n × n triangle are the first n(n − 1)/2 of one list for
    every n (v = n − 1 − i ascending, then u = n − 1 − j ascending), so each size costs a few
    passes over its own pairs; the arrays of each size are kept for the call.
    """

    def __init__(self, size: int) -> None:
        v = np.repeat(np.arange(size), np.arange(size))
        self._v, self._u = v, np.arange(len(v)) - v * (v - 1) // 2
        self._done: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``i, j`` and the flat positions ``i * 3n + j`` and ``i * n + j``."""
        done = self._done.get(n)
        if done is None:
            pairs = n * (n - 1) // 2
            i = (n - 1) - self._v[pairs - 1 :: -1] if pairs else np.zeros(0, dtype=np.int64)
            j = (n - 1) - self._u[pairs - 1 :: -1] if pairs else np.zeros(0, dtype=np.int64)
            flat1 = i * n + j
            done = self._done[n] = (i, j, flat1 + i * (2 * n), flat1)
        return done


def _fill(plan: _Plan, triangle: bool, cells: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """Compute every period's products and copy the wanted pairs' counts into ``cells``, ``a`` and ``b``."""
    triu = _Triangles(max((sub.shape[0] for sub, _ in plan.blocks), default=0) if triangle else 0)
    start = 0
    for (sub_a, sub_b), rows, size in zip(plan.blocks, plan.present, plan.sizes, strict=True):
        stop = start + int(size)
        if size == 0:
            continue
        part = cells[:, start:stop]
        la, ma = _stacked(sub_a)
        na = nb = sub_a.shape[0]
        if sub_b is None:
            joint = (la @ la.T).ravel()  # one symmetric product: BLAS computes half of it
            both = (ma @ ma.T).ravel()
        else:
            lb, mb = _stacked(sub_b)
            nb = sub_b.shape[0]
            joint = (la @ lb.T).ravel()
            both = (ma @ mb.T).ravel()
        if triangle:
            assert rows is not None
            i, j, flat3, flat1 = triu.get(na)
            for k in range(3):
                for m in range(3):
                    np.take(joint[(k * 3 * na + m) * na :], flat3, out=part[k * 3 + m], mode="clip")
            np.take(both, flat1, out=part[9], mode="clip")
            np.take(rows, i, out=a[start:stop], mode="clip")
            np.take(rows, j, out=b[start:stop], mode="clip")
        else:
            square = joint.reshape(3, na, 3, nb)
            for k in range(3):
                for m in range(3):
                    part[k * 3 + m].reshape(na, nb)[...] = square[k, :, m, :]
            part[9] = both
            a[start:stop].reshape(na, nb)[...] = np.arange(na)[:, None]
            b[start:stop].reshape(na, nb)[...] = np.arange(nb)[None, :]
        part[9] -= part[:9].sum(axis=0)  # absences: both members, minus the joint Y/A/N votes
        start = stop


VOTE_DISTANCE: Final = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(np.float64)
"""Distance between two votes cast, Y, A, N as 0, 1, 2: Y–A and A–N are 1 apart, Y–N 2."""

STAT_NAMES: Final = (
    "n",
    "same",
    "yes_no_same",
    "opposite",
    "partial",
    "d1",
    "d2",
    "r0",
    "r1",
    "r2",
    "c0",
    "c1",
    "c2",
    "absent",
)
"""The statistics of :func:`table_stats`: ``n`` joint Y/A/N votes, ``same`` identical votes,
``yes_no_same`` both Y or both N, ``opposite`` Y against N, ``partial`` A against Y or N, ``d1`` and
``d2`` the sums of vote distances and their squares, ``r0..r2`` / ``c0..c2`` the first / second
country's count of Y, A, N, and ``absent`` the roll calls where both were members and one did not vote."""


EXACT_FLOAT32: Final = 2**24
"""Integers below this are exact in float32."""


def _sum(x: np.ndarray, *rows: int) -> np.ndarray:
    out = x[rows[0]] + x[rows[1]]
    for r in rows[2:]:
        out += x[r]
    return out


# Each statistic from the (10, pairs) cells (k * 3 + l, then absent) and the statistics already
# computed. Every value is an integer of at most 4·n, so any order of the sums is exact.
_RECIPES: Final[dict[str, Callable[[np.ndarray, Callable[[str], np.ndarray]], np.ndarray]]] = {
    "yes_no_same": lambda x, get: x[0] + x[8],
    "same": lambda x, get: get("yes_no_same") + x[4],
    "opposite": lambda x, get: x[2] + x[6],
    "partial": lambda x, get: _sum(x, 1, 3, 5, 7),
    "n": lambda x, get: get("same") + get("opposite") + get("partial"),
    "r0": lambda x, get: _sum(x, 0, 1, 2),
    "r1": lambda x, get: _sum(x, 3, 4, 5),
    "r2": lambda x, get: _sum(x, 6, 7, 8),
    "c0": lambda x, get: _sum(x, 0, 3, 6),
    "c1": lambda x, get: _sum(x, 1, 4, 7),
    "c2": lambda x, get: _sum(x, 2, 5, 8),
    "d1": lambda x, get: get("opposite") * 2 + get("partial"),
    "d2": lambda x, get: get("opposite") * 4 + get("partial"),
    "absent": lambda x, get: x[9],
}


class PairStats(Mapping[str, np.ndarray]):
    """The linear statistics (:data:`STAT_NAMES`) of joint tables, each computed when first read.

    Reading ``st[name]`` gives float64. The statistics are integers, so they are computed in
    float32 when the cells are float32 and ``max_n`` (the most joint votes a pair can have, e.g.
    the longest period's roll calls) keeps every one of them below 2**24; :meth:`exact` gives
    them in that type, for measures whose integer arithmetic stays exact in it.

    Parameters
    ----------
    cells
        Array (10, pairs): the nine cells ``k * 3 + l`` of each table and the absences (as
        :meth:`PairTables.cell_block`).
    report_year
        Per pair (or one for all), the year choosing the default ``statedept`` method, or a
        function giving it when first read; None: no ``report_year`` entry.
    max_n
        A bound on ``n``; None: unknown (float64 throughout).

    Examples
    --------
    >>> x = np.zeros((10, 1), dtype=np.float32); x[0] = 2; x[6] = 1
    >>> st = PairStats(x, max_n=3)
    >>> float(st["n"][0]), float(st["same"][0]), float(st["opposite"][0]), float(st["d1"][0])
    (3.0, 2.0, 1.0, 2.0)
    >>> st["n"].dtype.name, st.exact("n").dtype.name
    ('float64', 'float32')
    """

    def __init__(self, cells: np.ndarray, report_year: Any = None, *, max_n: int | None = None) -> None:
        x = np.asarray(cells)
        narrow = x.dtype == np.float32 and max_n is not None and 4 * max_n < EXACT_FLOAT32
        self._x = x if narrow else x.astype(np.float64)
        self.max_n = max_n
        self._exact: dict[str, np.ndarray] = {}
        self._done: dict[str, np.ndarray] = {}
        self._year = report_year

    def exact(self, key: str) -> np.ndarray:
        """A statistic as exact integers in the cells' type (float32 or float64)."""
        done = self._exact.get(key)
        if done is None:
            done = self._exact[key] = _RECIPES[key](self._x, self.exact)
        return done

    def __getitem__(self, key: str) -> np.ndarray:
        done = self._done.get(key)
        if done is not None:
            return done
        if key == "report_year" and self._year is not None:
            value = np.asarray(self._year() if callable(self._year) else self._year)
        elif key in _RECIPES:
            value = self.exact(key).astype(np.float64, copy=False)
        else:
            raise KeyError(key)
        self._done[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in _RECIPES or (key == "report_year" and self._year is not None)

    def __iter__(self) -> Iterator[str]:
        yield from STAT_NAMES
        if self._year is not None:
            yield "report_year"

    def __len__(self) -> int:
        return len(STAT_NAMES) + (self._year is not None)


def table_stats(cells: np.ndarray, absent: np.ndarray) -> dict[str, np.ndarray]:
    """Linear statistics (:data:`STAT_NAMES`) of joint tables stored as (3, 3, pairs), all at once.

    Examples
    --------
    >>> t = np.zeros((3, 3, 1), dtype=np.float32); t[0, 0] = 2; t[2, 0] = 1
    >>> st = table_stats(t, np.zeros(1))
    >>> float(st["n"][0]), float(st["same"][0]), float(st["opposite"][0]), float(st["d1"][0])
    (3.0, 2.0, 1.0, 2.0)
    """
    flat = np.asarray(cells).reshape(9, -1)
    block = np.empty((10, flat.shape[1]), dtype=np.float64)
    block[:9] = flat
    block[9] = absent
    stats = PairStats(block)
    return {name: stats[name] for name in STAT_NAMES}
