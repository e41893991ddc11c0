"""Section 3: the long run: the countries' agreement with each reference and their ideal points, 1946 on.

One figure, all panels on one shared year axis, with the dated era markers
of ``unvotes/_data/eras.csv``. The words place each country's recent years
(the last three complete years) against its own historical range and
against its neighbours' recent values, in numbers.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes._words import join_words
from unvotes.errors import CoverageWarning
from unvotes.report.page import Section
from unvotes.report.sections._common import Context, name, names
from unvotes.report.writer import Writer

__all__ = ["recent_against_history", "section_longrun"]

_RECENT: Final = 3
_MIN_VOTES: Final = 10


def recent_against_history(table: pd.DataFrame, value: str = "value") -> pd.DataFrame:
    """Per country and reference: the mean of the last complete years and where it falls in its own record.

    ``table`` has ``country, reference, period, partial_period, n`` and ``value``
    (alignment by year). Returns ``country, reference, recent_from,
    recent_to, recent, n_recent, first, low, low_year, high, high_year,
    median, percentile`` (the share of the country's earlier years with a
    lower value, in percent).
    """
    rows = []
    full = table[~table["partial_period"].fillna(False).astype(bool).to_numpy()]
    full = full[(full["n"] >= _MIN_VOTES).to_numpy() & full[value].notna().to_numpy()]
    for (c, r), part in full.groupby(["country", "reference"], observed=True, sort=False):
        part = part.assign(year=pd.to_numeric(part["period"])).sort_values("year")
        if len(part) <= _RECENT:
            continue
        recent, past = part.iloc[-_RECENT:], part.iloc[:-_RECENT]
        mean = float(recent[value].mean())
        low, high = past.loc[past[value].idxmin()], past.loc[past[value].idxmax()]
        rows.append(
            {
                "country": str(c),
                "reference": str(r),
                "recent_from": int(recent["year"].iloc[0]),
                "recent_to": int(recent["year"].iloc[-1]),
                "recent": mean,
                "n_recent": int(recent["n"].sum()),
                "first": int(past["year"].iloc[0]),
                "low": float(low[value]),
                "low_year": int(low["year"]),
                "high": float(high[value]),
                "high_year": int(high["year"]),
                "median": float(past[value].median()),
                "percentile": float((past[value] < mean).mean() * 100),
            }
        )
    return pd.DataFrame(rows)


def names_of_years(years: Iterable[Any]) -> str:
    """``2020 and 2026``."""
    return join_words([str(y) for y in years])


def _words(placed: pd.DataFrame, countries: list[str], references: list[str]) -> list[str]:
    out = []
    for ref in references:
        part = placed[(placed["reference"] == ref).to_numpy()].set_index("country")
        mine = [c for c in countries if c in part.index]
        if not mine:
            continue
        first = part.loc[mine[0]]
        lines = []
        for c in mine:
            p = part.loc[c]
            side = "above" if p["recent"] > p["median"] else "below" if p["recent"] < p["median"] else "at"
            lines.append(
                f"{name(c)} {p['recent']:.2f} ({int(p['n_recent'])} votes), {side} its {int(p['first'])}–"
                f"{int(p['recent_from']) - 1} median of {p['median']:.2f} and higher than "
                f"{p['percentile']:.0f}% of those years (range {p['low']:.2f} in {int(p['low_year'])} to "
                f"{p['high']:.2f} in {int(p['high_year'])})"
            )
        out.append(
            f"Agreement with {name(ref)} in {int(first['recent_from'])}–{int(first['recent_to'])}: "
            + "; ".join(lines)
            + "."
        )
    return out


def _ideal_words(ideal: pd.DataFrame, countries: list[str]) -> str:
    parts = []
    for c in countries:
        t = ideal[(ideal["country"] == c).to_numpy()].sort_values("year")
        if len(t) <= _RECENT:
            continue
        recent, past = t.iloc[-_RECENT:], t.iloc[:-_RECENT]
        interval = ""
        if recent["q05"].notna().all():
            lo, hi = recent["q05"].iloc[-1], recent["q95"].iloc[-1]
            interval = f", 90% interval of the last year {lo:.2f} to {hi:.2f}"
        parts.append(
            f"{name(c)} {recent['ideal_point'].mean():.2f} in {int(recent['year'].iloc[0])}–"
            f"{int(recent['year'].iloc[-1])}{interval} (its earlier range {past['ideal_point'].min():.2f} to "
            f"{past['ideal_point'].max():.2f})"
        )
    if not parts:
        return ""
    return "Ideal points (United States positive): " + "; ".join(parts) + "."


def section_longrun(ctx: Context, w: Writer) -> Section:
    from unvotes.measures import alignment
    from unvotes.plots import plot_style, source_caption
    from unvotes.plots.longrun import era_table, plot_long_run

    countries, refs = ctx.countries, ctx.references
    sec = Section("longrun", f"The long run: {names(countries)} against {names(refs)}, 1946 on")
    vm = ctx.ga
    with warnings.catch_warnings():  # years before a member joined are NaN by design, and said so below
        warnings.simplefilter("ignore", CoverageWarning)
        table = alignment(vm, countries, refs, measure="percent", by="year")
    if table.empty or int(table["n"].sum()) == 0:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these countries."
        return sec
    ideal = ctx.ideal
    ideal = ideal[ideal["country"].isin(countries).to_numpy() | ideal["seat"].isin(refs).to_numpy()]
    years = pd.to_numeric(table.loc[table["n"] > 0, "period"])
    span = (int(years.min()), int(years.max()))
    used = vm.rollcalls[vm.rollcalls["year"].between(*span).to_numpy()]
    eras = era_table()
    bands = (
        f", bands: 90% intervals from {ctx.ideal_bootstrap} bootstrap replicates"
        if ctx.ideal_bootstrap
        else ""
    )
    caption = source_caption(
        ctx.dataset,
        used["rcid"],
        note=f"Share of identical votes (Y, A, N); ideal points: Bailey–Strezhnev–Voeten, MAP fit{bands}.",
    )
    with plot_style():
        fig = plot_long_run(
            table,
            countries=countries,
            references=refs,
            ideal=ideal,
            eras=eras,
            labels=ctx.labels,
            years=span,
            caption=caption,
        )
    w.figure(fig, "long-run")
    sec.charts.append(
        ("long-run", f"Agreement of {names(countries)} with {names(refs)} and their ideal points, by year")
    )
    sec.tables.append(w.table(table, "long-run-alignment"))
    sec.tables.append(w.table(ideal, "long-run-ideal-points"))
    placed = recent_against_history(table)
    sec.tables.append(w.table(placed, "long-run-recent"))
    sec.tables.append(w.table(eras, "eras"))
    partial = table[table["partial_period"].fillna(False).astype(bool).to_numpy()]["period"].unique()
    head = (
        f"Share of identical votes on General Assembly roll calls, {span[0]}–{span[1]}, per year; the marker "
        f"area grows with the number of joint votes (years with fewer than {_MIN_VOTES} are not drawn)"
        + (
            f"; {names_of_years(partial)} {'is' if len(partial) == 1 else 'are'} only partly in the data "
            "(hollow markers, dashed)"
            if len(partial)
            else ""
        )
        + f". Era markers: {', '.join(f'{e.label} ({e.date.year})' for e in eras.itertuples())}."
    )
    text = [head, *_words(placed, countries, refs)]
    ideal_text = _ideal_words(ideal, countries)
    if ideal_text:
        text.append(ideal_text)
    if not np.isfinite(ideal["q05"].to_numpy(dtype=float)).any():
        text.append("The ideal points' intervals were not computed (no bootstrap).")
    sec.paragraph = " ".join(text)
    return sec
