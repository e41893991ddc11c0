"""Charts of ideal points: lines over time with uncertainty bands, and the change between two periods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.errors import ArgumentError
from unvotes.plots._style import _check_columns, series_colors
from unvotes.registry import country_name

__all__ = ["ERAS", "ideal_change", "plot_ideal_change", "plot_ideal_points"]

ERAS: Final = (
    (1946, "UN founded"),
    (1962, "Cuban missile crisis"),
    (1991, "end of the USSR"),
    (2022, "Ukraine"),
)
"""Era markers (year, label) for :func:`plot_ideal_points`."""

_COLUMNS: Final = ("country", "seat", "year", "ideal_point", "q05", "q95")


def _codes(table: pd.DataFrame, countries: Sequence[str] | str) -> list[str]:
    codes = [countries] if isinstance(countries, str) else list(countries)
    known = set(table["country"]) | set(table["seat"])
    missing = [c for c in codes if c not in known]
    if not codes or missing:
        raise ArgumentError(
            f"countries {missing or codes} have no ideal points in the table; choose from its rows"
        )
    return codes


def plot_ideal_points(
    table: pd.DataFrame,
    countries: Sequence[str] | str,
    *,
    eras: bool | Sequence[tuple[int, str]] = False,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Ideal points over time, one line per country (its seat), with a band from ``q05`` to ``q95``.

    ``table`` is :attr:`unvotes.measures.ideal.IdealPoints.table`; the band is
    drawn where the quantiles were computed (``bootstrap=`` or ``method="gibbs"``).
    ``eras=True`` marks :data:`ERAS` (or pass ``(year, label)`` pairs);
    ``**kwargs`` go to :meth:`~matplotlib.axes.Axes.plot`.
    """
    _check_columns(table, "table", _COLUMNS)
    codes = _codes(table, countries)
    ax = plt.gca() if ax is None else ax
    colors = series_colors(codes)
    for code in codes:
        rows = table[(table["seat"] == code) | (table["country"] == code)].sort_values("year")
        years = rows["year"].to_numpy(dtype=float)
        ax.plot(years, rows["ideal_point"], color=colors[code], label=country_name(code), **kwargs)
        lo, hi = rows["q05"].to_numpy(dtype=float), rows["q95"].to_numpy(dtype=float)
        if np.isfinite(lo).any():
            ax.fill_between(years, lo, hi, color=colors[code], alpha=0.2, linewidth=0)
    marks = ERAS if eras is True else (eras or ())
    for year, label in marks:
        ax.axvline(year, color="0.6", linewidth=0.8, linestyle=":")
        ax.annotate(label, (year, 1), xycoords=("data", "axes fraction"), fontsize=7, rotation=90, va="top")
    ax.axhline(0, color="0.8", linewidth=0.8)
    ax.set_xlabel("Year the session opened")
    ax.set_ylabel("Ideal point (Bailey–Strezhnev–Voeten)")
    ax.legend(frameon=False)
    return ax


def ideal_change(table: pd.DataFrame, first: tuple[int, int], second: tuple[int, int]) -> pd.DataFrame:
    """The change of each seat's mean ideal point between two periods of years, with 90% intervals.

    Returns columns ``seat, country, before, after, change, low, high``; the
    interval uses ``se`` (normal approximation), NaN without standard errors.
    """
    _check_columns(table, "table", (*_COLUMNS, "se"))

    def period(lo: int, hi: int) -> pd.DataFrame:
        rows = table[(table["year"] >= lo) & (table["year"] <= hi)]
        return rows.groupby("seat").agg(
            country=("country", "last"),
            value=("ideal_point", "mean"),
            var=("se", lambda s: float((s**2).sum()) / len(s) ** 2),
        )

    a, b = period(*first), period(*second)
    both = a.join(b, how="inner", suffixes=("_a", "_b"))
    change = both["value_b"] - both["value_a"]
    half = 1.645 * np.sqrt(both["var_a"] + both["var_b"])
    return pd.DataFrame(
        {
            "seat": both.index,
            "country": both["country_b"].to_numpy(),
            "before": both["value_a"].to_numpy(),
            "after": both["value_b"].to_numpy(),
            "change": change.to_numpy(),
            "low": (change - half).to_numpy(),
            "high": (change + half).to_numpy(),
        }
    ).reset_index(drop=True)


def plot_ideal_change(
    table: pd.DataFrame,
    countries: Sequence[str] | str,
    first: tuple[int, int],
    second: tuple[int, int],
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A dot per country: the change of its ideal point between two periods, with its 90% interval.

    ``**kwargs`` go to :meth:`~matplotlib.axes.Axes.errorbar`.
    """
    codes = _codes(table, countries)
    change = ideal_change(table, first, second)
    change = change[change["seat"].isin(codes) | change["country"].isin(codes)].sort_values("change")
    ax = plt.gca() if ax is None else ax
    y = np.arange(len(change))
    err = np.vstack([change["change"] - change["low"], change["high"] - change["change"]])
    ax.errorbar(change["change"], y, xerr=np.nan_to_num(err), fmt="o", color="0.2", capsize=3, **kwargs)
    ax.set_yticks(y, [country_name(c) for c in change["country"]])
    ax.axvline(0, color="0.7", linewidth=0.8)
    ax.set_xlabel(f"Change in ideal point, {first[0]}–{first[1]} to {second[0]}–{second[1]}")
    return ax
