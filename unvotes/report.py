"""``unvotes report``: the seed-story charts, their tables and an HTML page, in one command.

:func:`build_report` draws every chart from the dataset it is given, writes
the tables behind them as CSV, and an ``index.html`` showing them with
captions written from the numbers. Sections whose data is missing (e.g. no
ES-11 votes in Voeten's data) say so instead of failing. It never overwrites
a file it did not create (see :mod:`unvotes._reportfiles`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pandas as pd

from unvotes._reportfiles import Section, install, precheck, remove_tree, render_html
from unvotes.dataset import Dataset

__all__ = ["build_report"]

_RESAMPLES = 100
_MIN_EXCESS = 1.5
_COHESION_GROUPS = ("SAARC", "OIC")
_VOTE_WORDS = {"Y": "voted yes", "A": "abstained", "N": "voted no", "X": "did not vote"}


class _Writer:
    """Collects the files of a report in a staging folder."""

    def __init__(self, staging: Path, formats: Sequence[str]) -> None:
        self.staging = staging
        self.formats = list(formats)
        self.names: list[str] = []

    def figure(self, fig: Any, stem: str) -> None:
        import matplotlib.pyplot as plt

        from unvotes.export import save_figure

        formats = ["png", *(f for f in self.formats if f != "png")]
        try:
            save_figure(fig, self.staging / stem, formats=formats, dpi=110, bbox_inches=None)
        finally:
            plt.close(fig)
        self.names += [f"{stem}.{fmt}" for fmt in formats]

    def table(self, table: pd.DataFrame, stem: str) -> str:
        from unvotes.export import save_table

        save_table(table, self.staging / stem, formats="csv")
        self.names.append(f"{stem}.csv")
        return f"{stem}.csv"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _day(value: Any) -> str:
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


def _es11(ds: Dataset) -> pd.DataFrame:
    rc = ds.rollcalls
    sym = rc["resolution"].fillna("").astype(str)
    hit = rc[sym.str.startswith("A/RES/ES-11/").to_numpy() & (rc["modality"] == "recorded vote").to_numpy()]
    hit = hit[~(hit["amendment"].fillna(False) | hit["paragraph"].fillna(False)).to_numpy()]
    number = hit["resolution"].str.extract(r"ES-11/(\d+)")[0].astype(int)
    return hit.assign(_k=number.to_numpy()).sort_values(["_k", "date"]).drop(columns="_k")


def _section_es11(ds: Dataset, w: _Writer, countries: list[str]) -> Section:
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


def _section_alignment(ds: Dataset, w: _Writer, countries: list[str], references: list[str]) -> Section:
    from unvotes.alignment import alignment
    from unvotes.plots import plot_alignment_grid, plot_style, source_caption

    sec = Section("alignment", f"Alignment of {_join(countries)} with {_join(references)} by year")
    table = alignment(ds, countries, references, measure=["percent", "kappa"], by="year", body="GA")
    percent = table[(table["measure"] == "percent").to_numpy()]
    if percent.empty or int(percent["n"].sum()) == 0:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these countries."
        return sec
    years = percent.loc[percent["n"] > 0, "period"]
    rc = ds.rollcalls
    used = rc[(rc["body"] == "GA").to_numpy() & (rc["modality"] != "without a vote").to_numpy()]
    used = used[used["year"].between(int(years.min()), int(years.max())).to_numpy()]
    caption = source_caption(ds, used["rcid"], note="Measure: share of identical votes.")
    with plot_style():
        fig = plot_alignment_grid(percent, references=references, countries=countries, caption=caption)
    w.figure(fig, "alignment-by-year")
    sec.charts.append(("alignment-by-year", f"Agreement of {_join(countries)} with each reference, by year"))
    sec.tables.append(w.table(table, "alignment-by-year"))
    sec.paragraph = _alignment_paragraph(percent, countries, references)
    return sec


def _section_heatmap(ds: Dataset, w: _Writer, countries: list[str], references: list[str]) -> Section:
    from unvotes.alignment import agreement_matrix
    from unvotes.groups import group_members
    from unvotes.plots import plot_agreement_heatmap, plot_style, source_caption

    sec = Section("heatmap", "Who votes with whom")
    rc = ds.rollcalls
    ga = rc[(rc["body"] == "GA").to_numpy() & (rc["modality"] != "without a vote").to_numpy()]
    if ga.empty:
        sec.unavailable = "This data has no General Assembly roll calls."
        return sec
    last = pd.Timestamp(ga["date"].max())
    present = set(ds.votes["country"].astype(str))
    wanted = list(dict.fromkeys([*countries, *references, *group_members("SAARC", last), "GBR", "FRA"]))
    codes = [c for c in wanted if c in present]
    if len(codes) < 2:
        sec.unavailable = "Fewer than two of these countries voted in this data."
        return sec
    matrix = agreement_matrix(ds, countries=codes, body="GA")
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


def _section_blocs(ds: Dataset, w: _Writer, countries: list[str]) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.abstention import pair_abstention
    from unvotes.blocs import abstention_blocs
    from unvotes.matrix import vote_matrix
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
    vm = vote_matrix(ds, rcids=rcids)  # one matrix for the blocs and for the network's edges
    blocs = abstention_blocs(vm, resamples=_RESAMPLES, seed=0)
    members = blocs.countries[(blocs.countries["abstentions"] > 0).to_numpy()].reset_index(drop=True)
    # the blocs' null: joint abstentions against each roll call's abstention rate
    edges = pair_abstention(vm, members["country"].astype(str).tolist(), null="rollcall")
    pairs = edges[["country", "partner", "joint", "expected"]]
    caption = source_caption(
        ds, rcids, note=f"Louvain blocs; core = co-assigned in ≥ 80% of {_RESAMPLES} bootstrap resamples."
    )
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


def _section_cohesion(ds: Dataset, w: _Writer) -> Section:
    import matplotlib.pyplot as plt

    from unvotes.cohesion import agreement_index
    from unvotes.plots import plot_cohesion, plot_style, source_caption

    sec = Section("cohesion", "Cohesion of the South Asian states (SAARC) and of the OIC")
    table = agreement_index(ds, list(_COHESION_GROUPS), by="year", body="GA")
    if table.empty:
        sec.unavailable = "This data has no General Assembly roll calls with votes of these groups."
        return sec
    rc = ds.rollcalls
    used = rc[(rc["body"] == "GA").to_numpy() & (rc["modality"] != "without a vote").to_numpy()]
    used = used[used["year"].between(int(table["period"].min()), int(table["period"].max())).to_numpy()]
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


def _progress(stream: TextIO | None, total: int) -> Callable[[str], None]:
    state = {"k": 0}

    def step(label: str) -> None:
        state["k"] += 1
        if stream is not None:
            print(f"[{state['k']}/{total}] {label}", file=stream, flush=True)

    return step


def build_report(
    dataset: Dataset,
    out_dir: str | os.PathLike[str] = "unvotes-report",
    *,
    countries: Sequence[str] = ("PAK", "IND", "LKA", "BGD"),
    references: Sequence[str] = ("USA", "RUS", "CHN"),
    formats: Sequence[str] = ("png",),
    progress: bool = True,
    stream: TextIO | None = None,
) -> Path:
    """Write the seed-story report: charts (PNG and SVG), their tables (CSV) and ``index.html``.

    Parameters
    ----------
    dataset
        The data to report on (the bundled sample has every section).
    out_dir
        Folder to write into (created if needed).
    countries, references
        Codes or names of the countries followed and of the references they
        are compared with.
    formats
        Chart formats besides the PNG shown in the page: any of ``"png"``,
        ``"svg"``, ``"pdf"`` (see :func:`unvotes.export.save_figure`).
    progress
        Print one ``[k/N] step`` line per step to ``stream`` (default
        standard error).

    Returns
    -------
    pathlib.Path
        The ``index.html`` written.

    Raises
    ------
    FileExistsError
        When the folder holds files that the report would overwrite but did
        not create, or that were edited since it wrote them (nothing is
        written then). The folder's ``.unvotes-report.json`` lists the files
        the report wrote, with their SHA-256.

    Examples
    --------
    Writing the whole report takes a while (the tests run it):

    >>> import unvotes
    >>> page = build_report(unvotes.load(), "unvotes-report")  # doctest: +SKIP
    >>> page.name  # doctest: +SKIP
    'index.html'
    """
    from unvotes.alignment import _resolve
    from unvotes.export import FIGURE_FORMATS, _formats
    from unvotes.plots import VOTE_COLORS

    # normalised once (case, dots, repeats), so that file names and links agree with what save_figure writes
    formats = _formats(formats, FIGURE_FORMATS, "formats")
    out = Path(out_dir)
    codes = _resolve(list(countries))
    refs = _resolve(list(references))
    steps: list[tuple[str, Callable[[_Writer], Section]]] = [
        ("ES-11 votes by member", lambda w: _section_es11(dataset, w, codes)),
        ("abstention blocs of the Ukraine votes", lambda w: _section_blocs(dataset, w, codes)),
        ("alignment by year", lambda w: _section_alignment(dataset, w, codes, refs)),
        ("cohesion of SAARC and the OIC", lambda w: _section_cohesion(dataset, w)),
        ("agreement heatmap", lambda w: _section_heatmap(dataset, w, codes, refs)),
    ]
    step = _progress((stream or sys.stderr) if progress else None, len(steps) + 1)
    precheck(out)
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unvotes-report-", dir=parent))
    try:
        writer = _Writer(staging, formats)
        sections = []
        for label, make in steps:
            step(label)
            sections.append(make(writer))
        step("index.html")
        summary = dataset.summary()
        intro = (
            f"Generated by unvotes from {', '.join(dataset.sources)}: {summary['rollcalls']:,} roll calls, "
            f"{summary['votes']:,} votes. The tables behind the charts are CSV; every paragraph is computed "
            "from the data shown."
        )
        others = [f for f in formats if f != "png"]
        page = render_html("UN voting report", intro, sections, dict(VOTE_COLORS), others)
        (staging / "index.html").write_text(page, encoding="utf-8")
        writer.names.append("index.html")
        install(staging, out, writer.names)
    finally:
        remove_tree(staging)
    return out / "index.html"


def _cmd_report(args: Any, out: TextIO, err: TextIO) -> int:
    from unvotes.cli import _load

    ds = _load(args.data, err)
    split = [s.strip() for s in args.countries.split(",") if s.strip()]
    refs = [s.strip() for s in args.reference.split(",") if s.strip()]
    formats = [s.strip() for s in args.formats.split(",") if s.strip()]
    page = build_report(
        ds, args.out, countries=split, references=refs, formats=formats, progress=not args.quiet, stream=err
    )
    print(f"report written: {page.resolve()}", file=out)
    return 0


def add_subcommands(sub: Any, data_help: str) -> None:
    """Register ``unvotes report`` on the CLI's subparsers."""
    report = sub.add_parser("report", help="write the charts, tables and an HTML page of the seed story")
    report.add_argument("--data", action="append", metavar="SRC", help=data_help)
    report.add_argument(
        "--out", default="unvotes-report", metavar="DIR", help="folder (default unvotes-report)"
    )
    report.add_argument(
        "--countries",
        default="PAK,IND,LKA,BGD",
        help="comma-separated codes or names (default PAK,IND,LKA,BGD)",
    )
    report.add_argument(
        "--reference", default="USA,RUS,CHN", help="comma-separated references (default USA,RUS,CHN)"
    )
    report.add_argument(
        "--formats", default="png", help="chart formats, comma-separated: png, svg, pdf (default png)"
    )
    report.add_argument("--quiet", action="store_true", help="no progress lines")
    report.set_defaults(func=_cmd_report)
