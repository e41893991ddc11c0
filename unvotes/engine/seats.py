"""Carry a country's record through the seat it inherited: one vote-matrix row per seat.

:func:`continue_seats` merges the rows of a seat's earlier holders (the USSR
into Russia, Yugoslavia and Serbia and Montenegro into Serbia, ...; the list
and its reasons are in :mod:`unvotes.registry.continuity`) into the row of
the seat's present holder, column by column: on a roll call before the date
the seat changed hands the merged row holds the earlier holder's vote. The
matrix then records, per merged row, which state held the seat on each roll
call (:attr:`~unvotes.engine.matrix.VoteMatrix.holders`), so every table can
say whose votes a value was computed from (:func:`seat_labels`).

Two holders never vote on the same roll call for one seat: a roll call on
which both have a vote row is an error, never a silent choice.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from unvotes.engine.matrix import NOT_MEMBER, VoteMatrix
from unvotes.errors import UnvotesError
from unvotes.registry import seat_continuity

__all__ = ["continue_seats", "seat_labels"]


def continue_seats(vm: VoteMatrix, *, china_seat: bool = False) -> VoteMatrix:
    """The matrix with each inherited seat's earlier holders merged into its present holder's row.

    Parameters
    ----------
    vm
        A vote matrix.
    china_seat
        Also merge the Republic of China's votes (``TWN``, before
        1971-10-25) into ``CHN`` (see :mod:`unvotes.registry.continuity`).

    Returns
    -------
    VoteMatrix
        Rows of earlier holders are gone; the row of each seat that took
        them records the holder per roll call in ``holders``. A matrix with
        no earlier holders is returned unchanged.

    Raises
    ------
    UnvotesError
        When a seat's two holders both have a vote row on one roll call.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"rcid": ["r1", "r2"], "date": pd.to_datetime(["1990-01-01", "2000-01-01"])})
    >>> vm = VoteMatrix(np.array([[0, 1], [3, 0]], dtype=np.int8), pd.Index(["RUS", "SUN"]), meta)
    >>> merged = continue_seats(vm)
    >>> list(merged.countries), merged.codes.tolist(), merged.holders["RUS"].tolist()
    (['RUS'], [[3, 1]], ['SUN', 'RUS'])
    """
    table = seat_continuity(china_seat=china_seat)
    present = set(vm.countries)
    table = table[table["holder"].isin(present)]
    if table.empty:
        return vm
    dates = vm.rollcalls["date"].to_numpy()
    codes = vm.codes
    index = {c: i for i, c in enumerate(vm.countries)}
    holders = dict(vm.holders or {})
    merged: dict[str, np.ndarray] = {}
    for seat, rows in table.groupby("seat", sort=True):
        row = codes[index[seat]].copy() if seat in index else np.zeros(codes.shape[1], dtype=np.int8)
        who = holders.get(seat)
        if who is None:
            who = np.full(len(row), None, dtype=object)
            who[row != NOT_MEMBER] = seat
        for holder, until in zip(rows["holder"], rows["until"], strict=True):
            theirs = codes[index[holder]]
            both = (theirs != NOT_MEMBER) & (row != NOT_MEMBER)
            if both.any():
                rcid = vm.rollcalls["rcid"].to_numpy()[np.flatnonzero(both)[0]]
                raise UnvotesError(
                    f"{holder} and {seat} both have a vote on {rcid}: one seat cannot have two holders "
                    "(check the country codes of the data)"
                )
            late = (theirs != NOT_MEMBER) & (dates >= np.datetime64(until))
            if late.any():
                rcid = vm.rollcalls["rcid"].to_numpy()[np.flatnonzero(late)[0]]
                raise UnvotesError(
                    f"{holder} has a vote on {rcid}, after its seat passed to {seat} on "
                    f"{pd.Timestamp(until).date()}"
                )
            take = theirs != NOT_MEMBER
            row[take] = theirs[take]
            who[take] = holder
        merged[str(seat)] = row
        holders[str(seat)] = who
    gone = set(table["holder"])
    countries = pd.Index(
        sorted({c for c in vm.countries if c not in gone} | set(merged)), name=vm.countries.name
    )
    out_codes = [merged[c] if c in merged else codes[index[c]] for c in countries]
    return VoteMatrix(
        np.ascontiguousarray(np.vstack(out_codes)) if out_codes else codes[:0],
        countries,
        vm.rollcalls,
        {c: h for c, h in holders.items() if c in merged or (c in index and c not in gone)},
        vm.coverage,
    )


def seat_labels(vm: VoteMatrix, codes: Sequence[str], groups: Sequence[np.ndarray]) -> np.ndarray:
    """Which states held each country's seat in each period: ``len(codes) × len(groups)`` strings.

    ``"SUN"`` for Russia's row in 1960, ``"SUN+RUS"`` in 1991, the country's
    own code where it voted as itself, and ``""`` where the seat has no vote
    row in the period (not a member).

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"rcid": ["r1", "r2"], "date": pd.to_datetime(["1990-01-01", "2000-01-01"])})
    >>> vm = VoteMatrix(np.array([[0, 1], [3, 0]], dtype=np.int8), pd.Index(["RUS", "SUN"]), meta)
    >>> seat_labels(continue_seats(vm), ["RUS", "PAK"], [np.array([0]), np.array([0, 1])]).tolist()
    [['SUN', 'SUN+RUS'], ['', '']]
    """
    rows = vm.rows_of(codes)
    own = np.asarray(codes, dtype=object)[:, None]
    out = np.where(vm.voted_in(rows, groups), own, "").astype(object)
    holders = vm.holders or {}
    for i, code in enumerate(codes):
        who = holders.get(code)
        if who is not None and rows[i] >= 0:
            for j, cols in enumerate(groups):
                out[i, j] = "+".join(dict.fromkeys(h for h in who[cols] if h is not None))
    return out
