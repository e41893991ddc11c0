"""Benchmark: 200 bootstrap resamples of abstention blocs, the engine against a plain pandas version.

Data: every General Assembly roll call of sessions 74-80 in the bundled
sample (recorded votes only; the emergency and special sessions left out).
Both sides do the same computation for each resample: draw the roll calls
(``rng.integers(0, R, size=R)`` from ``numpy.random.default_rng(seed)``),
count joint abstentions per pair, subtract the expectation ``Σ_r q_r²`` over
the roll calls both were members of (``q_r`` = share of members abstaining
on *r*), build the graph of positive excesses and run networkx's Louvain
with the same seed, then add up the co-assignments.

baseline
    what a user would write with pandas: per resample, merge the sampled
    roll-call ids with the abstention rows, self-merge on rcid, group by
    pair and count; self-merge the membership rows on rcid and group by pair
    to sum ``q_r²``; build the networkx graph from the rows; Louvain.
engine
    :func:`unvotes.measures.blocs.abstention_blocs` (indicator-matrix products per
    resample, the same Louvain), timed as a whole including the full-data
    partition and the assembly of the tables.

The co-assignment matrices must be identical. Run from the project root::

    python benchmarks/bench_blocs.py [--resamples 200] [--baseline-resamples 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import unvotes  # noqa: E402
from unvotes.engine import vote_matrix  # noqa: E402
from unvotes.measures.blocs import abstention_blocs  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--baseline-resamples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    ds = unvotes.load()
    rc = ds.rollcalls
    sessions = [str(s) for s in range(74, 81)]
    chosen = rc.loc[(rc["body"] == "GA") & rc["session"].isin(sessions), "rcid"].astype(str).tolist()
    vm = vote_matrix(ds, rcids=chosen)
    rcids = vm.rollcalls["rcid"].astype(str).tolist()  # recorded votes only, in date order
    votes = ds.votes[ds.votes["rcid"].isin(rcids)].astype({"rcid": str, "country": str, "vote": str})
    print(f"{vm}; {len(votes):,} vote rows; {int((vm.codes == 2).sum()):,} abstentions")

    t0 = time.perf_counter()
    found = abstention_blocs(vm, resamples=args.resamples, seed=args.seed)
    engine = time.perf_counter() - t0
    t0 = time.perf_counter()
    base = baseline(votes, rcids, resamples=args.baseline_resamples, seed=args.seed)
    base_time = time.perf_counter() - t0
    check = (
        abstention_blocs(vm, resamples=args.baseline_resamples, seed=args.seed)
        if (args.baseline_resamples != args.resamples)
        else found
    )
    mine = check.coassignment()
    present = mine.index.intersection(base.index)
    a, b = mine.loc[present, present].to_numpy(), base.loc[present, present].to_numpy()
    off = ~np.eye(len(present), dtype=bool)
    equal = bool(
        np.array_equal(np.isnan(a[off]), np.isnan(b[off]))
        and np.allclose(a[off][~np.isnan(a[off])], b[off][~np.isnan(b[off])], atol=0, rtol=0)
    )
    per_engine = engine / args.resamples
    per_base = base_time / args.baseline_resamples
    print(f"blocs: {found.blocs['size'].tolist()}")
    print(f"engine:   {args.resamples} resamples in {engine:.2f} s ({per_engine * 1000:.0f} ms each)")
    print(
        f"baseline: {args.baseline_resamples} resamples in {base_time:.2f} s ({per_base * 1000:.0f} ms each)"
    )
    print(f"ratio baseline/engine (per resample): {per_base / per_engine:.2f}")
    print(f"co-assignment matrices identical: {equal}")


if __name__ == "__main__":
    main()
