"""Membership as date intervals: one implementation for the UN, the Security Council and groups.

A membership table has rows ``code, start, end``: the state is a member when
``start <= date < end`` (the admission day counts; ``end`` is the first day
it no longer is a member; a missing ``end`` means it still is). A state that
left and came back has one row per interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

_FOREVER = np.datetime64("2262-01-01", "ns")  # past the last representable ns date


def interval_grid(table: pd.DataFrame, codes: Iterable[Any], dates: Any) -> np.ndarray:
    """Boolean ``codes × dates``: was ``codes[i]`` a member on ``dates[j]``?

    Codes without a row in ``table`` are never members; a missing date (NaT)
    is never inside an interval. The loop runs over the table's rows (a few
    hundred), each a vectorised comparison over all dates.
    """
    index = pd.Index(list(codes), dtype=object)
    days = np.asarray(dates, dtype="datetime64[ns]").ravel()
    grid = np.zeros((len(index), len(days)), dtype=bool)
    position = index.get_indexer(table["code"].astype(object))
    starts = table["start"].to_numpy(dtype="datetime64[ns]")
    ends = table["end"].to_numpy(dtype="datetime64[ns]")
    ends = np.where(np.isnat(ends), _FOREVER, ends)
    for pos, start, end in zip(position, starts, ends, strict=True):
        if pos >= 0:
            grid[pos] |= (days >= start) & (days < end)
    return grid


def members_on_dates(table: pd.DataFrame, dates: Iterable[Any]) -> dict[pd.Timestamp, frozenset[str]]:
    """The members on each distinct date (missing dates left out), keyed by ``pd.Timestamp``."""
    unique = (
        pd.DatetimeIndex(pd.to_datetime(pd.Series(list(dates), dtype=object))).dropna().unique().sort_values()
    )
    codes = pd.unique(table["code"].astype(object))
    grid = interval_grid(table, codes, unique.to_numpy(dtype="datetime64[ns]"))
    names = np.asarray(codes, dtype=object)
    return {pd.Timestamp(day): frozenset(names[grid[:, j]]) for j, day in enumerate(unique)}
