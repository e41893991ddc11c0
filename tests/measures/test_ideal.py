"""Ideal points: the gradient, recovery of planted thetas, the sampler, the data rules, bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_dataset
from unvotes.engine import Selection
from unvotes.errors import ArgumentError
from unvotes.measures.ideal import IDEAL_COLUMNS, ITEM_COLUMNS, ideal_points
from unvotes.measures.ideal_data import build_ideal_data
from unvotes.measures.ideal_fit import fit_map, identify
from unvotes.measures.ideal_gibbs import gibbs_sample, truncated_normal
from unvotes.measures.ideal_matches import link_items, title_matches
from unvotes.measures.ideal_model import Prior, objective, split, vote_derivatives
from unvotes.measures.ideal_sim import simulate_data


def test_vote_probabilities_by_hand() -> None:
    # z1 = 0, z2 = 1: P(Y) = Phi(0), P(A) = Phi(1) - Phi(0), P(N) = 1 - Phi(1)
    ll, g1, g2 = vote_derivatives(np.array([0, 1, 2]), np.zeros(3), np.ones(3))
    assert np.exp(ll) == pytest.approx([0.5, 0.8413447 - 0.5, 1 - 0.8413447], abs=1e-6)
    phi0, phi1 = 0.3989423, 0.2419707
    assert g1 == pytest.approx([phi0 / 0.5, -phi0 / 0.3413447, 0], abs=1e-5)
    assert g2 == pytest.approx([0, phi1 / 0.3413447, -phi1 / 0.1586553], abs=1e-5)


def test_far_tails_stay_finite() -> None:
    z = np.array([-40.0, 40.0, 39.0, -40.0])
    ll, g1, g2 = vote_derivatives(np.array([0, 2, 1, 1]), z, z + np.array([0.0, 0.0, 2.0, 1e-3]))
    assert np.isfinite(ll).all()
    assert np.isfinite(g1).all()
    assert np.isfinite(g2).all()


def test_gradient_matches_finite_differences() -> None:
    data, _ = simulate_data(n_countries=6, n_sessions=3, n_items=8, seed=3)
    rng = np.random.default_rng(1)
    p = rng.normal(size=data.n_units + 3 * data.n_items)
    p[-data.n_items :] = np.abs(p[-data.n_items :]) + 0.1
    prior = Prior(walk_sd=0.7, unit_sd=1.3, beta_sd=2.0, cut_sd=3.0)
    _, grad = objective(p, data, prior)
    h = 1e-6
    numeric = np.empty_like(p)
    for k in range(len(p)):
        e = np.zeros_like(p)
        e[k] = h
        numeric[k] = (objective(p + e, data, prior)[0] - objective(p - e, data, prior)[0]) / (2 * h)
    assert grad == pytest.approx(numeric, rel=1e-5, abs=1e-5)


def test_identification_keeps_every_probability() -> None:
    data, truth = simulate_data(n_countries=8, n_sessions=2, n_items=10, seed=4)
    p = np.concatenate([truth["x"] * 3 + 1, truth["b"], truth["a"], truth["d"]])
    q = identify(p, data, reference="C000")
    x, b, a, _ = split(p, data.n_units, data.n_items)
    x2, b2, a2, _ = split(q, data.n_units, data.n_items)
    assert x2.mean() == pytest.approx(0)
    assert x2.std() == pytest.approx(1)
    assert x2[0] > 0
    eta = a[data.item] - b[data.item] * x[data.cs]
    eta2 = a2[data.item] - b2[data.item] * x2[data.cs]
    assert eta2 == pytest.approx(eta)


def _planted_reference(truth: dict[str, np.ndarray], n_sessions: int) -> str:
    return f"C{int(np.argmax(truth['x'][::n_sessions])):03d}"


def test_map_recovers_planted_thetas() -> None:
    data, truth = simulate_data(n_countries=60, n_sessions=4, n_items=400, seed=7)
    params, _ = fit_map(data, reference=_planted_reference(truth, 4))
    r = np.corrcoef(params[: data.n_units], truth["x"])[0, 1]
    assert r >= 0.99


def test_gibbs_samples_the_same_posterior_as_the_map_mode() -> None:
    data, truth = simulate_data(n_countries=40, n_sessions=3, n_items=80, seed=11)
    ref = _planted_reference(truth, 3)
    mode, _ = fit_map(data, reference=ref)
    res = gibbs_sample(data, iterations=400, seed=2, reference=ref)
    assert np.corrcoef(res.mean, truth["x"])[0, 1] >= 0.97
    assert np.corrcoef(res.mean, mode[: data.n_units])[0, 1] >= 0.98
    assert (res.q05 <= res.mean).all()
    assert (res.mean <= res.q95).all()
    assert (res.sd > 0).all()
    assert res.seconds_per_iteration > 0


def test_truncated_normal_stays_in_its_interval_far_in_the_tails() -> None:
    rng = np.random.default_rng(0)
    mean = np.array([0.0, 0.0, 10.0, -10.0] * 500)
    low = np.array([8.0, -np.inf, -np.inf, -1.0] * 500)
    high = np.array([np.inf, -8.0, 0.5, 0.0] * 500)
    z = truncated_normal(mean, low, high, rng)
    assert np.isfinite(z).all()
    assert (z >= low).all()
    assert (z <= high).all()
    assert z[0::4].mean() == pytest.approx(8.12, abs=0.05)  # E[z | z > 8] = phi(8)/(1-Phi(8))


def _rollcalls(n: int) -> dict:
    return {
        "session": ["75"] * n,
        "title": [f"Resolution {k}" for k in range(n)],
    }


def test_table_columns_and_bad_input() -> None:
    votes = {
        "USA": "YNNYNYN",
        "GBR": "YNNYNYA",
        "FRA": "YNAYNYN",
        "RUS": "NYYANYY",
        "CHN": "NYYNNYY",
        "IND": "AYANNYA",
        "BRA": "YAYYNYY",
        "ZAF": "NYYAYYY",
        "MEX": "XXXXXYX",  # only a vote on the unanimous roll call: no ideal point, with a note
    }
    ds = make_dataset(votes, dates="2020-12-01", **_rollcalls(7))
    fit = ideal_points(ds, progress=False)
    assert "MEX" not in set(fit.table["country"])
    assert "1 country(ies) with no Y/A/N vote on a contested item have no ideal point: MEX" in fit.notes
    assert list(fit.table.columns) == list(IDEAL_COLUMNS)
    assert list(fit.items.columns) == list(ITEM_COLUMNS)
    assert fit.table.set_index("country").loc["USA", "ideal_point"] > 0
    assert fit.table["se"].isna().all()
    # roll call r6 is unanimous: left out, with a note
    assert "r6" not in set(fit.items["rcid"])
    assert any("one category" in note for note in fit.notes)
    with pytest.raises(ArgumentError, match="method must be one of"):
        ideal_points(ds, method="bayes")
    with pytest.raises(ArgumentError, match="bootstrap must be"):
        ideal_points(ds, bootstrap=-1)
    with pytest.raises(ArgumentError, match="no contested vote"):
        ideal_points(ds, rcids=["r6"], progress=False)
    boot = ideal_points(ds, bootstrap=3, seed=1, progress=False)
    assert (boot.table["se"] > 0).all()


def test_bsv_data_rules() -> None:
    votes = {"USA": "YYNY", "RUS": "NNYN", "FRA": "YAYY"}
    ds = make_dataset(
        votes,
        dates=["1995-10-01", "1995-10-02", "1964-12-01", "1996-10-01"],
        session=["50", "50", "19", "51"],
        amendment=[False, True, False, False],
        title=["Oceans", "Oceans", "x", "Oceans"],
    )
    data = build_ideal_data(ds, Selection(body="GA"), auto_match=False)
    assert set(data.rollcalls["rcid"]) == {"r1", "r4"}  # an amendment after 1989 and session 19 left out
    linked = build_ideal_data(
        ds, Selection(body="GA"), matches=pd.DataFrame({"rcid1": ["r1"], "rcid2": ["r4"]})
    )
    assert linked.n_items == 1
    assert linked.rollcalls.set_index("rcid").loc["r4", "linked_to"] == "r1"


def test_title_matches_and_chains() -> None:
    rc = pd.DataFrame(
        {
            "rcid": list("abcde"),
            "session_number": [75, 76, 77, 77, 78],
            "date": pd.to_datetime(["2020-12-01", "2021-12-01", "2022-12-01", "2022-12-02", "2023-12-01"]),
            "title": ["Oceans (A/75/1)", "Oceans", "Mines", "Mines", "Mines"],
        }
    )
    m = title_matches(rc)
    assert m[["rcid1", "rcid2"]].to_numpy().tolist() == [["a", "b"]]
    assert link_items(
        pd.Series(["x", "y", "z"]), pd.DataFrame({"rcid1": ["y", "x"], "rcid2": ["z", "y"]})
    ).tolist() == [
        "x",
        "x",
        "x",
    ]


def test_warm_start_reports_drift() -> None:
    votes = {
        "USA": "YNNYNYNYN",
        "GBR": "YNNYNYAYN",
        "RUS": "NYYANYYNY",
        "CHN": "NYYNNYYNA",
        "IND": "AYANNYAAY",
        "BRA": "YAYYNYYYA",
    }
    dates = ["2020-12-01"] * 6 + ["2021-12-01"] * 3
    ds = make_dataset(votes, dates=dates, session=["75"] * 6 + ["76"] * 3, title=[f"t{k}" for k in range(9)])
    past = pickle.loads(pickle.dumps(ideal_points(ds, end=2020, progress=False)))  # a saved fit
    both = ideal_points(ds, warm_start=past, progress=False)
    cold = ideal_points(ds, progress=False)
    assert set(both.table["session"]) == {75, 76}
    assert 0 <= both.info["drift"] < 0.5
    assert both.info["sweeps"] <= cold.info["sweeps"]  # the past starts where the saved fit left it
    assert both.table["ideal_point"].to_numpy() == pytest.approx(
        cold.table["ideal_point"].to_numpy(), abs=1e-3
    )


def test_ideal_measure_in_alignment() -> None:
    from unvotes.measures import alignment

    votes = {
        "USA": "YNNYNYNYN",
        "GBR": "YNNYNYAYN",
        "RUS": "NYYANYYNY",
        "CHN": "NYYNNYYNA",
        "IND": "AYANNYAAY",
    }
    ds = make_dataset(votes, dates="2020-12-01", session="75")
    table = alignment(ds, ["GBR", "RUS"], ["USA"], measure="ideal")
    value = table.set_index("country")["value"]
    assert value["GBR"] > value["RUS"]  # closer to the US
    assert (value <= 0).all()
    fit = ideal_points(ds, progress=False).table.set_index("country")["ideal_point"]
    assert value["RUS"] == pytest.approx(-abs(fit["RUS"] - fit["USA"]))


def test_bootstrap_does_not_depend_on_the_workers() -> None:
    votes = {
        "USA": "YNNYNYNYN",
        "GBR": "YNNYNYAYN",
        "RUS": "NYYANYYNY",
        "CHN": "NYYNNYYNA",
        "IND": "AYANNYAAY",
    }
    ds = make_dataset(votes, dates="2020-12-01", session="75")
    one = ideal_points(ds, bootstrap=4, seed=5, workers=1, progress=False).table
    two = ideal_points(ds, bootstrap=4, seed=5, workers=2, progress=False).table
    assert one["se"].to_numpy() == pytest.approx(two["se"].to_numpy())
    assert (one["q05"] <= one["q95"]).all()
    with pytest.raises(ArgumentError, match="workers must be"):
        ideal_points(ds, bootstrap=2, workers=0)


def test_newton_sweeps_lower_the_objective_towards_the_mode() -> None:
    from unvotes.measures.ideal_fit import initial_params
    from unvotes.measures.ideal_newton import newton_sweeps

    data, _ = simulate_data(n_countries=30, n_sessions=3, n_items=60, seed=21)
    start = initial_params(data, reference=None)
    swept, sweeps, value = newton_sweeps(start, data, Prior(), tol=1e-9, max_sweeps=300)
    mode, _ = fit_map(data, reference=None)
    assert 1 < sweeps < 300
    assert value == pytest.approx(objective(swept, data, Prior())[0], rel=1e-12)
    assert objective(swept, data, Prior())[0] < objective(start, data, Prior())[0]
    # the sweeps alone reach the mode's ideal points
    swept_x = identify(swept, data, reference=None)[: data.n_units]
    assert abs(np.corrcoef(swept_x, mode[: data.n_units])[0, 1]) > 0.999


def test_sliced_probit_kernel_matches_the_log_domain_one_into_the_far_tails() -> None:
    from unvotes.measures.ideal_newton import _derivatives, _design

    data, _ = simulate_data(n_countries=30, n_sessions=2, n_items=40, seed=5)
    des = _design(data)
    rng = np.random.default_rng(3)
    z1 = rng.normal(scale=12.0, size=len(des.y))  # about 1 vote in 40 beyond 30 sd: the log-domain fallback
    z2 = z1 + rng.exponential(2.0, size=len(des.y)) + 1e-6
    fast = _derivatives(des, z1, z2)
    ll, g1, g2 = vote_derivatives(des.y, z1, z2)
    assert np.isfinite(fast.ll).all()
    assert fast.ll == pytest.approx(ll, rel=1e-9, abs=1e-12)
    assert fast.gs == pytest.approx(g1 + g2, rel=1e-7, abs=1e-12)
    assert fast.g2 == pytest.approx(g2, rel=1e-7, abs=1e-12)
    h22 = -z2 * g2 - g2 * g2
    assert fast.h22 == pytest.approx(h22, rel=1e-6, abs=1e-9)
