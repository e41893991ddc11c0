"""Benchmark: choosing roll calls by a list (``rcids=``) takes time linear in the number of roll calls.

Loads Erik Voeten's GA tables (the R ``unvotes`` package: 6,203 roll calls)
once, untimed, then, alternating, N times each, for lists of the first 500,
1,000, 2,000, 4,000 and all 6,203 rcids (and no list): the selection itself
(:meth:`unvotes.engine.Selection.mask` over the roll-call table, every rcid
checked) and the whole vote matrix built with it. A selection whose cost grew
with list length × roll calls would make the full list hundreds of times
dearer than the short one; a linear one costs about the same per listed rcid
at every length (``(time − time with no list) / length``), and building the
matrix stays within a small factor of building it with no list.

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

from unvotes.engine import Selection, vote_matrix  # noqa: E402
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
    lengths = [0, 500, 1000, 2000, 4000, len(ids)]
    rc, symbols = ds.rollcalls, ds.symbols
    vote_matrix(ds)  # warm
    mask_t: dict[int, list[float]] = {n: [] for n in lengths}
    matrix_t: dict[int, list[float]] = {n: [] for n in lengths}
    for _ in range(args.repeats):
        for n in lengths:
            chosen = ids[:n] if n else None
            start = time.perf_counter()
            Selection(rcids=chosen).mask(rc, symbols)
            mask_t[n].append(time.perf_counter() - start)
            start = time.perf_counter()
            vote_matrix(ds, rcids=chosen)
            matrix_t[n].append(time.perf_counter() - start)
    base_mask = statistics.median(mask_t[0])
    base = statistics.median(matrix_t[0])
    print(f"{args.repeats} runs each, alternating; medians")
    print("| rcids listed | selection (ms) | per listed rcid (µs) | vote_matrix (ms) | ratio to no list |")
    print("|---:|---:|---:|---:|---:|")
    for n in lengths:
        m, v = statistics.median(mask_t[n]), statistics.median(matrix_t[n])
        per = f"{(m - base_mask) / n * 1e6:.2f}" if n else ""
        print(f"| {n:,} | {m * 1000:.2f} | {per} | {v * 1000:.1f} | {v / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
