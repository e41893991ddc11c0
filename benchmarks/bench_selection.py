"""Benchmark: choosing roll calls by a list (``rcids=``) takes time linear in the number of roll calls.

Loads Erik Voeten's GA tables (the R ``unvotes`` package: 870,109 votes on
6,203 roll calls) once, untimed, then builds the vote matrix, alternating, N
times each: with no list, and with lists of the first 1,000, 3,000 and all
6,203 rcids. A selection whose cost grew with list length × roll calls would
make the full list many times dearer than no list; a linear one keeps every
ratio near 1 (building the matrix dominates).

Run from the project root::

    python benchmarks/bench_selection.py [--data ../shared/data/unvotes-r] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.engine import vote_matrix  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "unvotes-r")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.data / "un_votes.rda").is_file():
        print(f"bench_selection: shared data not found: {args.data}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore", DataQualityWarning)
    ds = read_unvotes_r(args.data)
    ids = ds.rollcalls["rcid"].astype(str).tolist()
    lists = {"no list": None, "1,000 rcids": ids[:1000], "3,000 rcids": ids[:3000], "all 6,203 rcids": ids}
    vote_matrix(ds)  # warm
    times: dict[str, list[float]] = {k: [] for k in lists}
    for _ in range(args.repeats):
        for name, chosen in lists.items():
            start = time.perf_counter()
            vote_matrix(ds, rcids=chosen)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["no list"])
    print(f"{args.repeats} runs each, alternating; medians")
    print("| selection | vote_matrix (s) | ratio to no list |")
    print("|---|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.3f} | {statistics.median(values) / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
