"""``unvotes switched`` (who changed their vote between two roll calls) and ``unvotes topics``.

``unvotes switched A B`` prints ``country, name, from, to`` for every
country whose vote on ``A`` differs from its vote on ``B`` (``--all``: every
country), then the counts per transition; ``--counts`` prints only the counts
table ``from, to, n, countries``. ``A`` and ``B`` may be comma-separated
lists of symbols (a country's vote on a set is ``M`` when it was not the same
on every roll call of the set).

``unvotes topics`` prints :func:`unvotes.measures.topic_counts`: ``period,
code, topic, n, voeten, mapping, rollcalls`` (``--subjects``: ``period,
subject, n, rollcalls``, the ``--top`` terms of each period). ``unvotes
shares`` prints :func:`unvotes.measures.vote_shares`: ``country, period,
topic, n, Y, A, N, X``. ``unvotes key`` prints the key roll calls of
:func:`unvotes.measures.key_votes` (``--all``: every roll call with its flags).
``unvotes sponsors`` prints the sponsor table of the data (``--data``, by
default the embedded data: ``rcid, sponsor, kind, on_behalf, text, source``
of the selected roll calls, those adopted without a vote included), or with
``EXTRACTS`` that of raw UN extracts (``rcid, sponsor, kind, on_behalf,
text``); ``--view pairs|communities|agreement``: the tables of
:mod:`unvotes.measures.sponsorship` (the votes of ``agreement`` come from
``--data``, by default the extracts themselves when given).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from unvotes.cli._checks import contradiction, number, text, whole
from unvotes.cli._common import (
    add_by,
    add_data,
    add_format,
    add_selection,
    load_data,
    optional_list,
    selection_of,
    split_list,
    write_table,
)

__all__ = ["add_subcommands"]


def _cmd_switched(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import switch_counts, switched

    contradiction(args.counts and args.all, "--counts prints only the counts; it cannot go with --all")
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


def _cmd_topics(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import topic_counts

    contradiction(args.top is not None and not args.subjects, "--top applies to --subjects")
    selection = selection_of(args)
    top = 10 if args.top is None else args.top
    ds = load_data(args.data, err)
    table = topic_counts(ds, by=args.by, subjects=args.subjects, selection=selection)
    if args.subjects and top:
        table = table.groupby("period", sort=False).head(top)
    write_table(table, args.format, out)
    return 0


def _cmd_shares(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import vote_shares

    selection = selection_of(args)
    countries = optional_list(args.countries, "--countries")
    ds = load_data(args.data, err)
    table = vote_shares(ds, countries, by=args.by, by_topic=args.by_topic, selection=selection)
    write_table(table, args.format, out)
    return 0


def _cmd_key(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import key_votes

    selection = selection_of(args)
    ds = load_data(args.data, err)
    table = key_votes(
        ds,
        narrow=args.narrow,
        abstentions=args.abstentions,
        regions=args.regions,
        by=args.by,
        only_key=not args.all,
        selection=selection,
    )
    if args.format != "csv":
        table = table.assign(title=table["title"].fillna("").str.slice(0, 50))
    write_table(table, args.format, out)
    return 0


def _cmd_sponsors(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import (
        selected_sponsors,
        sponsor_agreement,
        sponsor_communities,
        sponsor_pairs,
    )

    contradiction(args.country is not None and args.view != "table", "--country applies to --view table")
    contradiction(
        bool(args.extracts) and args.data is not None and args.view != "agreement",
        "--data is not read when EXTRACTS are given, except for the votes of --view agreement",
    )
    selection = selection_of(args)
    ds = None
    if args.extracts:
        from unvotes.sources.unxml_sponsors import read_sponsors

        sponsors = read_sponsors(args.extracts)
    else:
        ds = load_data(args.data, err)
        # Most sponsored resolutions are adopted without a vote: the network counts them all.
        sponsors = selected_sponsors(ds, selection=selection.replace(exclude_without_vote=False))
    if args.view == "table":
        table = sponsors
        if args.country:
            from unvotes.registry import resolve_country

            table = table[table["sponsor"] == resolve_country(args.country)]
    elif args.view == "pairs":
        table = sponsor_pairs(sponsors)
    elif args.view == "communities":
        table = sponsor_communities(sponsors, resolution=args.gamma, seed=args.seed)
    else:
        if ds is None:
            ds = load_data(args.data or [args.extracts], err)
        table = sponsor_agreement(ds, sponsors, selection=selection)
    write_table(table, args.format, out)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``switched``, ``topics``, ``shares``, ``key`` and ``sponsors``."""
    spons = sub.add_parser("sponsors", help="co-sponsorship: the sponsor table, network, communities, votes")
    spons.add_argument(
        "extracts",
        nargs="?",
        metavar="EXTRACTS",
        type=text,
        help="read the sponsors from these raw UN resolution extracts (a .json file or a folder); "
        "by default the sponsor table of --data (the embedded data)",
    )
    spons.add_argument(
        "--view",
        choices=["table", "pairs", "communities", "agreement"],
        default="table",
        help="what to print",
    )
    spons.add_argument("--country", help="--view table: only this country's sponsorships")
    spons.add_argument(
        "--gamma", type=number(0, above=True), default=1.0, help="Louvain resolution (default 1)"
    )
    spons.add_argument("--seed", type=whole(0), default=0, help="random seed (default 0)")
    add_selection(spons)
    add_data(spons)
    add_format(spons)
    spons.set_defaults(func=_cmd_sponsors)

    key = sub.add_parser("key", help="key and contested roll calls, with their margins")
    key.add_argument("--narrow", type=number(-1, 1), default=1 / 3, help="margin (Y-N)/(Y+N) at most (1/3)")
    key.add_argument(
        "--abstentions", type=number(0, 1), default=0.25, help="abstention share at least this (0.25)"
    )
    key.add_argument(
        "--regions", type=whole(1), default=2, help="regional groups split at least this many (2)"
    )
    key.add_argument("--all", action="store_true", help="list every roll call with its flags")
    add_by(key)
    add_selection(key)
    add_data(key)
    add_format(key)
    key.set_defaults(func=_cmd_key)

    shares = sub.add_parser(
        "shares", help="share of yes, abstain, no and absent votes per country and period"
    )
    shares.add_argument("--countries", help="comma-separated codes or names (default: every country)")
    shares.add_argument("--by-topic", action="store_true", help="also one row per topic")
    add_by(shares)
    add_selection(shares)
    add_data(shares)
    add_format(shares)
    shares.set_defaults(func=_cmd_shares)

    topics = sub.add_parser("topics", help="roll calls per topic and period")
    topics.add_argument(
        "--subjects", action="store_true", help="count the UN catalogue's subject terms instead"
    )
    topics.add_argument("--top", type=whole(0), help="with --subjects: terms per period (default 10; 0: all)")
    add_by(topics)
    add_selection(topics)
    add_data(topics)
    add_format(topics)
    topics.set_defaults(func=_cmd_topics)

    switched = sub.add_parser("switched", help="who changed their vote between two roll calls")
    switched.add_argument("a", metavar="A", type=text, help="resolution symbol (or comma-separated symbols)")
    switched.add_argument("b", metavar="B", type=text, help="resolution symbol (or comma-separated symbols)")
    switched.add_argument(
        "--all", action="store_true", help="list every country, not only those that switched"
    )
    switched.add_argument("--counts", action="store_true", help="print only the counts per transition")
    add_data(switched)
    add_format(switched)
    switched.set_defaults(func=_cmd_switched)
