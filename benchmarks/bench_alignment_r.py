"""Benchmark: yearly all-pairs alignment, the engine against R dplyr (run when ``Rscript`` is present).

Alternating, N times each: ``benchmarks/bench_alignment_dplyr.R`` (dplyr
self-join on rcid, ``country_a < country_b``, grouped by year and pair, mean
equality; percent only; its own timing of that step, loading excluded) and
:func:`unvotes.measures.pairwise` with ``by="year"``, ``wide=True`` and all
measures on the same tables, loaded once, untimed. Prints the medians, their
ratio and both row counts.

Run from the project root (R: ``apt-get install r-base-core r-cran-dplyr``)::

    python benchmarks/bench_alignment_r.py [--data ../shared/data/unvotes-r] [--repeats 2]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.measures import pairwise  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402

MEASURES = ["percent", "lijphart", "s", "kappa", "pi", "statedept"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "unvotes-r")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    rscript = shutil.which("Rscript")
    if rscript is None:
        print(
            "bench_alignment_r: Rscript not found (apt-get install r-base-core r-cran-dplyr)", file=sys.stderr
        )
        return 2
    warnings.simplefilter("ignore", DataQualityWarning)
    ds = read_unvotes_r(args.data)
    script = ROOT / "benchmarks" / "bench_alignment_dplyr.R"
    r_times, e_times, r_rows, e_rows = [], [], 0, 0
    for _ in range(args.repeats):
        done = subprocess.run(
            [rscript, str(script), str(args.data)], capture_output=True, text=True, check=True
        )
        found = re.search(r"dplyr ([0-9.]+) s, (\d+) rows", done.stdout)
        if found is None:
            print(f"bench_alignment_r: unexpected R output: {done.stdout!r} {done.stderr!r}", file=sys.stderr)
            return 1
        r_times.append(float(found.group(1)))
        r_rows = int(found.group(2))
        start = time.perf_counter()
        table = pairwise(ds, measure=MEASURES, by="year", wide=True)
        e_times.append(time.perf_counter() - start)
        e_rows = int((table["n"] > 0).sum())
    r_med, e_med = statistics.median(r_times), statistics.median(e_times)
    print(f"{args.repeats} runs each, alternating; medians")
    print(f"R dplyr (percent only): {r_med:.2f} s {r_times}; {r_rows:,} (year, pair) rows")
    print(
        f"engine (all measures):  {e_med:.3f} s {[round(t, 3) for t in e_times]}; "
        f"{e_rows:,} rows with joint votes"
    )
    print(f"ratio dplyr/engine: {r_med / e_med:.0f} (target >= 300)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
