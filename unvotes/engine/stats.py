"""Linear statistics of joint-vote tables, each computed once, when a measure first reads it.

The measures of :mod:`unvotes.measures` are written on the statistics of the
3 × 3 table of joint votes of a pair (:data:`STAT_NAMES`: ``n``, ``same``,
``opposite``, ``partial``, distances, margins, absences), which are linear in
the table's nine cells. :class:`PairStats` computes them from the cells of
many pairs at once (:meth:`unvotes.engine.pairs.PairTables.cell_block`);
:func:`table_stats` gives all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import numpy as np

__all__ = ["EXACT_FLOAT32", "STAT_NAMES", "VOTE_DISTANCE", "PairStats", "table_stats"]


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
    both
        The last row of ``cells`` counts the roll calls on which both were members (absences
        plus joint votes), as :meth:`unvotes.engine.pairs.PairStream.chunks` gives it.

    Attributes
    ----------
    destination : numpy.ndarray or None
        Where the caller will store the next measure's values (float64, one per pair): a
        measure may write its values there and return that array, saving a copy.

    Examples
    --------
    >>> x = np.zeros((10, 1), dtype=np.float32); x[0] = 2; x[6] = 1
    >>> st = PairStats(x, max_n=3)
    >>> float(st["n"][0]), float(st["same"][0]), float(st["opposite"][0]), float(st["d1"][0])
    (3.0, 2.0, 1.0, 2.0)
    >>> st["n"].dtype.name, st.exact("n").dtype.name
    ('float64', 'float32')
    """

    def __init__(
        self, cells: np.ndarray, report_year: Any = None, *, max_n: int | None = None, both: bool = False
    ) -> None:
        x = np.asarray(cells)
        self._both = both
        narrow = x.dtype == np.float32 and max_n is not None and 4 * max_n < EXACT_FLOAT32
        self._x = x if narrow else x.astype(np.float64)
        self.max_n = max_n
        self.destination: np.ndarray | None = None
        self._exact: dict[str, np.ndarray] = {}
        self._done: dict[str, np.ndarray] = {}
        self._year = report_year

    def exact(self, key: str) -> np.ndarray:
        """A statistic as exact integers in the cells' type (float32 or float64)."""
        done = self._exact.get(key)
        if done is None:
            if key == "absent" and self._both:  # the last row counts the roll calls with both members
                done = self._x[9] - self.exact("n")
            else:
                done = _RECIPES[key](self._x, self.exact)
            self._exact[key] = done
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
