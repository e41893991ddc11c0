"""Data-quality findings: the fixed columns of a findings table and its constructors.

A finding is something the data say that is probably wrong (a stated tally
that disagrees with the listed votes, a vote by a non-member, a duplicated
record): loaders and validation report it in a findings table and never
"fix" it. Hard errors raise :class:`~unvotes.errors.SchemaError` instead.
"""

from __future__ import annotations

import functools
from typing import Final

import pandas as pd

__all__ = ["FINDING_COLUMNS", "empty_findings", "findings_frame"]

_STR = "str"

FINDING_COLUMNS: Final = ("severity", "check", "source", "rcid", "resolution", "country", "message")
"""Columns of a findings table: severity is 'warning' (data quality) or 'info'."""


def empty_findings() -> pd.DataFrame:
    """An empty findings table with the fixed columns.

    Examples
    --------
    >>> list(empty_findings().columns)
    ['severity', 'check', 'source', 'rcid', 'resolution', 'country', 'message']
    """
    return _EMPTY().copy()


@functools.cache
def _EMPTY() -> pd.DataFrame:  # noqa: N802  (a constant, built once)
    return pd.DataFrame({c: pd.Series(dtype=_STR) for c in FINDING_COLUMNS})


def findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A findings table from a list of dicts (missing keys are NA)."""
    if not rows:
        return empty_findings()
    out = pd.DataFrame(rows)
    for col in FINDING_COLUMNS:
        if col not in out:
            out[col] = pd.NA
    return out[list(FINDING_COLUMNS)].astype(_STR)
