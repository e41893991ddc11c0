"""The R ``unvotes`` chart: the share of yes votes over time, a panel per topic (:func:`plot_vote_shares`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unvotes.errors import ArgumentError
from unvotes.measures.shares import VOTE_SHARE_COLUMNS
from unvotes.plots._style import VOTE_LABELS, _check_columns, _numeric_periods, add_caption, series_colors

__all__ = ["plot_vote_shares"]


def plot_vote_shares(
    table: pd.DataFrame,
    *,
    vote: str = "Y",
    countries: Sequence[str] | None = None,
    ncols: int = 3,
    caption: str | None = None,
    fig: Figure | None = None,
    **kwargs: Any,
) -> Figure:
    """Small multiples: one panel per topic, one line per country, the share of ``vote`` per period.

    Parameters
    ----------
    table
        A :func:`unvotes.measures.vote_shares` table (columns ``country,
        period, topic, n, Y, A, N, X``), e.g. with ``by_topic=True``.
    vote
        Which share to draw: ``"Y"`` (default), ``"A"``, ``"N"`` or ``"X"``.
    countries
        Which countries and in which order (default: all, in table order).
    ncols
        Panels per row.
    caption
        Caption line (see :func:`source_caption`).
    fig
        Figure to draw on (default: a new one).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every line.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per topic (in table order), titled with the topic; in each,
        one ``Line2D`` per country labelled with its code, y from 0 to 1.

    Examples
    --------
    >>> t = pd.DataFrame({"country": ["PAK", "PAK", "USA", "USA"], "period": [2020, 2021, 2020, 2021],
    ...                   "topic": "human rights", "n": 10, "Y": [0.9, 0.8, 0.2, 0.1],
    ...                   "A": 0.0, "N": 0.0, "X": 0.0})
    >>> fig = plot_vote_shares(t)
    >>> [a.get_title() for a in fig.axes], [line.get_label() for line in fig.axes[0].get_lines()]
    (['human rights'], ['PAK', 'USA'])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    import matplotlib.pyplot as plt

    _check_columns(table, "table", VOTE_SHARE_COLUMNS)
    if vote not in VOTE_LABELS:
        raise ArgumentError(f"vote must be one of {list(VOTE_LABELS)}, not {vote!r}")
    if ncols < 1:
        raise ArgumentError(f"ncols must be at least 1, not {ncols!r}")
    topics = list(dict.fromkeys(table["topic"].astype(str)))
    keys = list(dict.fromkeys(table["country"].astype(str))) if countries is None else list(countries)
    colors = series_colors(keys)
    fig = fig if fig is not None else plt.figure(figsize=(4 * min(ncols, max(len(topics), 1)), 3))
    nrows = max(1, -(-len(topics) // ncols))
    axes = fig.subplots(nrows, min(ncols, max(len(topics), 1)), squeeze=False).ravel()
    for ax, topic in zip(axes, topics, strict=False):
        part = table[table["topic"].astype(str) == topic]
        for key in keys:
            rows = part[part["country"].astype(str) == key]
            if rows.empty:
                continue
            x, ticks = _numeric_periods(rows["period"].to_numpy())
            order = np.argsort(x, kind="stable")
            ax.plot(x[order], rows[vote].to_numpy(dtype=float)[order], label=key, color=colors[key], **kwargs)
            if ticks is not None:
                ax.set_xticks(range(len(ticks)), ticks)
        ax.set_title(topic)
        ax.set_ylim(0, 1)
        ax.set_ylabel(f"share {VOTE_LABELS[vote].lower()}")
    for ax in axes[len(topics) :]:
        ax.set_visible(False)
    if topics:
        axes[0].legend(frameon=False, fontsize=8)
    if caption:
        add_caption(fig, caption)
    return fig
