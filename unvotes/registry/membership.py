"""Membership by date: ONE engine for the UN, the Security Council seats and every group.

A membership table has rows ``code, start, end``: the state is a member on
``date`` when ``start <= date < end`` (the admission day counts; ``end`` is
the first day it no longer is a member; a missing ``end`` means it still
is). A state that left and came back has one row per interval.

One rule everywhere: a **missing date** (NaT) is never inside an interval,
and a code without a row is never a member. (Asking a registry function
about a code the registry does not know at all is an error, raised by that
function, not here.)

:class:`Membership` answers the three forms of the question, all from the
same sorted interval keys (``code index × span + day``), searched with
:func:`numpy.searchsorted`:

- :meth:`Membership.mask`: element-wise, ``codes[i]`` on ``dates[i]``;
- :meth:`Membership.grid`: ``codes × dates``;
- :meth:`Membership.members_on` / :meth:`Membership.members_by_date`: the
  set of members on dates.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"code": ["A", "B", "A"],
...                       "start": pd.to_datetime(["1950-01-01", "1960-01-01", "1970-01-01"]),
...                       "end": pd.to_datetime(["1955-01-01", None, None])})
>>> m = Membership(table)
>>> m.mask(["A", "A", "B", "C"], ["1952-06-01", "1960-01-01", "1960-01-01", "1960-01-01"]).tolist()
[True, False, True, False]
>>> m.grid(["A", "B"], ["1951-01-01", "1971-01-01"]).tolist()
[[True, True], [False, True]]
>>> sorted(m.members_on("1972-01-01"))
['A', 'B']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError, check_date

__all__ = ["Membership", "as_days"]

_SHIFT: Final = np.int64(10**6)  # makes day numbers positive (dates after ~ year -770)
_OPEN: Final = np.int64(10**6)  # "still a member": a day number after any representable date
_SPAN: Final = np.int64(4 * 10**6)  # key stride per code; larger than any shifted day number
_NAT_DAY: Final = np.int64(-1)


def as_days(values: Any) -> np.ndarray:
    """Dates (anything :func:`pandas.to_datetime` reads) as shifted int64 day numbers; NaT as -1."""
    arr = np.atleast_1d(np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values)
    if arr.dtype.kind != "M":
        arr = pd.to_datetime(pd.Series(arr.ravel(), dtype=object)).to_numpy()
    days = arr.ravel().astype("datetime64[D]")
    out = days.astype(np.int64) + _SHIFT
    out[np.isnat(days)] = _NAT_DAY
    return out


class Membership:
    """Dated membership intervals of one body or group, asked vectorised.

    Parameters
    ----------
    table
        Columns ``code``, ``start`` and ``end`` (datetime-like; ``end``
        exclusive, NaT while still a member).
    """

    def __init__(self, table: pd.DataFrame) -> None:
        codes = pd.Index(sorted(set(table["code"].astype(object))), dtype=object)
        position = codes.get_indexer(table["code"].astype(object)).astype(np.int64) * _SPAN
        start = as_days(table["start"].to_numpy(dtype="datetime64[ns]"))
        end = as_days(table["end"].to_numpy(dtype="datetime64[ns]"))
        end = np.where(end == _NAT_DAY, _OPEN + _SHIFT, end)
        order = np.argsort(position + start, kind="stable")
        self.codes: pd.Index = codes
        self._starts = (position + start)[order]
        self._ends = (position + end)[order]

    def __repr__(self) -> str:
        return f"Membership({len(self.codes)} codes, {len(self._starts)} intervals)"

    def _inside(self, positions: np.ndarray, days: np.ndarray) -> np.ndarray:
        key = positions * _SPAN + days
        i = np.searchsorted(self._starts, key, side="right") - 1
        ok = (positions >= 0) & (days != _NAT_DAY) & (i >= 0)
        ok[ok] &= key[ok] < self._ends[i[ok]]
        return ok

    def _positions(self, codes: Any) -> np.ndarray:
        values = np.asarray(list(codes) if not isinstance(codes, np.ndarray) else codes, dtype=object)
        return self.codes.get_indexer(pd.Index(values.ravel(), dtype=object)).astype(np.int64)

    def mask(self, codes: Any, dates: Any) -> np.ndarray:
        """Element-wise: was ``codes[i]`` a member on ``dates[i]``? One date is used for every code."""
        positions = self._positions(codes)
        days = as_days(dates)
        if days.size == 1 and positions.size != 1:
            days = np.full(positions.size, days[0])
        if days.size != positions.size:
            raise ArgumentError(f"codes and dates differ in length ({positions.size} and {days.size})")
        return self._inside(positions, days)

    def grid(self, codes: Iterable[Any], dates: Any) -> np.ndarray:
        """Boolean ``codes × dates``: was ``codes[i]`` a member on ``dates[j]``?"""
        positions = self._positions(codes)
        days = as_days(dates) if np.size(dates) else np.zeros(0, dtype=np.int64)
        inside = self._inside(np.repeat(positions, len(days)), np.tile(days, len(positions)))
        return inside.reshape(len(positions), len(days))

    def members_by_date(self, dates: Iterable[Any]) -> dict[pd.Timestamp, frozenset[str]]:
        """The members on each distinct date (missing dates left out), keyed by ``pd.Timestamp``, sorted."""
        unique = (
            pd.DatetimeIndex(pd.to_datetime(pd.Series(list(dates), dtype=object)))
            .dropna()
            .unique()
            .sort_values()
        )
        grid = self.grid(self.codes, unique.to_numpy(dtype="datetime64[ns]"))
        names = np.asarray(self.codes, dtype=object)
        return {pd.Timestamp(day): frozenset(names[grid[:, j]]) for j, day in enumerate(unique)}

    def members_on(self, date: Any) -> frozenset[str]:
        """The members on one date (empty for a missing date)."""
        if date is None or pd.isna(date):
            return frozenset()
        day = check_date(date).normalize()
        return self.members_by_date([day]).get(day, frozenset())
