"""The alignment engine: a country × roll-call vote matrix and joint-vote tables.

:func:`vote_matrix` turns the canonical tables into a :class:`VoteMatrix`: a
small-integer array with one row per country and one column per roll call,
plus the roll calls' metadata aligned with the columns. The codes are

====  =====================================================
code  meaning
====  =====================================================
0     not a member of the body on that date (no vote row)
1     Y, yes
2     A, abstain
3     N, no
4     X, a member that did not vote
====  =====================================================

so that for votes cast, ``|x_i - x_j|`` is the distance between two votes
(Y–A and A–N are 1 apart, Y–N 2).

Every alignment measure is a function of the 3 × 3 table of joint votes of
a pair (how often *i* voted *k* while *j* voted *l*, for k, l in Y/A/N) and,
for the State Department's method, of the number of roll calls on which both
were members and at least one did not vote. :func:`pair_tables` computes
these tables for every pair at once from products of indicator matrices,
``J_kl = (M == k) @ (M == l).T``, in single precision through BLAS (exact for
counts below 2**24), one period (year, session) at a time. There is no Python
loop over pairs or roll calls.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.dataset import Dataset
from unvotes.errors import UnknownResolutionError
from unvotes.schema import ISSUE_CODES, VOTE_CODES, normalize_symbol

__all__ = [
    "ABSENT",
    "ABSTAIN",
    "BY_CHOICES",
    "NO",
    "NOT_MEMBER",
    "YES",
    "PairTables",
    "VoteMatrix",
    "pair_tables",
    "vote_matrix",
]

NOT_MEMBER: Final = 0
YES: Final = 1
ABSTAIN: Final = 2
NO: Final = 3
ABSENT: Final = 4
_LETTERS: Final = np.array([None, "Y", "A", "N", "X"], dtype=object)

BY_CHOICES: Final = ("year", "session", None)
"""How roll calls are grouped into periods: by calendar year, by GA session, or one period."""

_META: Final = (
    "rcid",
    "body",
    "date",
    "year",
    "session",
    "resolution",
    "modality",
    "adopted",
    "important",
    "amendment",
    "paragraph",
    *ISSUE_CODES,
)


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """Votes as a country × roll-call matrix of small integer codes.

    Attributes
    ----------
    codes : numpy.ndarray
        ``int8`` array of shape (countries, roll calls): 0 not a member, 1 Y,
        2 A, 3 N, 4 X (member that did not vote).
    countries : pandas.Index
        Country codes of the rows, sorted.
    rollcalls : pandas.DataFrame
        One row per column, in date order: ``rcid, body, date, year, session,
        resolution, modality, adopted, important, amendment, paragraph``, the
        issue flags ``me, nu, di, hr, co, ec``, and ``unanimous`` (every
        member that cast Y, A or N cast the same vote; False when nobody
        voted).

    Examples
    --------
    >>> import unvotes
    >>> vm = vote_matrix(unvotes.load(), body="GA", start=2022, end=2022)
    >>> vm.codes.dtype.name, vm.codes.shape[1] == len(vm.rollcalls)
    ('int8', True)
    """

    codes: np.ndarray
    countries: pd.Index
    rollcalls: pd.DataFrame

    def __repr__(self) -> str:
        return f"VoteMatrix({len(self.countries)} countries × {len(self.rollcalls)} roll calls)"

    @property
    def shape(self) -> tuple[int, int]:
        """(number of countries, number of roll calls)."""
        return (int(self.codes.shape[0]), int(self.codes.shape[1]))

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a DataFrame of vote letters (rows countries, columns rcids; NA = not a member).

        Examples
        --------
        >>> import unvotes
        >>> vm = vote_matrix(unvotes.load(), rcids=["A/RES/ES-11/1"])
        >>> vm.to_frame().loc["PAK"].item()
        'A'
        """
        return pd.DataFrame(
            _LETTERS[self.codes], index=self.countries.copy(), columns=pd.Index(self.rollcalls["rcid"])
        )

    def rows_of(self, countries: Iterable[str]) -> np.ndarray:
        """Row positions of country codes (-1 for a code without any vote row here)."""
        return self.countries.get_indexer(pd.Index(list(countries), dtype=object))

    def periods(self, by: str | None) -> tuple[list[Any], list[np.ndarray], np.ndarray]:
        """Group the columns into periods.

        Parameters
        ----------
        by
            ``"year"`` (calendar year of the vote), ``"session"`` (GA session;
            roll calls without a session, such as the Security Council's, are
            left out) or ``None`` (a single period labelled ``"FIRST-LAST"``
            years).

        Returns
        -------
        labels, columns, years
            The period labels in time order, the column positions of each
            period, and each period's report year (the latest year among its
            roll calls).
        """
        if by not in BY_CHOICES:
            raise ValueError(f"by must be one of 'year', 'session' or None, not {by!r}")
        years = self.rollcalls["year"].to_numpy(dtype=np.int64)
        n = len(years)
        if n == 0:
            return [], [], np.zeros(0, dtype=np.int64)
        if by is None:
            label = f"{years.min()}-{years.max()}"
            return [label], [np.arange(n)], np.array([years.max()])
        if by == "year":
            keys = np.unique(years)
            codes = np.searchsorted(keys, years)
            labels: list[Any] = [int(k) for k in keys]
        else:
            sess = self.rollcalls["session"]
            codes, uniques = pd.factorize(sess, sort=False)  # columns are in date order
            labels = [str(u) for u in uniques]
        order = np.argsort(codes, kind="stable")
        sorted_codes = codes[order]
        valid = sorted_codes >= 0
        order, sorted_codes = order[valid], sorted_codes[valid]
        bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
        groups = np.split(order, bounds) if len(order) else []
        present = np.unique(sorted_codes)
        labels = [labels[i] for i in present]
        report = np.array([years[g].max() for g in groups], dtype=np.int64)
        return labels, groups, report


def _year_bound(value: Any, *, end: bool) -> pd.Timestamp | None:
    """A start/end bound: a year (int or 'YYYY') covers the whole year; anything else is a date."""
    if value is None:
        return None
    if isinstance(value, (int, np.integer)) or (isinstance(value, str) and value.strip().isdigit()):
        year = int(value)
        return pd.Timestamp(year=year, month=12, day=31) if end else pd.Timestamp(year=year, month=1, day=1)
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{'end' if end else 'start'} must be a year or a date, not {value!r}") from exc


def _rollcall_mask(
    rc: pd.DataFrame,
    symbols: np.ndarray,
    *,
    body: str | None,
    start: Any,
    end: Any,
    issues: Sequence[str] | str | None,
    rcids: Sequence[str] | None,
    exclude_without_vote: bool,
) -> np.ndarray:
    mask = np.ones(len(rc), dtype=bool)
    if body is not None:
        b = str(body).upper()
        if b not in ("GA", "SC"):
            raise ValueError(f"body must be 'GA' or 'SC', not {body!r}")
        mask &= (rc["body"] == b).to_numpy()
    lo, hi = _year_bound(start, end=False), _year_bound(end, end=True)
    dates = rc["date"]
    if lo is not None:
        mask &= (dates >= lo).to_numpy()
    if hi is not None:
        mask &= (dates.dt.normalize() <= hi.normalize()).to_numpy()
    if issues is not None:
        wanted = [issues] if isinstance(issues, str) else list(issues)
        bad = [i for i in wanted if i not in ISSUE_CODES]
        if bad:
            raise ValueError(f"unknown issue code(s) {bad}; choose from {list(ISSUE_CODES)}")
        flagged = np.zeros(len(rc), dtype=bool)
        for code in wanted:
            flagged |= rc[code].fillna(False).to_numpy(dtype=bool)
        mask &= flagged
    if rcids is not None:
        wanted_ids = [rcids] if isinstance(rcids, str) else list(rcids)
        ids = pd.Index(rc["rcid"].astype(object))
        chosen = np.zeros(len(rc), dtype=bool)
        for rcid in wanted_ids:
            hit = (ids == rcid) | (symbols == normalize_symbol(rcid))
            if not hit.any():
                raise UnknownResolutionError(str(rcid))
            chosen |= hit
        mask &= chosen
    if exclude_without_vote:
        mask &= (rc["modality"] != "without a vote").to_numpy()
    return mask


def vote_matrix(
    dataset: Dataset,
    *,
    body: str | None = None,
    start: Any = None,
    end: Any = None,
    issues: Sequence[str] | str | None = None,
    rcids: Sequence[str] | None = None,
    exclude_unanimous: bool = False,
    exclude_without_vote: bool = True,
) -> VoteMatrix:
    """Build the country × roll-call vote matrix of a dataset.

    Parameters
    ----------
    dataset
        Canonical tables (see :class:`~unvotes.dataset.Dataset`).
    body
        ``"GA"`` or ``"SC"`` (case-insensitive); both by default.
    start, end
        Inclusive bounds: a year (``2019`` or ``"2019"``, the whole year) or a date.
    issues
        Keep roll calls flagged with any of these issue codes (``me, nu, di,
        hr, co, ec``).
    rcids
        Keep only these roll calls (rcids or resolution symbols).
    exclude_unanimous
        Leave out roll calls on which every member that voted cast the same
        vote (Voeten's agreement scores leave them out).
    exclude_without_vote
        Leave out roll calls adopted without a vote (default), whose "Y for
        everyone" would inflate agreement.

    Returns
    -------
    VoteMatrix
        Rows: every country with a vote row (Y, A, N or X) on a kept roll
        call; columns: the kept roll calls in date order.

    Raises
    ------
    ValueError
        For a bad body, bound or issue code.
    UnknownResolutionError
        For an rcid or symbol not in the dataset.

    Examples
    --------
    >>> import unvotes
    >>> vm = vote_matrix(unvotes.load(), rcids=["A/RES/ES-11/1"])
    >>> int((vm.codes == 1).sum()), int((vm.codes == 3).sum())
    (141, 5)
    """
    rc = dataset.rollcalls
    votes = dataset.votes
    mask = _rollcall_mask(
        rc,
        dataset.symbols,
        body=body,
        start=start,
        end=end,
        issues=issues,
        rcids=rcids,
        exclude_without_vote=exclude_without_vote,
    )
    dates = rc["date"].to_numpy()
    kept = np.flatnonzero(mask)
    kept = kept[np.argsort(dates[kept], kind="stable")]
    col_of_rc = np.full(len(rc) + 1, -1, dtype=np.int64)  # last slot: votes on unknown rcids
    col_of_rc[kept] = np.arange(len(kept))

    rc_cat = votes["rcid"].cat
    rc_row = pd.Index(rc["rcid"].astype(object)).get_indexer(pd.Index(rc_cat.categories.astype(object)))
    rc_row = np.where(rc_row < 0, len(rc), rc_row)
    vote_rc = rc_cat.codes.to_numpy().astype(np.int64)
    vote_col = col_of_rc[np.where(vote_rc >= 0, rc_row[vote_rc], len(rc))]
    keep = vote_col >= 0
    vote_col = vote_col[keep]

    v_cat = votes["vote"].cat
    letter_code = pd.Index(list(VOTE_CODES)).get_indexer(pd.Index(v_cat.categories.astype(object))) + 1
    v_codes = v_cat.codes.to_numpy()[keep].astype(np.int64)
    vote_code = np.where(v_codes >= 0, letter_code[v_codes], NOT_MEMBER).astype(np.int8)

    c_cat = votes["country"].cat
    c_codes = c_cat.codes.to_numpy()[keep].astype(np.int64)
    categories = np.asarray(c_cat.categories.astype(object))
    used = np.flatnonzero(np.bincount(c_codes[c_codes >= 0], minlength=len(categories)) > 0)
    used = used[np.argsort(categories[used].astype(str), kind="stable")]
    row_of_cat = np.full(len(categories), -1, dtype=np.int64)
    row_of_cat[used] = np.arange(len(used))
    vote_row = row_of_cat[c_codes]

    matrix = np.zeros((len(used), len(kept)), dtype=np.int8)
    matrix[vote_row, vote_col] = vote_code

    counts = np.bincount(vote_col * 5 + vote_code, minlength=len(kept) * 5).reshape(len(kept), 5)
    unanimous = (counts[:, YES : NO + 1] > 0).sum(axis=1) == 1

    meta = rc.iloc[kept][[c for c in _META if c in rc.columns]].reset_index(drop=True)
    meta["unanimous"] = unanimous
    countries = pd.Index(categories[used].astype(str), name="country")
    if exclude_unanimous and unanimous.any():
        cols = np.flatnonzero(~unanimous)
        matrix = matrix[:, cols]
        meta = meta.iloc[cols].reset_index(drop=True)
        rows = np.flatnonzero((matrix != NOT_MEMBER).any(axis=1))
        matrix = np.ascontiguousarray(matrix[rows])
        countries = countries[rows]
    return VoteMatrix(matrix, countries, meta)


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
    """

    labels: list[Any]
    report_year: np.ndarray
    period: np.ndarray
    a: np.ndarray
    b: np.ndarray
    table: np.ndarray
    absent: np.ndarray

    def __len__(self) -> int:
        return len(self.period)


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
def _single_threaded_blas() -> Iterator[None]:
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
    with _single_threaded_blas():
        _collect(vm, groups, ra, rb, symmetric, triangle, parts)
    if not groups:
        empty = np.zeros(0, dtype=np.int64)
        return PairTables(
            [], report, empty, empty, empty, np.zeros((0, 3, 3), np.float32), np.zeros(0, np.float32)
        )
    cells = np.concatenate(parts["table"], axis=2)
    return PairTables(
        labels,
        report,
        np.concatenate(parts["period"]),
        np.concatenate(parts["a"]),
        np.concatenate(parts["b"]),
        cells.transpose(2, 0, 1),
        np.concatenate(parts["absent"]),
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
