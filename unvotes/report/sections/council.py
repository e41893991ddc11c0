"""Section 4: the Security Council: the February 2022 votes member by member, the vetoes, who sat there.

S/2022/155 (the draft Russia vetoed on 25 February 2022) and S/RES/2623
(2022) (which called the emergency special session two days later), each
member's vote with the permanent members marked; the vetoes cast per year by
permanent seat; and a sentence checking, from the Council's composition that
day (``unvotes/_data/sc_membership.csv``), whether the countries followed
could have voted there at all.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from unvotes._words import long_date
from unvotes.report.page import Section
from unvotes.report.sections._common import VOTE_WORDS, Context, name, names
from unvotes.report.writer import Writer

__all__ = ["section_council"]

_VOTES: Final = ("S/2022/155", "S/RES/2623 (2022)")
_P5: Final = ("CHN", "FRA", "GBR", "RUS", "USA")
# the permanent seats counted by seat (unvotes.measures.council): their earlier holders named
_SEAT_LABELS: Final = {"CHN": "China (Republic of China to 1971)", "RUS": "Russia (USSR to 1991)"}


def section_council(ctx: Context, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures.council import vetoes_by_member
    from unvotes.plots import plot_style, source_caption
    from unvotes.plots.grid import plot_vetoes, plot_vote_grid
    from unvotes.registry import sc_members

    ds = ctx.dataset
    sec = Section("council", "The Security Council: February 2022, the vetoes, and who sat there")
    present = [s for s in _VOTES if ctx.has(s)]
    if not present:
        sec.unavailable = (
            "This data has no Security Council votes of February 2022 (S/2022/155, S/RES/2623 (2022)); "
            "the embedded data (the default) has them."
        )
        return sec
    rows = {s: ds.rollcall(s) for s in present}
    columns = {}
    for s, row in rows.items():
        votes = ds.votes[(ds.votes["rcid"] == row["rcid"]).to_numpy()]
        columns[f"{s}\n{long_date(row['date'])}"] = votes.set_index("country")["vote"].astype(str)
    wide = pd.DataFrame(columns)
    order = sorted(wide.index, key=lambda c: (c not in _P5, name(str(c))))
    wide = wide.loc[order].fillna("-")
    groups = pd.Series(["permanent" if c in _P5 else "elected" for c in order], index=order)
    caption = source_caption(ds, [r["rcid"] for r in rows.values()])
    with plot_style():
        fig, ax = plt.subplots(figsize=(7.5, 5.4), layout="constrained")
        plot_vote_grid(
            wide,
            groups=groups,
            highlight=_P5,
            labels=ctx.labels,
            column_rotation=0,
            title="Security Council votes on Ukraine, February 2022",
            caption=caption,
            ax=ax,
        )
    w.figure(fig, "council-2022")
    sec.charts.append(
        ("council-2022", f"Each Council member's vote on {names(present)}; permanent members first")
    )
    flat = wide.rename(columns=lambda c: c.split("\n")[0])
    sec.tables.append(w.table(flat.rename_axis("country").reset_index(), "council-2022"))
    sentences = []
    for s, row in rows.items():
        votes = wide[next(c for c in wide.columns if c.startswith(s))]
        by: dict[str, list[str]] = {}
        for c, v in votes.items():
            by.setdefault(v, []).append(str(c))
        tally = "; ".join(f"{names(by[v])} {VOTE_WORDS[v]}" for v in ("Y", "N", "A", "X") if v in by)
        outcome = "adopted" if bool(row["adopted"]) else "not adopted"
        vetoed = row.get("vetoed_by")
        if isinstance(vetoed, str) and vetoed:
            outcome += f", vetoed by {names(vetoed.split(','))}"
        sentences.append(f"{s} ({long_date(row['date'])}, {outcome}): {tally}.")
    day = pd.Timestamp(next(iter(rows.values()))["date"])
    seated = sc_members(day)
    sat = [c for c in ctx.countries if c in seated]
    away = [c for c in ctx.countries if c not in seated]
    check = f"On {long_date(day)} the Council's members were {names(sorted(seated, key=name))}"
    if away:
        check += f"; {names(away)} did not sit on the Council, so no vote of theirs there can be counted"
    if sat:
        check += f"; {names(sat)} sat on it"
    sentences.append(check + ".")
    vetoes = vetoes_by_member(ds, by="year")
    total = vetoes.groupby("country")["vetoes"].sum()
    with plot_style():
        fig, ax = plt.subplots(figsize=(11, 4.2), layout="constrained")
        years = pd.to_numeric(vetoes["period"])
        plot_vetoes(
            vetoes,
            labels=ctx.labels,
            seat_labels=_SEAT_LABELS if ctx.labels == "name" else None,
            mark=[(float(day.year), str(day.year))],
            ax=ax,
            caption=source_caption(ds, ds.rollcalls.loc[ds.rollcalls["vetoed_by"].notna(), "rcid"]),
        )
    w.figure(fig, "vetoes-by-year")
    sec.charts.append(("vetoes-by-year", "Vetoes cast per year, by permanent seat"))
    sec.tables.append(w.table(vetoes, "vetoes-by-year"))
    order_t = total.sort_values(ascending=False)
    sentences.append(
        f"From {int(years.min())} to {int(years.max())} the permanent members cast "
        f"{int(order_t.sum())} vetoes: "
        + ", ".join(f"{name(str(c))} {int(v)}" for c, v in order_t.items())
        + " (the USSR's counted with Russia's seat, the Republic of China's with China's)."
    )
    sec.paragraph = " ".join(sentences)
    return sec
