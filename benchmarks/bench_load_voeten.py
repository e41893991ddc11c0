"""Benchmark: load the R ``unvotes`` tables into the canonical model vs. a bare ``pyreadr.read_r``.

Acceptance target: :func:`unvotes.sources.voeten.read_unvotes_r` takes at most
2x the time of reading the same three ``.rda`` files with ``pyreadr.read_r``.
Both run in one process, alternating, ``--repeats`` times (default 5); the
script prints the median seconds of each, their ratio, and a markdown table
row, and exits non-zero when the ratio exceeds ``--max-ratio`` or the shared
data folder is absent.

Usage::

    python benchmarks/bench_load_voeten.py [--repeats 5] [--data ../shared/data/unvotes-r]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unvotes-r"


def _bare(folder: Path) -> None:
    import pyreadr

    for table in TABLES:
        pyreadr.read_r(str(folder / f"{table}.rda"))


def _canonical(folder: Path) -> int:
    from unvotes.sources.voeten import read_unvotes_r

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(read_unvotes_r(folder).votes)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the three .rda files")
    parser.add_argument("--max-ratio", type=float, default=2.0, help="fail above this ratio (default 2.0)")
    args = parser.parse_args(argv)

    missing = [t for t in TABLES if not (args.data / f"{t}.rda").is_file()]
    if missing:
        print(
            f"error: the shared data is absent: {args.data} lacks {', '.join(t + '.rda' for t in missing)} "
            "(pass --data FOLDER)",
            file=sys.stderr,
        )
        return 2

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    n_votes = _canonical(args.data)  # warm-up: imports, registry caches
    _bare(args.data)
    bare: list[float] = []
    canonical: list[float] = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        _bare(args.data)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        _canonical(args.data)
        canonical.append(time.perf_counter() - start)
    t_bare, t_canon = statistics.median(bare), statistics.median(canonical)
    ratio = t_canon / t_bare
    print(f"votes loaded: {n_votes:,}; repeats: {args.repeats}")
    print(
        f"bare pyreadr.read_r (3 files): median {t_bare:.3f} s  (runs: {', '.join(f'{t:.2f}' for t in bare)})"
    )
    runs = ", ".join(f"{t:.2f}" for t in canonical)
    print(f"read_unvotes_r (canonical):    median {t_canon:.3f} s  (runs: {runs})")
    print()
    print("| benchmark | bare pyreadr (s) | read_unvotes_r (s) | ratio | target |")
    print("|---|---|---|---|---|")
    row = f"| load unvotes-r ({n_votes:,} votes) | {t_bare:.3f} | {t_canon:.3f} | {ratio:.2f} |"
    print(f"{row} <= {args.max_ratio:g} |")
    if ratio > args.max_ratio:
        print(f"FAIL: ratio {ratio:.2f} exceeds {args.max_ratio:g}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
