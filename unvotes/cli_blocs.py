"""The ``unvotes blocs`` and ``unvotes cohesion`` subcommands.

``unvotes blocs`` prints one row per country: ``country, bloc, core_score,
abstentions`` (``--summary`` prints one row per bloc instead: ``bloc, size,
members, core, cohesion, together, group, jaccard``, the last two from the
best-matching known group). ``unvotes cohesion`` prints ``group, period,
cohesion, members_voting, n``, or with ``--majority PAK,IND`` how often those
countries voted with the group's majority: ``country, group, period,
agreement, n``.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

__all__ = ["add_subcommands"]


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    items = [s.strip() for s in text.split(",") if s.strip()]
    if not items:
        raise ValueError(
            "--resolutions is empty; give comma-separated symbols, e.g. A/RES/ES-11/1,A/RES/ES-11/2"
        )
    return items


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "rcids": _split(getattr(args, "resolutions", None)),
        "start": args.start,
        "end": args.end,
        "issues": args.issue,
        "body": args.body,
    }


def _cmd_blocs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.bloc_groups import compare_groups
    from unvotes.blocs import abstention_blocs, voting_blocs
    from unvotes.cli import _load, _write_table

    ds = _load(args.data, err)
    options: dict[str, Any] = {
        "method": args.method,
        "resolution": args.gamma,
        "resamples": args.resamples,
        "seed": args.seed,
        "core_threshold": args.core,
        **_filters(args),
    }
    if args.kind == "abstention":
        found = abstention_blocs(ds, absent_as_abstain=args.absent_as_abstain, **options)
    else:
        found = voting_blocs(ds, measure=args.measure, **options)
    if args.summary:
        match = compare_groups(found)[["bloc", "group", "jaccard"]]
        table = found.blocs.drop(columns="rollcalls").merge(match, on="bloc", how="left")
    else:
        table = found.countries[["country", "bloc", "core_score", "abstentions"]]
    _write_table(table, args.format, out)
    return 0


def _cmd_cohesion(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.cli import _load, _write_table
    from unvotes.cohesion import agreement_index, majority_agreement

    ds = _load(args.data, err)
    by = None if args.by == "none" else args.by
    groups = [g.strip() for g in args.group.split(",") if g.strip()]
    filters = _filters(args)
    if args.majority:
        table = majority_agreement(ds, args.majority.split(","), groups, by=by, **filters)
    else:
        table = agreement_index(ds, groups, by=by, **filters)
    _write_table(table, args.format, out)
    return 0


def _common(parser: argparse.ArgumentParser, data_help: str) -> None:
    from unvotes.schema import ISSUE_CODES

    parser.add_argument("--from", dest="start", metavar="YEAR", help="first year (or date) included")
    parser.add_argument("--to", dest="end", metavar="YEAR", help="last year (or date) included")
    parser.add_argument("--issue", choices=ISSUE_CODES, help="only roll calls flagged with this issue code")
    parser.add_argument("--body", type=str.upper, choices=["GA", "SC"], help="restrict to one body")
    parser.add_argument("--data", action="append", metavar="SRC", help=data_help)
    parser.add_argument("--format", choices=["table", "csv"], default="table")


def add_subcommands(sub: Any, data_help: str) -> None:
    """Add ``blocs`` and ``cohesion`` to the subparsers of :func:`unvotes.cli._parser`."""
    from unvotes.alignment import MEASURES
    from unvotes.blocs import METHODS

    blocs = sub.add_parser("blocs", help="abstention or voting blocs, with bootstrap core scores")
    blocs.add_argument(
        "--resolutions", metavar="SYM,SYM,...", help="only these roll calls (symbols or rcids)"
    )
    blocs.add_argument("--kind", choices=["abstention", "voting"], default="abstention")
    blocs.add_argument("--method", choices=METHODS, default="louvain")
    blocs.add_argument(
        "--measure", choices=MEASURES, default="lijphart", help="agreement measure (--kind voting)"
    )
    blocs.add_argument(
        "--gamma", type=float, default=1.0, help="Louvain resolution (default 1; higher: smaller blocs)"
    )
    blocs.add_argument("--resamples", type=int, default=200, help="bootstrap resamples (default 200)")
    blocs.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    blocs.add_argument(
        "--core", type=float, default=0.8, help="core-score threshold of a bloc's core (default 0.8)"
    )
    blocs.add_argument(
        "--absent-as-abstain", action="store_true", help="count X (present but not voting) as an abstention"
    )
    blocs.add_argument("--summary", action="store_true", help="one row per bloc instead of per country")
    _common(blocs, data_help)
    blocs.set_defaults(func=_cmd_blocs)

    cohesion = sub.add_parser(
        "cohesion", help="Agreement Index of groups, or members' agreement with the majority"
    )
    cohesion.add_argument(
        "--group", required=True, help="group key or name, e.g. OIC; comma-separated for several"
    )
    cohesion.add_argument("--by", choices=["year", "session", "none"], default="year")
    cohesion.add_argument(
        "--majority",
        metavar="COUNTRIES",
        help="comma-separated countries: how often each voted with the majority",
    )
    cohesion.add_argument(
        "--resolutions", metavar="SYM,SYM,...", help="only these roll calls (symbols or rcids)"
    )
    _common(cohesion, data_help)
    cohesion.set_defaults(func=_cmd_cohesion)
