"""The ``unvotes`` command line.

``unvotes info`` and ``unvotes votes RESOLUTION`` are a stable contract;
``--data`` accepts ``sample`` (the default), ``cache`` or a path to any
supported file or folder, and may be repeated to combine sources (the first
taking precedence). User mistakes print one line (``unvotes: error: ...``)
and exit with status 1; no traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from typing import Any, TextIO, cast

import pandas as pd

from unvotes.dataset import Dataset
from unvotes.errors import DataQualityWarning, UnvotesError

__all__ = ["main"]


def _load(sources: list[str] | None, err: TextIO) -> Dataset:
    from unvotes.sources import load

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        ds = load(*(sources or ["sample"]))
    for w in caught:
        if issubclass(w.category, DataQualityWarning):
            print(f"unvotes: note: {w.message}", file=err)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return ds


def _cmd_info(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ds = _load(args.data, err)
    s = ds.summary()
    print(f"sources:    {', '.join(ds.sources)}", file=out)
    print(f"roll calls: {s['rollcalls']:,}", file=out)
    print(f"votes:      {s['votes']:,}", file=out)
    print(f"countries:  {s['countries']:,}", file=out)
    for body, label in (("GA", "General Assembly"), ("SC", "Security Council")):
        if body in s:
            b = cast("dict[str, Any]", s[body])
            print(
                f"{label}: {b['rollcalls']:,} roll calls, {b['from']} to {b['to']} "
                f"({b['recorded']:,} recorded votes, {b['without_vote']:,} adopted without a vote)",
                file=out,
            )
    f = ds.findings
    print(f"validation findings: {len(f):,}", file=out)
    if len(f):
        summary = f.groupby(["severity", "check"]).size().rename("count").reset_index()
        print(summary.to_string(index=False), file=out)
        warn = f[f["severity"] == "warning"]
        if len(warn):
            shown = warn.head(args.limit)[["check", "resolution", "country", "message"]].fillna("")
            shown["message"] = [m if len(m) <= 90 else m[:87] + "..." for m in shown["message"]]
            print(f"\nwarnings (first {len(shown)} of {len(warn):,}):", file=out)
            print(shown.to_string(index=False), file=out)
    return 0


def _cmd_votes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ds = _load(args.data, err)
    row = ds.rollcall(args.resolution)
    table = ds.votes_on(args.resolution)
    tally = ds.tally(args.resolution)
    line = "  ".join(f"{k} {v}" for k, v in tally.items())
    stated = [(c, row[c]) for c in ("yes", "no", "abstain", "non_voting") if not pd.isna(row[c])]
    stated_text = ", ".join(f"{c} {int(v)}" for c, v in stated)
    if args.format == "csv":
        table.to_csv(out, index=False)
        print(f"tally: {line}", file=err)
        return 0
    title = "" if pd.isna(row["title"]) else f"  {row['title']}"
    print(f"{row['resolution']} ({row['body']}, {row['date'].date()}, {row['modality']}){title}", file=out)
    if table.empty:
        print("no per-member votes (adopted without a vote)", file=out)
    else:
        print(table.to_string(index=False), file=out)
    print(f"tally: {line}" + (f"  (stated: {stated_text})" if stated_text else ""), file=out)
    return 0


def _cmd_align(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.alignment import align_table

    ds = _load(args.data, err)
    table = align_table(
        ds,
        args.countries,
        args.reference,
        measure=args.measure,
        by=args.by,
        start=args.start,
        end=args.end,
        body=args.body,
        exclude_unanimous=args.exclude_unanimous,
        exclude_without_vote=not args.include_without_vote,
    )
    _write_table(table, args.format, out)
    return 0


def _write_table(table: pd.DataFrame, fmt: str, out: TextIO) -> None:
    if fmt == "csv":
        table.to_csv(out, index=False)
    elif table.empty:
        print("(no rows)", file=out)
    else:
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"), file=out)


def _add_align(sub: Any, data_help: str) -> None:
    from unvotes.alignment import MEASURES

    align = sub.add_parser("align", help="alignment of countries with references over time")
    align.add_argument(
        "--countries", required=True, help="comma-separated codes or names, e.g. PAK,IND,LKA,BGD"
    )
    align.add_argument(
        "--reference", help="comma-separated references, e.g. USA,RUS,CHN (default: every state)"
    )
    align.add_argument("--measure", choices=MEASURES, default="percent")
    align.add_argument("--by", choices=["year", "session", "none"], default="year")
    align.add_argument("--from", dest="start", metavar="YEAR", help="first year (or date) included")
    align.add_argument("--to", dest="end", metavar="YEAR", help="last year (or date) included")
    align.add_argument("--body", type=str.upper, choices=["GA", "SC"], help="restrict to one body")
    align.add_argument("--exclude-unanimous", action="store_true", help="leave out unanimous roll calls")
    align.add_argument(
        "--include-without-vote",
        action="store_true",
        help="keep roll calls adopted without a vote (left out by default)",
    )
    align.add_argument("--data", action="append", metavar="SRC", help=data_help)
    align.add_argument("--format", choices=["table", "csv"], default="table")
    align.set_defaults(func=_cmd_align)


def _parser() -> argparse.ArgumentParser:
    from unvotes import __version__

    parser = argparse.ArgumentParser(prog="unvotes", description="Analyse United Nations voting records.")
    parser.add_argument("--version", action="version", version=f"unvotes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = (
        "'sample' (default), 'cache' (all fetched data) or 'cache:NAME' (one fetched dataset), "
        "or a path to a supported file or folder; repeat to combine"
    )

    info = sub.add_parser("info", help="counts, bodies, date range and validation findings")
    info.add_argument("--data", action="append", metavar="SRC", help=data_help)
    info.add_argument("--limit", type=int, default=20, help="how many warnings to list (default 20)")
    info.set_defaults(func=_cmd_info)

    votes = sub.add_parser("votes", help="how every member voted on one resolution")
    votes.add_argument("resolution", help="resolution symbol, e.g. A/RES/ES-11/1 or 'S/RES/2623 (2022)'")
    votes.add_argument("--data", action="append", metavar="SRC", help=data_help)
    votes.add_argument("--format", choices=["table", "csv"], default="table")
    votes.set_defaults(func=_cmd_votes)

    # Each further command group registers itself; imported here so that `unvotes --help` stays quick.
    from unvotes import cli_blocs, cli_cache, report

    _add_align(sub, data_help)
    cli_blocs.add_subcommands(sub, data_help)
    cli_cache.add_subcommands(sub, data_help)
    report.add_subcommands(sub, data_help)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args, out, err))
    except BrokenPipeError:  # pragma: no cover - e.g. piping into head
        return 0
    except (UnvotesError, OSError, ValueError) as exc:
        print(f"unvotes: error: {exc}", file=err)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
