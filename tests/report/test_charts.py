"""Every chart of the report: it fits its canvas, and its artists carry what the story needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest

import unvotes
from unvotes.registry import un_members
from unvotes.report import sections as sec
from unvotes.report.writer import Writer

STORY = ["PAK", "IND", "LKA", "BGD"]
NAMES = ["Pakistan", "India", "Sri Lanka", "Bangladesh"]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory, report_cache: Path) -> dict[str, Any]:
    ctx = sec.Context(unvotes.load(), STORY, ["USA", "RUS", "CHN"], cache=report_cache)
    writer = Writer(tmp_path_factory.mktemp("charts"), ["png"], keep=True)
    made = {}
    for make in (
        sec.section_ukraine,
        sec.section_abstention,
        sec.section_longrun,
        sec.section_council,
        sec.section_topics,
        sec.section_heatmap,
        sec.section_cohesion,
    ):
        made[make.__name__] = make(ctx, writer)
    yield {"figures": writer.figures, "sections": made, "folder": writer.staging}
    plt.close("all")


def _texts(fig: Any) -> list[Any]:
    """The texts the figure draws: its own, its legends', and each Axes' titles, texts and tick labels."""
    out = list(fig.texts)
    for legend in fig.legends:
        out += legend.get_texts()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        out += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        if ax.get_legend() is not None:
            out += ax.get_legend().get_texts()
        if ax.axison:
            out += [ax.xaxis.label, ax.yaxis.label]
            for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
                out += [t.label1 for t in axis.get_major_ticks() if lo - 1e-9 <= t.get_loc() <= hi + 1e-9]
    return [t for t in out if t.get_visible() and t.get_text().strip()]


def test_every_chart_fits_its_canvas(drawn: dict[str, Any]) -> None:
    assert len(drawn["figures"]) == 15
    for stem, fig in drawn["figures"].items():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        for text in _texts(fig):
            ext = text.get_window_extent(renderer)
            where = (stem, text.get_text()[:60], ext, box)
            assert ext.x0 >= box.x0 - 1, where
            assert ext.x1 <= box.x1 + 1, where
            assert ext.y0 >= box.y0 - 1, where
            assert ext.y1 <= box.y1 + 1, where
        for ax in fig.axes:  # tick labels of one axis never overprint each other
            for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
                shown = [t.get_window_extent(renderer) for t in ticks if t.get_visible() and t.get_text()]
                for a, b in itertools.pairwise(shown):
                    assert not a.overlaps(b) or a.width == 0, (stem, ax.get_title())


def test_every_chart_has_a_source_caption_and_a_table(drawn: dict[str, Any]) -> None:
    for stem, fig in drawn["figures"].items():
        captions = [t.get_text() for t in fig.texts if t.get_gid() == "unvotes-caption"]
        if stem.startswith("es11-") and stem.endswith("-votes"):  # the caption is on the Axes' figure
            captions = [
                t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "unvotes-caption"
            ]
        assert captions, stem
        assert captions[0].startswith("Source: "), stem
    folder = drawn["folder"]
    csvs = {p.stem for p in folder.glob("*.csv")}
    for section in drawn["sections"].values():
        assert section.tables, section.key
        for table in section.tables:
            assert (folder / table).is_file()
    assert {"es11-votes", "es11-1-map", "abstention-grid", "long-run-alignment", "council-2022"} <= csvs


def test_rollcall_tiles_explain_the_outline(drawn: dict[str, Any]) -> None:
    ax = drawn["figures"]["es11-1-votes"].axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "outlined: Pakistan, India, Sri Lanka, Bangladesh"
    assert labels[0] == "Yes (141)"


def test_map_has_a_patch_or_dot_for_every_member(drawn: dict[str, Any]) -> None:
    ax = drawn["figures"]["es11-1-map"].axes[0]
    drawn_codes: dict[str, set[str]] = {}
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith(("map-", "dots-")) and gid != "map-none":
            drawn_codes.setdefault(gid.split("-", 1)[1], set()).update(coll.unvotes_codes)
    everyone = set().union(*drawn_codes.values())
    assert everyone == set(un_members("2022-03-02"))
    assert len(everyone) == 193
    ds = unvotes.load()
    votes = ds.votes_on("A/RES/ES-11/1").set_index("country")["vote"]
    for vote, codes in drawn_codes.items():
        assert all(votes[c] == vote for c in codes), vote
    assert {"PAK", "IND", "LKA"} <= drawn_codes["A"]
    assert "BGD" in drawn_codes["A"]
    dots = {
        c for coll in ax.collections if (coll.get_gid() or "").startswith("dots-") for c in coll.unvotes_codes
    }
    assert {"MLT", "SGP", "TUV", "MCO"} <= dots


def test_abstention_grid_labels_every_story_state(drawn: dict[str, Any]) -> None:
    ax = drawn["figures"]["abstention-grid"].axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert set(NAMES) <= set(rows)
    bold = {t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"}
    assert bold == set(NAMES)
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns[0] == "68/262"
    assert "ES-11/1" in columns
    mesh = next(c for c in ax.collections if c.get_gid() == "vote-grid")
    assert mesh.get_array().shape == (len(rows), len(columns))


def test_long_run_panels_share_one_year_axis(drawn: dict[str, Any]) -> None:
    fig = drawn["figures"]["long-run"]
    axes = fig.axes
    assert len(axes) == 4
    for ax in axes[1:]:
        assert axes[0].get_shared_x_axes().joined(axes[0], ax)
    assert axes[0].get_xlim() == axes[3].get_xlim()
    assert axes[0].get_xlim()[0] <= 1946
    assert axes[0].get_xlim()[1] >= 2026
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:4] == NAMES
    eras = [t.get_text() for t in axes[0].texts if t.get_gid() == "era-label"]
    assert eras == ["SEATO", "Baghdad Pact", "CENTO", "1971 war", "USSR ends", "9/11", "Ukraine 2022"]
    lines = {line.get_label() for line in axes[3].get_lines()}
    assert set(STORY) <= lines


def test_council_grid_marks_the_permanent_members(drawn: dict[str, Any]) -> None:
    ax = drawn["figures"]["council-2022"].axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[:5] == ["China", "France", "Russia", "United Kingdom", "United States"]
    assert len(rows) == 15
    assert "India" in rows
    assert "Pakistan" not in rows
    bold = {t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"}
    assert bold == set(rows[:5])


def test_topics_and_heatmap(drawn: dict[str, Any]) -> None:
    topics = drawn["figures"]["topics"]
    first, second = topics.axes[:2]
    assert [t.get_text() for t in first.get_yticklabels()] == NAMES
    assert first.get_shared_y_axes().joined(first, second)
    assert next(t.get_text() for t in first.get_xticklabels()) == "Middle East"
    heat = drawn["figures"]["agreement-heatmap"]
    assert heat.get_suptitle().startswith("Who votes with whom")
    image = heat.axes[1].images[0]
    assert image.get_clim()[1] < 1.0  # the diagonal (1.0) does not set the scale
    values = [t.get_text() for t in heat.axes[1].texts]
    assert len(values) == 13 * 12
    assert all(len(v) == 4 for v in values)
    assert bool(np.ma.getmaskarray(image.get_array())[0, 0])


def test_a_change_in_the_data_changes_the_words(tmp_path: Path, report_cache: Path) -> None:
    ds = unvotes.load()
    votes = ds.votes.copy()
    rcid = ds.rollcall("A/RES/ES-11/2")["rcid"]
    hit = (votes["rcid"] == rcid).to_numpy() & (votes["country"] == "PAK").to_numpy()
    assert hit.sum() == 1
    votes.loc[hit, "vote"] = "Y"
    changed = unvotes.Dataset(ds.rollcalls, votes, ds.findings, ds.sources)
    writer = Writer(tmp_path, ["png"])
    text = sec.section_ukraine(sec.Context(changed, STORY, ["USA"], cache=report_cache), writer).paragraph
    tally = changed.tally("A/RES/ES-11/2")
    assert (
        f"On A/RES/ES-11/2 (24 March 2022), {tally['Y']} members voted yes, {tally['N']} no, "
        f"{tally['A']} abstained and {tally['X']} did not vote; Pakistan and Bangladesh voted yes; "
        "India and Sri Lanka abstained."
    ) in text
    assert tally["Y"] == ds.tally("A/RES/ES-11/2")["Y"] + 1
    plt.close("all")
