"""Absences a source leaves out: members of the body on the date that the source does not list.

Some sources list only the members that voted Y, A or N (the R ``unvotes``
tables, which dropped Voeten's absent and non-member rows; the UN's
machine-readable extracts, which list names under "in favour", "against"
and "abstaining"). For such a source every member of the body on the date of
a roll call that the source does not list did not vote: it becomes ``X``,
and the roll call's ``absences_inferred`` column says so, so that tallies,
the State Department method (which counts absences) and abstention analysis
see the same members as in a source that records absences itself.

Membership comes from the registry: UN membership for the General Assembly
(:func:`unvotes.registry.un_member_grid`), Council seats for the Security
Council (:func:`unvotes.registry.sc_member_grid`). A roll call with no vote
row at all (adopted without a vote) gets no X rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from unvotes.model import VOTE_DTYPE

__all__ = ["infer_absences"]


def infer_absences(rollcalls: pd.DataFrame, votes: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The votes plus an ``X`` row for each member of the body that a roll call does not list.

    Parameters
    ----------
    rollcalls
        A loader's roll-call table: ``rcid``, ``body`` and ``date`` per row.
    votes
        Its votes: ``rcid`` (a categorical whose categories are the roll
        calls' rcids, in the same order), ``country`` (a categorical over
        registry codes) and ``vote``.

    Returns
    -------
    votes, inferred
        The votes with the added ``X`` rows after the source's own rows
        (same dtypes), and per roll call whether absences were inferred (it
        had at least one vote row).

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": ["r1"], "body": ["SC"], "date": [pd.Timestamp("2022-02-25")]})
    >>> countries = pd.CategoricalDtype(["RUS", "USA", "GBR", "FRA", "CHN"])
    >>> v = pd.DataFrame({"rcid": pd.Categorical(["r1"] * 2, categories=["r1"]),
    ...                   "country": pd.Categorical(["USA", "RUS"], dtype=countries),
    ...                   "vote": pd.Categorical(["Y", "N"], dtype=VOTE_DTYPE)})
    >>> out, inferred = infer_absences(rc, v)
    >>> out["vote"].astype(str).value_counts().to_dict(), inferred.tolist()
    ({'X': 13, 'Y': 1, 'N': 1}, [True])
    """
    from unvotes.registry import all_codes, sc_member_grid, un_member_grid

    n_rc = len(rollcalls)
    rc_pos = votes["rcid"].cat.codes.to_numpy().astype(np.int64)
    if list(votes["rcid"].cat.categories) != list(rollcalls["rcid"]):
        raise ValueError("votes['rcid'] categories must be the roll calls' rcids, in order")
    has_votes = np.bincount(rc_pos[rc_pos >= 0], minlength=n_rc) > 0
    codes = np.asarray(all_codes(), dtype=object)
    code_index = pd.Index(codes)
    cats = np.asarray(votes["country"].cat.categories.astype(object))
    cat_to_code = code_index.get_indexer(pd.Index(cats))
    v_code = votes["country"].cat.codes.to_numpy().astype(np.int64)
    v_code = np.where(v_code >= 0, cat_to_code[v_code], -1)
    listed = np.zeros((len(codes), n_rc), dtype=bool)
    ok = (v_code >= 0) & (rc_pos >= 0)
    listed[v_code[ok], rc_pos[ok]] = True
    member = np.zeros((len(codes), n_rc), dtype=bool)
    bodies = rollcalls["body"].astype(str).to_numpy()
    dates = pd.to_datetime(rollcalls["date"]).to_numpy()
    for body, grid in (("GA", un_member_grid), ("SC", sc_member_grid)):
        cols = np.flatnonzero((bodies == body) & has_votes)
        if len(cols):
            member[:, cols] = grid(codes, dates[cols])
    rows, cols = np.nonzero(member & ~listed)
    added = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(cols, dtype=votes["rcid"].dtype),
            "country": pd.Categorical(codes[rows], dtype=pd.CategoricalDtype(cats))
            if len(set(codes[rows]) - set(cats)) == 0
            else pd.Categorical(codes[rows]),
            "vote": pd.Categorical(np.full(len(rows), "X", dtype=object), dtype=VOTE_DTYPE),
        }
    )
    out = pd.concat([votes[["rcid", "country", "vote"]], added], ignore_index=True)
    return out, has_votes
