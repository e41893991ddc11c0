"""Ideal-point charts: lines and bands per country, the change between two periods."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from unvotes.errors import ArgumentError
from unvotes.plots.ideal import ideal_change, plot_ideal_change, plot_ideal_points


def _table() -> pd.DataFrame:
    rows = []
    for code, base, slope in (("USA", 1.5, 0.05), ("RUS", -1.0, -0.05), ("IND", -0.3, 0.02)):
        for k, year in enumerate(range(2015, 2025)):
            x = base + slope * k
            rows.append((code, code, year - 1945, year, x, 0.1, x - 0.2, x + 0.2, 80))
    return pd.DataFrame(
        rows, columns=["country", "seat", "session", "year", "ideal_point", "se", "q05", "q95", "n"]
    )


def test_lines_and_bands_per_country() -> None:
    _, ax = plt.subplots()
    plot_ideal_points(_table(), ["USA", "RUS"], eras=[(2022, "Ukraine")], ax=ax)
    lines = [line for line in ax.get_lines() if line.get_label() in {"United States", "Russia"}]
    assert len(lines) == 2
    assert len(ax.collections) == 2  # one band each
    usa = next(line for line in lines if line.get_label() == "United States")
    assert np.asarray(usa.get_ydata())[0] == pytest.approx(1.5)
    assert any(t.get_text() == "Ukraine" for t in ax.texts)


def test_unknown_country_is_an_error() -> None:
    with pytest.raises(ArgumentError, match="no ideal points"):
        plot_ideal_points(_table(), ["FRA"])


def test_change_between_periods() -> None:
    change = ideal_change(_table(), (2015, 2016), (2023, 2024)).set_index("seat")
    assert change.loc["USA", "change"] == pytest.approx(0.05 * 8)
    assert change.loc["USA", "low"] < change.loc["USA", "change"] < change.loc["USA", "high"]
    _, ax = plt.subplots()
    plot_ideal_change(_table(), ["USA", "IND"], (2015, 2016), (2023, 2024), ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["India", "United States"]
