"""Section 6: who votes with whom: the clustered agreement heatmap of the countries, references and SAARC."""

from __future__ import annotations

import numpy as np
import pandas as pd

from unvotes._words import long_date
from unvotes.report.page import Section
from unvotes.report.sections._common import Context, name
from unvotes.report.writer import Writer

__all__ = ["section_heatmap"]


def section_heatmap(ctx: Context, w: Writer) -> Section:
    from unvotes.measures import agreement_matrix
    from unvotes.plots import plot_agreement_heatmap, plot_style, source_caption
    from unvotes.registry import group_members

    sec = Section("heatmap", "Who votes with whom")
    vm = ctx.ga
    ga = vm.rollcalls
    if ga.empty:
        sec.unavailable = "This data has no General Assembly roll calls."
        return sec
    last = pd.Timestamp(ga["date"].max())
    present = set(vm.countries)
    wanted = list(
        dict.fromkeys([*ctx.countries, *ctx.references, *sorted(group_members("SAARC", last)), "GBR", "FRA"])
    )
    codes = [c for c in wanted if c in present]
    if len(codes) < 2:
        sec.unavailable = "Fewer than two of these countries voted in this data."
        return sec
    matrix = agreement_matrix(vm, countries=codes)
    shown = matrix.copy()
    if ctx.labels == "name":
        shown.index = [name(c) for c in codes]
        shown.columns = shown.index
    caption = source_caption(
        ctx.dataset, ga["rcid"], note="Share of identical votes; diagonal left out of the scale."
    )
    with plot_style():
        fig = plot_agreement_heatmap(
            shown,
            label="Share of identical votes",
            caption=caption,
            title=f"Who votes with whom in the General Assembly, {ga['year'].min()}–{ga['year'].max()}",
        )
    w.figure(fig, "agreement-heatmap")
    sec.charts.append(("agreement-heatmap", "Agreement matrix ordered by hierarchical clustering"))
    sec.tables.append(w.table(matrix.reset_index(), "agreement-matrix"))
    values = matrix.where(~np.eye(len(codes), dtype=bool)).stack()
    if len(values):
        (a, b), hi = values.idxmax(), values.max()
        (c, d), lo = values.idxmin(), values.min()
        sec.paragraph = (
            f"Share of identical votes on {len(ga):,} General Assembly roll calls "
            f"({long_date(ga['date'].min())} to {long_date(last)}) among {len(codes)} states. "
            f"The closest pair is {name(a)} and {name(b)} ({hi:.2f}), the most distant "
            f"{name(c)} and {name(d)} ({lo:.2f}); the dendrogram joins first the states that vote most alike."
        )
    return sec
