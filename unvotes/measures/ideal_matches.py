"""Which roll calls are the same item: BSV's published matches, and automatic matching by title.

Bailey, Strezhnev and Voeten bridge sessions by treating a roll call that
repeats an earlier resolution as the same item (``Matches.csv``: ``rcid2``
repeats ``rcid1``). Chains collapse to the earliest roll call: if b repeats
a and c repeats b, all three are item a.

No public matches exist after 2019. :func:`title_matches` links repeated
resolutions automatically: a roll call is the same item as the earliest roll
call with the same normalised title in an earlier session, when that title
is voted at most once in each session (a title voted several times in one
session, e.g. separate paragraph votes, is ambiguous and left unlinked).
The result is a table users can inspect, of the same form as the published one.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError

__all__ = ["MATCH_COLUMNS", "link_items", "normalise_title", "title_matches"]

MATCH_COLUMNS: Final = ("rcid1", "rcid2", "title", "source")
"""Columns of a match table: ``rcid2`` repeats ``rcid1``; the shared title; ``published`` or ``title``."""

_NOISE: Final = re.compile(r"\b(?:19|20)\d\d\b|\([^)]*\)|[^a-z ]+")
_SPACE: Final = re.compile(r"\s+")


def normalise_title(title: object) -> str:
    """A title reduced to what recurs across sessions: lower case, no years, brackets, digits or punctuation.

    Examples
    --------
    >>> normalise_title("Oceans and the law of the sea (A/74/L.22)")
    'oceans and the law of the sea'
    >>> normalise_title("Follow-up to the 2019 high-level meeting")
    'follow up to the high level meeting'
    """
    if not isinstance(title, str):
        return ""
    text = _NOISE.sub(" ", title.lower().replace("-", " "))
    return _SPACE.sub(" ", text).strip()


def title_matches(rollcalls: pd.DataFrame, *, from_session: int = 74) -> pd.DataFrame:
    """Match repeated resolutions of sessions ``from_session`` onwards by their title.

    Parameters
    ----------
    rollcalls
        Roll calls with ``rcid``, ``title``, ``date`` and ``session_number``
        (the regular session, as :func:`unvotes.measures.ideal_data.build_ideal_data` adds it).
    from_session
        The first session matched automatically (BSV's published matches end in session 74).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MATCH_COLUMNS`, ``source == "title"``, one row per
        repeated roll call (``rcid1`` the earliest with that title).

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": ["a", "b", "c", "d", "e"], "session_number": [75, 76, 77, 77, 77],
    ...     "date": pd.to_datetime(["2020-12-01", "2021-12-01", "2022-12-01", "2022-12-02", "2022-12-03"]),
    ...     "title": ["Oceans (2020)", "Oceans", "Oceans", "Mines", "Mines"]})
    >>> title_matches(rc)[["rcid1", "rcid2"]].to_numpy().tolist()
    [['a', 'b'], ['a', 'c']]
    """
    for column in ("rcid", "title", "date", "session_number"):
        if column not in rollcalls.columns:
            raise ArgumentError(f"title_matches needs a {column!r} column in rollcalls")
    rc = rollcalls.loc[
        rollcalls["session_number"] >= from_session, ["rcid", "title", "date", "session_number"]
    ]
    rc = rc.assign(key=rc["title"].map(normalise_title)).query("key != ''")
    per_session = rc.groupby(["key", "session_number"])["rcid"].transform("size")
    rc = rc[per_session == 1].sort_values(["date", "rcid"], kind="stable")
    first = rc.groupby("key")["rcid"].transform("first")
    rows = rc[rc["rcid"] != first]
    return pd.DataFrame(
        {
            "rcid1": first[rows.index].to_numpy(dtype=object),
            "rcid2": rows["rcid"].to_numpy(dtype=object),
            "title": rows["title"].to_numpy(dtype=object),
            "source": "title",
        },
        columns=list(MATCH_COLUMNS),
    )


def link_items(rcids: pd.Series, matches: pd.DataFrame) -> np.ndarray:
    """The item of each roll call: the earliest roll call of its chain of matches (itself when unmatched).

    Examples
    --------
    >>> m = pd.DataFrame({"rcid1": ["a", "b"], "rcid2": ["b", "c"]})
    >>> link_items(pd.Series(["a", "b", "c", "d"]), m).tolist()
    ['a', 'a', 'a', 'd']
    """
    parent: dict[str, str] = {}
    for first, second in zip(matches["rcid1"].astype(str), matches["rcid2"].astype(str), strict=True):
        if first != second:
            parent.setdefault(second, first)
    out = np.empty(len(rcids), dtype=object)
    for i, rcid in enumerate(rcids.astype(str)):
        seen = {rcid}
        root = rcid
        while root in parent and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        out[i] = root
    return out
