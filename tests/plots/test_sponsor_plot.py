"""The co-sponsorship matrix chart: its cells, order, community outlines, colour bar and baseline image."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import unvotes
from unvotes.errors import ArgumentError
from unvotes.measures import selected_sponsors
from unvotes.plots import SERIES_COLORS, plot_sponsor_matrix, plot_style, source_caption, sponsor_matrix

BASELINE = Path(__file__).parent / "baseline"
WEST = ["AUS", "CAN", "FRA", "GBR", "USA"]
SOUTH = ["BRA", "IND", "NGA", "PAK", "ZAF"]


def _planted() -> pd.DataFrame:
    rows = [(f"w{k}", c) for k in range(6) for c in WEST] + [(f"s{k}", c) for k in range(6) for c in SOUTH]
    rows += [("x1", "USA"), ("x1", "IND")]  # one bridge: USA and IND sponsored 7 each
    return pd.DataFrame(rows, columns=["rcid", "sponsor"])


def test_matrix_cells_order_and_outlines() -> None:
    fig, ax = plt.subplots()
    out = plot_sponsor_matrix(_planted(), top=10, ax=ax, caption="Source: planted.")
    assert out is ax
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [t.get_text() for t in ax.get_yticklabels()]
    blocks = [labels[:5], labels[5:]]
    assert sorted(map(sorted, blocks)) == [sorted(WEST), sorted(SOUTH)]
    # within a community: most resolutions first (USA, IND: 7), then by code
    assert {blocks[0][0], blocks[1][0]} == {"USA", "IND"}
    assert blocks[0][1:] == sorted(blocks[0][1:])
    values = ax.images[0].get_array()
    i, j = labels.index("USA"), labels.index("IND")
    assert values[i, j] == pytest.approx(1 / 13)  # 1 shared of 7 + 7 - 1
    assert values[labels.index("FRA"), labels.index("GBR")] == 1.0
    assert values[labels.index("FRA"), labels.index("PAK")] == 0.0
    assert bool(np.ma.getmaskarray(values).diagonal().all())
    rects = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [(r.get_x(), r.get_width()) for r in rects] == [(-0.5, 5), (4.5, 5)]
    assert [to_hex(r.get_edgecolor()) for r in rects] == [c.lower() for c in SERIES_COLORS[:2]]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["community 0 (5)", "community 1 (5)"]
    bar = fig.axes[1]
    assert bar.get_ylabel() == "co-sponsorship: resolutions both sponsored / either sponsored"
    assert [t.get_text() for t in fig.texts if t.get_gid() == "unvotes-caption"] == ["Source: planted."]
    plt.close(fig)


def test_seats_are_shared_by_community_size() -> None:
    m, community = sponsor_matrix(_planted(), top=4)
    assert community.value_counts().sort_index().tolist() == [2, 2]
    assert {"USA", "IND"} <= set(m.index)
    with pytest.raises(ArgumentError, match="top must be a whole number >= 2"):
        sponsor_matrix(_planted(), top=1)


def test_sponsor_matrix_matches_baseline(tmp_path: Path) -> None:
    """Compare with ``baseline/sponsor-matrix.png``; ``UNVOTES_UPDATE_BASELINES=1`` rewrites it."""
    from matplotlib.testing.compare import compare_images

    ds = unvotes.load()
    sponsors = selected_sponsors(ds, exclude_without_vote=False)
    with plot_style():
        fig, ax = plt.subplots(figsize=(11, 9.5), layout="constrained")
        plot_sponsor_matrix(sponsors, top=40, ax=ax, caption=source_caption(ds, sponsors["rcid"].unique()))
        actual = tmp_path / "sponsor-matrix.png"
        fig.savefig(actual, dpi=60)
        plt.close(fig)
    expected = BASELINE / "sponsor-matrix.png"
    if os.environ.get("UNVOTES_UPDATE_BASELINES") == "1":
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no baseline {expected}; run with UNVOTES_UPDATE_BASELINES=1"
    result = compare_images(str(expected), str(actual), tol=10)
    assert result is None, result
