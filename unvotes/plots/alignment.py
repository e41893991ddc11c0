"""Charts of alignment: lines over time against references, and the clustered agreement heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from unvotes.errors import ArgumentError
from unvotes.measures import get_measure, measure_names
from unvotes.plots._style import _check_columns, _numeric_periods, add_caption, series_colors
from unvotes.registry import country_name

__all__ = ["measure_label", "plot_agreement_heatmap", "plot_alignment", "plot_alignment_grid"]


def measure_label(measure: str) -> str:
    """The axis label of a measure, from the measure registry (the name itself for an unknown one).

    Examples
    --------
    >>> measure_label("kappa")
    "Cohen's weighted κ"
    """
    try:
        return get_measure(measure).label
    except ArgumentError:
        return measure


_ALIGN_COLUMNS: Final = ("country", "reference", "period", "measure", "value", "n")
_SIZE_MIN, _SIZE_MAX = 8.0, 120.0


def _one_measure(table: pd.DataFrame, measure: str | None, name: str) -> tuple[pd.DataFrame, str]:
    found = list(dict.fromkeys(table["measure"].astype(str)))
    if measure is None:
        if len(found) != 1:
            raise ValueError(f"{name} holds several measures {found}; choose one with measure=")
        measure = found[0]
    elif measure not in found:
        raise ValueError(f"measure {measure!r} is not in {name}; it holds {found}")
    return table[(table["measure"].astype(str) == measure).to_numpy()], measure


def _sizes(n: np.ndarray, n_max: float) -> np.ndarray:
    return _SIZE_MIN + (_SIZE_MAX - _SIZE_MIN) * np.sqrt(np.clip(n, 0, None) / max(n_max, 1.0))


def plot_alignment(
    table: pd.DataFrame,
    *,
    reference: str | None = None,
    measure: str | None = None,
    countries: Sequence[str] | None = None,
    show_n: bool = True,
    min_votes: int = 10,
    legend: bool = True,
    caption: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """One line per country: its alignment with one reference over time.

    Parameters
    ----------
    table
        Output of :func:`unvotes.measures.align.alignment` (columns ``country,
        reference, period, measure, value, n``).
    reference
        Which reference to draw; required when ``table`` has several.
    measure
        Which measure, when ``table`` holds several.
    countries
        Which countries and in which order (default: all, in table order).
    show_n
        Draw a marker at every point whose area grows with the number of
        joint votes ``n`` (scaled to the largest ``n`` in ``table``), with a
        size key in the legend.
    min_votes
        Points computed from fewer joint votes (``n``) are not drawn (a gap
        in the line; default 10): a value from a handful of votes is noise.
        The table keeps them.
    legend
        Draw the legend.
    caption
        Caption line (source and dates, see :func:`source_caption`).
    ax
        Axes to draw on (default: the current Axes).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every line.

    Returns
    -------
    matplotlib.axes.Axes
        One ``Line2D`` per country (label = country code, data = period and
        value, NaN where ``n < min_votes`` or the period is partial) and,
        with ``show_n``, one ``PathCollection`` of markers per country.
        Periods the data hold only part of (``partial_period`` in the
        table, see :mod:`unvotes.engine.periods`) are drawn distinctly:
        dashed segments (a ``LineCollection`` labelled ``_partial CODE``)
        and hollow markers, with a legend entry.

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.measures import alignment
    >>> t = alignment(unvotes.load(), ["PAK", "IND"], "USA", body="GA")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = plot_alignment(t, ax=ax)
    >>> [line.get_label() for line in ax.get_lines()]
    ['PAK', 'IND']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    _check_columns(table, "table", _ALIGN_COLUMNS)
    data, measure = _one_measure(table, measure, "table")
    refs = list(dict.fromkeys(data["reference"].astype(str)))
    if reference is None:
        if len(refs) != 1:
            raise ValueError(f"table has several references {refs}; choose one with reference=")
        reference = refs[0]
    elif reference not in refs:
        raise ValueError(f"reference {reference!r} is not in table; it has {refs}")
    n_max = float(data["n"].max()) if len(data) else 1.0
    data = data[(data["reference"].astype(str) == reference).to_numpy()]
    codes = list(dict.fromkeys(data["country"].astype(str))) if countries is None else list(countries)
    if ax is None:
        ax = plt.gca()
    colors = series_colors(codes)
    x_all, tick_labels = _numeric_periods(data["period"].to_numpy())
    partial_all = (
        data["partial_period"].to_numpy(dtype=bool)
        if "partial_period" in data
        else np.zeros(len(data), dtype=bool)
    )
    any_partial = False
    for code in codes:
        sel = (data["country"].astype(str) == code).to_numpy()
        x = x_all[sel]
        order = np.argsort(x, kind="stable")
        x, y = x[order], data["value"].to_numpy(dtype=float)[sel][order]
        n = data["n"].to_numpy(dtype=float)[sel][order]
        y = np.where(n >= min_votes, y, np.nan)
        partial = partial_all[sel][order]
        line_kw = {"color": colors[code], "linewidth": 1.8, "label": code, **kwargs}
        (line,) = ax.plot(x, np.where(partial, np.nan, y), **line_kw)
        if partial.any() and np.isfinite(y[partial]).any():
            any_partial = True
            pairs = np.flatnonzero((partial[1:] | partial[:-1]) & np.isfinite(y[1:]) & np.isfinite(y[:-1]))
            segments = [[(x[i], y[i]), (x[i + 1], y[i + 1])] for i in pairs]
            ax.add_collection(
                LineCollection(
                    segments,
                    colors=[line.get_color()],
                    linewidths=line.get_linewidth(),
                    linestyles=[(0, (3, 2))],
                    label=f"_partial {code}",
                )
            )
        if show_n:
            ax.scatter(
                x[~partial],
                y[~partial],
                s=_sizes(n[~partial], n_max),
                color=line.get_color(),
                zorder=3,
                edgecolors="white",
                linewidths=0.5,
            )
            if partial.any():
                ax.scatter(
                    x[partial],
                    y[partial],
                    s=_sizes(n[partial], n_max),
                    facecolors="white",
                    edgecolors=line.get_color(),
                    linewidths=1.2,
                    zorder=3,
                )
    if tick_labels is not None:
        ax.set_xticks(np.arange(len(tick_labels)), tick_labels, rotation=45, ha="right")
    elif len(x_all):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year" if tick_labels is None else "Period")
    ax.set_ylabel(measure_label(measure))
    if measure in measure_names() and not get_measure(measure).signed:
        low, high = get_measure(measure).range
        pad = (high - low) * 0.02
        ax.set_ylim(low - pad, high + pad)

    ax.set_title(f"Alignment with {country_name(reference)}")
    if any_partial:
        ax._unvotes_partial = True  # type: ignore[attr-defined]  # read by the grid's legend
    if legend:
        ax.legend(handles=_legend_handles(ax, show_n, n_max), loc="best", frameon=False)
    if caption:
        add_caption(ax, caption)
    return ax


def _legend_handles(ax: Axes, show_n: bool, n_max: float, *, partial: bool | None = None) -> list[Any]:
    handles: list[Any] = list(ax.get_lines())
    if partial if partial is not None else getattr(ax, "_unvotes_partial", False):
        handles.append(
            Line2D(
                [],
                [],
                color="#777777",
                linestyle=(0, (3, 2)),
                marker="o",
                markerfacecolor="white",
                label="partial period",
            )
        )
    if show_n and n_max > 0:
        steps = sorted({round(n_max), round(n_max / 2), round(n_max / 10)} - {0})
        for n in steps:
            size = float(np.sqrt(_sizes(np.array([n]), n_max)[0]))
            handles.append(
                Line2D([], [], linestyle="", marker="o", markersize=size, color="#777777", label=f"n = {n}")
            )
    return handles


def plot_alignment_grid(
    table: pd.DataFrame,
    *,
    references: Sequence[str] | None = None,
    measure: str | None = None,
    countries: Sequence[str] | None = None,
    ncols: int | None = None,
    show_n: bool = True,
    min_votes: int = 10,
    caption: str | None = None,
    figsize: tuple[float, float] | None = None,
    **kwargs: Any,
) -> Figure:
    """Small multiples: one :func:`plot_alignment` panel per reference, sharing the y axis.

    Parameters
    ----------
    table
        Output of :func:`unvotes.measures.align.alignment`.
    references
        Panels, in order (default: every reference in ``table``).
    measure, countries, show_n, min_votes
        As for :func:`plot_alignment`.
    ncols
        Panels per row (default: all in one row, at most 4).
    caption
        Caption line for the figure.
    figsize
        Default: 4.2 inches per panel wide, 3.8 per row high.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every line.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per reference (title "Alignment with ..."); one legend for
        the figure.

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.measures import alignment
    >>> t = alignment(unvotes.load(), ["PAK", "IND"], ["USA", "RUS", "CHN"], body="GA")
    >>> import matplotlib.pyplot as plt
    >>> fig = plot_alignment_grid(t)
    >>> len(fig.axes)
    3
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    _check_columns(table, "table", _ALIGN_COLUMNS)
    data, measure = _one_measure(table, measure, "table")
    refs = list(dict.fromkeys(data["reference"].astype(str))) if references is None else list(references)
    if not refs:
        raise ValueError("table has no rows to draw")
    ncols = min(len(refs), 4) if ncols is None else max(1, int(ncols))
    nrows = -(-len(refs) // ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=figsize or (4.2 * ncols, 3.8 * nrows + 0.9),
        sharey=True,
        squeeze=False,
        layout="constrained",
    )
    codes = list(dict.fromkeys(data["country"].astype(str))) if countries is None else list(countries)
    for ax, ref in zip(axes.flat, refs, strict=False):
        plot_alignment(
            data,
            reference=ref,
            countries=codes,
            show_n=show_n,
            min_votes=min_votes,
            legend=False,
            ax=ax,
            **kwargs,
        )
    for ax in axes.flat[len(refs) :]:
        ax.set_visible(False)
    for ax in axes.flat[1 : len(refs)]:
        ax.set_ylabel("")
    n_max = float(data["n"].max()) if len(data) else 1.0
    partial = any(getattr(ax, "_unvotes_partial", False) for ax in axes.flat)
    handles = _legend_handles(axes.flat[0], show_n, n_max, partial=partial)
    # above the panels: a legend outside the bottom would sit on the caption line
    fig.legend(handles=handles, loc="outside upper center", ncols=min(len(handles), 8), frameon=False)
    if caption:
        add_caption(fig, caption)
    return fig


def _cluster_order(values: np.ndarray, method: str) -> tuple[np.ndarray, Any]:
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - values
    finite = dist[np.isfinite(dist)]
    fill = float(finite.max()) if finite.size else 1.0
    dist = np.where(np.isfinite(dist), dist, fill)
    dist = (dist + dist.T) / 2
    dist = dist - min(0.0, float(dist.min()))
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method=method)
    return leaves_list(z), z


_METHODS: Final = ("average", "complete", "single", "weighted", "ward")


def plot_agreement_heatmap(
    matrix: pd.DataFrame,
    *,
    method: str = "average",
    annotate: bool | None = None,
    cmap: str = "cividis",
    vmin: float | None = None,
    vmax: float | None = None,
    label: str = "Agreement",
    title: str | None = None,
    diagonal: bool = False,
    caption: str | None = None,
    figsize: tuple[float, float] | None = None,
    **kwargs: Any,
) -> Figure:
    """Agreement heatmap ordered by hierarchical clustering, with its dendrogram on top.

    Distances are ``1 − agreement`` (missing pairs count as the largest
    distance found), clustered by :func:`scipy.cluster.hierarchy.linkage`.

    Parameters
    ----------
    matrix
        Square DataFrame, e.g. :func:`unvotes.measures.align.agreement_matrix`.
    method
        Linkage method: one of ``average`` (default), ``complete``,
        ``single``, ``weighted``, ``ward``.
    annotate
        Write the values in the cells (default: when 16 countries or fewer).
    cmap, vmin, vmax
        Colour map (default ``cividis``, colour-blind safe) and its range
        (default: the data's range).
    label
        Colour bar label.
    title
        Figure title.
    diagonal
        Colour the diagonal (each country with itself) too; by default it is
        drawn light grey and left out of the colour range, so that it does
        not set the scale.
    caption
        Caption line for the figure.
    figsize
        Default grows with the number of countries.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.figure.Figure
        Axes ``[dendrogram, heatmap, colour bar]``; the heatmap's tick labels
        are the country codes in clustered order.

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.measures import agreement_matrix
    >>> m = agreement_matrix(unvotes.load(), countries=["USA", "GBR", "RUS", "CHN"], body="GA")
    >>> import matplotlib.pyplot as plt
    >>> fig = plot_agreement_heatmap(m)
    >>> sorted(t.get_text() for t in fig.axes[1].get_xticklabels())
    ['CHN', 'GBR', 'RUS', 'USA']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from scipy.cluster.hierarchy import dendrogram

    if not isinstance(matrix, pd.DataFrame) or matrix.shape[0] != matrix.shape[1]:
        raise ValueError("matrix must be a square DataFrame (e.g. from agreement_matrix)")
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(map(repr, _METHODS))}; got {method!r}")
    k = matrix.shape[0]
    if k < 2:
        raise ValueError(f"matrix needs at least 2 countries to cluster, has {k}")
    values = matrix.to_numpy(dtype=float)
    order, z = _cluster_order(values, method)
    labels = [str(c) for c in matrix.index]
    shown = values[np.ix_(order, order)]
    if not diagonal:
        shown = shown.copy()
        np.fill_diagonal(shown, np.nan)
    side = max(4.5, 0.38 * k + 2.5)
    fig = plt.figure(figsize=figsize or (side + 1.0, side + 1.2), layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=[1, 4], width_ratios=[30, 1])
    ax_tree = fig.add_subplot(grid[0, 0])
    ax_map = fig.add_subplot(grid[1, 0])
    ax_bar = fig.add_subplot(grid[1, 1])
    dendrogram(z, ax=ax_tree, no_labels=True, color_threshold=0, above_threshold_color="#555555")
    ax_tree.set_xlim(0, 10 * k)
    ax_tree.axis("off")
    finite = shown[np.isfinite(shown)]
    lo = vmin if vmin is not None else (float(finite.min()) if finite.size else 0.0)
    hi = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    image = ax_map.imshow(
        shown,
        **{"cmap": cmap, "vmin": lo, "vmax": hi, "aspect": "auto", "interpolation": "nearest", **kwargs},
    )
    if not diagonal:  # light grey, outside the colour scale
        ax_map.imshow(
            np.where(np.eye(k, dtype=bool), 1.0, np.nan),
            cmap="Greys",
            vmin=0,
            vmax=8,
            aspect="auto",
            interpolation="nearest",
        )
    ax_map.set_xticks(np.arange(k), [labels[i] for i in order], rotation=90)
    ax_map.set_yticks(np.arange(k), [labels[i] for i in order])
    ax_map.grid(False)
    for spine in ax_map.spines.values():
        spine.set_visible(False)
    if annotate is None:
        annotate = k <= 16
    if annotate:
        mid = (lo + hi) / 2
        for (i, j), v in np.ndenumerate(shown):
            if np.isfinite(v):
                ax_map.text(
                    j,
                    i,
                    f"{v:.2f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="black" if v > mid else "white",
                )
    fig.colorbar(image, cax=ax_bar, label=label)
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=11)
    if caption:
        add_caption(fig, caption)
    return fig
