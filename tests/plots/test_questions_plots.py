"""The vote-share small multiples."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from tests.conftest import make_dataset
from unvotes.errors import ArgumentError
from unvotes.measures import vote_shares
from unvotes.plots import VOTE_LABELS, plot_vote_shares


def test_vote_shares_panels_lines_and_values() -> None:
    ds = make_dataset(
        {"ARG": "YYN", "BRA": "YNA"},
        dates=["2020-01-01", "2021-01-01", "2021-06-01"],
        title=["Situation of human rights in X", "Human rights in Y", "Nuclear disarmament"],
    )
    table = vote_shares(ds, by_topic=True)
    assert list(table.columns) == ["country", "period", "topic", "n", "Y", "A", "N", "X"]
    fig = plot_vote_shares(table, countries=["BRA", "ARG"])
    titles = [a.get_title() for a in fig.axes if a.get_visible()]
    assert titles == ["all", "nuclear weapons", "arms control and disarmament", "human rights"]
    hr = fig.axes[3]
    lines = {line.get_label(): line for line in hr.get_lines()}
    assert list(lines) == ["BRA", "ARG"]
    assert lines["BRA"].get_ydata().tolist() == [1.0, 0.0]
    assert lines["ARG"].get_xdata().tolist() == [2020.0, 2021.0]
    assert hr.get_ylabel() == f"share {VOTE_LABELS['Y'].lower()}"
    plt.close(fig)
    with pytest.raises(ArgumentError, match="vote must be"):
        plot_vote_shares(table, vote="yes")
    with pytest.raises(ValueError, match="lacks column"):
        plot_vote_shares(pd.DataFrame({"country": []}))
