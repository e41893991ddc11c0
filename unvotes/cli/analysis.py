"""``unvotes align``, ``unvotes partners``, ``unvotes blocs`` and ``unvotes cohesion``: the analysis commands.

Every command analyses the General Assembly unless ``--body SC`` or
``--body both`` is given, and says which roll calls it used on standard
error (standard output stays a clean table or CSV).

``unvotes align`` prints the fixed columns of :func:`unvotes.measures.align.alignment`
(``country, reference, period, measure, value, n, same, opposite, partial,
absent, partial_period, country_seat, reference_seat``). ``unvotes partners
COUNTRY`` prints :func:`unvotes.measures.align.partners` (``side, rank,
country, partner, name, measure, value, n``), leaving out partners with
fewer than ``--min-votes`` (10) joint votes. ``unvotes blocs`` prints one row per country: ``country, bloc,
core_score, abstentions`` (``--summary`` prints one row per bloc instead:
``bloc, size, members, core, cohesion, together, group, jaccard``, the last
two from the best-matching known group). ``unvotes cohesion`` prints
``group, period, cohesion, members_voting, n``, or with ``--majority
PAK,IND`` how often those countries voted with the group's majority:
``country, group, period, agreement, n``.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from unvotes.cli._checks import contradiction, number, text, whole
from unvotes.cli._common import (
    LazyChoices,
    add_by,
    add_data,
    add_format,
    add_selection,
    caught_notes,
    load_data,
    note_selection,
    optional_list,
    selection_of,
    split_list,
    write_table,
)

__all__ = ["add_subcommands"]


def _check_seats(args: argparse.Namespace) -> None:
    contradiction(
        args.china_seat and args.no_continue_seats,
        "--china-seat counts the China seat through its earlier holder; it needs the seats carried, "
        "so it cannot go with --no-continue-seats",
    )


def _cmd_align(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import alignment

    _check_seats(args)
    selection = selection_of(args)
    ds = load_data(args.data, err)
    with caught_notes(err):
        table = alignment(
            ds,
            split_list(args.countries, "--countries"),
            optional_list(args.reference, "--reference"),
            measure=args.measure,
            by=args.by,
            continue_seats=not args.no_continue_seats,
            china_seat=args.china_seat,
            selection=selection,
        )
    note_selection(selection, err)
    write_table(table, args.format, out)
    return 0


def _cmd_partners(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import partners

    _check_seats(args)
    selection = selection_of(args)
    ds = load_data(args.data, err)
    table = partners(
        ds,
        args.country,
        measure=args.measure,
        k=args.k,
        min_joint_votes=args.min_votes,
        continue_seats=not args.no_continue_seats,
        china_seat=args.china_seat,
        selection=selection,
    )
    note_selection(selection, err, extra=f"partners with at least {args.min_votes} joint votes")
    write_table(table, args.format, out)
    return 0


def _cmd_blocs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import abstention_blocs, compare_groups, voting_blocs

    contradiction(
        args.kind == "abstention" and args.measure is not None,
        "--measure applies to --kind voting; abstention blocs use joint abstentions",
    )
    contradiction(
        args.kind == "voting" and args.absent_as_abstain,
        "--absent-as-abstain applies to --kind abstention",
    )
    selection = selection_of(args)
    ds = load_data(args.data, err)
    options: dict[str, Any] = {
        "method": args.method,
        "resolution": args.gamma,
        "resamples": args.resamples,
        "seed": args.seed,
        "core_threshold": args.core,
        "selection": selection,
    }
    if args.kind == "abstention":
        found = abstention_blocs(ds, absent_as_abstain=args.absent_as_abstain, **options)
    else:
        found = voting_blocs(ds, measure=args.measure or "percent", **options)
    if args.summary:
        match = compare_groups(found)[["bloc", "group", "jaccard"]]
        table = found.blocs.drop(columns="rollcalls").merge(match, on="bloc", how="left")
    else:
        table = found.countries[["country", "bloc", "core_score", "abstentions"]]
    note_selection(selection, err)
    write_table(table, args.format, out)
    return 0


def _cmd_cohesion(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.measures import agreement_index, majority_agreement

    selection = selection_of(args)
    groups = split_list(args.group, "--group")
    majority = optional_list(args.majority, "--majority")
    ds = load_data(args.data, err)
    if majority:
        table = majority_agreement(ds, majority, groups, by=args.by, selection=selection)
    else:
        table = agreement_index(ds, groups, by=args.by, selection=selection)
    note_selection(selection, err)
    write_table(table, args.format, out)
    return 0


def _seats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-continue-seats",
        action="store_true",
        help="do not carry seats through earlier holders (by default RUS includes the USSR's votes)",
    )
    parser.add_argument(
        "--china-seat",
        action="store_true",
        help="count the Republic of China's votes before 25 October 1971 as CHN's (the China seat)",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    add_selection(parser)
    add_data(parser)
    add_format(parser)


def _measure_names() -> tuple[str, ...]:
    from unvotes.measures import measure_names

    return measure_names()


def _bloc_methods() -> tuple[str, ...]:
    from unvotes.measures.blocs import METHODS

    return METHODS


def add_subcommands(sub: Any) -> None:
    """Register ``align``, ``partners``, ``blocs`` and ``cohesion``."""
    measures = LazyChoices(_measure_names)
    methods = LazyChoices(_bloc_methods)
    align = sub.add_parser("align", help="alignment of countries with references over time")
    align.add_argument(
        "--countries", required=True, help="comma-separated codes or names, e.g. PAK,IND,LKA,BGD"
    )
    align.add_argument(
        "--reference", help="comma-separated references, e.g. USA,RUS,CHN (default: every state)"
    )
    align.add_argument(
        "--measure", choices=measures, default="percent", metavar="MEASURE", help="one of %(choices)s"
    )
    add_by(align)
    _seats(align)
    _common(align)
    align.set_defaults(func=_cmd_align)

    part = sub.add_parser("partners", help="a country's closest and farthest partners over a period")
    part.add_argument("country", type=text, metavar="COUNTRY", help="code or name, e.g. USA")
    part.add_argument(
        "--measure", choices=measures, default="percent", metavar="MEASURE", help="one of %(choices)s"
    )
    part.add_argument("--k", type=whole(1), default=10, help="partners on each side (default 10)")
    part.add_argument(
        "--min-votes",
        type=whole(1),
        default=10,
        help="leave out partners with fewer joint votes (default 10)",
    )
    _seats(part)
    _common(part)
    part.set_defaults(func=_cmd_partners)

    blocs = sub.add_parser("blocs", help="abstention or voting blocs, with bootstrap core scores")
    blocs.add_argument("--kind", choices=["abstention", "voting"], default="abstention")
    blocs.add_argument("--method", choices=methods, default="louvain", metavar="METHOD", help="%(choices)s")
    blocs.add_argument(
        "--measure",
        choices=measures,
        metavar="MEASURE",
        help="agreement measure (--kind voting; default percent): one of %(choices)s",
    )
    blocs.add_argument(
        "--gamma",
        type=number(0, above=True),
        default=1.0,
        help="Louvain resolution (default 1; higher: smaller blocs)",
    )
    blocs.add_argument(
        "--resamples", type=whole(0), default=200, help="bootstrap resamples (default 200; 0: none)"
    )
    blocs.add_argument("--seed", type=whole(0), default=0, help="random seed (default 0)")
    blocs.add_argument(
        "--core", type=number(0, 1), default=0.8, help="core-score threshold of a bloc's core (default 0.8)"
    )
    blocs.add_argument(
        "--absent-as-abstain", action="store_true", help="count X (present but not voting) as an abstention"
    )
    blocs.add_argument("--summary", action="store_true", help="one row per bloc instead of per country")
    _common(blocs)
    blocs.set_defaults(func=_cmd_blocs)

    cohesion = sub.add_parser(
        "cohesion", help="Agreement Index of groups, or members' agreement with the majority"
    )
    cohesion.add_argument(
        "--group", required=True, help="group key or name, e.g. OIC; comma-separated for several"
    )
    add_by(cohesion)
    cohesion.add_argument(
        "--majority",
        metavar="COUNTRIES",
        help="comma-separated countries: how often each voted with the majority",
    )
    _common(cohesion)
    cohesion.set_defaults(func=_cmd_cohesion)
