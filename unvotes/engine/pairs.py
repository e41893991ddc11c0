"""Joint-vote tables of pairs of countries, per period, from products of indicator matrices.

Every pairwise measure of :mod:`unvotes.measures` is a function of the 3 × 3
table of joint votes of a pair (how often *i* voted *k* while *j* voted
*l*, for k, l in Y/A/N) and, for the State Department's method, of the
number of roll calls on which both were members and at least one did not
vote. :func:`pair_tables` computes these tables for every pair at once from
products of indicator matrices, ``J_kl = (M == k) @ (M == l).T``, in single
precision through BLAS (exact for counts below 2**24), one period (year,
session) at a time. There is no Python loop over pairs or roll calls.

:func:`table_stats` turns tables into the statistics that are linear in
their nine cells (``n``, ``same``, ``opposite``, ``partial``, distances,
margins), in one matrix product; the measures are written on these.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np

from unvotes.engine.matrix import ABSENT, ABSTAIN, NO, NOT_MEMBER, YES, VoteMatrix

__all__ = ["STAT_NAMES", "VOTE_DISTANCE", "PairTables", "pair_tables", "single_threaded_blas", "table_stats"]


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
        voted l, with k, l = 0, 1, 2 for Y, A, N. It is a view of an array
        stored as (3, 3, rows), so that each cell is contiguous.
    absent : numpy.ndarray
        Per row, the roll calls on which both were members and at least one
        did not vote (X).
    columns : list of numpy.ndarray
        Per period, the positions of its columns in the vote matrix.
    rows_a, rows_b : numpy.ndarray or None
        The requested row lists that ``a`` and ``b`` index (None when ``a``
        and ``b`` are rows of the vote matrix themselves, as with ``triangle``).
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


def _take_rows(sub: np.ndarray, rows: np.ndarray) -> np.ndarray:
    out = sub[np.maximum(rows, 0)]
    out[rows < 0] = NOT_MEMBER
    return out


def _indicators(sub: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    votes = [(sub == k).astype(np.float32) for k in (YES, ABSTAIN, NO)]
    return votes, (sub == ABSENT).astype(np.float32), (sub != NOT_MEMBER).astype(np.float32)


def _joint(
    sub_a: np.ndarray, sub_b: np.ndarray | None, i: np.ndarray, j: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Joint tables (3, 3, pairs) and absent counts (pairs,) of the pairs (i[p], j[p]) of two code blocks.

    ``sub_b=None`` means the same block as ``sub_a``; symmetry is then used
    (``J_lk = J_kl.T``: 6 products instead of 9, plus 2 for absences, none
    when nobody was absent).
    """
    ia, xa, ma = _indicators(sub_a)
    if sub_b is None:
        ib, xb, mb = ia, xa, ma
    else:
        ib, xb, mb = _indicators(sub_b)
    nb = ib[0].shape[0]
    flat = i * nb + j
    flat_t = j * nb + i if sub_b is None else flat
    cells = np.empty((3, 3, len(flat)), dtype=np.float32)
    for k in range(3):
        for m in range(3):
            if sub_b is None and m < k:
                continue
            product = (ia[k] @ ib[m].T).ravel()
            np.take(product, flat, out=cells[k, m])
            if sub_b is None and m > k:
                np.take(product, flat_t, out=cells[m, k])
    if not (xa.any() or xb.any()):
        return cells, np.zeros(len(flat), dtype=np.float32)
    x_m = (xa @ mb.T).ravel()
    m_x = x_m if sub_b is None else (ma @ xb.T).ravel()
    absent = x_m[flat] + m_x[flat_t if sub_b is None else flat] - (xa @ xb.T).ravel()[flat]
    return cells, absent


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
    if triangle and (rows_a is not None or rows_b is not None):
        raise ValueError("triangle=True needs rows_a and rows_b to be None")
    all_rows = np.arange(vm.shape[0])
    ra = all_rows if rows_a is None else np.asarray(rows_a, dtype=np.int64)
    symmetric = rows_b is None
    rb = ra if symmetric else np.asarray(rows_b, dtype=np.int64)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("period", "a", "b", "table", "absent")}
    with single_threaded_blas():
        _collect(vm, groups, ra, rb, symmetric, triangle, parts)
    lists: dict[str, Any] = {} if triangle else {"rows_a": ra, "rows_b": rb}
    if not groups:
        empty = np.zeros(0, dtype=np.int64)
        return PairTables(
            [], report, empty, empty, empty, np.zeros((0, 3, 3), np.float32), np.zeros(0, np.float32),
            [], **lists,
        )  # fmt: skip
    cells = np.concatenate(parts["table"], axis=2)
    return PairTables(
        labels,
        report,
        np.concatenate(parts["period"]),
        np.concatenate(parts["a"]),
        np.concatenate(parts["b"]),
        cells.transpose(2, 0, 1),
        np.concatenate(parts["absent"]),
        groups,
        **lists,
    )


def _collect(
    vm: VoteMatrix,
    groups: list[np.ndarray],
    ra: np.ndarray,
    rb: np.ndarray,
    symmetric: bool,
    triangle: bool,
    parts: dict[str, list[np.ndarray]],
) -> None:
    for p, cols in enumerate(groups):
        lo, hi = int(cols.min()), int(cols.max()) + 1
        sub = vm.codes[:, lo:hi] if hi - lo == len(cols) else vm.codes[:, cols]  # years are contiguous
        if triangle:
            present = np.flatnonzero((sub != NOT_MEMBER).any(axis=1))
            i, j = np.triu_indices(len(present), k=1)
            cells, absent = _joint(sub[present], None, i, j)
            a, b = present[i], present[j]
        else:
            i, j = (g.ravel() for g in np.meshgrid(np.arange(len(ra)), np.arange(len(rb)), indexing="ij"))
            cells, absent = _joint(_take_rows(sub, ra), None if symmetric else _take_rows(sub, rb), i, j)
            a, b = i, j
        parts["period"].append(np.full(len(i), p, dtype=np.int64))
        parts["a"].append(a)
        parts["b"].append(b)
        parts["table"].append(cells)
        parts["absent"].append(absent)


VOTE_DISTANCE: Final = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(np.float64)
"""Distance between two votes cast, Y, A, N as 0, 1, 2: Y–A and A–N are 1 apart, Y–N 2."""


def _linear_rows() -> tuple[tuple[str, ...], np.ndarray]:
    """Every statistic that is linear in the 9 cells, as rows of weights over the flattened table."""
    eye = np.eye(3)
    rows = {
        "n": np.ones((3, 3)),
        "same": eye,
        "yes_no_same": np.diag([1.0, 0.0, 1.0]),
        "opposite": np.array([[0, 0, 1], [0, 0, 0], [1, 0, 0]], dtype=np.float64),
        "partial": np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=np.float64),
        "d1": VOTE_DISTANCE,
        "d2": VOTE_DISTANCE**2,
        **{f"r{k}": np.outer(eye[k], np.ones(3)) for k in range(3)},
        **{f"c{k}": np.outer(np.ones(3), eye[k]) for k in range(3)},
    }
    return tuple(rows), np.stack([w.ravel() for w in rows.values()])


_LINEAR: Final = _linear_rows()
STAT_NAMES: Final = (*_LINEAR[0], "absent")
"""The statistics of :func:`table_stats`: ``n`` joint Y/A/N votes, ``same`` identical votes,
``yes_no_same`` both Y or both N, ``opposite`` Y against N, ``partial`` A against Y or N, ``d1`` and
``d2`` the sums of vote distances and their squares, ``r0..r2`` / ``c0..c2`` the first / second
country's count of Y, A, N, and ``absent`` the roll calls where both were members and one did not vote."""


def table_stats(cells: np.ndarray, absent: np.ndarray) -> dict[str, np.ndarray]:
    """Linear statistics (:data:`STAT_NAMES`) of joint tables stored as (3, 3, pairs), in one product.

    Examples
    --------
    >>> t = np.zeros((3, 3, 1), dtype=np.float32); t[0, 0] = 2; t[2, 0] = 1
    >>> st = table_stats(t, np.zeros(1))
    >>> float(st["n"][0]), float(st["same"][0]), float(st["opposite"][0]), float(st["d1"][0])
    (3.0, 2.0, 1.0, 2.0)
    """
    flat = cells.reshape(9, -1)
    if flat.dtype not in (np.float32, np.float64):
        flat = flat.astype(np.float64)
    with single_threaded_blas():
        # float32 counts stay exact: every statistic is an integer below 2**24
        values = (_LINEAR[1].astype(flat.dtype) @ flat).astype(np.float64)
    out = dict(zip(_LINEAR[0], values, strict=True))
    out["absent"] = np.asarray(absent, dtype=np.float64)
    return out
