"""Benchmark: ``unvotes.load()`` of the embedded default against reading its Parquet files bare.

baseline
    ``pyarrow.parquet.read_table`` of the four tables of
    ``unvotes/_data/sample`` (rollcalls, votes, findings, sponsors): bytes to Arrow,
    no conversion, no checks;
unvotes
    ``unvotes.load()``: the manifest's SHA-256 of every table checked, the
    tables converted to pandas with the canonical dtypes, the data model's
    hard checks (one vote per member per roll call, known codes) run.

Alternating, in one process, after one untimed warm-up of each (so both
read from the page cache and have their modules imported). Times are
medians; the ratio is unvotes / baseline.

Run from the project root::

    python benchmarks/bench_load_embedded.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import unvotes  # noqa: E402

FOLDER = ROOT / "unvotes" / "_data" / "sample"
TABLES = ("rollcalls", "votes", "findings", "sponsors")


def bare() -> int:
    return sum(pq.read_table(FOLDER / f"{t}.parquet").num_rows for t in TABLES)


def ours() -> int:
    ds = unvotes.load()
    return len(ds.rollcalls) + len(ds.votes) + len(ds.findings) + len(ds.sponsors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    if bare() != ours():
        print("bench_load_embedded: row counts differ", file=sys.stderr)
        return 1
    times: dict[str, list[float]] = {"bare": [], "ours": []}
    for _ in range(args.repeats):
        for name, func in (("bare", bare), ("ours", ours)):
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    b, o = statistics.median(times["bare"]), statistics.median(times["ours"])
    ds = unvotes.load()
    print(f"{ds!r}")
    print(
        f"pyarrow.parquet.read_table (bare): {b * 1000:.1f} ms   unvotes.load(): {o * 1000:.1f} ms   "
        f"ratio {o / b:.2f} (target <= 3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
