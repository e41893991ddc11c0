"""Louvain on igraph against the networkx reference it replaced, and the resamples spread over processes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_blocs import ES11, _from_matrix, _planted

import unvotes
from unvotes.engine.resample import resample_sums
from unvotes.errors import ArgumentError
from unvotes.measures import communities
from unvotes.measures.blocs import abstention_blocs, voting_blocs

nx = pytest.importorskip("networkx")


def _networkx_louvain(
    present: np.ndarray, weights: np.ndarray, *, resolution: float, seed: int
) -> np.ndarray:
    """The previous implementation: networkx's pure-Python Louvain on the same graph."""
    nodes = np.flatnonzero(present)
    graph = nx.Graph()
    graph.add_nodes_from(nodes.tolist())
    sub = np.triu(weights[np.ix_(nodes, nodes)], 1)
    i, j = np.nonzero(sub > 0)
    graph.add_weighted_edges_from(zip(nodes[i].tolist(), nodes[j].tolist(), sub[i, j].tolist(), strict=True))
    labels = np.full(len(present), -1, dtype=np.int64)
    found = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    for k, members in enumerate(found):
        labels[list(members)] = k
    return labels


def _random_votes() -> unvotes.Dataset:
    rng = np.random.default_rng(11)
    codes = ["ARG", "AUT", "BGD", "BRA", "CAN", "CHN", "DEU", "EGY", "FRA", "GBR"]
    return _from_matrix({c: "".join(rng.choice(["Y", "A", "N"], size=40, p=[0.5, 0.3, 0.2])) for c in codes})


# Structured fixtures: one best partition, found the same way on every resample by both implementations.
EXACT = {
    "planted": lambda: abstention_blocs(_planted(), resamples=40, seed=3),
    "planted-resolution": lambda: abstention_blocs(_planted(), resamples=20, seed=1, resolution=0.7),
    "voting": lambda: voting_blocs(
        _from_matrix({"AUT": "YYYYNY", "DEU": "YYYYNN", "FRA": "YYNYNY", "IND": "NNAYYN", "PAK": "NNAYYY"}),
        resamples=20,
    ),
}
# Where a resample has several partitions of equal modularity, the two visit nodes in different
# random orders and may break the tie differently: the same blocs and cores, co-assignment close.
CLOSE = {
    "random": lambda: abstention_blocs(_random_votes(), resamples=40, seed=0),
    "es11": lambda: abstention_blocs(unvotes.load(), rcids=ES11, resamples=200, seed=0),
}


@pytest.mark.parametrize("name", sorted(EXACT))
def test_igraph_louvain_gives_the_networkx_coassignment_on_structured_fixtures(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = EXACT[name]()
    monkeypatch.setattr(communities, "louvain_labels", _networkx_louvain)
    slow = EXACT[name]()
    pd.testing.assert_frame_equal(fast.countries, slow.countries)
    pd.testing.assert_frame_equal(fast.blocs, slow.blocs)
    pd.testing.assert_frame_equal(fast.pairs, slow.pairs)


@pytest.mark.parametrize("name", sorted(CLOSE))
def test_igraph_louvain_gives_the_networkx_blocs_and_cores_on_ties(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = CLOSE[name]()
    monkeypatch.setattr(communities, "louvain_labels", _networkx_louvain)
    slow = CLOSE[name]()
    pd.testing.assert_frame_equal(
        fast.blocs[["bloc", "size", "members", "core"]], slow.blocs[["bloc", "size", "members", "core"]]
    )
    fc, sc = fast.countries.set_index("country"), slow.countries.set_index("country")
    pd.testing.assert_series_equal(fc["bloc"], sc.loc[fc.index, "bloc"])
    pd.testing.assert_series_equal(fc["core"], sc.loc[fc.index, "core"])
    gap = np.abs(fast.pairs["coassignment"] - slow.pairs["coassignment"])
    print(
        f"\n{name}: co-assignment differs on {int((gap > 0).sum())} of {len(gap)} pairs, "
        f"by at most {gap.max():.3f}"
    )
    assert gap.max() <= 0.1


def test_louvain_is_seeded_and_leaves_the_global_generator_alone() -> None:
    rng = np.random.default_rng(5)
    w = rng.random((30, 30))
    w = np.triu(w * (w > 0.7), 1)
    w = w + w.T
    present = np.ones(30, dtype=bool)
    import random

    state = random.getstate()
    runs = {tuple(communities.louvain_labels(present, w, resolution=1.0, seed=4)) for _ in range(5)}
    assert len(runs) == 1
    assert random.getstate() == state


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_processes_give_the_same_coassignment(jobs: int) -> None:
    one = abstention_blocs(_planted(), resamples=30, seed=2, jobs=1)
    many = abstention_blocs(_planted(), resamples=30, seed=2, jobs=jobs)
    pd.testing.assert_frame_equal(one.pairs, many.pairs)
    pd.testing.assert_frame_equal(one.countries, many.countries)


def test_resample_sums_add_every_resample_once() -> None:
    seen = resample_sums(lambda w: [w, np.ones(1)], 5, resamples=7, seed=1, jobs=2)
    assert seen[1].tolist() == [7.0]  # each resample counted once, whatever the split
    assert seen[0].sum() == 35.0  # each draws 5 columns
    assert resample_sums(lambda w: [w], 5, resamples=0, seed=1) == []
    with pytest.raises(ArgumentError, match="jobs"):
        abstention_blocs(_planted(), resamples=2, jobs=0)


def test_the_louvain_only_graph_has_the_full_graphs_weights() -> None:
    from unvotes.measures.abstention import abstain_indicator, rollcall_rates
    from unvotes.measures.blocs import _Abstention

    vm = unvotes.vote_matrix(unvotes.load(), body="GA", start=2022, end=2023)
    a = abstain_indicator(vm.codes)
    m = (vm.codes != 0).astype(np.float32)
    problem = _Abstention(a, m, rollcall_rates(a, m), "rollcall")
    weights = np.random.default_rng(0).integers(0, 3, size=vm.shape[1]).astype(np.float64)
    full = problem.graph(weights)
    quick = problem.graph(weights, louvain_only=True)
    np.testing.assert_array_equal(full[0], quick[0])
    np.testing.assert_array_equal(full[1], quick[1])
