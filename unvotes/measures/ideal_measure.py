"""The ideal-point distance as a measure of the registry, usable wherever the alignment measures are.

``ideal`` is minus the distance between two countries' ideal points,
``-|x_a - x_b|`` (0: the same position; higher is closer, as with every
agreement measure), each country's ideal point averaged over the sessions
of the period's roll calls. The model is fitted once per vote matrix (on
its roll calls, without matches: a vote matrix carries no titles) and kept
while the matrix lives. ``n`` is the pair's joint votes.

Examples
--------
>>> from unvotes.measures.registry import get_measure
>>> get_measure("ideal").model_based
True
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from unvotes.measures.registry import Measure, register_measure

__all__ = ["IDEAL_MEASURE"]

_FITS: weakref.WeakKeyDictionary[Any, pd.DataFrame] = weakref.WeakKeyDictionary()


def _fit_table(vm: Any) -> pd.DataFrame:
    table = _FITS.get(vm)
    if table is None:
        from unvotes.measures.ideal import ideal_points

        table = ideal_points(vm, progress=False, auto_match=False).table
        _FITS[vm] = table
    return table


def _ideal_distance(vm: Any, pairs: Any, options: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    from unvotes.measures.ideal_data import session_numbers

    table = _fit_table(vm)
    sessions = session_numbers(vm.rollcalls)
    row_a, row_b = pairs.vm_rows()
    value = np.full(len(pairs), np.nan)
    n = pairs.table.sum(axis=(1, 2)).astype(np.int64)
    countries = pd.Index(vm.countries)
    for p, cols in enumerate(pairs.columns):
        rows = np.flatnonzero(pairs.period == p)
        if not len(rows):
            continue
        wanted = table[table["session"].isin(np.unique(sessions[cols]))]
        mean = wanted.groupby("country")["ideal_point"].mean().reindex(countries).to_numpy(dtype=np.float64)
        a, b = row_a[rows], row_b[rows]
        ok = (a >= 0) & (b >= 0)
        value[rows[ok]] = -np.abs(mean[a[ok]] - mean[b[ok]])
    return value, n


IDEAL_MEASURE = register_measure(
    Measure(
        "ideal",
        "Ideal-point proximity (minus the distance)",
        "minus the distance between the two countries' Bailey–Strezhnev–Voeten ideal points",
        (-6.0, 0.0),
        from_matrix=_ideal_distance,
    )
)
