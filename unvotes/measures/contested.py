"""Key and contested votes: narrow margins, split permanent members or regions, many abstentions.

For each selected roll call, over the members of the body on its date
(counted from the votes, not the stated totals), the columns ``margin``,
``abstain_share``, ``p5_split`` and ``regions_split`` defined in
:mod:`unvotes.engine.contested`.

A roll call is **narrow** when ``margin <= narrow`` (default 1/3: fewer than
twice as many yes as no votes), has **many abstentions** when
``abstain_share >= abstentions`` (default 0.25), and is **key** when it is
narrow, has many abstentions, splits the permanent members or splits at least
``regions`` regional groups (default 2). The flags are computed by
:func:`unvotes.engine.contested.contest_flags`; at the default thresholds the
selection option ``key=`` (``--key`` / ``--contested KIND`` on the
command line) keeps the same roll calls in any analysis.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from unvotes.engine.contested import ABSTENTIONS, NARROW, REGIONS, contest_flags
from unvotes.engine.matrix import ABSENT, ABSTAIN, NO, YES, VoteMatrix, check_by, select
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError, check_number
from unvotes.model import Dataset

__all__ = ["KEY_VOTE_COLUMNS", "key_votes"]

KEY_VOTE_COLUMNS: Final = (
    "rcid",
    "resolution",
    "date",
    "period",
    "title",
    "Y",
    "A",
    "N",
    "X",
    "margin",
    "abstain_share",
    "p5_split",
    "regions_split",
    "narrow",
    "many_abstentions",
    "key",
)


@selects
def key_votes(
    data: Dataset | VoteMatrix,
    *,
    narrow: float = NARROW,
    abstentions: float = ABSTENTIONS,
    regions: int = REGIONS,
    by: str | None = "year",
    only_key: bool = False,
    selection: Selection,
) -> pd.DataFrame:
    """Flag the close and contested roll calls, with their margins (see the module docstring).

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    narrow
        A roll call with ``margin`` at most this is narrow (default 1/3).
    abstentions
        A roll call with ``abstain_share`` at least this has many abstentions (default 0.25).
    regions
        A roll call splitting at least this many regional groups is key (default 2).
    by
        The ``period`` column: ``"year"`` (default), ``"session"`` or None (one period).
    only_key
        Only the key roll calls.
    **selection
        The selection options (:class:`~unvotes.engine.selection.Selection`).

    Returns
    -------
    pandas.DataFrame
        Columns ``rcid, resolution, date, period, title, Y, A, N, X, margin,
        abstain_share, p5_split, regions_split, narrow, many_abstentions,
        key``: one row per roll call in date order; ``Y A N X`` the counted
        votes.

    Examples
    --------
    >>> import unvotes
    >>> k = key_votes(unvotes.load(), rcids=["A/RES/ES-11/1", "A/RES/ES-11/3"], by=None)
    >>> k[["resolution", "Y", "N", "p5_split", "key"]].to_dict("records")[0]
    {'resolution': 'A/RES/ES-11/1', 'Y': 141, 'N': 5, 'p5_split': True, 'key': True}
    """
    if not 0 <= check_number(abstentions, "abstentions", low=0, high=1) <= 1:
        raise ArgumentError(f"abstentions must be a share between 0 and 1, not {abstentions!r}")
    if not -1 <= check_number(narrow, "narrow", low=-1, high=1) <= 1:
        raise ArgumentError(f"narrow must be a margin between -1 and 1, not {narrow!r}")
    if isinstance(regions, bool) or not isinstance(regions, int) or regions < 1:
        raise ArgumentError(f"regions must be a whole number >= 1, not {regions!r}")
    vm = select(data, selection)
    rc = vm.rollcalls
    codes = vm.codes
    counts = {
        k: (codes == v).sum(axis=0).astype(np.int64) for k, v in (("Y", YES), ("A", ABSTAIN), ("N", NO))
    }
    counts["X"] = (codes == ABSENT).sum(axis=0).astype(np.int64)
    flags = contest_flags(
        codes == YES,
        codes == ABSTAIN,
        codes == NO,
        list(vm.countries),
        rc["date"].to_numpy(),
        narrow=narrow,
        abstentions=abstentions,
        regions=regions,
    )
    labels, groups, _ = vm.periods(check_by(by))
    period = np.empty(len(rc), dtype=object)
    for label, cols in zip(labels, groups, strict=True):
        period[cols] = label
    out = pd.DataFrame(
        {
            "rcid": rc["rcid"].astype(str).to_numpy(),
            "resolution": rc["resolution"].to_numpy() if "resolution" in rc else None,
            "date": rc["date"].to_numpy(),
            "period": period,
            "title": rc["title"].to_numpy() if "title" in rc else None,
            **counts,
            **flags,
        }
    )
    if only_key:
        out = out[out["key"]].reset_index(drop=True)
    return out[list(KEY_VOTE_COLUMNS)]
