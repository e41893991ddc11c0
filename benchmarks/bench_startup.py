"""Benchmark: the start-up of the quick commands against the cost of importing pandas and pyarrow.

Alternating, N times each, every one in a new interpreter (wall time of the
whole process, as a user sees it):

baseline
    ``python -c "import pandas, pyarrow.parquet"``: the floor any command
    that reads Parquet tables pays;
help
    ``python -m unvotes.cli --help``;
votes
    ``python -m unvotes.cli votes A/RES/ES-11/1`` on the default data.

Prints the medians and the ratios to the baseline as markdown table rows.
The target for ``votes`` is a ratio of at most 1.3. Which heavy libraries
each command imports is checked by ``tests/cli/test_startup.py``.

Run from the project root::

    python benchmarks/bench_startup.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.3

COMMANDS = {
    "baseline": [sys.executable, "-c", "import pandas, pyarrow.parquet"],
    "help": [sys.executable, "-m", "unvotes.cli", "--help"],
    "votes": [sys.executable, "-m", "unvotes.cli", "votes", "A/RES/ES-11/1"],
}


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of each command (default 15)")
    args = parser.parse_args(argv)
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        _timed(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeats):
        for name, command in COMMANDS.items():
            times[name].append(_timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["baseline"]
    print(f"{args.repeats} runs each, alternating; medians")
    print("| command | median (s) | ratio to `import pandas, pyarrow.parquet` | target |")
    print("|---|---:|---:|---:|")
    for name, median in medians.items():
        target = f"≤ {TARGET}" if name == "votes" else ""
        print(
            f"| {' '.join(COMMANDS[name][1:]) if name != 'baseline' else 'baseline'} "
            f"| {median:.3f} | {median / base:.2f} | {target} |"
        )
    return 0 if medians["votes"] / base <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
