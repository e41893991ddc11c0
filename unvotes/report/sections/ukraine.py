"""Section 1: Ukraine 2022–2023 in the Assembly: the ES-11 votes member by member, the map, who switched."""

from __future__ import annotations

from typing import Final

import pandas as pd

from unvotes._words import long_date
from unvotes.report.page import Section
from unvotes.report.sections._common import VOTE_WORDS, Context, names
from unvotes.report.writer import Writer

__all__ = ["section_ukraine"]

_FIRST: Final = "A/RES/ES-11/1"
_LATER: Final = "A/RES/ES-11/4"
_STATE_WORDS: Final = {
    "Y": "yes",
    "A": "abstention",
    "N": "no",
    "X": "absence",
    "M": "mixed",
    "-": "not a member",
}


def _tally_sentence(symbol: str, date: object, table: pd.DataFrame, countries: list[str]) -> str:
    counts = table["vote"].value_counts()
    votes = table.set_index("country")["vote"]
    by_vote: dict[str, list[str]] = {}
    for c in countries:
        by_vote.setdefault(VOTE_WORDS.get(str(votes.get(c, "-")), "were not members"), []).append(c)
    own = "; ".join(f"{names(cs)} {what}" for what, cs in by_vote.items())
    return (
        f"On {symbol} ({long_date(date)}), {int(counts.get('Y', 0))} members voted yes, "
        f"{int(counts.get('N', 0))} no, {int(counts.get('A', 0))} abstained and "
        f"{int(counts.get('X', 0))} did not vote; {own}."
    )


def section_ukraine(ctx: Context, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.plots import plot_rollcall, plot_style, rollcall_groups, source_caption
    from unvotes.plots.worldmap import plot_vote_map

    ds, countries = ctx.dataset, ctx.countries
    sec = Section("ukraine", "Ukraine 2022–2023 in the General Assembly (ES-11), member by member")
    rolls = ctx.es11
    if rolls.empty:
        sec.unavailable = (
            "This data has no recorded votes of the eleventh emergency special session (A/RES/ES-11/…), "
            "so this section is unavailable. The embedded data (the default) and the UN's resolution "
            "extracts have them."
        )
        return sec
    wide: pd.DataFrame | None = None
    sentences = []
    first_table: pd.DataFrame | None = None
    for _, row in rolls.iterrows():
        symbol = str(row["resolution"])
        table = rollcall_groups(ds, symbol)
        if symbol == _FIRST:
            first_table = table
        sentences.append(_tally_sentence(symbol, row["date"], table, countries))
        with plot_style():
            fig, ax = plt.subplots(figsize=(12, 7.6), layout="constrained")
            plot_rollcall(ds, symbol, highlight=countries, ax=ax)
        stem = "es11-" + symbol.rsplit("/", 1)[-1] + "-votes"
        w.figure(fig, stem)
        sec.charts.append(
            (stem, f"How every member voted on {symbol}, by UN regional group; {names(countries)} outlined")
        )
        column = table.set_index("country")["vote"].rename(symbol)
        base = table.set_index("country")[["name", "group"]]
        wide = pd.concat([base, column], axis=1) if wide is None else wide.join(column, how="outer")
        if wide["name"].isna().any():  # members admitted between the votes
            wide["name"] = wide["name"].fillna(base["name"])
    assert wide is not None
    sec.tables.append(w.table(wide.reset_index(), "es11-votes"))
    if first_table is not None:
        rc = ds.rollcall(_FIRST)
        caption = source_caption(ds, [rc["rcid"]], note="Microstates as dots. Outlines: Natural Earth.")
        with plot_style():
            fig, ax = plt.subplots(figsize=(11, 6.0), layout="constrained")
            plot_vote_map(
                first_table,
                highlight=countries,
                title=f"{_FIRST} ({long_date(rc['date'])})",
                caption=caption,
                ax=ax,
            )
        w.figure(fig, "es11-1-map")
        sec.charts.append(("es11-1-map", f"World map of the votes on {_FIRST}; {names(countries)} outlined"))
        sec.tables.append(w.table(first_table[["country", "name", "vote"]], "es11-1-map"))
    sentences.append(_switch_sentences(ctx, w, sec))
    sec.paragraph = " ".join(s for s in sentences if s)
    return sec


def _switch_sentences(ctx: Context, w: Writer, sec: Section) -> str:
    import matplotlib.pyplot as plt

    from unvotes.measures import switch_counts, switched
    from unvotes.plots import plot_style, plot_switches, source_caption

    ds = ctx.dataset
    if not (ctx.has(_FIRST) and ctx.has(_LATER)):
        return ""
    moved = switched(ds, _FIRST, _LATER)
    counts = switch_counts(ds, _FIRST, _LATER)
    rcids = [ds.rollcall(_FIRST)["rcid"], ds.rollcall(_LATER)["rcid"]]
    with plot_style():
        fig, ax = plt.subplots(figsize=(6.4, 5.2), layout="constrained")
        plot_switches(counts, from_label=_FIRST, to_label=_LATER, caption=source_caption(ds, rcids), ax=ax)
    w.figure(fig, "es11-switches")
    sec.charts.append(
        ("es11-switches", f"How many members moved from each vote on {_FIRST} to each on {_LATER}")
    )
    sec.tables.append(w.table(moved, "es11-switches"))
    real = moved[~moved["from"].isin(["-"]).to_numpy() & ~moved["to"].isin(["-"]).to_numpy()]
    parts = []
    for (a, b), group in real.groupby(["from", "to"], sort=False):
        parts.append(
            f"{len(group)} from {_STATE_WORDS.get(str(a), a)} to {_STATE_WORDS.get(str(b), b)} "
            f"({names(group['country'].head(6))}{' and others' if len(group) > 6 else ''})"
        )
    mine = moved[moved["country"].isin(ctx.countries).to_numpy()]
    own = (
        "; ".join(
            f"{names([c])} went from {_STATE_WORDS.get(str(a), a)} to {_STATE_WORDS.get(str(b), b)}"
            for c, a, b in zip(mine["country"], mine["from"], mine["to"], strict=True)
        )
        if len(mine)
        else f"{names(ctx.countries)} cast the same vote on both"
    )
    return (
        f"Between {_FIRST} and {_LATER}, {len(real)} members that voted on both changed their vote: "
        + "; ".join(parts)
        + f". {own}."
    )
