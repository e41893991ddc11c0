"""Benchmark: yearly all-pairs alignment against the pandas self-merge, R dplyr and its BLAS floor.

Loads Erik Voeten's GA tables (the R ``unvotes`` package: 870,109 votes,
1946–2019) once, untimed, then runs, side by side in one run, alternating in
rounds:

baseline
    what users commonly write: merge the votes table with itself on the
    roll-call id, keep pairs with ``country_a < country_b``, group by year and
    pair, average vote equality (``percent`` only);
dplyr (``--dplyr-runs``, when ``Rscript`` is present)
    the same in R with dplyr (``benchmarks/bench_alignment_dplyr.R``), timing
    its own join and summary (loading excluded);
engine
    :func:`unvotes.measures.pairwise` with ``by="year"`` and ``wide=True``:
    the vote matrix built from the canonical tables and all measures
    (percent, lijphart, s, kappa, pi, plus statedept) for every pair and year;
BLAS products
    only the matrix products the engine computes, with the same operands
    (:func:`unvotes.engine.pairs.period_products`: the same shapes and dtypes,
    BLAS on one thread as in the engine), built untimed;
tidy
    the engine's tidy table (``wide=False``, 5 M rows), after the rounds;
previous engine (``--previous PATH``)
    the engine of another checkout (e.g. the last commit before a change),
    in a subprocess of its own, for "nothing gets slower".

Each baseline, engine, BLAS and tidy run is a separate forked child process,
so its peak memory is measured honestly: the child resets its peak resident
set (``/proc/self/clear_refs``) after the fork, and reports the peak
(``VmHWM``) minus the resident set at its start (the inherited, already
loaded data). Times are medians; every ratio is a ratio of medians. The
engine's ``percent`` is then checked against the baseline: same set of
(year, pair) rows with joint votes and the same n, max absolute difference
< 1e-12.

Run from the project root::

    python benchmarks/bench_alignment.py [--data ../shared/data/unvotes-r] \
        [--baseline-runs 2] [--dplyr-runs 2] [--engine-runs 10] [--tidy-runs 3] \
        [--previous PATH] [--write]

``--write`` puts the figures into ``benchmarks/RESULTS.md`` under
"## Alignment engine at its BLAS floor (issue 16)", replacing only that section.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.engine import vote_matrix  # noqa: E402
from unvotes.engine.pairs import period_products, single_threaded_blas  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.measures import pairwise  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402

MEASURES = ("percent", "lijphart", "s", "kappa", "pi", "statedept")

HEADING = "## Alignment engine at its BLAS floor (issue 16)"
_STATE: dict[str, Any] = {}


def baseline(votes: pd.DataFrame) -> pd.DataFrame:
    """The common pandas approach: self-merge on rcid, filter, group by year and pair."""
    pairs = votes.merge(votes[["rcid", "country", "vote"]], on="rcid", suffixes=("_a", "_b"))
    pairs = pairs[pairs["country_a"] < pairs["country_b"]]
    pairs["agree"] = pairs["vote_a"] == pairs["vote_b"]
    out = pairs.groupby(["year", "country_a", "country_b"])["agree"].agg(["mean", "size"])
    return out.reset_index()


def engine(dataset: Any, *, wide: bool = True) -> pd.DataFrame:
    """All measures for every pair and year with the engine (``wide=False``: the tidy table)."""
    return pairwise(dataset, measure=list(MEASURES), by="year", wide=wide)


def blas_products(dataset: Any, repeats: int) -> list[float]:
    """Times of the engine's BLAS products alone: its operands are built untimed, the products
    (``L @ L.T`` of the stacked Y/A/N indicators and ``M @ M.T`` of the membership, per year)
    timed ``repeats`` times with BLAS on one thread, as the engine runs them."""
    ops = period_products(vote_matrix(dataset), by="year", triangle=True)
    times = []
    with single_threaded_blas():
        for _ in range(repeats):
            t0 = time.perf_counter()
            for (la, lb), (ma, mb) in ops:
                la @ lb.T
                ma @ mb.T
            times.append(time.perf_counter() - t0)
    return times


def dplyr(data: Path) -> tuple[float, int] | None:
    """One run of the R peer: its own time of the join and summary, and its number of rows."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    script = ROOT / "benchmarks" / "bench_alignment_dplyr.R"
    done = subprocess.run([rscript, str(script), str(data)], capture_output=True, text=True, check=True)
    found = re.search(r"dplyr ([0-9.]+) s, (\d+) rows", done.stdout)
    if found is None:
        raise RuntimeError(f"unexpected R output: {done.stdout!r} {done.stderr!r}")
    return float(found.group(1)), int(found.group(2))


_PREVIOUS = """
import json, sys, time, warnings
sys.path.insert(0, {root!r})
warnings.simplefilter("ignore")
from unvotes.measures import pairwise
from unvotes.sources.voeten import read_unvotes_r
ds = read_unvotes_r({data!r})
times = []
for _ in range({runs}):
    t0 = time.perf_counter()
    pairwise(ds, measure={measures!r}, by="year", wide=True)
    times.append(time.perf_counter() - t0)
print(json.dumps(times))
"""


def previous_engine(root: Path, data: Path, runs: int) -> list[float]:
    """The engine of another checkout (``root`` holds its ``unvotes`` package), timed in a subprocess."""
    code = _PREVIOUS.format(root=str(root), data=str(data), runs=runs, measures=list(MEASURES))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    times: list[float] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _child(kind: str, repeats: int, conn: Any) -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset the peak resident set to the current one
    except OSError:
        pass
    start_rss = _rss_kib("VmRSS")
    times = []
    result: Any = None
    if kind == "blas":
        times = blas_products(_STATE["dataset"], repeats)
    for _ in range(repeats if kind != "blas" else 0):
        result = None  # the previous run's table is not part of this run's peak
        t0 = time.perf_counter()
        if kind == "baseline":
            result = baseline(_STATE["votes"])
        else:
            result = engine(_STATE["dataset"], wide=kind != "tidy")
        times.append(time.perf_counter() - t0)
    peak = _rss_kib("VmHWM")
    conn.send(
        {"times": times, "peak_mib": (peak - start_rss) / 1024, "abs_peak_mib": peak / 1024, "result": result}
    )
    conn.close()


def _run(kind: str, repeats: int) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(kind, repeats, child))
    proc.start()
    child.close()
    out = parent.recv()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"{kind} child failed with exit code {proc.exitcode}")
    return out


def _compare(base: pd.DataFrame, eng: pd.DataFrame) -> tuple[int, int, float, bool]:
    e = eng[eng["n"] > 0][["period", "country_a", "country_b", "percent", "n"]].copy()
    e["country_a"] = e["country_a"].astype(str)
    e["country_b"] = e["country_b"].astype(str)
    e = e.rename(columns={"period": "year"})
    b = base.copy()
    b["year"] = b["year"].astype(np.int64)
    merged = b.merge(e, on=["year", "country_a", "country_b"], how="outer", indicator=True)
    same_rows = bool((merged["_merge"] == "both").all())
    both = merged[merged["_merge"] == "both"]
    diff = float(np.max(np.abs(both["mean"].to_numpy(float) - both["percent"].to_numpy(float))))
    same_n = bool((both["size"].to_numpy() == both["n"].to_numpy()).all())
    return len(b), len(e), diff, same_rows and same_n


def _write(section: str, path: Path) -> None:
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    if HEADING in text:
        head, rest = text.split(HEADING, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def _median(runs: list[dict[str, Any]]) -> float:
    return statistics.median(t for r in runs for t in r["times"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "unvotes-r")
    parser.add_argument("--baseline-runs", type=int, default=2, help="0: the engine's tables alone")
    parser.add_argument("--dplyr-runs", type=int, default=0, help="runs of the R peer (needs Rscript)")
    parser.add_argument("--engine-runs", type=int, default=10, help="engine runs, and as many of the BLAS")
    parser.add_argument("--tidy-runs", type=int, default=3, help="runs of the tidy table (wide=False)")
    parser.add_argument("--previous", type=Path, help="a checkout whose engine to time beside this one")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench_alignment: data not found: {args.data}", file=sys.stderr)
        return 1
    if args.dplyr_runs and shutil.which("Rscript") is None:
        print(
            "bench_alignment: Rscript not found (apt-get install r-base-core r-cran-dplyr)", file=sys.stderr
        )
        return 1

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ds = read_unvotes_r(args.data)
    rc = ds.rollcalls[["rcid", "year"]].astype({"rcid": object})
    votes = pd.DataFrame(
        {
            "rcid": ds.votes["rcid"].astype(str).to_numpy(dtype=object),
            "country": ds.votes["country"].astype(str).to_numpy(dtype=object),
            "vote": ds.votes["vote"].astype(str).to_numpy(dtype=object),
        }
    ).merge(rc, on="rcid")
    # The baseline's table: the votes cast (Y, A, N), as in Voeten's own un_votes table; the loader
    # also records members that did not vote (X), which the share of joint votes leaves out.
    votes = votes[votes["vote"].isin(["Y", "A", "N"])].reset_index(drop=True)
    votes = votes.astype({"rcid": "str", "country": "str", "vote": "str"})
    _STATE.update(dataset=ds, votes=votes)
    took = time.perf_counter() - t0
    print(
        f"loaded {len(ds.votes):,} vote rows ({len(votes):,} votes cast) on {len(ds.rollcalls):,} roll calls "
        f"in {took:.1f} s"
    )

    rounds = max(args.baseline_runs, args.dplyr_runs, 1)
    per_round = max(args.engine_runs // rounds, 1)
    base_runs: list[dict[str, Any]] = []
    eng_runs: list[dict[str, Any]] = []
    blas_runs: list[dict[str, Any]] = []
    r_times: list[float] = []
    r_rows = 0
    for i in range(rounds):
        if i < args.baseline_runs:
            base_runs.append(_run("baseline", 1))
            last = base_runs[-1]
            print(f"baseline run {i + 1}: {last['times'][0]:.2f} s, +{last['peak_mib']:,.0f} MiB")
        if i < args.dplyr_runs:
            found = dplyr(args.data)
            assert found is not None
            r_times.append(found[0])
            r_rows = found[1]
            print(f"dplyr run {i + 1}: {found[0]:.2f} s, {r_rows:,} rows")
        eng_runs.append(_run("engine", per_round))
        blas_runs.append(_run("blas", per_round))
        print(
            f"engine: {', '.join(f'{t:.3f}' for t in eng_runs[-1]['times'])} s, "
            f"+{eng_runs[-1]['peak_mib']:,.0f} MiB; "
            f"BLAS products: {', '.join(f'{t:.4f}' for t in blas_runs[-1]['times'])} s"
        )
    tidy = _run("tidy", args.tidy_runs) if args.tidy_runs else None
    if tidy is not None:
        print(
            f"tidy table (wide=False, {len(tidy['result']):,} rows): "
            f"median {statistics.median(tidy['times']):.3f} s, peak +{tidy['peak_mib']:,.0f} MiB"
        )
    prev = previous_engine(args.previous, args.data, args.engine_runs) if args.previous else None
    if prev is not None:
        print(f"previous engine ({args.previous}): {', '.join(f'{t:.3f}' for t in prev)} s")

    eng_t, blas_t = _median(eng_runs), _median(blas_runs)
    eng_mem = max(r["peak_mib"] for r in eng_runs)
    floor = eng_t / blas_t
    lines = [
        HEADING,
        "",
        "Yearly all-pairs alignment on Voeten's GA tables (R `unvotes`: "
        f"{len(votes):,} votes cast, {len(ds.votes):,} vote rows with the members that did not vote, "
        f"{len(ds.rollcalls):,} roll calls, 1946–2019), side by side in one run:",
        "",
        "```",
        "python benchmarks/bench_alignment.py "
        f"--baseline-runs {args.baseline_runs} --dplyr-runs {args.dplyr_runs} "
        f"--engine-runs {args.engine_runs} "
        f"--tidy-runs {args.tidy_runs}" + (f" --previous {args.previous}" if args.previous else ""),
        "```",
        "",
        f"Machine: {platform.machine()}, {mp.cpu_count()} cores (shared with other jobs), Python "
        f"{platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}; baseline, engine, "
        "BLAS and tidy runs each in a forked process; memory = peak resident set of that process above "
        "what it inherited (the loaded data); medians, compute only (loading excluded).",
        "",
        "| | what | runs | median (s) | engine is faster by | peak memory above the data |",
        "|---|---|---:|---:|---:|---:|",
    ]
    ok = floor <= 3 and eng_mem <= 300
    if base_runs:
        base_t = _median(base_runs)
        base_mem = max(r["peak_mib"] for r in base_runs)
        lines.append(
            "| pandas | self-merge on rcid, `country_a < country_b`, group by year and pair, mean equality "
            f"(percent only) | {len(base_runs)} | {base_t:.2f} | **{base_t / eng_t:,.0f}×** | "
            f"{base_mem:,.0f} MiB |"
        )
        ok = ok and base_t / eng_t >= 300
    if r_times:
        r_t = statistics.median(r_times)
        lines.append(
            "| R dplyr | `inner_join` on rcid, `country < country_b`, `group_by(year, pair)`, mean equality "
            f"(percent only; {r_rows:,} rows) | {len(r_times)} | {r_t:.2f} | **{r_t / eng_t:,.0f}×** | |"
        )
        ok = ok and r_t / eng_t >= 300
    if prev is not None:
        p_t = statistics.median(prev)
        lines.append(
            f"| previous engine | the same call, `{args.previous}` | {len(prev)} | {p_t:.3f} | "
            f"{p_t / eng_t:.2f}× | |"
        )
    lines += [
        f"| engine | `pairwise(ds, measure=MEASURES, by='year', wide=True)`: matrix + percent, lijphart, s, "
        f"kappa, pi and statedept | {sum(len(r['times']) for r in eng_runs)} | {eng_t:.3f} | 1 | "
        f"{eng_mem:,.0f} MiB |",
        f"| BLAS products | the engine's `L @ L.T` and `M @ M.T` per year alone, same operands, one thread | "
        f"{sum(len(r['times']) for r in blas_runs)} | {blas_t:.4f} | engine / BLAS = **{floor:.2f}** | |",
    ]
    if tidy is not None:
        lines.append(
            f"| engine, tidy | `wide=False` ({len(tidy['result']):,} rows) | {len(tidy['times'])} | "
            f"{statistics.median(tidy['times']):.3f} | | {tidy['peak_mib']:,.0f} MiB |"
        )
        ok = ok and tidy["peak_mib"] <= 300
    lines.append("")
    if base_runs:
        n_base, n_eng, diff, rows_equal = _compare(base_runs[0]["result"], eng_runs[0]["result"])
        lines.append(
            f"- Equality: baseline {n_base:,} (year, pair) rows; engine {len(eng_runs[0]['result']):,} rows, "
            f"of which {n_eng:,} with joint votes; same set of rows and n: {rows_equal}; "
            f"max |percent − baseline| = {diff:.1e}."
        )
        ok = ok and rows_equal and diff < 1e-12
    lines += [
        "- Targets: ≥ 300× the pandas baseline and dplyr, engine ≤ 3× its BLAS products, peak memory "
        f"≤ 300 MiB (wide and tidy); all met: {ok}.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        _write(section, ROOT / "benchmarks" / "RESULTS.md")
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
