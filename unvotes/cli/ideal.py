"""``unvotes ideal``: Bailey–Strezhnev–Voeten dynamic ideal points.

Prints the fixed columns of :func:`unvotes.measures.ideal.ideal_points`
(``country, seat, session, year, ideal_point, se, q05, q95, n``), or with
``--items`` the fitted items (``rcid, discrimination, cut1, cut2,
linked_to, n_rollcalls, n``), or with ``--show-matches`` the matches used
(``rcid1, rcid2, title, source``). A progress bar shows on a terminal.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from unvotes.cli._checks import contradiction, whole
from unvotes.cli._common import (
    add_data,
    add_format,
    add_selection,
    load_data,
    optional_list,
    selection_of,
    write_table,
)

__all__ = ["add_subcommands"]


def _cmd_ideal(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.errors import ArgumentError
    from unvotes.measures.ideal import ideal_points
    from unvotes.registry import country_codes
    from unvotes.sources.bsv import read_bsv_matches

    contradiction(args.bootstrap and args.method != "map", "--bootstrap applies to --method map")
    contradiction(
        args.iterations is not None and args.method != "gibbs", "--iterations applies to --method gibbs"
    )
    contradiction(
        args.countries is not None and (args.items or args.show_matches),
        "--countries chooses rows of the ideal points; it cannot go with --items or --show-matches",
    )
    selection = selection_of(args)
    countries = optional_list(args.countries, "--countries")
    codes = country_codes(countries) if countries else None
    matches = read_bsv_matches(args.matches) if args.matches else None
    ds = load_data(args.data, err)
    fit = ideal_points(
        ds,
        method=args.method,
        matches=matches,
        bootstrap=args.bootstrap,
        iterations=1000 if args.iterations is None else args.iterations,
        seed=args.seed,
        selection=selection,
    )
    if args.items:
        table = fit.items
    elif args.show_matches:
        table = fit.matches
    else:
        table = fit.table
        if codes:
            missing = [c for c in codes if c not in set(table["country"]) | set(table["seat"])]
            if missing:
                raise ArgumentError(
                    f"--countries: no votes in the selection for {', '.join(missing)}; "
                    "choose countries that voted in the chosen period"
                )
            table = table[table["country"].isin(codes) | table["seat"].isin(codes)]
    for note in fit.notes:
        print(f"unvotes: note: {note}", file=err)
    write_table(table, args.format, out)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``ideal``."""
    parser = sub.add_parser("ideal", help="dynamic ideal points (Bailey, Strezhnev and Voeten)")
    parser.add_argument("--countries", help="comma-separated codes or names (default: every country)")
    parser.add_argument("--method", choices=["map", "gibbs"], default="map")
    parser.add_argument(
        "--bootstrap",
        type=whole(0),
        default=0,
        help="parametric bootstrap replicates for se and q05/q95 (map)",
    )
    parser.add_argument(
        "--iterations", type=whole(2), help="sampler iterations (--method gibbs; default 1000)"
    )
    parser.add_argument("--seed", type=whole(0), default=None, help="random seed (bootstrap, gibbs)")
    parser.add_argument(
        "--matches", metavar="PATH", help="BSV's Matches.csv: roll calls that repeat earlier ones"
    )
    show = parser.add_mutually_exclusive_group()
    show.add_argument("--items", action="store_true", help="print the fitted items instead")
    show.add_argument("--show-matches", action="store_true", help="print the matches used instead")
    add_selection(parser, resolutions=False)
    add_data(parser)
    add_format(parser)
    parser.set_defaults(func=_cmd_ideal)
