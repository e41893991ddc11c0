"""Abstention analysis: vote shares per country and pairwise abstention statistics.

Everything here is computed on the vote matrix of :mod:`unvotes.engine.matrix`
(codes 0 not a member, 1 Y, 2 A, 3 N, 4 X) from indicator matrices, with no
loop over pairs: with ``A`` the abstention indicator (countries × roll calls,
``float32``) and ``M`` the membership indicator,

- joint abstentions ``A @ A.T``;
- abstentions of *i* on the roll calls where *j* was also a member ``A @ M.T``;
- roll calls on which both were members ``M @ M.T``.

**Pairwise statistics** (:func:`pair_abstention`), over the roll calls on
which both countries were members (``n`` of them; *a* = both abstained, *b* =
only the country, *c* = only the partner, *d* = neither):

=================  ===========================================================
``joint``          *a*
``expected``       joint abstentions expected if the two abstained
                   independently at their own rates over their joint
                   membership: ``n · p_i · p_j`` with ``p_i = (a + b)/n``,
                   ``p_j = (a + c)/n``, i.e. ``(a + b)(a + c)/n``. Two states
                   that abstain often share many abstentions by chance; a
                   bloc shares many more than this.
``jaccard``        ``a / (a + b + c)``: overlap of the two abstention sets
``p_given``        ``a / (a + b)``: P(partner abstains | country abstains)
``kappa``          Cohen's κ of the 2 × 2 table abstain / not abstain:
                   ``(p_o − p_e)/(1 − p_e)``, ``p_o = (a + d)/n``,
                   ``p_e = p_i p_j + (1 − p_i)(1 − p_j)``
=================  ===========================================================

With ``null="rollcall"`` the expectation is instead that of members
abstaining at random at each roll call's own rate: ``Σ_r q_r²`` over the roll
calls on which both were members, ``q_r`` the share of all members (not only
the chosen countries) that abstained on *r* (:func:`rollcall_expected`; the
default null here and in :func:`unvotes.measures.blocs.abstention_blocs`). It still sees a bloc
of states that abstained on every chosen roll call, for which ``p = 1`` makes
every joint abstention "expected" under the country null.

Ratios with a zero denominator are NaN. With ``absent_as_abstain=True`` an
X (a member that did not vote) counts as not taking a side, like an A.

A roll call is **contested** (:func:`abstention_shares`) when at least
``contested`` (10 % by default) of the members casting Y, A or N voted N or A.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes._numeric import ratio as _ratio
from unvotes.engine.matrix import ABSENT, ABSTAIN, NO, NOT_MEMBER, YES, VoteMatrix, check_by, select
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError, check_number
from unvotes.model import Dataset
from unvotes.registry import country_codes

__all__ = [
    "NULLS",
    "PAIR_COLUMNS",
    "SHARE_COLUMNS",
    "abstain_indicator",
    "abstention_shares",
    "contested_mask",
    "pair_abstention",
    "pair_counts",
    "pair_stats",
    "rollcall_expected",
    "rollcall_rates",
]

NULLS: Final = ("rollcall", "country")
"""Nulls for expected joint abstentions: each roll call's rate, or each country's own rate."""

SHARE_COLUMNS: Final = ("country", "period", "rollcalls", "n", "Y", "N", "A", "X")
PAIR_COLUMNS: Final = (
    "country",
    "partner",
    "n",
    "abstain_country",
    "abstain_partner",
    "joint",
    "expected",
    "jaccard",
    "p_given",
    "kappa",
)


def abstain_indicator(codes: np.ndarray, *, absent_as_abstain: bool = False) -> np.ndarray:
    """``float32`` indicator of abstentions (A, plus X when ``absent_as_abstain``) in a code matrix."""
    hit = codes == ABSTAIN
    if absent_as_abstain:
        hit |= codes == ABSENT
    return hit.astype(np.float32)


def pair_counts(
    a: np.ndarray, m: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Joint abstentions, own abstentions on joint membership, and joint membership, for all pairs.

    Parameters
    ----------
    a, m
        ``float32`` abstention and membership indicators (countries × roll calls).
    weights
        Per roll call, how many times it counts (a bootstrap resample); default once.

    Returns
    -------
    joint, own, n
        ``float64`` square arrays: ``joint[i, j]`` roll calls both abstained on,
        ``own[i, j]`` roll calls *i* abstained on while *j* was a member,
        ``n[i, j]`` roll calls both were members of.
    """
    aw = a if weights is None else a * weights.astype(np.float32)
    mw = m if weights is None else m * weights.astype(np.float32)
    joint = (aw @ a.T).astype(np.float64)
    own = (aw @ m.T).astype(np.float64)
    n = (mw @ m.T).astype(np.float64)
    return joint, own, n


def rollcall_rates(a: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Per roll call, the share of its members that abstained (0 where it had none)."""
    return np.nan_to_num(_ratio(a.sum(axis=0, dtype=np.float64), m.sum(axis=0, dtype=np.float64)), nan=0.0)


def rollcall_expected(m: np.ndarray, q: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Expected joint abstentions ``Σ_r q_r²`` over joint membership, for all pairs.

    Parameters
    ----------
    m
        Membership indicator (countries × roll calls).
    q
        Per roll call, the share of members abstaining (:func:`rollcall_rates`).
    weights
        Per roll call, how many times it counts (a bootstrap resample); default once.
    """
    q2 = q.astype(np.float64) ** 2
    if weights is not None:
        q2 = q2 * weights
    m64 = m.astype(np.float64)
    return (m64 * q2) @ m64.T


def contested_mask(codes: np.ndarray, *, contested: float = 0.1) -> np.ndarray:
    """Per roll call (column), whether at least ``contested`` of those casting Y, A or N voted N or A.

    Examples
    --------
    >>> codes = np.array([[1, 1], [1, 3], [1, 1], [2, 1]], dtype=np.int8)
    >>> contested_mask(codes, contested=0.3).tolist()
    [False, False]
    >>> contested_mask(codes, contested=0.25).tolist()
    [True, True]
    """
    if not 0 <= check_number(contested, "contested", low=0, high=1) <= 1:
        raise ArgumentError(f"contested must be a share between 0 and 1, not {contested!r}")
    cast = ((codes == YES) | (codes == ABSTAIN) | (codes == NO)).sum(axis=0)
    dissent = ((codes == ABSTAIN) | (codes == NO)).sum(axis=0)
    return (cast > 0) & (dissent >= contested * cast)


@selects
def abstention_shares(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str] | None = None,
    *,
    by: str | None = "year",
    contested: float = 0.1,
    selection: Selection,
) -> pd.DataFrame:
    """Shares of Y, N, A and X per country and period, over all roll calls and over contested ones.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    countries
        Codes or names (a string is one country); default every country in
        the selected data.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    contested
        A roll call is contested when at least this share of the members
        casting Y, A or N voted N or A (default 0.1).
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`);
        shares over fewer than ``min_votes`` roll calls are NaN.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, period, rollcalls, n, Y, N, A, X``: ``rollcalls``
        is ``"all"`` or ``"contested"``, ``n`` the roll calls of that kind on
        which the country was a member, and ``Y, N, A, X`` the shares of its
        votes (adding up to 1; NaN when ``n`` is 0). One row per country,
        period and kind.

    Examples
    --------
    >>> import unvotes
    >>> s = abstention_shares(unvotes.load(), "PAK", by=None, rcids=[f"A/RES/ES-11/{i}" for i in range(1, 7)])
    >>> s[["country", "rollcalls", "n", "A"]].to_string(index=False)
    'country rollcalls  n   A\\n    PAK       all  6 1.0\\n    PAK contested  6 1.0'
    """
    if not 0 <= check_number(contested, "contested", low=0, high=1) <= 1:
        raise ArgumentError(f"contested must be a share between 0 and 1, not {contested!r}")
    vm = select(data, selection)
    codes_list = list(vm.countries) if countries is None else country_codes(countries)
    rows = vm.rows_of(codes_list)
    labels, groups, _ = vm.periods(check_by(by))
    hot = np.stack([(vm.codes == k) for k in (YES, NO, ABSTAIN, ABSENT)]).astype(np.float32)
    frames = []
    for p, cols in enumerate(groups):
        sub = vm.codes[:, cols]
        kinds = {"all": np.ones(len(cols), dtype=bool), "contested": contested_mask(sub, contested=contested)}
        for kind, keep in kinds.items():
            counts = hot[:, :, cols[keep]].sum(axis=2)  # (4, countries)
            counts = np.where(rows >= 0, counts[:, np.maximum(rows, 0)], 0.0)
            n = counts.sum(axis=0)
            shares = _ratio(counts, np.where(n >= selection.min_votes, n, 0))
            frame = pd.DataFrame(
                {
                    "country": codes_list,
                    "period": _period_column_of(labels, p, len(codes_list)),
                    "rollcalls": kind,
                    "n": n.astype(np.int64),
                }
            )
            for k, letter in enumerate("YNAX"):
                frame[letter] = shares[k].astype(np.float64)
            frames.append(frame)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SHARE_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["country", "period", "rollcalls"], kind="stable", ignore_index=True)[
        list(SHARE_COLUMNS)
    ]


def _period_column_of(labels: Sequence[Any], p: int, size: int) -> np.ndarray:
    label = labels[p]
    return np.full(size, label, dtype=np.int64 if isinstance(label, int) else object)


def pair_stats(joint: np.ndarray, own: np.ndarray, n: np.ndarray) -> dict[str, np.ndarray]:
    """Expected joint abstentions, Jaccard, P(j | i) and κ from the counts of :func:`pair_counts`."""
    a = joint
    ai = own
    aj = own.T
    p_i = _ratio(ai, n)
    p_j = _ratio(aj, n)
    d = n - ai - aj + a
    p_o = _ratio(a + d, n)
    p_e = p_i * p_j + (1 - p_i) * (1 - p_j)
    return {
        "expected": _ratio(ai * aj, n),
        "jaccard": _ratio(a, ai + aj - a),
        "p_given": _ratio(a, ai),
        "kappa": _ratio(p_o - p_e, 1 - p_e),
    }


@selects
def pair_abstention(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str] | None = None,
    *,
    absent_as_abstain: bool = False,
    null: str = "rollcall",
    selection: Selection,
) -> pd.DataFrame:
    """Pairwise abstention statistics over a chosen set of roll calls.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    countries
        Codes or names; every ordered pair of distinct countries among them
        gets a row. Default: every country in the selected data.
    absent_as_abstain
        Count X (a member that did not vote) as not taking a side, like A.
    null
        How ``expected`` is computed: ``"rollcall"`` (each roll call's rate,
        ``Σ_r q_r²``; default, as for the blocs) or ``"country"`` (each
        country's own rate, ``n · p_i · p_j``); see the module docstring.
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`);
        ratios over fewer than ``min_votes`` joint memberships are NaN.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, partner, n, abstain_country, abstain_partner,
        joint, expected, jaccard, p_given, kappa`` (see the module
        docstring): ``n`` roll calls on which both were members, each one's
        abstentions on them, ``joint`` both abstained, ``expected`` under
        independence, ``p_given`` = P(partner abstains | country abstains).
        One row per ordered pair, sorted by country then partner.

    Examples
    --------
    >>> import unvotes
    >>> es11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]
    >>> p = pair_abstention(unvotes.load(), ["PAK", "IND", "BGD"], rcids=es11, null="country")
    >>> row = p.set_index(["country", "partner"]).loc[("PAK", "BGD")]
    >>> int(row["n"]), int(row["joint"]), float(row["expected"]), round(float(row["p_given"]), 3)
    (6, 4, 4.0, 0.667)
    """
    if null not in NULLS:
        raise ArgumentError(f"null must be one of {list(NULLS)}, not {null!r}")
    vm = select(data, selection)
    codes_list = sorted(vm.countries) if countries is None else sorted(country_codes(countries))
    rows = vm.rows_of(codes_list)
    sub = np.where((rows >= 0)[:, None], vm.codes[np.maximum(rows, 0)], NOT_MEMBER)
    a = abstain_indicator(sub, absent_as_abstain=absent_as_abstain)
    m = (sub != NOT_MEMBER).astype(np.float32)
    joint, own, n = pair_counts(a, m)
    stats = pair_stats(joint, own, n)
    if null == "rollcall":  # the rates of all members, not only of the chosen countries
        every = abstain_indicator(vm.codes, absent_as_abstain=absent_as_abstain)
        rates = rollcall_rates(every, (vm.codes != NOT_MEMBER).astype(np.float32))
        stats["expected"] = rollcall_expected(m, rates)
    i, j = np.nonzero(~np.eye(len(codes_list), dtype=bool))
    names = np.asarray(codes_list, dtype=object)
    out = pd.DataFrame(
        {
            "country": names[i],
            "partner": names[j],
            "n": n[i, j].astype(np.int64),
            "abstain_country": own[i, j].astype(np.int64),
            "abstain_partner": own.T[i, j].astype(np.int64),
            "joint": joint[i, j].astype(np.int64),
        }
    )
    small = n[i, j] < selection.min_votes
    for key in ("expected", "jaccard", "p_given", "kappa"):
        out[key] = np.where(small, np.nan, stats[key][i, j]) if selection.min_votes > 1 else stats[key][i, j]
    return out
