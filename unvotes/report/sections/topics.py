"""Section 5: where the countries part from the first reference (the US), topic by topic."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from unvotes.report.page import Section
from unvotes.report.sections._common import Context, name, names
from unvotes.report.writer import Writer

__all__ = ["section_topics"]

_RECENT_YEARS: Final = 10


def section_topics(ctx: Context, w: Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.measures import alignment
    from unvotes.model import ISSUE_CODES, TOPIC_NAMES
    from unvotes.plots import plot_style, source_caption
    from unvotes.plots.grid import plot_value_grid

    ref = ctx.references[0]
    countries = ctx.countries
    sec = Section("topics", f"Topics: where {names(countries)} part from {name(ref)}")
    vm = ctx.ga
    if vm.rollcalls.empty:
        sec.unavailable = "This data has no General Assembly roll calls."
        return sec
    last = int(vm.rollcalls["year"].max())
    first = int(vm.rollcalls["year"].min())
    spans = {
        f"{first}–{last}": (None, None),
        f"{last - _RECENT_YEARS + 1}–{last}": (last - _RECENT_YEARS + 1, last),
    }
    frames = []
    for label, (start, end) in spans.items():
        for code in ISSUE_CODES:
            t = alignment(vm, countries, [ref], by=None, topic=code, start=start, end=end)
            frames.append(
                t.assign(span=label, topic=TOPIC_NAMES[code])[["span", "topic", "country", "value", "n"]]
            )
    table = pd.concat(frames, ignore_index=True)
    if int(table["n"].sum()) == 0:
        sec.unavailable = "No roll call of this data carries a topic."
        return sec
    used = vm.rollcalls["rcid"]
    caption = source_caption(
        ctx.dataset, used, note=f"Share of identical votes with {name(ref)}; topics: Voeten's codes."
    )
    top = float(np.ceil(np.nanmax(table["value"].to_numpy(dtype=float)) * 10) / 10)
    with plot_style():
        fig, axes = plt.subplots(
            1, len(spans), figsize=(12, 3.2 + 0.35 * len(countries)), layout="constrained", sharey=True
        )
        for ax, label in zip(axes, spans, strict=True):
            part = table[(table["span"] == label).to_numpy()]
            grid = part.pivot(index="country", columns="topic", values="value").reindex(countries)
            plot_value_grid(
                grid,
                labels=ctx.labels,
                value_label=f"agreement with {name(ref)}",
                vmax=top,
                title=f"{label}",
                ax=ax,
            )
        fig.suptitle(f"Agreement with {name(ref)} by topic", x=0.01, ha="left", fontsize=11)
        from unvotes.plots import add_caption

        add_caption(fig, caption)
    w.figure(fig, "topics")
    sec.charts.append(
        ("topics", f"Agreement of {names(countries)} with {name(ref)} by topic, whole record and last decade")
    )
    sec.tables.append(w.table(table, "topics"))
    sentences = []
    for label in spans:
        part = table[(table["span"] == label).to_numpy() & (table["n"] > 0).to_numpy()]
        if part.empty:
            continue
        by_topic = part.groupby("topic")["value"].mean().sort_values()
        low, high = by_topic.index[0], by_topic.index[-1]
        low_row = part[(part["topic"] == low).to_numpy()].set_index("country")["value"]
        each = ", ".join(f"{name(c)} {low_row[c]:.2f}" for c in countries if c in low_row.index)
        sentences.append(
            f"In {label}, the {len(countries)} states agreed with {name(ref)} least on {low} ({each}; "
            f"{by_topic.iloc[0]:.2f} on average over them) and most on {high} "
            f"({by_topic.iloc[-1]:.2f} on average)."
        )
    sec.paragraph = " ".join(sentences)
    return sec
