"""Words for captions, command output and the report: dates and lists in plain English."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["join_words", "long_date"]


def long_date(value: Any) -> str:
    """A date as ``2 March 2022``.

    Examples
    --------
    >>> long_date("2022-03-02")
    '2 March 2022'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts.strftime('%B %Y')}"


def join_words(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> join_words(["Pakistan", "India", "Sri Lanka"])
    'Pakistan, India and Sri Lanka'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
