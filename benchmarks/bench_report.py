"""Benchmark: ``unvotes report`` against the same computations called directly, and against ``unvotes info``.

Alternating, N times each, every one in a new interpreter (wall time of the
whole process), on the embedded default data, with the ideal-point fit
already in the cache (a first, untimed report fills it: the one-off fit is
excluded, as the targets say):

info
    ``python -m unvotes.cli info``;
direct
    one interpreter that loads the data and calls every measure the report
    uses, once each, with the same arguments, drawing nothing;
report
    ``python -m unvotes.cli report --quiet --out TMP`` (every chart, CSV,
    the page and the explorer).

Targets: report ≤ 3 × direct, report ≤ 4 × info. Prints markdown table rows.

Run from the project root::

    python benchmarks/bench_report.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DIRECT = """
import warnings
import unvotes
from unvotes.engine import Selection, select
from unvotes.measures import (abstention_blocs, agreement_index, agreement_matrix, alignment, switch_counts,
                              switched)
from unvotes.measures.council import vetoes_by_member
from unvotes.model import ISSUE_CODES
from unvotes.plots import rollcall_groups
from unvotes.report.sections import Context

warnings.simplefilter("ignore")
ds = unvotes.load()
ctx = Context(ds, ["PAK", "IND", "LKA", "BGD"], ["USA", "RUS", "CHN"])
vm = ctx.ga
for symbol in ctx.es11["resolution"]:
    rollcall_groups(ds, symbol)
switched(ds, "A/RES/ES-11/1", "A/RES/ES-11/4")
switch_counts(ds, "A/RES/ES-11/1", "A/RES/ES-11/4")
abstention_blocs(select(ds, Selection(rcids=ctx.es11["rcid"].astype(str).tolist())), resamples=100, seed=0)
alignment(vm, ctx.countries, ctx.references, by="year")
ctx.ideal
vetoes_by_member(ds, by="year")
for start, end in ((None, None), (2017, 2026)):
    for code in ISSUE_CODES:
        alignment(vm, ctx.countries, ["USA"], by=None, topic=code, start=start, end=end)
agreement_matrix(vm, countries=["PAK", "IND", "LKA", "BGD", "USA", "RUS", "CHN", "AFG", "BTN", "MDV", "NPL"])
agreement_index(vm, ["SAARC", "OIC"], by="year")
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each command (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "UNVOTES_CACHE_DIR": str(Path(tmp) / "cache")}
        out = Path(tmp) / "report"
        commands = {
            "info": [sys.executable, "-m", "unvotes.cli", "info"],
            "direct": [sys.executable, "-c", DIRECT],
            "report": [sys.executable, "-m", "unvotes.cli", "report", "--quiet", "--out", str(out)],
        }
        _timed(commands["report"], env)  # fills the ideal-point cache: the one-off fit is not timed
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeats):
            for name, command in commands.items():
                times[name].append(_timed(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"{args.repeats} runs each, alternating; medians (s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in medians.items())
    )
    print("| comparison | baseline (s) | report (s) | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| report / direct computations | {medians['direct']:.2f} | {medians['report']:.2f} | "
        f"{medians['report'] / medians['direct']:.2f} | ≤ 3 |"
    )
    print(
        f"| report / unvotes info | {medians['info']:.2f} | {medians['report']:.2f} | "
        f"{medians['report'] / medians['info']:.2f} | ≤ 4 |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
