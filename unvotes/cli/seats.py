"""``unvotes seats``: who sat on the Security Council on a date or in a year."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

import pandas as pd

from unvotes.errors import ArgumentError, check_date, check_whole

__all__ = ["add_subcommands", "council_seats"]


def council_seats(*, year: int | None = None, date: str | None = None) -> pd.DataFrame:
    """The Council's seats on a date, or every member that sat during a year.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, name, permanent, start, end`` (``end`` exclusive,
        empty for a permanent seat), permanent members first, then by name.

    Examples
    --------
    >>> t = council_seats(date="2022-02-25")
    >>> len(t), int(t["permanent"].sum()), "PAK" in set(t["country"])
    (15, 5, False)
    >>> sorted(council_seats(year=1990).query("country in ['YMD', 'YEM']")["country"])
    ['YEM', 'YMD']
    """
    from unvotes.registry import country_names
    from unvotes.registry.seats import sc_table

    if (year is None) == (date is None):
        raise ArgumentError("give exactly one of --year or --date")
    seats = sc_table()
    if date is not None:
        lo = check_date(date, "--date")
        hi = lo + pd.Timedelta(days=1)
    else:
        first = check_whole(year, "--year", minimum=1)
        assert first is not None  # check_whole returns None only when none=True
        lo, hi = pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{first + 1}-01-01")
    sat = (seats["start"] < hi) & (seats["end"].isna() | (seats["end"] > lo))
    out = seats[sat.to_numpy()].copy()
    out.insert(1, "name", country_names(out["code"].to_numpy()))
    out = out.rename(columns={"code": "country"})[["country", "name", "permanent", "start", "end"]]
    return out.sort_values(["permanent", "name"], ascending=[False, True]).reset_index(drop=True)


def _cmd_seats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    table = council_seats(year=args.year, date=args.date)
    if args.format == "csv":
        table.to_csv(out, index=False)
        return 0
    shown = table.assign(
        start=table["start"].dt.date.astype(str),
        end=[("" if pd.isna(e) else str(pd.Timestamp(e).date())) for e in table["end"]],
        seat=["permanent" if p else "elected" for p in table["permanent"]],
    )[["country", "name", "seat", "start", "end"]]
    print(shown.to_string(index=False), file=out)
    when = args.date or args.year
    print(f"{len(table)} members of the Security Council in {when}", file=out)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``seats``."""
    from unvotes.cli._checks import date, whole_year
    from unvotes.cli._common import add_format

    seats = sub.add_parser("seats", help="who sat on the Security Council on a date or in a year")
    when = seats.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=whole_year, help="every member that sat during this year")
    when.add_argument("--date", type=date, help="the members on this date (YYYY-MM-DD)")
    add_format(seats)
    seats.set_defaults(func=_cmd_seats)
