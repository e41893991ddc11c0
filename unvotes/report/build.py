"""``unvotes report``: the seed-story charts, their tables and an HTML page, in one command.

:func:`build_report` draws every chart from the dataset it is given, writes
the tables behind them as CSV, and an ``index.html`` showing them with
captions written from the numbers. Sections whose data is missing (e.g. no
ES-11 votes in Voeten's data) say so instead of failing. It never overwrites
a file it did not create (see :mod:`unvotes.report.files`). The sections
are in :mod:`unvotes.report.sections`, the page in :mod:`unvotes.report.page`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import unvotes.report.sections as sec
from unvotes.errors import ArgumentError
from unvotes.export import FIGURE_FORMATS, normalize_formats
from unvotes.model import Dataset
from unvotes.registry import country_codes
from unvotes.report.files import install, precheck, remove_tree
from unvotes.report.page import Section, render_html
from unvotes.report.writer import Writer, default_workers

__all__ = ["build_report"]


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
    labels: str = "name",
    ideal_bootstrap: int = 20,
    explorer: bool = True,
    cache: str | os.PathLike[str] | None = None,
    workers: int | None = None,
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
    labels
        ``"name"`` (default) or ``"code"``: how charts label countries.
    ideal_bootstrap
        Bootstrap replicates for the ideal points' intervals (default 20; 0:
        none). The fit of the embedded default with 20 replicates ships with
        the package; on other data the fit is cached in the unvotes cache
        folder (or ``cache``) keyed by the data, so only the first report on
        them pays for it (see :mod:`unvotes.measures.ideal_store`).
    workers
        Processes that render the charts (default: one per core; 1: in this
        process, one after the other). Each chart is drawn once.
    explorer
        Also write ``explorer.html``: one self-contained page where a reader
        picks a country and a reference (see :mod:`unvotes.report.explorer`).
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
    from unvotes.plots import VOTE_COLORS

    # normalised once (case, dots, repeats), so that file names and links agree with what save_figure writes
    formats = normalize_formats(formats, FIGURE_FORMATS, "formats")
    out = Path(out_dir)
    codes = country_codes(list(countries))
    refs = country_codes(list(references))
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ArgumentError(f"workers must be a whole number >= 1 or None, not {workers!r}")
    if labels not in ("name", "code"):
        raise ArgumentError(f"labels must be 'name' or 'code', not {labels!r}")
    ctx = sec.Context(dataset, codes, refs, labels=labels, ideal_bootstrap=ideal_bootstrap, cache=cache)
    steps: list[tuple[str, Callable[[Writer], Section]]] = [
        ("Ukraine in the Assembly (ES-11)", lambda w: sec.section_ukraine(ctx, w)),
        ("the abstention bloc", lambda w: sec.section_abstention(ctx, w)),
        ("the long run and ideal points", lambda w: sec.section_longrun(ctx, w)),
        ("the Security Council", lambda w: sec.section_council(ctx, w)),
        ("topics", lambda w: sec.section_topics(ctx, w)),
        ("who votes with whom", lambda w: sec.section_heatmap(ctx, w)),
        ("cohesion of SAARC and the OIC", lambda w: sec.section_cohesion(ctx, w)),
    ]
    total = len(steps) + 1 + int(explorer)
    step = _progress((stream or sys.stderr) if progress else None, total)
    precheck(out)
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unvotes-report-", dir=parent))
    try:
        writer = Writer(staging, formats, workers=default_workers() if workers is None else workers)
        sections = []
        for label, make in steps:
            step(label)
            sections.append(make(writer))
        writer.flush()  # every chart rendered, on the cores
        if explorer:
            from unvotes.report.explorer import write_explorer

            step("explorer.html")
            writer.names.append(write_explorer(ctx, staging))
        step("index.html")
        summary = dataset.summary()
        intro = (
            f"Generated by unvotes from {', '.join(dataset.sources)}: {summary['rollcalls']:,} roll calls, "
            f"{summary['votes']:,} votes. The tables behind the charts are CSV; every paragraph is computed "
            "from the data shown."
        )
        others = [f for f in formats if f != "png"]
        page = render_html(
            "UN voting report",
            intro,
            sections,
            dict(VOTE_COLORS),
            others,
            explorer="explorer.html" if explorer else None,
        )
        (staging / "index.html").write_text(page, encoding="utf-8")
        writer.names.append("index.html")
        install(staging, out, writer.names)
    finally:
        remove_tree(staging)
    return out / "index.html"
