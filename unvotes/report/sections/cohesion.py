"""Cohesion of the South Asian states (SAARC) and of the OIC in the General Assembly, by year."""

from __future__ import annotations

from typing import Final

from unvotes.report.page import Section
from unvotes.report.sections._common import Context
from unvotes.report.writer import Writer

__all__ = ["section_cohesion"]

_GROUPS: Final = ("SAARC", "OIC")


def section_cohesion(ctx: Context, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures import agreement_index
    from unvotes.plots import plot_cohesion, plot_style, source_caption

    sec = Section("cohesion", "Cohesion of the South Asian states (SAARC) and of the OIC")
    vm = ctx.ga
    table = agreement_index(vm, list(_GROUPS), by="year")
    if table.empty:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these groups."
        return sec
    years = vm.rollcalls["year"]
    used = vm.rollcalls[years.between(int(table["period"].min()), int(table["period"].max())).to_numpy()]
    caption = source_caption(
        ctx.dataset, used["rcid"], note="Agreement Index (Hix, Noury and Roland), mean per year."
    )
    with plot_style():
        fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
        plot_cohesion(table, ax=ax, caption=caption)
    w.figure(fig, "cohesion-by-year")
    sec.charts.append(("cohesion-by-year", "Cohesion of SAARC and the OIC in the General Assembly, by year"))
    sec.tables.append(w.table(table, "cohesion-by-year"))
    parts = []
    for g in _GROUPS:
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
