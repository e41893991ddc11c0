"""The co-sponsorship matrix, in the order of its communities (:func:`plot_sponsor_matrix`).

A network of every sponsoring country is a hairball (190 nodes, thousands of
weighted edges); the chart is instead the matrix of ``top`` sponsors, each
community given seats in proportion to its size (at least two) and filled
with its most active sponsors, rows and columns grouped by Louvain community
(:func:`unvotes.measures.sponsor_communities`, the blocs' community
detection), each community's block outlined in its own colour. A cell is the
Jaccard index of two countries' sponsorships, ``shared / (either)``: the
number of resolutions both sponsored over the number either did, so that
prolific sponsors do not dominate the picture as raw counts would.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.errors import ArgumentError
from unvotes.measures.sponsorship import SPONSOR_COMMUNITY_COLUMNS, sponsor_communities, sponsor_pairs
from unvotes.model import Dataset
from unvotes.plots._style import SERIES_COLORS, _check_columns, add_caption

__all__ = ["plot_sponsor_matrix", "sponsor_matrix"]

_NO_COMMUNITY_COLOR: Final = "#BBBBBB"


def _seats(communities: pd.DataFrame, top: int) -> pd.DataFrame:
    """The chart's countries in order: per community its seats' worth of the most active sponsors."""
    table = communities.assign(
        _rank=np.where(communities["community"] < 0, np.iinfo(np.int64).max, communities["community"])
    ).sort_values(["_rank", "resolutions", "country"], ascending=[True, False, True])
    sizes = table.groupby("_rank", sort=True).size()
    total = int(sizes.sum())
    parts, left = [], top
    for rank, size in sizes.items():
        seats = min(int(size), max(2, round(top * int(size) / total)), left)
        if seats <= 0:
            break
        parts.append(table[table["_rank"] == rank].head(seats))
        left -= seats
    return pd.concat(parts) if parts else table.head(0)


def sponsor_matrix(
    sponsors: pd.DataFrame | Dataset,
    *,
    top: int = 40,
    communities: pd.DataFrame | None = None,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.Series]:
    """The Jaccard co-sponsorship matrix of ``top`` sponsors, in community order.

    Each community gets ``round(top * size / total)`` seats (at least two, the
    largest communities first when they do not all fit), filled with its
    members that sponsored the most resolutions (ties: by code).

    Returns
    -------
    (pandas.DataFrame, pandas.Series)
        The square matrix (index and columns the country codes; the diagonal
        NaN) and each country's community, both in the chart's order: by
        community (0 the largest, -1 none last), then by resolutions
        sponsored (most first), then by code.

    Examples
    --------
    >>> s = pd.DataFrame({"rcid": ["r1", "r1", "r2", "r2", "r3"],
    ...                   "sponsor": ["ARG", "BRA", "ARG", "BRA", "CHL"]})
    >>> m, c = sponsor_matrix(s, top=3)
    >>> m.loc["ARG", "BRA"], list(m.index)
    (np.float64(1.0), ['ARG', 'BRA', 'CHL'])
    """
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 2:
        raise ArgumentError(f"top must be a whole number >= 2, not {top!r}")
    table = sponsors.sponsors if isinstance(sponsors, Dataset) else sponsors
    if communities is None:
        communities = sponsor_communities(table, seed=seed)
    _check_columns(communities, "communities", SPONSOR_COMMUNITY_COLUMNS)
    chosen = _seats(communities, int(top))
    order = chosen["country"].astype(str).tolist()
    index = {c: i for i, c in enumerate(order)}
    joint = np.zeros((len(order), len(order)))
    pairs = sponsor_pairs(table)
    keep = pairs["country"].isin(index) & pairs["partner"].isin(index)
    for a, b, w in pairs.loc[keep, ["country", "partner", "weight"]].itertuples(index=False):
        joint[index[a], index[b]] = joint[index[b], index[a]] = w
    counts = chosen["resolutions"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = joint / (counts[:, None] + counts[None, :] - joint)
    np.fill_diagonal(jaccard, np.nan)
    matrix = pd.DataFrame(jaccard, index=order, columns=order)
    return matrix, pd.Series(chosen["community"].to_numpy(), index=order, name="community")


def plot_sponsor_matrix(
    sponsors: pd.DataFrame | Dataset,
    *,
    top: int = 40,
    communities: pd.DataFrame | None = None,
    seed: int = 0,
    cmap: str = "cividis",
    caption: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Co-sponsorship of the most active sponsors, grouped by community (see the module docstring).

    Parameters
    ----------
    sponsors
        A sponsor table (``rcid, sponsor``: :attr:`unvotes.model.Dataset.sponsors`,
        :func:`unvotes.measures.selected_sponsors`) or a dataset.
    top
        How many countries: those that sponsored the most resolutions (default 40).
    communities
        The communities to group by (default :func:`unvotes.measures.sponsor_communities`
        of ``sponsors`` with ``seed``).
    seed
        Louvain seed when the communities are computed here.
    cmap
        Colour map of the Jaccard index (default ``cividis``, colour-blind safe).
    caption
        Caption line (see :func:`unvotes.plots.source_caption`).
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        One image whose array is :func:`sponsor_matrix`'s matrix (0 to 1),
        tick labels the country codes in that order, one outlined
        rectangle per community (its legend label ``community k (n)``: n
        countries shown), and a colour bar.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> s = pd.DataFrame({"rcid": ["r1", "r1", "r2", "r2", "r3", "r3"],
    ...                   "sponsor": ["ARG", "BRA", "ARG", "BRA", "IND", "PAK"]})
    >>> fig, ax = plt.subplots()
    >>> ax = plot_sponsor_matrix(s, top=4, ax=ax)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['ARG', 'BRA', 'IND', 'PAK']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    matrix, community = sponsor_matrix(sponsors, top=top, communities=communities, seed=seed)
    if ax is None:
        ax = plt.gca()
    n = len(matrix)
    kwargs.setdefault("cmap", cmap)
    kwargs.setdefault("vmin", 0.0)
    kwargs.setdefault("vmax", 1.0)
    kwargs.setdefault("interpolation", "nearest")
    image = ax.imshow(np.ma.masked_invalid(matrix.to_numpy()), **kwargs)
    size = 8 if n <= 30 else 7 if n <= 50 else 6
    ax.set_xticks(range(n), list(matrix.columns), rotation=90, fontsize=size)
    ax.set_yticks(range(n), list(matrix.index), fontsize=size)
    ax.tick_params(length=0)
    ax.grid(False)
    labels = community.to_numpy()
    start = 0
    k = 0
    while start < n:
        end = start
        while end < n and labels[end] == labels[start]:
            end += 1
        value = int(labels[start])
        color = _NO_COMMUNITY_COLOR if value < 0 else SERIES_COLORS[k % (len(SERIES_COLORS) - 1)]
        name = "no community" if value < 0 else f"community {value}"
        ax.add_patch(
            Rectangle(
                (start - 0.5, start - 0.5),
                end - start,
                end - start,
                fill=False,
                edgecolor=color,
                linewidth=2.2,
                label=f"{name} ({end - start})",
            )
        )
        k += value >= 0
        start = end
    ax.legend(
        loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=4, frameon=False, fontsize=8, borderaxespad=0.3
    )
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.02)
    bar.set_label("co-sponsorship: resolutions both sponsored / either sponsored", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    ax.set_title(f"Co-sponsorship of {n} sponsors, grouped by Louvain community", pad=22)
    if caption:
        add_caption(ax, caption)
    return ax
