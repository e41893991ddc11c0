"""Benchmark: reloading a fetched dataset from the Parquet cache against parsing its raw CSV.

A full-size UN Digital Library GA file in the exact 2026 layout
(``2026_02_06_ga_voting.csv``: 20 columns, one row per member per
resolution) is generated from Erik Voeten's GA tables (the R ``unvotes``
package, 870,109 votes on 6,203 roll calls) with
:func:`unvotes.sources.undl_writer.write_undl_csv`, served from 127.0.0.1 and
fetched into a temporary cache folder with :func:`unvotes.store.download.fetch`
(so the cache is exactly what ``unvotes fetch`` writes). Then,
alternating, N times each:

raw
    :func:`unvotes.sources.undl.read_undl_csv` on the cached raw file: what
    loading costs without the cache;
cache
    :func:`unvotes.store.cache.load_cached` (``unvotes.load("cache")``): hash check
    of the Parquet files, read, cheap invariant checks.

Both give equal tables (checked). Prints the medians and their ratio as a
markdown table row. The acceptance target is a ratio of at least 10.

Run from the project root::

    python benchmarks/bench_cache.py [--data ../shared/data/unvotes-r] [--repeats 7]

Exits with status 2 and a message when the shared data are absent.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "store"))

from _server import serve  # noqa: E402

from unvotes.sources.undl import read_undl_csv  # noqa: E402
from unvotes.sources.undl_writer import write_undl_csv  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402
from unvotes.store import cache  # noqa: E402
from unvotes.store.download import fetch  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "unvotes-r"
TARGET = 10.0
NAME = "2026_02_06_ga_voting.csv"


def _timed(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the R unvotes .rda tables")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of each path (default 7)")
    args = parser.parse_args(argv)
    if not (args.data / "un_votes.rda").is_file():
        missing = args.data / "un_votes.rda"
        print(f"bench_cache: shared data not found: {missing} (pass --data)", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    dataset = read_unvotes_r(args.data)
    with tempfile.TemporaryDirectory(prefix="bench_cache_") as tmp:
        raw_file = Path(tmp) / NAME
        write_undl_csv(dataset, raw_file, layout="ga-2026")
        size = raw_file.stat().st_size
        folder = Path(tmp) / "cache"
        with serve({NAME: raw_file.read_bytes()}) as (base, _):
            (result,) = fetch("undl-ga", url=f"{base}/good/{NAME}", cache_dir=folder, quiet=True)
        raw_file.unlink()
        raw = result.path
        parquet = sum(p.stat().st_size for p in raw.parent.glob("*.parquet"))
        a, b = read_undl_csv(raw), cache.load_cached("undl-ga", folder=folder)  # warm-up and check
        for table in ("rollcalls", "votes", "findings"):
            pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))
        rows = len(b.votes)
        del a, b
        parse, reload = [], []
        for _ in range(args.repeats):
            parse.append(_timed(lambda: read_undl_csv(raw)))
            reload.append(_timed(lambda: cache.load_cached("undl-ga", folder=folder)))
    med_parse, med_reload = statistics.median(parse), statistics.median(reload)
    ratio = med_parse / med_reload
    print(
        f"raw CSV {size / 1e6:.0f} MB, Parquet tables {parquet / 1e6:.2f} MB; {rows:,} votes; "
        f"{args.repeats} runs each, alternating; tables equal: True"
    )
    print("| file | rows | read_undl_csv (s) | load_cached (s) | speed-up | target |")
    print("|---|---:|---:|---:|---:|---:|")
    row = f"| GA 2026 layout | {rows:,} | {med_parse:.3f} | {med_reload:.3f} | {ratio:.1f}x | >= {TARGET:g} |"
    print(row)
    print(
        "runs (s): raw "
        + ", ".join(f"{t:.3f}" for t in parse)
        + "; cache "
        + ", ".join(f"{t:.3f}" for t in reload)
    )
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
