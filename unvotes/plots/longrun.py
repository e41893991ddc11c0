"""The long run: alignment with each reference and ideal points, stacked on one shared time axis.

:func:`plot_long_run` draws one :func:`~unvotes.plots.plot_alignment` panel
per reference and, when given, a panel of ideal points with their intervals,
all sharing the x axis (years), with dated era markers (:func:`era_table`,
``unvotes/_data/eras.csv``) on every panel and their labels on the top one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from io import StringIO
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unvotes.plots._style import add_caption, series_colors
from unvotes.plots.grid import country_label

__all__ = ["era_table", "plot_long_run"]


@lru_cache(maxsize=1)
def _eras_text() -> str:
    return resources.files("unvotes").joinpath("_data/eras.csv").read_text(encoding="utf-8")


def era_table() -> pd.DataFrame:
    """The dated era markers: columns ``date, label, event, source`` (``date`` a Timestamp)."""
    table = pd.read_csv(StringIO(_eras_text()), dtype=str)
    table["date"] = pd.to_datetime(table["date"])
    return table


def _decimal_year(date: pd.Timestamp) -> float:
    return float(date.year + (date.day_of_year - 1) / 365.25)


def plot_long_run(
    alignment: pd.DataFrame,
    *,
    countries: Sequence[str],
    references: Sequence[str],
    ideal: pd.DataFrame | None = None,
    eras: pd.DataFrame | None = None,
    labels: str = "name",
    min_votes: int = 10,
    years: tuple[int, int] | None = None,
    caption: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Alignment with each reference (one panel each) and ideal points, on one shared year axis.

    Parameters
    ----------
    alignment
        :func:`unvotes.measures.alignment` by year, one measure.
    countries, references
        The countries drawn and the reference of each panel (in order).
    ideal
        :attr:`unvotes.measures.IdealPoints.table` (a last panel, with the
        ``q05``–``q95`` band where computed).
    eras
        The era markers (default :func:`era_table`); an empty table for none.
    labels
        ``"name"`` or ``"code"`` in the legend and titles.
    years
        The x range (default: the table's years, padded by one).

    Returns
    -------
    matplotlib.figure.Figure
        Axes sharing x (``ax.get_shared_x_axes()``), one per reference then
        the ideal-point panel; lines labelled with the country's label.
    """
    import matplotlib.pyplot as plt

    from unvotes.plots.alignment import plot_alignment

    refs = list(references)
    rows = len(refs) + (ideal is not None)
    fig, axes = plt.subplots(
        rows, 1, sharex=True, figsize=figsize or (11, 2.5 * rows + 1.2), layout="constrained", squeeze=False
    )
    axes = axes[:, 0]
    codes = list(countries)
    colors = series_colors(codes)
    for ax, ref in zip(axes, refs, strict=False):
        plot_alignment(alignment, reference=ref, countries=codes, min_votes=min_votes, legend=False, ax=ax)
        ax.set_title("")
        ax.set_title(f"Agreement with {country_label(ref, labels)}", loc="left", fontsize=10)
        ax.set_xlabel("")
        ax.set_ylabel("Share identical")
    if ideal is not None:
        ax = axes[-1]
        for code in codes:
            part = ideal[(ideal["country"] == code).to_numpy()].sort_values("year")
            x = part["year"].to_numpy(dtype=float)
            ax.plot(x, part["ideal_point"], color=colors[code], linewidth=1.8, label=code)
            lo, hi = part["q05"].to_numpy(dtype=float), part["q95"].to_numpy(dtype=float)
            if np.isfinite(lo).any():
                ax.fill_between(x, lo, hi, color=colors[code], alpha=0.18, linewidth=0)
        dashes = ["--", ":", "-.", (0, (5, 1, 1, 1, 1, 1))]
        for k, ref in enumerate(refs):
            part = ideal[(ideal["seat"] == ref).to_numpy()].sort_values("year")
            ax.plot(
                part["year"],
                part["ideal_point"],
                color="0.35",
                linewidth=1.1,
                linestyle=dashes[k % 4],
                label=f"_ref {ref}",
            )
            if len(part):
                last = part.iloc[-1]
                ax.annotate(
                    country_label(ref, labels),
                    (float(last["year"]), float(last["ideal_point"])),
                    xytext=(3, 0),
                    textcoords="offset points",
                    fontsize=7,
                    va="center",
                    color="0.3",
                )
        ax.axhline(0, color="0.8", linewidth=0.8)
        ax.set_title("Ideal points (references dashed)", loc="left", fontsize=10)
        ax.set_ylabel("Ideal point")
    axes[-1].set_xlabel("Year")
    if years is None:
        y = pd.to_numeric(alignment["period"], errors="coerce").dropna()
        years = (int(y.min()), int(y.max())) if len(y) else (1946, 2026)
    axes[0].set_xlim(years[0] - 1, years[1] + 1)
    eras = era_table() if eras is None else eras
    marks = [_decimal_year(pd.Timestamp(d)) for d in eras["date"]]
    for k, (x, label) in enumerate(zip(marks, eras["label"].astype(str), strict=True)):
        if not years[0] - 1 <= x <= years[1] + 1:
            continue
        for ax in axes:
            ax.axvline(x, color="0.45", linewidth=0.8, linestyle=":", zorder=0)
        # a label close before the next one goes left of its line, so that the two never overprint
        left = k + 1 < len(marks) and marks[k + 1] - x < 2.5
        axes[0].annotate(
            label,
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-2 if left else 2, -2),
            textcoords="offset points",
            rotation=90,
            va="top",
            ha="right" if left else "left",
            fontsize=7,
            color="0.3",
            gid="era-label",
        )
    handles = [
        plt.Line2D([], [], color=colors[c], linewidth=1.8, marker="o", label=country_label(c, labels))
        for c in codes
    ]
    extra: list[Any] = [
        plt.Line2D(
            [],
            [],
            color="0.3",
            marker="o",
            markerfacecolor="white",
            linestyle=(0, (3, 2)),
            label="partial year (hollow, dashed)",
        ),
        plt.Line2D(
            [], [], color="0.3", marker="o", linestyle="", markersize=4, label="marker area: votes (n)"
        ),
    ]
    fig.legend(handles=handles + extra, loc="outside upper center", ncols=len(handles) + 2, frameon=False)
    if caption:
        add_caption(fig, caption)
    return fig
