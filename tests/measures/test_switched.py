"""Who switched between two roll calls: the transition table and its counts."""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import numpy as np
import pytest

from tests.conftest import make_dataset, shared_path
from unvotes.errors import ArgumentError, UnknownResolutionError
from unvotes.measures import switch_counts, switched
from unvotes.plots import plot_switches


@functools.cache
def _es11():  # type: ignore[no-untyped-def]
    from unvotes.sources.unxml import read_unxml

    return read_unxml(shared_path("unxml-ga", "ES-11.json"))


def _small():  # type: ignore[no-untyped-def]
    return make_dataset(
        {"ARG": "YYA", "BRA": "AYA", "CHL": "Y-N", "PER": "-YY"},
        rcids=["r1", "r2", "r3"],
        resolution=["A/RES/1/1", "A/RES/1/2", "A/RES/1/3"],
    )


def test_es11_1_to_4_switches() -> None:
    ds = _es11()
    table = switched(ds, "A/RES/ES-11/1", "A/RES/ES-11/4")
    assert list(table.columns) == ["country", "name", "from", "to"]
    by = {k: sorted(g["country"]) for k, g in table.groupby(table["from"] + "->" + table["to"])}
    assert by["A->Y"] == ["AGO", "BGD", "IRQ", "MDG", "SEN"]
    assert by["Y->A"] == ["HND", "LSO", "THA"]
    assert by["A->N"] == ["NIC"]
    assert by["N->A"] == ["ERI"]
    assert not {"CIV", "TUR"} & set(table["country"])
    counts = switch_counts(ds, "A/RES/ES-11/1", "A/RES/ES-11/4")
    assert list(counts.columns) == ["from", "to", "n", "countries"]
    assert counts["n"].sum() == ds.votes.loc[ds.votes["rcid"] == "A/RES/ES-11/1", "country"].nunique()
    row = counts[(counts["from"] == "A") & (counts["to"] == "Y")].iloc[0]
    assert (row["n"], row["countries"]) == (5, "AGO,BGD,IRQ,MDG,SEN")


def test_unchanged_lists_everyone_with_registry_names() -> None:
    table = switched(_es11(), "A/RES/ES-11/1", "A/RES/ES-11/4", unchanged=True)
    names = table.set_index("country")["name"]
    assert table["country"].is_unique
    assert len(table) == 193
    assert names["CIV"] == "Côte d'Ivoire"
    assert names["TUR"] == "Türkiye"


def test_sets_of_rollcalls_mixed_and_not_member() -> None:
    ds = _small()
    table = switched(ds, ["A/RES/1/1", "A/RES/1/2"], "A/RES/1/3", unchanged=True).set_index("country")
    assert table.loc["ARG", ["from", "to"]].tolist() == ["Y", "A"]
    assert table.loc["BRA", ["from", "to"]].tolist() == ["M", "A"]
    assert table.loc["CHL", ["from", "to"]].tolist() == ["Y", "N"]  # not a member of r2: its one vote counts
    only = switched(ds, "r1", "r2", unchanged=True).set_index("country")
    assert only.loc["PER", ["from", "to"]].tolist() == ["-", "Y"]
    assert only.loc["CHL", ["from", "to"]].tolist() == ["Y", "-"]


def test_bad_arguments() -> None:
    ds = _small()
    with pytest.raises(UnknownResolutionError):
        switched(ds, "A/RES/9/9", "r1")
    with pytest.raises(ArgumentError, match="a must be"):
        switched(ds, [], "r1")
    with pytest.raises(ArgumentError, match="data must be a Dataset"):
        switch_counts(ds.rollcalls, "r1", "r2")  # type: ignore[arg-type]


def test_plot_switches_matrix() -> None:
    counts = switch_counts(_small(), "r1", "r3")
    fig, ax = plt.subplots()
    plot_switches(counts, from_label="r1", to_label="r3", ax=ax)
    matrix = ax.images[0].get_array()
    labels = ["Yes", "Abstain", "No", "Not a member"]
    assert [t.get_text() for t in ax.get_xticklabels()] == labels
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    # rows from r1, columns to r3: ARG Y->A, BRA A->A, CHL Y->N, PER -->Y
    assert matrix.data.tolist() == [[0, 1, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]]
    # the colours are the switches': the diagonal (kept votes) is masked and drawn grey
    assert np.ma.getmaskarray(matrix).tolist() == np.eye(4, dtype=bool).tolist()
    assert not any(line.get_visible() for line in ax.get_xgridlines() + ax.get_ygridlines())
    assert [t.get_text() for t in ax.texts] == ["1"] * 4
    plt.close(fig)
