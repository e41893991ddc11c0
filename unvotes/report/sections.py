"""The report's sections: one function per section, each computing its numbers, charts and words.

Each section function takes the dataset, a :class:`~unvotes.report.writer.Writer`
and the countries followed; it returns a :class:`~unvotes.report.page.Section`.
The roll calls a caption names are those of the vote matrix that computed the
numbers (the section's :class:`~unvotes.engine.selection.Selection`), never
selected again by hand. Sections whose data is missing say so.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from unvotes._words import join_words as _join
from unvotes._words import long_date as _day
from unvotes.engine import Selection, select
from unvotes.model import Dataset, recorded, whole_resolution
from unvotes.report.page import Section
from unvotes.report.writer import Writer

__all__ = ["section_alignment", "section_blocs", "section_cohesion", "section_es11", "section_heatmap"]

_RESAMPLES: Final = 100
_MIN_EXCESS: Final = 1.5
_COHESION_GROUPS: Final = ("SAARC", "OIC")
_VOTE_WORDS: Final = {
    "Y": "voted yes",
    "A": "abstained",
    "N": "voted no",
    "X": "did not vote",
    "U": "vote not recorded",
}
_GA: Final = Selection(body="GA")


def _es11(ds: Dataset) -> pd.DataFrame:
    rc = ds.rollcalls
    sym = rc["resolution"].fillna("").astype(str)
    hit = rc[sym.str.startswith("A/RES/ES-11/").to_numpy() & recorded(rc) & whole_resolution(rc)]
    number = hit["resolution"].str.extract(r"ES-11/(\d+)")[0].astype(int)
    return hit.assign(_k=number.to_numpy()).sort_values(["_k", "date"]).drop(columns="_k")


def section_es11(ds: Dataset, w: Writer, countries: list[str]) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.plots import plot_rollcall, plot_style, rollcall_groups

    sec = Section("es11", "Votes on the Ukraine resolutions (ES-11), member by member")
    rolls = _es11(ds)
    if rolls.empty:
        sec.unavailable = (
            "This data has no recorded votes of the eleventh emergency special session (A/RES/ES-11/…), "
            "so this section is unavailable. The bundled sample (--data sample) and the UN's resolution "
            "extracts have them."
        )
        return sec
    wide: pd.DataFrame | None = None
    sentences = []
    for _, row in rolls.iterrows():
        symbol = str(row["resolution"])
        table = rollcall_groups(ds, symbol)
        counts = table["vote"].value_counts()
        votes = table.set_index("country")["vote"]
        mine = [(c, votes.get(c, "not a member")) for c in countries]
        by_vote: dict[str, list[str]] = {}
        for c, v in mine:
            by_vote.setdefault(_VOTE_WORDS.get(v, "were not members"), []).append(c)
        own = "; ".join(f"{_join(cs)} {what}" for what, cs in by_vote.items())
        sentences.append(
            f"On {symbol} ({_day(row['date'])}), {int(counts.get('Y', 0))} members voted yes, "
            f"{int(counts.get('N', 0))} no, {int(counts.get('A', 0))} abstained and "
            f"{int(counts.get('X', 0))} did not vote; {own}."
        )
        with plot_style():
            fig, ax = plt.subplots(figsize=(12, 7.2), layout="constrained")
            plot_rollcall(ds, symbol, highlight=countries, ax=ax)
        stem = "es11-" + symbol.rsplit("/", 1)[-1] + "-votes"
        w.figure(fig, stem)
        sec.charts.append((stem, f"How every member voted on {symbol}, by UN regional group"))
        column = table.set_index("country")["vote"].rename(symbol)
        base = table.set_index("country")[["name", "group"]]
        wide = pd.concat([base, column], axis=1) if wide is None else wide.join(column, how="outer")
        if wide is not None and wide["name"].isna().any():  # pragma: no cover - members changed
            wide["name"] = wide["name"].fillna(base["name"])
    assert wide is not None
    sec.tables.append(w.table(wide.reset_index(), "es11-votes"))
    sec.paragraph = " ".join(sentences)
    return sec


def _alignment_paragraph(table: pd.DataFrame, countries: list[str], references: list[str]) -> str:
    parts = []
    years = table.loc[table["n"] > 0, "period"]
    if years.empty:
        return "No roll call had votes of these countries and references."
    first, last = int(years.min()), int(years.max())
    for c in countries:
        t = table[(table["country"].astype(str) == c).to_numpy() & (table["n"] > 0).to_numpy()]
        if t.empty:
            continue
        mean = t.groupby(t["reference"].astype(str), observed=True)["value"].mean().dropna()
        if mean.empty:
            continue
        hi, lo = mean.idxmax(), mean.idxmin()
        line = f"{c} agreed most often with {hi} (mean share {mean[hi]:.2f} per year)"
        if lo != hi:
            line += f" and least with {lo} ({mean[lo]:.2f})"
        trend = []
        for r in references:
            s = t[(t["reference"].astype(str) == r).to_numpy()].sort_values("period")
            if len(s) >= 2:
                trend.append(
                    f"with {r} from {s['value'].iloc[0]:.2f} in {int(s['period'].iloc[0])} to "
                    f"{s['value'].iloc[-1]:.2f} in {int(s['period'].iloc[-1])} "
                    f"({int(s['n'].iloc[-1])} joint votes)"
                )
        parts.append(line + ("; it moved " + ", ".join(trend) if trend else "") + ".")
    head = (
        f"Share of identical votes (Y, A or N) on General Assembly roll calls, {first}–{last}, per year; "
        "markers grow with the number of joint votes. "
    )
    return head + " ".join(parts)


def section_alignment(ds: Dataset, w: Writer, countries: list[str], references: list[str]) -> Section:
    from unvotes.measures import alignment
    from unvotes.plots import plot_alignment_grid, plot_style, source_caption

    sec = Section("alignment", f"Alignment of {_join(countries)} with {_join(references)} by year")
    vm = select(ds, _GA)
    table = alignment(vm, countries, references, measure=["percent", "kappa"], by="year")
    percent = table[(table["measure"] == "percent").to_numpy()]
    if percent.empty or int(percent["n"].sum()) == 0:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these countries."
        return sec
    years = percent.loc[percent["n"] > 0, "period"]
    used = vm.rollcalls[vm.rollcalls["year"].between(int(years.min()), int(years.max())).to_numpy()]
    caption = source_caption(ds, used["rcid"], note="Measure: share of identical votes.")
    with plot_style():
        fig = plot_alignment_grid(percent, references=references, countries=countries, caption=caption)
    w.figure(fig, "alignment-by-year")
    sec.charts.append(("alignment-by-year", f"Agreement of {_join(countries)} with each reference, by year"))
    sec.tables.append(w.table(table, "alignment-by-year"))
    sec.paragraph = _alignment_paragraph(percent, countries, references)
    return sec


def section_heatmap(ds: Dataset, w: Writer, countries: list[str], references: list[str]) -> Section:
    from unvotes.measures import agreement_matrix
    from unvotes.plots import plot_agreement_heatmap, plot_style, source_caption
    from unvotes.registry import group_members

    sec = Section("heatmap", "Who votes with whom")
    vm = select(ds, _GA)
    ga = vm.rollcalls
    if ga.empty:
        sec.unavailable = "This data has no General Assembly roll calls."
        return sec
    last = pd.Timestamp(ga["date"].max())
    present = set(vm.countries)
    wanted = list(dict.fromkeys([*countries, *references, *group_members("SAARC", last), "GBR", "FRA"]))
    codes = [c for c in wanted if c in present]
    if len(codes) < 2:
        sec.unavailable = "Fewer than two of these countries voted in this data."
        return sec
    matrix = agreement_matrix(vm, countries=codes)
    caption = source_caption(ds, ga["rcid"], note="Measure: share of identical votes.")
    with plot_style():
        fig = plot_agreement_heatmap(matrix, label="Share of identical votes", caption=caption)
    w.figure(fig, "agreement-heatmap")
    sec.charts.append(("agreement-heatmap", "Agreement matrix ordered by hierarchical clustering"))
    sec.tables.append(w.table(matrix.reset_index(), "agreement-matrix"))
    values = matrix.where(~np.eye(len(codes), dtype=bool)).stack()
    if len(values):
        (a, b), hi = values.idxmax(), values.max()
        (c, d), lo = values.idxmin(), values.min()
        sec.paragraph = (
            f"Share of identical votes on {len(ga):,} General Assembly roll calls "
            f"({_day(ga['date'].min())} to {_day(last)}) among {len(codes)} states. The closest pair is "
            f"{a}–{b} ({hi:.2f}), the most distant {c}–{d} ({lo:.2f}); the dendrogram joins first the "
            "states that vote most alike."
        )
    return sec


def section_blocs(ds: Dataset, w: Writer, countries: list[str]) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures import abstention_blocs, pair_abstention
    from unvotes.plots import plot_bloc_network, plot_style, source_caption

    sec = Section("blocs", "The abstention bloc of the Ukraine votes")
    rolls = _es11(ds)
    if rolls.empty:
        sec.unavailable = (
            "This data has no recorded votes of the eleventh emergency special session, so the abstention "
            "bloc of the Ukraine votes cannot be found."
        )
        return sec
    rcids = rolls["rcid"].astype(str).tolist()
    vm = select(ds, Selection(rcids=rcids))  # one matrix for the blocs and for the network's edges
    blocs = abstention_blocs(vm, resamples=_RESAMPLES, seed=0)
    members = blocs.countries[(blocs.countries["abstentions"] > 0).to_numpy()].reset_index(drop=True)
    # the blocs' null: joint abstentions against each roll call's abstention rate
    edges = pair_abstention(vm, members["country"].astype(str).tolist(), null="rollcall")
    pairs = edges[["country", "partner", "joint", "expected"]]
    note = f"Louvain blocs; core = co-assigned in ≥ 80% of {_RESAMPLES} bootstrap resamples."
    caption = source_caption(ds, vm.rollcalls["rcid"], note=note)
    with plot_style():
        fig, ax = plt.subplots(figsize=(11, 8.5), layout="constrained")
        plot_bloc_network(members, pairs, min_excess=_MIN_EXCESS, ax=ax, caption=caption)
    w.figure(fig, "es11-abstention-blocs")
    sec.charts.append(
        ("es11-abstention-blocs", "Countries that abstained at least once on ES-11, by abstention bloc")
    )
    sec.tables.append(w.table(blocs.countries, "es11-bloc-members"))
    sec.tables.append(w.table(blocs.blocs.drop(columns="rollcalls"), "es11-blocs"))
    sec.tables.append(w.table(pairs[(pairs["country"] < pairs["partner"]).to_numpy()], "es11-coabstention"))
    c = blocs.countries.set_index("country")
    sentences = [
        f"{len(members)} members abstained at least once on the {len(rcids)} ES-11 resolutions; "
        f"the abstention network splits them into {len(blocs.blocs)} blocs "
        f"(sizes {_join([str(x) for x in blocs.blocs['size']])})."
    ]
    for _, b in blocs.blocs.iterrows():
        core = [x for x in str(b["core"]).split(",") if x]
        mine = [x for x in countries if x in str(b["members"]).split(",")]
        text = (
            f"Bloc {b['bloc']} ({b['size']} members, {len(core)} of them in its stable core) abstained "
            f"together on {b['together']} of the {len(rcids)} votes"
        )
        if mine:
            in_core = [x for x in mine if bool(c.loc[x, "core"])]
            if in_core:
                text += f"; it includes {_join(mine)}, with {_join(in_core)} in the core"
            else:
                text += f"; it includes {_join(mine)}, " + (
                    "not in the core" if len(mine) == 1 else "none of them in the core"
                )
        sentences.append(text + ".")
    outside = [x for x in countries if x not in c.index or pd.isna(c.loc[x, "bloc"])]
    if outside:
        sentences.append(f"{_join(outside)} are in no abstention bloc.")
    sec.paragraph = " ".join(sentences)
    return sec


def section_cohesion(ds: Dataset, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures import agreement_index
    from unvotes.plots import plot_cohesion, plot_style, source_caption

    sec = Section("cohesion", "Cohesion of the South Asian states (SAARC) and of the OIC")
    vm = select(ds, _GA)
    table = agreement_index(vm, list(_COHESION_GROUPS), by="year")
    if table.empty:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these groups."
        return sec
    years = vm.rollcalls["year"]
    used = vm.rollcalls[years.between(int(table["period"].min()), int(table["period"].max())).to_numpy()]
    caption = source_caption(ds, used["rcid"], note="Agreement Index (Hix, Noury and Roland), mean per year.")
    with plot_style():
        fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
        plot_cohesion(table, ax=ax, caption=caption)
    w.figure(fig, "cohesion-by-year")
    sec.charts.append(("cohesion-by-year", "Cohesion of SAARC and the OIC in the General Assembly, by year"))
    sec.tables.append(w.table(table, "cohesion-by-year"))
    parts = []
    for g in _COHESION_GROUPS:
        t = table[(table["group"] == g).to_numpy()].sort_values("period")
        if t.empty:
            continue
        lo, hi = t.loc[t["cohesion"].idxmin()], t.loc[t["cohesion"].idxmax()]
        parts.append(
            f"{g}'s cohesion ranged from {lo['cohesion']:.2f} ({lo['period']}) to {hi['cohesion']:.2f} "
            f"({hi['period']}), with on average {t['members_voting'].mean():.1f} members casting a vote"
        )
    sec.paragraph = (
        "Agreement Index: 1 when every member casting a vote voted alike, 0 or less when split; "
        "mean over each year's General Assembly roll calls. " + "; ".join(parts) + "."
    )
    return sec
