"""Group cohesion: the Agreement Index and how often a member votes with its group's majority.

Group membership is taken at the date of each vote
(:func:`unvotes.registry.groups.group_membership_grid` on the country × roll-call
grid): a state that joined a group later does not count before it joined.

**Agreement Index** (Hix, Noury and Roland 2005). On a roll call where the
group's members cast ``Y``, ``N`` and ``A`` votes (X, a member that did not
vote, is left out),

    AI = (max(Y, N, A) − ½·(Y + N + A − max(Y, N, A))) / (Y + N + A),

1 when all vote alike, 0 when the votes are split evenly between all
three options, and ¼ when they are split evenly between two (Y = N: (½ −
¼)/1). The cohesion of a group
in a period is the mean AI over the roll calls on which at least one member
cast Y, N or A.

**Majority agreement.** On each roll call where the country was a member of
the group and cast Y, N or A, the group's majority is the plurality vote of
the *other* members that cast Y, N or A (the country itself is left out, so
that a two-member group is not trivially in agreement). Roll calls on which
that plurality is tied, or no other member voted, are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np
import pandas as pd

from unvotes._numeric import ratio as _ratio
from unvotes.engine.matrix import ABSTAIN, NO, YES, VoteMatrix, check_by, select
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError, check_strings
from unvotes.model import Dataset
from unvotes.registry import country_codes, group_membership_grid, resolve_group

__all__ = ["COHESION_COLUMNS", "MAJORITY_COLUMNS", "agreement_index", "majority_agreement"]

COHESION_COLUMNS: Final = ("group", "period", "cohesion", "members_voting", "n")
MAJORITY_COLUMNS: Final = ("country", "group", "period", "agreement", "n")


def _groups(group: str | Sequence[str]) -> list[str]:
    items = check_strings(group, "group")
    if not items:
        raise ArgumentError("no group given")
    return list(dict.fromkeys(resolve_group(g) for g in items))


def _in_group(vm: VoteMatrix, group: str) -> np.ndarray:
    """Boolean (countries × roll calls): member of ``group`` on the date of each roll call."""
    return group_membership_grid(group, vm.countries, vm.rollcalls["date"])


def _counts(vm: VoteMatrix, member: np.ndarray) -> np.ndarray:
    """(3, roll calls): Y, N, A cast by group members."""
    return np.stack([((vm.codes == k) & member).sum(axis=0) for k in (YES, NO, ABSTAIN)]).astype(np.float64)


@selects
def agreement_index(
    data: Dataset | VoteMatrix,
    group: str | Sequence[str],
    *,
    by: str | None = "year",
    selection: Selection,
) -> pd.DataFrame:
    """Cohesion of groups per period: the mean Agreement Index of Hix, Noury and Roland.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    group
        A group key or alias (``"OIC"``, ``"Non-Aligned Movement"``), or several.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`);
        periods with fewer than ``min_votes`` counted roll calls are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, period, cohesion, members_voting, n``: ``cohesion``
        the mean AI over the ``n`` roll calls of the period on which at least
        one member cast Y, N or A, ``members_voting`` the mean number of
        members casting Y, N or A on them. Periods without any such roll call
        (or with fewer than ``min_votes``) are left out.

    Raises
    ------
    UnknownGroupError
        For a group that is not known.

    Examples
    --------
    >>> import unvotes
    >>> t = agreement_index(unvotes.load(), "EU", by=None, rcids=[f"A/RES/ES-11/{i}" for i in range(1, 7)])
    >>> t.to_dict("records")
    [{'group': 'EU', 'period': '2022-2023', 'cohesion': 1.0, 'members_voting': 27.0, 'n': 6}]
    """
    keys = _groups(group)
    vm = select(data, selection)
    labels, cols_of, _ = vm.periods(check_by(by))
    rows = []
    for g in keys:
        counts = _counts(vm, _in_group(vm, g))
        total = counts.sum(axis=0)
        top = counts.max(axis=0)
        ai = _ratio(top - 0.5 * (total - top), total)
        for label, cols in zip(labels, cols_of, strict=True):
            used = cols[total[cols] > 0]
            if len(used) >= selection.min_votes:
                rows.append((g, label, float(ai[used].mean()), float(total[used].mean()), len(used)))
    out = pd.DataFrame(rows, columns=list(COHESION_COLUMNS))
    return out.astype({"cohesion": np.float64, "members_voting": np.float64, "n": np.int64})


@selects
def majority_agreement(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str],
    group: str | Sequence[str],
    *,
    by: str | None = "year",
    selection: Selection,
) -> pd.DataFrame:
    """How often countries vote with the majority of a group they belong to, per period.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    countries
        Codes or names (a string is one country).
    group
        A group key or alias, or several.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`);
        a (country, group, period) with fewer than ``min_votes`` counted roll
        calls is left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, group, period, agreement, n``: ``agreement`` the
        share of the ``n`` counted roll calls (see the module docstring) on
        which the country's vote equals the plurality vote of the other
        members. A (country, group, period) with no counted roll call is left
        out.

    Examples
    --------
    >>> import unvotes
    >>> es11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]
    >>> t = majority_agreement(unvotes.load(), "PAK", "OIC", by=None, rcids=es11)
    >>> t[["country", "group", "n"]].to_string(index=False)
    'country group  n\\n    PAK   OIC  6'
    """
    keys = _groups(group)
    codes = country_codes(countries)
    vm = select(data, selection)
    rows_of = vm.rows_of(codes)
    labels, cols_of, _ = vm.periods(check_by(by))
    out = []
    for g in keys:
        member = _in_group(vm, g)
        counts = _counts(vm, member)  # (3, R): Y, N, A
        for code, row in zip(codes, rows_of, strict=True):
            if row < 0:
                continue
            own = vm.codes[row]
            voted = member[row] & ((own == YES) | (own == NO) | (own == ABSTAIN))
            others = counts - np.stack([own == k for k in (YES, NO, ABSTAIN)]) * voted
            top = others.max(axis=0)
            unique = (others == top).sum(axis=0) == 1
            winner = np.array([YES, NO, ABSTAIN])[others.argmax(axis=0)]
            counted = voted & unique & (top > 0)
            agree = counted & (own == winner)
            for label, cols in zip(labels, cols_of, strict=True):
                n = int(counted[cols].sum())
                if n and n >= selection.min_votes:
                    out.append((code, g, label, float(agree[cols].sum()) / n, n))
    frame = pd.DataFrame(out, columns=list(MAJORITY_COLUMNS))
    return frame.astype({"agreement": np.float64, "n": np.int64})
