"""Charts: the drawn artists (lines, data, labels, vote colours, legends), export, and baseline images."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex, to_rgba

import unvotes
from unvotes.export import save_figure, save_table
from unvotes.measures import agreement_matrix, alignment
from unvotes.plots import (
    VOTE_COLORS,
    add_caption,
    bloc_edges,
    plot_agreement_heatmap,
    plot_alignment,
    plot_alignment_grid,
    plot_bloc_network,
    plot_cohesion,
    plot_rollcall,
    plot_style,
    rollcall_groups,
    source_caption,
)

BASELINE = Path(__file__).parent / "baseline"
SOUTH_ASIA = ["PAK", "IND", "LKA", "BGD"]


@pytest.fixture(scope="module")
def ds() -> unvotes.Dataset:
    return unvotes.load()


@pytest.fixture(scope="module")
def align(ds: unvotes.Dataset) -> pd.DataFrame:
    return alignment(ds, SOUTH_ASIA, ["USA", "RUS", "CHN"], by="year", body="GA")


def _caption(fig: matplotlib.figure.Figure) -> str:
    found = [t.get_text() for t in fig.texts if t.get_gid() == "unvotes-caption"]
    assert len(found) == 1
    return found[0]


# ----------------------------------------------------------------------------- palette and caption
def test_vote_colors_are_okabe_ito() -> None:
    # the four cast or absent states in Okabe-Ito; "not recorded" a paler grey than absent
    assert VOTE_COLORS == {"Y": "#009E73", "A": "#E69F00", "N": "#D55E00", "X": "#999999", "U": "#DDDDDD"}


def test_source_caption_names_sources_and_dates(ds: unvotes.Dataset) -> None:
    es11 = [ds.rollcall(f"A/RES/ES-11/{i}")["rcid"] for i in range(1, 7)]
    text = source_caption(ds, es11, note="Note.")
    assert text == (
        "Source: UN DGACM machine-readable GA resolutions. "
        "6 roll calls from 2 March 2022 to 23 February 2023. Note."
    )
    assert "SC resolutions" in source_caption(ds)


def test_add_caption_replaces_the_previous_one() -> None:
    fig, ax = plt.subplots()
    add_caption(ax, "first")
    add_caption(fig, "second")
    assert _caption(fig) == "second"


# ----------------------------------------------------------------------------- votes on one roll call
def test_rollcall_groups_regions(ds: unvotes.Dataset) -> None:
    t = rollcall_groups(ds, "A/RES/ES-11/1")
    assert list(t.columns) == ["group", "country", "name", "vote"]
    sizes = t.groupby("group", sort=False).size()
    assert list(sizes.index) == ["AFRICAN", "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG", "Other"]
    assert sizes.sum() == 193
    assert sizes["Other"] == 1
    asia = t[t["group"] == "ASIA_PACIFIC"]
    assert asia["vote"].tolist() == sorted(asia["vote"], key="YANX".index)
    custom = rollcall_groups(ds, "A/RES/ES-11/1", groups=["SAARC"])
    assert set(custom.loc[custom["group"] == "SAARC", "country"]) >= set(SOUTH_ASIA)


def test_plot_rollcall_tiles_colours_and_legend(ds: unvotes.Dataset) -> None:
    fig, ax = plt.subplots(figsize=(12, 7))
    out = plot_rollcall(ds, "A/RES/ES-11/1", highlight=["PAK"], ax=ax)
    assert out is ax
    labels = [c.get_label() for c in ax.containers]
    assert labels == ["Yes (141)", "Abstain (35)", "No (5)", "Did not vote (12)"]
    for container, code in zip(ax.containers, "YANX", strict=True):
        colours = {to_hex(p.get_facecolor()) for p in container.patches}
        assert colours == {VOTE_COLORS[code].lower()}
    assert sum(len(c.patches) for c in ax.containers) == 193
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [*labels, "outlined: Pakistan"]  # the highlight's frame is explained
    texts = {t.get_text() for t in ax.texts}
    assert {"PAK", "RUS", "USA", "KIR"} <= texts
    assert any(t.startswith("Asia-Pacific Group\nY 36  A 13  N 2  X 2") for t in texts)
    abstain = ax.containers[1]
    pak = [p for p in abstain.patches if to_rgba(p.get_edgecolor()) == to_rgba("black")]
    assert len(pak) == 1
    assert "A/RES/ES-11/1 (2 March 2022)" in ax.get_title(loc="left")
    assert _caption(fig).endswith("Roll call of 2 March 2022.")


def test_plot_rollcall_uses_current_axes_and_checks_input(ds: unvotes.Dataset) -> None:
    fig, ax = plt.subplots()
    assert plot_rollcall(ds, "A/RES/ES-11/2", labels=False, caption=False) is ax
    assert not ax.texts or all("\n" in t.get_text() for t in ax.texts)
    assert not [t for t in fig.texts if t.get_gid() == "unvotes-caption"]
    with pytest.raises(ValueError, match="ncols"):
        plot_rollcall(ds, "A/RES/ES-11/1", ncols=0)
    rc = ds.rollcalls
    without = rc.loc[rc["modality"] == "without a vote", "resolution"].dropna().iloc[0]
    with pytest.raises(ValueError, match="no per-member votes"):
        plot_rollcall(ds, without)
    with pytest.raises(unvotes.UnknownResolutionError):
        plot_rollcall(ds, "A/RES/ES-11/99")


# ----------------------------------------------------------------------------- alignment
def test_plot_alignment_lines_match_the_table(align: pd.DataFrame) -> None:
    _, ax = plt.subplots()
    plot_alignment(align, reference="USA", ax=ax, linestyle="--")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == SOUTH_ASIA
    for line, code in zip(lines, SOUTH_ASIA, strict=True):
        rows = align[(align["country"] == code) & (align["reference"] == "USA")].sort_values("period")
        np.testing.assert_array_equal(line.get_xdata(), rows["period"].to_numpy(dtype=float))
        # the solid line leaves out partial periods and values from fewer than 10 joint votes
        whole = (rows["n"] >= 10) & ~rows["partial_period"]
        expected = rows["value"].where(whole).to_numpy()
        np.testing.assert_allclose(line.get_ydata(), expected, equal_nan=True)
        assert line.get_linestyle() == "--"
    partial_years = set(align.loc[align["partial_period"], "period"])
    assert partial_years >= {2020, 2026}  # the source gap of 2020 and the current year
    dashed = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [c.get_label() for c in dashed] == [f"_partial {c}" for c in SOUTH_ASIA]
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(markers) == 8  # full periods filled, partial ones hollow, per country
    pak = align[(align["country"] == "PAK") & (align["reference"] == "USA")].sort_values("period")
    sizes = markers[0].get_sizes()
    full = pak[~pak["partial_period"]]
    assert np.argmax(sizes) == np.argmax(full["n"].to_numpy())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == SOUTH_ASIA
    assert legend[4] == "partial period"
    assert legend[-1].startswith("n = ")
    assert ax.get_title() == "Alignment with United States"
    assert ax.get_ylabel() == "Share of identical votes"


def test_plot_alignment_needs_one_reference_and_measure(align: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="several references"):
        plot_alignment(align)
    with pytest.raises(ValueError, match="measure 'kappa' is not in table"):
        plot_alignment(align, reference="USA", measure="kappa")
    with pytest.raises(ValueError, match="lacks column"):
        plot_alignment(align.drop(columns="n"), reference="USA")


def test_plot_alignment_grid_small_multiples(align: pd.DataFrame) -> None:
    fig = plot_alignment_grid(align, caption="Source: test.")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == [
        "Alignment with United States",
        "Alignment with Russia",
        "Alignment with China",
    ]
    assert all(len(ax.get_lines()) == 4 for ax in visible)
    assert [t.get_text() for t in fig.legends[0].get_texts()][:4] == SOUTH_ASIA
    assert _caption(fig) == "Source: test."


def test_plot_agreement_heatmap_clusters(ds: unvotes.Dataset) -> None:
    codes = ["USA", "GBR", "FRA", "RUS", "CHN", "PAK", "IND"]
    m = agreement_matrix(ds, countries=codes, body="GA")
    fig = plot_agreement_heatmap(m, caption="c")
    _tree, heat, _bar = fig.axes
    order = [t.get_text() for t in heat.get_xticklabels()]
    assert sorted(order) == sorted(codes)
    assert order == [t.get_text() for t in heat.get_yticklabels()]
    image = heat.get_images()[0].get_array()
    off_diagonal = m.loc[order, order].to_numpy().copy()
    np.fill_diagonal(off_diagonal, np.nan)  # the diagonal is left out of the colour scale
    np.testing.assert_allclose(np.ma.filled(image.astype(float), np.nan), off_diagonal)
    # the Western states sit together, away from China and Pakistan
    pos = {c: i for i, c in enumerate(order)}
    assert abs(pos["GBR"] - pos["FRA"]) == 1
    assert len(heat.texts) == len(codes) ** 2 - len(codes)
    with pytest.raises(ValueError, match="square"):
        plot_agreement_heatmap(m.iloc[:, :3])
    with pytest.raises(ValueError, match="method"):
        plot_agreement_heatmap(m, method="median-ish")


# ----------------------------------------------------------------------------- groups and blocs
def test_plot_cohesion_lines() -> None:
    t = pd.DataFrame(
        {
            "group": ["SAARC"] * 3 + ["OIC"] * 3,
            "period": [2020, 2021, 2022] * 2,
            "cohesion": [0.9, 0.8, 0.85, 0.7, 0.75, 0.72],
            "members_voting": [8.0] * 3 + [50.0] * 3,
            "n": [90, 86, 89] * 2,
        }
    )
    _, ax = plt.subplots()
    plot_cohesion(t, ax=ax)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["SAARC", "OIC"]
    np.testing.assert_allclose(lines[1].get_ydata(), [0.7, 0.75, 0.72])
    assert {t.get_text() for t in ax.texts} == {"90", "86", "89"}
    with pytest.raises(ValueError, match="lacks column"):
        plot_cohesion(t.drop(columns="members_voting"))


def test_plot_bloc_network_edges_nodes_labels() -> None:
    members = pd.DataFrame(
        {
            "country": ["PAK", "IND", "LKA", "BGD", "ZAF"],
            "bloc": pd.array([1, 1, 1, 2, pd.NA], dtype="Int64"),
            "core_score": [0.95, 0.9, 0.7, np.nan, np.nan],
            "abstentions": [6, 6, 5, 3, 1],
        }
    )
    pairs = pd.DataFrame(
        {
            "country": ["PAK", "IND", "PAK", "PAK", "LKA", "BGD"],
            "partner": ["IND", "PAK", "LKA", "BGD", "BGD", "ZAF"],
            "joint": [6, 6, 5, 3, 1, 1],
            "expected": [2.0, 2.0, 2.0, 2.5, 0.5, 1.5],
        }
    )
    edges = bloc_edges(members, pairs)
    assert edges[["country", "partner"]].to_numpy().tolist() == [
        ["IND", "PAK"],
        ["LKA", "PAK"],
        ["BGD", "LKA"],
        ["BGD", "PAK"],
    ]
    _, ax = plt.subplots()
    plot_bloc_network(members, pairs, ax=ax, max_width=4.0)
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1
    assert lines[0].get_gid() == "edges"
    widths = lines[0].get_linewidths()
    assert len(widths) == 4
    assert widths[0] == pytest.approx(4.0)
    np.testing.assert_allclose(np.diff(widths) <= 0, True)
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [n.get_label() for n in nodes] == ["bloc 1 (3)", "bloc 2 (1)", "no bloc (1)"]
    assert [len(n.get_offsets()) for n in nodes] == [3, 1, 1]
    assert to_hex(nodes[0].get_facecolor()[0]) != to_hex(nodes[1].get_facecolor()[0])
    assert sorted(t.get_text() for t in ax.texts) == ["IND", "PAK"]
    # same seed, same picture
    _, ax2 = plt.subplots()
    plot_bloc_network(members, pairs, ax=ax2, max_width=4.0)
    np.testing.assert_allclose(nodes[0].get_offsets(), ax2.collections[1].get_offsets())
    # the force-directed layout too: the same seed gives the same positions, strongly tied nodes sit closer
    spring = []
    for _ in range(2):
        _, axs = plt.subplots()
        plot_bloc_network(members, pairs, ax=axs, layout="spring", seed=3)
        spring.append(np.vstack([c.get_offsets() for c in axs.collections[1:]]))
    np.testing.assert_array_equal(spring[0], spring[1])
    xy = dict(zip(["PAK", "IND", "LKA", "BGD", "ZAF"], spring[0], strict=True))
    assert np.linalg.norm(xy["PAK"] - xy["IND"]) < np.linalg.norm(xy["PAK"] - xy["ZAF"])


# ----------------------------------------------------------------------------- export
def test_save_figure_three_formats_no_overwrite(tmp_path: Path) -> None:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    paths = save_figure(ax, tmp_path / "sub" / "chart")
    assert [p.name for p in paths] == ["chart.png", "chart.svg", "chart.pdf"]
    assert paths[0].read_bytes()[:4] == b"\x89PNG"
    assert paths[2].read_bytes()[:4] == b"%PDF"
    assert b"<svg" in paths[1].read_bytes()
    before = paths[0].read_bytes()
    with pytest.raises(FileExistsError, match="overwrite=True"):
        save_figure(fig, tmp_path / "sub" / "chart", formats="png")
    assert paths[0].read_bytes() == before
    save_figure(fig, tmp_path / "sub" / "chart", formats=["png"], overwrite=True)
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["chart.pdf", "chart.png", "chart.svg"]
    with pytest.raises(ValueError, match="'png', 'svg', 'pdf'"):
        save_figure(fig, tmp_path / "x", formats=["jpg"])


def test_save_figure_keeps_text_editable(tmp_path: Path) -> None:
    """SVG keeps labels as <text> and PDF embeds TrueType fonts, whatever the caller's rcParams."""
    import matplotlib as mpl

    fig, ax = plt.subplots()
    ax.set_title("Pakistan abstained")
    with mpl.rc_context({"svg.fonttype": "path", "pdf.fonttype": 3}):
        png, svg, pdf = save_figure(fig, tmp_path / "chart")
    plt.close(fig)
    assert png.exists()
    assert "Pakistan abstained</text>" in svg.read_text(encoding="utf-8")
    data = pdf.read_bytes()
    assert b"/FontFile2" in data
    assert b"/Type3" not in data


def test_save_table_csv_and_parquet(tmp_path: Path) -> None:
    t = pd.DataFrame({"country": ["PAK", "IND"], "value": [0.5, np.nan]})
    csv, parquet = save_table(t, tmp_path / "t")
    pd.testing.assert_frame_equal(pd.read_parquet(parquet), t)
    assert csv.read_text().splitlines() == ["country,value", "PAK,0.5", "IND,"]
    with pytest.raises(FileExistsError):
        save_table(t, tmp_path / "t", formats="csv")


# ----------------------------------------------------------------------------- baseline images
def _flagship(name: str, ds: unvotes.Dataset) -> matplotlib.figure.Figure:
    if name == "rollcall-es11-1":
        fig, ax = plt.subplots(figsize=(12, 7.2), layout="constrained")
        plot_rollcall(ds, "A/RES/ES-11/1", highlight=SOUTH_ASIA, ax=ax)
        return fig
    if name == "alignment-grid":
        t = alignment(ds, SOUTH_ASIA, ["USA", "RUS", "CHN"], by="year", body="GA")
        return plot_alignment_grid(t, caption=source_caption(ds))
    m = agreement_matrix(ds, countries=["USA", "GBR", "FRA", "RUS", "CHN", *SOUTH_ASIA], body="GA")
    return plot_agreement_heatmap(m, caption=source_caption(ds))


@pytest.mark.parametrize("name", ["rollcall-es11-1", "alignment-grid", "agreement-heatmap"])
def test_flagship_charts_match_baseline(name: str, ds: unvotes.Dataset, tmp_path: Path) -> None:
    """Compare with ``tests/baseline/NAME.png``; ``UNVOTES_UPDATE_BASELINES=1`` rewrites the baselines."""
    from matplotlib.testing.compare import compare_images

    with plot_style():
        fig = _flagship(name, ds)
        actual = tmp_path / f"{name}.png"
        fig.savefig(actual, dpi=60)
    expected = BASELINE / f"{name}.png"
    if os.environ.get("UNVOTES_UPDATE_BASELINES") == "1":
        BASELINE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no baseline {expected}; run with UNVOTES_UPDATE_BASELINES=1"
    result = compare_images(str(expected), str(actual), tol=10)
    assert result is None, result


def test_plot_style_keeps_interactive_mode() -> None:
    """The style context restores only its own keys: a kernel's interactive display stays on."""
    import matplotlib as mpl

    before = mpl.is_interactive()
    family = list(mpl.rcParams["font.family"])
    try:
        mpl.interactive(False)
        with plot_style():
            mpl.interactive(True)  # what the inline backend does on the first figure of a kernel
            assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
        assert mpl.is_interactive()
        assert list(mpl.rcParams["font.family"]) == family
    finally:
        mpl.interactive(before)


def test_cohesion_counts_do_not_overprint() -> None:
    """Fifty-eight yearly counts on a chart 8 inches wide: thinned so that no two labels overlap."""
    years = np.arange(1968, 2026)
    t = pd.DataFrame(
        {"group": "SAARC", "period": years, "cohesion": 0.9, "members_voting": 8, "n": 100 + years % 50}
    )
    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    plot_cohesion(t, ax=ax)
    fig.canvas.draw()
    boxes = [a.get_window_extent() for a in ax.texts]
    assert 10 < len(boxes) < len(years)  # thinned, still there
    assert all(b1.x1 <= b2.x0 for b1, b2 in itertools.pairwise(boxes))
    assert "every" in ax.get_title()
    plt.close(fig)
