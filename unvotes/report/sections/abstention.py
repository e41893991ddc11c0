"""Section 2: the abstention bloc: who abstained with whom on which votes, and how stable it is.

The abstainers of the ES-11 votes are grouped into blocs (Louvain on joint
abstentions, with bootstrap core scores: :func:`unvotes.measures.abstention_blocs`)
and drawn as a country by resolution grid, rows ordered by bloc and core
score; the grid carries on with earlier and later contested votes on Ukraine
(Crimea 2014 onwards) to show whether the same states abstained then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pandas as pd

from unvotes._words import long_date
from unvotes.engine import Selection, select
from unvotes.report.page import Section
from unvotes.report.sections._common import Context, names
from unvotes.report.writer import Writer

if TYPE_CHECKING:
    from unvotes.measures.blocs import Blocs

__all__ = ["section_abstention"]

_RESAMPLES: Final = 100
# Other recorded votes on Ukraine, before and after ES-11: territorial integrity (2014),
# human rights in Crimea (2016), the militarisation of Crimea (2018), human rights (2025).
_OTHER_VOTES: Final = ("A/RES/68/262", "A/RES/71/205", "A/RES/73/194", "A/RES/80/223")


def _short(symbol: str) -> str:
    return symbol.removeprefix("A/RES/")


def _wide(ctx: Context, symbols: list[str], rows: list[str]) -> pd.DataFrame:
    ds = ctx.dataset
    columns = {}
    for symbol in symbols:
        votes = ds.votes_on(symbol).drop_duplicates("country").set_index("country")["vote"].astype(str)
        columns[_short(symbol)] = votes.reindex(rows).fillna("-")
    return pd.DataFrame(columns, index=rows)


def section_abstention(ctx: Context, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures import abstention_blocs
    from unvotes.plots import plot_style, source_caption
    from unvotes.plots.grid import plot_vote_grid

    ds, countries = ctx.dataset, ctx.countries
    sec = Section("abstention", "The abstention bloc: who abstained with whom, on which votes")
    rolls = ctx.es11
    if rolls.empty:
        sec.unavailable = (
            "This data has no recorded votes of the eleventh emergency special session, so the abstention "
            "bloc of the Ukraine votes cannot be found."
        )
        return sec
    rcids = rolls["rcid"].astype(str).tolist()
    es11 = rolls["resolution"].astype(str).tolist()
    blocs = abstention_blocs(select(ds, Selection(rcids=rcids)), resamples=_RESAMPLES, seed=0)
    members = blocs.countries[(blocs.countries["abstentions"] > 0).to_numpy()].reset_index(drop=True)
    members = members.sort_values(["bloc", "core_score", "country"], ascending=[True, False, True])
    rows = members["country"].astype(str).tolist()
    rows += [
        c for c in countries if c not in rows
    ]  # the story's states are shown even if they never abstained
    others = [s for s in _OTHER_VOTES if ctx.has(s)]
    dates = {s: ds.rollcall(s)["date"] for s in [*es11, *others]}
    symbols = sorted([*es11, *others], key=lambda s: pd.Timestamp(dates[s]))
    grid = _wide(ctx, symbols, rows)
    bloc_of = members.set_index("country")["bloc"]
    groups = pd.Series(
        [
            f"bloc {int(bloc_of[c])}"
            if pd.notna(bloc_of.get(c))
            else ("no bloc" if c in bloc_of else "never abstained")
            for c in rows
        ],
        index=rows,
    )
    scores = members.set_index("country")["core_score"]
    used = [ds.rollcall(s)["rcid"] for s in symbols]
    note = (
        f"Rows: members that abstained at least once on ES-11. Core score: share of {_RESAMPLES} resamples."
    )
    caption = source_caption(ds, used, note=note)
    height = max(6.0, 0.17 * len(rows) + 2.4)
    with plot_style():
        fig, ax = plt.subplots(figsize=(9.5, height), layout="constrained")
        plot_vote_grid(
            grid,
            groups=groups,
            scores=scores,
            score_label="core",
            highlight=countries,
            labels=ctx.labels,
            title="Votes of the ES-11 abstainers, by abstention bloc",
            caption=caption,
            ax=ax,
        )
    w.figure(fig, "abstention-grid")
    sec.charts.append(
        (
            "abstention-grid",
            "Each ES-11 abstainer's vote on the ES-11 resolutions and earlier and later Ukraine votes",
        )
    )
    table = grid.copy()
    table.insert(0, "core_score", scores.reindex(rows))
    table.insert(0, "bloc", bloc_of.reindex(rows))
    sec.tables.append(w.table(table.rename_axis("country").reset_index(), "abstention-grid"))
    sec.tables.append(w.table(blocs.blocs.drop(columns="rollcalls"), "abstention-blocs"))
    sec.paragraph = _paragraph(ctx, blocs, members, grid, es11, others, dates)
    return sec


def _paragraph(
    ctx: Context,
    blocs: Blocs,
    members: pd.DataFrame,
    grid: pd.DataFrame,
    es11: list[str],
    others: list[str],
    dates: dict[str, object],
) -> str:
    table = blocs.blocs
    countries = ctx.countries
    sentences = [
        f"{len(members)} members abstained at least once on the {len(es11)} ES-11 resolutions; joint "
        f"abstentions group them into {len(table)} blocs (sizes "
        f"{', '.join(str(x) for x in table['size'])})."
    ]
    c = members.set_index("country")
    for _, b in table.iterrows():
        core = [x for x in str(b["core"]).split(",") if x]
        mine = [x for x in countries if x in str(b["members"]).split(",")]
        text = (
            f"Bloc {b['bloc']} ({b['size']} members, {len(core)} in its stable core) abstained together on "
            f"{b['together']} of the {len(es11)} votes"
        )
        if mine:
            scores = ", ".join(f"{names([x])} {float(c.loc[x, 'core_score']):.2f}" for x in mine)
            text += f"; it holds {names(mine)} (core score{'s' if len(mine) > 1 else ''}: {scores})"
        sentences.append(text + ".")
    outside = [x for x in countries if x not in c.index or pd.isna(c.loc[x, "bloc"])]
    if outside:
        sentences.append(f"{names(outside)} abstained on no ES-11 resolution or are in no bloc.")
    cores = {
        int(b): members[
            (members["bloc"] == b).to_numpy() & members["core"].fillna(False).astype(bool).to_numpy()
        ]["country"]
        .astype(str)
        .tolist()
        for b in table["bloc"]
    }
    words = {"Y": "voted yes", "A": "abstained", "N": "voted no", "X": "were absent"}
    for symbol in others:
        column = grid[_short(symbol)]
        per_bloc = []
        for b, core in cores.items():
            counts = column.reindex(core).value_counts()
            per_bloc.append(
                f"of bloc {b}'s {len(core)} core members {int(counts.get('A', 0))} abstained, "
                f"{int(counts.get('Y', 0))} voted yes, {int(counts.get('N', 0))} no and "
                f"{int(counts.get('X', 0))} were absent"
            )
        mine = column.reindex([x for x in countries if x in grid.index])
        own = "; ".join(
            f"{names(list(g.index))} {words.get(str(v), 'were not members')}" for v, g in mine.groupby(mine)
        )
        sentences.append(
            f"On {symbol} ({long_date(dates[symbol])}), "
            + "; ".join(per_bloc)
            + (f"; {own}" if own else "")
            + "."
        )
    return " ".join(sentences)
