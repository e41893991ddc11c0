"""Compare blocs found in the votes with known groups (NAM, OIC, SAARC, the regional groups, ...).

Group membership is taken on the :attr:`Blocs.date <unvotes.measures.blocs.Blocs>`
(the midpoint of the chosen roll calls) unless a date is given, and is
restricted to the countries analysed (those with a vote row on the chosen
roll calls), so that a group is not penalised for members that could not
vote.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError
from unvotes.measures.blocs import Blocs
from unvotes.registry import REGIONAL_GROUPS, group_members, group_names

__all__ = ["COMPARE_COLUMNS", "adjusted_rand_index", "compare_groups", "group_ari"]

COMPARE_COLUMNS: Final = ("bloc", "size", "group", "group_size", "shared", "jaccard")


def adjusted_rand_index(labels_a: Sequence[Any], labels_b: Sequence[Any]) -> float:
    """Adjusted Rand index (Hubert and Arabie, 1985) of two labellings of the same items.

    ``ARI = (Σ_ij C(n_ij, 2) − E) / (½(Σ_i C(a_i, 2) + Σ_j C(b_j, 2)) − E)`` with
    ``E = Σ_i C(a_i, 2) · Σ_j C(b_j, 2) / C(n, 2)``, from the contingency
    table ``n_ij`` and its margins ``a_i``, ``b_j``. 1 for identical
    partitions (up to renaming), about 0 for unrelated ones; 1 when both put
    every item in one cluster, or every item alone (the denominator is 0).

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], ["x", "x", "y", "y"])
    1.0
    >>> round(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.2424
    """
    a = pd.factorize(pd.Series(list(labels_a), dtype=object))[0]
    b = pd.factorize(pd.Series(list(labels_b), dtype=object))[0]
    if len(a) != len(b):
        raise ValueError(f"labels_a ({len(a)}) and labels_b ({len(b)}) differ in length")
    n = len(a)
    if n < 2:
        return 1.0
    table = np.zeros((a.max() + 1, b.max() + 1), dtype=np.float64)
    np.add.at(table, (a, b), 1.0)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    top = (rows + cols) / 2
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)


def _members(groups: Sequence[str] | None, date: Any, universe: set[str]) -> dict[str, set[str]]:
    keys = group_names() if groups is None else list(groups)
    return {g: set(group_members(g, date)) & universe for g in keys}


def compare_groups(blocs: Blocs, *, groups: Sequence[str] | None = None, date: Any = None) -> pd.DataFrame:
    """The known group that best matches each bloc.

    Parameters
    ----------
    blocs
        The result of :func:`~unvotes.measures.blocs.abstention_blocs` or
        :func:`~unvotes.measures.blocs.voting_blocs`.
    groups
        Group keys to consider; default every group of :func:`unvotes.registry.groups.group_names`.
    date
        Date of the group membership; default the blocs' date.

    Returns
    -------
    pandas.DataFrame
        Columns ``bloc, size, group, group_size, shared, jaccard``: per bloc,
        the group with the largest Jaccard overlap ``shared / (size +
        group_size − shared)`` (ties: the first in ``groups`` order), its size
        among the analysed countries, and the members they share. A bloc that
        shares no member with any group has ``group`` None and ``jaccard`` 0.

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.measures.blocs import voting_blocs
    >>> b = voting_blocs(unvotes.load(), body="GA", start=2023, end=2023, resamples=0)
    >>> list(compare_groups(b).columns)
    ['bloc', 'size', 'group', 'group_size', 'shared', 'jaccard']
    """
    if not isinstance(blocs, Blocs):
        raise ArgumentError(f"blocs must be the Blocs of voting_blocs or abstention_blocs, not {blocs!r}")
    universe = set(blocs.countries["country"])
    members = _members(groups, blocs.date if date is None else date, universe)
    keys = list(members)
    rows: list[tuple[Any, ...]] = []
    in_bloc = blocs.countries.dropna(subset=["bloc"])
    for bloc, part in in_bloc.groupby("bloc", sort=True):
        found = set(part["country"])
        shared = np.array([len(found & members[g]) for g in keys], dtype=np.int64)
        sizes = np.array([len(members[g]) for g in keys], dtype=np.int64)
        jac = np.divide(shared, len(found) + sizes - shared, out=np.zeros(len(keys)), where=shared > 0)
        best = int(np.argmax(jac)) if len(keys) else -1
        if best < 0 or jac[best] == 0:
            rows.append((int(bloc), len(found), None, 0, 0, 0.0))
        else:
            rows.append(
                (int(bloc), len(found), keys[best], int(sizes[best]), int(shared[best]), float(jac[best]))
            )
    out = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    return out.astype({"bloc": np.int64, "size": np.int64, "group_size": np.int64, "shared": np.int64})


def group_ari(blocs: Blocs, *, groups: Sequence[str] = REGIONAL_GROUPS, date: Any = None) -> float:
    """Adjusted Rand index of the blocs against a partition by known groups.

    Every country in a bloc is labelled with the first of ``groups`` it
    belongs to on the date (default the blocs' date), or ``"none"``; the
    default, the five UN regional groups, is a partition of the members.

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.measures.blocs import voting_blocs
    >>> b = voting_blocs(unvotes.load(), body="GA", start=2023, end=2023, resamples=0)
    >>> -1 <= group_ari(b) <= 1
    True
    """
    in_bloc = blocs.countries.dropna(subset=["bloc"])
    if in_bloc.empty:
        return float("nan")
    members = _members(list(groups), blocs.date if date is None else date, set(in_bloc["country"]))
    label = pd.Series("none", index=in_bloc["country"].to_numpy(), dtype=object)
    for g in reversed(list(groups)):  # the first group listed wins
        label[label.index.isin(list(members[g]))] = g
    return adjusted_rand_index(in_bloc["bloc"].astype(np.int64).tolist(), label.tolist())
