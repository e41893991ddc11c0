"""Charts of groups and blocs: cohesion over time and the abstention bloc network."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from unvotes.measures.cohesion import COHESION_COLUMNS
from unvotes.plots._style import _check_columns, _numeric_periods, add_caption, series_colors

__all__ = ["plot_bloc_network", "plot_cohesion"]

_COHESION_COLUMNS: Final = COHESION_COLUMNS
_MEMBER_COLUMNS: Final = ("country", "bloc", "core_score", "abstentions")
_PAIR_COLUMNS: Final = ("country", "partner", "joint", "expected")
_NO_BLOC: Final = "no bloc"


def _label_step(ax: Axes, x: np.ndarray, n: np.ndarray, *, fontsize: float) -> int:
    """Every how many periods a count label fits without overprinting its neighbours."""
    fig = ax.get_figure()
    width_pt = ax.bbox.width / (fig.dpi if fig is not None else 100.0) * 72
    span = float(x.max() - x.min()) if len(x) > 1 else 0.0
    if span <= 0:
        step = 1
    else:
        per_period = width_pt * float(np.median(np.diff(x))) / span
        label_pt = 0.62 * fontsize * len(str(int(np.nanmax(n)))) + 3  # DejaVu digits ~0.62 em, and a gap
        step = max(1, int(np.ceil(label_pt / per_period)))
    return step


def plot_cohesion(
    table: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    show_n: bool = True,
    legend: bool = True,
    caption: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Group cohesion over time: one line per group.

    Parameters
    ----------
    table
        A cohesion table with columns ``group, period, cohesion,
        members_voting, n`` (one row per group and period; ``n`` roll calls).
    groups
        Which groups and in which order (default: all, in table order).
    show_n
        Write the number of roll calls of each period along the bottom of the
        Axes (from the first group).
    legend
        Draw the legend.
    caption
        Caption line (see :func:`source_caption`).
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every line.

    Returns
    -------
    matplotlib.axes.Axes
        One ``Line2D`` per group, labelled with the group key, its data the
        periods and cohesion values.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["A", "A", "B", "B"], "period": [2020, 2021, 2020, 2021],
    ...                   "cohesion": [0.9, 0.8, 0.5, 0.6], "members_voting": [5, 5, 7, 7],
    ...                   "n": [10, 12, 10, 12]})
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_cohesion(t, ax=ax)
    >>> [line.get_label() for line in ax.get_lines()]
    ['A', 'B']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    _check_columns(table, "table", _COHESION_COLUMNS)
    keys = list(dict.fromkeys(table["group"].astype(str))) if groups is None else [str(g) for g in groups]
    if ax is None:
        ax = plt.gca()
    colors = series_colors(keys)
    x_all, tick_labels = _numeric_periods(table["period"].to_numpy())
    first = True
    step = 1
    for key in keys:
        sel = (table["group"].astype(str) == key).to_numpy()
        x = x_all[sel]
        order = np.argsort(x, kind="stable")
        x = x[order]
        y = table["cohesion"].to_numpy(dtype=float)[sel][order]
        line_kw = {
            "color": colors[key],
            "linewidth": 1.8,
            "marker": "o",
            "markersize": 4,
            "label": key,
            **kwargs,
        }
        ax.plot(x, y, **line_kw)
        if show_n and first and len(x):
            n = table["n"].to_numpy()[sel][order]
            step = _label_step(ax, x, n, fontsize=7)
            for xi, ni in list(zip(x, n, strict=True))[::step]:
                ax.annotate(
                    f"{int(ni)}",
                    (xi, 0),
                    xycoords=("data", "axes fraction"),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color="#666666",
                )
            first = False
    if tick_labels is not None:
        ax.set_xticks(np.arange(len(tick_labels)), tick_labels, rotation=45, ha="right")
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year" if tick_labels is None else "Period")
    ax.set_ylabel("Cohesion")
    ax.set_ylim(min(0.0, float(np.nanmin(table["cohesion"]))) - 0.02 if len(table) else 0, 1.02)
    every = f", every {step}th period" if show_n and step > 1 else ""
    ax.set_title("Group cohesion" + (f" (numbers: roll calls{every})" if show_n else ""))
    if legend:
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.06), frameon=False)
    if caption:
        add_caption(ax, caption)
    return ax


def bloc_edges(members: pd.DataFrame, pairs: pd.DataFrame, *, min_excess: float = 0.0) -> pd.DataFrame:
    """The edges of the bloc network: unordered pairs of ``members`` sharing more abstentions than expected.

    Parameters
    ----------
    members
        Bloc membership table (``country`` column).
    pairs
        Pairwise abstention table with ``country, partner, joint, expected``
        (e.g. :func:`unvotes.measures.abstention.pair_abstention` with ``null="rollcall"``); each unordered
        pair is kept once (the first row found for it).
    min_excess
        Keep pairs whose ``joint − expected`` exceeds this.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, partner, joint, expected, excess``, ``country <
        partner``, sorted by excess (largest first).

    Examples
    --------
    >>> m = pd.DataFrame({"country": ["A", "B", "C"]})
    >>> p = pd.DataFrame({"country": ["A", "B", "A"], "partner": ["B", "A", "C"],
    ...                   "joint": [5, 5, 1], "expected": [2.0, 2.0, 1.5]})
    >>> bloc_edges(m, p).to_dict("records")
    [{'country': 'A', 'partner': 'B', 'joint': 5, 'expected': 2.0, 'excess': 3.0}]
    """
    _check_columns(members, "members", ("country",))
    _check_columns(pairs, "pairs", _PAIR_COLUMNS)
    keep = set(members["country"].astype(str))
    a = pairs["country"].astype(str).to_numpy()
    b = pairs["partner"].astype(str).to_numpy()
    sel = (a != b) & pd.Series(a).isin(keep).to_numpy() & pd.Series(b).isin(keep).to_numpy()
    lo, hi = np.where(a < b, a, b)[sel], np.where(a < b, b, a)[sel]
    out = pd.DataFrame(
        {
            "country": lo,
            "partner": hi,
            "joint": pairs["joint"].to_numpy()[sel],
            "expected": pairs["expected"].to_numpy(dtype=float)[sel],
        }
    ).drop_duplicates(["country", "partner"])
    out["excess"] = out["joint"].astype(float) - out["expected"]
    out = out[(out["excess"] > min_excess).to_numpy()]
    return out.sort_values(["excess", "country", "partner"], ascending=[False, True, True], ignore_index=True)


def _spring_layout(codes: list[str], edges: pd.DataFrame, *, seed: int) -> np.ndarray:
    """Force-directed positions (Fruchterman–Reingold, weighted by the excess), the same for the same seed."""
    import random

    import igraph

    where = {c: i for i, c in enumerate(codes)}
    pairs = [(where[a], where[b]) for a, b in zip(edges["country"], edges["partner"], strict=True)]
    graph = igraph.Graph(n=len(codes), edges=pairs)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = graph.layout_fruchterman_reingold(weights=edges["excess"].astype(float).tolist())
    finally:
        igraph.set_random_number_generator(random)
    return np.array(layout.coords, dtype=float).reshape(-1, 2)


def plot_bloc_network(
    members: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    min_excess: float = 0.0,
    core: float = 0.8,
    layout: str = "blocs",
    seed: int = 1,
    max_width: float = 5.0,
    caption: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """The abstention bloc network: nodes coloured by bloc, edges as wide as the excess co-abstention.

    Nodes are the rows of ``members``; an edge joins two of them when they
    abstained together more often than expected under independence
    (``joint − expected > min_excess``), its width proportional to that
    excess. With ``layout="blocs"`` (default) each bloc's members sit on a
    circle of their own, strongest core members first, blocs side by side
    from the largest (countries in no bloc last), so that a tight bloc does
    not collapse into one point and every label stays legible; with
    ``layout="spring"`` the positions come from igraph's Fruchterman–Reingold
    force-directed layout weighted by the excess, with a fixed seed. Members with
    ``core_score >= core`` are labelled.

    Parameters
    ----------
    members
        Bloc membership: ``country, bloc, core_score, abstentions`` (one row
        per country; ``bloc`` missing = in no bloc, drawn grey).
    pairs
        Pairwise abstention table with ``country, partner, joint, expected``
        (:func:`unvotes.measures.abstention.pair_abstention`).
    min_excess
        Smallest excess of joint abstentions drawn as an edge.
    core
        Label nodes whose ``core_score`` is at least this.
    layout
        ``"blocs"`` (a circle per bloc) or ``"spring"`` (force-directed).
    seed
        Seed of the spring layout (the same seed gives the same picture).
    max_width
        Line width of the widest edge.
    caption
        Caption line (see :func:`source_caption`).
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter` (the nodes).

    Returns
    -------
    matplotlib.axes.Axes
        A ``LineCollection`` of edges (``gid`` ``"edges"``; widths ∝ excess),
        one ``PathCollection`` of nodes per bloc (label = bloc, its colour from
        :data:`SERIES_COLORS`; node area grows with ``abstentions``) and one
        text label per core member. Legend labels give each bloc's size.

    Examples
    --------
    >>> m = pd.DataFrame({"country": ["A", "B", "C"], "bloc": [1, 1, None],
    ...                   "core_score": [1.0, 0.9, 0.1], "abstentions": [5, 5, 1]})
    >>> p = pd.DataFrame({"country": ["A", "B", "A"], "partner": ["B", "A", "C"],
    ...                   "joint": [5, 5, 1], "expected": [2.0, 2.0, 1.5]})
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_bloc_network(m, p, ax=ax)
    >>> [c.get_label() for c in ax.collections[1:]], sorted(t.get_text() for t in ax.texts)
    (['bloc 1 (2)', 'no bloc (1)'], ['A', 'B'])
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    _check_columns(members, "members", _MEMBER_COLUMNS)
    if layout not in ("blocs", "spring"):
        raise ValueError(f"layout must be 'blocs' or 'spring', not {layout!r}")
    edges = bloc_edges(members, pairs, min_excess=min_excess)
    codes = members["country"].astype(str).tolist()
    blocs = members["bloc"]
    labels = np.where(blocs.isna().to_numpy(), _NO_BLOC, blocs.astype(object).map(_bloc_label).to_numpy())
    keys = [k for k in dict.fromkeys(labels) if k != _NO_BLOC] + ([_NO_BLOC] if _NO_BLOC in labels else [])
    scores = members["core_score"].to_numpy(dtype=float)
    if layout == "blocs":
        xy = _circles_layout(codes, labels, keys, scores)
    else:
        xy = _spring_layout(codes, edges, seed=seed)
    where = {c: i for i, c in enumerate(codes)}
    if ax is None:
        ax = plt.gca()
    excess = edges["excess"].to_numpy(dtype=float)
    top = float(excess.max()) if len(excess) else 1.0
    segments = [(xy[where[a]], xy[where[b]]) for a, b in zip(edges["country"], edges["partner"], strict=True)]
    lines = LineCollection(
        segments,
        linewidths=0.3 + (max_width - 0.3) * excess / top,
        colors="#777777",
        alpha=0.35 if len(segments) < 300 else 0.12,  # dense networks: lighter edges keep nodes legible
        zorder=1,
    )
    lines.set_gid("edges")
    ax.add_collection(lines)
    colors = series_colors([k for k in keys if k != _NO_BLOC])
    colors[_NO_BLOC] = "#BBBBBB" if len(colors) < 6 else "#DDDDDD"
    abst = members["abstentions"].to_numpy(dtype=float)
    size = 30 + 220 * np.sqrt(np.clip(abst, 0, None) / max(float(np.nanmax(abst)) if len(abst) else 1.0, 1.0))
    for key in keys:
        sel = labels == key
        node_kw = {"s": size[sel], "color": colors[key], "edgecolors": "white", "linewidths": 0.8, **kwargs}
        ax.scatter(xy[sel, 0], xy[sel, 1], label=f"{key} ({int(sel.sum())})", zorder=2, **node_kw)
    is_core = scores >= core
    centres = {key: xy[labels == key].mean(axis=0) for key in keys}
    for i in np.flatnonzero(is_core):
        # labels point away from their bloc's centre (above the node for a lone one)
        direction = xy[i] - centres[labels[i]]
        norm = float(np.hypot(*direction))
        dx, dy = (direction / norm * 9) if norm > 1e-9 else (0.0, 7.0)
        ax.annotate(
            codes[i], xy[i], xytext=(dx, dy), textcoords="offset points", ha="center", va="center",
            fontsize=7.5, zorder=3,
        )  # fmt: skip
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    ax.set_axis_off()
    ax.set_title("Abstention blocs: edge width = joint abstentions above expectation")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, markerscale=0.6)
    if caption:
        add_caption(ax, caption)
    return ax


def _circles_layout(codes: list[str], labels: np.ndarray, keys: list[str], scores: np.ndarray) -> np.ndarray:
    """One circle per bloc (radius growing with its size), blocs left to right in ``keys`` order."""
    xy = np.zeros((len(codes), 2), dtype=float)
    left = 0.0
    for key in keys:
        idx = np.flatnonzero(labels == key)
        # strongest core members first, then by code, clockwise from the top
        idx = idx[np.lexsort((np.array(codes, dtype=object)[idx], -np.nan_to_num(scores[idx], nan=-1.0)))]
        radius = 0.0 if len(idx) == 1 else max(0.5, 0.32 * np.sqrt(len(idx)))
        angles = np.pi / 2 - 2 * np.pi * np.arange(len(idx)) / max(len(idx), 1)
        xy[idx, 0] = left + radius + radius * np.cos(angles)
        xy[idx, 1] = radius * np.sin(angles)
        left += 2 * radius + 1.2
    return xy


def _bloc_label(value: Any) -> str:
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and float(value).is_integer()):
        return f"bloc {int(value)}"
    return str(value)
