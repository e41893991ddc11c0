"""Grids: members by roll calls coloured by vote, a value grid (e.g. agreement by topic), vetoes by year.

- :func:`plot_vote_grid`: who voted how on which roll calls, rows grouped (a
  bloc, permanent and elected members), with a score per row;
- :func:`plot_value_grid`: a numeric table as an annotated grid (rows by columns);
- :func:`plot_vetoes`: vetoes cast per year, stacked by permanent seat.

Rows are labelled with country names or codes (``labels="name"`` or ``"code"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.plots._style import SERIES_COLORS, VOTE_COLORS, VOTE_LABELS, _check_columns, add_caption
from unvotes.registry import country_name

__all__ = ["country_label", "plot_value_grid", "plot_vetoes", "plot_vote_grid"]

_CODES: Final = ("Y", "A", "N", "X", "U")
_NOT_MEMBER: Final = "#ffffff"


def country_label(code: str, labels: str = "name") -> str:
    """A country's label in charts: its short name (``labels="name"``) or its code (``"code"``)."""
    if labels not in ("name", "code"):
        raise ValueError(f"labels must be 'name' or 'code', not {labels!r}")
    if labels == "code":
        return code
    try:
        return country_name(code)
    except Exception:  # a code the registry lacks is shown as it is
        return code


def plot_vote_grid(
    votes: pd.DataFrame,
    *,
    groups: pd.Series | None = None,
    scores: pd.Series | None = None,
    score_label: str = "score",
    highlight: Sequence[str] = (),
    labels: str = "name",
    column_rotation: float = 90,
    title: str | None = None,
    caption: str | None = None,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Members (rows) by roll calls (columns), each cell coloured by the member's vote.

    Parameters
    ----------
    votes
        Index: country codes, in the order drawn; columns: roll-call labels;
        values ``Y A N X U`` (anything else, e.g. ``-`` not a member, is blank).
    groups
        The group of each row (same index): consecutive rows of one group are
        framed and the group's name written on the right.
    scores
        A number per row written after the last column (e.g. a bloc's core score).
    score_label
        Heading of the score column.
    highlight
        Codes whose row label is bold.
    labels
        ``"name"`` (country names) or ``"code"``.
    column_rotation
        Angle of the column labels (0 for few columns with long labels).
    title, caption, legend, ax
        As for the other charts.

    Returns
    -------
    matplotlib.axes.Axes
        A ``QuadMesh`` of the cells (gid ``vote-grid``); y tick labels are the
        row labels, x tick labels the columns.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    if not isinstance(votes, pd.DataFrame) or votes.empty:
        raise ValueError("votes must be a non-empty DataFrame (countries by roll calls)")
    ax = plt.gca() if ax is None else ax
    codes = [str(c) for c in votes.index]
    index = {v: i for i, v in enumerate(_CODES)}
    cells = np.vectorize(lambda v: index.get(str(v), len(_CODES)), otypes=[float])(
        votes.to_numpy(dtype=object)
    )
    cmap = ListedColormap([VOTE_COLORS[c] for c in _CODES] + [_NOT_MEMBER])
    mesh = ax.pcolormesh(
        cells, cmap=cmap, vmin=-0.5, vmax=len(_CODES) + 0.5, edgecolors="white", linewidth=0.6
    )
    mesh.set_gid("vote-grid")
    ax.set_ylim(len(codes), 0)
    x_group = votes.shape[1] + (1.7 if scores is not None else 0.05)
    longest = max((len(str(g)) for g in groups.dropna()), default=0) if groups is not None else 0
    # room for the group labels, in cells: a bold 8-point character is about 0.075 inch wide
    width = float(getattr(ax.figure, "get_figwidth", lambda: 8.0)())
    cell = max(width * 0.65 / (x_group + 1), 0.05)
    ax.set_xlim(0, x_group + (longest * 0.075 / cell + 0.3 if longest else -0.2))
    bold = {str(c) for c in highlight}
    ax.set_yticks(np.arange(len(codes)) + 0.5, [country_label(c, labels) for c in codes], fontsize=8)
    for tick, code in zip(ax.get_yticklabels(), codes, strict=True):
        if code in bold:
            tick.set_fontweight("bold")
    ax.set_xticks(
        np.arange(votes.shape[1]) + 0.5, [str(c) for c in votes.columns], rotation=column_rotation, fontsize=8
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    x_score = votes.shape[1] + 0.8
    if scores is not None:
        ax.text(x_score, -0.3, score_label, ha="center", va="bottom", fontsize=8)
        for i, code in enumerate(codes):
            value = scores.get(code, np.nan)
            if pd.notna(value):
                ax.text(x_score, i + 0.5, f"{float(value):.2f}", ha="center", va="center", fontsize=8)
    if groups is not None:
        keys = [groups.get(c) for c in codes]
        start = 0
        for i in range(1, len(codes) + 1):
            if i == len(codes) or keys[i] != keys[start]:
                if start:
                    ax.hlines(start, 0, votes.shape[1], color="black", linewidth=1.2)
                if pd.notna(keys[start]):
                    ax.text(
                        x_group, start + 0.5, str(keys[start]), ha="left", va="center", fontsize=8,
                        fontweight="bold",
                    )  # fmt: skip
                start = i
    if title:
        ax.set_title(title, loc="left", fontsize=10)
    if legend:
        present = set(votes.to_numpy().ravel().astype(str))
        handles = [Patch(color=VOTE_COLORS[c], label=VOTE_LABELS[c]) for c in _CODES if c in present]
        if (~np.isin(cells, np.arange(len(_CODES)))).any():
            handles.append(Patch(facecolor=_NOT_MEMBER, edgecolor="0.6", label="Not a member"))
        ax.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=len(handles), frameon=False
        )
    if caption:
        add_caption(ax, caption)
    return ax


def plot_value_grid(
    table: pd.DataFrame,
    *,
    labels: str = "name",
    cmap: str = "cividis",
    vmin: float = 0.0,
    vmax: float = 1.0,
    value_label: str = "",
    title: str | None = None,
    caption: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A numeric table (index: country codes; columns: e.g. topics) as an annotated colour grid.

    Returns the Axes: an ``AxesImage`` and one text per finite cell, with
    its value to two decimals; y tick labels are the countries.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto", interpolation="nearest")
    codes = [str(c) for c in table.index]
    ax.set_yticks(np.arange(len(codes)), [country_label(c, labels) for c in codes])
    ax.set_xticks(np.arange(table.shape[1]), [str(c) for c in table.columns], rotation=90)
    ax.grid(False)
    mid = (vmin + vmax) / 2
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v):
            ax.text(
                j, i, f"{v:.2f}", ha="center", va="center", fontsize=8, color="black" if v > mid else "white"
            )
    ax.figure.colorbar(image, ax=ax, label=value_label, shrink=0.8)
    if title:
        ax.set_title(title, loc="left", fontsize=10)
    if caption:
        add_caption(ax, caption)
    return ax


def plot_vetoes(
    table: pd.DataFrame,
    *,
    labels: str = "code",
    seat_labels: Mapping[str, str] | None = None,
    mark: Sequence[tuple[float, str]] = (),
    caption: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Vetoes per year, stacked by permanent seat: ``table`` from ``vetoes_by_member(ds, by="year")``.

    ``seat_labels`` overrides a seat's legend label (e.g. ``{"RUS": "USSR/Russia"}``);
    ``mark`` draws labelled vertical lines at (year, label). Returns the Axes
    with one ``BarContainer`` per seat (label: the seat's code or name).
    """
    import matplotlib.pyplot as plt

    _check_columns(table, "table", ("period", "country", "vetoes"))
    ax = plt.gca() if ax is None else ax
    wide = table.pivot_table(index="period", columns="country", values="vetoes", aggfunc="sum", fill_value=0)
    years = wide.index.astype(int).to_numpy()
    bottom = np.zeros(len(years))
    for k, seat in enumerate(wide.columns):
        counts = wide[seat].to_numpy(dtype=float)
        ax.bar(
            years,
            counts,
            bottom=bottom,
            width=0.85,
            color=SERIES_COLORS[k % len(SERIES_COLORS)],
            label=(seat_labels or {}).get(str(seat), country_label(str(seat), labels)),
        )
        bottom += counts
    for year, text in mark:
        ax.axvline(year, color="0.3", linewidth=0.8, linestyle=":")
        ax.annotate(
            text,
            (year, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            va="top",
            fontsize=8,
        )
    ax.set_xlabel("Year")
    ax.set_ylabel("Vetoes cast")
    ax.legend(frameon=False, ncols=len(wide.columns), loc="upper left", bbox_to_anchor=(0, -0.15))
    if caption:
        add_caption(ax, caption)
    return ax
