"""How every member voted on one roll call: tiles grouped by region, coloured by vote."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.model import VOTE_CODES
from unvotes.plots._style import VOTE_COLORS, VOTE_LABELS, add_caption, source_caption
from unvotes.plots.grid import country_label

__all__ = ["plot_rollcall", "rollcall_groups"]

_VOTES: Final = VOTE_CODES
_TEXT_ON: Final = {"Y": "white", "A": "black", "N": "white", "X": "black", "U": "black"}
_OTHER: Final = "Other"


def rollcall_groups(
    dataset: Any, resolution: str, *, groups: Sequence[str] | None = None, other: str = _OTHER
) -> pd.DataFrame:
    """Every member's vote on a roll call with the group it is shown in.

    Parameters
    ----------
    dataset
        A :class:`~unvotes.Dataset`.
    resolution
        Resolution symbol (or rcid), as for :meth:`Dataset.rollcall`.
    groups
        Group keys (see :func:`unvotes.registry.groups.group_names`); a member goes to
        the first group it belonged to on the vote's date, else ``other``.
        Default: the five UN regional groups.
    other
        Label of members in none of ``groups`` (e.g. Kiribati for the regional
        groups).

    Returns
    -------
    pandas.DataFrame
        Columns ``group, country, name, vote``, sorted by group (in the order
        given, ``other`` last), vote (Y, A, N, X), then code.

    Examples
    --------
    >>> import unvotes
    >>> t = rollcall_groups(unvotes.load(), "A/RES/ES-11/1")
    >>> t.set_index("country").loc["KIR", "group"], len(t)
    ('Other', 193)
    """
    from unvotes.registry import REGIONAL_GROUPS, group_membership_mask

    keys = list(REGIONAL_GROUPS) if groups is None else [str(g) for g in groups]
    row = dataset.rollcall(resolution)
    table = dataset.votes_on(resolution)
    codes = table["country"].to_numpy(dtype=object)
    group = np.full(len(codes), other, dtype=object)
    free = np.ones(len(codes), dtype=bool)
    for key in keys:  # a loop over groups, not members
        hit = free & group_membership_mask(key, codes, row["date"])
        group[hit] = key
        free &= ~hit
    order_key = {k: i for i, k in enumerate([*keys, other])}
    out = pd.DataFrame({"group": group, "country": codes, "name": table["name"], "vote": table["vote"]})
    sort = np.lexsort(
        (
            out["country"].to_numpy(dtype=str),
            out["vote"].map(_VOTES.index).to_numpy(),
            out["group"].map(order_key).to_numpy(),
        )
    )
    return out.iloc[sort].reset_index(drop=True)


def _group_label(key: str) -> str:
    from unvotes.registry import group_info

    info = group_info().set_index("group")["name"]
    return str(info.get(key, key))


def plot_rollcall(
    dataset: Any,
    resolution: str,
    *,
    groups: Sequence[str] | None = None,
    ncols: int = 20,
    highlight: Sequence[str] | None = None,
    labels: bool = True,
    caption: str | bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """How every member voted on one roll call: one tile per member, grouped, coloured Y / A / N / X.

    Each group is a block of rows of ``ncols`` tiles, sorted by vote then
    code, labelled on the left with the group's name and its own tally. The
    legend gives the overall tally. Readable with all 193 members at about
    12 × 7 inches.

    Parameters
    ----------
    dataset
        A :class:`~unvotes.Dataset`.
    resolution
        Resolution symbol (or rcid).
    groups
        How members are grouped (see :func:`rollcall_groups`); default the
        five UN regional groups at the vote's date.
    ncols
        Tiles per row.
    highlight
        Country codes whose tiles get a black outline (e.g. the states the
        story is about).
    labels
        Write each member's code in its tile.
    caption
        ``True`` (default): the source and date line from
        :func:`source_caption`; a string: that caption; ``False``: none.
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.bar` (one call per vote code).

    Returns
    -------
    matplotlib.axes.Axes
        One ``BarContainer`` per vote code present (``ax.containers``), its
        label ``"Yes (141)"`` etc., its patches in :data:`VOTE_COLORS`.

    Raises
    ------
    ValueError
        When the roll call has no per-member votes (adopted without a vote).

    Examples
    --------
    >>> import unvotes
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(12, 7))
    >>> ax = plot_rollcall(unvotes.load(), "A/RES/ES-11/1", ax=ax)
    >>> [c.get_label() for c in ax.containers]
    ['Yes (141)', 'Abstain (35)', 'No (5)', 'Did not vote (12)']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if ncols < 1:
        raise ValueError(f"ncols must be at least 1, not {ncols}")
    row = dataset.rollcall(resolution)
    table = rollcall_groups(dataset, resolution, groups=groups)
    if table.empty:
        raise ValueError(f"{row['resolution']} was {row['modality']}: there are no per-member votes to draw")
    if ax is None:
        ax = plt.gca()
    # positions: each group starts on a new row, with a gap of half a row
    x = np.empty(len(table))
    y = np.empty(len(table))
    heads: list[tuple[float, float, str, pd.DataFrame]] = []
    top = 0.0
    for key, part in table.groupby("group", sort=False):
        idx = part.index.to_numpy()
        k = np.arange(len(idx))
        x[idx] = k % ncols
        y[idx] = top + k // ncols
        rows = -(-len(idx) // ncols)
        heads.append((top, top + rows - 1, str(key), part))
        top += rows + 0.6
    votes = table["vote"].to_numpy(dtype=str)
    lit = set() if highlight is None else {str(c) for c in highlight}
    edge = np.where(table["country"].isin(lit).to_numpy(), "black", "white")
    width = np.where(edge == "black", 2.0, 0.8)
    for code in _VOTES:
        sel = votes == code
        if not sel.any():
            continue
        bar_kw = {
            "width": 0.92,
            "color": VOTE_COLORS[code],
            "edgecolor": edge[sel],
            "linewidth": width[sel],
            "label": f"{VOTE_LABELS[code]} ({int(sel.sum())})",
            **kwargs,
        }
        ax.bar(x[sel], 0.92, bottom=y[sel] - 0.46, align="center", **bar_kw)
    if labels:
        for xi, yi, code, vote in zip(x, y, table["country"], votes, strict=True):
            ax.text(xi, yi, code, ha="center", va="center", fontsize=6.5, color=_TEXT_ON[vote])
    for first, last, key, part in heads:
        counts = part["vote"].value_counts()
        tally = "  ".join(f"{v} {int(counts.get(v, 0))}" for v in _VOTES if counts.get(v, 0))
        label = _group_label(key) if key != _OTHER else _OTHER
        ax.text(-0.8, (first + last) / 2, f"{label}\n{tally}", ha="right", va="center", fontsize=8.5)
    ax.set_xlim(-0.6, ncols - 0.4)
    ax.set_ylim(top - 0.4, -0.7)
    ax.set_axis_off()
    title = row["title"] if isinstance(row["title"], str) else ""
    if len(title) > 150:
        title = title[:147] + "..."
    date = pd.Timestamp(row["date"])
    # wrapped, so that a long title never runs past the figure's right edge
    head = f"{row['resolution']} ({date.day} {date:%B %Y})" + (f": {title}" if title else "")
    ax.set_title("\n".join(textwrap.wrap(head, 95)), loc="left")
    handles, _ = ax.get_legend_handles_labels()
    present = set(table["country"].astype(str))
    shown = [str(c) for c in (highlight or ()) if str(c) in present]  # in the caller's order
    if shown:
        from matplotlib.patches import Patch

        names = ", ".join(country_label(c) for c in shown)
        handles.append(Patch(facecolor="white", edgecolor="black", linewidth=2.0, label=f"outlined: {names}"))
    # below the tiles, so that a long title never runs into it
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=5,
        frameon=False,
        handlelength=1.0,
    )
    if caption is True:
        add_caption(ax, source_caption(dataset, [row["rcid"]]))
    elif isinstance(caption, str) and caption:
        add_caption(ax, caption)
    return ax
