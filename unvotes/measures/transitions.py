"""Who switched: how each member's vote changed between two roll calls, or two sets of them.

Countries are matched by their registry code, never by the names a record
spells (the two ES-11 extracts write ``CÔTE D'IVOIRE`` and ``COTE D'IVOIRE``,
``TÜRKIYE`` and ``TURKEY``: the loaders resolve both to ``CIV`` and ``TUR``,
so neither is taken for a switch).

A country's vote on a **set** of roll calls is its vote where it cast the same
vote on every roll call of the set on which it was a member, and ``M``
(mixed) otherwise. On a side where it was a member of none of the roll calls
it is ``-`` (not a member). The states are therefore ``Y A N X`` (the vote
codes of :data:`unvotes.model.VOTE_CODES`), ``M`` and ``-``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError, check_flag, check_strings
from unvotes.model import Dataset
from unvotes.registry.countries import country_names

__all__ = ["MIXED", "NOT_MEMBER_STATE", "SWITCH_COLUMNS", "TRANSITION_COLUMNS", "switch_counts", "switched"]

MIXED: Final = "M"
"""A country's state on a set of roll calls on which it did not always vote the same way."""
NOT_MEMBER_STATE: Final = "-"
"""A country's state on a side where it was a member of none of the roll calls."""
SWITCH_COLUMNS: Final = ("country", "name", "from", "to")
TRANSITION_COLUMNS: Final = ("from", "to", "n", "countries")


def _rcids(ds: Dataset, side: str | Iterable[str], name: str) -> list[str]:
    symbols = [side] if isinstance(side, str) else check_strings(side, name)
    if not symbols or any(not isinstance(s, str) or not s.strip() for s in symbols):
        raise ArgumentError(f"{name} must be a resolution symbol or a non-empty list of them, not {side!r}")
    return list(dict.fromkeys(str(ds.rollcall(s.strip())["rcid"]) for s in symbols))


def _states(ds: Dataset, rcids: list[str]) -> pd.Series:
    """Per country: its vote on every roll call of ``rcids`` if always the same, else ``M``."""
    votes = ds.votes
    sub = votes[votes["rcid"].isin(rcids)]
    country = sub["country"].astype(str)
    vote = sub["vote"].astype(str)
    return vote.groupby(country.to_numpy()).agg(lambda v: v.iloc[0] if v.nunique() == 1 else MIXED)


def _transitions(data: Dataset, a: str | Iterable[str], b: str | Iterable[str]) -> pd.DataFrame:
    if not isinstance(data, Dataset):
        raise ArgumentError(f"data must be a Dataset, not {type(data).__name__}")
    first, second = _rcids(data, a, "a"), _rcids(data, b, "b")
    before, after = _states(data, first), _states(data, second)
    codes = sorted(set(before.index) | set(after.index))
    return pd.DataFrame(
        {
            "country": np.asarray(codes, dtype=object),
            "name": country_names(codes) if codes else np.array([], dtype=object),
            "from": before.reindex(codes).fillna(NOT_MEMBER_STATE).to_numpy(dtype=object),
            "to": after.reindex(codes).fillna(NOT_MEMBER_STATE).to_numpy(dtype=object),
        }
    )


def _order(states: pd.Series) -> np.ndarray:
    from unvotes.model import VOTE_CODES

    levels = [*VOTE_CODES, MIXED, NOT_MEMBER_STATE]
    return states.map({s: i for i, s in enumerate(levels)}).fillna(len(levels)).to_numpy()


def switched(
    data: Dataset, a: str | Iterable[str], b: str | Iterable[str], *, unchanged: bool = False
) -> pd.DataFrame:
    """How each member's vote changed from roll call(s) ``a`` to roll call(s) ``b``.

    Parameters
    ----------
    data
        The canonical tables.
    a, b
        A resolution symbol (or rcid), or a list of them (see the module
        docstring for a country's state on a set).
    unchanged
        Also list the countries whose state did not change (default: only
        those that switched).

    Returns
    -------
    pandas.DataFrame
        Columns ``country, name, from, to``: the registry code, its name, the
        state on ``a`` and on ``b`` (``Y A N X``, ``M`` mixed, ``-`` not a
        member). Sorted by ``from``, ``to`` (in the order ``Y A N X M -``)
        and name.

    Raises
    ------
    UnknownResolutionError
        For a symbol no roll call has.

    Examples
    --------
    >>> import unvotes
    >>> s = switched(unvotes.load(), "A/RES/ES-11/1", "A/RES/ES-11/4")
    >>> s.query("country == 'NIC'")[["from", "to"]].to_dict("records")
    [{'from': 'A', 'to': 'N'}]
    >>> bool(((s["from"] != s["to"])).all())
    True
    """
    check_flag(unchanged, "unchanged")
    out = _transitions(data, a, b)
    if not unchanged:
        out = out[out["from"] != out["to"]]
    order = np.lexsort((out["name"].to_numpy(), _order(out["to"]), _order(out["from"])))
    return out.iloc[order].reset_index(drop=True)[list(SWITCH_COLUMNS)]


def switch_counts(data: Dataset, a: str | Iterable[str], b: str | Iterable[str]) -> pd.DataFrame:
    """The number of countries per transition from roll call(s) ``a`` to ``b``, unchanged ones included.

    Returns
    -------
    pandas.DataFrame
        Columns ``from, to, n, countries``: one row per transition that
        occurs (``n`` > 0), ``countries`` the codes joined by ``","``; the
        ``n`` add up to the countries that were members on either side.
        Sorted as :func:`switched`.

    Examples
    --------
    >>> import unvotes
    >>> c = switch_counts(unvotes.load(), "A/RES/ES-11/1", "A/RES/ES-11/4")
    >>> c.query("`from` == 'N' and to == 'A'")["countries"].item()
    'ERI'
    """
    table = _transitions(data, a, b)
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TRANSITION_COLUMNS})
    grouped = table.groupby(["from", "to"], sort=False)["country"].agg(
        n="size", countries=lambda c: ",".join(sorted(c))
    )
    out = grouped.reset_index()
    out["n"] = out["n"].astype(np.int64)
    order = np.lexsort((_order(out["to"]), _order(out["from"])))
    return out.iloc[order].reset_index(drop=True)[list(TRANSITION_COLUMNS)]
