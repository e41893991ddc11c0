"""The data of the ideal-point model: votes as ordered categories, items, country-sessions.

:func:`build_ideal_data` applies Bailey, Strezhnev and Voeten's data rules
to a vote matrix and returns flat arrays an estimator can work on at once:

* votes Y / A / N are the ordered categories 0 / 1 / 2; absent (X) and
  non-member are missing (no entry);
* amendment and paragraph votes after 1989 are left out, and session 19
  (whose only vote was procedural) too;
* roll calls that repeat an earlier resolution are one item
  (:mod:`~unvotes.measures.ideal_matches`); items on which every vote falls
  in one category carry no information and are left out (counted in
  ``notes``);
* each country-session is one ideal point; a seat that continues another
  (the Russian Federation the USSR's, Serbia and Montenegro then Serbia
  Yugoslavia's) is one random walk.

Emergency and special sessions (``ES-11``, ``S-32``) belong to the regular
session in progress on their date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from unvotes.engine import NO, YES, Selection, VoteMatrix, select
from unvotes.errors import ArgumentError
from unvotes.measures.ideal_matches import MATCH_COLUMNS, link_items, title_matches
from unvotes.model import Dataset

__all__ = ["SEAT_OF", "IdealData", "build_ideal_data", "session_numbers"]

SEAT_OF: Final = {"SUN": "RUS", "YUG": "SRB", "SCG": "SRB"}
"""Seats continued by a successor: one random walk (BSV's single COW code for each)."""


def session_numbers(rollcalls: pd.DataFrame) -> np.ndarray:
    """The regular GA session of each roll call; a special or emergency session's is the one open on its date.

    A regular session ``s >= 2`` opens in September of ``1945 + s``.

    Examples
    --------
    >>> rc = pd.DataFrame({"session": ["76", "ES-11", "S-32"],
    ...     "date": pd.to_datetime(["2021-12-01", "2022-03-02", "2025-09-22"])})
    >>> session_numbers(rc).tolist()
    [76, 76, 80]
    """
    numeric = pd.to_numeric(rollcalls["session"].astype("object"), errors="coerce")
    dates = pd.to_datetime(rollcalls["date"])
    by_date = np.where(dates.dt.month >= 9, dates.dt.year - 1945, dates.dt.year - 1946)
    by_date = np.maximum(by_date, 1)
    return np.where(numeric.notna(), numeric.fillna(0), by_date).astype(np.int64)


@dataclass(frozen=True, eq=False)
class IdealData:
    """Votes of the ideal-point model as flat arrays (one entry per vote cast).

    Attributes
    ----------
    y, cs, item : numpy.ndarray
        Per vote: the category (0 Y, 1 A, 2 N), the country-session and the item.
    units : pandas.DataFrame
        One row per country-session, ordered by seat then session: ``country,
        seat, session, year, n``; ``prev`` (numpy) is the row of the seat's
        previous session (-1 for its first).
    items : pandas.DataFrame
        One row per item: ``rcid`` (its earliest roll call), ``n_rollcalls``, ``n``.
    rollcalls : pandas.DataFrame
        The roll calls used: ``rcid, session, session_number, date, item, linked_to``.
    matches : pandas.DataFrame
        The matches applied (:data:`~unvotes.measures.ideal_matches.MATCH_COLUMNS`).
    notes : list of str
        What was left out and why.
    """

    y: np.ndarray
    cs: np.ndarray
    item: np.ndarray
    units: pd.DataFrame
    prev: np.ndarray
    items: pd.DataFrame
    rollcalls: pd.DataFrame
    matches: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def n_units(self) -> int:
        """The number of country-sessions."""
        return len(self.units)

    @property
    def n_items(self) -> int:
        """The number of items."""
        return len(self.items)


def _published(matches: pd.DataFrame | None) -> pd.DataFrame:
    if matches is None:
        return pd.DataFrame(columns=list(MATCH_COLUMNS))
    if not {"rcid1", "rcid2"} <= set(matches.columns):
        raise ArgumentError(f"matches must have columns rcid1 and rcid2; got {list(matches.columns)}")
    out = matches.loc[:, ["rcid1", "rcid2"]].astype(str)
    out["title"] = matches["title"] if "title" in matches.columns else None
    out["source"] = matches["source"] if "source" in matches.columns else "published"
    return out.loc[:, list(MATCH_COLUMNS)]


def build_ideal_data(
    data: Dataset | VoteMatrix,
    selection: Selection,
    *,
    matches: pd.DataFrame | None = None,
    auto_match: bool = True,
    match_from: int = 74,
) -> IdealData:
    """Apply BSV's data rules to the selected roll calls (see the module docstring).

    Parameters
    ----------
    data
        A Dataset or a VoteMatrix.
    selection
        Which roll calls count (its body is the GA unless said otherwise).
    matches
        Published matches (``rcid1, rcid2``; e.g. :func:`unvotes.sources.bsv.read_bsv_matches`), or None.
    auto_match
        Also match repeated resolutions by title from session ``match_from`` on
        (:func:`~unvotes.measures.ideal_matches.title_matches`).

    Raises
    ------
    ArgumentError
        When no vote is left to estimate from (an empty selection).
    """
    vm = select(data, selection)
    rc = vm.rollcalls
    notes: list[str] = []
    sess_num = session_numbers(rc)
    years = rc["year"].to_numpy(dtype=np.int64)
    part = rc["amendment"].fillna(False).to_numpy(dtype=bool) | rc["paragraph"].fillna(False).to_numpy(
        dtype=bool
    )
    drop = (part & (years > 1989)) | (sess_num == 19)
    if drop.any():
        notes.append(
            f"{int(drop.sum())} amendment/paragraph votes after 1989 or session-19 roll calls left out"
        )
    cols = np.flatnonzero(~drop)
    rc = rc.iloc[cols].reset_index(drop=True)
    rc["session_number"] = sess_num[cols]
    codes = vm.codes[:, cols]

    table = _published(matches)
    if auto_match and "title" in data_titles(data, rc).columns:
        rc["title"] = data_titles(data, rc)["title"].to_numpy()
        auto = title_matches(rc, from_session=match_from)
        auto = auto[~auto["rcid2"].isin(table["rcid2"])]
        table = pd.concat([table, auto], ignore_index=True) if len(table) else auto
    root = link_items(rc["rcid"], table)
    rc["linked_to"] = pd.Series(root, dtype=object).where(root != rc["rcid"].to_numpy(dtype=object), None)

    row, col = np.nonzero((codes >= YES) & (codes <= NO))
    y = (codes[row, col] - YES).astype(np.int8)
    item_key, item_names = pd.factorize(pd.Series(root, dtype=object))
    vote_item = item_key[col]
    counts = np.bincount(vote_item * 3 + y, minlength=len(item_names) * 3).reshape(-1, 3)
    informative = (counts > 0).sum(axis=1) >= 2
    if (~informative).any():
        notes.append(f"{int((~informative).sum())} item(s) with every vote in one category left out")
    keep = informative[vote_item]
    if not keep.any():
        raise ArgumentError(f"no contested vote to estimate ideal points from in {selection.describe()}")
    row, col, y, vote_item = row[keep], col[keep], y[keep], vote_item[keep]
    new_item = np.cumsum(informative) - 1
    vote_item = new_item[vote_item]

    units, cs, prev = _units(vm.countries.to_numpy(dtype=object), row, rc["session_number"].to_numpy()[col])
    voted = np.zeros(len(vm.countries), dtype=bool)
    voted[row] = True
    if not voted.all():
        silent = vm.countries.to_numpy(dtype=object)[~voted]
        shown = ", ".join(map(str, silent[:10])) + (", ..." if len(silent) > 10 else "")
        notes.append(
            f"{len(silent)} country(ies) with no Y/A/N vote on a contested item have no ideal point: {shown}"
        )

    rc_used = np.zeros(len(rc), dtype=bool)
    rc_used[np.unique(col)] = True
    items = pd.DataFrame({"rcid": item_names[informative].to_numpy(dtype=object)})
    items["n_rollcalls"] = np.bincount(new_item[item_key[rc_used]], minlength=len(items))
    items["n"] = np.bincount(vote_item, minlength=len(items))
    rc_table = rc.loc[rc_used, ["rcid", "session", "session_number", "date", "linked_to"]].copy()
    rc_table.insert(4, "item", new_item[item_key[rc_used]])
    used_ids = set(rc_table["rcid"])
    table = table[table["rcid2"].isin(used_ids)].reset_index(drop=True)
    return IdealData(
        y=y,
        cs=cs,
        item=vote_item.astype(np.int64),
        units=units,
        prev=prev,
        items=items,
        rollcalls=rc_table.reset_index(drop=True),
        matches=table,
        notes=notes,
    )


def _units(
    countries: np.ndarray, row: np.ndarray, session: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The country-sessions of the votes (``row``: country positions, ``session``: per vote).

    Returns the units table by seat then session (``country, seat, session, year, n``; the country
    is the one with the most votes in a seat-session, the first by code on a
    tie), each vote's unit and each unit's previous unit in its seat (-1).
    """
    seat_names = np.array([SEAT_OF.get(c, c) for c in countries], dtype=str)
    seats, seat_code = np.unique(seat_names, return_inverse=True)
    width = int(session.max()) + 1
    ukeys, cs = np.unique(seat_code[row] * width + session, return_inverse=True)
    n_units = len(ukeys)
    rank = np.empty(len(countries), dtype=np.int64)
    rank[np.argsort(np.asarray(countries, dtype=str), kind="stable")] = np.arange(len(countries))
    pairs, k = np.unique(cs * len(countries) + rank[row], return_counts=True)
    pair_unit, pair_rank = pairs // len(countries), pairs % len(countries)
    best = np.lexsort((pair_rank, -k, pair_unit))
    first = best[np.r_[True, pair_unit[best][1:] != pair_unit[best][:-1]]]
    by_rank = np.empty(len(countries), dtype=object)
    by_rank[rank] = countries
    unit_seat = seats[ukeys // width].astype(object)
    unit_session = (ukeys % width).astype(np.int64)
    units = pd.DataFrame(
        {
            "country": by_rank[pair_rank[first]],
            "seat": unit_seat,
            "session": unit_session,
            "year": 1945 + unit_session,
            "n": np.bincount(cs, minlength=n_units),
        }
    )
    prev = np.arange(n_units) - 1
    if n_units:
        prev[0] = -1
    prev[1:][unit_seat[1:] != unit_seat[:-1]] = -1
    return units, cs.astype(np.int64), prev


def data_titles(data: Dataset | VoteMatrix, rc: pd.DataFrame) -> pd.DataFrame:
    """The titles of roll calls ``rc`` (from the Dataset; a VoteMatrix carries none: an empty column)."""
    if isinstance(data, Dataset) and "title" in data.rollcalls.columns:
        titles = data.rollcalls.set_index("rcid")["title"]
        return pd.DataFrame({"title": rc["rcid"].map(titles).to_numpy(dtype=object)})
    return pd.DataFrame({"title": np.full(len(rc), None, dtype=object)})
