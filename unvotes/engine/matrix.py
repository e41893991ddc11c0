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

The selection of roll calls is a :class:`~unvotes.engine.selection.Selection`;
:func:`select` builds the matrix of a Dataset's selected roll calls, or
narrows a matrix already built, so every measure accepts either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError
from unvotes.model import ISSUE_CODES, VOTE_CODES, Dataset

__all__ = [
    "ABSENT",
    "ABSTAIN",
    "BY_CHOICES",
    "NO",
    "NOT_MEMBER",
    "YES",
    "VoteMatrix",
    "check_by",
    "select",
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

    def narrow(self, selection: Selection) -> VoteMatrix:
        """The matrix of the columns that ``selection`` keeps, without the countries left with no vote row.

        Options that a matrix cannot show again are taken as the matrix was
        built: roll calls adopted without a vote left out of it stay out.
        """
        keep = selection.mask(self.rollcalls)
        if selection.exclude_unanimous:
            keep &= ~self.rollcalls["unanimous"].to_numpy(dtype=bool)
        if keep.all():
            return self
        cols = np.flatnonzero(keep)
        codes = self.codes[:, cols]
        rows = np.flatnonzero((codes != NOT_MEMBER).any(axis=1))
        return VoteMatrix(
            np.ascontiguousarray(codes[rows]),
            self.countries[rows],
            self.rollcalls.iloc[cols].reset_index(drop=True),
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
    rc = dataset.rollcalls
    votes = dataset.votes
    mask = selection.mask(rc, dataset.symbols)
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
    if selection.exclude_unanimous and unanimous.any():
        cols = np.flatnonzero(~unanimous)
        matrix = matrix[:, cols]
        meta = meta.iloc[cols].reset_index(drop=True)
        rows = np.flatnonzero((matrix != NOT_MEMBER).any(axis=1))
        matrix = np.ascontiguousarray(matrix[rows])
        countries = countries[rows]
    return VoteMatrix(matrix, countries, meta)


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
