"""Vote shares under a plain name: how often a country voted Y, A, N or not at all, by period and topic."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import pandas as pd

from unvotes.engine.matrix import VoteMatrix, check_by
from unvotes.engine.selection import Selection, selects
from unvotes.errors import check_flag
from unvotes.measures.abstention import abstention_shares
from unvotes.model import ISSUE_CODES, TOPIC_NAMES, Dataset

__all__ = ["ALL_TOPICS", "VOTE_SHARE_COLUMNS", "vote_shares"]

VOTE_SHARE_COLUMNS: Final = ("country", "period", "topic", "n", "Y", "A", "N", "X")
ALL_TOPICS: Final = "all"
"""The ``topic`` of the rows over every selected roll call."""


@selects
def vote_shares(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str] | None = None,
    *,
    by: str | None = "year",
    by_topic: bool = False,
    selection: Selection,
) -> pd.DataFrame:
    """Shares of yes, abstain, no and did-not-vote per country and period (and topic).

    The shares over all roll calls of :func:`unvotes.measures.abstention_shares`
    (the R ``unvotes`` package's "percentage of yes votes"), optionally split
    by Voeten's six topics (:mod:`unvotes.model.topics`).

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    countries
        Codes or names (a string is one country); default every country.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    by_topic
        Also one row per topic (its plain name) besides the rows over all.
    **selection
        The selection options (:class:`~unvotes.engine.selection.Selection`);
        shares over fewer than ``min_votes`` roll calls are NaN.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, period, topic, n, Y, A, N, X``: ``topic`` is
        ``"all"`` or a topic's plain name, ``n`` the roll calls on which the
        country was a member, ``Y, A, N, X`` its shares (adding up to 1; NaN
        when ``n`` is 0). A topic with no selected roll call has no rows.

    Examples
    --------
    >>> import unvotes
    >>> s = vote_shares(unvotes.load(), "PAK", by=None, rcids=[f"A/RES/ES-11/{i}" for i in range(1, 7)])
    >>> s[["country", "topic", "n", "Y", "A"]].to_dict("records")
    [{'country': 'PAK', 'topic': 'all', 'n': 6, 'Y': 0.0, 'A': 1.0}]
    """
    check_flag(by_topic, "by_topic")
    parts = [(ALL_TOPICS, selection)]
    if by_topic:
        parts += [(TOPIC_NAMES[c], selection.replace(topic=[c])) for c in ISSUE_CODES]
    frames = []
    for topic, chosen in parts:
        shares = abstention_shares(data, countries, by=by, selection=chosen)
        shares = shares[shares["rollcalls"] == "all"].drop(columns="rollcalls")
        frames.append(shares.assign(topic=topic))
    out = pd.concat(frames, ignore_index=True)
    if check_by(by) is None and len(frames[0]):  # one period: the label of all the selected roll calls
        out["period"] = frames[0]["period"].iloc[0]
    return out[list(VOTE_SHARE_COLUMNS)]
