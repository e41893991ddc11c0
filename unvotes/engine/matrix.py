"""The vote matrix: every vote of the selected roll calls as a country × roll-call array of small codes.

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

A vote the source does not record (``U``: a member of the body whose vote is
unknown, as in a veto list that names only the vetoing members) is code 0 in
the matrix, so every measure leaves it out as it leaves out a non-member; the
matrix keeps how many per roll call (``rollcalls["unknown"]``,
:attr:`VoteMatrix.n_unknown`) and :func:`vote_matrix` says how many it left
out in one :class:`~unvotes.errors.DataQualityWarning`.

The selection of roll calls is a :class:`~unvotes.engine.selection.Selection`;
:func:`select` builds the matrix of a Dataset's selected roll calls, or
narrows a matrix already built, so every measure accepts either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine.contested import contested_mask
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError
from unvotes.model import ISSUE_CODES, Dataset, in_body

__all__ = [
    "ABSENT",
    "ABSTAIN",
    "BY_CHOICES",
    "NO",
    "NOT_MEMBER",
    "YES",
    "VoteMatrix",
    "check_by",
    "data_coverage",
    "select",
    "vote_matrix",
]

NOT_MEMBER: Final = 0
YES: Final = 1
ABSTAIN: Final = 2
NO: Final = 3
ABSENT: Final = 4
_LETTERS: Final = np.array([None, "Y", "A", "N", "X"], dtype=object)
_MATRIX_CODE: Final = {"Y": YES, "A": ABSTAIN, "N": NO, "X": ABSENT, "U": NOT_MEMBER}

BY_CHOICES: Final = ("year", "session", None)
"""How roll calls are grouped into periods: by calendar year, by GA session, or one period."""


def check_by(by: Any) -> str | None:
    """A ``by`` argument checked: ``"year"``, ``"session"`` or None (``"none"`` is accepted for None).

    Examples
    --------
    >>> check_by("Year"), check_by("none"), check_by(None)
    ('year', None, None)
    """
    if isinstance(by, str):
        text = by.strip().lower()
        if text == "none":
            return None
        if text in BY_CHOICES:
            return text
    elif by is None:
        return None
    raise ArgumentError(f"by must be 'year', 'session' or None (one period), not {by!r}")


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
    "title",  # title, subjects and agenda: for the topic of a narrowed matrix
    "subjects",
    "agenda",
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
        issue flags ``me, nu, di, hr, co, ec``, ``unanimous`` (every
        member that cast Y, A or N cast the same vote; False when nobody
        voted) and ``unknown`` (members whose vote the source does not
        record, ``U``: code 0 here, left out of every measure).
    holders : dict of str to numpy.ndarray, optional
        Set by :func:`unvotes.engine.seats.continue_seats`: for each row that
        carries a seat through its earlier holders, the code of the state
        that held the seat on each roll call (None where the seat had no
        vote row).
    coverage : tuple of (pandas.Timestamp, pandas.Timestamp), optional
        The spans of time the dataset's roll calls in the selected body (or
        bodies) cover, whatever the selection's own bounds
        (:func:`data_coverage`), for flagging partial periods.

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
    holders: dict[str, np.ndarray] | None = None
    coverage: tuple[tuple[pd.Timestamp, pd.Timestamp], ...] | None = None

    def __repr__(self) -> str:
        return f"VoteMatrix({len(self.countries)} countries × {len(self.rollcalls)} roll calls)"

    @property
    def n_unknown(self) -> int:
        """How many votes of these roll calls the sources do not record (``U``), left out as code 0."""
        if "unknown" not in self.rollcalls:
            return 0
        return int(self.rollcalls["unknown"].sum())

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

    def voted_in(self, rows: np.ndarray, groups: Sequence[np.ndarray]) -> np.ndarray:
        """Boolean ``len(rows) × len(groups)``: has row ``rows[i]`` a vote row (Y, A, N, X) among columns
        ``groups[j]``? A row position of -1 (a country absent from the matrix) never has.

        Examples
        --------
        >>> vm = VoteMatrix(np.array([[1, 0], [0, 4]], dtype=np.int8), pd.Index(["A", "B"]), pd.DataFrame())
        >>> vm.voted_in(np.array([0, 1, -1]), [np.array([0]), np.array([0, 1])]).tolist()
        [[True, True], [False, True], [False, False]]
        """
        rows = np.asarray(rows, dtype=np.int64)
        present = np.zeros((len(rows), self.codes.shape[1]), dtype=bool)
        known = rows >= 0  # a matrix with no country (an empty selection) has no known row
        present[known] = self.codes[rows[known]] != NOT_MEMBER
        out = np.zeros((len(rows), len(groups)), dtype=bool)
        for j, cols in enumerate(groups):
            out[:, j] = present[:, cols].any(axis=1)
        return out

    def narrow(self, selection: Selection) -> VoteMatrix:
        """The matrix of the columns that ``selection`` keeps, without the countries left with no vote row.

        Options that a matrix cannot show again are taken as the matrix was
        built: roll calls adopted without a vote left out of it stay out.
        """
        keep = selection.mask(self.rollcalls)
        if selection.exclude_unanimous:
            keep &= ~self.rollcalls["unanimous"].to_numpy(dtype=bool)
        if selection.key_kinds:
            keep &= _contested(self.codes, self.countries, self.rollcalls, selection.key_kinds)
        if keep.all():
            return self
        cols = np.flatnonzero(keep)
        codes = self.codes[:, cols]
        rows = np.flatnonzero((codes != NOT_MEMBER).any(axis=1))
        countries = self.countries[rows]
        holders = None
        if self.holders is not None:
            kept = set(countries)
            holders = {c: h[cols] for c, h in self.holders.items() if c in kept}
        return VoteMatrix(
            np.ascontiguousarray(codes[rows]),
            countries,
            self.rollcalls.iloc[cols].reset_index(drop=True),
            holders,
            self.coverage,
        )

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
        by = check_by(by)
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


@selects
def vote_matrix(dataset: Dataset, *, selection: Selection) -> VoteMatrix:
    """Build the country × roll-call vote matrix of a dataset's selected roll calls.

    Parameters
    ----------
    dataset
        Canonical tables (see :class:`~unvotes.model.Dataset`).
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`).

    Returns
    -------
    VoteMatrix
        Rows: every country with a vote row (Y, A, N or X) on a kept roll
        call; columns: the kept roll calls in date order.

    Raises
    ------
    ArgumentError
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
    if not isinstance(dataset, Dataset):
        raise ArgumentError(f"dataset must be a Dataset, not {type(dataset).__name__}")
    rc = dataset.rollcalls
    votes = dataset.votes
    mask = selection.mask(rc, dataset.symbols)
    dates = rc["date"].to_numpy()
    kept = np.flatnonzero(mask)
    kept = kept[np.argsort(dates[kept], kind="stable")]
    n_cols = len(kept)

    # Per vote row, its column (-1: a roll call not kept), its matrix code and its country's row,
    # through lookup tables over the categories; a missing code (-1) takes a table's last entry.
    rc_codes = votes["rcid"].array.codes
    col_of_rc = np.full(len(rc) + 1, -1, dtype=np.int64)  # last slot: an rcid not in the table
    col_of_rc[kept] = np.arange(n_cols)
    col_of_cat = np.append(col_of_rc[_rollcall_rows(rc, votes["rcid"].array.categories)], -1)
    vote_col = col_of_cat[rc_codes]
    v_values = votes["vote"].array
    vote_code = _vote_codes(v_values.codes, [str(c) for c in v_values.categories])
    c_values = votes["country"].array
    categories = np.asarray(c_values.categories.astype(object))
    flat = c_values.codes.astype(np.int64)
    if len(flat) and flat.min() < 0:
        flat[flat < 0] = len(categories)  # a vote without a country: the spare row below
    if len(vote_col) and (col_of_cat[:-1].min(initial=0) < 0 or rc_codes.min() < 0):
        keep = vote_col >= 0  # only the votes of kept roll calls
        vote_col, vote_code, flat = vote_col[keep], vote_code[keep], flat[keep]
        u_codes = v_values.codes[keep]
    else:
        u_codes = v_values.codes
    unknown = _unknown_code(v_values.categories)
    n_unknown = np.zeros(n_cols, dtype=np.int64)
    if unknown is not None and len(u_codes):
        is_unknown = u_codes == unknown
        if is_unknown.any():
            n_unknown = np.bincount(vote_col[is_unknown], minlength=n_cols)

    # One row per country category (and a spare one), filled in one scatter; a U vote is code 0.
    full = np.zeros((len(categories) + 1, n_cols), dtype=np.int8)
    flat *= n_cols
    flat += vote_col
    full.reshape(-1)[flat] = vote_code
    used = np.flatnonzero((full[:-1] != NOT_MEMBER).any(axis=1))  # a country with only U votes: no row
    used = used[np.argsort(categories[used].astype(str), kind="stable")]
    matrix = full[:-1] if len(used) == len(categories) and (np.diff(used) > 0).all() else full[used]

    cast = [(matrix == code).any(axis=0) for code in (YES, ABSTAIN, NO)]
    unanimous = (cast[0].astype(np.int8) + cast[1] + cast[2]) == 1

    body = np.asarray(in_body(rc, selection.body), dtype=bool)
    coverage = _coverage(rc, body)
    columns = {c: rc[c].array.take(kept) for c in _META if c in rc.columns}
    columns["unanimous"] = unanimous
    columns["unknown"] = n_unknown.astype(np.int64)
    meta = pd.DataFrame(columns, copy=False)
    countries = pd.Index(categories[used].astype(str), name="country")
    drop = unanimous if selection.exclude_unanimous else np.zeros(len(kept), dtype=bool)
    if selection.key_kinds:
        drop = drop | ~_contested(matrix, countries, meta, selection.key_kinds)
    if drop.any():
        cols = np.flatnonzero(~drop)
        matrix = matrix[:, cols]
        meta = meta.iloc[cols].reset_index(drop=True)
        rows = np.flatnonzero((matrix != NOT_MEMBER).any(axis=1))
        matrix = np.ascontiguousarray(matrix[rows])
        countries = countries[rows]
    out = VoteMatrix(matrix, countries, meta, coverage=coverage)
    if out.n_unknown:
        _warn_unknown(out)
    return out


def _contested(
    codes: np.ndarray, countries: pd.Index, rollcalls: pd.DataFrame, kinds: Sequence[str]
) -> np.ndarray:
    """Per column: contested in any of ``kinds`` (:func:`unvotes.engine.contested.contested_mask`)."""
    return contested_mask(
        codes == YES, codes == ABSTAIN, codes == NO, list(countries), rollcalls["date"].to_numpy(), kinds
    )


def _unknown_code(categories: pd.Index) -> int | None:
    """The category code of ``U`` (a vote the source does not record), or None."""
    found = np.flatnonzero(np.asarray(categories.astype(str)) == "U")
    return int(found[0]) if len(found) else None


_CANONICAL_VOTES: Final = ["Y", "A", "N", "X", "U"]


def _vote_codes(codes: np.ndarray, categories: list[str]) -> np.ndarray:
    """Matrix codes of the vote categories' codes (-1: missing, code 0)."""
    if categories == _CANONICAL_VOTES:  # Y A N X U -> 1 2 3 4 0, and -1 -> 0: code + 1, 5 -> 0
        out = codes.astype(np.int8)
        out += 1
        np.multiply(out, out != 5, out=out)
        return out
    table = np.array([_MATRIX_CODE.get(c, NOT_MEMBER) for c in categories] + [NOT_MEMBER], np.int8)
    return table[codes]


def _coverage(rc: pd.DataFrame, body: np.ndarray) -> tuple[tuple[pd.Timestamp, pd.Timestamp], ...]:
    """:func:`data_coverage` of the roll calls in ``body`` (a mask over ``rc``)."""
    if "source" not in rc:
        return data_coverage(rc[body])
    return _spans(pd.factorize(rc["source"])[0][body], rc["date"].to_numpy()[body])


def _rollcall_rows(rc: pd.DataFrame, categories: pd.Index) -> np.ndarray:
    """Per rcid category of the votes, its row in the roll-call table (``len(rc)``: none, then -1)."""
    ids = rc["rcid"].to_numpy()
    if len(categories) == len(ids) and np.array_equal(categories.to_numpy(), ids):
        return np.arange(len(ids))
    rows = pd.Index(rc["rcid"].astype(object)).get_indexer(pd.Index(categories.astype(object)))
    return np.where(rows < 0, len(rc), rows)


def _warn_unknown(vm: VoteMatrix) -> None:
    import warnings

    from unvotes.errors import DataQualityWarning

    n_rc = int((vm.rollcalls["unknown"] > 0).sum())
    warnings.warn(
        DataQualityWarning(
            f"{vm.n_unknown} vote(s) on {n_rc} roll call(s) are not recorded in the sources (U) "
            "and are left out of the measures"
        ),
        stacklevel=3,
    )


COVERAGE_GAP_DAYS: Final = 60
"""A stretch longer than this between the spans of two source files is a gap in the data."""


def data_coverage(rollcalls: pd.DataFrame) -> tuple[tuple[pd.Timestamp, pd.Timestamp], ...]:
    """The spans of time a set of roll calls covers, source file by source file.

    Each source file (the ``source`` column: ``"unxml-ga:74.json"``) covers
    the span from its first to its last roll call; spans that overlap or lie
    at most :data:`COVERAGE_GAP_DAYS` apart are joined. What lies between
    the joined spans is a gap the data cannot speak for (the UN extracts of
    session 74 stop on 27 December 2019, those of session 75 begin on 21
    September 2020), and so is what lies before the first and after the last.

    Examples
    --------
    >>> rc = pd.DataFrame({"source": ["a", "a", "b", "c"],
    ...                    "date": pd.to_datetime(["2000-01-05", "2000-05-01", "2000-05-20", "2001-03-01"])})
    >>> [(str(a.date()), str(b.date())) for a, b in data_coverage(rc)]
    [('2000-01-05', '2000-05-20'), ('2001-03-01', '2001-03-01')]
    """
    if not len(rollcalls):
        return ()
    return _spans(pd.factorize(rollcalls["source"])[0], rollcalls["date"].to_numpy())


def _spans(sources: np.ndarray, dates: np.ndarray) -> tuple[tuple[pd.Timestamp, pd.Timestamp], ...]:
    """The joined spans of :func:`data_coverage`, from each roll call's source (as a code) and date."""
    dated = ~np.isnat(dates)
    if not dated.any():
        return ()
    codes, dates = sources[dated], dates[dated]
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
    lows = np.minimum.reduceat(dates[order], starts)
    highs = np.maximum.reduceat(dates[order], starts)
    by_low = np.argsort(lows, kind="stable")
    gap = np.timedelta64(COVERAGE_GAP_DAYS, "D")
    out: list[list[np.datetime64]] = []
    for lo, hi in zip(lows[by_low], highs[by_low], strict=True):
        if out and lo <= out[-1][1] + gap:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((pd.Timestamp(a), pd.Timestamp(b)) for a, b in out)


_DEFAULT: Final = Selection()


def select(data: Dataset | VoteMatrix, selection: Selection) -> VoteMatrix:
    """The vote matrix of the selected roll calls: built from a Dataset, or narrowed from a VoteMatrix.

    A VoteMatrix is used as it is when every option has its default value
    (it was selected when it was built); options given narrow it further.

    Examples
    --------
    >>> import unvotes
    >>> vm = vote_matrix(unvotes.load(), body="GA", start=2022, end=2023)
    >>> select(vm, Selection(start=2023)).rollcalls["year"].unique().tolist()
    [2023]
    """
    if isinstance(data, VoteMatrix):
        return data if selection == _DEFAULT else data.narrow(selection)
    if isinstance(data, Dataset):
        return vote_matrix(data, selection=selection)
    raise ArgumentError(f"data must be a Dataset or a VoteMatrix, not {type(data).__name__}")
