"""Benchmark: the whole record at once: alignment by session, and the abstention blocs of a decade.

The whole GA record is Erik Voeten's tables (the R ``unvotes`` package,
1946-2019) combined with the UN's GA extracts (sessions 74-80, ES-10, ES-11,
S-32), read in place from ``../shared/data``, untimed. Then, alternating, N
times each:

matrix
    :func:`unvotes.engine.vote_matrix` of every GA roll call (the floor every
    analysis pays, for scale);
alignment
    :func:`unvotes.measures.pairwise` with ``by="session"``, ``wide=True`` and
    all five measures plus the State Department's, for every pair;
blocs
    :func:`unvotes.measures.abstention_blocs` (200 resamples, the defaults)
    over the contested roll calls (at least 10 % N or A) of 2010-2019.

Prints the medians and their ratios to the matrix. The target is under 2 s
for each of alignment and blocs on this machine.

Run from the project root::

    python benchmarks/bench_scale.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.engine import VoteMatrix, vote_matrix  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.measures import abstention_blocs, pairwise  # noqa: E402
from unvotes.measures.abstention import contested_mask  # noqa: E402
from unvotes.sources import combine, read_unvotes_r, read_unxml  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
MEASURES = ["percent", "lijphart", "s", "kappa", "pi", "statedept"]
TARGET = 2.0


def _decade_contested(ds: Any) -> VoteMatrix:
    vm = vote_matrix(ds, body="GA", start=2010, end=2019)
    cols = contested_mask(vm.codes)
    return VoteMatrix(vm.codes[:, cols], vm.countries, vm.rollcalls[cols].reset_index(drop=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not (SHARED / "unvotes-r").is_dir() or not (SHARED / "unxml-ga").is_dir():
        print(f"bench_scale: shared data not found under {SHARED}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore", DataQualityWarning)
    ds = combine(read_unvotes_r(SHARED / "unvotes-r"), read_unxml(SHARED / "unxml-ga"))
    decade = _decade_contested(ds)
    print(f"whole record: {len(ds.votes):,} votes, {len(ds.rollcalls):,} roll calls; decade: {decade}")
    tasks: dict[str, Callable[[], Any]] = {
        "matrix": lambda: vote_matrix(ds, body="GA"),
        "alignment": lambda: pairwise(ds, measure=MEASURES, by="session", wide=True, body="GA"),
        "blocs": lambda: abstention_blocs(decade),
    }
    for task in tasks.values():
        task()  # warm
    times: dict[str, list[float]] = {k: [] for k in tasks}
    for _ in range(args.repeats):
        for name, task in tasks.items():
            start = time.perf_counter()
            task()
            times[name].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{args.repeats} runs each, alternating; medians")
    print("| task | median (s) | ratio to the matrix | target |")
    print("|---|---:|---:|---:|")
    for name, value in med.items():
        target = "" if name == "matrix" else f"< {TARGET:.0f} s"
        print(f"| {name} | {value:.3f} | {value / med['matrix']:.1f} | {target} |")
    return 0 if med["alignment"] < TARGET and med["blocs"] < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
