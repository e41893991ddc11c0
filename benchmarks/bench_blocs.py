"""Benchmark: 200 bootstrap resamples of abstention blocs: the engine, the previous engine, plain pandas.

Data: every General Assembly roll call of sessions 74-80 in the UN's
machine-readable extracts (``../shared/data/unxml-ga``, read in place;
recorded votes only; the emergency and special sessions left out).
All three do the same computation for each resample: draw the roll calls
(``rng.integers(0, R, size=R)`` from ``numpy.random.default_rng(seed)``),
count joint abstentions per pair, subtract the expectation ``Σ_r q_r²`` over
the roll calls both were members of (``q_r`` = share of members abstaining
on *r*), build the graph of positive excesses and run networkx's Louvain
with the same seed, then add up the co-assignments.

engine
    :func:`unvotes.measures.blocs.abstention_blocs`: igraph's compiled
    Louvain, the resamples spread over one process per core, BLAS on one
    thread in each;
previous
    the engine as it was before: the same graphs, networkx's pure-Python
    Louvain, one resample after the other in this process (BLAS threads as
    numpy sets them); it must give the same blocs and cores;

baseline
    what a user would write with pandas: per resample, merge the sampled
    roll-call ids with the abstention rows, self-merge on rcid, group by
    pair and count; self-merge the membership rows on rcid and group by pair
    to sum ``q_r²``; build the networkx graph from the rows; Louvain.

The engine and the previous engine are timed as a whole (full-data
partition, resamples, tables), alternating, ``--repeats`` times each. The
pandas baseline and the previous engine at the same resamples give identical
co-assignment matrices (both use networkx with the same seed); igraph's
Louvain breaks ties between partitions of equal modularity in its own random
order, so the engine's co-assignment is compared by its largest difference,
and its blocs and cores must be the previous engine's. Run from the project
root::

    python benchmarks/bench_blocs.py [--resamples 200] [--baseline-resamples 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import unvotes.measures.blocs as blocs_module  # noqa: E402
from unvotes.engine import vote_matrix  # noqa: E402
from unvotes.engine.resample import bootstrap_weights  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.measures import communities  # noqa: E402
from unvotes.measures.blocs import Blocs, abstention_blocs  # noqa: E402
from unvotes.sources import read_unxml  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "unxml-ga"


def networkx_louvain(present: np.ndarray, weights: np.ndarray, *, resolution: float, seed: int) -> np.ndarray:
    """The previous Louvain: networkx's, on the same graph as igraph's."""
    nodes = np.flatnonzero(present)
    graph = nx.Graph()
    graph.add_nodes_from(nodes.tolist())
    sub = np.triu(weights[np.ix_(nodes, nodes)], 1)
    i, j = np.nonzero(sub > 0)
    graph.add_weighted_edges_from(zip(nodes[i].tolist(), nodes[j].tolist(), sub[i, j].tolist(), strict=True))
    labels = np.full(len(present), -1, dtype=np.int64)
    for k, members in enumerate(
        nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    ):
        labels[list(members)] = k
    return labels


def _serial_bootstrap(
    problem: object, n_cols: int, *, resamples: int, seed: int, jobs: object = None, **options: object
) -> tuple[np.ndarray, np.ndarray]:
    """The previous bootstrap loop: one resample after the other, in this process."""
    size = problem.a.shape[0]  # type: ignore[attr-defined]
    same = np.zeros((size, size), dtype=np.int64)
    both = np.zeros((size, size), dtype=np.int64)
    for weights in bootstrap_weights(n_cols, resamples, seed):
        present, w, d, _ = problem.graph(weights)  # type: ignore[attr-defined]
        labels = communities.partition(present, w, d, seed=seed, **options)  # type: ignore[arg-type]
        inside = labels >= 0
        same += (labels[:, None] == labels[None, :]) & inside[:, None]
        both += present[:, None] & present[None, :]
    return same, both


def previous(vm: object, *, resamples: int, seed: int) -> Blocs:
    """abstention_blocs as it was before: networkx's Louvain, the resamples in a loop in this process."""
    saved = communities.louvain_labels, blocs_module.bootstrap_coassignment
    communities.louvain_labels = networkx_louvain  # type: ignore[assignment]
    blocs_module.bootstrap_coassignment = _serial_bootstrap  # type: ignore[assignment]
    try:
        return abstention_blocs(vm, resamples=resamples, seed=seed)
    finally:
        communities.louvain_labels, blocs_module.bootstrap_coassignment = saved


def baseline(votes: pd.DataFrame, rcids: list[str], *, resamples: int, seed: int) -> pd.DataFrame:
    """Co-assignment shares (square, sorted countries) computed with pandas merges and groupbys."""
    members = votes[["rcid", "country"]]
    abst = votes.loc[votes["vote"] == "A", ["rcid", "country"]]
    q = (abst.groupby("rcid").size() / members.groupby("rcid").size()).reindex(rcids).fillna(0.0)
    q2 = (q**2).rename("q2")
    countries = sorted(votes["country"].unique())
    same = pd.DataFrame(0, index=countries, columns=countries)
    both = pd.DataFrame(0, index=countries, columns=countries)
    rng = np.random.default_rng(seed)
    for _ in range(resamples):
        draw = pd.Series(np.asarray(rcids, dtype=object)[rng.integers(0, len(rcids), size=len(rcids))])
        times = draw.value_counts().rename("times").rename_axis("rcid").reset_index()
        a = abst.merge(times, on="rcid")
        pairs = a.merge(a[["rcid", "country"]], on="rcid", suffixes=("_a", "_b"))
        pairs = pairs[pairs["country_a"] < pairs["country_b"]]
        joint = pairs.groupby(["country_a", "country_b"])["times"].sum()
        m = members.merge(times, on="rcid").merge(q2, left_on="rcid", right_index=True)
        mp = m.merge(m[["rcid", "country"]], on="rcid", suffixes=("_a", "_b"))
        mp = mp[mp["country_a"] < mp["country_b"]]
        expected = (mp["q2"] * mp["times"]).groupby([mp["country_a"], mp["country_b"]]).sum()
        excess = (joint - expected.reindex(joint.index)).round(9)
        excess = excess[excess > 0].sort_index()
        present = sorted(a["country"].unique())
        graph = nx.Graph()
        graph.add_nodes_from(present)
        graph.add_weighted_edges_from((i, j, float(w)) for (i, j), w in excess.items())
        communities = nx.community.louvain_communities(graph, weight="weight", resolution=1.0, seed=seed)
        label = {}
        big = sorted((c for c in communities if len(c) >= 2), key=lambda c: (-len(c), min(c)))
        for k, c in enumerate(big):
            label.update(dict.fromkeys(c, k))
        lab = pd.Series(label, dtype=float).reindex(countries)
        pres = pd.Series(True, index=present).reindex(countries, fill_value=False).to_numpy()
        v = lab.to_numpy()
        same += (v[:, None] == v[None, :]).astype(int)
        both += (pres[:, None] & pres[None, :]).astype(int)
    with np.errstate(invalid="ignore", divide="ignore"):
        return same / both.where(both > 0)


def _same_matrix(a: pd.DataFrame, b: pd.DataFrame) -> tuple[bool, float]:
    present = a.index.intersection(b.index)
    x, y = a.loc[present, present].to_numpy(), b.loc[present, present].to_numpy()
    off = ~np.eye(len(present), dtype=bool)
    x, y = x[off], y[off]
    same_nan = bool(np.array_equal(np.isnan(x), np.isnan(y)))
    gap = float(np.nanmax(np.abs(x - y))) if same_nan and np.isfinite(x).any() else float("nan")
    return same_nan and gap == 0.0, gap


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the UN GA extracts")
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--baseline-resamples", type=int, default=20, help="pandas baseline (0: skip)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of the engine and the previous")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"bench_blocs: shared data not found: {args.data}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore", DataQualityWarning)
    ds = read_unxml(args.data)
    vm = vote_matrix(ds, body="GA", sessions=[str(s) for s in range(74, 81)])
    rcids = vm.rollcalls["rcid"].astype(str).tolist()  # recorded votes only, in date order
    votes = ds.votes[ds.votes["rcid"].isin(rcids)].astype({"rcid": str, "country": str, "vote": str})
    print(f"{vm}; {len(votes):,} vote rows; {int((vm.codes == 2).sum()):,} abstentions")

    times: dict[str, list[float]] = {"engine": [], "previous": []}
    results: dict[str, Blocs] = {}
    for _ in range(args.repeats):
        for name, func in (("engine", abstention_blocs), ("previous", previous)):
            t0 = time.perf_counter()
            results[name] = func(vm, resamples=args.resamples, seed=args.seed)
            times[name].append(time.perf_counter() - t0)
    engine, prev = statistics.median(times["engine"]), statistics.median(times["previous"])
    fast, slow = results["engine"], results["previous"]
    cols = ["bloc", "size", "members", "core"]
    same_blocs = fast.blocs[cols].equals(slow.blocs[cols])
    _, gap = _same_matrix(fast.coassignment(), slow.coassignment())
    print(f"blocs: {fast.blocs['size'].tolist()} (previous: {slow.blocs['size'].tolist()})")
    print(f"engine:   {args.resamples} resamples, median of {args.repeats}: {engine:.2f} s {times['engine']}")
    print(f"previous: {args.resamples} resamples, median of {args.repeats}: {prev:.2f} s {times['previous']}")
    print(f"speed-up previous/engine: {prev / engine:.2f} (target >= 5)")
    print(
        f"same blocs and cores as the previous engine: {same_blocs}; "
        f"largest co-assignment difference {gap:.3f}"
    )
    if args.baseline_resamples:
        t0 = time.perf_counter()
        base = baseline(votes, rcids, resamples=args.baseline_resamples, seed=args.seed)
        base_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        check = previous(vm, resamples=args.baseline_resamples, seed=args.seed)
        prev_small = time.perf_counter() - t0
        identical, _ = _same_matrix(check.coassignment(), base)
        per_base = base_time / args.baseline_resamples
        print(
            f"pandas baseline: {args.baseline_resamples} resamples in {base_time:.2f} s "
            f"({per_base * 1000:.0f} ms each); "
            f"previous engine, same resamples: {prev_small:.2f} s"
        )
        print(
            f"ratio pandas/engine per resample: {per_base / (engine / args.resamples):.1f}; "
            f"pandas/previous: {base_time / prev_small:.1f}"
        )
        print(f"pandas and previous co-assignment identical: {identical}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
