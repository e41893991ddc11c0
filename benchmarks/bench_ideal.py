"""Benchmark: the whole-record MAP ideal-point fit against the Gibbs baseline, side by side in one run.

Loads Voeten's GA tables (the R ``unvotes`` package, sessions 1–74) combined
with the UN's extracts for sessions 74–80, and BSV's ``Matches.csv``, once,
untimed. Then, in one process:

map
    :func:`unvotes.measures.ideal.ideal_points` with ``method="map"`` on the
    whole 1946–2026 GA record (data rules, matching and fit included);
gibbs
    the same model sampled by :func:`unvotes.measures.ideal_gibbs.gibbs_sample`
    for ``--gibbs-iterations`` iterations on the same data; its seconds per
    iteration times BSV's 20,000 iterations is the baseline's cost.

The two alternate ``--repeats`` times and the medians are compared; the
data rules and matching are also timed on their own.

It prints the ratio (baseline cost / MAP time), the peak resident memory
(``ru_maxrss``) and, for the 1946–2019 fit, the per-session Pearson and
Spearman correlations with BSV's published ``IdealpointestimatesAll_Apr2020.csv``.

Run from the project root::

    nice python benchmarks/bench_ideal.py [--data ../shared/data] [--gibbs-iterations 30] \\
        [--repeats 3] [--table]
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings
from pathlib import Path

import numpy as np

from unvotes.engine import Selection
from unvotes.measures.ideal import ideal_points
from unvotes.measures.ideal_data import build_ideal_data
from unvotes.measures.ideal_gibbs import gibbs_sample
from unvotes.sources import combine
from unvotes.sources.bsv import read_bsv_estimates, read_bsv_matches
from unvotes.sources.unxml import read_unxml
from unvotes.sources.voeten import read_unvotes_r

BSV_ITERATIONS = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--gibbs-iterations", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side (medians are reported)")
    parser.add_argument("--table", action="store_true", help="print the per-session table for 1946-2019")
    args = parser.parse_args()
    data = Path(args.data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = combine(read_unvotes_r(data / "unvotes-r"), read_unxml(data / "unxml-ga"))
    matches = read_bsv_matches(data / "voeten-ideal-2020" / "Matches.csv")

    prepared = build_ideal_data(ds, Selection(body="GA"), matches=matches)
    map_times, build_times, gibbs_times = [], [], []
    for _ in range(args.repeats):  # the two sides alternate, so a busy spell of the machine hits both
        t0 = time.perf_counter()
        fit = ideal_points(ds, matches=matches, progress=False)
        map_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        build_ideal_data(ds, Selection(body="GA"), matches=matches)
        build_times.append(time.perf_counter() - t0)
        res = gibbs_sample(prepared, iterations=args.gibbs_iterations, burn=args.gibbs_iterations - 1)
        gibbs_times.append(res.seconds_per_iteration)
    map_seconds = float(np.median(map_times))
    per_iteration = float(np.median(gibbs_times))
    baseline = per_iteration * BSV_ITERATIONS
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"whole GA record 1946-2026: {len(prepared.y):,} votes, {prepared.n_items:,} items, "
        f"{prepared.n_units:,} country-sessions, {len(fit.matches):,} matches "
        f"({int((fit.matches['source'] == 'title').sum())} by title)"
    )
    print(
        f"map fit (median of {args.repeats}): {map_seconds:.2f} s, of which data rules and matching "
        f"{np.median(build_times):.2f} s ({fit.info['sweeps']:.0f} Newton sweeps, "
        f"{fit.info['iterations']:.0f} L-BFGS iterations, objective {fit.info['objective']:.1f}); "
        f"runs {', '.join(f'{t:.2f}' for t in map_times)}"
    )
    print(
        f"gibbs (median of {args.repeats}): {per_iteration:.3f} s/iteration x {BSV_ITERATIONS:,} "
        f"= {baseline:.0f} s; "
        f"ratio {baseline / map_seconds:.0f}x; runs {', '.join(f'{t:.3f}' for t in gibbs_times)}"
    )
    print(f"peak resident memory of the process: {peak_gb:.2f} GB")

    if args.table:
        past = ideal_points(ds, end=2019, matches=matches, progress=False).table
        published = read_bsv_estimates(data / "voeten-ideal-2020" / "IdealpointestimatesAll_Apr2020.csv")
        joined = past.merge(published, on=["country", "session"], suffixes=("", "_bsv"))
        print(
            f"pooled: pearson {np.corrcoef(joined['ideal_point'], joined['ideal_point_bsv'])[0, 1]:.3f}, "
            f"spearman {joined['ideal_point'].corr(joined['ideal_point_bsv'], method='spearman'):.3f}"
        )
        print("| session | n | pearson | spearman |")
        print("|---:|---:|---:|---:|")
        for session, group in joined.groupby("session"):
            pearson = group["ideal_point"].corr(group["ideal_point_bsv"])
            spearman = group["ideal_point"].corr(group["ideal_point_bsv"], method="spearman")
            print(f"| {session} | {len(group)} | {pearson:.3f} | {spearman:.3f} |")


if __name__ == "__main__":
    main()
