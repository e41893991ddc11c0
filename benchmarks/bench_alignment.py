"""Benchmark: yearly all-pairs alignment, the engine against the usual pandas self-merge.

Loads Erik Voeten's GA tables (the R ``unvotes`` package: 870,109 votes,
1946–2019) once, untimed, then runs, side by side in one process tree:

baseline
    what users commonly write: merge the votes table with itself on the
    roll-call id, keep pairs with ``country_a < country_b``, group by year and
    pair, average vote equality (``percent`` only);
engine
    :func:`unvotes.measures.align.pairwise` with ``by="year"`` and ``wide=True``:
    the vote matrix built from the canonical tables and all measures
    (percent, lijphart, s, kappa, pi, plus statedept) for every pair and year.

Each run is a separate forked child process, alternating baseline and
engine, so its peak memory is measured honestly: the child resets its peak
resident set (``/proc/self/clear_refs``) after the fork, and reports the
peak (``VmHWM``) minus the resident set at its start (the inherited, already
loaded data). Times are medians. The engine's ``percent`` is then checked
against the baseline: same set of (year, pair) rows with joint votes, max
absolute difference < 1e-12.

Run from the project root::

    python benchmarks/bench_alignment.py [--data ../shared/data/unvotes-r] \
        [--baseline-runs 2] [--engine-runs 7] [--write]

``--write`` puts the figures into ``benchmarks/RESULTS.md`` under
"## Alignment engine (issue 4)", replacing only that section.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.measures import pairwise  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402

MEASURES = ("percent", "lijphart", "s", "kappa", "pi", "statedept")

HEADING = "## Alignment engine (issue 4)"
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
    result = None
    for _ in range(repeats):
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "unvotes-r")
    parser.add_argument("--baseline-runs", type=int, default=2, help="0: the engine's tables alone")
    parser.add_argument("--engine-runs", type=int, default=7)
    parser.add_argument("--tidy-runs", type=int, default=3, help="runs of the tidy table (wide=False)")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench_alignment: data not found: {args.data}", file=sys.stderr)
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
    votes = votes.astype({"rcid": "str", "country": "str", "vote": "str"})
    _STATE.update(dataset=ds, votes=votes)
    took = time.perf_counter() - t0
    print(f"loaded {len(ds.votes):,} votes on {len(ds.rollcalls):,} roll calls in {took:.1f} s")

    if args.baseline_runs == 0:  # the engine's tables alone: time and peak memory
        for kind, runs in (("engine", args.engine_runs), ("tidy", args.tidy_runs)):
            out = _run(kind, runs)
            print(
                f"{kind} ({len(out['result']):,} rows): median {statistics.median(out['times']):.3f} s "
                f"of {runs}, peak +{out['peak_mib']:,.0f} MiB"
            )
        return 0
    base_runs, eng_runs = [], []
    for i in range(max(args.baseline_runs, 1)):
        base_runs.append(_run("baseline", 1))
        last = base_runs[-1]
        print(f"baseline run {i + 1}: {last['times'][0]:.2f} s, peak +{last['peak_mib']:,.0f} MiB")
        eng_runs.append(_run("engine", max(args.engine_runs // max(args.baseline_runs, 1), 1)))
        print(
            f"engine runs: {', '.join(f'{t:.3f}' for t in eng_runs[-1]['times'])} s, "
            f"peak +{eng_runs[-1]['peak_mib']:,.0f} MiB"
        )
    tidy = _run("tidy", args.tidy_runs) if args.tidy_runs else None
    if tidy is not None:
        print(
            f"tidy table (wide=False, {len(tidy['result']):,} rows): "
            f"median {statistics.median(tidy['times']):.3f} s, peak +{tidy['peak_mib']:,.0f} MiB"
        )
    base_t = statistics.median(t for r in base_runs for t in r["times"])
    eng_t = statistics.median(t for r in eng_runs for t in r["times"])
    base_mem = max(r["peak_mib"] for r in base_runs)
    eng_mem = max(r["peak_mib"] for r in eng_runs)
    n_base, n_eng, diff, rows_equal = _compare(base_runs[0]["result"], eng_runs[0]["result"])
    eng_rows = len(eng_runs[0]["result"])
    ratio = base_t / eng_t
    ok = ratio >= 100 and eng_mem < 1024 and rows_equal and diff < 1e-12
    lines = [
        HEADING,
        "",
        "Yearly all-pairs alignment on Voeten's GA tables (R `unvotes`: "
        f"{len(ds.votes):,} votes, {len(ds.rollcalls):,} roll calls, 1946–2019), side by side in one run:",
        "",
        "```",
        "python benchmarks/bench_alignment.py "
        f"--baseline-runs {args.baseline_runs} --engine-runs {args.engine_runs} --write",
        "```",
        "",
        f"Machine: {platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, numpy {np.__version__}; each run in its own forked process; "
        "memory = peak resident set of that process above what it inherited (the loaded data).",
        "",
        "| | what | median time | peak memory |",
        "|---|---|---|---|",
        f"| baseline | self-merge on rcid, `country_a < country_b`, group by year and pair, mean equality "
        f"(percent only; {len(base_runs)} runs) | {base_t:.2f} s | {base_mem:,.0f} MiB |",
        f"| engine | `pairwise(ds, measure=MEASURES, by='year', wide=True)`: matrix + percent, lijphart, "
        f"s, kappa, pi and statedept ({sum(len(r['times']) for r in eng_runs)} runs) | "
        f"{eng_t:.3f} s | {eng_mem:,.0f} MiB |",
        "",
        f"- Speed-up: **{ratio:,.0f}×** (target ≥ 100×); "
        f"engine peak memory {eng_mem:,.0f} MiB (target < 1 GiB).",
        f"- Equality: baseline {n_base:,} (year, pair) rows; engine {eng_rows:,} rows, "
        f"of which {n_eng:,} with joint votes; same set of rows and n: {rows_equal}; "
        f"max |percent − baseline| = {diff:.1e}.",
        f"- All targets met: {ok}.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        _write(section, ROOT / "benchmarks" / "RESULTS.md")
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
