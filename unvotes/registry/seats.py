"""Security Council seats by date: permanent members and elected terms.

``_data/sc_membership.csv`` (``code, start, end, permanent``; end exclusive)
lists elected terms as 1 January to 1 January two years later (one-year terms
for split seats, e.g. YUG 1956 / PHL 1957). It was derived from the adopted
resolutions' voting lists (UN Digital Library for 1946-1999, the DGACM
machine-readable files for 2000-2026) and checked against the elected terms.
Special cases: Democratic Yemen (YMD) held the seat 1990-01-01 to
1990-05-22, then unified Yemen (YEM); Mexico's 1980 term is dated
1980-01-01 although it was elected on 1980-01-07.

Membership by date uses the one engine of :mod:`unvotes.registry.membership`
(a missing date is never a seat).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from unvotes.registry.groups import read_dated_csv
from unvotes.registry.membership import Membership

__all__ = ["sc_member_grid", "sc_member_mask", "sc_members", "sc_members_by_date", "sc_table"]


@cache
def _sc() -> pd.DataFrame:
    df = read_dated_csv("sc_membership.csv")
    df["permanent"] = df["permanent"].map({"True": True, "False": False}).astype(bool)
    return df


@cache
def _council() -> Membership:
    return Membership(_sc())


def sc_table() -> pd.DataFrame:
    """Security Council seats: ``code, start, end, permanent`` (``end`` exclusive, ``NaT`` open). A copy.

    Examples
    --------
    >>> sc_table().query("permanent").code.tolist()
    ['TWN', 'CHN', 'FRA', 'GBR', 'USA', 'SUN', 'RUS']
    """
    return _sc().copy()


def sc_members(date: Any) -> frozenset[str]:
    """Members of the Security Council on a date.

    Examples
    --------
    >>> sorted(sc_members("2022-03-02"))[:5]
    ['ALB', 'ARE', 'BRA', 'CHN', 'FRA']
    >>> len(sc_members("1960-06-01"))
    11
    """
    return _council().members_on(date)


def sc_members_by_date(dates: Any) -> dict[pd.Timestamp, frozenset[str]]:
    """Members of the Security Council on each distinct date (keys ``pd.Timestamp``).

    Examples
    --------
    >>> m = sc_members_by_date(["2022-03-02", "1960-06-01", "2022-03-02"])
    >>> [(str(d.date()), len(s)) for d, s in m.items()]
    [('1960-06-01', 11), ('2022-03-02', 15)]
    """
    return _council().members_by_date(dates)


def sc_member_mask(codes: Any, dates: Any) -> np.ndarray:
    """Vectorised test: was ``codes[i]`` on the Security Council on ``dates[i]``?

    Examples
    --------
    >>> sc_member_mask(["IND", "IND", "RUS"], ["2021-06-01", "2023-06-01", "1990-01-01"])
    array([ True, False, False])
    """
    return _council().mask(codes, dates)


def sc_member_grid(codes: Any, dates: Any) -> np.ndarray:
    """Boolean ``codes × dates``: did ``codes[i]`` sit on the Security Council on ``dates[j]``?

    Examples
    --------
    >>> sc_member_grid(["IND", "PAK"], ["2022-02-25", "2025-06-01"]).tolist()
    [[True, False], [False, True]]
    """
    return _council().grid(list(codes), dates)
