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

:class:`PairStream` holds the pairs and gives their tables a few periods at a
time in one reused buffer, so that a measure reads them while they are still
in the CPU cache; :func:`pair_tables` keeps them all (:class:`PairTables`).
The linear statistics of the tables are in :mod:`unvotes.engine.stats`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from unvotes.engine.matrix import ABSTAIN, NO, NOT_MEMBER, YES, VoteMatrix
from unvotes.engine.stats import STAT_NAMES, VOTE_DISTANCE, PairStats, table_stats

__all__ = [
    "STAT_NAMES",
    "VOTE_DISTANCE",
    "PairStats",
    "PairStream",
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


class PairStream:
    """The pairs of :func:`pair_tables`, with their tables computed a few periods at a time.

    Has the attributes of :class:`PairTables` other than the tables
    (``labels, report_year, period, a, b, columns, rows_a, rows_b``; ``a``
    and ``b`` in the smallest integer type that holds them), and ``sizes``,
    the number of rows of each period (rows are in period order);
    :meth:`chunks` gives the tables of consecutive periods in one buffer that
    the next chunk reuses, :meth:`tables` all of them as a :class:`PairTables`.
    The arguments are those of :func:`pair_tables`.
    """

    def __init__(
        self,
        vm: VoteMatrix,
        *,
        by: str | None = None,
        rows_a: np.ndarray | None = None,
        rows_b: np.ndarray | None = None,
        triangle: bool = False,
    ) -> None:
        labels, groups, report = vm.periods(by)
        ra, rb, symmetric = _row_lists(vm, rows_a, rows_b, triangle)
        self._plan = plan = _plan(vm, groups, ra, rb, symmetric, triangle)
        self._triangle = triangle
        self._triu = _Triangles(max((sub.shape[0] for sub, _ in plan.blocks), default=0) if triangle else 0)
        self.labels: list[Any] = labels if groups else []
        self.report_year: np.ndarray = report
        self.columns: list[np.ndarray] = groups if groups else []
        self.rows_a: np.ndarray | None = None if triangle else ra
        self.rows_b: np.ndarray | None = None if triangle else rb
        self.sizes: np.ndarray = plan.sizes
        self.starts = np.concatenate([[0], np.cumsum(plan.sizes)]).astype(np.int64)
        self.a, self.b = self._positions(np.int16 if vm.shape[0] < 2**15 else np.int64)

    def __len__(self) -> int:
        return int(self.starts[-1])

    @functools.cached_property
    def period(self) -> np.ndarray:
        """Per row, the position of its period in ``labels``."""
        return self.repeat(np.arange(len(self.sizes), dtype=np.int64))

    def repeat(self, per_period: np.ndarray) -> np.ndarray:
        """A value per period repeated over the period's rows (``per_period[period]``, in one pass)."""
        return np.repeat(np.asarray(per_period), self.sizes)

    vm_rows = PairTables.vm_rows

    def _positions(self, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
        total = len(self)
        a = np.empty(total, dtype=dtype)
        b = np.empty(total, dtype=dtype)
        for p, ((sub_a, sub_b), rows) in enumerate(zip(self._plan.blocks, self._plan.present, strict=True)):
            lo, hi = self.starts[p], self.starts[p + 1]
            if hi == lo:
                continue
            if rows is not None:
                i, j, _, _ = self._triu.get(sub_a.shape[0])
                rows = rows.astype(dtype)
                np.take(rows, i, out=a[lo:hi], mode="clip")
                np.take(rows, j, out=b[lo:hi], mode="clip")
            else:
                na, nb = sub_a.shape[0], (sub_a if sub_b is None else sub_b).shape[0]
                a[lo:hi].reshape(na, nb)[...] = np.arange(na)[:, None]
                b[lo:hi].reshape(na, nb)[...] = np.arange(nb)[None, :]
        return a, b

    def _compute(self, p: int, part: np.ndarray, *, absences: bool = True) -> None:
        """Period ``p``'s products, its pairs' nine cells and absences copied into ``part`` (10, pairs);
        with ``absences=False`` the last row is left as the roll calls on which both were members."""
        sub_a, sub_b = self._plan.blocks[p]
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
        if self._triangle:
            _, _, flat3, flat1 = self._triu.get(na)
            for k in range(3):
                for m in range(3):
                    np.take(joint[(k * 3 * na + m) * na :], flat3, out=part[k * 3 + m], mode="clip")
            np.take(both, flat1, out=part[9], mode="clip")
        else:
            square = joint.reshape(3, na, 3, nb)
            for k in range(3):
                for m in range(3):
                    part[k * 3 + m].reshape(na, nb)[...] = square[k, :, m, :]
            part[9] = both
        if absences:
            part[9] -= part[:9].sum(axis=0)  # both members, minus the joint Y/A/N votes

    def chunks(self, size: int = 1 << 15) -> Iterator[tuple[int, int, np.ndarray]]:
        """``(start, stop, cells)`` for runs of consecutive periods of about ``size`` pairs (at least
        one period each): ``cells`` is the (10, stop − start) float32 block of the rows
        ``start:stop`` (as :attr:`PairTables.cells`, except that its last row counts the roll calls on
        which both were members: ``PairStats(cells, both=True)`` reads it so), in a buffer the next
        chunk overwrites."""
        sizes, starts = self._plan.sizes, self.starts
        buffer = np.empty((10, max(size, int(sizes.max(initial=0)))), dtype=np.float32)
        with single_threaded_blas():
            p, n = 0, len(sizes)
            while p < n:
                q = p + 1
                while q < n and starts[q + 1] - starts[p] <= size:
                    q += 1
                lo, hi = int(starts[p]), int(starts[q])
                block = buffer[:, : hi - lo]
                for r in range(p, q):
                    if sizes[r]:
                        self._compute(r, block[:, starts[r] - lo : starts[r + 1] - lo], absences=False)
                yield lo, hi, block
                p = q

    def tables(self) -> PairTables:
        """Every pair's table, kept (:class:`PairTables`)."""
        total = len(self)
        cells = np.empty((10, total), dtype=np.float32)
        with single_threaded_blas():
            for p, size in enumerate(self._plan.sizes):
                if size:
                    self._compute(p, cells[:, self.starts[p] : self.starts[p + 1]])
        return PairTables(
            self.labels,
            self.report_year,
            self.period,
            self.a.astype(np.int64),
            self.b.astype(np.int64),
            cells[:9].reshape(3, 3, total).transpose(2, 0, 1),
            cells[9],
            self.columns,
            self.rows_a,
            self.rows_b,
            cells=cells,
        )


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
    return PairStream(vm, by=by, rows_a=rows_a, rows_b=rows_b, triangle=triangle).tables()


class _Triangles:
    """Row-major positions (i, j), i < j, of the upper triangle of n × n matrices, n up to ``size``.

    Read backwards, the pairs of an n × n triangle are the first n(n − 1)/2 of one list for
    every n (v = n − 1 − i ascending, then u = n − 1 − j ascending), so each size costs a few
    passes over its own pairs; the arrays of each size are kept.
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
