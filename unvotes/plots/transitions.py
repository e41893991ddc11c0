"""The transition matrix of who switched between two roll calls (:func:`plot_switches`)."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.measures.transitions import MIXED, NOT_MEMBER_STATE, TRANSITION_COLUMNS
from unvotes.model import VOTE_CODES
from unvotes.plots._style import VOTE_LABELS, _check_columns, add_caption

__all__ = ["plot_switches"]

_LABELS: Final[dict[str, str]] = {**VOTE_LABELS, MIXED: "Mixed", NOT_MEMBER_STATE: "Not a member"}


def plot_switches(
    counts: pd.DataFrame,
    *,
    from_label: str = "first",
    to_label: str = "second",
    caption: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """The transition matrix: how many countries went from each state to each state.

    Parameters
    ----------
    counts
        A table with columns ``from, to, n, countries``
        (:func:`unvotes.measures.switch_counts`).
    from_label, to_label
        Axis titles: what the two sides are (e.g. ``"A/RES/ES-11/1"``).
    caption
        Caption line (see :func:`source_caption`).
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        One image whose array is the matrix (rows: the state on the first
        side, columns: on the second, in the order Y A N X M -, only states
        that occur), each non-zero cell written as text; diagonal cells are
        the countries that did not switch, masked out of the colour scale
        (drawn grey).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> c = pd.DataFrame({"from": ["Y", "A", "A"], "to": ["Y", "Y", "A"], "n": [140, 5, 30],
    ...                   "countries": ["", "", ""]})
    >>> fig, ax = plt.subplots()
    >>> ax = plot_switches(c, ax=ax)
    >>> ax.images[0].get_array().data.tolist()
    [[140, 0], [5, 30]]
    >>> ax.images[0].get_array().mask.tolist()
    [[True, False], [False, True]]
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    _check_columns(counts, "counts", TRANSITION_COLUMNS)
    order = [*VOTE_CODES, MIXED, NOT_MEMBER_STATE]
    present = set(counts["from"].astype(str)) | set(counts["to"].astype(str))
    states = [s for s in order if s in present] + sorted(present - set(order))
    index = {s: i for i, s in enumerate(states)}
    matrix = np.zeros((len(states), len(states)), dtype=np.int64)
    for f, t, n in zip(counts["from"].astype(str), counts["to"].astype(str), counts["n"], strict=True):
        matrix[index[f], index[t]] += int(n)
    if ax is None:
        ax = plt.gca()
    # The colour scale is the switches' (off the diagonal); those who kept their vote are grey.
    cmap = plt.get_cmap(kwargs.pop("cmap", "Blues")).with_extremes(bad="#E8E8E8")
    kept = np.eye(len(states), dtype=bool)
    switches = matrix[~kept]
    top = int(switches.max()) if switches.size else 0
    kwargs.setdefault("vmin", 0)
    kwargs.setdefault("vmax", max(top, 1))
    ax.imshow(np.ma.masked_array(matrix, mask=kept), cmap=cmap, **kwargs)
    ax.grid(False)
    for (i, j), n in np.ndenumerate(matrix):
        if n:
            color = "white" if i != j and n > top / 2 else "black"
            ax.text(j, i, str(n), ha="center", va="center", color=color, fontsize=9)
    labels = [_LABELS.get(str(s), str(s)) for s in states]
    ax.set_xticks(range(len(states)), labels)
    ax.set_yticks(range(len(states)), labels)
    ax.set_xlabel(to_label)
    ax.set_ylabel(from_label)
    ax.set_title("Who switched (grey: kept their vote)")
    if caption:
        add_caption(ax, caption)
    return ax
