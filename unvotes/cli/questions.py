"""``unvotes switched``: who changed their vote between two roll calls.

``unvotes switched A B`` prints ``country, name, from, to`` for every
country whose vote on ``A`` differs from its vote on ``B`` (``--all``: every
country), then the counts per transition; ``--counts`` prints only the counts
table ``from, to, n, countries``. ``A`` and ``B`` may be comma-separated
lists of symbols (a country's vote on a set is ``M`` when it was not the same
on every roll call of the set).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from unvotes.cli._common import add_data, add_format, load_data, split_list, write_table

__all__ = ["add_subcommands"]


def _cmd_switched(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import switch_counts, switched

    first, second = split_list(args.a, "A"), split_list(args.b, "B")
    ds = load_data(args.data, err)
    if args.counts:
        write_table(switch_counts(ds, first, second), args.format, out)
        return 0
    table = switched(ds, first, second, unchanged=args.all)
    write_table(table, args.format, out)
    if args.format != "csv":
        counts = switch_counts(ds, first, second)
        moved = counts[counts["from"] != counts["to"]]
        summary = "  ".join(
            f"{f}->{t} {n}" for f, t, n in zip(moved["from"], moved["to"], moved["n"], strict=True)
        )
        print(f"switches: {summary or 'none'}", file=out)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``switched``."""
    switched = sub.add_parser("switched", help="who changed their vote between two roll calls")
    switched.add_argument("a", metavar="A", help="resolution symbol (or comma-separated symbols)")
    switched.add_argument("b", metavar="B", help="resolution symbol (or comma-separated symbols)")
    switched.add_argument(
        "--all", action="store_true", help="list every country, not only those that switched"
    )
    switched.add_argument("--counts", action="store_true", help="print only the counts per transition")
    add_data(switched)
    add_format(switched)
    switched.set_defaults(func=_cmd_switched)
