"""``unvotes info`` and ``unvotes votes RESOLUTION``: what the data holds, one roll call by member."""

from __future__ import annotations

import argparse
from typing import Any, TextIO, cast

import pandas as pd

from unvotes.cli._checks import contradiction, text, whole
from unvotes.cli._common import add_data, add_format, load_data

__all__ = ["add_subcommands"]


def _cmd_info(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    ds = load_data(args.data, err)
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
    contradiction(
        args.country is not None and args.format == "csv",
        "--country adds a line to the table; --format csv prints only the votes (filter the CSV instead)",
    )
    ds = load_data(args.data, err)
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
    if row["adopted"] is False or (not pd.isna(row["adopted"]) and not row["adopted"]):
        print(_failed_line(row), file=out)
    if args.country:
        print(_member_line(ds, row, table, args.country), file=out)
    return 0


def _failed_line(row: pd.Series) -> str:
    from unvotes.registry import country_names

    how = row.get("outcome")
    text = "not adopted"
    if how == "vetoed" and isinstance(row.get("vetoed_by"), str):
        codes = row["vetoed_by"].split(",")
        names = ", ".join(f"{c} ({n})" for c, n in zip(codes, country_names(codes), strict=True))
        text += f": vetoed by {names}"
    elif isinstance(how, str):
        text += f": {how}"
    if isinstance(row.get("meeting"), str):
        text += f"; meeting record {row['meeting']}"
    return text


def _member_line(ds: Any, row: pd.Series, table: pd.DataFrame, country: str) -> str:
    from unvotes.registry import country_name, resolve_country

    code = resolve_country(country, date=row["date"])
    hit = table[table["country"] == code]
    body = "the Security Council" if row["body"] == "SC" else "the General Assembly"
    if hit.empty:
        return f"{code} ({country_name(code)}) was not a member of {body} on {row['date'].date()}: no vote"
    words = {
        "Y": "voted yes",
        "A": "abstained",
        "N": "voted no",
        "X": "did not vote",
        "U": "vote not recorded",
    }
    return f"{code} ({country_name(code)}) {words[hit['vote'].iloc[0]]}"


def add_subcommands(sub: Any) -> None:
    """Register ``info`` and ``votes``."""
    info = sub.add_parser("info", help="counts, bodies, date range and validation findings")
    add_data(info)
    info.add_argument("--limit", type=whole(0), default=20, help="how many warnings to list (default 20)")
    info.set_defaults(func=_cmd_info)

    votes = sub.add_parser("votes", help="how every member voted on one resolution")
    votes.add_argument(
        "resolution", type=text, help="resolution symbol, e.g. A/RES/ES-11/1 or 'S/RES/2623 (2022)'"
    )
    votes.add_argument("--country", help="say how this member voted, or that it was not a member")
    add_data(votes)
    add_format(votes)
    votes.set_defaults(func=_cmd_votes)
