"""Benchmark: loading a full-size UN Digital Library GA voting CSV against a bare ``pandas.read_csv``.

The Library's files themselves are not available, so a full-size file in the
exact 2026 column layout (``2026_02_06_ga_voting.csv``: 20 columns, one row
per member per resolution) is generated from Erik Voeten's GA tables (the R
``unvotes`` package, 870,109 votes on 6,203 roll calls) with
:func:`unvotes.sources.undl_writer.write_undl_csv`, into a temporary folder. Then,
alternating, N times each:

baseline
    ``pandas.read_csv(path)``: default engine, all columns -- what a user
    does to look at the file;
loader
    :func:`unvotes.sources.undl.read_undl_csv`: the validated canonical
    :class:`~unvotes.model.Dataset` (countries resolved, roll calls built,
    duplicates and totals checked).

Prints the medians and their ratio as a markdown table row. The acceptance
target is a ratio of at most 1.5.

Run from the project root::

    python benchmarks/bench_load_undl.py [--data ../shared/data/unvotes-r] [--repeats 5] [--with-unxml]

``--with-unxml`` adds the UN's GA extracts (sessions 74-80, ES-10, ES-11,
S-32) after Voeten's tables, for a file of the whole record's size (the
Library's own GA file holds about 950,000 rows).

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
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.sources.merge import combine  # noqa: E402
from unvotes.sources.undl import read_undl_csv  # noqa: E402
from unvotes.sources.undl_writer import write_undl_csv  # noqa: E402
from unvotes.sources.unxml import read_unxml  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "unvotes-r"
TARGET = 1.5


def _timed(func: object, path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    result = func(path)  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the R unvotes .rda tables")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each reader (default 5)")
    parser.add_argument(
        "--with-unxml",
        type=Path,
        nargs="?",
        const=ROOT.parent / "shared" / "data" / "unxml-ga",
        help="also write the UN GA extracts of this folder (default ../shared/data/unxml-ga), combined "
        "after Voeten's tables: the whole record 1946-2026, about a million rows",
    )
    args = parser.parse_args(argv)
    if not (args.data / "un_votes.rda").is_file():
        print(
            f"bench_load_undl: shared data not found: {args.data / 'un_votes.rda'} "
            "(the R unvotes tables are needed to generate the full-size file; pass --data)",
            file=sys.stderr,
        )
        return 2
    warnings.simplefilter("ignore", DataQualityWarning)
    dataset = read_unvotes_r(args.data)
    if args.with_unxml is not None:
        dataset = combine(dataset, read_unxml(args.with_unxml))
    with tempfile.TemporaryDirectory(prefix="bench_undl_") as tmp:
        path = Path(tmp) / "2026_02_06_ga_voting.csv"
        start = time.perf_counter()
        write_undl_csv(dataset, path, layout="ga-2026")
        written = time.perf_counter() - start
        size = path.stat().st_size
        ds = read_undl_csv(path)  # warm-up and check, untimed
        if len(ds.votes) != len(dataset.votes):
            print(f"bench_load_undl: read {len(ds.votes)} votes, wrote {len(dataset.votes)}", file=sys.stderr)
            return 1
        rows = len(ds.votes)
        del ds
        bare, ours = [], []
        for _ in range(args.repeats):
            bare.append(_timed(pd.read_csv, path))
            ours.append(_timed(read_undl_csv, path))
    med_bare, med_ours = statistics.median(bare), statistics.median(ours)
    ratio = med_ours / med_bare
    print(
        f"generated {rows:,} rows x 20 columns ({size / 1e6:.0f} MB) in {written:.1f} s; "
        f"{args.repeats} runs each"
    )
    print("| file | rows | pandas.read_csv (s) | read_undl_csv (s) | ratio | target |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| GA 2026 layout | {rows:,} | {med_bare:.2f} | {med_ours:.2f} | {ratio:.2f} | <= {TARGET} |")
    print(
        "runs (s): pandas "
        + ", ".join(f"{t:.2f}" for t in bare)
        + "; loader "
        + ", ".join(f"{t:.2f}" for t in ours)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
