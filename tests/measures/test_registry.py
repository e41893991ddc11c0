"""The measure registry: a new measure is one entry, seen by pairwise, the charts and the blocs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import make_dataset

import unvotes
from unvotes.errors import ArgumentError
from unvotes.measures import (
    Measure,
    Option,
    get_measure,
    measure_names,
    measure_options,
    register_measure,
    unregister_measure,
)
from unvotes.measures.blocs import _Voting
from unvotes.plots import measure_label, plot_alignment


def _second_yes(st: Mapping[str, np.ndarray], opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Toy measure in [-1, 1]: the second country's share of Y among the joint votes, rescaled."""
    share = np.divide(st["c0"], st["n"], out=np.full(st["n"].shape, np.nan), where=st["n"] > 0)
    return (2 * share - 1 if opts["toy_scale"] == "signed" else share), st["n"]


TOY = Measure(
    "toy_yes",
    "Share of joint yes votes (toy)",
    "test measure",
    (-1, 1),
    _second_yes,
    options=(Option("toy_scale", "signed", ("signed", "share"), "rescaled to [-1, 1] or not"),),
)


def _from_matrix(vm: Any, pt: Any, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Model-based toy: the difference of the two countries' shares of Y votes over the period."""
    ra, rb = pt.vm_rows()
    value = np.full(len(pt), np.nan)
    n = np.zeros(len(pt), dtype=np.int64)
    for p, cols in enumerate(pt.columns):
        sub = vm.codes[:, cols]
        cast = ((sub >= 1) & (sub <= 3)).sum(axis=1)
        share = np.divide((sub == 1).sum(axis=1), cast, out=np.full(len(cast), np.nan), where=cast > 0)
        rows = np.flatnonzero(pt.period == p)
        ok = (ra[rows] >= 0) & (rb[rows] >= 0)
        value[rows[ok]] = 1 - np.abs(share[ra[rows[ok]]] - share[rb[rows[ok]]])
        n[rows[ok]] = np.minimum(cast[ra[rows[ok]]], cast[rb[rows[ok]]])
    return value, n


MODEL = Measure("toy_model", "Yes-share closeness (toy model)", "test", (0, 1), from_matrix=_from_matrix)


@pytest.fixture
def toy() -> Iterator[Measure]:
    register_measure(TOY)
    register_measure(MODEL)
    yield TOY
    unregister_measure(TOY.name)
    unregister_measure(MODEL.name)


def test_builtins_are_registered_with_ranges() -> None:
    assert measure_names()[:6] == ("percent", "lijphart", "s", "kappa", "pi", "statedept")
    assert [get_measure(m).signed for m in ("percent", "lijphart", "s", "kappa", "pi", "statedept")] == [
        False, False, True, True, True, False,
    ]  # fmt: skip
    assert get_measure("s").distance(np.array([-1.0, 1.0])).tolist() == [1.0, 0.0]
    with pytest.raises(ArgumentError, match="measure must be one of"):
        get_measure("cosine")


def test_a_toy_measure_goes_everywhere(toy: Measure) -> None:
    # four joint votes; pairwise puts GBR first, so the second country is USA, with Y on r1 and r2
    ds = make_dataset({"USA": "YYAN", "GBR": "YNYY"})
    p = unvotes.pairwise(ds, measure="toy_yes", by=None)
    assert list(p.columns)[:6] == ["country_a", "country_b", "period", "measure", "value", "n"]
    assert p["value"].item() == pytest.approx(2 * (2 / 4) - 1)
    share = unvotes.pairwise(ds, measure="toy_yes", by=None, toy_scale="share")
    assert share["value"].item() == pytest.approx(2 / 4)
    # its option is validated by the registry like the built-ins'
    assert measure_options(["toy_yes"], {"toy_scale": "share"})["toy_scale"] == "share"
    with pytest.raises(ArgumentError, match="toy_scale"):
        unvotes.pairwise(ds, measure="toy_yes", toy_scale="cubic")
    # the charts take the label from the registry
    table = unvotes.alignment(ds, "USA", "GBR", measure="toy_yes")
    ax = plot_alignment(table, reference="GBR")
    assert ax.get_ylabel() == "Share of joint yes votes (toy)" == measure_label("toy_yes")
    plt.close("all")
    # the blocs take its distance from its range: signed, so (1 − v) / 2
    problem = _Voting(unvotes.vote_matrix(ds), "toy_yes", 1, measure_options(["toy_yes"], {}))
    present, _, distance, value = problem.graph(None)
    assert present.all()
    assert distance[0, 1] == pytest.approx((1 - value[0, 1]) / 2)
    b = unvotes.voting_blocs(ds, measure="toy_yes", resamples=0)
    assert set(b.countries["country"]) == {"GBR", "USA"}


def test_a_model_based_measure_goes_through_the_same_functions(toy: Measure) -> None:
    ds = make_dataset({"USA": "YYAN", "GBR": "YNYY", "FRA": "YY--"})
    t = unvotes.alignment(ds, ["USA", "FRA"], "GBR", measure=["toy_model", "percent"], by=None)
    model = t[t["measure"] == "toy_model"].set_index("country")
    # USA Y share 2/4, GBR 3/4, FRA 2/2
    assert model.loc["USA", "value"] == pytest.approx(1 - abs(2 / 4 - 3 / 4))
    assert model.loc["FRA", "value"] == pytest.approx(1 - abs(1 - 3 / 4))
    wide = unvotes.pairwise(ds, measure=["toy_model"], by=None, wide=True)
    assert wide["toy_model"].notna().all()
    assert unvotes.agreement_matrix(ds, measure="toy_model").loc["USA", "GBR"] == pytest.approx(0.75)
    assert isinstance(unvotes.voting_blocs(ds, measure="toy_model", resamples=2).countries, pd.DataFrame)


def test_registry_refuses_clashes(toy: Measure) -> None:
    with pytest.raises(ArgumentError, match="already registered"):
        register_measure(TOY)
    clash = Measure("toy_2", "x", "x", (0, 1), TOY.compute, options=(Option("toy_scale", "share", None, ""),))
    with pytest.raises(ArgumentError, match="declared differently"):
        register_measure(clash)
    with pytest.raises(ArgumentError, match="exactly one of"):
        Measure("toy_3", "x", "x", (0, 1))
