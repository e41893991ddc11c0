"""Which periods the data hold only part of: the current year, the edge of a source, a cut selection.

A yearly or per-session value is comparable with the others only when the
data hold the whole period. :func:`partial_periods` flags a period when its
calendar span is not inside what the data can hold:

* the data of the body (:attr:`~unvotes.engine.matrix.VoteMatrix.coverage`,
  the spans its source files cover, see
  :func:`~unvotes.engine.matrix.data_coverage`) begin after the period
  starts, unless the record starts with the body itself (the General
  Assembly's first meeting, 10 January 1946; the Council's, 17 January
  1946), end before the period ends (the current year, the current session,
  the last year of a source loaded alone), or leave a gap inside it (a
  source boundary: the UN extracts of session 74 stop on 27 December 2019);
* the selection's own ``start``/``end`` cut the period.

Spans: a year is 1 January to 31 December. A regular General Assembly
session *N* (from the second) runs from 1 September of year 1945 + *N* to
31 August of the next year; the first session from 1 January 1946 to 31
August 1947. Special and emergency special sessions are never flagged by
their span (they have none: ES-11 has been resumed since 2022), only by a
selection bound that falls inside their roll calls' dates. One period
(``by=None``) is flagged when its first and last years are.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine.matrix import VoteMatrix
from unvotes.engine.selection import Selection
from unvotes.model.values import FIRST_MEETING

__all__ = ["FIRST_MEETINGS", "partial_periods", "period_span"]

FIRST_MEETINGS: Final = FIRST_MEETING
"""The first meetings of the General Assembly and of the Security Council.

The same table as :data:`unvotes.model.values.FIRST_MEETING`, which the loaders check dates against.
"""


def period_span(label: Any, by: str | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The calendar span of a period label (inclusive), or None where it has none.

    Examples
    --------
    >>> [str(d.date()) for d in period_span(2019, "year")]
    ['2019-01-01', '2019-12-31']
    >>> [str(d.date()) for d in period_span("74", "session")]
    ['2019-09-01', '2020-08-31']
    >>> period_span("ES-11", "session") is None
    True
    """
    if by == "year":
        year = int(label)
        return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    if by == "session":
        text = str(label)
        if not text.isdigit():
            return None
        n = int(text)
        start = pd.Timestamp("1946-01-01") if n == 1 else pd.Timestamp(year=1945 + n, month=9, day=1)
        return start, pd.Timestamp(year=1946 + n, month=8, day=31)
    first, _, last = str(label).partition("-")
    if first.isdigit() and last.isdigit():
        return pd.Timestamp(year=int(first), month=1, day=1), pd.Timestamp(year=int(last), month=12, day=31)
    return None


def partial_periods(
    vm: VoteMatrix,
    by: str | None,
    labels: Sequence[Any],
    columns: Sequence[np.ndarray],
    selection: Selection,
) -> tuple[np.ndarray, np.ndarray]:
    """Per period: whether the data hold only part of it, and why (``""`` where whole).

    Parameters
    ----------
    vm
        The vote matrix the periods come from.
    by
        How the periods were made (``"year"``, ``"session"`` or None).
    labels, columns
        The period labels and each period's column positions (as
        :meth:`VoteMatrix.periods` or a pair table give them).
    selection
        The selection that made ``vm`` (its ``start``/``end`` bounds).

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.engine import vote_matrix
    >>> vm = vote_matrix(unvotes.load(), start=2024)
    >>> labels, groups, _ = vm.periods("year")
    >>> flags, why = partial_periods(vm, "year", labels, groups, Selection(start=2024))
    >>> dict(zip(labels, flags.tolist()))[2026], why[-1].startswith("the data end")
    (True, True)
    """
    flags = np.zeros(len(labels), dtype=bool)
    why = np.full(len(labels), "", dtype=object)
    holes = _holes(vm)
    lo_sel, hi_sel = selection.bounds
    dates = vm.rollcalls["date"]
    for i, (label, cols) in enumerate(zip(labels, columns, strict=True)):
        span = period_span(label, by)
        if span is None:
            if len(cols):
                d = dates.iloc[cols]
                if (lo_sel is not None and lo_sel > d.min()) or (hi_sel is not None and hi_sel < d.max()):
                    flags[i], why[i] = True, "the selection's bounds cut the period"
            continue
        start, end = span
        reasons = [
            _hole_words(a, b) for a, b in holes if (a is None or a <= end) and (b is None or b >= start)
        ]
        if lo_sel is not None and lo_sel > start:
            reasons.append(f"the selection starts on {lo_sel.date()}")
        if hi_sel is not None and hi_sel.normalize() < end:
            reasons.append(f"the selection ends on {hi_sel.date()}")
        if reasons:
            flags[i], why[i] = True, "; ".join(reasons)
    return flags, why


def _holes(vm: VoteMatrix) -> list[tuple[pd.Timestamp | None, pd.Timestamp | None]]:
    """What the data cannot speak for: before the first span (unless the record begins with the
    body), between spans, after the last (open-ended: None)."""
    spans = list(vm.coverage or ())
    if not spans:
        return []
    one = pd.Timedelta(days=1)
    bodies = {str(b) for b in vm.rollcalls["body"].unique()} if "body" in vm.rollcalls else set()
    founded = max((FIRST_MEETINGS[b] for b in bodies if b in FIRST_MEETINGS), default=None)
    holes: list[tuple[pd.Timestamp | None, pd.Timestamp | None]] = []
    if founded is None or spans[0][0] > founded:
        holes.append((None, spans[0][0] - one))
    holes.extend((a[1] + one, b[0] - one) for a, b in itertools.pairwise(spans))
    holes.append((spans[-1][1] + one, None))
    return holes


def _hole_words(a: pd.Timestamp | None, b: pd.Timestamp | None) -> str:
    if a is None and b is not None:
        return f"the data begin on {(b + pd.Timedelta(days=1)).date()}"
    if b is None and a is not None:
        return f"the data end on {(a - pd.Timedelta(days=1)).date()}"
    return f"the data hold nothing from {a.date() if a else '?'} to {b.date() if b else '?'}"
